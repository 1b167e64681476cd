"""The reading screen's curation mode: walk one document's disagreements and write the adjudicated
version to a gold layer.

A `Curation` the screen owns (as it owns `Review`). Off, the screen is as before. On (`C`, the palette's
"Curate this document", or `C` in the agreement screen), the cursor goes to a disagreement, the span is
highlighted, a panel under the text shows each annotator's version side by side (who said what) and
the gold layer's, review mode's letters show who tagged each sentence, and the mode's keys come first:
`n`/`N` move between disagreements, `1`-`9` take an annotator's version, `0` takes none, `t` tags anew,
`u` undoes the last gold change, `esc` leaves the mode. Other reading keys keep working.

The gold layer is an ordinary annotator (`--curator NAME`, default `gold`) in the same store, so it
is synced, exported (`reader export --annotator gold`) and undone like any other annotator's tags. A
take is one step for `u`, though the store records it as a removal and an addition.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from annotations.model import Annotation
from annotations.store import Store
from reader.services.disagreements import Disagreement, Version, at_or_after, coders, find
from reader.text.sanitize import display_safe, snippet
from reader.widgets.article_view import Overlay, mark_for

if TYPE_CHECKING:
    from annotations.model import DocumentRef
    from reader.screens.reading import ReadingScreen
    from reader.services.tag_state import TagState

PANEL_ID = "curation"
SNIPPET = 60  # code points of each version's span shown in the panel
# The reading actions bound to the keys the mode takes (n/N, [/], 1-9, 0/x, u, ctrl+r, esc).
SHADOWED = frozenset({"hit", "untagged", "tag_nth", "clear", "undo", "redo", "back"})


@dataclass
class Session:
    """One document's curation: whom it compares, where they disagree, where the cursor is."""

    ref: DocumentRef
    coders: list[str]
    found: list[Disagreement]
    index: int = 0
    steps: list[int] = field(default_factory=list)  # store undo steps per curation action, last last


class CurationPanel(Static):
    """The versions side by side, under the text."""


