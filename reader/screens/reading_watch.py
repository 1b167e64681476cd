"""The reading screen follows the store when another window or process writes to the open document.

Once a second, and when the screen comes back to the front, a thread worker compares the document
file's revision (one stat, `Store.revision`) with the one last shown and, when it moved, reads the
state again; the screen applies it unless a write of its own landed meanwhile (that write's state is
newer). So a window never keeps showing a tag the store no longer holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.services.tag_state import TagState, read_state

if TYPE_CHECKING:
    from annotations.model import DocumentRef
    from reader.screens.reading import ReadingScreen

INTERVAL = 1.0  # seconds between two checks: one stat each, so cheap even on a slow disk


@dataclass
class StoreChanged(Message):
    ref: DocumentRef
    state: TagState
    generation: int


class StoreWatch:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._revision: tuple[int, int, int] | None = None
        self.generation = 0  # counts the states applied; a check started before one is stale

    @property
    def revision(self) -> tuple[int, int, int] | None:
        """The store revision of the state on screen (None: not known yet)."""
        return self._revision

    def start(self) -> None:
        self._screen.set_interval(INTERVAL, self.check, name="store-watch")

    def shown(self, revision: tuple[int, int, int] | None) -> None:
        """Call when applying a state read after a write, with the revision read beside it."""
        self.generation += 1
        self._revision = revision

    def check(self) -> None:
        screen = self._screen
        ref = screen.ref
        if ref is None or screen.reader.writes_pending:
            return
        store, known, generation = screen.reader.store, self._revision, self.generation

        def look() -> None:
            try:
                revision = store.revision(ref.id)
                if revision == known:
                    return
                state = read_state(store, ref.id)
            except Exception:  # an unreadable file: the next write says so, once, not every second
                return
            self._revision = revision
            screen.post_message(StoreChanged(ref, state, generation))

        screen.run_worker(look, thread=True, group="store-watch", exclusive=True, exit_on_error=False)

    def changed(self, message: StoreChanged) -> bool:
        """Whether the screen should apply the state of this message (no write of its own since)."""
        if message.ref is not self._screen.ref or message.generation != self.generation:
            return False
        self.generation += 1
        return True
