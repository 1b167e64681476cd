"""The annotations screen's table: a virtual table (Line API) that renders only the rows on screen.

A DataTable re-measures and re-indexes all its rows on every update, which made a 50,000-row store
take seconds per keystroke; this one keeps the rows as the filter model's plain `Row`s and turns only
the visible ones into Rich `Text`, caching the rendered lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.model import DEFAULT_LABELS
from reader import commands
from reader.services.annotation_filter import Row
from reader.text.sanitize import display_safe

LABELS_STYLED = DEFAULT_LABELS  # the labels with a colour of their own
"""Labels with a colour of their own (component classes, as in the reading view); others are bold."""

COLUMNS: tuple[tuple[str, str, int, int], ...] = (
    # key, title, width at least, share of the width left over
    ("label", "Label", 14, 0),
    ("text", "Text", 24, 3),
    ("speaker", "Speaker", 10, 0),
    ("document", "Document", 16, 1),
    ("annotator", "Annotator", 10, 0),
    ("created", "Created", 10, 0),
    ("note", "Note", 12, 1),
)
DROPPED_FIRST = ("created", "annotator", "speaker")
"""Columns left out, in this order, when the table is too narrow for all: the line under the table
shows them for the row under the cursor, and the Note column stays on screen at 80 columns."""


class RowSource(Protocol):
    """What the table lists: a list of rows, or `Pages`, which reads them as they come on screen."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> Row: ...


