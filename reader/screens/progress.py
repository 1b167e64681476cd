"""The progress screen: how far the tagging has come, for the corpus and for each document.

Per label and per annotator as bars (drawn with block characters and the count: readable without
colour), sentences tagged of those there are to tag, open suggestions, and the annotations made on
each of the last eight weeks' days (Textual's Sparkline). The figures are counted in a thread worker
(`reader.services.progress`), one document file at a time, and fill in as they come; the open
suggestions, which need each document analysed, come last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Sparkline, Static
from textual.worker import get_current_worker

from annotations.reasons import one_line
from reader import commands
from reader.services.progress import DAYS, DocumentTally, SuggestionCounter, Tally, tally_documents
from reader.text.sanitize import display_safe
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from annotations.store import Store
    from reader.services.entries import Entry

BAR = 16
"""Cells of the longest bar."""
NAME = 44
"""Cells of the document column (the counts stay on screen at 80 columns)."""
BATCH = 200
"""Documents counted before the worker hands them over."""


def bars(counts: Counter[str], order: Sequence[str] = (), width: int = BAR, most: int = 6) -> Text:
    """One line per name: the name, a bar of block characters as long as its share of the largest,
    and the count. `order` puts those names first (the label set, in its own order)."""
    names = list(order) + sorted((n for n in counts if n not in order), key=lambda n: (-counts[n], n))
    names = names[:most]
    top = max((counts[n] for n in names), default=0)
    pad = max((len(n) for n in names), default=0)
    out = Text()
    for name in names:
        n = counts.get(name, 0)
        eighths = round(n * width * 8 / top) if top else 0
        bar = "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]
        out.append(f"{display_safe(name)[:pad]:<{pad}} ", style="bold")
        out.append(f"{bar:<{width}}")
        out.append(f" {n:,}\n")
    hidden = len(counts) - len(names)
    if hidden > 0:
        out.append(f"and {hidden} more\n", style="dim")
    return out


def figures(tally: Tally, labels: Sequence[str]) -> Text:
    """A tally as lines of text: labels, annotators, sentences, orphans, suggestions."""
    text = Text()
    share = f" ({tally.tagged * 100 // tally.taggable}%)" if tally.taggable else ""
    text.append(f"Sentences tagged {tally.tagged:,} of {tally.taggable:,}{share}\n")
    suggestions = "counting…" if tally.suggestions is None else f"{tally.suggestions:,}"
    text.append(f"Open suggestions {suggestions}")
    if tally.orphans:
        text.append(f" · orphans {tally.orphans:,}")
    text.append("\nPer label\n", style="underline")
    text.append_text(bars(tally.labels, labels))
    text.append("Per annotator\n", style="underline")
    text.append_text(bars(tally.annotators))
    text.rstrip()
    return text


@dataclass
class Counted(Message):
    documents: list[DocumentTally]


@dataclass
class SuggestionsCounted(Message):
    counts: dict[str, int]
    done: bool = False


@dataclass
class CountFailed(Message):
    error: str


class ProgressScreen(Screen[None]):
    """The corpus's figures and the highlighted document's, above the list of documents."""

    CSS_PATH = "progress.tcss"
    TITLE = "Progress"
    AUTO_FOCUS = "#progress-documents"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.PROGRESS)

    def __init__(
        self,
        store: Store,
        entries: Iterable[Entry],
        corpus_files: Sequence[Path] = (),
        *,
        document_id: str | None = None,
    ) -> None:
        """`entries`: the library's; `document_id`: the document to highlight (the one being read)."""
        super().__init__()
        self._store = store
        self._entries = [e for e in entries if e.scanned]
        self._files = tuple(corpus_files)
        self._focus = document_id
        self._documents: dict[str, DocumentTally] = {}
        self.corpus = Tally()
        self.counting = True

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="progress-top"):
            with Vertical(id="progress-corpus") as corpus:
                corpus.border_title = "Corpus"
                yield Static(id="corpus-figures", markup=False)
                yield Static(Text(f"Per day, last {DAYS // 7} weeks"), classes="days-label")
                yield Sparkline([0] * DAYS, id="corpus-days")
            with Vertical(id="progress-document") as document:
                document.border_title = "Document"
                yield Static(id="document-figures", markup=False)
                yield Static(Text(f"Per day, last {DAYS // 7} weeks"), classes="days-label")
                yield Sparkline([0] * DAYS, id="document-days")
        yield DataTable(id="progress-documents", cursor_type="row", zebra_stripes=True)
        yield Static(id="progress-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        labels = self._store.labels
        table.add_column("Document", key="document")
        table.add_column("Tagged", key="tagged")
        for label in labels:
            table.add_column(label[:1].upper(), key=f"label-{label}")
        table.add_column("Sugg.", key="suggestions")
        self._show_corpus()
        self._count()

    # counting

    @work(thread=True, exclusive=True, group="progress")
    def _count(self) -> None:
        worker = get_current_worker()
        batch: list[DocumentTally] = []
        try:
            for counted in tally_documents(self._store, self._entries, lambda: worker.is_cancelled):
                batch.append(counted)
                if len(batch) >= BATCH or (self._focus and counted.document_id == self._focus):
                    self.post_message(Counted(batch))
                    batch = []
            self.post_message(Counted(batch))
            counter = SuggestionCounter(self._store, self._files, self._entries)
            found: dict[str, int] = {}
            # The highlighted document first: its figure is the one being looked at.
            order = sorted(self._entries, key=lambda e: e.document_id != self._focus)
            for entry in order:
                if worker.is_cancelled:
                    return
                if not entry.document_id or entry.error:
                    continue
                n = counter.count(entry.document_id)
                if n is not None:
                    found[entry.document_id] = n
                if len(found) >= 20 or entry.document_id == self._focus:
                    self.post_message(SuggestionsCounted(found))
                    found = {}
            self.post_message(SuggestionsCounted(found, done=True))
        except Exception as exc:  # one line on the screen, not a traceback
            self.post_message(CountFailed(f"could not count: {one_line(exc)}"))

    def on_counted(self, message: Counted) -> None:
        table = self.query_one(DataTable)
        for counted in message.documents:
            self._documents[counted.document_id] = counted
            self.corpus.add(counted.tally)
            table.add_row(*self._cells(counted), key=counted.document_id)
            if counted.document_id == self._focus:
                table.move_cursor(row=table.row_count - 1)
        self._show_corpus()
        self._show_document()

    def on_suggestions_counted(self, message: SuggestionsCounted) -> None:
        table = self.query_one(DataTable)
        for document_id, n in message.counts.items():
            counted = self._documents.get(document_id)
            if counted is None:
                continue
            counted.tally.suggestions = n
            self.corpus.suggestions = (self.corpus.suggestions or 0) + n
            table.update_cell(document_id, "suggestions", f"{n:,}")
        if message.done:
            self.counting = False
            if self.corpus.suggestions is None:
                self.corpus.suggestions = 0
        self._show_corpus()
        self._show_document()

    def on_count_failed(self, message: CountFailed) -> None:
        self.counting = False
        self.query_one("#progress-status", Static).update(Text(message.error, style="bold"))

    def _cells(self, counted: DocumentTally) -> list[Text | str]:
        t = counted.tally
        name = " ".join((counted.title or counted.path).split())
        tagged = f"{t.tagged}/{t.taggable}" if t.taggable else "–"
        labels = [str(t.labels.get(label, 0)) for label in self._store.labels]
        suggestions = "…" if t.suggestions is None else str(t.suggestions)
        short = name if len(name) <= NAME else name[: NAME - 1] + "…"
        return [Text(display_safe(short)), tagged, *labels, suggestions]

    # showing

    def _show_corpus(self) -> None:
        self.query_one("#corpus-figures", Static).update(figures(self.corpus, self._store.labels))
        self.query_one("#corpus-days", Sparkline).data = self.corpus.per_day()
        documents = len(self._documents)
        state = "counting…" if self.counting else "done"
        status = f"{documents:,} documents · {self.corpus.annotations:,} annotations · {state}"
        self.query_one("#progress-status", Static).update(Text(status))

    @on(DataTable.RowHighlighted, "#progress-documents")
    def _highlighted(self) -> None:
        self._show_document()

    def _show_document(self) -> None:
        box = self.query_one("#progress-document")
        counted = self.highlighted
        if counted is None:
            return
        name = " ".join((counted.title or counted.path).split())
        box.border_title = display_safe(name if len(name) <= 40 else name[:39] + "…")
        self.query_one("#document-figures", Static).update(figures(counted.tally, self._store.labels))
        self.query_one("#document-days", Sparkline).data = counted.tally.per_day()

    @property
    def highlighted(self) -> DocumentTally | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self._documents.get(key or "")

    def action_close(self) -> None:
        self.dismiss(None)
