"""Search on the reading screen: `/` opens the box, Enter finds every hit, n and N move between
them. The screen owns one `Search` and its actions call it; nothing here is a message handler."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from reader.services.search import find_hits, next_hit

if TYPE_CHECKING:
    from reader.screens.reading import ReadingScreen


class Search:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.hits: list[tuple[int, int]] = []
        self._current: int | None = None  # index of the hit n/N last went to

    def find(self, query: str) -> None:
        """Every case-insensitive hit; the cursor goes to the first one at or after it."""
        screen = self._screen
        analysis = screen.analysis
        self.hits = find_hits(analysis.document.text, query) if analysis is not None else []
        self._current = None
        screen.show_overlays()
        if not self.hits:
            if query:
                screen.notify("Not found.", markup=False)
        else:
            self.step(1, from_cursor=True)
        screen.show_status()
        screen.refresh_bindings()

    def step(self, step: int, from_cursor: bool = False) -> None:
        if not self.hits:
            return
        view = self._screen.view
        sentence = view.sentences[view.cursor] if view.sentences else (0, 0)
        hit = next_hit(self.hits, sentence, step, from_cursor)
        self._current = bisect_left(self.hits, hit)
        view.move_to(view.sentence_at(hit[0]))

    def current(self) -> int | None:
        """The index of the hit last gone to, while the cursor is on its sentence ("hit 2/7")."""
        view = self._screen.view
        if self._current is None or self._current >= len(self.hits) or not view.sentences:
            return None
        a, b = view.sentences[view.cursor]
        return self._current if a <= self.hits[self._current][0] < b else None
