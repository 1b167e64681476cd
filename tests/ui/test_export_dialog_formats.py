"""The export dialog's newer formats (spaCy, Prodigy, ClaimReview), the publisher field, the chosen
format shown without colour, and Enter exporting from every field."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static

from annotations.export import DIALOG_FORMATS, FORMATS
from annotations.model import DocumentRef
from annotations.store import Store
from reader.screens.export import ExportDialog
from reader.text.corpus import Corpus, discover, read_document
from reader.text.pipeline import analyse
from reader.widgets.choice import CHOSEN, NOT_CHOSEN, ChoiceButton

SCALE = ("right", "half right", "wrong")


@pytest.fixture
def corpus(seeds_dir: Path) -> Corpus:
    return discover([seeds_dir])


@pytest.fixture
def rated(tmp_path: Path, corpus: Corpus) -> Iterator[Store]:
    """Two seeds, each with a claim rated "wrong" and a quote; one more claim with no verdict."""
    opened = Store.open(tmp_path / "store", annotator="alice")
    for file in corpus.files[:2]:
        analysis = analyse(read_document(file))
        doc = analysis.document
        ref = DocumentRef(doc.id, corpus.relative(file), doc.text)
        first, second, third = analysis.sentences[:3]
        claim = opened.add(ref, "claim", first.start, first.end, speaker="A. Person")
        opened.update(ref, claim.id, verdict="wrong", review_url="https://checks.example/1")
        opened.add(ref, "quote", second.start, second.end, speaker="A. Person")
    opened.add(ref, "claim", third.start, third.end)
    yield opened
    opened.close()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(folder))  # the dialog's default folder: home, without Documents
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


class DialogApp(App[None]):
    def __init__(self, store: Store, corpus: Corpus, verdicts: Sequence[str] | None = None) -> None:
        super().__init__()
        self.store = store
        self.corpus = corpus
        self.verdicts = verdicts
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(self.store, self.corpus, verdicts=self.verdicts), self.results.append)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _message(app: App[None]) -> str:
    return str(app.screen.query_one("#export-message", Static).render())


def _markers(app: App[None]) -> dict[str, str]:
    """Each format's button as drawn, reduced to its marker: what a monochrome terminal shows."""
    buttons = app.screen.query("#export-format ChoiceButton").results(ChoiceButton)
    return {(b.id or "").removeprefix("format-"): b.render().plain.strip()[1] for b in buttons}


def test_the_dialog_offers_every_format() -> None:
    assert DIALOG_FORMATS == FORMATS


async def test_the_chosen_format_is_marked_without_colour(
    rated: Store, corpus: Corpus, workdir: Path
) -> None:
    app = DialogApp(rated, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        markers = _markers(app)
        assert list(markers) == [f.name for f in FORMATS]
        assert markers == {f.name: CHOSEN if f.name == "json" else NOT_CHOSEN for f in FORMATS}
        await pilot.click("#format-prodigy")
        await pilot.pause()
        assert [name for name, marker in _markers(app).items() if marker == CHOSEN] == ["prodigy"]


async def test_spacy_writes_a_docbin_spacy_loads(rated: Store, corpus: Corpus, workdir: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    app = DialogApp(rated, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#format-spacy")
        await pilot.pause()
        assert not app.screen.query_one("#export-publisher-row").display
        await pilot.press("enter")  # the file name still has the focus
        await _settle(pilot)
        (written,) = app.results
    assert written is not None and written.suffix == ".spacy"
    docs = list(DocBin().from_disk(written).get_docs(spacy.blank("xx").vocab))
    spans = [(span.label_, span.text) for doc in docs for span in doc.spans["sc"]]
    assert len(docs) == 2 and len(spans) == 5
    assert sorted(a.text for a in rated.iter_all()) == sorted(text for _, text in spans)


async def test_prodigy_writes_json_lines(rated: Store, corpus: Corpus, workdir: Path) -> None:
    app = DialogApp(rated, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click("#format-prodigy")
        await pilot.press("ctrl+s")
        await _settle(pilot)
        (written,) = app.results
    assert written is not None and written.suffix == ".jsonl"
    tasks = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert len(tasks) == 2 and all(t["_annotator_id"] == "alice" for t in tasks)
    spans = [t["text"][s["start"] : s["end"]] for t in tasks for s in t["spans"]]
    assert sorted(spans) == sorted(a.text for a in rated.iter_all())


async def test_claimreview_asks_for_the_publisher_and_rates_on_the_apps_scale(
    rated: Store, corpus: Corpus, workdir: Path
) -> None:
    app = DialogApp(rated, corpus, verdicts=SCALE)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        row = app.screen.query_one("#export-publisher-row")
        assert not row.display
        await pilot.click("#format-claimreview")
        await pilot.pause()
        assert row.display
        await pilot.press("enter")  # no publisher yet
        await _settle(pilot)
        assert app.results == [] and "publisher" in _message(app)
        publisher = app.screen.query_one("#export-publisher", Input)
        assert app.focused is publisher
        await pilot.press(*"Example Checks")
        await pilot.press("enter")  # Enter in the publisher field exports too
        await _settle(pilot)
        (written,) = app.results
    assert written is not None and written.suffix == ".jsonld"
    reviews = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert len(reviews) == 2
    for review in reviews:
        assert review["@type"] == "ClaimReview"
        assert review["author"]["name"] == "Example Checks"
        rating = review["reviewRating"]
        assert (rating["alternateName"], rating["ratingValue"], rating["bestRating"]) == ("wrong", 1, 3)


async def test_enter_in_the_format_list_chooses_and_exports(
    rated: Store, corpus: Corpus, workdir: Path
) -> None:
    app = DialogApp(rated, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-format").focus()
        await pilot.pause()
        await pilot.press("down")  # highlights JSON Lines, the next format: not chosen yet
        await pilot.press("enter")
        await _settle(pilot)
        (written,) = app.results
    assert written is not None and written.suffix == ".jsonl"
    rows = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == sorted(a.id for a in rated.iter_all())


async def test_the_app_remembers_the_publisher_for_the_session(  # type: ignore[no-untyped-def]
    ui, make_app, workdir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await app.run_action("export")
        await pilot.pause()
        await pilot.click("#format-claimreview")
        await pilot.pause()
        app.screen.query_one("#export-publisher", Input).value = "Example Checks"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        await app.run_action("export")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-publisher", Input).value == "Example Checks"
