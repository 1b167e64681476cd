"""The row cursor shared by the line-drawn tables (the library's documents, the agreement screen's
rows): moving, paging, keeping the cursor in view and a double click to choose. Row 0 of the view is
the header, so row n of `rows` is drawn on line n + 1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView


class RowCursor(ScrollView):
    """Subclasses set `rows` and say what choosing a row means (`chosen`)."""

    rows: Sequence[Any]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = []
        self.cursor = 0

    def chosen(self, index: int) -> None:
        """Row `index` was clicked twice: post the table's own message."""

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._show_cursor()
        self.refresh()

    def _show_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(1, self.scrollable_content_region.height - 2))

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.rows) - 1 if end else 0)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = int(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self.rows):
            again = index == self.cursor and event.chain > 1
            self.move_to(index)
            if again:
                self.chosen(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
