"""A read-only table of many rows with a row cursor, drawn line by line (the Line API).

`DataTable` builds every row up front: 30,000 documents took 11 s to add and a second per key on the
agreement screen. Here a row is a tuple of cells, each a list of (text, style) fragments, and only the
visible lines are drawn. The cursor keys are the document list's (`commands.DOCUMENT_TABLE`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from reader import commands
from reader.text.sanitize import display_safe
from reader.widgets.row_cursor import RowCursor

Fragment = tuple[str, str]  # text, Rich style ("" for the row's)
Cell = Sequence[Fragment]


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # 0: takes what is left
    right: bool = False


class RowTable(RowCursor, can_focus=True, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DOCUMENT_TABLE)

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-table--header", "row-table--cursor"}

    DEFAULT_CSS = """
    RowTable { height: 1fr; }
    RowTable > .row-table--header { text-style: bold; }
    RowTable > .row-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """

    @dataclass
    class Chosen(Message):
        table: RowTable
        index: int

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(self, columns: Sequence[Column] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.rows: list[Sequence[Cell]] = []

    def set_rows(self, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> None:
        self.columns = list(columns)
        self.rows = list(rows)
        self.cursor = 0
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def chosen(self, index: int) -> None:
        self.post_message(self.Chosen(self, index))

    def _widths(self, width: int) -> list[int]:
        fixed = sum(c.width + 1 for c in self.columns if c.width)
        flexible = [c for c in self.columns if not c.width]
        left = max(8, width - fixed - len(flexible))
        return [c.width or left // max(1, len(flexible)) for c in self.columns]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("row-table--header")
            cells: Sequence[Cell] = [[(c.title, "")] for c in self.columns]
            return self._strip(cells, width, base + header)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor and self.has_focus:
            style = base + self.get_component_rich_style("row-table--cursor")
        elif index == self.cursor:
            style = base + Style(reverse=True)
        return self._strip(self.rows[index], width, style)

    def _strip(self, cells: Sequence[Cell], width: int, row_style: Style) -> Strip:
        segments: list[Segment] = []
        for column, w, cell in zip(self.columns, self._widths(width), cells, strict=False):
            parts: list[Segment] = []
            used = 0
            for text, style in cell:
                text = display_safe(text[: w * 2])
                room = w - used
                if room <= 0:
                    break
                if cell_len(text) > room:
                    text = set_cell_size(text, room - 1) + "…"
                parts.append(Segment(text, row_style + Style.parse(style) if style else row_style))
                used += cell_len(text)
            pad = Segment(" " * (w - used), row_style)
            segments += [pad, *parts] if column.right else [*parts, pad]
            segments.append(Segment(" ", row_style))
        return Strip(segments).crop_extend(0, width, row_style)
