"""Pick up where you left off: the cursor in each document and the last document, kept between runs
in the UI state file (not the store); "Go to document…" from anywhere; `y` copies."""

from __future__ import annotations

from pathlib import Path

from reader.screens.library import LibraryScreen
from reader.screens.reading import ReadingScreen
from reader.services.ui_state import FILE
from reader.widgets.document_table import DocumentTable


async def test_reopening_returns_to_the_cursor_and_a_restart_to_the_document(  # type: ignore[no-untyped-def]
    ui, make_app, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        reading = await ui.open_document(app, pilot, 2)
        path = reading.entry.path
        await ui.press(app, pilot, *"jjjjj")
        assert reading.view.cursor == 5
        await ui.press(app, pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)
        await ui.open_document(app, pilot, 0)  # another document: it starts at the top
        assert app.screen.view.cursor == 0
        await ui.press(app, pilot, "escape")
        again = await ui.open_document(app, pilot, 2)
        assert again.entry.path == path and again.view.cursor == 5
        await ui.press(app, pilot, "j")
        await ui.press(app, pilot, "ctrl+q")
    assert (tmp_path / "cache" / "state" / FILE).is_file()  # beside the cache in tests; never the store
    assert not list((tmp_path / "store").rglob(FILE))

    app = make_app()  # a new run
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        table = app.screen.query_one(DocumentTable)
        assert table.current is not None and table.current.entry.path == path
        await ui.press(app, pilot, "enter")
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        for _ in range(100):
            if reading.analysis is not None:
                break
            await pilot.pause(0.02)
        await ui.settle(app, pilot)
        assert reading.view.cursor == 6


async def test_y_copies_the_sentence_a_quote_with_its_speaker_and_Y_a_citation(  # type: ignore[no-untyped-def]
    ui, make_app, store
) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        reading = await ui.open_document(app, pilot, 1)
        text, sentences = reading.ref.text, reading.view.sentences
        await ui.press(app, pilot, "y")
        first = " ".join(text[sentences[0][0] : sentences[0][1]].split())
        assert app.clipboard == first
        assert any(n.message.startswith("Copied: ") for n in app._notifications)
        # A quote with a speaker over the second sentence: `y` there copies it as a quotation.
        from annotations.model import DocumentRef

        start, end = sentences[1]
        ref = DocumentRef(reading.ref.id, reading.ref.path, text)
        await app.write(store.add, ref, "quote", start, end, speaker="A. Lukashenko")
        await ui.press(app, pilot, "escape")
        reading = await ui.open_document(app, pilot, 1)
        await ui.press(app, pilot, "j")
        await ui.press(app, pilot, "y")
        assert app.clipboard.startswith("“") and app.clipboard.endswith("” — A. Lukashenko")
        await ui.press(app, pilot, "Y")
        title, date = reading.analysis.title, reading.analysis.date
        assert app.clipboard == ", ".join(p for p in (title, date, reading.ref.path) if p)
        assert "…" not in app.clipboard
