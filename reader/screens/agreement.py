"""How much the annotators agree (`reader agree`'s figures) per label and per document, with bars.

The figures are counted in a thread worker from the library's catalog (sentences) and the store
(finished marks, annotations): the screen is up at once and fills in when the count is done. Enter
opens the highlighted document at its first disagreement; C curates it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from annotations.agreement import RARE, Agreement, DocumentFigures
from reader import commands
from reader.app import ReaderApp
from reader.services.agreement import (
    Outcome,
    cache_is_filled,
    finished_marks,
)
from reader.services.agreement_warmup import FILL_FROM, store_state
from reader.services.disagreements import coders, find
from reader.services.entries import Entry
from reader.services.jump import JumpTarget
from reader.text.sanitize import display_safe
from reader.widgets.key_bar import KeyBar
from reader.widgets.row_table import Column, RowTable

BAR = 10


def bar(value: float | None) -> Text:
    """Alpha or kappa on 0..1 as a bar (below 0 shows empty: worse than chance); dim when undefined."""
    if value is None:
        return Text("·" * BAR, style="dim")
    filled = round(BAR * min(max(value, 0.0), 1.0))
    style = "green" if value >= 0.8 else "yellow" if value >= 0.667 else "red"
    return Text("█" * filled, style=style) + Text("░" * (BAR - filled), style="dim")


def figure(value: float | None) -> Text:
    return Text("—", style="dim") if value is None else Text(f"{value:.3f}")


def bar_cell(value: float | None) -> list[tuple[str, str]]:
    """`bar` as fragments for the document table (one string per style)."""
    if value is None:
        return [("·" * BAR, "dim")]
    filled = round(BAR * min(max(value, 0.0), 1.0))
    style = "green" if value >= 0.8 else "yellow" if value >= 0.667 else "red"
    return [("█" * filled, style), ("░" * (BAR - filled), "dim")]


def figure_cell(value: float | None) -> list[tuple[str, str]]:
    return [("—", "dim")] if value is None else [(f"{value:.3f}", "")]


@dataclass
class Counted(Message):
    outcome: Outcome


@dataclass
class Counting(Message):
    done: int
    total: int
    why: str = ""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Counting)


class AgreementScreen(Screen[None]):
    CSS_PATH = "agreement.tcss"
    BINDINGS = commands.bindings(commands.AGREEMENT)
    COMMAND_SET = commands.AGREEMENT
    AUTO_FOCUS = "#agreement-documents"

    reader = getters.app(ReaderApp)

    def __init__(self) -> None:
        super().__init__()
        self.outcome: Outcome | None = None
        self.entries: dict[str, Entry] = {}
        self._paths: list[str] = []  # the document table's rows
        self.unread = 0  # documents the library has not analysed yet when counting began
        self.filled_in_subprocess: bool | None = None  # None: the cache was there, or few documents

    def compose(self) -> ComposeResult:
        yield Static(Text("Counting the agreement…"), id="agreement-summary")
        yield DataTable(id="agreement-labels", cursor_type="row", zebra_stripes=False)
        yield RowTable(id="agreement-documents")
        yield KeyBar()

    def on_mount(self) -> None:
        labels = self.query_one("#agreement-labels", DataTable)
        labels.add_columns("label", "alpha", "", "units", "present", "")
        labels.border_title = "Krippendorff's alpha per label"
        docs = self.query_one("#agreement-documents", RowTable)
        docs.border_title = "Per document, weakest first (Enter: open at first disagreement, C: curate)"
        self.count()

    @work(thread=True, exclusive=True, group="agreement")
    def count(self) -> None:
        """The figures from the per-document cache `reader agree` shares (only changed documents are
        counted here). With no cache yet (a first open on a big store) `reader agree` fills it in a
        child process first: its worker processes use both cores, which a thread of the app cannot."""
        store = self.reader.store
        entries = sorted(self.reader.catalog.entries, key=lambda e: e.relpath)
        self.entries = {e.relpath: e for e in entries}
        self.unread = sum(1 for e in entries if not e.scanned and not e.error)
        total = len(entries)
        warmup = self.reader.agreement_warmup
        if warmup.running:  # counting the same documents twice would take longer than waiting
            self.post_message(Counting(0, total, "the background count is bringing the cache up to date"))
            warmup.wait()
        remembered = warmup.remembered(store, entries)
        if remembered is not None:  # summed after the background count, and nothing changed since
            self.post_message(Counted(remembered))
            return
        finished_marks(store)  # brings the store's index up to date
        if total >= FILL_FROM and not cache_is_filled(store.location):
            self.post_message(Counting(0, total, "first count on this store"))
            # The app's child process, at normal priority: the user waits. If the app's background
            # count started meanwhile, wait for that one instead of starting a second.
            state = store_state(store.location, store.labels)
            self.filled_in_subprocess = warmup.refresh(store.summary(), total, now=True, nice=0, state=state)
            warmup.wait()
        self.post_message(Counted(warmup.remember(store, entries)))  # kept: the next open shows them at once

    def on_counting(self, message: Counting) -> None:
        self.query_one("#agreement-summary", Static).update(
            Text(
                f"Counting the agreement of {message.total} documents"
                + (f" ({message.why})…" if message.why else "…")
            )
        )

    def on_counted(self, message: Counted) -> None:
        self.outcome = message.outcome
        result = message.outcome.agreement
        summary = self.query_one("#agreement-summary", Static)
        labels = self.query_one("#agreement-labels", DataTable)
        docs = self.query_one("#agreement-documents", RowTable)
        labels.clear()
        if len(result.annotators) < 2:
            who = ", ".join(sorted(message.outcome.finished_coders)) or "nobody"
            summary.update(
                Text(
                    "Fewer than two annotators have finished the same documents "
                    f"(finished: {display_safe(who)}). Agreement needs two."
                )
            )
            return
        line = summary_line(result)
        if self.unread:  # their sentences are not known yet: not counted
            line += f" ({self.unread} documents the library is still reading are left out: r recounts.)"
        summary.update(Text(line))
        for name, f in result.labels.items():
            share = f"{f.present} ({100 * f.present / f.units:.1f}%)" if f.units else "0"
            note = Text(f"rare (<{RARE:.0%}): unstable", style="yellow") if f.rare else Text("")
            labels.add_row(Text(name), figure(f.alpha), bar(f.alpha), Text(str(f.units)), Text(share), note)
        labels.add_row(
            Text("label sets"), figure(result.masi_alpha), bar(result.masi_alpha), Text(str(result.units)),
            Text(""), Text("MASI: sets that overlap agree in part", style="dim"),
        )  # fmt: skip
        names = list(result.labels)
        columns = [
            Column("sets", 6, right=True),
            Column("", BAR),
            *(Column(n, max(6, len(n)), right=True) for n in names),
            Column("units", 5, right=True),
            Column("document", 0),
        ]
        rows = sorted(result.per_document, key=weakness)
        docs.set_rows(
            columns,
            [
                (
                    figure_cell(d.masi_alpha),
                    bar_cell(d.masi_alpha),
                    *(figure_cell(d.alpha[n]) for n in names),
                    [(str(d.units), "")],
                    [(d.path, "")],
                )
                for d in rows
            ],
        )
        self._paths = [d.path for d in rows]

    def _highlighted(self) -> Entry | None:
        docs = self.query_one("#agreement-documents", RowTable)
        paths = self._paths
        if not paths or not 0 <= docs.cursor < len(paths):
            return None
        return self.entries.get(paths[docs.cursor])

    @on(RowTable.Chosen, "#agreement-documents")
    def _chosen(self, event: RowTable.Chosen) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        entry = self._highlighted()
        if entry is None or entry.document_id is None:
            return
        start, end, found = first_disagreement(self.reader, entry)
        self.reader.open_target(JumpTarget(entry.document_id, entry.relpath, start, end))
        review = getattr(self.app.screen, "review", None)  # the reading screen's review mode, when built
        if review is not None and not getattr(review, "on", True):
            review.on = True  # who tagged what, in the gutter, from the first paint
        if found:
            self.notify("At the first disagreement (C curates: n goes to the next).", markup=False)
        else:
            self.notify("No disagreement in this document.", markup=False)

    def action_curate(self) -> None:
        """The reading screen at the first disagreement, in curation mode (it starts once the document
        is open)."""
        entry = self._highlighted()
        if entry is None or entry.document_id is None:
            return
        start, end, _found = first_disagreement(self.reader, entry)
        self.reader.open_target(JumpTarget(entry.document_id, entry.relpath, start, end))
        curation = getattr(self.app.screen, "curation", None)
        if curation is not None:
            curation.start()

    def action_refresh(self) -> None:
        self.query_one("#agreement-summary", Static).update(Text("Counting the agreement…"))
        self.count()

    def action_close(self) -> None:
        self.app.pop_screen()


def summary_line(result: Agreement) -> str:
    return (
        f"{result.documents} documents, {result.units} sentences finished by two or more of "
        f"{display_safe(', '.join(result.annotators))}. Alpha: 1 perfect, 0 chance; "
        "0.8 and above is reliable, 0.667-0.8 tentative."
    )


def weakness(d: DocumentFigures) -> tuple[bool, float, str]:
    return (d.masi_alpha is None, d.masi_alpha if d.masi_alpha is not None else 0.0, d.path)


def first_disagreement(app: ReaderApp, entry: Entry) -> tuple[int, int, bool]:
    """Where the document's first disagreement is (its first sentence when there is none)."""
    store = app.store
    assert entry.document_id is not None
    annotations = store.annotations(entry.document_id)
    who = coders(annotations, store.finished_by(entry.document_id), app.curator)
    found = find(entry.taggable_spans, annotations, who)
    if found:
        return found[0].start, found[0].end, True
    spans = entry.taggable_spans
    first = spans[0] if spans else (0, 0)
    return first[0], first[1], False
