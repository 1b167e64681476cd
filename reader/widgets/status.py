"""One line of facts at the bottom of every screen: where the store is, who tags, how much is done."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.text.sanitize import display_safe


class StatusLine(Static):
    """Plain text only: the parts may hold file names and titles, which are data, not markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)

    def show(self, *parts: str) -> None:
        text = Text(" · ".join(display_safe(p) for p in parts if p), no_wrap=True, overflow="ellipsis")
        # One line, always: no layout pass on every keystroke.
        self.update(text, layout=False)

    @property
    def plain(self) -> str:
        content = self.content
        return content.plain if isinstance(content, Text) else str(content)
