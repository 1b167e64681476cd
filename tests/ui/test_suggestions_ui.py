"""Suggested tags on the reading screen, with Pilot: the store is asserted first, then the screen."""

from __future__ import annotations

from pathlib import Path

from annotations.store import Store
from reader.app import ReaderApp
from reader.screens.dialogs import ConfirmDialog, LabelPicker
from reader.screens.reading import ReadingScreen
from reader.text.corpus import discover
from reader.text.pipeline import analyse_path
from reader.text.suggestion_engine import Suggestion, suggest
from reader.widgets.article_view import ArticleView
from reader.widgets.status import StatusLine
from reader.widgets.suggestion_hint import SuggestionHint

SEED = "001_2431c36a0108d05d.txt"  # nine quotes with named speakers, claims and facts


def gutter(screen: ReadingScreen, sentence: int) -> str:
    view = screen.query_one(ArticleView)
    first, _ = view.sentence_rows(sentence)
    y = first - int(view.scroll_y)
    assert 0 <= y < view.size.height, "sentence not on screen"
    return view.render_line(y).text[: view.gutter_width]


def hint(screen: ReadingScreen) -> str:
    return str(screen.query_one(SuggestionHint).render())


def said(screen: ReadingScreen) -> str:
    """What the last key did, as the status line shows it."""
    status = screen.query_one(StatusLine)
    assert status.message in status.plain
    return status.message


def app_for(articles: Path, store: Store, tmp_path: Path) -> ReaderApp:
    return ReaderApp(discover([articles / SEED]), store, cache_dir=tmp_path / "cache")


async def go_to(ui, app, pilot, screen: ReadingScreen, s: Suggestion) -> None:
    screen.view.move_to(screen.view.sentence_at(s.start))
    await ui.settle(app, pilot)


def first_quote(screen: ReadingScreen) -> Suggestion:
    return next(s for s in screen.suggestions.shown if s.label == "quote" and s.speaker)


def quote_keys(store: Store, screen: ReadingScreen) -> list[tuple[str, int, int, str | None]]:
    return [(a.label, a.start, a.end, a.speaker) for a in store.annotations(screen.ref.id)]


async def test_suggestions_show_with_a_question_mark_and_reason(ui, articles, store, tmp_path) -> None:
    expected = suggest(analyse_path(articles / SEED))
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        assert [(s.label, s.start, s.end) for s in screen.suggestions.shown] == [
            (s.label, s.start, s.end) for s in expected
        ]
        assert store.annotations(screen.ref.id) == []  # shown, never stored
        quote = first_quote(screen)
        await go_to(ui, app, pilot, screen, quote)
        marks = gutter(screen, screen.view.cursor)
        assert "?" in marks and "q" in marks and "Q" not in marks
        line = hint(screen)
        assert "?q quote" in line and quote.speaker in line and "quotation marks" in line
        assert screen.check_action("accept_suggestion", ()) is True
        # The title has no suggestion: a and d are dimmed there.
        await ui.press(app, pilot, "g")
        assert "?" not in gutter(screen, 0)
        assert screen.check_action("accept_suggestion", ()) is None
        assert screen.check_action("dismiss_suggestion", ()) is None


