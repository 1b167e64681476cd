"""The agreement screen and the reading screen's curation mode, compared with the SVGs in `__snapshots__/`.

The snapshot store's two annotators (tester, maria) mark seeds 001 and 003 finished, so the figures
come from their fixed tags.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from annotations.model import DocumentRef
from annotations.store import Store
from reader.screens.agreement import AgreementScreen
from reader.screens.reading import ReadingScreen
from reader.text.corpus import read_document

SIZE = (100, 30)
FINISHED = ("001_2431c36a0108d05d.txt", "003_ac7b1f2213b4f8e1.txt")


def finish_both(store: Store) -> None:
    for name in ("tester", "maria"):
        with Store.open(store.location, annotator=name) as mine:
            for file in FINISHED:
                document = read_document(Path("articles") / file)
                mine.set_finished(DocumentRef(document.id, file, document.text), True)


async def open_agreement(pilot: Pilot, steps) -> AgreementScreen:
    app = pilot.app
    await steps.settle(app, pilot)
    await steps.press(app, pilot, "K")
    screen = app.screen
    assert isinstance(screen, AgreementScreen)
    for _ in range(200):
        if screen.outcome is not None:
            break
        await pilot.pause(0.02)
    await steps.settle(app, pilot)
    return screen


def test_agreement_screen(snap_compare, make_app, store: Store, steps) -> None:
    finish_both(store)

    async def run(pilot: Pilot) -> None:
        screen = await open_agreement(pilot, steps)
        assert screen.outcome is not None and screen.outcome.agreement.documents == 2

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)


def test_curation_mode(snap_compare, make_app, store: Store, steps) -> None:
    finish_both(store)

    async def run(pilot: Pilot) -> None:
        await open_agreement(pilot, steps)
        await steps.press(pilot.app, pilot, "C")
        screen = pilot.app.screen
        assert isinstance(screen, ReadingScreen)
        for _ in range(200):
            if screen.curation.session is not None:
                break
            await pilot.pause(0.02)
        await steps.settle(pilot.app, pilot)
        assert screen.curation.on and screen.curation.session is not None and screen.curation.session.found

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run)
