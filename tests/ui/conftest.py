"""Apps built on real files and a real store in tmp_path, and helpers to wait for their workers."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from annotations.store import Store
from reader.app import ReaderApp
from reader.text.corpus import discover

SIZE = (100, 30)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests on a fresh event loop (no async plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture
def articles(tmp_path: Path, seeds_dir: Path) -> Path:
    """A copy of the seeds (never the seeds themselves: tests may add or change files)."""
    folder = tmp_path / "articles"
    shutil.copytree(seeds_dir, folder)
    for file in folder.iterdir():
        file.chmod(0o644)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "store", annotator="tester")
    yield opened
    opened.close()


@pytest.fixture
def make_app(articles: Path, store: Store, tmp_path: Path):
    def make(*paths: Path) -> ReaderApp:
        return ReaderApp(discover(list(paths) or [articles]), store, cache_dir=tmp_path / "cache")

    return make


class UI:
    """Waiting helpers shared by the UI tests (a fixture, so no test imports another module)."""

    size = SIZE

    @staticmethod
    async def settle(app: ReaderApp, pilot: Pilot, rounds: int = 3) -> None:
        return await settle(app, pilot, rounds)

    @staticmethod
    async def press(app: ReaderApp, pilot: Pilot, *keys: str) -> None:
        return await press(app, pilot, *keys)

    @staticmethod
    async def open_document(app: ReaderApp, pilot: Pilot, index: int = 0):
        return await open_document(app, pilot, index)


@pytest.fixture
def ui() -> type[UI]:
    return UI


async def settle(app: ReaderApp, pilot: Pilot, rounds: int = 3) -> None:
    """Wait until no worker runs, no store write is queued and the screen has caught up."""
    for _ in range(200):
        await pilot.pause()
        await app.workers.wait_for_complete()
        if not app.writes_pending:
            rounds -= 1
            if rounds <= 0:
                break
        await pilot.pause(0.01)
    await pilot.pause()


async def press(app: ReaderApp, pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


async def open_document(app: ReaderApp, pilot: Pilot, index: int = 0):
    """From the library, open the `index`-th document and wait until it is shown."""
    from reader.screens.reading import ReadingScreen
    from reader.widgets.document_table import DocumentTable

    await settle(app, pilot)
    table = app.screen.query_one(DocumentTable)
    table.move_to(index)
    await press(app, pilot, "enter")
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    for _ in range(100):
        if screen.analysis is not None:
            break
        await pilot.pause(0.02)
    await settle(app, pilot)
    return screen
