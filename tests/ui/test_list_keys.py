"""Keys that mean the same everywhere: j/k move in every list, `/` goes to the first filter field,
and the key bar names the keys of the label set in use."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from annotations.store import Store
from reader.app import ReaderApp
from reader.text.corpus import discover
from reader.widgets.key_bar import KeyBar


async def test_j_and_k_move_in_the_stripped_lines(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        await ui.press(app, pilot, "b")
        lines = app.screen.query_one("#lines", OptionList)
        start = lines.highlighted
        await ui.press(app, pilot, "j", "j")
        assert lines.highlighted == start + 2
        await ui.press(app, pilot, "k")
        assert lines.highlighted == start + 1


async def test_j_and_k_move_in_the_panel(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "j", "f", "tab")
        panel = screen.query_one("#panel", OptionList)
        assert panel.has_focus and panel.highlighted == 0
        await ui.press(app, pilot, "j")
        assert panel.highlighted == 1 and screen.view.cursor == 1  # the article's cursor did not move
        await ui.press(app, pilot, "k")
        assert panel.highlighted == 0


async def test_j_k_and_slash_on_the_annotations_screen(ui, make_app, store) -> None:
    from reader.screens.annotations import FILTERS
    from reader.widgets.annotation_table import AnnotationTable

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        await ui.press(app, pilot, "j", "c", "j", "f", "j", "q", "A")
        await ui.settle(app, pilot)
        table = app.screen.query_one(AnnotationTable)
        table.focus()
        await ui.settle(app, pilot)
        row = table.cursor
        await ui.press(app, pilot, "j")
        assert table.cursor == row + 1
        await ui.press(app, pilot, "k")
        assert table.cursor == row
        await ui.press(app, pilot, "slash")
        assert app.focused is app.screen.query(Input).first()
        assert app.focused.id == f"filter-{FILTERS[0][0]}"


async def test_the_key_bar_names_the_number_keys_of_a_custom_label_set(ui, articles: Path, tmp_path) -> None:
    labels = ("claim", "quote", "fact", "opinion", "source")
    custom = Store.open(tmp_path / "custom", annotator="tester", labels=labels)
    try:
        app = ReaderApp(discover([articles]), custom, cache_dir=tmp_path / "cache")
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ui.open_document(app, pilot)
            assert "c/q/f/4/5 tag" in screen.query_one(KeyBar).shown
            await ui.press(app, pilot, "j", "5")
            assert [a.label for a in custom.annotations(screen.ref.id)] == ["source"]
    finally:
        custom.close()
