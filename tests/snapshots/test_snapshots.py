"""What the screens look like, compared with the SVGs in `__snapshots__/` (update: `--snapshot-update`).

Every test builds its app on the fixtures of `conftest.py` (seeds copied into tmp_path, a store holding
fixed tags), does its work in `run_before` and waits there for the workers and the store writes, so
the picture never depends on timing. Look at a changed SVG before accepting it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from annotations.store import Store
from reader.app import ReaderApp
from reader.screens.annotation_editor import AnnotationEditor
from reader.screens.annotations import AnnotationsScreen
from reader.screens.export import ExportDialog
from reader.screens.goto import GoToDocument
from reader.screens.help import HelpScreen
from reader.screens.library import LibraryScreen
from reader.screens.progress import ProgressScreen
from reader.screens.reading import ReadingScreen

SIZE = (100, 30)
SMALL = (80, 24)
MakeApp = Callable[..., ReaderApp]
Step = Callable[[Pilot], Awaitable[None]]

# In 001 (36 sentences, imported tags on 0-2 and 4-5): a claim, a quote and a fact on sentences 6, 7
# and 9, then a selection from sentence 11 over the next two.
TAG_THEN_SELECT = (*"jjjjjj", "c", "j", "q", "j", "j", "f", "j", "j", "v", "j", "j")


@pytest.fixture
def library(steps) -> Step:
    async def run(pilot: Pilot) -> None:
        await steps.settle(pilot.app, pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)
        assert not pilot.app.screen.scanning

    return run


@pytest.fixture
def reading(steps) -> Step:
    async def run(pilot: Pilot) -> None:
        app = pilot.app
        screen = await steps.open_document(app, pilot, 1)
        await steps.press(app, pilot, *TAG_THEN_SELECT)
        assert app.screen is screen
        assert isinstance(screen, ReadingScreen)
        assert screen.view.selection is not None
        assert len(screen.state.annotations) == 5 + 3  # the imported ones and the three keys
        app.clear_notifications()  # the tag toasts (tested apart) would hide the text, status and keys
        await steps.settle(app, pilot)

    return run


def test_library(snap_compare, make_app: MakeApp, library: Step) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=library)


def test_reading_tags_and_selection(snap_compare, make_app: MakeApp, reading: Step) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=reading)


def test_reading_small_terminal(snap_compare, make_app: MakeApp, reading: Step) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=reading)


def test_reading_note(snap_compare, make_app: MakeApp, steps) -> None:
    """A quote with a note and a speaker at 80x24: `*` in the gutter, note and speaker on the info
    line, marks on the first row of each sentence, one line of keys."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        screen = await steps.open_document(app, pilot, 1)
        note = ("q", "e", *"ask the ministry", "tab", *"Lukashenko", "enter")
        await steps.press(app, pilot, *"jjjjjjj", *note)
        assert isinstance(screen, ReadingScreen) and app.screen is screen
        quote = next(a for a in screen.state.annotations if a.note == "ask the ministry")
        assert (quote.note, quote.speaker) == ("ask the ministry", "Lukashenko")
        app.clear_notifications()
        await steps.settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_reading_yours_and_others(snap_compare, make_app: MakeApp, steps) -> None:
    """001 with maria's fact on sentence 5 tagged by the user too (`F+`: yours and someone else's) and
    maria's claim alone on sentence 6 (`C~`: only someone else's), readable without colour."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        screen = await steps.open_document(app, pilot, 1)
        assert isinstance(screen, ReadingScreen) and screen.ref is not None
        with Store.open(Path("store"), annotator="maria") as maria:
            maria.add(screen.ref, "claim", *screen.view.sentences[6])
        screen.store_watch.check()
        await pilot.pause(0.3)
        await steps.press(app, pilot, *"jjjjj", "f")
        assert {
            (a.annotator, a.label) for a in screen.state.annotations if a.start == screen.view.sentences[5][0]
        } == {
            ("maria", "fact"),
            ("tester", "fact"),
        }
        app.clear_notifications()
        await steps.settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_reading_light_theme(snap_compare, make_app: MakeApp, reading: Step) -> None:
    async def run_before(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await reading(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_reading_review_mode(snap_compare, make_app: MakeApp, steps) -> None:
    """Review mode on 001: who tagged each sentence (T tester, M maria) in the gutter and the panel,
    per-annotator counts in the status line, and the document marked finished."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        screen = await steps.open_document(app, pilot, 1)
        await steps.press(app, pilot, "R", "F", "tab")
        assert isinstance(screen, ReadingScreen) and screen.review.on
        assert screen.state.finished_by == ("tester",)
        app.clear_notifications()
        steps.steady_cursors(pilot)
        await steps.settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    async def run_before(pilot: Pilot) -> None:
        await library(pilot)
        await steps.press(pilot.app, pilot, "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_annotations(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    async def run_before(pilot: Pilot) -> None:
        await library(pilot)
        await steps.press(pilot.app, pilot, "A")
        assert isinstance(pilot.app.screen, AnnotationsScreen)
        steps.steady_cursors(pilot)
        await steps.settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_annotations_small_terminal(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    """At 80 columns the Note column stays on screen (Created, Annotator and Speaker go first)."""

    async def run_before(pilot: Pilot) -> None:
        await library(pilot)
        await steps.press(pilot.app, pilot, "A")
        assert isinstance(pilot.app.screen, AnnotationsScreen)
        steps.steady_cursors(pilot)
        await steps.settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_annotation_editor(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    """`e` on the third row, the tester's quote with its speaker: label choice, note and speaker."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await library(pilot)
        await steps.press(app, pilot, "A")
        assert isinstance(app.screen, AnnotationsScreen)
        await steps.press(app, pilot, "down", "down", "e")
        assert isinstance(app.screen, AnnotationEditor)
        steps.steady_cursors(pilot)
        await steps.settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_go_to_document(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    """The palette's "Go to document...", letters typed: the matches, best first, letters marked."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await library(pilot)
        await app.run_action("goto_document")
        await steps.settle(app, pilot)
        assert isinstance(app.screen, GoToDocument)
        await steps.press(app, pilot, *"lukash")
        steps.steady_cursors(pilot)
        await steps.settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_progress(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    """Per label, annotator and day for the corpus and the highlighted document. The fixtures' tags
    are dated March 2026, older than the eight weeks of the per-day line: it stays flat, whatever day
    the test runs on."""

    async def run_before(pilot: Pilot) -> None:
        await library(pilot)
        await steps.press(pilot.app, pilot, "P")
        screen = pilot.app.screen
        assert isinstance(screen, ProgressScreen)
        while screen.counting:
            await pilot.pause(0.02)
        await steps.settle(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_export_dialog(snap_compare, make_app: MakeApp, library: Step, steps) -> None:
    """Opened from the command palette; the default file name holds today's date, so it is typed over."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        await library(pilot)
        await steps.press(app, pilot, "ctrl+p", *"export annotations")
        await steps.press(app, pilot, "enter")
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one("#export-path", Input)
        assert field.value.startswith("~/annotations-")  # the dated default, replaced for a stable picture
        field.value = "~/annotations.json"
        steps.steady_cursors(pilot)
        await steps.settle(app, pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


# Markup, a link, an escape sequence, a bell and a tab: data to show as typed, never to interpret.
HOSTILE = (
    "[bold red]Breaking[/] news: [@click=app.quit]the minister[/] said it\x1b[31m again\n\n"
    'The minister said: "[b]We will[/b] not [link=https://example.org]comply[/link]." '
    "Officials confirmed the figure of 12% on Monday.\n\n"
    "A second paragraph with a tab\there, a bell\x07 and [reverse]reversed[/reverse] text. It ends here.\n"
)


def test_article_text_is_not_markup(snap_compare, make_app: MakeApp, steps, workdir: Path) -> None:
    folder = workdir / "hostile"
    folder.mkdir()
    (folder / "[red]file[-red].txt").write_text(HOSTILE, encoding="utf-8")

    async def run_before(pilot: Pilot) -> None:
        screen = await steps.open_document(pilot.app, pilot, 0)
        await steps.press(pilot.app, pilot, "c", "j", "q", "j", "f")
        assert pilot.app.screen is screen
        assert isinstance(screen, ReadingScreen)
        assert len(screen.state.annotations) == 3

    assert snap_compare(make_app("hostile"), terminal_size=SIZE, run_before=run_before)
