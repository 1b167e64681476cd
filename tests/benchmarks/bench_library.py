"""The library's first and second start at several sizes, each beside reading every file in the same run.

For each size (generated articles, the seeds varied) a fresh process runs the app (headless, 100x30)
and is timed from the moment the parent starts it, imports included:

  titles_s      every row shows the pipeline's own title and date (`Entry.title_known`), painted
  full_scan_s   every file analysed in full (sentences counted), the scan finished
  second start  the same folder again with the cache the first start wrote: titles_s

Baseline: reading every file's bytes (what `cat` does; the page cache is warm, as it is for the app
right after generating) in the same run, and its time per file. Growth is the time per file at the
largest size over the time per file at the smallest: 1.0 is linear. Memory: the app process's peak RSS
and the largest worker process's. `app_cpu_s` is the CPU time of the app's process (all its threads,
not the workers') at its end, `titles_cpu_s` the same when every title is in: a machine shared with
other work stretches the times, not those.

A row is complete in memory before it is painted: the poll checks every few hundredths of a second
(every 0.5 s after the first 30 s), and the figure is the first frame painted after the check that
found it complete (`poll_slack_s` bounds how early it may have been).

    python tests/benchmarks/bench_library.py [--sizes 10000,30000,100000] [--corpora DIR]
                                             [--dir DIR [--keep] [--reuse]] [--second-runs K]

`--corpora DIR` reuses (or creates) DIR/corpus-N, so a big corpus is generated once. `--dir DIR
--keep` also keeps each size's cache and store there (DIR/cache-N, DIR/store-N); `--reuse` then skips
the first start of a size whose kept cache is current (the pipeline's fingerprint unchanged) and times
only second starts (no growth figures then). `--second-runs K` times K second starts and reports each
and their median.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FLOORS: dict[str, Any] = {
    "growth_per_file": 1.2,
    "second_start_s": {30_000: 1.0, 100_000: 3.0},
    # Kept from bench_app's library_10k, timed as it was from building the app (not process start):
    "first_titles_from_app_s": {10_000: 5.0},
    "second_start_from_app_s": {10_000: 1.0},
}
SIZE = (100, 30)


# -- the child: one start of the app ---------------------------------------------------------------


def _complete(rows: list[Any], count: int) -> bool:
    return len(rows) == count and all(r.entry.title_known and r.entry.title and r.entry.date for r in rows)


async def _start(folder: Path, cache: Path, store_dir: Path, t0: float, wait_scan: bool) -> dict[str, Any]:
    from app_timing import TimedReader, first_after

    from annotations.store import Store
    from reader.screens.library import LibraryScreen
    from reader.text.corpus import discover
    from reader.widgets.document_table import DocumentTable

    clock = time.time() - time.perf_counter()  # perf_counter -> seconds since the epoch
    corpus = discover([folder])
    count = len(corpus.paths)
    store = Store.open(store_dir)
    result: dict[str, Any] = {"files": count}
    try:
        built = time.perf_counter()
        app = TimedReader(corpus, store, cache_dir=cache)
        app.probe = None
        async with app.run_test(size=SIZE) as pilot:
            started = time.perf_counter()
            step = 0.02
            while True:
                screen = app.screen
                rows = screen.query_one(DocumentTable).rows if isinstance(screen, LibraryScreen) else []
                if _complete(rows, count):
                    break
                if time.perf_counter() - started > 3600:
                    result["error"] = "titles not all listed within an hour"
                    break
                if time.perf_counter() - started > 30:
                    step = 0.5
                elif time.perf_counter() - started > 3:
                    step = 0.1
                await pilot.pause(step)
            found = time.perf_counter()
            titles_cpu = time.process_time()  # this process's CPU (every thread) when the titles are in
            await pilot.pause(0.05)
            await pilot.pause(0.05)
            painted = first_after(app.paints, found, lambda _: True) or found
            result["titles_s"] = round(painted + clock - t0, 3)
            result["titles_from_app_s"] = round(painted - built, 3)
            result["poll_slack_s"] = step
            result["titles_cpu_s"] = round(titles_cpu, 2)
            app.paints.clear()
            workers_peak = 0
            if wait_scan:
                library = app.screen
                while getattr(library, "scanning", False):
                    workers_peak = max(workers_peak, _workers_peak_kb())
                    await pilot.pause(0.1 if time.perf_counter() - started < 30 else 0.5)
                result["full_scan_s"] = round(time.time() - t0, 3)
                result["analysed_in_processes"] = app.catalog.analysed_in_processes
            await app.workers.wait_for_complete()
        app.close_writer()
    finally:
        store.close()
    result["cache_bytes"] = app.catalog.cache_file.stat().st_size if app.catalog.cache_file.exists() else 0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of the app's process (its threads): what the machine's load does not inflate.
    result["app_cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["worker_peak_rss_mb"] = round(workers_peak / 1024, 1)
    return result


def _workers_peak_kb() -> int:
    """The largest peak RSS (VmHWM) among this process's live children (the scan's workers)."""
    import multiprocessing

    peak = 0
    for process in multiprocessing.active_children():
        try:
            with open(f"/proc/{process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError):
            continue
    return peak


def child(argv: list[str]) -> int:
    folder, cache, store, t0, wait = argv
    result = asyncio.run(_start(Path(folder), Path(cache), Path(store), float(t0), wait == "scan"))
    print(json.dumps(result))
    return 0


def run_start(folder: Path, cache: Path, store: Path, wait_scan: bool) -> dict[str, Any]:
    # The project's bytecode compiled beforehand, as `pip install` does (PYTHONDONTWRITEBYTECODE, set
    # on the development machine, would otherwise recompile every module on every start).
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    sources = [root / "reader", root / "annotations", Path(__file__).resolve().parent]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *map(str, sources)], env=env, check=False)
    wait = "scan" if wait_scan else "titles"
    t0 = time.time()
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(cache), str(store), repr(t0), wait],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the parent --------------------------------------------------------------------------------------


def read_every_file(folder: Path) -> tuple[float, int]:
    """The baseline: every article's bytes, in the order the library lists them."""
    start = time.perf_counter()
    total = 0
    for path in sorted(folder.iterdir()):
        with open(path, "rb") as handle:
            total += len(handle.read())
    return time.perf_counter() - start, total


