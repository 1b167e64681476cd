"""A label key on text an annotation already covers: it removes that annotation (one undo step), a
partial overlap is refused, another annotator's tag is kept beside a new one of ours, and every tag
and clear says what it did by the sentence's first words. Store first, then the screen."""

from __future__ import annotations

from annotations.store import Store
from reader.screens.reading import ReadingScreen
from reader.widgets.article_view import ArticleView
from reader.widgets.status import StatusLine


def spans(store: Store, screen: ReadingScreen) -> list[tuple[str, str, int, int]]:
    return sorted((a.annotator, a.label, a.start, a.end) for a in store.annotations(screen.ref.id))


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


def said(screen: ReadingScreen) -> str:
    """What the last tag, clear or undo key did: said in the status line (a refusal is a toast)."""
    message = screen.query_one(StatusLine).message
    assert message in screen.query_one(StatusLine).plain
    return message


def gutter(screen: ReadingScreen, sentence: int) -> str:
    view = screen.query_one(ArticleView)
    first, _ = view.sentence_rows(sentence)
    return view.render_line(first - int(view.scroll_y)).text[: view.gutter_width]


async def test_quote_key_inside_a_larger_quote_removes_it(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        await ui.press(app, pilot, "v", "j", "j", "q")
        start, end = view.sentences[0][0], view.sentences[2][1]
        assert spans(store, screen) == [("tester", "quote", start, end)]
        await ui.press(app, pilot, "k")  # sentence 1 shows Q because the quote covers it
        assert "Q" in gutter(screen, 1)
        await ui.press(app, pilot, "q")
        assert spans(store, screen) == []  # removed, not a second, overlapping quote
        assert "Q" not in gutter(screen, 1)
        words = " ".join(screen.ref.text[start:end].split()[:2])
        assert said(screen).startswith(f"Removed quote: '{words}")
        await ui.press(app, pilot, "u")  # one undo step brings the whole quote back
        assert spans(store, screen) == [("tester", "quote", start, end)]
        assert said(screen).startswith(f"Undid quote: '{words}")
        assert not any(m.startswith("Undid") for m in toasts(app))


async def test_a_selection_partly_over_a_quote_is_not_tagged(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        await ui.press(app, pilot, "j", "q")
        quote = ("tester", "quote", *view.sentences[1])
        await ui.press(app, pilot, "k", "v", "j", "j", "q")  # sentences 0-2 over the quote on 1
        assert spans(store, screen) == [quote]
        assert toasts(app)[-1].startswith("Not tagged: it overlaps your quote '")
        assert view.selection == (0, 2)  # kept, to be changed
        await ui.press(app, pilot, "c")  # another label over it is fine
        assert ("tester", "claim", view.sentences[0][0], view.sentences[2][1]) in spans(store, screen)


async def test_another_annotators_tag_stays_and_ours_is_added(ui, make_app, store, tmp_path) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        start, end = screen.view.sentences[0]
        with Store.open(tmp_path / "store", annotator="root") as root:
            root.add(screen.ref, "claim", start, end)
        screen.store_watch.check()
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "c")
        assert spans(store, screen) == [("root", "claim", start, end), ("tester", "claim", start, end)]
        assert "(yours; root tagged it too)" in said(screen)
        await ui.press(app, pilot, "c")  # ours goes; root's stays
        assert spans(store, screen) == [("root", "claim", start, end)]
        assert said(screen).startswith("Removed claim: '")


async def test_tag_and_clear_say_what_they_did(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        start, end = screen.view.sentences[0]
        words = " ".join(screen.ref.text[start:end].split()[:2])
        await ui.press(app, pilot, "f")
        assert spans(store, screen) == [("tester", "fact", start, end)]
        assert said(screen).startswith(f"Fact: '{words}")
        await ui.press(app, pilot, "c", "x")
        assert spans(store, screen) == []
        assert said(screen).startswith(f"Cleared claim, fact: '{words}")
        assert toasts(app) == []  # neither the tags nor the clear: each said it in the status line
        await ui.press(app, pilot, "x")  # nothing left to clear: a toast, not to be missed
        assert toasts(app) == ["Nothing to remove here."]


async def test_a_tag_is_said_in_the_status_line_until_the_cursor_moves(ui, make_app, store) -> None:
    """No toast per tag (each laid the whole screen out): the status line says it, the counts stay."""
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        before = len(app._notifications)
        await ui.press(app, pilot, "c")
        status = screen.query_one(StatusLine)
        assert said(screen).startswith("Claim: '")
        assert "C 1" in status.plain and "tagged 1/" in status.plain
        assert len(app._notifications) == before
        await ui.press(app, pilot, "j")
        assert status.message == "" and "Claim: '" not in status.plain
        assert "sentence 2/" in status.plain


async def test_a_stale_window_does_not_remove_a_tag_it_did_not_show(ui, make_app, store, tmp_path) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        await ui.press(app, pilot, "v", "j", "q")
        start, end = view.sentences[0][0], view.sentences[1][1]
        # Another window of the same annotator removes that quote; this one has not seen it yet (its
        # watch, which would show the change within a second, is held still for the test).
        screen.store_watch.check = lambda: None  # type: ignore[method-assign]
        with Store.open(tmp_path / "store", annotator="tester") as other:
            other.toggle(screen.ref, "quote", start, end)
            other.add(screen.ref, "quote", *view.sentences[1])
        await ui.press(app, pilot, "q")  # on sentence 1: the screen still shows the old, larger quote
        assert spans(store, screen) == [("tester", "quote", *view.sentences[1])]
        assert toasts(app)[-1].startswith("Not changed")


async def test_the_status_line_shows_a_tagged_sentence_as_typed(ui, make_app, store, tmp_path) -> None:
    """The tag's message quotes the article: its markup and escape codes are data, never styling."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "[bold red]Breaking[/] news: the minister said it\x1b[31m again on Monday in the capital.\n",
        encoding="utf-8",
    )
    app = make_app(folder)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c")
        status = screen.query_one(StatusLine)
        assert said(screen).startswith("Claim: '[bold red]Breaking[/]")
        assert "[bold red]Breaking[/]" in status.plain
        assert "\x1b" not in status.plain
