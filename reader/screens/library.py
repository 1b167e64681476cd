"""The library: every document of the corpus, listed at once and filled in as a worker scans them."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from reader import commands
from reader.app import ReaderApp
from reader.screens.sync import StoreArrived
from reader.services.agreement_warmup import big_enough
from reader.services.entries import Entry, tagged_count
from reader.services.gc_pause import collector_paused
from reader.services.team_view import Letters, team_cell
from reader.widgets.document_table import DocumentTable, Row
from reader.widgets.key_bar import KeyBar
from reader.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.widgets import ProgressBar

    from annotations.model import DocSummary
    from reader.screens.reading import ReadingScreen
    from reader.services.jump import JumpTarget

SORTS = ("file", "date", "title", "progress")
REFILL_INTERVAL = 0.3  # seconds between table refills while a scan streams in
REMEMBER_INTERVAL = 1.0  # seconds between looks at the reading cursor (written only when it moved)
WATCH_INTERVAL = 2.0  # seconds between two looks at the store's summary (cached by stat: cheap)
# A refill (filter and sort every document) waits at least this many times its own last duration:
# at 100,000 files, re-sorting on every batch held the interpreter 87 % of the scan.
REFILL_SHARE = 5


@dataclass
class ScanBatch(Message):
    """Entries the scan worker found; a flood of these is fine, each carries its own batch."""

    entries: list[Entry]
    done: int
    total: int


@dataclass
class SummaryRead(Message):
    """The store's per-document counts, read off the UI thread."""

    summary: dict[str, DocSummary]
    finished: bool = False


