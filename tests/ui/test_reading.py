"""Every reading-screen binding, pressed with Pilot: the store is asserted first, then the screen."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from reader.screens.reading import ReadingScreen
from reader.widgets.article_view import ArticleView


def mine(store, screen: ReadingScreen) -> list[tuple[str, int, int]]:
    return [(a.label, a.start, a.end) for a in store.annotations(screen.ref.id)]


def gutter(screen: ReadingScreen, sentence: int) -> str:
    """The gutter marks on the first screen row of a sentence, as rendered."""
    view = screen.query_one(ArticleView)
    first, _ = view.sentence_rows(sentence)
    y = first - int(view.scroll_y)
    assert 0 <= y < view.size.height, "sentence not on screen"
    strip = view.render_line(y)
    return strip.text[: view.gutter_width]


def row_text(screen: ReadingScreen, y: int) -> str:
    view = screen.query_one(ArticleView)
    return view.render_line(y).text


async def test_opens_with_title_text_and_cursor(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.query_one(ArticleView)
        assert screen.analysis is not None
        assert view.cursor == 0
        assert len(view.sentences) == len(screen.analysis.sentences) > 5
        assert "▶" in gutter(screen, 0)
        first_words = screen.analysis.sentences[0].text.split()[:3]
        assert " ".join(first_words) in row_text(screen, view.sentence_rows(0)[0])
        assert str(screen.query_one("#title").render()).strip()
        assert "tester" in screen.query_one("#status").render().plain


async def test_a_one_sentence_article_says_1_sentence(ui, make_app, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "one.txt").write_text("The only sentence of this little article is long enough to be kept.\n")
    app = make_app(folder)
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        meta = str(app.screen.query_one("#meta").render())
        assert meta.endswith("· 1 sentence"), meta


@pytest.mark.parametrize("keys", [("j",), ("down",)])
async def test_next_sentence(ui, make_app, keys) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, *keys)
        assert screen.view.cursor == 1
        assert "▶" in gutter(screen, 1)
        assert "sentence 2/" in screen.query_one("#status").render().plain


@pytest.mark.parametrize("key", ["k", "up"])
async def test_previous_sentence(ui, make_app, key) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "j", "j", key)
        assert screen.view.cursor == 1


@pytest.mark.parametrize(("last", "first"), [("G", "g"), ("end", "home")])
async def test_first_and_last(ui, make_app, last, first) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot, 1)
        view = screen.view
        await ui.press(app, pilot, last)
        assert view.cursor == len(view.sentences) - 1
        assert "▶" in gutter(screen, view.cursor)  # scrolled into view
        await ui.press(app, pilot, first)
        assert view.cursor == 0
        assert view.scroll_y == 0


@pytest.mark.parametrize("key", ["pagedown", "space"])
async def test_page_down_and_up(ui, make_app, key) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot, 1)  # the longest seed: more than a page
        view = screen.view
        await ui.press(app, pilot, key)
        assert view.scroll_y > 0
        assert view.cursor > 1
        assert "▶" in gutter(screen, view.cursor)
        await ui.press(app, pilot, "pageup")
        assert view.scroll_y == 0
        assert view.cursor == 0


@pytest.mark.parametrize(
    ("key", "label", "mark"),
    [
        ("c", "claim", "C"),
        ("q", "quote", "Q"),
        ("f", "fact", "F"),
        ("1", "claim", "C"),
        ("2", "quote", "Q"),
        ("3", "fact", "F"),
    ],
)
async def test_tag_keys_toggle(ui, make_app, store, key, label, mark) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "j", key)
        start, end = screen.view.sentences[1]
        assert mine(store, screen) == [(label, start, end)]
        assert mark in gutter(screen, 1)
        assert mark not in gutter(screen, 0)
        await ui.press(app, pilot, key)  # toggles off
        assert mine(store, screen) == []
        assert mark not in gutter(screen, 1)


async def test_three_labels_on_one_sentence(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "q", "f")
        assert sorted(label for label, _, _ in mine(store, screen)) == ["claim", "fact", "quote"]
        assert all(m in gutter(screen, 0) for m in "CQF")


async def test_selection_makes_one_annotation(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        await ui.press(app, pilot, "j", "v", "j", "v", "q")  # v starts, j and v extend: three sentences
        start, end = view.sentences[1][0], view.sentences[3][1]
        assert mine(store, screen) == [("quote", start, end)]
        assert view.selection is None  # consumed by the tag
        for sentence in (1, 2, 3):
            assert "Q" in gutter(screen, sentence)
        assert "Q" not in gutter(screen, 0)


async def test_selection_is_shown_and_escape_cancels_it(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "v", "j")
        assert screen.view.selection == (0, 1)
        assert gutter(screen, 0).startswith("┃")
        assert gutter(screen, 1).startswith("▶")
        await ui.press(app, pilot, "escape")
        assert screen.view.selection is None
        assert app.screen is screen  # the first escape only cancels the selection
        assert mine(store, screen) == []


async def test_clear_removes_the_sentence_labels(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "f", "j", "q", "k")
        await ui.press(app, pilot, "x")
        assert [label for label, _, _ in mine(store, screen)] == ["quote"]
        assert not set("CQF") & set(gutter(screen, 0))  # no tag letter (a suggestion's "?c" may come back)
        assert "Q" in gutter(screen, 1)


async def test_undo_and_redo(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        assert screen.check_action("undo", ()) is None  # nothing to undo: dimmed
        await ui.press(app, pilot, "c")
        assert len(mine(store, screen)) == 1
        await ui.press(app, pilot, "u")
        assert mine(store, screen) == []
        assert "C" not in gutter(screen, 0)
        assert screen.check_action("redo", ()) is True
        await ui.press(app, pilot, "ctrl+r")
        assert len(mine(store, screen)) == 1
        assert "C" in gutter(screen, 0)


async def test_rows_drawn_before_a_scroll_show_what_changed_while_off_screen(ui, make_app, store) -> None:
    """The view keeps drawn rows for scrolling back: a tag, a cursor or a selection changed meanwhile
    must still show when they come back."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ui.open_document(app, pilot, 1)  # the longest seed
        view = screen.view
        assert gutter(screen, 0).startswith("▶") and "C" not in gutter(screen, 1)  # drawn, kept
        await ui.press(app, pilot, "G")
        first, _ = view.sentence_rows(1)
        assert first < int(view.scroll_y)  # sentence 1 off screen
        start, end = view.sentences[1]
        await screen.change(store.add, screen.ref, "claim", start, end)  # tagged while off screen
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "g")
        assert "C" in gutter(screen, 1)
        await ui.press(app, pilot, "j", "v", "j")  # a selection over 1-2, then scrolled away and back
        for y in (view.max_scroll_y, 0):
            view.scroll_to(y=y, animate=False, immediate=True)
            await ui.settle(app, pilot)
        assert not gutter(screen, 0).startswith("▶") and gutter(screen, 2).startswith("▶")
        assert gutter(screen, 1).startswith("┃")


