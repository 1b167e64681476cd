"""Every annotation in the store in one filterable table; choosing one jumps to it in its document.

The store may hold tens of thousands of annotations: they are read in a thread worker and shown in
a virtual table (`reader.widgets.annotation_table`) that renders only the rows on screen; the filter
model (`reader.services.annotation_filter`) is plain strings, one pass a keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Key
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from annotations.reasons import one_line
from reader import commands
from reader.screens.verdict_editor import VerdictEditor
from reader.services.annotation_filter import Filter, Row, Titled, title_map
from reader.services.dates import DateError, Period, parse_period
from reader.services.jump import JumpTarget
from reader.text.sanitize import display_safe
from reader.widgets.annotation_table import AnnotationTable
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store

BATCH = 500
"""Rows the loading thread hands over at a time."""

FILTERS: tuple[tuple[str, str, str], ...] = (
    ("label", "Label", "claim"),
    ("verdict", "Verdict", "false"),
    ("annotator", "Annotator", "name"),
    ("document", "Document", "title or path"),
    ("from", "From", "Jan 2026"),
    ("to", "To", "today"),
)


@dataclass
class RowsLoaded(Message):
    """A batch read by the loading thread."""

    rows: list[Row]


@dataclass
class LoadFinished(Message):
    """The loading thread is done; `error` is one line when the store could not be read."""

    error: str | None = None


class AnnotationsScreen(Screen[JumpTarget | None]):
    """All annotations, filterable by label, verdict, annotator, document and date; dismisses with a jump.

    `V` on a claim opens the verdict dialog (`reader.screens.verdict`); the edit is one store write."""

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
        self.verdicts = VerdictEditor(self, store)

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
            self.post_message(LoadFinished(f"could not read the store: {one_line(exc)}"))
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
            verdict=self._value("verdict"),
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
        """`/` goes to the first filter field, as `/` does on every screen."""
        self.query("#annotations-filters Input").first(Input).focus()

    def action_clear_filters(self) -> None:
        for field in self._filter_inputs():
            field.value = ""
        self.query_one(AnnotationTable).focus()

    @on(AnnotationTable.VerdictAsked)
    def _verdict_asked(self, event: AnnotationTable.VerdictAsked) -> None:
        self.verdicts.ask(event.row.annotation)

    def show_edited(self, annotation: Annotation) -> None:
        """An annotation the verdict dialog changed: its row is rebuilt, in the table and in the filter."""
        row = Row.build(annotation, self._titles)
        self._rows = [row if r.annotation.id == annotation.id else r for r in self._rows]
        self.query_one(AnnotationTable).replace_row(row)

    @on(AnnotationTable.Opened)
    def _open(self, event: AnnotationTable.Opened) -> None:
        a = event.row.annotation
        self.dismiss(JumpTarget(a.document_id, a.path, a.start, a.end))