class LibraryScreen(Screen[None]):
    """Sort, filter as you type, and open a document with Enter."""

    BINDINGS = commands.bindings(commands.LIBRARY)
    COMMAND_SET = commands.LIBRARY
    AUTO_FOCUS = "#documents"

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, Entry] = {}
        self.summary: dict[str, DocSummary] = {}
        self.sort_key = "file"
        self.reverse = False
        self.filter_text = ""
        self.scanning = True
        self._order: dict[str, int] = {}
        self._shown: dict[str, int] = {}  # path -> its row in the table as last filled
        self._scan_done = 0
        self._batches = 0
        self._last_refill = 0.0
        self._refill_cost = 0.0  # seconds the last refill took
        self._refill_timer: Timer | None = None
        self._letters: Letters | None = None
        self._letters_of: dict[str, DocSummary] | None = None  # the summary `_letters` was made from
        self._team_mode = False  # more than one annotator in the store: the Team column shows letters
        self._made: dict[str, tuple[Entry, DocSummary | None, tuple[bool, Letters], Row]] = {}  # `_row`'s
        self._totals = (0, 0)  # annotations and orphans in the store's summary
        self._awaiting = False  # the table waits for the scan's first batch (see on_mount)
        self._first_painted = threading.Event()  # the scan's first batch is on screen

    reader = getters.app(ReaderApp)

    def compose(self) -> ComposeResult:
        # The filter box and the progress bar are mounted when first needed: a faster first paint.
        yield DocumentTable(id="documents")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        # The cached titles of a small or medium library are in the first frame; a file the cache
        # cannot answer for is listed by name until the scan reaches it.
        catalog = self.reader.catalog
        first = catalog.first_entries()
        self._awaiting = not first  # a large library with a cache: its first batch lists every file
        self._order = {path: n for n, path in enumerate(catalog.corpus.paths)}
        self.entries = {entry.path: entry for entry in first}
        self.refill()
        # Where the user was: the last document read, under the cursor again.
        last = self.reader.ui_state.last_document
        if last in self.entries:
            self.query_one(DocumentTable).set_rows(self.query_one(DocumentTable).rows, keep=last)
        self.set_interval(REMEMBER_INTERVAL, self.remember_position)
        # File names are on screen now; the pipeline starts once they are painted.
        # The rows are on screen now; the pipeline starts once they are painted.
        self.call_after_refresh(self.scan)
        self.set_interval(WATCH_INTERVAL, self._look_for_outside_changes, name="store-watch")

    # -- scanning ----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def scan(self) -> None:
        store = self.reader.store
        catalog = self.reader.catalog
        total = len(catalog.corpus.paths)
        # The store's summary is read beside the scan, not before it: at a million annotations it
        # takes seconds, and the titles must not wait for it (the library's speed would follow the
        # store's size).
        early = big_enough(total)  # a corpus whose agreement may be counted beside the scan
        self.refresh_summary()
        done = 0
        scanned: set[str] = set()
        found: dict[str, Entry] = {}  # by path: both passes of a scan list a file
        worker = get_current_worker()
        batches = catalog.scan()
        try:
            for n, batch in enumerate(batches):
                if worker.is_cancelled:  # the app is closing: stop now (the catalog saves what is complete)
                    return
                # A first pass is not a scan; a cached entry found changed comes again, counted once.
                scanned.update(e.path for e in batch if e.scanned)
                done = len(scanned)
                self.post_message(ScanBatch(batch, done, total))
                found.update((e.path, e) for e in batch if e.document_id)
                if n == 0:  # the files are checked (a stat each) once the first rows are painted, not while
                    waited = time.monotonic()
                    while not self._first_painted.wait(0.05) and time.monotonic() - waited < 2:
                        if worker.is_cancelled:
                            return
                    # The cache knew every file (no file to analyse, only a stat each to check): a big
                    # library's agreement is counted beside the rest of the scan, not after it (the
                    # child finds out whether two annotators finished anything).
                    if early and done == total and not worker.is_cancelled:
                        self.reader.start_agreement_count()
        finally:
            batches.close()
        # A file changed since it was tagged: let the store re-anchor (or orphan) its annotations.
        summary = store.summary()
        ids = set(summary)
        annotated_paths = {s.path for s in summary.values()}
        stale = {
            path: e
            for path, e in found.items()
            if e.relpath in annotated_paths and e.document_id and e.document_id not in ids
        }
        if stale:
            from annotations.model import DocumentRef
            from reader.text.corpus import read_document

            for entry in stale.values():
                try:
                    document = read_document(Path(entry.path))
                except Exception:
                    continue
                self.reader.write_from_thread(
                    store.attach, DocumentRef(document.id, entry.relpath, document.text)
                )
        # Read again: tags made while the scan ran (in the reading screen) count too.
        self.post_message(SummaryRead(store.summary(), finished=True))

    def on_scan_batch(self, message: ScanBatch) -> None:
        with collector_paused():  # a first batch can list 100,000 files: a row each, no cycles
            self._take_batch(message)

    def _take_batch(self, message: ScanBatch) -> None:
        first = self._batches == 0
        self._batches += 1
        changed = []
        if self._awaiting:  # every file in order: what the batch brings, else its name for now
            self._awaiting = False
            catalog = self.reader.catalog
            found = {entry.path: entry for entry in message.entries}
            self.entries = {path: found.get(path) or catalog.placeholder(path) for path in self._order}
        else:
            for entry in message.entries:
                old = self.entries.get(entry.path)
                if old is not None and old.scanned and not entry.scanned and old.mtime_ns == entry.mtime_ns:
                    continue  # opened and analysed in full before the scan's first pass reached it
                self.entries[entry.path] = entry
                changed.append(entry)
        self._scan_done = message.done
        if (self.scanning and message.done < message.total) or self.query("#scan"):
            self._progress_bar().update(total=max(1, message.total), progress=message.done)
        if first:
            self.refill()  # the cache hits (or the first files): show them without waiting
            self.call_after_refresh(self._first_painted.set)
        else:
            self.update_rows(changed)

    def update_rows(self, entries: Iterable[Entry]) -> None:
        """Replace the rows of these entries where they stand: a batch costs its own size, not the
        library's. Sorted by file and unfiltered, no row moves; otherwise a (throttled) refill puts
        rows in their new places and applies the filter to the new titles."""
        rows = {}
        for entry in entries:
            index = self._shown.get(entry.path)
            if index is not None:
                rows[index] = self._row(entry)
        self.query_one(DocumentTable).replace_rows(rows)
        if self.sort_key != "file" or self.filter_text:
            self.request_refill()
        else:
            self.show_status()

    def request_refill(self) -> None:
        """Refill now, or soon: a flood of batches redraws the table a few times a second, not per
        batch, and never spends more than about a sixth of the time refilling."""
        if self._refill_timer is not None:
            return
        interval = max(REFILL_INTERVAL, REFILL_SHARE * self._refill_cost)
        wait = interval - (time.monotonic() - self._last_refill)
        if wait <= 0:
            self.refill()
        else:
            self._refill_timer = self.set_timer(wait, self._timed_refill)

    def _timed_refill(self) -> None:
        self._refill_timer = None
        self.refill()

    def _progress_bar(self) -> ProgressBar:
        from textual.widgets import ProgressBar  # mounted when a scan has work: not in the first frame

        bars = self.query("#scan").results(ProgressBar)
        bar = next(bars, None)
        if bar is None:
            bar = ProgressBar(id="scan", show_eta=False)
            self.mount(bar, before=self.query_one(StatusLine))
        return bar

    def on_summary_read(self, message: SummaryRead) -> None:
        changed = message.summary != self.summary
        self.summary = message.summary
        summaries = message.summary.values()
        self._totals = (sum(s.annotations for s in summaries), sum(s.orphans for s in summaries))
        if message.finished:
            self.scanning = False
            for bar in self.query("#scan"):
                bar.display = False
            self.reader.warm_agreement(message.summary)  # the agreement screen opens with figures
        if message.finished and self._refill_timer is not None:
            self._refill_timer.stop()  # the last word: show everything now
            self._refill_timer = None
            changed = True
        if changed:
            self.refill()
        else:
            self.show_status()

    def remember_position(self, reading: ReadingScreen | None = None) -> None:
        """The document being read and its cursor, into the UI state (survives a kill, not the store)."""
        state = self.reader.ui_state
        # Not imported for this: the reading screen's modules (the whole text pipeline, about 0.2 s)
        # are loaded when a document is first opened, and before that no reading screen exists.
        module = sys.modules.get("reader.screens.reading")
        if reading is None and module is not None:
            stack = reversed(self.app.screen_stack)
            reading = next((s for s in stack if isinstance(s, module.ReadingScreen)), None)
        if reading is not None and reading.analysis is not None and not reading.opening:
            try:
                view = reading.view
                offset = view.sentences[view.cursor][0] if view.sentences else 0
            except Exception:  # the screen is closing: its last position was taken before
                offset = None
            if offset is not None:
                state.remember(reading.analysis_entry.path, offset)
        state.save()

    def on_unmount(self) -> None:
        self.remember_position()

    def on_screen_resume(self) -> None:
        self.remember_position()
        if self._batches:  # not the first resume, before the scan has even started
            self.refresh_summary()

    def on_store_arrived(self, _message: StoreArrived) -> None:
        self.refresh_summary()  # a sync brought others' tags and finished marks

    def _look_for_outside_changes(self) -> None:
        """Another process's writes (a second window, an import, a sync in a terminal) show here too."""
        # `is_current` holds for the screen just under the top one too: not while a document is read
        # (a refill of a 10,000-sentence entry then held up the reading screen's keys every 2 s).
        if self.app.screen is self and not self.scanning:
            self.refresh_summary()

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def refresh_summary(self) -> None:
        """The store's summary, for the table."""
        self.post_message(SummaryRead(self.reader.store.summary()))

    # -- rows --------------------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        """The documents as shown: filtered, then sorted."""
        needle = self.filter_text.casefold()
        letters = self.letters
        self._team_mode = len(letters.by_name) > 1  # alone, the column would only repeat one letter
        rows = [self._row(entry) for entry in self.entries.values() if not needle or _matches(entry, needle)]
        if self.sort_key != "file" or self.reverse:  # else already in file order: entries keep theirs
            rows.sort(key=self._sort_key(), reverse=self.reverse)
        return rows

    def _row(self, entry: Entry) -> Row:
        """The entry's row, kept while the entry, its summary (the store's summary hands out the same
        objects for documents that did not change) and the Team column's letters are the same: a
        refill of 30,000 rows took 0.35-0.47 s of the interpreter, and the store's summary arrives
        twice as the library starts, beside the agreement's background count."""
        summary = self.summary.get(entry.document_id or "") if entry.document_id else None
        context = (self._team_mode, self.letters)
        kept = self._made.get(entry.path)
        if kept is not None and kept[0] is entry and kept[1] is summary and kept[2] == context:
            return kept[3]
        if summary is None:
            row = Row(entry)
        else:
            team = ""
            if self._team_mode or summary.finished:
                team = team_cell(summary.annotators, summary.finished, self.letters, self.curator)
            row = Row(entry, tagged_count(entry.taggable_spans, summary.spans), summary.orphans, team)
        self._made[entry.path] = (entry, summary, context, row)
        return row

    def _sort_key(self) -> Any:
        order = self._order
        if self.sort_key == "date":
            return lambda r: (r.entry.date is None, r.entry.date or "", order.get(r.entry.path, 0))
        if self.sort_key == "title":
            return lambda r: ((r.entry.title or "\uffff").casefold(), order.get(r.entry.path, 0))
        if self.sort_key == "progress":
            return lambda r: (r.progress, r.tagged, order.get(r.entry.path, 0))
        return lambda r: order.get(r.entry.path, 0)

    @property
    def curator(self) -> str:
        """Whose tags are the curated ones (issue 12): ★ in the Team column, no letter."""
        return str(getattr(self.reader, "curator", "gold"))

    @property
    def letters(self) -> Letters:
        """A letter per annotator of the store (the Team column and the status line's legend)."""
        if self._letters is not None and self._letters_of is self.summary:
            return self._letters  # asked once per row: the names of 30,000 summaries once per summary
        names = {n for s in self.summary.values() for n in (*s.annotators, *s.finished)} - {self.curator}
        if self._letters is None or set(self._letters.by_name) != names:
            self._letters = Letters.of(names, self.reader.store.annotator)
        self._letters_of = self.summary
        return self._letters

    def refill(self) -> None:
        started = time.monotonic()
        rows = self.rows()
        self._shown = {row.entry.path: n for n, row in enumerate(rows)}
        self.query_one(DocumentTable).set_rows(rows)
        self._last_refill = time.monotonic()
        self._refill_cost = self._last_refill - started
        self.show_status()

    def show_status(self) -> None:
        store = self.reader.store
        annotations, orphans = self._totals
        table = self.query_one(DocumentTable)
        shown = f"{len(table.rows)} of {len(self.entries)} documents" if self.filter_text else ""
        self.query_one(StatusLine).show(
            f"store {store.location}",
            f"annotator {store.annotator}",
            "reading the library…" if self._awaiting else shown or f"{len(self.entries)} documents",
            f"{annotations} annotations",
            f"{orphans} orphaned" if orphans else "",
            f"scanning {self._scan_done}/{len(self._order)}" if self.scanning else "",
            f"sorted by {self.sort_key}{' (reversed)' if self.reverse else ''}",
            f"{self.letters.legend()} ✓=finished ★=curated" if len(self.letters.by_name) > 1 else "",
        )

    # -- commands ----------------------------------------------------------------------------------

    def action_sort(self, key: str) -> None:
        if key not in SORTS:
            return
        self.reverse = not self.reverse if key == self.sort_key else False
        self.sort_key = key
        self.refill()

    def action_filter(self) -> None:
        box = next(self.query("#filter").results(Input), None)
        if box is None:
            box = Input(placeholder="filter by title, date or file…", id="filter")
            self.mount(box, before=self.query_one(DocumentTable))
        box.add_class("-shown")
        box.focus()

    def action_clear_filter(self) -> None:
        for box in self.query("#filter").results(Input):
            box.remove_class("-shown")
            if box.value:
                box.value = ""
        self.query_one(DocumentTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return True if self.filter_text or self.query("#filter.-shown") else None
        return True

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self.refill()
        self.refresh_bindings()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.query_one(DocumentTable).focus()
        self.action_open()

    def on_key(self, event: Any) -> None:
        # Arrow keys move the table's cursor while the filter has focus.
        if self.focused is not None and self.focused.id == "filter" and event.key in ("up", "down"):
            self.query_one(DocumentTable).action_cursor(1 if event.key == "down" else -1)
            event.stop()

    @on(DocumentTable.Chosen)
    def chosen(self, event: DocumentTable.Chosen) -> None:
        self.open_entry(event.entry)

    def action_open(self) -> None:
        row = self.query_one(DocumentTable).current
        if row is not None:
            self.open_entry(row.entry)

    def open_entry(self, entry: Entry, offset: int | None = None) -> None:
        if entry.error:
            self.notify(f"{entry.relpath}: {entry.error}", severity="error", markup=False)
            return
        from reader.screens.reading import ReadingScreen

        self.remember_position()  # the document being left, if any
        if offset is None:
            offset = self.reader.ui_state.position(entry.path)  # where the user left it
        self.reader.ui_state.remember(entry.path)
        reading = ReadingScreen(entry, navigator=self.neighbour, offset=offset)
        self.app.push_screen(reading, lambda _: self.remember_position(reading))

    def neighbour(self, entry: Entry, step: int) -> Entry | None:
        """The readable document `step` rows away in the table as shown (for `{` and `}`)."""
        table = self.query_one(DocumentTable)
        paths = [row.entry.path for row in table.rows]
        try:
            index = paths.index(entry.path)
        except ValueError:
            return None
        index += step
        while 0 <= index < len(paths):
            candidate = table.rows[index].entry
            if not candidate.error:
                table.move_to(index)
                return self.entries.get(candidate.path, candidate)
            index += step
        return None

    def open_target(self, target: JumpTarget) -> None:
        """Open the document an annotation points at (by id, else by path)."""
        entry = next((e for e in self.entries.values() if e.document_id == target.document_id), None)
        if entry is None:
            entry = next((e for e in self.entries.values() if e.relpath == target.path), None)
        if entry is None:
            self.notify(f"{target.path}: not in this library", severity="warning", markup=False)
            return
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self.open_entry(entry, offset=target.start)

    def go_to(self, path: str) -> None:
        """Open a document chosen by "Go to document…" from any screen, the library's cursor on it."""
        entry = self.entries.get(path)
        if entry is None:
            return
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        if self.filter_text:
            self.action_clear_filter()
        table = self.query_one(DocumentTable)
        table.set_rows(table.rows, keep=path)
        self.open_entry(entry)

    def update_entry(self, entry: Entry) -> None:
        """The reading screen found something new about a document (a line flipped)."""
        if entry.path in self.entries:
            self.entries[entry.path] = entry
            self.update_rows([entry])


def _matches(entry: Entry, needle: str) -> bool:
    return any(needle in field.casefold() for field in _fields(entry))


def _fields(entry: Entry) -> Iterable[str]:
    yield entry.relpath
    if entry.title:
        yield entry.title
    if entry.date:
        yield entry.date