async def test_undo_survives_a_restart(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "j", "f")
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        assert len(mine(store, screen)) == 2
        assert "C" in gutter(screen, 0)
        await ui.press(app, pilot, "u")
        assert [label for label, _, _ in mine(store, screen)] == ["claim"]
        assert "F" not in gutter(screen, 1)


async def test_next_and_previous_untagged(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "j", "c", "j", "f", "g")
        await ui.press(app, pilot, "right_square_bracket")
        assert screen.view.cursor == 3
        await ui.press(app, pilot, "left_square_bracket")  # sentence 0: the first, untagged
        assert screen.view.cursor == 0
        await ui.press(app, pilot, "left_square_bracket")
        assert screen.view.cursor == 0
        assert [n.message for n in app._notifications][-1] == "No untagged sentence above."
        await ui.press(app, pilot, "right_square_bracket", "j", "j", "j")  # 6: a sub-heading, not to tag
        assert screen.view.cursor == 6 and not screen.view.is_taggable(6)
        await ui.press(app, pilot, "right_square_bracket")
        assert screen.view.cursor == 7
        await ui.press(app, pilot, "k", "left_square_bracket")
        assert screen.view.cursor == 5


async def test_next_and_previous_document(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        first = screen.entry.relpath
        await ui.press(app, pilot, "right_curly_bracket")
        assert app.screen is screen
        assert screen.entry.relpath != first
        assert screen.ref is not None and screen.ref.path == screen.entry.relpath
        await ui.press(app, pilot, "left_curly_bracket")
        assert screen.entry.relpath == first


async def test_search_and_hits(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        text = screen.analysis.document.text
        word = "Belarus"
        await ui.press(app, pilot, "slash")
        assert screen.query_one("#search", Input).has_focus
        await pilot.press(*word, "enter")
        await ui.settle(app, pilot)
        assert screen.hits and all(text[a:b].casefold() == word.casefold() for a, b in screen.hits)
        view = screen.view
        first = view.cursor
        a, b = view.sentences[first]
        assert any(a <= h < b for h, _ in screen.hits)
        await ui.press(app, pilot, "n")
        second = view.cursor
        assert second > first
        await ui.press(app, pilot, "N")
        assert view.cursor == first


async def test_stripped_lines_and_flip(ui, make_app, store) -> None:
    from reader.screens.lines import LinesScreen

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        before = len(screen.view.sentences)
        await ui.press(app, pilot, "b")
        lines = app.screen
        assert isinstance(lines, LinesScreen)
        kept = [n for n, line in enumerate(lines.analysis.lines) if line.kept]
        options = lines.query_one(OptionList)
        options.highlighted = kept[0]
        await ui.press(app, pilot, "s")
        text = lines.analysis.lines[kept[0]].text
        assert store.line_overrides(screen.ref.id) == {text: False}
        assert not lines.analysis.lines[kept[0]].kept
        assert "marked as boilerplate by you" in str(options.get_option_at_index(kept[0]).prompt)
        await ui.press(app, pilot, "escape")
        assert app.screen is screen
        assert len(screen.view.sentences) < before
        await ui.press(app, pilot, "b")
        app.screen.query_one(OptionList).highlighted = kept[0]
        await ui.press(app, pilot, "s", "escape")
        assert store.line_overrides(screen.ref.id) == {text: True}
        assert len(screen.view.sentences) == before


async def test_a_tag_write_never_waits_behind_the_lines_analysis(ui, make_app, store, monkeypatch) -> None:
    """The analysis after a flip is held until the test says so: a tag written meanwhile must land.

    If the analysis ran on the store's writer thread (as it once did), the write would queue behind it
    and could not finish before the analysis is released: this cannot pass by accident.
    """
    from reader.screens.lines import LinesScreen

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        analyse = app.catalog.analyse
        started, release = threading.Event(), threading.Event()

        def held(*args, **kwargs):  # type: ignore[no-untyped-def]
            started.set()
            release.wait(timeout=60)
            return analyse(*args, **kwargs)

        monkeypatch.setattr(app.catalog, "analyse", held)
        try:
            await ui.press(app, pilot, "b")
            lines = app.screen
            assert isinstance(lines, LinesScreen)
            kept = [n for n, line in enumerate(lines.analysis.lines) if line.kept]
            lines.query_one(OptionList).highlighted = kept[0]
            await pilot.press("s")
            for _ in range(500):
                if started.is_set():
                    break
                await asyncio.sleep(0.01)
            assert started.is_set(), "the flip started an analysis"
            start, end = screen.view.sentences[-1]
            await asyncio.wait_for(app.write(store.add, screen.ref, "claim", start, end), timeout=10)
            assert not release.is_set()  # the analysis is still held: the write went past it
            assert [a.label for a in store.annotations(screen.ref.id)] == ["claim"]
        finally:
            release.set()
        await ui.settle(app, pilot)
        assert not lines.analysis.lines[kept[0]].kept  # and the analysis came back to the screen


async def test_panel_lists_annotations_and_enter_jumps(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "G", "c", "g")
        await ui.press(app, pilot, "tab")
        panel = screen.query_one("#panel", OptionList)
        assert panel.display and panel.has_focus
        assert panel.option_count == 1
        assert str(panel.get_option_at_index(0).prompt).startswith("C")
        panel.highlighted = 0
        await ui.press(app, pilot, "enter")
        assert screen.view.cursor == len(screen.view.sentences) - 1
        await ui.press(app, pilot, "tab")
        assert not panel.display


async def test_panel_j_k_move_in_the_list_and_enter_right_after_tab_jumps(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "j", "j", "f", "j", "j", "q", "g")
        tagged = [a.start for a in screen.state.annotations]
        await ui.press(app, pilot, "tab")
        panel = screen.query_one("#panel", OptionList)
        assert panel.has_focus and panel.highlighted == 0  # Enter works at once
        await ui.press(app, pilot, "j", "j")
        assert panel.highlighted == 2 and screen.view.cursor == 0  # the list moved, not the article
        await ui.press(app, pilot, "k")
        assert panel.highlighted == 1
        await ui.press(app, pilot, "enter")
        assert screen.view.sentences[screen.view.cursor][0] == tagged[1]


async def test_note_and_speaker(ui, make_app, store) -> None:
    from reader.screens.dialogs import NoteDialog

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "e")
        assert app.screen is screen  # nothing tagged: no dialog, a hint instead
        await ui.press(app, pilot, "q", "e")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"check it", "tab", *"Ms Smith", "enter")
        await ui.settle(app, pilot)
        assert app.screen is screen
        [annotation] = store.annotations(screen.ref.id)
        assert (annotation.note, annotation.speaker) == ("check it", "Ms Smith")
        await ui.press(app, pilot, "tab")
        assert "Ms Smith" in str(screen.query_one("#panel", OptionList).get_option_at_index(0).prompt)


