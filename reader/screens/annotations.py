"""Every annotation in the store in one filterable table; choosing one jumps to it in its document.

The store may hold tens of thousands of annotations: they are read in a thread worker and shown in
a virtual table (Line API) that renders only the rows on screen. A DataTable re-measures and
re-indexes all its rows on every update, which made a 50,000-row store take seconds per keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.containers import Horizontal
from textual.events import Click, Key
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Header, Input, Static

from annotations.export import parse_time
from reader import commands
from reader.services.dates import DateError, Period, parse_period
from reader.services.jump import JumpTarget
from reader.text.sanitize import display_safe
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store

BATCH = 500
"""Rows the loading thread hands over at a time."""

LABELS_STYLED = ("claim", "quote", "fact")
"""Labels with a colour of their own (component classes, as in the reading view); others are bold."""

COLUMNS: tuple[tuple[str, str, int, int], ...] = (
    # key, title, width at least, share of the width left over (so all six fit in 100 columns)
    ("label", "Label", 14, 0),
    ("text", "Text", 24, 3),
    ("document", "Document", 16, 0),
    ("annotator", "Annotator", 10, 0),
    ("created", "Created", 10, 0),
    ("note", "Note", 12, 1),
)
GAP = 1
"""Cells between columns."""
_TEXT = [key for key, *_ in COLUMNS].index("text")
FILTERS: tuple[tuple[str, str, str], ...] = (
    ("label", "Label", "claim"),
    ("annotator", "Annotator", "name"),
    ("document", "Document", "title or path"),
    ("from", "From", "Jan 2026"),
    ("to", "To", "today"),
)
CELL_LIMIT = 400
"""Code points of a field kept for display: the widest column never shows more."""
_SPACE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    """Untrusted text as one harmless line (display only: offsets never come from it)."""
    return display_safe(_SPACE.sub(" ", text[:CELL_LIMIT]).strip())


class Titled(Protocol):
    """A library entry, as far as this screen cares."""

    @property
    def document_id(self) -> str | None: ...

    @property
    def title(self) -> str | None: ...


def title_map(titles: Mapping[str, str] | Iterable[Titled] | None) -> dict[str, str]:
    """Document id -> title, from a mapping or from library entries (entries without either are skipped)."""
    if titles is None:
        return {}
    if isinstance(titles, Mapping):
        return {str(key): str(value) for key, value in titles.items() if value}
    return {entry.document_id: entry.title for entry in titles if entry.document_id and entry.title}


def created_moment(created: str) -> datetime | None:
    """When an annotation was made, as the export's --since/--until compare it (aware), or None."""
    return parse_time(created) if created else None


@dataclass(frozen=True, slots=True)
class Row:
    """One annotation with what the filters compare, computed once in the loading thread."""

    annotation: Annotation
    document: str  # title, or the path when the title is unknown
    created: datetime | None  # aware; what the from/to fields compare
    label_key: str
    annotator_key: str
    document_key: str  # title and path, for a text match on either

    @classmethod
    def build(cls, annotation: Annotation, titles: Mapping[str, str]) -> Row:
        title = titles.get(annotation.document_id) or annotation.path
        return cls(
            annotation,
            title,
            created_moment(annotation.created),
            annotation.label.casefold(),
            annotation.annotator.casefold(),
            f"{title}\n{annotation.path}".casefold(),
        )

    def cells(self, label_style: Style, orphan_style: Style) -> tuple[Text, ...]:
        """What the table shows; built only when the row is on screen (Text is costly in bulk)."""
        a = self.annotation
        label = Text.assemble((a.label[:1].upper(), label_style), " ", (a.label, label_style))
        if a.orphan:
            label.append(" orphan", orphan_style)
        return (
            label,
            Text(_one_line(a.text), style="dim italic" if a.orphan else ""),
            Text(_one_line(self.document)),
            Text(_one_line(a.annotator)),
            Text(self.created.astimezone().date().isoformat() if self.created else "", style="dim"),
            Text(_one_line(a.note)),
        )


