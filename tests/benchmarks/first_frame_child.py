"""One headless start of the reader or of the bare app, timed from the parent's clock at its launch.

    python first_frame_child.py reader T0 CACHE STORE
    python first_frame_child.py bare T0 ROWS.json

Prints the milliseconds from T0 (the parent's `time.time()` just before starting this process, so
interpreter start-up and every import count) to the first frame that shows every title: for the
reader, each library row with its title as the pipeline found it (from the cache); for the bare app,
its table with all rows. Only what each app imports is imported before the clock stops.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path
from typing import Any

SIZE = (100, 30)
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _timed(base: type) -> type:
    """`base` with the time of the first frame its `probe` accepts (recorded as the frame goes out)."""

    class Timed(base):  # type: ignore[misc, valid-type]
        shown_at: float | None = None

        def probe(self, screen: Any) -> bool:
            raise NotImplementedError

        def _display(self, screen: Any, renderable: Any) -> None:
            if renderable is not None and self.shown_at is None and self.probe(screen):
                self.shown_at = time.time()
            super()._display(screen, renderable)

    return Timed


async def _run(app: Any) -> float | None:
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.time() + 30
        while app.shown_at is None and time.time() < deadline:
            await pilot.pause(0.005)
        await app.workers.wait_for_complete()
    return app.shown_at


def reader(t0: float, cache: str, store_dir: str) -> float | None:
    import inspect

    from annotations.store import Store
    from reader.app import ReaderApp
    from reader.screens.library import LibraryScreen
    from reader.text.corpus import discover
    from reader.widgets.document_table import DocumentTable

    class TimedReader(_timed(ReaderApp)):  # type: ignore[misc]
        CSS_PATH = str(Path(inspect.getfile(ReaderApp)).with_name(str(ReaderApp.CSS_PATH)))

        def probe(self, screen: Any) -> bool:
            if not isinstance(screen, LibraryScreen):
                return False
            rows = screen.query_one(DocumentTable).rows
            return bool(rows) and all(r.entry.title_known and r.entry.title for r in rows)

    corpus = discover([SEEDS])
    store = Store.open(Path(store_dir))
    try:
        app = TimedReader(corpus, store, cache_dir=Path(cache))
        shown = asyncio.run(_run(app))
        app.close_writer()
    finally:
        store.close()
    return shown


def bare(t0: float, rows_file: str) -> float | None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bare_app import BareApp, load_rows
    from textual.widgets import DataTable

    rows = load_rows(rows_file)

    class TimedBare(_timed(BareApp)):  # type: ignore[misc]
        def probe(self, screen: Any) -> bool:
            tables = list(screen.query(DataTable))
            return bool(tables) and tables[0].row_count == len(rows)

    return asyncio.run(_run(TimedBare(rows)))


def main() -> int:
    kind, t0 = sys.argv[1], float(sys.argv[2])
    shown = reader(t0, *sys.argv[3:5]) if kind == "reader" else bare(t0, sys.argv[3])
    print(round((shown - t0) * 1000, 1) if shown is not None else "null")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