async def test_escape_goes_back_to_the_library(ui, make_app) -> None:
    from reader.screens.library import LibraryScreen

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        await ui.press(app, pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_click_moves_the_cursor(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        row, _ = view.sentence_rows(2)
        # The sentence may start mid-row: click two cells into it.
        before = view.row_text(row)[: view.sentences[2][0] - view.row_start(row)]
        x = view.gutter_width + len(before) + 2
        await pilot.click(ArticleView, offset=(x, row - int(view.scroll_y)))
        await ui.settle(app, pilot)
        assert view.cursor == 2


async def test_quit(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)


UGLY = (
    "Headline with [bold]markup[/bold] and [@click=app.quit]a link[/]\n\n"
    "The [link=https://example.com]first[/link] sentence has markup in it and more words here. "
    "The second one has an escape \x1b[31mred\x1b[0m sequence and a bell \x07 in it, plainly.\n"
)


async def test_untrusted_text_shows_literally(ui, make_app, articles: Path, tmp_path: Path) -> None:
    ugly = tmp_path / "ugly"
    ugly.mkdir()
    (ugly / "ugly.txt").write_text(UGLY, encoding="utf-8")
    app = make_app(ugly)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        shown = "".join(row_text(screen, y) for y in range(screen.view.size.height))
        assert "[link=https://example.com]first[/link]" in shown
        assert "\x1b" not in shown and "␛[31mred␛[0m" in shown
        await ui.press(app, pilot, "c")  # still running: the markup did nothing
        assert app.is_running


async def test_huge_single_line_opens_and_scrolls(ui, make_app, tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    sentence = "word " * 48_000 + "end. "  # a 240 KB sentence
    (big / "big.txt").write_text("A long one\n\n" + sentence * 4, encoding="utf-8")
    app = make_app(big)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        assert view.row_count > 1000
        await ui.press(app, pilot, "pagedown", "pagedown")
        assert view.scroll_y > 0
        await ui.press(app, pilot, "G", "c")
        assert "C" in gutter(screen, view.cursor)


async def test_label_colours_are_distinct_in_dark_and_light_themes(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await ui.settle(app, pilot)
            background = view.rich_style.bgcolor
            colours = {
                label: view._style(f"article-view--{label}").color for label in ("claim", "quote", "fact")
            }
            assert len(set(colours.values())) == 3, (theme, colours)
            cursor = view._style("article-view--cursor").bgcolor
            selection = view._style("article-view--selection").bgcolor
            assert len({cursor, selection, background}) == 3, theme
            # Each label also has its own text style, so it reads without colour too.
            styles = {
                (view._style(f"article-view--{label}").bold, view._style(f"article-view--{label}").italic)
                for label in ("claim", "quote", "fact")
            }
            assert len(styles) == 3


async def test_at_80x24_the_cursor_stays_in_view(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ui.open_document(app, pilot, 1)
        view = screen.view
        for _ in range(12):
            await ui.press(app, pilot, "j")
            first, last = view.sentence_rows(view.cursor)
            assert view.scroll_y <= first and last < view.scroll_y + view.size.height
        assert view.size.width >= 70


async def test_escape_cancels_the_note_and_a_claim_has_no_speaker(ui, make_app, store) -> None:
    from reader.screens.dialogs import NoteDialog

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "e")
        dialog = app.screen
        assert isinstance(dialog, NoteDialog) and not dialog.query("#speaker")
        await ui.press(app, pilot, *"draft", "escape")
        assert app.screen is screen
        assert store.annotations(screen.ref.id)[0].note == ""
        await ui.press(app, pilot, "e", *"kept", "enter")
        await ui.press(app, pilot, "e")
        assert app.screen.query_one("#note").value == "kept"  # the dialog edits the saved note
        await ui.press(app, pilot, "escape")
        [annotation] = store.annotations(screen.ref.id)
        assert (annotation.note, annotation.speaker) == ("kept", None)


async def test_b_also_leaves_the_lines_screen(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "b")
        assert app.screen is not screen
        await ui.press(app, pilot, "b")
        assert app.screen is screen


async def test_a_quote_speaker_can_be_cleared(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "q", "e", "tab", *"Someone", "enter")
        assert store.annotations(screen.ref.id)[0].speaker == "Someone"
        await ui.press(app, pilot, "e", "tab")
        speaker = app.screen.query_one("#speaker")
        speaker.value = ""
        await ui.press(app, pilot, "enter")
        assert store.annotations(screen.ref.id)[0].speaker is None


async def test_a_custom_label_set_is_tagged_with_number_keys(ui, articles, tmp_path) -> None:
    from annotations.store import Store
    from reader.app import ReaderApp
    from reader.text.corpus import discover

    custom = Store.open(tmp_path / "custom-store", annotator="tester", labels=("opinion", "rumour"))
    try:
        app = ReaderApp(discover([articles]), custom, cache_dir=tmp_path / "cache")
        async with app.run_test(size=ui.size) as pilot:
            screen = await ui.open_document(app, pilot)
            start, end = screen.view.sentences[0]
            await ui.press(app, pilot, "c", "3")  # claim is not in this set; there is no third label
            assert mine(custom, screen) == []
            await ui.press(app, pilot, "2")
            assert mine(custom, screen) == [("rumour", start, end)]
            assert "R" in gutter(screen, 0)
            assert screen.check_action("tag", ("claim",)) is False
            assert screen.check_action("tag_nth", (1,)) is True
    finally:
        custom.close()
