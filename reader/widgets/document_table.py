"""The library's table, drawn with the Line API so 10,000 documents cost no more than 30.

A `DataTable` measures every cell on each change (about a second for 10,000 rows); this view only
styles the rows on screen. Titles and file names are data: `display_safe` and plain segments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from reader import commands
from reader.services.entries import Entry
from reader.text.sanitize import display_safe
from reader.widgets.row_cursor import RowCursor

BAR = 8


@dataclass(slots=True)
class Row:
    entry: Entry
    tagged: int = 0  # taggable sentences holding at least one annotation
    orphans: int = 0  # annotations that lost their place in the current text
    team: str = ""  # who tagged it and who finished it: a letter per annotator, ✓ when finished ("A✓ B")

    @property
    def progress(self) -> float:
        return self.tagged / self.entry.taggable if self.entry.taggable else 0.0

    @property
    def mark(self) -> str:
        if self.entry.error:
            return "✗"
        return "!" if self.orphans else ""


def progress_text(tagged: int, total: int) -> str:
    filled = round(BAR * tagged / total) if total else 0
    return "█" * filled + "░" * (BAR - filled) + f" {tagged}/{total}"


class DocumentTable(RowCursor, can_focus=True, inherit_bindings=False):
    """Rows of documents with a row cursor; Enter is the screen's business."""

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DOCUMENT_TABLE)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-table--header",
        "document-table--cursor",
        "document-table--error",
        "document-table--orphan",
        "document-table--dim",
        "document-table--bar",
        "document-table--done",
    }

    @dataclass
    class Chosen(Message):
        """A row was clicked twice or chosen with Enter."""

        table: DocumentTable
        entry: Entry

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self._base_style: Style | None = None
        self._strips: LRUCache[tuple[int, bool, int, bool], Strip] = LRUCache(1000)
        self._team_width = 0  # the Team column appears once some document has a team cell

    # -- data --------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on the document `keep` (a path) when still listed."""
        current = keep if keep is not None else (self.current.entry.path if self.current else None)
        self.rows = list(rows)
        self._strips.clear()
        self._team_width = min(16, max((cell_len(r.team) for r in self.rows), default=0))
        if self._team_width:
            self._team_width = max(4, self._team_width)
        self.cursor = 0
        if current is not None:
            for i, row in enumerate(self.rows):
                if row.entry.path == current:
                    self.cursor = i
                    break
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self._show_cursor()
        self.refresh()

    def replace_rows(self, rows: Mapping[int, Row]) -> None:
        """Put new rows at these indexes (the same documents, newly read); nothing moves."""
        if not rows:
            return
        for index, row in rows.items():
            self.rows[index] = row
        self._strips.clear()  # keyed by id(row): a freed row's id can come back
        top = int(self.scroll_y)
        if any(top <= index <= top + self.size.height for index in rows):
            self.refresh()

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def chosen(self, index: int) -> None:
        self.post_message(self.Chosen(self, self.rows[index].entry))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme: cached rows have the old colours
        self._base_style = None

    # -- rendering ---------------------------------------------------------------------------------

    def _widths(self, width: int) -> tuple[int, ...]:
        """mark, title, date, file, sentences, tagged, and team when shown (one space between columns)."""
        mark, date, sentences, tagged = 1, 10, 5, BAR + 10
        file = max(8, min(28, width // 5))
        team = (self._team_width,) if self._team_width else ()
        spare = sum(team) + len(team)
        title = max(8, width - (mark + date + file + sentences + tagged) - 5 - spare)
        return (mark, title, date, file, sentences, tagged, *team)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True, default=Style())

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._base_style is None:
            self._base_style = self.rich_style  # costly (walks the ancestors): once, not per line
        base = self._base_style
        if y == 0:
            cells = ("", "Title", "Date", "File", "Sent.", "Tagged", *(("Team",) if self._team_width else ()))
            header = base + self._style("document-table--header")
            return self._strip(cells, [header] * len(cells), width, header)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        key = (id(row), index == self.cursor, width, self.has_focus)
        cached = self._strips.get(key)
        if cached is None:
            cached = self._strips[key] = self._render_row(index, row, width, base)
        return cached

    def _render_row(self, index: int, row: Row, width: int, base: Style) -> Strip:
        entry = row.entry
        style = base + self._style("document-table--cursor") if index == self.cursor else base
        dim = style + self._style("document-table--dim")
        if entry.error:
            title, title_style = f"unreadable: {entry.error}", style + self._style("document-table--error")
        elif not entry.title_known:
            title, title_style = entry.title or "…", dim  # provisional until the pipeline has read it
        else:
            title, title_style = entry.title or "(no title)", style if entry.title else dim
        mark_style = style + self._style("document-table--error" if entry.error else "document-table--orphan")
        if entry.scanned and not entry.error:
            count = str(entry.taggable)  # the sentences to tag: headings and captions are not
            bar = progress_text(row.tagged, entry.taggable)
            bar_style = style + self._style(
                "document-table--done"
                if row.tagged and row.tagged == entry.taggable
                else "document-table--bar"
            )
            if row.orphans:
                bar += f" !{row.orphans}"
        else:
            count, bar, bar_style = "", "", dim
        cells: tuple[str, ...] = (row.mark, title, entry.date or "", entry.relpath, count, bar)
        styles = [mark_style, title_style, style, dim, style, bar_style]
        if self._team_width:
            cells, styles = (*cells, row.team), [*styles, style]
        return self._strip(cells, styles, width, style)

    def _strip(self, cells: Sequence[str], styles: Sequence[Style], width: int, row_style: Style) -> Strip:
        segments: list[Segment] = []
        widths = self._widths(width)
        for n, (text, w, style) in enumerate(zip(cells, widths, styles, strict=True)):
            text = display_safe(text[: w * 2]).replace("\t", " ")
            if cell_len(text) > w:
                text = set_cell_size(text, w - 1) + "…"
            if n == 4:
                text = text.rjust(w)
            segments.append(Segment(set_cell_size(text, w), style))
            segments.append(Segment(" ", row_style))
        return Strip(segments).crop_extend(0, width, row_style)
