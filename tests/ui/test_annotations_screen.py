"""The annotations screen on a real store filled through the store API on the seed articles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static

from annotations.model import Annotation, DocumentRef
from annotations.store import Store
from reader.screens.annotations import AnnotationsScreen
from reader.services.jump import JumpTarget
from reader.text.corpus import read_document
from reader.text.pipeline import analyse
from reader.widgets.annotation_table import AnnotationTable
from reader.widgets.key_bar import KeyBar

HOSTILE = "Intro line of the page.\n\nHe typed [bold]x[/bold] then [@click=app.quit] and \x1b[31m red.\n"
BEFORE = "First line stays.\n\nThe mayor said crime fell by forty percent last year.\n\nLast line stays.\n"
AFTER = "First line stays.\n\nSomething else entirely was written here instead.\n\nLast line stays.\n"


@dataclass
class Filled:
    store_dir: Path
    titles: dict[str, str]
    hostile_id: str


def _ref(path: Path, relpath: str) -> tuple[DocumentRef, list[tuple[int, int]], str | None]:
    analysis = analyse(read_document(path))
    doc = analysis.document
    return (
        DocumentRef(doc.id, relpath, doc.text),
        [(s.start, s.end) for s in analysis.sentences],
        analysis.title,
    )


@pytest.fixture
def filled(tmp_path: Path, seeds_dir: Path) -> Filled:
    """Three seed articles tagged by alice and bob, one hostile article, one orphan."""
    store_dir = tmp_path / "store"
    titles: dict[str, str] = {}
    seeds = sorted(seeds_dir.glob("*.txt"))[:3]
    refs = []
    for seed in seeds:
        ref, spans, title = _ref(seed, seed.name)
        refs.append((ref, spans))
        if title:
            titles[ref.id] = title
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    hostile, _, _ = _ref(corpus / "hostile.txt", "hostile.txt")
    titles[hostile.id] = "Title [b]with[/b] markup \x1b[2J"
    (corpus / "changing.txt").write_text(BEFORE, encoding="utf-8")
    before, _, _ = _ref(corpus / "changing.txt", "changing.txt")

    store = Store.open(store_dir, annotator="alice")
    for ref, spans in refs:
        store.add(ref, "claim", *spans[0])
        store.add(ref, "quote", *spans[1], note="check [b]this[/b]", speaker="A. Person")
    start = hostile.text.index("He typed")
    store.add(hostile, "claim", start, hostile.text.index(" red.") + 5)
    mayor = BEFORE.index("The mayor")
    store.add(before, "claim", mayor, BEFORE.index("year.") + 5)
    (corpus / "changing.txt").write_text(AFTER, encoding="utf-8")
    after, _, _ = _ref(corpus / "changing.txt", "changing.txt")
    report = store.attach(after)
    assert len(report.orphans) == 1
    store.close()

    store = Store.open(store_dir, annotator="bob")
    for ref, spans in refs:
        store.add(ref, "fact", *spans[2])
    store.close()
    return Filled(store_dir, titles, hostile.id)


class ScreenApp(App[None]):
    """Pushes the screen under test and records what it was dismissed with."""

    def __init__(self, store: Store, titles: dict[str, str]) -> None:
        super().__init__()
        self.store = store
        self.titles = titles
        self.results: list[JumpTarget | None] = []

    def on_mount(self) -> None:
        self.push_screen(AnnotationsScreen(self.store, self.titles), self.results.append)


async def _ready(pilot) -> AnnotationsScreen:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AnnotationsScreen)
    assert not screen.is_loading
    return screen


async def _type(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


def _lines(screen: AnnotationsScreen) -> list[str]:
    table = screen.query_one(AnnotationTable)
    return [table.render_line(y).text for y in range(table.size.height)]


def _all(store_dir: Path) -> list[Annotation]:
    store = Store.open(store_dir)
    try:
        return list(store.iter_all())
    finally:
        store.close()


async def test_lists_every_annotation_with_its_title(filled: Filled) -> None:
    everything = _all(filled.store_dir)
    assert len(everything) == 3 * 3 + 2
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        assert [a.id for a in screen.visible_annotations()] == [a.id for a in everything]
        text = "\n".join(_lines(screen))
        some_title = next(t for i, t in filled.titles.items() if i != filled.hostile_id)
        assert some_title[:10] in text
        assert "C claim" in text and "Q quote" in text and "F fact" in text
        status = str(screen.query_one("#annotations-status", Static).render())
        assert "11 annotations" in status
    store.close()


async def test_filters_apply_as_you_type_and_combine(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(pilot, "#filter-label", "quo")
        shown = screen.visible_annotations()
        assert len(shown) == 3 and {a.label for a in shown} == {"quote"}

        await _type(pilot, "#filter-label", "")
        await _type(pilot, "#filter-annotator", "BOB")
        shown = screen.visible_annotations()
        assert len(shown) == 3 and {a.annotator for a in shown} == {"bob"}

        # Document: a word of one seed's title, then its file name; combined with the annotator.
        document_id, title = next((i, t) for i, t in filled.titles.items() if i != filled.hostile_id)
        await _type(pilot, "#filter-document", title.split()[0][:8])
        shown = screen.visible_annotations()
        assert shown and all(a.annotator == "bob" for a in shown)
        assert document_id in {a.document_id for a in shown}
        await _type(pilot, "#filter-annotator", "")
        await _type(pilot, "#filter-document", "hostile.t")
        assert [a.path for a in screen.visible_annotations()] == ["hostile.txt"]
        status = str(screen.query_one("#annotations-status", Static).render())
        assert "1 of 11 annotations" in status

        await _type(pilot, "#filter-document", "no such document anywhere")
        assert screen.visible_annotations() == []

        screen.query_one(AnnotationTable).focus()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert len(screen.visible_annotations()) == 11
        assert all(not field.value for field in screen.query(Input).results(Input))
    store.close()


async def test_date_range_reads_dates_as_people_write_them(filled: Filled) -> None:
    today = date.today()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(
            pilot, "#filter-from", f"{yesterday:%b} {yesterday.day} {yesterday.year}"
        )  # "Nov 22 2026"
        assert len(screen.visible_annotations()) == 11
        await _type(pilot, "#filter-from", tomorrow.isoformat())  # "2026-11-24"
        assert screen.visible_annotations() == []
        await _type(pilot, "#filter-from", "")
        await _type(pilot, "#filter-to", f"{today.day} {today:%B}")  # "23 November": this year
        assert len(screen.visible_annotations()) == 11
        await _type(pilot, "#filter-to", yesterday.isoformat())
        assert screen.visible_annotations() == []
        error = screen.query_one("#annotations-error", Static)
        assert not error.display
    store.close()


async def test_an_unreadable_date_is_one_visible_line_and_ignored(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(pilot, "#filter-from", "32 Smarch")
        error = screen.query_one("#annotations-error", Static)
        assert error.display
        line = str(error.render())
        assert "from:" in line and "32 Smarch" in line and "\n" not in line
        assert len(screen.visible_annotations()) == 11  # the bad bound filters nothing
        await _type(pilot, "#filter-from", "2020-01-01")
        assert not error.display
        await _type(pilot, "#filter-to", "2019")
        assert error.display and "is after" in str(error.render())
        assert screen.visible_annotations() == []
    store.close()


async def test_enter_dismisses_with_the_rows_jump_target(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        wanted = screen.visible_annotations()[2]
        assert app.focused is screen.query_one(AnnotationTable)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.results == [JumpTarget(wanted.document_id, wanted.path, wanted.start, wanted.end)]
        assert not isinstance(app.screen, AnnotationsScreen)
    store.close()


async def test_arrows_in_a_filter_move_the_table_and_enter_opens(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(pilot, "#filter-annotator", "bob")
        shown = screen.visible_annotations()
        assert len(shown) == 3
        await pilot.press("down", "down", "up", "down")
        assert isinstance(app.focused, Input)  # still typing
        await pilot.press("enter")
        await pilot.pause()
        third = shown[2]
        assert app.results == [JumpTarget(third.document_id, third.path, third.start, third.end)]
    store.close()


async def test_enter_in_a_filter_that_lists_nothing_does_nothing(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(pilot, "#filter-annotator", "nobody")
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [] and app.screen is screen
    store.close()


async def test_a_click_opens_the_row_and_escape_returns_none(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        second = screen.visible_annotations()[1]
        assert await pilot.click(AnnotationTable, offset=(20, 2))  # line 0 is the header
        await pilot.pause()
        assert app.results == [JumpTarget(second.document_id, second.path, second.start, second.end)]
        app.push_screen(AnnotationsScreen(store, filled.titles), app.results.append)
        await _ready(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results[-1] is None
        assert not isinstance(app.screen, AnnotationsScreen)
    store.close()


async def test_orphans_are_marked(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(pilot, "#filter-document", "changing")
        (orphan,) = screen.visible_annotations()
        assert orphan.orphan
        assert "C claim orphan" in _lines(screen)[1]
        await _type(pilot, "#filter-document", "hostile")
        assert "orphan" not in _lines(screen)[1]
    store.close()


async def test_article_text_is_shown_literally_and_does_nothing(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await _ready(pilot)
        await _type(pilot, "#filter-document", "hostile")
        table = screen.query_one(AnnotationTable)
        strip = table.render_line(1)
        # The text column takes the width the others leave, so the whole sentence shows.
        assert "He typed [bold]x[/bold] then [@click=app.quit] and ␛[31m red." in strip.text
        assert "Title [b]with[/" in strip.text  # the document column is 16 cells wide
        assert "\x1b" not in strip.text
        assert all("@click" not in (segment.style.meta if segment.style else {}) for segment in strip)
        # Clicking the row (on the [@click=...] text itself) opens it and nothing else.
        assert await pilot.click(AnnotationTable, offset=(strip.text.index("[@click") + 2, 1))
        await pilot.pause()
        assert app.is_running
        assert app.results and app.results[0] is not None and app.results[0].path == "hostile.txt"
        # Notes are the user's own text, shown literally too.
        app.push_screen(AnnotationsScreen(store, filled.titles))
        screen = await _ready(pilot)
        await _type(pilot, "#filter-label", "quote")
        assert "check [b]this[/b]" in screen.query_one(AnnotationTable).render_line(1).text
    store.close()


async def test_a_corrupt_store_file_is_reported_in_one_line(filled: Filled) -> None:
    victim = next((filled.store_dir / "docs").rglob("*.jsonl"))
    victim.write_text("{not json\n", encoding="utf-8")
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        status = str(screen.query_one("#annotations-status", Static).render())
        assert status.startswith("could not read the store:") and "\n" not in status
    store.close()


async def test_bindings_are_declared_for_the_footer(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        await _ready(pilot)
        shown = {b.binding.id: b.binding.description for b in app.active_bindings.values()}
        assert shown["annotations.close"] == "Close"
        assert shown["annotations.open"] == "Open"
        assert shown["annotations.filter"] == "Filter"
        bar = app.screen.query_one(KeyBar)
        assert "Open" in bar.shown and "esc Close" in bar.shown and "/ Filter" in bar.shown
        # Clearing the filters is dimmed until there is something to clear.
        assert not next(i for i in bar.items() if i.binding.id == "annotations.clear_filters").enabled
        await _type(pilot, "#filter-label", "claim")
        assert next(i for i in bar.items() if i.binding.id == "annotations.clear_filters").enabled
    store.close()


async def test_in_the_app_a_lists_and_enter_opens_the_reading_screen_there(
    ui, make_app, store, articles
) -> None:  # type: ignore[no-untyped-def]
    from reader.screens.reading import ReadingScreen

    file = sorted(articles.glob("*.txt"))[2]
    analysis = analyse(read_document(file))
    ref = DocumentRef(analysis.document.id, file.name, analysis.document.text)
    sentence = analysis.sentences[3]
    store.add(ref, "fact", sentence.start, sentence.end)
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "A")
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        await ui.settle(app, pilot)
        (listed,) = screen.visible_annotations()
        assert listed.document_id == ref.id
        assert analysis.title and analysis.title[:12] in _lines(screen)[1]
        await ui.press(app, pilot, "enter")
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        for _ in range(100):
            if reading.analysis is not None:
                break
            await pilot.pause(0.02)
        await ui.settle(app, pilot)
        view = reading.view
        assert view.sentences[view.cursor] == (sentence.start, sentence.end)


async def test_a_letter_that_changes_nothing_keeps_the_cursor(filled: Filled) -> None:
    store = Store.open(filled.store_dir)
    app = ScreenApp(store, filled.titles)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ready(pilot)
        table = screen.query_one(AnnotationTable)
        await _type(pilot, "#filter-annotator", "b")
        await pilot.press("down")
        assert table.cursor == 1 and len(table.rows) == 3
        await pilot.press("o")  # "bo": the same three rows
        await pilot.pause()
        assert table.cursor == 1 and len(table.rows) == 3
        await pilot.press("x")  # "box": none
        await pilot.pause()
        assert table.rows == [] and table.cursor == 0
    store.close()
