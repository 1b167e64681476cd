"""`reader export --since/--until` and the annotations screen's from/to pick the same annotations
for the same words (they once disagreed: "Jan 2026" ended on 1 January in one, on the 31st in the other)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from textual.app import App
from textual.widgets import Input

from annotations.model import Annotation, DocumentRef, context
from annotations.store import Store
from reader.screens.annotations import AnnotationsScreen

LOCAL = tz.tzlocal()
TEXT = "".join(f"Sentence number {n} of the test article.\n" for n in range(40))


def _moments() -> dict[str, datetime]:
    """Creation times on both sides of every boundary the typed words below draw."""
    today = date.today()
    at = {
        "dec31-2025-late": datetime.combine(date(2025, 12, 31), time(23, 59), LOCAL),
        "jan1-2026-early": datetime.combine(date(2026, 1, 1), time(0, 1), LOCAL),
        "jan15-2026": datetime.combine(date(2026, 1, 15), time(12), LOCAL),
        "jan31-2026-late": datetime.combine(date(2026, 1, 31), time(23, 30), LOCAL),
        "feb1-2026": datetime.combine(date(2026, 2, 1), time(0, 30), LOCAL),
        "dec31-2026": datetime.combine(date(2026, 12, 31), time(18), LOCAL),
        "today": datetime.combine(today, time(0, 5), LOCAL),
        "yesterday": datetime.combine(today - timedelta(days=1), time(23, 55), LOCAL),
        "10-days-ago": datetime.combine(today - timedelta(days=10), time(12), LOCAL),
    }
    return at


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    store = Store.open(folder, annotator="alice")
    ref = DocumentRef("sha256:" + "d" * 64, "article.txt", TEXT)
    anns = []
    for n, (name, moment) in enumerate(_moments().items()):
        start = TEXT.index(f"number {n} ")
        end = start + 9
        prefix, suffix = context(TEXT, start, end)
        stamp = moment.isoformat()
        anns.append(
            Annotation(
                id=f"{n:032x}", document_id=ref.id, path=ref.path, label="claim", start=start, end=end,
                text=TEXT[start:end], prefix=prefix, suffix=suffix, annotator="alice", note=name,
                created=stamp, modified=stamp,
            )
        )  # fmt: skip
    store.merge(ref.id, ref.path, anns)
    store.close()
    return folder


def _cli(store_dir: Path, words: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "READER_STORE"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "export",
            "--store",
            str(store_dir),
            "--since",
            words,
            "--until",
            words,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {a["note"] for d in json.loads(done.stdout)["documents"] for a in d["annotations"]}


class ScreenApp(App[None]):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(AnnotationsScreen(self.store, {}))


async def _screen(store_dir: Path, words: list[str]) -> dict[str, set[str]]:
    store = Store.open(store_dir)
    seen: dict[str, set[str]] = {}
    app = ScreenApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        for typed in words:
            for name in ("from", "to"):
                screen.query_one(f"#filter-{name}", Input).value = typed
            await pilot.pause()
            seen[typed] = {a.note for a in screen.visible_annotations()}
    store.close()
    return seen


WORDS = ["Jan 2026", "2026", "2025", "2026-01-31", "Dec 31 2025", "today", "yesterday", "10 days ago"]


async def test_cli_and_screen_select_the_same_annotations_for_the_same_words(store_dir: Path) -> None:
    on_screen = await _screen(store_dir, WORDS)
    for typed in WORDS:
        assert _cli(store_dir, typed) == on_screen[typed], typed
    # And what they agree on is the whole period the words name.
    assert on_screen["Jan 2026"] == {"jan1-2026-early", "jan15-2026", "jan31-2026-late"}
    assert on_screen["2026-01-31"] == {"jan31-2026-late"}
    assert on_screen["Dec 31 2025"] == {"dec31-2025-late"}
    assert on_screen["today"] == {"today"} and on_screen["yesterday"] == {"yesterday"}
    assert on_screen["10 days ago"] == {"10-days-ago"}
