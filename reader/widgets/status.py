"""One line of facts at the bottom of every screen: where the store is, who tags, how much is done.

A part marked optional (`Part(text, optional=True)`) is dropped whole when the line is too narrow,
the last optional first, so what the last key changed (a count, the selection, the hit) stays whole
at 80 columns instead of ending in "sele…".
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static

from reader.services.status_fit import Part, fit
from reader.text.sanitize import display_safe

__all__ = ["Part", "StatusLine"]


class StatusLine(Static):
    """Plain text only: the parts may hold file names and titles, which are data, not markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self._parts: list[Part] = []

    def show(self, *parts: str | Part) -> None:
        self._parts = [
            Part(display_safe(p)) if isinstance(p, str) else Part(display_safe(p.text), p.optional)
            for p in parts
        ]
        self._render_parts()

    def _render_parts(self) -> None:
        width = self.content_region.width or max(20, self.app.size.width - 2)
        text = Text(fit(self._parts, width, cell_len), no_wrap=True, overflow="ellipsis")
        # One line, always: no layout pass on every keystroke.
        self.update(text, layout=False)

    def on_resize(self, event: events.Resize) -> None:
        if self._parts:
            self._render_parts()

    @property
    def plain(self) -> str:
        content = self.content
        return content.plain if isinstance(content, Text) else str(content)
