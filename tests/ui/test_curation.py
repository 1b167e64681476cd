"""Curation mode in the reading screen, on a real store: two annotators disagree on a seed; the curator
walks the disagreements and adjudicates into the gold layer."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from annotations.model import DocumentRef
from annotations.store import Store
from reader.screens.reading import ReadingScreen
from reader.screens.reading_curation import PANEL_ID, CurationPanel
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse
from reader.widgets.status import StatusLine


def first_seed(articles: Path) -> tuple[DocumentRef, list[tuple[int, int]]]:
    path = sorted(articles.iterdir())[0]
    analysis = analyse(read_document(path))
    doc = analysis.document
    ref = DocumentRef(doc.id, path.name, doc.text)
    return ref, [(s.start, s.end) for s in analysis.sentences if s.taggable]


def tag_two_annotators(store_dir: Path, ref: DocumentRef, spans: list[tuple[int, int]]) -> None:
    """ann and bob agree on sentence 0, disagree on 2 (quote / claim) and on 4 (none / fact)."""
    with Store.open(store_dir, annotator="ann") as ann:
        ann.add(ref, "claim", *spans[0])
        ann.add(ref, "quote", *spans[2])
    with Store.open(store_dir, annotator="bob") as bob:
        bob.add(ref, "claim", *spans[0])
        bob.add(ref, "claim", *spans[2])
        bob.add(ref, "fact", *spans[4])


def plain(renderable: object) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def panel_text(screen: ReadingScreen) -> str:
    screen.query_one(f"#{PANEL_ID}", CurationPanel)  # the panel is on screen
    return plain(screen.curation.render())


def gold(store: Store, ref: DocumentRef) -> set[tuple[str, int, int]]:
    return {(a.label, a.start, a.end) for a in store.annotations(ref.id) if a.annotator == "gold"}


async def test_walk_take_none_and_undo(articles: Path, store: Store, tmp_path: Path, ui) -> None:
    ref, spans = first_seed(articles)
    tag_two_annotators(store.location, ref, spans)
    from reader.app import ReaderApp

    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        palette = [c.title for c in app.get_system_commands(app.screen)]
        assert "Agreement" in palette and "Curate this document" not in palette  # the library
        reading = await ui.open_document(app, pilot, 0)
        assert isinstance(reading, ReadingScreen)
        assert "Curate this document" in [c.title for c in app.get_system_commands(app.screen)]
        await app.run_action("curate")
        await ui.settle(app, pilot)
        screen = app.screen
        assert screen is reading  # a mode of the reading screen, not a screen over it
        curation = reading.curation
        assert curation.on and curation.session is not None
        assert [d.sentences for d in curation.session.found] == [(2,), (4,)]
        assert "Disagreement 1 of 2" in panel_text(reading)
        # the cursor sits on the disagreement and review mode's letters say who tagged what
        assert reading.view.sentences[reading.view.cursor][0] == spans[2][0]
        assert reading.review.on
        assert curation.current is not None
        shown = plain(curation.versions_table(curation.current))
        assert "ann" in shown and "bob" in shown and "quote" in shown and "claim" in shown
        # take bob's version (2): claim on sentence 2, written as the gold annotator
        await ui.press(app, pilot, "2")
        assert gold(store, ref) == {("claim", *spans[2])}
        status = reading.query_one(StatusLine)
        assert status.message == "Gold: took bob's version." and status.message in status.plain
        # next disagreement, take none: nothing in gold there
        await ui.press(app, pilot, "n")
        assert "Disagreement 2 of 2" in panel_text(reading)
        assert reading.view.sentences[reading.view.cursor][0] == spans[4][0]
        await ui.press(app, pilot, "0")
        assert gold(store, ref) == {("claim", *spans[2])}
        # back, take ann's version instead: the claim goes, the quote comes
        await ui.press(app, pilot, "N", "1")
        assert gold(store, ref) == {("quote", *spans[2])}
        # one u takes the whole take back (the store recorded a removal and an addition)
        await ui.press(app, pilot, "u")
        assert gold(store, ref) == {("claim", *spans[2])}
        assert status.message.startswith("Gold layer: undid ") and status.message in status.plain
        assert not [n for n in app._notifications if n.message.startswith(("Gold", "undid"))]
        await ui.press(app, pilot, "u")
        assert gold(store, ref) == set()
        await ui.press(app, pilot, "1")  # ann's quote again: the gold layer is the dataset
        done = subprocess.run(
            [sys.executable, "-m", "reader", "export", "--store", str(store.location),
             "--corpus", str(articles), "--annotator", "gold", "--format", "jsonl"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        rows = [json.loads(line) for line in done.stdout.splitlines()]
        assert [(r["annotator"], r["label"], r["start"], r["end"]) for r in rows] == [
            ("gold", "quote", *spans[2])
        ]
        # the annotators' own tags are untouched
        assert {(a.annotator, a.label) for a in store.annotations(ref.id) if a.annotator != "gold"} == {
            ("ann", "claim"),
            ("ann", "quote"),
            ("bob", "claim"),
            ("bob", "fact"),
        }
        # esc leaves the mode: the panel goes, the reading keys are back (n is the search's again)
        await ui.press(app, pilot, "escape")
        assert app.screen is reading and not curation.on and not reading.query(CurationPanel)
        assert not reading.review.on
        await ui.press(app, pilot, "c")  # a claim in the user's own layer, not the gold one
        assert gold(store, ref) == {("quote", *spans[2])}


async def test_tag_anew_and_no_disagreement(articles: Path, store: Store, tmp_path: Path, ui) -> None:
    ref, spans = first_seed(articles)
    tag_two_annotators(store.location, ref, spans)
    from reader.app import ReaderApp

    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache", curator="judge")
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot, 0)
        await app.run_action("curate")
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "n", "t")  # the second disagreement, a label anew
        await ui.press(app, pilot, "down", "enter")  # the picker: claim, quote, fact
        judged = {(a.label, a.start, a.end) for a in store.annotations(ref.id) if a.annotator == "judge"}
        assert len(judged) == 1 and next(iter(judged))[1:] == spans[4]
        # a document nobody disagrees on
        await ui.press(app, pilot, "escape", "escape")  # out of the mode, back to the library
        reading = await ui.open_document(app, pilot, 1)
        await ui.press(app, pilot, "C")  # the mode's key in the reading screen
        assert reading.curation.on
        assert "fewer than two annotators" in panel_text(reading)
