"""The note dialog: Enter saves from any field, an existing note opens with the cursor at its end,
saving says so; a sentence with a note shows `*` in the gutter and the note on the info line."""

from __future__ import annotations

from textual.widgets import Input

from reader.screens.dialogs import NoteDialog
from reader.widgets.article_view import NOTE_MARK, ArticleView
from reader.widgets.status import StatusLine
from reader.widgets.suggestion_hint import SuggestionHint


def gutter(screen, sentence: int) -> str:
    view = screen.query_one(ArticleView)
    first, _ = view.sentence_rows(sentence)
    return view.render_line(first - int(view.scroll_y)).text[: view.gutter_width]


def info(screen) -> str:
    return str(screen.query_one(SuggestionHint).render())


async def test_enter_saves_from_the_note_field_of_a_quote(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "q", "e")
        assert isinstance(app.screen, NoteDialog)
        await ui.press(app, pilot, *"check the date", "enter")  # Enter in the first field saves
        assert app.screen is screen
        [quote] = store.annotations(screen.ref.id)
        assert quote.note == "check the date"
        status = screen.query_one(StatusLine)
        assert status.message.startswith("Note saved on quote: '") and status.message in status.plain
        assert not app._notifications  # said in the status line, as the tag key before it was


async def test_an_existing_note_opens_with_the_cursor_at_its_end(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "e", *"first", "enter")
        await ui.press(app, pilot, "e")
        field = app.screen.query_one("#note", Input)
        assert field.cursor_position == len("first") and field.selection.is_empty
        await ui.press(app, pilot, *" second", "enter")  # typed after it, not over it
        assert store.annotations(screen.ref.id)[0].note == "first second"


async def test_a_note_is_marked_in_the_gutter_and_read_on_the_info_line(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "j", "q", "e", *"ask the ministry", "tab", *"Lukashenko", "enter")
        [quote] = store.annotations(screen.ref.id)
        assert (quote.note, quote.speaker) == ("ask the ministry", "Lukashenko")
        assert NOTE_MARK in gutter(screen, 1)
        assert NOTE_MARK not in gutter(screen, 0)
        line = info(screen)
        assert "Q quote — Lukashenko · note: ask the ministry" in line
        await ui.press(app, pilot, "k")  # off the sentence: the note is not shown
        assert "ask the ministry" not in info(screen)


async def test_a_note_on_a_tag_removed_meanwhile_says_so(ui, make_app, store, tmp_path) -> None:
    from annotations.store import Store

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "e")
        assert isinstance(app.screen, NoteDialog)
        with Store.open(tmp_path / "store", annotator="tester") as other:  # another window removes it
            other.remove_overlapping(screen.ref, *screen.view.sentences[0])
        await ui.press(app, pilot, *"late", "enter")
        assert store.annotations(screen.ref.id) == []
        assert [n.message for n in app._notifications][-1] == "Not saved: the tag was removed meanwhile."


async def test_e_right_after_a_tag_key_opens_the_note_of_that_tag(ui, make_app, store) -> None:
    import time

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        app._writer.submit(time.sleep, 0.4)  # a busy store: the tag's write waits behind this
        await pilot.press("q", "e")  # e before the quote is written
        await ui.settle(app, pilot)
        assert [a.label for a in store.annotations(screen.ref.id)] == ["quote"]
        assert isinstance(app.screen, NoteDialog)
