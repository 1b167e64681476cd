"""The progress screen and "Go to document…", on the seeds with tags made through the real keys."""

from __future__ import annotations

from textual.widgets import DataTable, Sparkline, Static

from reader.screens.goto import GoToDocument
from reader.screens.progress import ProgressScreen, bars
from reader.screens.reading import ReadingScreen


async def _tag(app, pilot, ui) -> ReadingScreen:  # type: ignore[no-untyped-def]
    await ui.open_document(app, pilot, 0)
    await ui.press(app, pilot, "c", "j", "q", "j", "j", "c")  # 2 claims and a quote in document 0
    await ui.press(app, pilot, "escape")
    reading = await ui.open_document(app, pilot, 1)
    await ui.press(app, pilot, "f")  # a fact in document 1
    return reading


async def _progress(app, pilot, ui) -> ProgressScreen:  # type: ignore[no-untyped-def]
    await ui.press(app, pilot, "P")
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    for _ in range(300):
        if not screen.counting:
            break
        await pilot.pause(0.02)
    await ui.settle(app, pilot)
    return screen


async def test_counts_per_label_annotator_day_and_sentences(ui, make_app, store) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        reading = await _tag(app, pilot, ui)
        stored = list(store.iter_all())
        assert sorted(a.label for a in stored) == ["claim", "claim", "fact", "quote"]
        screen = await _progress(app, pilot, ui)
        corpus = screen.corpus
        assert corpus.labels == {"claim": 2, "quote": 1, "fact": 1}
        assert corpus.annotators == {"tester": 4}
        assert corpus.per_day()[-1] == 4 and sum(corpus.per_day()) == 4  # all made today
        assert corpus.tagged == 4 and corpus.taggable == sum(e.sentences for e in app.catalog.entries)
        assert corpus.suggestions is not None and corpus.suggestions > 0
        # The document being read is the one highlighted, with its own figures.
        highlighted = screen.highlighted
        assert highlighted is not None and highlighted.document_id == reading.ref.id
        assert highlighted.tally.labels == {"fact": 1}
        text = str(screen.query_one("#corpus-figures", Static).render())
        assert "claim ████████████████ 2" in text and "Sentences tagged 4 of" in text
        assert screen.query_one("#corpus-days", Sparkline).data[-1] == 4
        table = screen.query_one(DataTable)
        assert table.row_count == 5
        await ui.press(app, pilot, "up")  # the first document's figures
        assert screen.highlighted is not None and screen.highlighted.tally.labels["claim"] == 2
        await ui.press(app, pilot, "escape")
        assert app.screen is reading


def test_bars_are_readable_without_colour() -> None:
    from collections import Counter

    lines = bars(Counter({"quote": 3, "claim": 6}), order=("claim", "quote", "fact")).plain.splitlines()
    assert lines == [
        "claim ████████████████ 6",
        "quote ████████         3",
        "fact                   0",
    ]


async def test_go_to_document_finds_by_title_or_file_name_from_anywhere(ui, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot, 0)
        await ui.press(app, pilot, "A")  # from the annotations screen, over the reading screen
        await app.run_action("goto_document")
        await ui.settle(app, pilot)
        finder = app.screen
        assert isinstance(finder, GoToDocument)
        target = next(e for e in finder.entries if e.relpath.startswith("003_"))
        assert finder.matches("lukashnko revld")[0] == target.path  # letters in order, of the title
        assert finder.matches("003ac7")[0] == target.path  # of the file name
        await ui.press(app, pilot, *"lukashnko revld")
        await ui.press(app, pilot, "enter")
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and reading.entry.path == target.path
        assert len(app.screen_stack) == 2  # library, reading: the screens above were closed
