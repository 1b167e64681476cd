"""The annotations screen (`A`) on a big store: first rows and peak memory at two store sizes, beside
the store's own raw read of the same first document, in one run.

For each size a store is built with `store_builder.bulk_create` (documents of --per-doc annotations,
the texts of bench_store.py), then each measurement runs in a fresh child process, so its peak RSS
(ru_maxrss) is its own:

raw_first      Store.open, document_ids(), annotations() of the first document: the least any
               screen must read before it can show a row (the baseline).
raw_all        every annotation read once through Store.iter_all() (nothing kept): the floor of a
               full scan.
screen         the AnnotationsScreen pushed in a headless app (100x30): time until its table shows a
               row, peak RSS then, and time and peak RSS once the whole store has been scanned.
library        the library of five seed articles with this store open: time until every title is on
               screen (its speed must not depend on the store's size).

  python tests/benchmarks/bench_annotations_screen.py [--quick] [--sizes 100000,1000000]
      [--per-doc 33] [--dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_store import doc_annotations, doc_ref  # beside this script: tests/benchmarks/ is sys.path[0]
from store_builder import bulk_create

from annotations.store import Store

HERE = Path(__file__).resolve().parent


def peak_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child
    of the process that built a 1M-annotation store would report the builder's peak as its own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(folder: Path, annotations: int, per_doc: int) -> None:
    store = Store.open(folder, annotator="bench")
    rng = random.Random(7)
    documents = (annotations + per_doc - 1) // per_doc

    def docs():  # type: ignore[no-untyped-def]
        left = annotations
        for i in range(documents):
            ref = doc_ref(i)
            n = min(per_doc, left)
            left -= n
            yield ref.id, ref.path, doc_annotations(ref, n, rng)

    try:
        bulk_create(store, docs())
    finally:
        store.close()


# -- children: one measurement each --------------------------------------------------------------


def child_raw_first(folder: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    store = Store.open(folder, annotator="bench")
    ids = store.document_ids()
    first = store.annotations(ids[0])
    seconds = time.perf_counter() - t0
    store.close()
    return {"seconds": round(seconds, 4), "rows": len(first), "peak_rss_mb": round(peak_mb(), 1)}


def child_raw_all(folder: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    store = Store.open(folder, annotator="bench")
    count = sum(1 for _ in store.iter_all())
    seconds = time.perf_counter() - t0
    store.close()
    return {"seconds": round(seconds, 3), "annotations": count, "peak_rss_mb": round(peak_mb(), 1)}


def child_screen(folder: Path) -> dict[str, Any]:
    from textual.app import App

    from reader.screens.annotations import AnnotationsScreen
    from reader.widgets.annotation_table import AnnotationTable

    out: dict[str, Any] = {}
    store = Store.open(folder, annotator="bench")

    class Bench(App[None]):
        pass

    async def run() -> None:
        app = Bench()
        async with app.run_test(size=(100, 30)) as pilot:
            t0 = time.perf_counter()
            screen = AnnotationsScreen(store, {})
            app.push_screen(screen)
            while True:
                await asyncio.sleep(0.005)
                table = screen.query(AnnotationTable)
                if table and len(table.first().rows) and table.first().render_line(1).text.strip():
                    break
            out["first_rows_seconds"] = round(time.perf_counter() - t0, 4)
            out["first_rows_peak_rss_mb"] = round(peak_mb(), 1)
            while screen.is_loading:
                await asyncio.sleep(0.05)
            out["all_scanned_seconds"] = round(time.perf_counter() - t0, 3)
            out["rows"] = len(screen.query_one(AnnotationTable).rows)
            await pilot.press("end")  # the last row, read back from its document file
            await pilot.pause()
            out["peak_rss_mb"] = round(peak_mb(), 1)

    asyncio.run(run())
    store.close()
    return out


def child_library(folder: Path) -> dict[str, Any]:
    from reader.app import ReaderApp
    from reader.screens.library import LibraryScreen
    from reader.text.corpus import bundled_seeds, discover

    out: dict[str, Any] = {}
    store = Store.open(folder, annotator="bench")
    with tempfile.TemporaryDirectory() as cache:

        async def run() -> None:
            t0 = time.perf_counter()
            app = ReaderApp(discover([bundled_seeds()]), store, cache_dir=Path(cache))
            async with app.run_test(size=(100, 30)):
                while True:
                    await asyncio.sleep(0.005)
                    screen = app.screen
                    entries = screen.entries.values() if isinstance(screen, LibraryScreen) else ()
                    if entries and all(e.title_known for e in entries):
                        break
                out["titles_seconds"] = round(time.perf_counter() - t0, 4)

        asyncio.run(run())
    store.close()
    return out


CHILDREN = {
    "raw_first": child_raw_first,
    "raw_all": child_raw_all,
    "screen": child_screen,
    "library": child_library,
}


def measure(kind: str, folder: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parents[1]), str(HERE)])}
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="sizes 10,000 and 100,000")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--per-doc", type=int, default=33)
    parser.add_argument("--dir", type=Path, help="keep the stores here (built once, reused)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "STORE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, folder = args.child
        print(json.dumps(CHILDREN[kind](Path(folder))))
        return
    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-annotations-"))
    results: dict[str, Any] = {"per_doc": args.per_doc, "sizes": {}}
    try:
        for size in sizes:
            folder = root / f"store-{size}"
            if not (folder / "docs").is_dir():
                t0 = time.perf_counter()
                build(folder, size, args.per_doc)
                print(f"built {size:,} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            row = {kind: measure(kind, folder) for kind in CHILDREN}
            first, raw = row["screen"].get("first_rows_seconds"), row["raw_first"].get("seconds")
            if first and raw:
                row["first_rows_over_raw_first"] = round(first / raw, 1)
            results["sizes"][str(size)] = row
            print(json.dumps({str(size): row}), file=sys.stderr)
        small, big = (results["sizes"][str(s)] for s in (sizes[0], sizes[-1]))
        results["growth"] = {
            "annotations": sizes[-1] / sizes[0],
            "screen_first_rows": _ratio(big["screen"], small["screen"], "first_rows_seconds"),
            "screen_first_rows_peak_rss": _ratio(big["screen"], small["screen"], "first_rows_peak_rss_mb"),
            "screen_peak_rss": _ratio(big["screen"], small["screen"], "peak_rss_mb"),
            "raw_all_seconds": _ratio(big["raw_all"], small["raw_all"], "seconds"),
            "library_titles": _ratio(big["library"], small["library"], "titles_seconds"),
        }
        print(json.dumps(results, indent=2))
    finally:
        if not (args.keep or args.dir):
            shutil.rmtree(root, ignore_errors=True)


def _ratio(big: dict[str, Any], small: dict[str, Any], key: str) -> float | None:
    if key in big and key in small and small[key]:
        return round(big[key] / small[key], 2)
    return None


if __name__ == "__main__":
    main()
