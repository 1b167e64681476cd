"""The help screen and the one declaration every key, footer entry, help line and palette entry come from."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Markdown, Static

import reader
from reader import commands
from reader.screens.help import HelpScreen, guidelines
from reader.screens.library import LibraryScreen
from reader.screens.lines import LinesScreen
from reader.screens.reading import ReadingScreen

GUIDELINES = Path(reader.__file__).with_name("guidelines.md")


def test_every_command_has_an_id_a_title_and_help() -> None:
    every = [c for _, group in commands.SCOPES for c in group]
    assert len({c.id for c in every}) == len(every)
    assert all(c.title and c.help and c.action for c in every)


def test_screens_bind_exactly_their_declared_commands() -> None:
    for screen, group in (
        (LibraryScreen, commands.LIBRARY),
        (ReadingScreen, commands.READING),
        (LinesScreen, commands.LINES),
    ):
        bound = {b.id: b for b in screen.BINDINGS}
        for command in group:
            if command.keys:
                assert bound[command.id].key == command.keys
                assert bound[command.id].description == (command.footer or command.title)
                assert bound[command.id].show == command.show


async def test_question_mark_opens_help_with_every_key(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys", Static).content
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(table)
        rendered = console.export_text()
        for _, group in commands.SCOPES:
            for command in group:
                assert command.help in rendered
        assert "Toggle label 1 of the label set (claim)" in rendered and "^r" in rendered
        if GUIDELINES.is_file():
            assert app.screen.query_one("#guidelines", Markdown)
        await ui.press(app, pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_help_from_the_reading_screen_and_back(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await ui.press(app, pilot, "question_mark")
        assert app.screen is screen


def test_guidelines_are_read_from_the_package() -> None:
    text = guidelines()
    if GUIDELINES.is_file():
        assert text == GUIDELINES.read_text(encoding="utf-8")
    else:
        assert text is None


async def test_footer_is_one_line_of_the_tagging_keys_at_80x24(ui, make_app) -> None:
    from reader.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ui.open_document(app, pilot)
        bar = screen.query_one(KeyBar)
        assert len(bar._layout) == 1 and bar.size.height == 1  # the text keeps the rows
        for expected in (
            "? help",
            "c/q/f tag",
            "v select",
            "e note",
            "x clear",
            "u/^r undo",
            "/ find",
            "esc back",
        ):
            assert expected in bar.shown


async def test_footer_shows_every_reading_key_at_100x30(ui, make_app) -> None:
    from reader.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ui.open_document(app, pilot)
        shown = screen.query_one(KeyBar).shown
        for expected in ("j/k", "c/q/f tag", "v select", "e note", "x clear", "u/^r", "]/[", "}/{", "/ find"):
            assert expected in shown
        for expected in ("n/N", "b lines", "tab panel", "esc back", "? help", "^q quit", "A all tags"):
            assert expected in shown


async def test_footer_names_redo_alone_while_typing_a_search(ui, make_app) -> None:
    from reader.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "slash")
        shown = screen.query_one(KeyBar).shown
        assert "^r undo" not in shown  # u types into the box; ^r alone is redo
        assert "^r redo" in shown


async def test_help_says_how_to_close_it(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "question_mark")
        title = str(app.screen.query_one("#help-title", Static).render())
        assert "esc, ? or q closes this help" in title
        await ui.press(app, pilot, "q")
        assert isinstance(app.screen, LibraryScreen)


async def test_footer_click_runs_the_command(ui, make_app) -> None:
    from reader.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        bar = app.screen.query_one(KeyBar)
        x = next(x for x, item in bar._layout[0] if item.binding.id == "help")
        await pilot.click(KeyBar, offset=(x + 1, 0))
        await ui.settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
