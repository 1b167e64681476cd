"""Undo and redo say what they changed by its text and show it; a dismissal is undoable, and dismissed
suggestions come back from the palette, per sentence or per document. Store first, then the screen."""

from __future__ import annotations

from pathlib import Path

from reader.app import ReaderApp
from reader.screens.reading import ReadingScreen
from reader.text.corpus import discover
from reader.widgets.status import StatusLine

SEED = "001_2431c36a0108d05d.txt"  # suggestions of every label


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


def said(screen: ReadingScreen) -> str:
    """What the last key did, as the status line shows it (a toast is for what must not be missed)."""
    status = screen.query_one(StatusLine)
    assert status.message in status.plain
    return status.message


async def test_undo_far_away_moves_the_cursor_to_the_change(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ui.open_document(app, pilot, 1)  # the longest seed
        view = screen.view
        await ui.press(app, pilot, "c", "G")
        start, end = view.sentences[0]
        assert not view.offset_visible(start)
        await ui.press(app, pilot, "u")
        assert store.annotations(screen.ref.id) == []
        words = " ".join(screen.ref.text[start:end].split()[:2])
        # Said after the cursor went to the change: that move does not hush it.
        assert said(screen).startswith(f"Undid claim: '{words}")
        assert view.cursor == 0 and view.offset_visible(start)
        await ui.press(app, pilot, "j", "ctrl+r")  # on screen: the cursor stays where it is
        assert len(store.annotations(screen.ref.id)) == 1
        assert said(screen).startswith(f"Redid claim: '{words}")
        assert view.cursor == 1
        assert toasts(app) == []
        await ui.press(app, pilot, "j")
        assert said(screen) == "" and "Redid" not in screen.query_one(StatusLine).plain


async def test_nothing_to_undo_says_so(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await screen.tags.step(backwards=True)  # the key is dimmed; the palette or a script may still ask
        await ui.settle(app, pilot)
        assert toasts(app)[-1] == "Nothing to undo."


async def test_a_dismissal_is_undone_and_restored_from_the_palette(
    ui, articles, store, tmp_path: Path
) -> None:
    app = ReaderApp(discover([articles / SEED]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        view = screen.view
        first = screen.suggestions.shown[0]
        view.move_to(view.sentence_at(first.start))
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "d")
        key = (first.label, first.start, first.end)
        assert store.dismissed_suggestions(screen.ref.id) == {key}
        assert first not in screen.suggestions.shown
        assert said(screen).startswith(f"Dismissed the {first.label} suggestion (u brings it back): '")
        await ui.press(app, pilot, "u")
        assert store.dismissed_suggestions(screen.ref.id) == set()
        assert first in screen.suggestions.shown
        assert said(screen).startswith(f"Undid dismissal of the {first.label} suggestion: '")
        await ui.press(app, pilot, "ctrl+r")
        assert store.dismissed_suggestions(screen.ref.id) == {key}
        assert first not in screen.suggestions.shown
        assert said(screen).startswith(f"Redid dismissal of the {first.label} suggestion: '")
        assert toasts(app) == []
        # Dismiss a second one elsewhere, then bring back only the one under the cursor.
        second = next(s for s in screen.suggestions.shown if view.sentence_at(s.start) != view.cursor)
        view.move_to(view.sentence_at(second.start))
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "d")
        assert len(store.dismissed_suggestions(screen.ref.id)) == 2
        await app.run_action("restore_suggestions(True)", screen)
        await ui.settle(app, pilot)
        assert store.dismissed_suggestions(screen.ref.id) == {key}
        assert second in screen.suggestions.shown and first not in screen.suggestions.shown
        await app.run_action("restore_suggestions(False)", screen)
        await ui.settle(app, pilot)
        assert store.dismissed_suggestions(screen.ref.id) == set()
        assert first in screen.suggestions.shown
        assert said(screen) == "Restored 1 dismissed suggestion in this document."
        assert toasts(app) == []


async def test_the_restore_commands_are_in_the_palette(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        assert "Restore dismissed suggestions on this sentence" in titles
        assert "Restore dismissed suggestions in this document" in titles
