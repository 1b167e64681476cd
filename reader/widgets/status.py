"""One line of facts at the bottom of every screen: where the store is, who tags, how much is done,
and what the last key did (`say`: "Claim: 'The minister said…'").

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
        self._message = ""
        self._shown: str | None = None

    def show(self, *parts: str | Part) -> None:
        self._parts = [
            Part(display_safe(p)) if isinstance(p, str) else Part(display_safe(p.text), p.optional)
            for p in parts
        ]
        self._render_parts()

    def say(self, message: str) -> None:
        """What the last key did, after the facts it changed and before the optional ones, until
        `hush`. A toast per tag lays the whole screen out when it is mounted, sized and gone: on a
        long article that doubled a tag key's latency in a real terminal."""
        self._message = display_safe(message)
        self._render_parts()

    def hush(self) -> None:
        """Forget the message; the next `show` draws the line without it."""
        self._message = ""

    @property
    def message(self) -> str:
        return self._message

    def _render_parts(self) -> None:
        width = self.content_region.width or max(20, self.app.size.width - 2)
        parts = self._parts
        if self._message:
            at = next((n for n, p in enumerate(parts) if p.optional), len(parts))
            parts = [*parts[:at], Part(self._message), *parts[at:]]
        line = fit(parts, width, cell_len)
        if line == self._shown:
            return  # the same line (a move within the counts' sentence): no repaint
        self._shown = line
        # One line, always: no layout pass on every keystroke.
        self.update(Text(line, no_wrap=True, overflow="ellipsis"), layout=False)

    def on_resize(self, event: events.Resize) -> None:
        if self._parts:
            self._render_parts()

    @property
    def plain(self) -> str:
        content = self.content
        return content.plain if isinstance(content, Text) else str(content)
