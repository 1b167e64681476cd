"""Claim verdicts in the app: V on a claim in the reading screen and on a row of the annotations screen
opens the verdict dialog; each save is one store write (u undoes it); the panel and the table show it,
and the annotations screen filters on it. The article has CRLF line ends, an astral emoji, curly
quotes and a combining accent."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from reader.screens.annotations import AnnotationsScreen
from reader.screens.verdict import VerdictDialog

ARTICLE = (
    "Minsk talks stall again\r\n"
    "\r\n"
    "The minister said “unemployment fell by half in 🇧🇾 last year” at the cafe\u0301 on Monday.\r\n"
    "\r\n"
    "Critics called the figure “nonsense” and asked for the data behind it.\r\n"
)


def article(tmp_path: Path) -> Path:
    folder = tmp_path / "verdict-articles"
    folder.mkdir()
    (folder / "minsk.txt").write_bytes(ARTICLE.encode("utf-8"))
    return folder


async def pick_verdict(pilot, verdict: str, claimant: str, url: str) -> None:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    assert isinstance(dialog, VerdictDialog)
    options = dialog.query_one("#verdicts", OptionList)
    options.highlighted = dialog.choices.index(verdict)
    await pilot.press("enter")  # picks, moves to the claimant
    dialog.query_one("#claimant", Input).value = claimant
    await pilot.press("enter")  # moves to the URL
    dialog.query_one("#url", Input).value = url
    await pilot.press("enter")  # saves


async def test_verdict_key_sets_undoes_and_shows_in_the_panel(ui, make_app, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(article(tmp_path))
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "V")
        assert app.screen is screen  # nothing tagged: a hint, no dialog
        await ui.press(app, pilot, "c", "V")
        assert isinstance(app.screen, VerdictDialog)
        await pick_verdict(pilot, "false", "The minister", "https://checks.example/r/7")
        await ui.settle(app, pilot)
        assert app.screen is screen
        [claim] = store.annotations(screen.ref.id)
        assert (claim.verdict, claim.speaker, claim.review_url) == (
            "false",
            "The minister",
            "https://checks.example/r/7",
        )
        assert claim.reviewed and ARTICLE[claim.start : claim.end] == claim.text
        await ui.press(app, pilot, "tab")
        prompt = str(screen.query_one("#panel", OptionList).get_option_at_index(0).prompt)
        assert "[false]" in prompt and "The minister" in prompt
        await ui.press(app, pilot, "escape", "u")  # one write, one undo step
        [claim] = store.annotations(screen.ref.id)
        assert claim.verdict is None and claim.review_url is None and claim.speaker is None


async def test_verdict_dialog_escape_changes_nothing(ui, make_app, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(article(tmp_path))
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "V")
        assert isinstance(app.screen, VerdictDialog)
        await ui.press(app, pilot, "escape")
        assert app.screen is screen
        [claim] = store.annotations(screen.ref.id)
        assert claim.verdict is None and not claim.has_verdict


async def test_annotations_screen_sets_and_filters_verdicts(ui, make_app, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(article(tmp_path))
    async with app.run_test(size=ui.size) as pilot:
        reading = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "j", "c", "q")  # two claims, and a quote on the second sentence
        await ui.press(app, pilot, "A")
        listing = app.screen
        assert isinstance(listing, AnnotationsScreen)
        for _ in range(50):
            if not listing.is_loading:
                break
            await pilot.pause(0.02)
        rows = listing.visible_annotations()
        assert [a.label for a in rows].count("claim") == 2
        first = next(a for a in rows if a.label == "claim")
        table = listing.query_one("#annotations-table")
        table.cursor = rows.index(first)  # type: ignore[attr-defined]
        table.focus()
        await ui.press(app, pilot, "V")
        assert isinstance(app.screen, VerdictDialog)
        await pick_verdict(pilot, "mostly true", "", "")
        await ui.settle(app, pilot)
        assert app.screen is listing
        stored = {a.id: a for a in store.annotations(reading.ref.id)}
        assert stored[first.id].verdict == "mostly true"
        assert [a.verdict for a in stored.values() if a.id != first.id] == [None, None]
        assert next(a for a in listing.visible_annotations() if a.id == first.id).verdict == "mostly true"
        listing.query_one("#filter-verdict", Input).value = "mostly"
        await ui.settle(app, pilot)
        assert [a.id for a in listing.visible_annotations()] == [first.id]
        quote = next(a for a in stored.values() if a.label == "quote")
        listing.query_one("#filter-verdict", Input).value = ""
        await ui.settle(app, pilot)
        table.cursor = [a.id for a in listing.visible_annotations()].index(quote.id)  # type: ignore[attr-defined]
        table.focus()
        await ui.press(app, pilot, "V")
        assert app.screen is listing  # a quote has no verdict: a hint, no dialog
