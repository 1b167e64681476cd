"""Curation: walk one document's disagreements and write the adjudicated version to a gold layer.

The gold layer is an ordinary annotator (`--curator NAME`, default `gold`) in the same store, so it
is synced, exported (`reader export --annotator gold`) and undone like any other annotator's tags.
Each disagreement shows every annotator's version side by side; the curator takes one (1-9), takes
none (0) or tags anew (t). A take is one step for `u`, though the store records it as a removal and
an addition.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from annotations.model import Annotation, DocumentRef
from annotations.store import Store
from reader import commands
from reader.app import ReaderApp
from reader.services.disagreements import Disagreement, Version, at_or_after, coders, find
from reader.services.entries import Entry
from reader.services.jump import JumpTarget
from reader.text.corpus import read_document
from reader.text.sanitize import display_safe, snippet
from reader.widgets.article_view import mark_for
from reader.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.app import App

TEXT_LIMIT = 600  # code points of the disagreement's text shown (a long quote is cut in the middle)


@dataclass
class Loaded(Message):
    ref: DocumentRef
    gold: Store
    sentences: list[tuple[int, int]]
    annotations: list[Annotation]
    coders: list[str]
    found: list[Disagreement]


@dataclass
class LoadFailed(Message):
    reason: str


@dataclass
class Curated(Message):
    annotations: list[Annotation]
    steps: int  # store undo steps the action took (a take: removal + addition)
    what: str = ""


@dataclass
class Session:
    ref: DocumentRef
    gold: Store
    sentences: list[tuple[int, int]]
    annotations: list[Annotation]
    coders: list[str]
    found: list[Disagreement]
    index: int = 0
    steps: list[int] = field(default_factory=list)  # undo steps per curation action, last last


class CurationScreen(Screen[None]):
    CSS_PATH = "curation.tcss"
    BINDINGS = commands.bindings(commands.CURATION)
    COMMAND_SET = commands.CURATION

    reader = getters.app(ReaderApp)

    def __init__(self, entry: Entry, offset: int | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.start_at = offset
        self.session: Session | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(snippet(self.entry.title or self.entry.relpath, 200)), id="curation-title")
        yield Static(Text("Finding the disagreements…"), id="curation-where")
        yield Static(Text(""), id="curation-text")
        yield Static(Text(""), id="curation-versions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.gold.close()

    # -- loading -------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="curation-load")
    def load(self) -> None:
        app = self.reader
        store = app.store
        try:
            document = read_document(Path(self.entry.path))
        except Exception as exc:  # a file gone or unreadable: one line on the screen
            self.post_message(LoadFailed(getattr(exc, "reason", str(exc))))
            return
        analysis = app.catalog.analyse(document, store.line_overrides(document.id))
        ref = DocumentRef(document.id, self.entry.relpath, document.text)
        sentences = [(s.start, s.end) for s in analysis.sentences if getattr(s, "taggable", True)]
        annotations = app.write_from_thread(store.annotations, document.id)
        finished = store.finished_by(document.id)
        who = coders(annotations, finished, app.curator)
        gold = Store.open(store.location, annotator=app.curator, labels=store.labels)
        gold.durable = store.durable
        found = find(sentences, annotations, who)
        self.post_message(Loaded(ref, gold, sentences, annotations, who, found))

    def on_loaded(self, message: Loaded) -> None:
        self.session = Session(
            message.ref, message.gold, message.sentences, message.annotations, message.coders, message.found
        )
        if self.start_at is not None:
            self.session.index = at_or_after(message.found, self.start_at) or 0
        self.show()

    def on_load_failed(self, message: LoadFailed) -> None:
        self.query_one("#curation-where", Static).update(Text(f"Cannot curate: {message.reason}"))

    # -- showing -------------------------------------------------------------------------------------

    @property
    def current(self) -> Disagreement | None:
        s = self.session
        return s.found[s.index] if s is not None and s.found else None

    def show(self) -> None:
        s = self.session
        if s is None:
            return
        where = self.query_one("#curation-where", Static)
        text = self.query_one("#curation-text", Static)
        table = self.query_one("#curation-versions", Static)
        curator = display_safe(self.reader.curator)
        d = self.current
        if d is None:
            if len(s.coders) < 2:
                where.update(Text("Nothing to curate: fewer than two annotators tagged this document."))
            else:
                where.update(Text(f"No disagreements between {display_safe(', '.join(s.coders))}."))
            text.update(Text(""))
            table.update(Text(""))
            return
        where.update(
            Text(
                f"Disagreement {s.index + 1} of {len(s.found)} · writing the gold layer as {curator} · "
                f"sentence{'s' if len(d.sentences) > 1 else ''} {', '.join(str(i + 1) for i in d.sentences)}"
            )
        )
        text.update(Text(snippet(s.ref.text[d.start : d.end], TEXT_LIMIT)))
        table.update(self.versions_table(d))

    def versions_table(self, d: Disagreement) -> Table:
        s = self.session
        assert s is not None
        gold = gold_version(s.annotations, self.reader.curator, d)
        table = Table(box=None, padding=(0, 1), expand=True, show_header=True)
        table.add_column("key", no_wrap=True, width=5)
        table.add_column("annotator", no_wrap=True, max_width=20)
        table.add_column("labels", no_wrap=True, max_width=24)
        table.add_column("spans", ratio=1)
        for n, version in enumerate(d.versions, 1):
            same = " ✓" if gold is not None and set(gold.spans) == set(version.spans) else ""
            table.add_row(
                Text(str(n) if n <= 9 else ""),
                Text(display_safe(version.annotator) + same),
                labels_text(version),
                spans_text(version, s.ref.text, d),
            )
        table.add_row(Text(""), Text(""), Text(""), Text(""))
        if gold is None or not gold.spans:
            state = "nothing yet" if gold is None else "none"
            table.add_row(
                Text("gold"), Text(display_safe(self.reader.curator)), Text(state, style="dim"), Text("")
            )
        else:
            table.add_row(
                Text("gold", style="bold"),
                Text(display_safe(self.reader.curator), style="bold"),
                labels_text(gold),
                spans_text(gold, s.ref.text, d),
            )
        return table

    # -- moving --------------------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        s = self.session
        if s is None or not s.found:
            return
        index = s.index + delta
        if not 0 <= index < len(s.found):
            self.notify("No more disagreements that way.", markup=False, timeout=2)
            return
        s.index = index
        self.show()

    def action_open(self) -> None:
        d = self.current
        s = self.session
        if d is None or s is None:
            return
        self.reader.open_target(JumpTarget(s.ref.id, s.ref.path, d.start, d.end))

    def action_close(self) -> None:
        self.app.pop_screen()

    # -- writing the gold layer ----------------------------------------------------------------------

    def action_take(self, n: int) -> None:
        d = self.current
        if d is None or n >= len(d.versions):
            return
        version = d.versions[n]
        self.write_gold(d, version.spans, f"took {version.annotator}'s version")

    def action_take_none(self) -> None:
        d = self.current
        if d is not None:
            self.write_gold(d, (), "no label here")

    def action_tag(self) -> None:
        d = self.current
        s = self.session
        if d is None or s is None:
            return
        from reader.screens.dialogs import LabelPicker

        def picked(label: str | None) -> None:
            if label is not None:
                self.toggle_gold(d, label)

        self.app.push_screen(LabelPicker(Counter({label: 0 for label in s.gold.labels})), picked)

    @work(exclusive=True, group="curation-write")
    async def write_gold(self, d: Disagreement, spans: tuple[tuple[int, int, str], ...], what: str) -> None:
        s = self.session
        assert s is not None
        app = self.reader
        gold = s.gold
        steps = 0
        removed = await app.write(gold.remove_overlapping, s.ref, d.start, d.end)
        steps += bool(removed)
        if spans:
            added = await app.write(gold.add_many, s.ref, [(label, a, b, None) for a, b, label in spans])
            steps += bool(added)
        await self.reload(steps, what)

    @work(exclusive=True, group="curation-write")
    async def toggle_gold(self, d: Disagreement, label: str) -> None:
        s = self.session
        assert s is not None
        await self.reader.write(s.gold.toggle, s.ref, label, d.start, d.end)
        await self.reload(1, f"{label} toggled")

    async def reload(self, steps: int, what: str) -> None:
        s = self.session
        assert s is not None
        s.annotations = await self.reader.write(self.reader.store.annotations, s.ref.id)
        if steps:
            s.steps.append(steps)
        self.show()
        if what:
            self.notify(f"Gold: {what}.", markup=False, timeout=2)

    @work(exclusive=True, group="curation-write")
    async def action_undo(self) -> None:
        await self._history(backwards=True)

    @work(exclusive=True, group="curation-write")
    async def action_redo(self) -> None:
        await self._history(backwards=False)

    async def _history(self, *, backwards: bool) -> None:
        s = self.session
        if s is None:
            return
        gold = s.gold
        step = gold.undo if backwards else gold.redo
        count = (s.steps.pop() if s.steps else 1) if backwards else 1
        done = None
        for _ in range(count):
            done = await self.reader.write(step, s.ref.id) or done
        s.annotations = await self.reader.write(self.reader.store.annotations, s.ref.id)
        self.show()
        if done is None:
            self.notify(f"Nothing to {'undo' if backwards else 'redo'} in the gold layer.", markup=False)
        else:
            self.notify(f"{'Undone' if backwards else 'Redone'}: {done}", markup=False, timeout=2)


def gold_version(annotations: list[Annotation], curator: str, d: Disagreement) -> Version | None:
    """The gold layer's tags on a disagreement; None when the curator has tagged nothing there."""
    spans = tuple(
        sorted(
            (a.start, a.end, a.label)
            for a in annotations
            if a.annotator == curator and not a.orphan and a.start < d.end and a.end > d.start
        )
    )
    return Version(curator, spans) if spans else None


def labels_text(version: Version) -> Text:
    if not version.spans:
        return Text("none", style="dim")
    text = Text()
    for label in sorted(version.labels):
        text.append(f" {mark_for(label)} ", style="reverse")
        text.append(f" {label} ")
    return text


def spans_text(version: Version, document: str, d: Disagreement) -> Text:
    """Where each span lies against the disagreement: whole, or reaching out of it (a longer quote)."""
    parts = []
    for start, end, label in version.spans:
        reach = ""
        if start < d.start:
            reach += f" from {d.start - start} before"
        if end > d.end:
            reach += f" to {end - d.end} after"
        parts.append(f"{label} {start}-{end}{reach}: “{snippet(document[start:end], 60)}”")
    return Text("\n".join(parts))


def curate_open_document(app: App[int]) -> None:
    """The palette's "Curate this document": the document open in the reading screen."""
    entry = getattr(app.screen, "analysis_entry", None) or getattr(app.screen, "entry", None)
    if not isinstance(entry, Entry):
        app.notify("Open a document first.", markup=False)
        return
    app.push_screen(CurationScreen(entry))