@dataclass(frozen=True)
class Filter:
    """What the user typed; text fields match case-insensitively anywhere, dates are inclusive."""

    label: str = ""
    annotator: str = ""
    document: str = ""
    since: datetime | None = None  # inclusive, aware: the start of the period typed in "from"
    until: datetime | None = None  # inclusive, aware: the end of the period typed in "to"

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    def narrows(self, other: Filter) -> bool:
        """Everything this filter keeps, `other` keeps too (typing one more letter): so only the rows
        `other` kept need looking at again."""
        return (
            other.label in self.label
            and other.annotator in self.annotator
            and other.document in self.document
            and (other.since is None or (self.since is not None and self.since >= other.since))
            and (other.until is None or (self.until is not None and self.until <= other.until))
        )

    def matches(self, row: Row) -> bool:
        if self.label and self.label not in row.label_key:
            return False
        if self.annotator and self.annotator not in row.annotator_key:
            return False
        if self.document and self.document not in row.document_key:
            return False
        if self.since or self.until:
            if row.created is None:
                return False
            if self.since and row.created < self.since:
                return False
            if self.until and row.created > self.until:
                return False
        return True


@dataclass
class RowsLoaded(Message):
    """A batch read by the loading thread."""

    rows: list[Row]


@dataclass
class LoadFinished(Message):
    """The loading thread is done; `error` is one line when the store could not be read."""

    error: str | None = None


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._widths: tuple[int, ...] = ()
        # Rendered rows, so a frame that only moves the cursor or appends rows re-renders two lines.
        self._strips: LRUCache[tuple[object, ...], tuple[Strip, Style]] = LRUCache(512)
        self._set_widths(0)

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def set_rows(self, rows: list[Row]) -> None:
        """Show these rows from the top (after a new filter)."""
        self._rows = rows
        self._resize()
        self.cursor = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def append_rows(self, rows: Iterable[Row]) -> None:
        before = len(self._rows)
        self._rows.extend(rows)
        if len(self._rows) != before:
            self._resize()
            self.refresh()
            self.refresh_bindings()

    def _resize(self) -> None:
        self.virtual_size = Size(self._line_width, len(self._rows) + 1)  # + the header line

    def _set_widths(self, available: int) -> None:
        """Every column at its width, the text and note columns sharing what the screen has left."""
        least = 1 + sum(width + GAP for _, _, width, _ in COLUMNS)
        spare = max(0, available - least)
        shares = sum(share for _, _, _, share in COLUMNS)
        given = [spare * share // shares for *_, share in COLUMNS]
        widths = [width + extra for (_, _, width, _), extra in zip(COLUMNS, given, strict=True)]
        widths[_TEXT] += spare - sum(given)  # what rounding left over
        if tuple(widths) != self._widths:
            self._widths = tuple(widths)
            self._line_width = 1 + sum(width + GAP for width in widths)
            self._header = self._line(Text(title) for _, title, _, _ in COLUMNS)
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
            if index >= len(self._rows):
                return Strip.blank(width, base)
            row = self._rows[index]
            at_cursor = index == self.cursor
            key = (row.annotation.id, at_cursor, self.has_focus, self._widths, self.app.theme)
            cached = self._strips.get(key)
            if cached is None:
                style = base
                if at_cursor:
                    style += self.get_component_rich_style("annotation-table--cursor")
                text = self._line(row.cells(self._label_style(row.annotation.label), self._orphan_style()))
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
        page = self._page_height()
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + page:
            self.scroll_to(y=self.cursor - page + 1, animate=False, immediate=True)
        self.refresh()

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
        if self._rows:
            self.post_message(self.Opened(self._rows[self.cursor]))


class AnnotationsScreen(Screen[JumpTarget | None]):
    """All annotations, filterable by label, annotator, document and date; dismisses with a jump."""

    CSS_PATH = "annotations.tcss"
    TITLE = "Annotations"
    AUTO_FOCUS = "#annotations-table"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.ANNOTATIONS)

    def __init__(self, store: Store, titles: Mapping[str, str] | Iterable[Titled] | None = None) -> None:
        """`titles` maps document id to title, or is the library's entries (anything with both)."""
        super().__init__()
        self._store = store
        self._titles = title_map(titles)
        self._rows: list[Row] = []
        self._filter = Filter()
        self._loading = True
        self._load_error: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="annotations-filters"):
            for name, title, placeholder in FILTERS:
                field = Input(placeholder=placeholder, id=f"filter-{name}")
                field.border_title = title
                yield field
        yield Static(id="annotations-error", markup=False)
        yield AnnotationTable(id="annotations-table")
        yield Static(id="annotations-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_status()
        self._load()

    @property
    def is_loading(self) -> bool:
        """True until every annotation has been read (tests and callers wait on it)."""
        return self._loading

    def visible_annotations(self) -> list[Annotation]:
        """The annotations listed, top to bottom."""
        return [row.annotation for row in self.query_one(AnnotationTable).rows]

    # Loading

    @work(thread=True, exclusive=True, group="annotations-load")
    def _load(self) -> None:
        """Read the store off the event loop; rows go back to the screen in batches."""
        batch: list[Row] = []
        try:
            for annotation in self._store.iter_all():
                batch.append(Row.build(annotation, self._titles))
                if len(batch) >= BATCH:
                    self.post_message(RowsLoaded(batch))
                    batch = []
        except Exception as exc:  # shown in the status line rather than crashing the app
            self.post_message(RowsLoaded(batch))
            self.post_message(LoadFinished(f"could not read the store: {exc}".splitlines()[0]))
            return
        self.post_message(RowsLoaded(batch))
        self.post_message(LoadFinished())

    def on_rows_loaded(self, message: RowsLoaded) -> None:
        self._rows.extend(message.rows)
        self.query_one(AnnotationTable).append_rows(r for r in message.rows if self._filter.matches(r))
        self._show_status()

    def on_load_finished(self, message: LoadFinished) -> None:
        self._loading = False
        self._load_error = message.error
        self._show_status()

    # Filtering

    @on(Input.Changed, "#annotations-filters Input")
    def _filter_changed(self) -> None:
        """Filter as the user types: one pass over plain strings, ~1 µs a row."""
        errors: list[str] = []
        periods: dict[str, Period | None] = {}
        for name in ("from", "to"):
            try:
                periods[name] = parse_period(self.query_one(f"#filter-{name}", Input).value)
            except DateError as exc:
                periods[name] = None
                errors.append(f"{name}: {display_safe(str(exc))}")
        first, last = periods["from"], periods["to"]
        bounds = {"since": first.start if first else None, "until": last.end if last else None}
        since, until = bounds["since"], bounds["until"]
        if since and until and since > until:
            errors.append(f"from {since:%d %b %Y} is after to {until:%d %b %Y}: nothing can match")
        error = self.query_one("#annotations-error", Static)
        error.update(Text("; ".join(errors)))
        error.set_class(bool(errors), "-visible")
        new = Filter(
            label=self._value("label"),
            annotator=self._value("annotator"),
            document=self._value("document"),
            **bounds,
        )
        if new != self._filter:
            table = self.query_one(AnnotationTable)
            narrows = new.narrows(self._filter)
            kept = [r for r in (table.rows if narrows else self._rows) if new.matches(r)]
            self._filter = new
            if not (narrows and len(kept) == len(table.rows)):  # else the same rows: keep the cursor
                table.set_rows(kept)
            self._show_status()
        self.refresh_bindings()

    def _value(self, name: str) -> str:
        return self.query_one(f"#filter-{name}", Input).value.strip().casefold()

    @on(Input.Submitted, "#annotations-filters Input")
    def _filter_submitted(self) -> None:
        """As in the library: Enter in a filter opens the highlighted row."""
        table = self.query_one(AnnotationTable)
        table.focus()
        table.action_open()

    def on_key(self, event: Key) -> None:
        # The arrows and page keys move the table's cursor while a filter has the focus.
        moves = {"up": -1, "down": 1}
        pages = {"pageup": -1, "pagedown": 1}
        focused = self.focused
        if not isinstance(focused, Input) or event.key not in {**moves, **pages}:
            return
        table = self.query_one(AnnotationTable)
        if event.key in moves:
            table.action_move(moves[event.key])
        else:
            table.action_page(pages[event.key])
        event.stop()

    def _show_status(self) -> None:
        total = len(self._rows)
        shown = len(self.query_one(AnnotationTable).rows)
        if self._load_error:
            line = Text(self._load_error, style="bold")
        elif not total and not self._loading:
            keys = commands.tag_keys_hint(self._store.labels, getattr(self.app, "keymap", None))
            line = Text(f"No annotations yet: tag sentences with {keys} while reading.")
        else:
            count = f"{total:,}" if self._filter.is_empty else f"{shown:,} of {total:,}"
            line = Text(f"{count} annotation{'' if total == 1 else 's'}")
            if self._loading:
                line.append("  loading…", style="dim")
        self.query_one("#annotations-status", Static).update(line)

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return True if any(field.value for field in self._filter_inputs()) else None
        return True

    def _filter_inputs(self) -> list[Input]:
        return list(self.query("#annotations-filters Input").results(Input))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_filters(self) -> None:
        self.query_one("#filter-document", Input).focus()

    def action_clear_filters(self) -> None:
        for field in self._filter_inputs():
            field.value = ""
        self.query_one(AnnotationTable).focus()

    @on(AnnotationTable.Opened)
    def _open(self, event: AnnotationTable.Opened) -> None:
        a = event.row.annotation
        self.dismiss(JumpTarget(a.document_id, a.path, a.start, a.end))
