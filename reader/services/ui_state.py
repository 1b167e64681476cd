"""Where the user was: the last document opened and the cursor in each document, kept between runs.

Local UI state, in the per-user state folder ($READER_STATE, else platformdirs' user_state_dir), never
in the store: the store may be synced between people and machines, a cursor is this user's here. It is
not precious either: a file that cannot be read or written is ignored (the app starts at the top).
No Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

from annotations.location import APP_NAME

FILE = "ui-state.json"
KEPT = 2_000
"""Documents whose cursor is remembered (the most recently read)."""


def default_state_dir() -> Path:
    env = os.environ.get("READER_STATE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


class UiState:
    """The last document (by its path) and each document's cursor (a code point offset)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / FILE
        self._positions: dict[str, int] = {}
        self.last_document: str | None = None
        self._saved: tuple[Any, ...] = ()
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            positions = data.get("positions", {})
            last = data.get("last_document")
        except (OSError, ValueError, AttributeError):
            return
        if isinstance(positions, dict):
            self._positions = {
                str(k): v for k, v in positions.items() if isinstance(v, int) and not isinstance(v, bool)
            }
        self.last_document = last if isinstance(last, str) else None
        self._saved = self._snapshot()

    def position(self, path: str) -> int | None:
        return self._positions.get(path)

    def remember(self, path: str, offset: int | None = None) -> None:
        """`path` is the document read last; `offset`, when given, is its cursor."""
        self.last_document = path
        if offset is not None:
            self._positions.pop(path, None)
            self._positions[path] = max(0, offset)
            while len(self._positions) > KEPT:
                del self._positions[next(iter(self._positions))]

    def _snapshot(self) -> tuple[Any, ...]:
        return (self.last_document, tuple(self._positions.items())[-1:], len(self._positions))

    def save(self) -> None:
        """Write the file (replaced whole) when something changed; errors are ignored."""
        if self._snapshot() == self._saved:
            return
        data = {"last_document": self.last_document, "positions": self._positions}
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".ui-state-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(data, out)
                os.replace(tmp, self.file)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            self._saved = self._snapshot()
