"""Every annotation in the store in one filterable table, and the place to fix them: edit, delete,
re-attach an orphan, delete what a filter shows; choosing one jumps to it in its document.

The store may hold a million annotations: a thread worker reads it one document at a time
(`reader.services.annotation_pages.scan`) and the table shows `Pages`, which keeps per document only
how many rows the filter kept and reads the rows on screen back from a small cache. The first rows
show as soon as the first document is read; memory grows with documents, not annotations. Changes
go through `reader.services.annotation_edits`, one undo step each; `u` takes the last one back.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid
from textual.events import Key, Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from annotations.reasons import one_line
from reader import commands
from reader.screens.verdict_editor import VerdictEditor
from reader.services import annotation_edits
from reader.services.annotation_filter import Filter, FilterSelection, Row, Titled, title_map
from reader.services.annotation_pages import Pages, Scanned, document_rows, scan
from reader.services.dates import DateError, Period, parse_period
from reader.services.jump import JumpTarget
from reader.text.sanitize import display_safe
from reader.widgets.annotation_table import AnnotationTable
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store

T = TypeVar("T")

BATCH = 5_000
"""Rows the loading thread gathers before handing documents over (the first document goes at once)."""
BATCH_SECONDS = 0.25
"""...or the time it gathers them for, whichever comes first (the status line counts as it reads)."""

FILTERS: tuple[tuple[str, str, str], ...] = (
    ("text", "Text", "words in text or note"),
    ("label", "Label", "claim"),
    ("speaker", "Speaker", "who said it"),
    ("annotator", "Annotator", "name"),
    ("document", "Document", "title or path"),
    ("verdict", "Verdict", "false"),
    ("from", "From", "Jan 2026"),
    ("to", "To", "today"),
)
WIDE = 140
"""Columns from which the filter fields fit on one line (else two lines of four)."""


@dataclass
class RowsLoaded(Message):
    """Documents read by the loading thread, with the rows the filter kept, and all it has counted."""

    generation: int
    documents: list[Scanned]
    counted: int


@dataclass
class LoadFinished(Message):
    """The loading thread is done; `error` is one line when the store could not be read."""

    generation: int
    error: str | None = None


class AnnotationsScreen(Screen[JumpTarget | None]):
    """All annotations, filterable by text, label, speaker, annotator, document, verdict and date;
    dismissed with a jump. `V` on a claim opens the verdict dialog (`reader.screens.verdict`)."""

    CSS_PATH = "annotations.tcss"
    TITLE = "Annotations"
    AUTO_FOCUS = "#annotations-table"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.ANNOTATIONS)

    def __init__(
        self,
        store: Store,
        titles: Mapping[str, str] | Iterable[Titled] | None = None,
        *,
        files: Mapping[str, Path] | None = None,
    ) -> None:
        """`titles` maps document id to title, or is the library's entries (anything with both);
        `files` maps a corpus-relative path to its file (to re-attach an orphan to a sentence)."""
        super().__init__()
        self._store = store
        self._titles = title_map(titles)
        self._files = dict(files or {})
        self._filter = Filter()
        self._pages = Pages(self._reload)
        self._generation = 0
        self._counted = 0
        self._loading = True
        self._load_error: str | None = None
        self._keep_cursor: tuple[str, str] | None = None
        self._plan_asked: dict[str, list[str]] = {}
        # (what, documents changed, annotations added to the store) of each change made here
        self._undo: list[tuple[str, list[str], int]] = []
        self.verdicts = VerdictEditor(self, store)

    def compose(self) -> ComposeResult:
        yield Header()
        with Grid(id="annotations-filters"):
            for name, title, placeholder in FILTERS:
                field = Input(placeholder=placeholder, id=f"filter-{name}")
                field.border_title = title
                yield field
        yield Static(id="annotations-error", markup=False)
        yield AnnotationTable(id="annotations-table")
        yield Static(id="annotations-detail", markup=False)
        yield Static(id="annotations-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AnnotationTable).set_rows(self._pages)
        self._show_status()
        self._start()

    def on_resize(self, event: Resize) -> None:
        self.query_one("#annotations-filters").set_class(event.size.width >= WIDE, "-wide")

    @property
    def is_loading(self) -> bool:
        """True until every annotation has been read (tests and callers wait on it)."""
        return self._loading

    @property
    def filter(self) -> Filter:
        return self._filter

    def visible_annotations(self) -> list[Annotation]:
        """The annotations listed, top to bottom (reads every listed document: for tests and exports)."""
        return [row.annotation for row in self._pages]

    def shown_selection(self) -> FilterSelection:
        """What the table shows, as an export's selection (the documents listed once the scan is done)."""
        documents = None if self._loading else frozenset(self._pages.listed())
        return FilterSelection(self._filter, self._titles, documents)

    def shown_summary(self) -> str:
        shown = len(self._pages)
        filtered = "" if self._filter.is_empty else ", filtered"
        return f"{shown:,}{filtered}"

    # Loading

    def _reload(self, document_id: str) -> list[Row]:
        return document_rows(self._store, document_id, self._titles, self._filter)

    def _start(self, cursor_on: tuple[str, str] | None = None) -> None:
        """Read the store again with the filter in force (after a filter change or a bulk change)."""
        self._generation += 1
        self._pages = Pages(self._reload)
        self._counted = 0
        self._loading = True
        self._load_error = None
        self._keep_cursor = cursor_on  # the row to put the cursor on again once it is read
        self.query_one(AnnotationTable).set_rows(self._pages)
        self._show_status()
        self._load(self._generation, self._filter)

    @work(thread=True, exclusive=True, group="annotations-load")
    def _load(self, generation: int, keep: Filter) -> None:
        """Read the store off the event loop; documents go back to the screen in batches."""
        worker = get_current_worker()
        batch: list[Scanned] = []
        rows = counted = 0
        first = True
        since = time.monotonic()
        try:
            for item in scan(self._store, self._titles, keep, lambda: worker.is_cancelled):
                if isinstance(item, int):
                    counted += item
                    continue
                counted += item.total
                batch.append(item)
                rows += item.kept
                if first or rows >= BATCH or time.monotonic() - since > BATCH_SECONDS:
                    self.post_message(RowsLoaded(generation, batch, counted))
                    batch, rows, counted, first = [], 0, 0, False
                    since = time.monotonic()
        except Exception as exc:  # shown in the status line rather than crashing the app
            self.post_message(RowsLoaded(generation, batch, counted))
            self.post_message(LoadFinished(generation, f"could not read the store: {one_line(exc)}"))
            return
        self.post_message(RowsLoaded(generation, batch, counted))
        self.post_message(LoadFinished(generation))

    def on_rows_loaded(self, message: RowsLoaded) -> None:
        if message.generation != self._generation:
            return  # a scan for a filter since replaced
        for scanned in message.documents:
            self._pages.append(scanned.document_id, scanned.kept, scanned.rows)
        self._counted += message.counted
        table = self.query_one(AnnotationTable)
        table.grew()
        if self._keep_cursor is not None:
            index = self._pages.index_of(*self._keep_cursor)
            if index is not None:
                table.cursor = index
                self._keep_cursor = None
        self._show_status()

    def on_load_finished(self, message: LoadFinished) -> None:
        if message.generation != self._generation:
            return
        self._loading = False
        self._load_error = message.error
        self._keep_cursor = None
        self._show_status()
        self.refresh_bindings()

    # Filtering

    @on(Input.Changed, "#annotations-filters Input")
    def _filter_changed(self) -> None:
        """Filter as the user types: the scan starts again with the new filter; first rows at once."""
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
            text=self._value("text"),
            speaker=self._value("speaker"),
            **bounds,
        )
        if new != self._filter:
            self._filter = new
            current = self.query_one(AnnotationTable).current
            self._start((current.annotation.id, current.annotation.document_id) if current else None)
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
        shown = len(self._pages)
        total = self._counted
        if self._load_error:
            line = Text(self._load_error, style="bold")
        elif not total and not self._loading:
            keys = commands.tag_keys_hint(self._store.labels, getattr(self.app, "keymap", None))
            line = Text(f"No annotations yet: tag sentences with {keys} while reading.")
        else:
            count = f"{total:,}" if self._filter.is_empty else f"{shown:,} of {total:,}"
            line = Text(f"{count} annotation{'' if total == 1 else 's'}")
            if self._loading:
                line.append("  reading the store…", style="dim")
        self.query_one("#annotations-status", Static).update(line)

    @on(AnnotationTable.Highlighted)
    def _show_detail(self, event: AnnotationTable.Highlighted) -> None:
        """The row under the cursor in full, so what a narrow table leaves out (note, speaker) is read."""
        row = event.row
        detail = self.query_one("#annotations-detail", Static)
        if row is None:
            detail.update("")
            return
        a = row.annotation
        parts = [f"{a.label}{' (orphan)' if a.orphan else ''} by {a.annotator or '?'}"]
        if a.speaker:
            parts.append(f"speaker: {a.speaker}")
        if a.note:
            parts.append(f"note: {a.note}")
        parts.append(a.path)
        detail.update(Text(display_safe(" · ".join(" ".join(p.split()) for p in parts))))

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filters":
            return True if any(field.value for field in self._filter_inputs()) else None
        if action in ("edit", "delete"):
            return True if self._pages else None
        if action == "delete_shown":
            return True if self._pages and not self._filter.is_empty and not self._loading else None
        if action == "reattach":
            row = self.query_one(AnnotationTable).current
            return True if row is not None and row.annotation.orphan else None
        if action == "undo":
            return True if self._undo else None
        return True

    def _filter_inputs(self) -> list[Input]:
        return list(self.query("#annotations-filters Input").results(Input))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_filters(self) -> None:
        self.query_one("#filter-text", Input).focus()

    def action_clear_filters(self) -> None:
        for field in self._filter_inputs():
            field.value = ""
        self.query_one(AnnotationTable).focus()

    @on(AnnotationTable.VerdictAsked)
    def _verdict_asked(self, event: AnnotationTable.VerdictAsked) -> None:
        self.verdicts.ask(event.row.annotation)

    def show_edited(self, annotation: Annotation) -> None:
        """An annotation a dialog changed: its document's rows are read again, the cursor stays."""
        self._pages.reload(annotation.document_id)
        self.query_one(AnnotationTable).changed()
        self._show_status()

    @on(AnnotationTable.Opened)
    def _open(self, event: AnnotationTable.Opened) -> None:
        a = event.row.annotation
        self.dismiss(JumpTarget(a.document_id, a.path, a.start, a.end))

    # Changes

    async def _write(self, fn: Callable[..., T], *args: Any) -> T:
        """On the app's writer thread when there is one (every store write in order), else a thread."""
        write = getattr(self.app, "write", None)
        if write is not None:
            return await write(fn, *args)  # type: ignore[no-any-return]
        return await asyncio.to_thread(fn, *args)

    def _changed(self, what: str, documents: list[str], added: int = 0) -> None:
        self._undo.append((what, documents, added))
        self._counted += added
        for document_id in documents:
            self._pages.reload(document_id)
        self.query_one(AnnotationTable).changed()
        self._show_status()
        self.refresh_bindings()

    def action_edit(self) -> None:
        row = self.query_one(AnnotationTable).current
        if row is None:
            return
        from reader.screens.annotation_editor import AnnotationEditor

        annotation = row.annotation
        if self._refused(annotation):
            return
        self.app.push_screen(
            AnnotationEditor(annotation, self._store.labels),
            lambda answer: self._start_edit(annotation, answer),
        )

    def _refused(self, annotation: Annotation) -> bool:
        """Another annotator's annotation is theirs to change (their own file in the store): say so."""
        reason = annotation_edits.not_yours(self._store, annotation)
        if reason:
            self.notify(display_safe(reason), severity="warning", markup=False)
        return reason is not None

    def _start_edit(self, annotation: Annotation, answer: tuple[str, str, str | None] | None) -> None:
        self._edit(annotation, answer)

    @work(exclusive=True, group="annotations-change")
    async def _edit(self, annotation: Annotation, answer: tuple[str, str, str | None] | None) -> None:
        if answer is None:
            return
        label, note, speaker = answer
        try:
            new = await self._write(
                lambda: annotation_edits.revise(
                    self._store, annotation, label=label, note=note, speaker=speaker
                )
            )
        except (ValueError, LookupError) as exc:
            self.notify(one_line(exc), severity="warning", markup=False)
            return
        if new is not annotation and new != annotation:
            self._changed(f"edit of '{_short(new.text)}'", [new.document_id])
            self.notify(f"Saved {new.label}: '{_short(new.text)}'", markup=False)

    @work(exclusive=True, group="annotations-change")
    async def action_delete(self) -> None:
        row = self.query_one(AnnotationTable).current
        if row is None:
            return
        a = row.annotation
        if self._refused(a):
            return
        removed = await self._write(annotation_edits.delete, self._store, a.document_id, [a.id])
        if removed:
            self._changed(f"delete of '{_short(a.text)}'", [a.document_id], -len(removed))
            undo = commands.key_of("annotations.undo", getattr(self.app, "keymap", None))
            self.notify(f"Deleted {a.label}: '{_short(a.text)}' ({undo} undoes)", markup=False)

    def action_delete_shown(self) -> None:
        if not self._pages or self._filter.is_empty or self._loading:
            return
        self._ask_delete_shown()

    @work(exclusive=True, group="annotations-change")
    async def _ask_delete_shown(self) -> None:
        from reader.screens.dialogs import ConfirmDialog

        mine = self._store.annotator
        plan = await asyncio.to_thread(self._plan, mine)
        count = sum(len(ids) for ids in plan.values())
        others = len(self._pages) - count
        if not count:
            self.notify("None of the annotations shown is yours: only their annotators can delete them")
            return
        undo = commands.key_of("annotations.undo", getattr(self.app, "keymap", None))
        question = (
            f"Delete the {count:,} annotation{'' if count == 1 else 's'} of yours the filter shows, in "
            f"{len(plan):,} document{'' if len(plan) == 1 else 's'}? {undo} here undoes it."
        )
        if others:
            question += f" ({others:,} by others stay: only they can change them.)"
        self._plan_asked = plan
        self.app.push_screen(ConfirmDialog(question), self._confirmed)

    def _plan(self, annotator: str) -> dict[str, list[str]]:
        """The user's annotations among those shown, by document (read in a thread: a big filter)."""
        plan: dict[str, list[str]] = {}
        for document_id, rows in self._pages.by_document():
            ids = [row.annotation.id for row in rows if row.annotation.annotator == annotator]
            if ids:
                plan[document_id] = ids
        return plan

    def _confirmed(self, yes: bool | None) -> None:
        plan, self._plan_asked = self._plan_asked, {}
        if yes:
            self._delete_shown(plan)

    @work(exclusive=True, group="annotations-change")
    async def _delete_shown(self, plan: dict[str, list[str]]) -> None:
        removed = await self._write(annotation_edits.delete_many, self._store, plan)
        count = sum(len(v) for v in removed.values())
        self._undo.append((f"delete of {count:,} annotations", list(removed), -count))
        self._start()
        undo = commands.key_of("annotations.undo", getattr(self.app, "keymap", None))
        self.notify(f"Deleted {count:,} annotation{'' if count == 1 else 's'} ({undo} undoes)", markup=False)

    @work(exclusive=True, group="annotations-change")
    async def action_undo(self) -> None:
        if not self._undo:
            return
        what, documents, added = self._undo.pop()
        done = await self._write(annotation_edits.undo_in, self._store, documents)
        if len(documents) > 1:
            self._start()
        else:
            if done:
                self._counted -= added
            for document_id in documents:
                self._pages.reload(document_id)
            self.query_one(AnnotationTable).changed()
            self._show_status()
        self.refresh_bindings()
        self.notify(f"Undid the {what}" if done else "Nothing to undo: changed elsewhere since", markup=False)

    def action_reattach(self) -> None:
        row = self.query_one(AnnotationTable).current
        if row is None or not row.annotation.orphan or self._refused(row.annotation):
            return
        file = self._files.get(row.annotation.path)
        if file is None:
            self.notify(f"{row.annotation.path}: not in this corpus", severity="warning", markup=False)
            return
        self._pick_sentence(row.annotation, file)

    @work(exclusive=True, group="annotations-change")
    async def _pick_sentence(self, annotation: Annotation, file: Path) -> None:
        from annotations.model import DocumentRef
        from reader.screens.annotation_editor import SentencePicker
        from reader.text.corpus import read_document
        from reader.text.pipeline import analyse

        try:
            analysis = await asyncio.to_thread(lambda: analyse(read_document(file)))
        except Exception as exc:
            self.notify(f"{annotation.path}: {one_line(exc)}", severity="error", markup=False)
            return
        text = analysis.document.text
        spans = [(s.start, s.end) for s in analysis.sentences]
        span = await self.app.push_screen_wait(SentencePicker(annotation, text, spans))
        if span is None:
            return
        doc = DocumentRef(analysis.document.id, annotation.path, text)
        try:
            new = await self._write(annotation_edits.reattach, self._store, annotation, doc, *span)
        except (ValueError, LookupError) as exc:
            self.notify(one_line(exc), severity="warning", markup=False)
            return
        documents = sorted({annotation.document_id, new.document_id})
        self._changed(f"re-attach of '{_short(new.text)}'", documents)
        self.notify(f"Re-attached {new.label} to '{_short(new.text)}'", markup=False)


def _short(text: str, width: int = 40) -> str:
    text = display_safe(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"