GAP = 1
"""Cells between columns."""
CELL_LIMIT = 400
"""Code points of a field kept for display: the widest column never shows more."""
_SPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Untrusted text as one harmless line (display only: offsets never come from it)."""
    return display_safe(_SPACE.sub(" ", text[:CELL_LIMIT]).strip())


def row_cells(row: Row, label_style: Style, orphan_style: Style) -> dict[str, Text]:
    """What the table shows, by column; built only when the row is on screen (Text is costly in bulk)."""
    a = row.annotation
    label = Text.assemble((a.label[:1].upper(), label_style), " ", (a.label, label_style))
    if a.orphan:
        label.append(" orphan", orphan_style)
    if a.verdict:
        label.append(f" [{_one_line(a.verdict)}]", style="bold")
    return {
        "label": label,
        "text": Text(_one_line(a.text), style="dim italic" if a.orphan else ""),
        "speaker": Text(_one_line(a.speaker or "")),
        "document": Text(_one_line(row.document)),
        "annotator": Text(_one_line(a.annotator)),
        "created": Text(row.created.astimezone().date().isoformat() if row.created else "", style="dim"),
        "note": Text(_one_line(a.note)),
    }


class AnnotationTable(ScrollView, can_focus=True):
    """A table that renders only the rows on screen; Enter or a click opens the row under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "annotation-table--header",
        "annotation-table--cursor",
        "annotation-table--orphan",
        "annotation-table--label",
        *(f"annotation-table--{label}" for label in LABELS_STYLED),
    }

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.ANNOTATION_TABLE)

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Opened(Message):
        """The user chose a row."""

        row: Row

    @dataclass
    class VerdictAsked(Message):
        """The user asked for the verdict dialog of the row under the cursor."""

        row: Row

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row (or the rows changed under it)."""

        row: Row | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: RowSource = []
        self._widths: tuple[int, ...] = ()
        self._shown: tuple[str, ...] = ()
        # Rendered rows, so a frame that only moves the cursor or appends rows re-renders two lines.
        self._strips: LRUCache[tuple[object, ...], tuple[Strip, Style]] = LRUCache(512)
        self._set_widths(0)

    @property
    def rows(self) -> RowSource:
        """What the table lists: a list, or `Pages` that reads rows as they come on screen."""
        return self._rows

    @property
    def columns(self) -> tuple[str, ...]:
        """The keys of the columns on screen (narrow tables leave some out, see `DROPPED_FIRST`)."""
        return self._shown

    @property
    def current(self) -> Row | None:
        return self._row(self.cursor)

    def _row(self, index: int) -> Row | None:
        try:
            return self._rows[index] if 0 <= index < len(self._rows) else None
        except IndexError:  # a document file changed under a page: shown at the next reload
            return None

    def set_rows(self, rows: RowSource, cursor: int = 0) -> None:
        """Show these rows (after a new filter, or a change), the cursor at `cursor`."""
        self._rows = rows
        self._strips.clear()
        self._resize()
        self.cursor = cursor
        if cursor == 0:
            self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        self._announce()

    def grew(self) -> None:
        """The rows object got longer (a scan appended): resize and repaint."""
        first = len(self._rows) and self.virtual_size.height <= 1
        self._resize()
        self.refresh()
        self.refresh_bindings()
        if first:
            self._announce()

    def append_rows(self, rows: Iterable[Row]) -> None:
        assert isinstance(self._rows, list)
        before = len(self._rows)
        self._rows.extend(rows)
        if len(self._rows) != before:
            self.grew()

    def changed(self) -> None:
        """Rows were edited or removed in place: forget what was rendered."""
        self._strips.clear()
        self._resize()
        self.cursor = self.validate_cursor(self.cursor)
        self.refresh()
        self.refresh_bindings()
        self._announce()

    def replace_row(self, row: Row) -> None:
        """Show an edited annotation in place (same id), keeping the cursor where it is."""
        if isinstance(self._rows, list):
            for index, old in enumerate(self._rows):
                if old.annotation.id == row.annotation.id:
                    self._rows[index] = row
        self.changed()

    def _resize(self) -> None:
        self.virtual_size = Size(self._line_width, len(self._rows) + 1)  # + the header line

    def _set_widths(self, available: int) -> None:
        """Every column at its width, some sharing what is left; the narrowest screens drop columns."""
        columns = list(COLUMNS)
        for key in DROPPED_FIRST:
            if 1 + sum(width + GAP for _, _, width, _ in columns) <= available:
                break
            columns = [c for c in columns if c[0] != key]
        least = 1 + sum(width + GAP for _, _, width, _ in columns)
        spare = max(0, available - least)
        shares = sum(share for _, _, _, share in columns)
        given = [spare * share // shares for *_, share in columns]
        widths = [width + extra for (_, _, width, _), extra in zip(columns, given, strict=True)]
        text = [key for key, *_ in columns].index("text")
        widths[text] += spare - sum(given)  # what rounding left over
        shown = tuple(key for key, *_ in columns)
        if tuple(widths) != self._widths or shown != self._shown:
            self._widths = tuple(widths)
            self._shown = shown
            self._line_width = 1 + sum(width + GAP for width in widths)
            self._header = self._line(Text(title) for _, title, _, _ in columns)
            self._resize()

    def on_resize(self) -> None:
        self._set_widths(self.scrollable_content_region.width)
        self.refresh()

    def _line(self, cells: Iterable[Text]) -> Text:
        line = Text(" ", no_wrap=True, end="")
        for cell, width in zip(cells, self._widths, strict=True):
            cell = cell.copy()
            cell.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(cell)
            line.append(" " * GAP)
        return line

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            text = self._header
            style = base + self.get_component_rich_style("annotation-table--header")
        else:
            index = scroll_y + y - 1
            row = self._row(index)
            if row is None:
                return Strip.blank(width, base)
            at_cursor = index == self.cursor
            key = (
                row.annotation.id,
                row.annotation.modified,
                at_cursor,
                self.has_focus,
                self._widths,
                self.app.theme,
            )
            cached = self._strips.get(key)
            if cached is None:
                style = base
                if at_cursor:
                    style += self.get_component_rich_style("annotation-table--cursor")
                cells = row_cells(row, self._label_style(row.annotation.label), self._orphan_style())
                text = self._line(cells[k] for k in self._shown)
                cached = (Strip(Segment.apply_style(text.render(self.app.console), style)), style)
                self._strips[key] = cached
            strip, style = cached
            return strip.crop_extend(scroll_x, scroll_x + width, style)
        segments = Segment.apply_style(text.render(self.app.console), style)
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, style)

    def _label_style(self, label: str) -> Style:
        name = label if label in LABELS_STYLED else "label"
        return self.get_component_rich_style(f"annotation-table--{name}", partial=True)

    def _orphan_style(self) -> Style:
        return self.get_component_rich_style("annotation-table--orphan", partial=True)

    # Cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1))

    def watch_cursor(self) -> None:
        self._announce()
        page = self._page_height()
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + page:
            self.scroll_to(y=self.cursor - page + 1, animate=False, immediate=True)
        self.refresh()

    def _announce(self) -> None:
        self.post_message(self.Highlighted(self.current))

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = self.scroll_offset.y + offset.y - 1
        if index < len(self._rows):
            self.cursor = index
            self.action_open()

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return True if self._rows else None
        return True

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._page_height()

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row))

    def action_verdict(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.VerdictAsked(row))
