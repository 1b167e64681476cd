"""Make the README's screenshots: `python docs/make_screenshots.py` writes docs/screenshots/*.svg.

The app runs headless at 100x30 on a copy of the seeds with a fresh store in a temporary folder
(the current folder while it runs, so the status line shows the store as `tags`, as in the README's
tour); a few sentences are tagged with the real keys, so the library has progress bars and the
reading screen shows tags beside the suggested ones. Nothing outside the temporary folder is read
or written except the SVGs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot

from annotations.store import Store
from reader.app import ReaderApp
from reader.screens.help import HelpScreen
from reader.screens.library import LibraryScreen
from reader.screens.progress import ProgressScreen
from reader.screens.reading import ReadingScreen
from reader.text.corpus import bundled_seeds, discover
from reader.widgets.document_table import DocumentTable

SIZE = (100, 30)
OUT = Path(__file__).resolve().parent / "screenshots"

# (row in the library, keys pressed once the document is open); j moves to the next sentence.
TAGGING: tuple[tuple[int, str], ...] = (
    (1, "cjcjqjjjfjfjc"),
    (3, "jqjjjc"),
    (4, "jjq"),
)
# The document and sentence the reading screenshot shows: a suggested quote under the cursor, accepted
# (its speaker filled in) and given a note, so the gutter shows `*` and the info line the note.
READING = (1, "jjjjjjjjjjjjj")
NOTE = "ask Minsk for the full speech"
# A colleague's tags in that document, written by a second store as another machine's sync would, by
# sentence from the cursor: a fact where alice has hers (`+` in the gutter), a claim of bob's alone (`~`).
COLLEAGUE = ("bob", ((0, "fact"), (-3, "claim")))


async def settle(app: ReaderApp, pilot: Pilot) -> None:
    """Until no worker runs and no store write is queued, three times in a row."""
    calm = 0
    for _ in range(300):
        await pilot.pause()
        await app.workers.wait_for_complete()
        calm = calm + 1 if not app.writes_pending else 0
        if calm >= 3:
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def keys(app: ReaderApp, pilot: Pilot, typed: str) -> None:
    for key in typed:
        await pilot.press(key)
        await settle(app, pilot)


async def open_row(app: ReaderApp, pilot: Pilot, row: int) -> ReadingScreen:
    library = app.screen
    assert isinstance(library, LibraryScreen)
    library.query_one(DocumentTable).move_to(row)
    await pilot.press("enter")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    while screen.analysis is None:
        await pilot.pause(0.02)
    await settle(app, pilot)
    return screen


async def shoot(app: ReaderApp, out: Path) -> list[Path]:
    saved: list[Path] = []

    def save(name: str) -> None:
        app.save_screenshot(filename=name, path=str(out))
        saved.append(out / name)

    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for row, typed in TAGGING:
            await open_row(app, pilot, row)
            await keys(app, pilot, typed)
            await pilot.press("escape")
            await settle(app, pilot)
        app.query_one(DocumentTable).move_to(0)
        await settle(app, pilot)
        save("library.svg")

        row, typed = READING
        screen = await open_row(app, pilot, row)
        await keys(app, pilot, typed + "ae")
        await pilot.press(*NOTE, "enter")
        await settle(app, pilot)
        name, tags = COLLEAGUE
        assert screen.ref is not None
        with Store.open(Path("tags"), annotator=name) as colleague:
            for step, label in tags:
                colleague.add(screen.ref, label, *screen.view.sentences[screen.view.cursor + step])
        screen.store_watch.check()
        await pilot.pause(0.3)
        await settle(app, pilot)
        app.clear_notifications()  # the toasts would hide the status line and the keys
        await settle(app, pilot)
        save("reading.svg")

        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        save("help.svg")
        await pilot.press("escape")
        await settle(app, pilot)

        await pilot.press("P")  # the progress screen, the document being read highlighted
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        while screen.counting:
            await pilot.pause(0.02)
        await settle(app, pilot)
        save("progress.svg")
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the SVGs (default: {OUT})")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    seeds = bundled_seeds()
    here = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="reader-screenshots-") as tmp:
        work = Path(tmp)
        articles = work / "articles"
        shutil.copytree(seeds, articles)
        os.chdir(work)
        try:
            store = Store.open(Path("tags"), annotator="alice")
            try:
                app = ReaderApp(discover([Path("articles")]), store, cache_dir=work / "cache")
                saved = asyncio.run(shoot(app, out))
                app.close_writer()
            finally:
                store.close()
        finally:
            os.chdir(here)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