async def test_a_accepts_with_the_speaker(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        quote = first_quote(screen)
        await go_to(ui, app, pilot, screen, quote)
        await ui.press(app, pilot, "a")
        assert quote_keys(store, screen) == [("quote", quote.start, quote.end, quote.speaker)]
        assert store.annotations(screen.ref.id)[0].annotator == "tester"
        assert quote not in screen.suggestions.shown
        marks = gutter(screen, screen.view.cursor)
        assert "Q" in marks and "q" not in marks
        words = " ".join(screen.ref.text[quote.start : quote.end].split()[:2])
        assert said(screen).startswith(f"Accepted quote ({quote.speaker}): '{words}")
        assert not app._notifications  # said in the status line, not a toast


async def test_u_undoes_an_accept(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        quote = first_quote(screen)
        await go_to(ui, app, pilot, screen, quote)
        await ui.press(app, pilot, "a")
        assert len(store.annotations(screen.ref.id)) == 1
        await ui.press(app, pilot, "u")
        assert store.annotations(screen.ref.id) == []
        assert quote in screen.suggestions.shown  # back as a suggestion
        assert "q" in gutter(screen, screen.view.cursor)


async def test_d_dismisses_and_it_stays_gone(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        quote = first_quote(screen)
        await go_to(ui, app, pilot, screen, quote)
        await ui.press(app, pilot, "d")
        document_id = screen.ref.id
        assert store.dismissed_suggestions(document_id) == {("quote", quote.start, quote.end)}
        assert store.annotations(document_id) == []
        assert quote not in screen.suggestions.shown
        assert "q" not in gutter(screen, screen.view.cursor)
    store.close()
    # A new app on the store reopened from disk: still gone.
    reopened = Store.open(tmp_path / "store", annotator="tester")
    try:
        app = app_for(articles, reopened, tmp_path)
        async with app.run_test(size=ui.size) as pilot:
            screen = await ui.open_document(app, pilot)
            assert screen.suggestions.shown, "the engine ran"
            assert quote not in screen.suggestions.shown
            assert [(s.label, s.start, s.end) for s in screen.suggestions.shown].count(
                ("quote", quote.start, quote.end)
            ) == 0
    finally:
        reopened.close()


async def test_accept_all_asks_first(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        quotes = [s for s in screen.suggestions.shown if s.label == "quote"]
        assert len(quotes) > 2
        labels = sorted({s.label for s in screen.suggestions.shown})

        async def ask() -> ConfirmDialog:
            await ui.press(app, pilot, "ctrl+a")
            assert isinstance(app.screen, LabelPicker)
            await ui.press(app, pilot, *["down"] * labels.index("quote"), "enter")
            dialog = app.screen
            assert isinstance(dialog, ConfirmDialog)
            return dialog

        dialog = await ask()
        assert dialog.question == f"Accept all {len(quotes)} quote suggestions in this article?"
        await ui.press(app, pilot, "escape")
        assert app.screen is screen
        assert store.annotations(screen.ref.id) == []
        assert len([s for s in screen.suggestions.shown if s.label == "quote"]) == len(quotes)

        await ask()
        await ui.press(app, pilot, "enter")
        assert app.screen is screen
        assert sorted(quote_keys(store, screen)) == sorted(
            ("quote", s.start, s.end, s.speaker) for s in quotes
        )
        assert not [s for s in screen.suggestions.shown if s.label == "quote"]
        assert [s for s in screen.suggestions.shown if s.label != "quote"]  # the other labels stay
        assert said(screen) == f"Accepted {len(quotes)} quote suggestions."
        assert not app._notifications

        # Accepting all is one decision: one `u` takes the whole batch back.
        await ui.press(app, pilot, "u")
        assert quote_keys(store, screen) == []
        assert len([s for s in screen.suggestions.shown if s.label == "quote"]) == len(quotes)


async def test_escape_in_the_label_picker_changes_nothing(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "ctrl+a")
        assert isinstance(app.screen, LabelPicker)
        await ui.press(app, pilot, "escape")
        assert app.screen is screen
        assert store.annotations(screen.ref.id) == []


async def test_s_hides_and_shows_for_the_session(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        quote = first_quote(screen)
        await go_to(ui, app, pilot, screen, quote)
        await ui.press(app, pilot, "S")
        assert screen.suggestions.shown == []
        assert "?" not in gutter(screen, screen.view.cursor)
        assert screen.check_action("accept_suggestion", ()) is None
        await ui.press(app, pilot, "a")
        assert store.annotations(screen.ref.id) == []
        # Back to the library and in again: still hidden.
        await ui.press(app, pilot, "escape")
        screen = await ui.open_document(app, pilot)
        assert screen.suggestions.shown == []
        await ui.press(app, pilot, "S")
        assert quote in screen.suggestions.shown


async def test_search_hits_and_suggestions_share_the_view(ui, articles, store, tmp_path) -> None:
    app = app_for(articles, store, tmp_path)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        before = len(screen.suggestions.shown)
        await ui.press(app, pilot, "slash", *"Lukashenko", "enter")
        assert screen.hits
        view = screen.query_one(ArticleView)
        styles = {o.style for o in view._overlays}
        assert "article-view--hit" in styles
        assert sum(o.mark.startswith("?") for o in view._overlays) == before