def corpus_for(size: int, corpora: Path | None, tmp: Path) -> tuple[Path, float | None]:
    from app_timing import make_folder

    folder = (corpora or tmp) / f"corpus-{size}"
    if folder.is_dir() and sum(1 for _ in folder.iterdir()) == size:
        return folder, None
    start = time.perf_counter()
    make_folder(folder, size)
    return folder, round(time.perf_counter() - start, 1)


def per_file_ms(seconds: Any, files: int) -> float | None:
    return round(1000 * seconds / files, 3) if isinstance(seconds, int | float) else None


def _old_floors(size: int, first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, start in (("first_titles_from_app_s", first), ("second_start_from_app_s", second)):
        floor = FLOORS[name].get(size)
        if floor:
            out[f"floor_{name}"] = floor
            out[f"{name}_ok"] = (start.get("titles_from_app_s") or 1e9) <= floor
    return out


def cache_is_current(folder: Path, cache: Path) -> bool:
    """The kept cache of `folder` was written by this pipeline (a second start reads it whole)."""
    from reader.services.catalog import Catalog, _pipeline_fingerprint
    from reader.text.corpus import Corpus

    catalog = Catalog(Corpus(folder.resolve(), ()), cache_dir=cache)
    header = catalog._log.header()
    return header is not None and header.get("fingerprint") == _pipeline_fingerprint()[0]


def second_starts(folder: Path, cache: Path, store: Path, runs: int) -> dict[str, Any]:
    """`runs` second starts: the first one's figures, each run's titles_s and app_cpu_s, their medians."""
    starts = [run_start(folder, cache, store, wait_scan=False) for _ in range(runs)]
    if runs == 1:
        return starts[0]
    out = dict(starts[0])
    for key in ("titles_s", "titles_cpu_s", "app_cpu_s"):
        values = [s.get(key) for s in starts]
        out[f"{key}_runs"] = values
        numbers = [v for v in values if isinstance(v, int | float)]
        if len(numbers) == runs:
            out[key] = round(statistics.median(numbers), 3)
    return out


def bench(
    sizes: list[int],
    corpora: Path | None,
    keep: Path | None = None,
    reuse: bool = False,
    second_runs: int = 1,
) -> dict[str, Any]:
    result: dict[str, Any] = {"cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="bench-library-") as name:
        tmp = Path(name)
        for size in sizes:
            folder, generated = corpus_for(size, keep or corpora, tmp)
            read_s, total = read_every_file(folder)
            cache, store = (keep or tmp) / f"cache-{size}", (keep or tmp) / f"store-{size}"
            if reuse and cache_is_current(folder, cache):
                first: dict[str, Any] = {"skipped": "--reuse: the kept cache is current"}
            else:
                if keep is not None:  # a stale kept cache: start again from nothing
                    shutil.rmtree(cache, ignore_errors=True)
                    shutil.rmtree(store, ignore_errors=True)
                first = run_start(folder, cache, store, wait_scan=True)
            second = second_starts(folder, cache, store, second_runs)
            floor = FLOORS["second_start_s"].get(size)
            result[str(size)] = {
                "files": size,
                "bytes": total,
                **({"generate_s": generated} if generated is not None else {}),
                "baseline_read_every_file_s": round(read_s, 3),
                "baseline_read_ms_per_file": per_file_ms(read_s, size),
                "first_start": first,
                "first_titles_ms_per_file": per_file_ms(first.get("titles_s"), size),
                "first_full_scan_ms_per_file": per_file_ms(first.get("full_scan_s"), size),
                "second_start": second,
                **(
                    {"floor_second_start_s": floor, "second_ok": (second.get("titles_s") or 1e9) <= floor}
                    if floor
                    else {}
                ),
                **_old_floors(size, first, second),
            }
            # Kept if the run is cut short:
            print(json.dumps({str(size): result[str(size)]}), file=sys.stderr, flush=True)
    low, high = str(min(sizes)), str(max(sizes))
    if low != high and not any("skipped" in result[str(size)]["first_start"] for size in sizes):
        growth = {}
        for key in ("first_titles_ms_per_file", "first_full_scan_ms_per_file", "baseline_read_ms_per_file"):
            a, b = result[low].get(key), result[high].get(key)
            growth[key.replace("_ms_per_file", "")] = round(b / a, 2) if a and b else None
        result["growth_per_file"] = {"from": int(low), "to": int(high), **growth}
        result["growth_floor"] = FLOORS["growth_per_file"]
        result["growth_ok"] = all(
            (growth.get(k) or 1e9) <= FLOORS["growth_per_file"] for k in ("first_titles", "first_full_scan")
        )
    result["load_average_at_end"] = os.getloadavg()[0]
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,30000,100000", help="library sizes, comma-separated")
    parser.add_argument("--corpora", type=Path, help="reuse or create DIR/corpus-N (kept after the run)")
    parser.add_argument("--dir", type=Path, help="with --keep: corpora, caches and stores live in DIR")
    parser.add_argument("--keep", action="store_true", help="keep each size's cache and store in --dir")
    parser.add_argument("--reuse", action="store_true", help="skip a first start whose kept cache is current")
    parser.add_argument("--second-runs", type=int, default=1, help="second starts timed per size")
    args = parser.parse_args(argv)
    if (args.keep or args.reuse) and args.dir is None:
        parser.error("--keep and --reuse need --dir")
    sizes = [int(x) for x in args.sizes.split(",")]
    keep = args.dir if args.keep or args.reuse else None
    print(json.dumps(bench(sizes, args.corpora or args.dir, keep, args.reuse, args.second_runs), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
