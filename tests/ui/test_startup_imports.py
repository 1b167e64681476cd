"""The first frame of a start with a warm cache shows every title and loads only what it paints: the
reading screen and the text pipeline (about 0.2 s of imports) wait until a document is opened. Run in
a fresh interpreter, since this test process has imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotations.store import Store
from reader.services.catalog import Catalog
from reader.text.corpus import discover

ROOT = Path(__file__).resolve().parents[2]

# Imported in the child at the first frame showing every title (the frame as it goes to the driver).
CHILD = """
import asyncio, json, sys
from pathlib import Path
from annotations.store import Store
from reader.app import ReaderApp
from reader.text.corpus import discover

articles, cache, store_dir = map(Path, sys.argv[1:4])
seen = {}

class App(ReaderApp):
    CSS_PATH = str(Path(sys.modules[ReaderApp.__module__].__file__).with_name("app.tcss"))

    def _display(self, screen, renderable):
        table = getattr(screen, "query", None) and screen.query("DocumentTable")
        rows = table.first().rows if table else []
        if renderable is not None and not seen and rows and all(r.entry.title for r in rows):
            seen["modules"] = sorted(sys.modules)
            seen["titles"] = [r.entry.title for r in rows]
        super()._display(screen, renderable)

async def main(app):
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(500):
            if seen:
                break
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()

store = Store.open(store_dir, annotator="tester")
try:
    app = App(discover([articles]), store, cache_dir=cache)
    asyncio.run(main(app))
    app.close_writer()
finally:
    store.close()
print(json.dumps(seen))
"""


def test_the_first_frame_shows_cached_titles_without_loading_the_reading_screen(
    articles: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    catalog = Catalog(discover([articles]), cache_dir=cache)
    titles = sorted(entry.title for batch in catalog.scan() for entry in batch if entry.scanned)
    assert len(titles) == 5 and all(titles)
    Store.open(tmp_path / "store", annotator="tester").close()

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [str(articles), str(cache), str(tmp_path / "store")]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert sorted(seen["titles"]) == titles  # the cache's titles, in the first frame that has rows
    loaded = set(seen["modules"])
    assert "reader.screens.library" in loaded  # the probe works: the library was painted
    for module in ("reader.screens.reading", "reader.text.pipeline", "reader.screens.annotations"):
        assert module not in loaded, f"{module} loaded before the first frame"