class Curation:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.on = False
        self.pending = False  # asked for before the document was open: starts when it is
        self.session: Session | None = None
        self.gold: Store | None = None
        self._review_was_on = False
        self._state: TagState | None = None  # the state `session.found` was computed from

    @property
    def curator(self) -> str:
        return self._screen.reader.curator

    # -- the screen's hooks ------------------------------------------------------------------------

    def allows(self, parameters: tuple[object, ...]) -> bool:
        """check_action for `curate(...)`: the mode's keys only while it is on; `toggle` always.
        False (not None) when off, so the key falls through to the reading binding it shadows."""
        what = parameters[0] if parameters else ""
        return what == "toggle" or self.on

    def shadows(self, action: str) -> bool:
        """check_action for the reading actions whose keys the mode takes while it is on (False lets
        Textual try the next binding of the key: the mode's)."""
        return self.on and action in SHADOWED

    def state_changed(self, state: TagState) -> None:
        """After the screen drew a new state (an open, a write, another window's write)."""
        if self.pending and self._screen.ref is not None:
            self.pending = False
            self.start()
        elif self.on and state is not self._state:
            self._find(state)
            self.show(move=False)

    def overlays(self) -> list[Overlay]:
        d = self.current
        return [Overlay(d.start, d.end, "article-view--hit")] if self.on and d is not None else []

    def close(self) -> None:
        """The screen goes away: the curator's store, when it is a second one, is closed."""
        gold, self.gold = self.gold, None
        if gold is not None and gold is not self._screen.reader.store:
            gold.close()

    # -- on and off --------------------------------------------------------------------------------

    def run(self, what: str, arg: int = 0) -> None:
        """The `curate(what, arg)` action: every key of the mode comes through here."""
        if what == "toggle" and self.on:
            self.leave()
        elif what == "toggle":
            self.start()
        elif what == "leave":
            self.leave()
        elif what == "step":
            self.step(arg)
        elif what == "take":
            self._write_version(arg)
        elif what == "none":
            self._write_none()
        elif what == "tag":
            self._pick_label()
        elif what in ("undo", "redo"):
            self._screen.run_worker(self._history(backwards=what == "undo"), group="writes")

    def start(self) -> None:
        screen = self._screen
        if screen.ref is None:
            self.pending = True  # the document is still opening
            return
        self.on = True
        self._review_was_on = screen.review.on
        screen.review.on = True  # who tagged each sentence, as letters in the gutter
        self._find(screen.state)
        s = self.session
        assert s is not None
        view = screen.view
        offset = view.sentences[view.cursor][0] if view.sentences else 0
        s.index = at_or_after(s.found, offset) or 0
        panel = CurationPanel(id=PANEL_ID)
        panel.styles.height = min(len(s.coders), 9) + 4  # fixed: n/N must not re-lay out the screen
        screen.mount(panel, after="#body")
        screen.show_state()
        self.show(move=True)
        if len(s.coders) < 2:
            screen.notify("Nothing to curate: fewer than two annotators tagged this document.", markup=False)
        elif not s.found:
            screen.notify(f"No disagreements between {display_safe(', '.join(s.coders))}.", markup=False)
        else:
            screen.notify(
                f"Curating {len(s.found)} disagreements as {display_safe(self.curator)}: "
                "n/N move, 1-9 take a version, 0 none, t tag, u undo, esc leaves.",
                markup=False,
                timeout=5,
            )

    def leave(self) -> None:
        screen = self._screen
        self.on = False
        self.pending = False
        screen.review.on = self._review_was_on
        for panel in screen.query(CurationPanel):
            panel.remove()
        screen.show_state()
        screen.show_overlays()
        screen.refresh_bindings()
        screen.notify("Curation mode off.", markup=False, timeout=2)

    def _find(self, state: TagState) -> None:
        screen = self._screen
        assert screen.ref is not None
        self._state = state
        who = coders(state.annotations, state.finished_by, self.curator)
        found = find(screen.taggable, state.annotations, who)
        old = self.session
        index = 0
        if old is not None and old.ref.id == screen.ref.id and old.found:
            here = old.found[min(old.index, len(old.found) - 1)]
            after = at_or_after(found, here.start)
            index = after if after is not None else max(len(found) - 1, 0)
        steps = old.steps if old is not None and old.ref.id == screen.ref.id else []
        self.session = Session(screen.ref, who, found, index, steps)

    # -- moving ------------------------------------------------------------------------------------

    @property
    def current(self) -> Disagreement | None:
        s = self.session
        return s.found[s.index] if s is not None and s.found and 0 <= s.index < len(s.found) else None

    def step(self, delta: int) -> None:
        s = self.session
        if s is None or not s.found:
            return
        index = s.index + delta
        if not 0 <= index < len(s.found):
            self._screen.notify("No more disagreements that way.", markup=False, timeout=2)
            return
        s.index = index
        self.show(move=True)

    def show(self, *, move: bool) -> None:
        """The panel, the highlight and (when `move`) the cursor at the current disagreement."""
        screen = self._screen
        d = self.current
        if move and d is not None:
            view = screen.view
            view.move_to(view.sentence_at(d.start))
        screen.show_overlays()
        for panel in screen.query(CurationPanel):
            panel.update(self.render(), layout=False)  # its height is fixed: no layout pass per n

    def render(self) -> Group | Text:
        s = self.session
        curator = display_safe(self.curator)
        d = self.current
        if s is None or d is None:
            if s is not None and len(s.coders) < 2:
                return Text("Curation: fewer than two annotators tagged this document (esc leaves).")
            names = display_safe(", ".join(s.coders)) if s is not None else ""
            return Text(f"Curation: no disagreements between {names} (esc leaves).")
        where = Text(
            f"Disagreement {s.index + 1} of {len(s.found)} · gold layer: {curator} · "
            f"sentence{'s' if len(d.sentences) > 1 else ''} {', '.join(self._numbers(d))}",
            style="bold",
        )
        return Group(where, self.versions_table(d))

    def _numbers(self, d: Disagreement) -> list[str]:
        """The disagreement's sentences as the view numbers them (headings count there)."""
        view, taggable = self._screen.view, self._screen.taggable
        return [str(view.sentence_at(taggable[i][0]) + 1) for i in d.sentences if i < len(taggable)]

    def versions_table(self, d: Disagreement) -> Table:
        s = self.session
        assert s is not None
        text = s.ref.text
        gold = gold_version(self._screen.state.annotations, self.curator, d)
        table = Table(box=None, padding=(0, 1), expand=True, show_header=False)
        table.add_column("key", no_wrap=True, width=4)
        table.add_column("annotator", no_wrap=True, max_width=20)
        table.add_column("labels", no_wrap=True, max_width=24)
        table.add_column("spans", ratio=1, no_wrap=True, overflow="ellipsis")
        for n, version in enumerate(d.versions[:9], 1):
            same = " ✓" if gold is not None and set(gold.spans) == set(version.spans) else ""
            table.add_row(
                Text(str(n)),
                Text(display_safe(version.annotator) + same),
                labels_text(version),
                spans_text(version, text, d),
            )
        if len(d.versions) > 9:
            table.add_row(Text(""), Text(f"+{len(d.versions) - 9} more", style="dim"), Text(""), Text(""))
        if gold is None or not gold.spans:
            state = "nothing yet" if gold is None else "none"
            table.add_row(Text("gold"), Text(display_safe(self.curator)), Text(state, style="dim"), Text(""))
        else:
            table.add_row(
                Text("gold", style="bold"),
                Text(display_safe(self.curator), style="bold"),
                labels_text(gold),
                spans_text(gold, text, d),
            )
        return table

    # -- writing the gold layer --------------------------------------------------------------------

    def _gold_store(self) -> Store:
        """The curator's store: the app's when the user is the curator, else a second one opened on the
        same folder (on the writer thread, as every write)."""
        app = self._screen.reader
        if self.gold is None:
            if app.store.annotator == self.curator:
                self.gold = app.store
            else:
                self.gold = Store.open(app.store.location, annotator=self.curator, labels=app.store.labels)
                self.gold.durable = app.store.durable
        return self.gold

    def _write_version(self, n: int) -> None:
        d = self.current
        if d is None or n >= len(d.versions):
            return
        version = d.versions[n]
        self._write(d, version.spans, f"took {version.annotator}'s version")

    def _write_none(self) -> None:
        d = self.current
        if d is not None:
            self._write(d, (), "no label here")

    def _write(self, d: Disagreement, spans: tuple[tuple[int, int, str], ...], what: str) -> None:
        s = self.session
        if s is None:
            return
        ref = s.ref

        def take() -> int:
            gold = self._gold_store()
            steps = int(bool(gold.remove_overlapping(ref, d.start, d.end)))
            if spans:
                steps += int(bool(gold.add_many(ref, [(label, a, b, None) for a, b, label in spans])))
            return steps

        self._screen.run_worker(self._change(take, what), group="writes")

    def _pick_label(self) -> None:
        d = self.current
        s = self.session
        if d is None or s is None:
            return
        from reader.screens.dialogs import LabelPicker

        ref = s.ref

        def picked(label: str | None) -> None:
            if label is None:
                return

            def toggle() -> int:
                self._gold_store().toggle(ref, label, d.start, d.end)
                return 1

            self._screen.run_worker(self._change(toggle, f"{label} toggled"), group="writes")

        labels = self._screen.reader.store.labels
        self._screen.app.push_screen(LabelPicker(Counter({label: 0 for label in labels})), picked)

    async def _change(self, fn: Callable[[], int], what: str) -> None:
        s = self.session
        steps = await self._screen.change(fn)
        if steps is None or s is None:
            return  # not saved: the screen said why
        if steps:
            s.steps.append(steps)
        self.show(move=False)
        self._screen.say(f"Gold: {what}.")

    async def _history(self, *, backwards: bool) -> None:
        s = self.session
        if s is None:
            return
        count = (s.steps.pop() if s.steps else 1) if backwards else 1
        document_id = s.ref.id

        def step() -> str | None:
            gold = self._gold_store()
            done = None
            for _ in range(count):
                done = (gold.undo(document_id) if backwards else gold.redo(document_id)) or done
            return done

        done = await self._screen.change(step)
        self.show(move=False)
        if done is None:
            self._screen.notify(
                f"Nothing to {'undo' if backwards else 'redo'} in the gold layer.", markup=False
            )
        else:
            self._screen.say(f"Gold layer: {done}")


def gold_version(annotations: Sequence[Annotation], curator: str, d: Disagreement) -> Version | None:
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
        text.append(f" {display_safe(label)} ")
    return text


def spans_text(version: Version, document: str, d: Disagreement) -> Text:
    """Each span against the disagreement: whole, or reaching out of it (a longer quote)."""
    parts = []
    for start, end, label in version.spans:
        reach = ""
        if start < d.start:
            reach += f" from {d.start - start} before"
        if end > d.end:
            reach += f" to {end - d.end} after"
        parts.append(f"{display_safe(label)}{reach}: “{snippet(document[start:end], SNIPPET)}”")
    return Text(" · ".join(parts))
