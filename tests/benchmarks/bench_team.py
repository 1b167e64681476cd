"""A team store (issue 11): 10 annotators x 30,000 documents x 1,000,000 annotations, every document
tagged by every annotator (10 annotator files each: 300,000 files), each figure beside a baseline
measured in the same run.

tag_durable     Store.toggle on random documents by one annotator, each opened first as the app does
                (untimed), timed until it returns (the journal line written and fsynced); baseline: the
                bare durable write of the same bytes (temp file, fsync, rename, folder fsync) in the
                same folder, interleaved; `store_cpu` is the call's CPU time, `store_without_fsync` the
                same call (another span) with the store's fsyncs off: our own part, beside the disk's.
open_document   what opening a document asks of the store (attach, annotations of all 10 annotators,
                line overrides, dismissed suggestions, undo state, revision) on a store object that
                has not read that document yet; baseline: reading the same 10 files raw (read + one
                json.loads per line), done first, so it pays for a cold page cache and the store not;
                `store_cpu`: the store's CPU time (what load on the machine does not stretch).
summary_cold    the library's summary (counts, spans, who tagged, who finished) from a Store just
                opened in a fresh process, including its check for files changed behind it, and
                (`cold_with_spans_s`) with every document's spans read as the library reads them;
                baseline: reading every local index shard raw (read + json.loads) in a fresh process.
summary_warm    the same call again in that process (no change on disk).

Then `reader sync` on that store (phase `sync`), beside plain git on the same repository:
sync.first      the first sync (--remote: init, commit every file, push to a bare repository, pack)
sync.nothing    a sync with nothing to send or receive, in-process and as the `reader sync` command,
                beside `git status` and `git fetch` (nothing new): floor <= 2 x (status + fetch)
sync.send       --tags tags by another annotator on a second machine (a copy of the store after its
                first sync, as a clone), then that machine's sync; beside `git add -A` + `git commit`
                of the same files: floor <= 3 s
sync.receive    the first machine's sync that takes those tags in: floor <= 3 s
With --reuse of a store an earlier run synced (it holds store-b and team.git), `first` is skipped and
both machines sync once, untimed, before the figures (what the other phases tagged goes out).

  python tests/benchmarks/bench_team.py [--docs 30000] [--annotations 1000000] [--annotators 10]
      [--samples 300] [--tags 100] [--runs 3] [--dir DIR] [--keep] [--reuse DIR] [--quick] [--phases ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_store import doc_ref, durable_write, ms  # beside this script
from store_builder import bulk_create

from annotations.model import Annotation, DocumentRef, context
from annotations.store import Store
from annotations.sync import sync

LABELS = ("claim", "quote", "fact")


def annotations_for(
    ref: DocumentRef, per_doc: int, annotators: list[str], rng: random.Random
) -> list[Annotation]:
    stamp = "2026-11-23T12:00:00.000000+00:00"
    out, seen = [], set()
    while len(out) < per_doc:
        who = annotators[len(out) % len(annotators)]
        start = rng.randrange(0, len(ref.text) - 200)
        end = start + rng.randint(30, 160)
        label = LABELS[rng.randrange(3)]
        if (who, start, end, label) in seen:
            continue
        seen.add((who, start, end, label))
        prefix, suffix = context(ref.text, start, end)
        out.append(
            Annotation(
                id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                document_id=ref.id,
                path=ref.path,
                label=label,
                start=start,
                end=end,
                text=ref.text[start:end],
                prefix=prefix,
                suffix=suffix,
                annotator=who,
                created=stamp,
                modified=stamp,
            )
        )
    return out


def build(folder: Path, docs: int, total: int, annotators: list[str]) -> float:
    rng = random.Random(5)
    t = time.perf_counter()
    store = Store.open(folder, annotator=annotators[0])

    def items() -> Iterator[tuple[str, str, list[Annotation]]]:
        for i in range(docs):
            per_doc = total // docs + (1 if i < total % docs else 0)
            ref = doc_ref(i)
            yield ref.id, ref.path, annotations_for(ref, max(per_doc, len(annotators)), annotators, rng)
            if i % 5000 == 4999:
                print(f"  built {i + 1}/{docs} documents", file=sys.stderr)

    bulk_create(store, items())
    store.close()
    return time.perf_counter() - t


def bench_tags(folder: Path, docs: int, samples: int, annotator: str) -> dict[str, Any]:
    rng = random.Random(17)
    store = Store.open(folder, annotator=annotator)
    for _ in range(20):  # warm-up: imports, first reads
        ref = doc_ref(rng.randrange(docs))
        store.toggle(ref, "fact", 0, 10)
    times, cpu, ours, floor = [], [], [], []
    for _ in range(samples):
        ref = doc_ref(rng.randrange(docs))
        file = store._layout.annotator_file(ref.id, annotator)
        size = file.stat().st_size if file.exists() else 0
        start = rng.randrange(0, len(ref.text) - 100)
        store.attach(ref)  # untimed: the app opens a document before tagging it (files read then)
        store.annotations(ref.id)
        t, c = time.perf_counter(), time.process_time()
        store.toggle(ref, "claim", start, start + 50)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        grown = file.stat().st_size - size
        floor.append(durable_write(file.parent.parent, b"x" * (grown if grown > 0 else 900)))
        # our own part: the same call without the fsync (the durable line's cost is the disk's)
        store.durable = False
        t = time.perf_counter()
        store.toggle(ref, "claim", start + 1, start + 51)
        ours.append(time.perf_counter() - t)
        store.durable = True
    os.unlink(folder / "docs" / ".floor")
    store.close()
    return {
        "store": ms(times),
        "store_cpu": ms(cpu),
        "store_without_fsync": ms(ours),
        "baseline_bare_durable_write": ms(floor),
    }


def bench_open(folder: Path, docs: int, samples: int, annotator: str) -> dict[str, Any]:
    rng = random.Random(23)
    picks = [rng.randrange(docs) for _ in range(samples)]
    times, cpu, raw = [], [], []
    store = Store.open(folder, annotator=annotator)
    for i in picks:
        ref = doc_ref(i)
        # the raw read first: it pays for the disk (a cold page cache), the store then for its own work
        t = time.perf_counter()
        n = 0
        for file in sorted(store._layout.doc_dir(ref.id).iterdir()):
            for line in file.read_bytes().splitlines():
                n += len(json.loads(line))
        raw.append(time.perf_counter() - t)
        store._files._cache.clear()  # as a store that has not read this document yet
        t, c = time.perf_counter(), time.process_time()
        store.attach(ref)
        anns = store.annotations(ref.id)
        store.line_overrides(ref.id)
        store.dismissed_suggestions(ref.id)
        store.can_undo(ref.id)
        store.revision(ref.id)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert len({a.annotator for a in anns}) >= 1
    store.close()
    return {
        "store": ms(times),
        "store_cpu": ms(cpu),
        "baseline_raw_read": ms(raw),
        "files_per_document": len(anns and {a.annotator for a in anns}),
    }


SUMMARY = """
import json, sys, time
t = time.perf_counter()
from annotations.store import Store
store = Store.open(sys.argv[1], annotator=sys.argv[2])
t1 = time.perf_counter()
s = store.summary()
cold = time.perf_counter() - t1
t2 = time.perf_counter()
s2 = store.summary()
warm = time.perf_counter() - t2
t3 = time.perf_counter()
spans = sum(len(e.spans) for e in s2.values())
with_spans = cold + time.perf_counter() - t3
finished = sum(len(e.finished) for e in s.values())
print(json.dumps({"cold_s": cold, "warm_s": warm, "with_spans_s": with_spans, "spans": spans,
                  "open_s": t1 - t, "documents": len(s), "finished": finished,
                  "annotators_max": max(len(e.annotators) for e in s.values())}))
"""

RAW = """
import json, os, sys, time
t = time.perf_counter()
n = 0
folder = os.path.join(sys.argv[1], ".local", "index")
for name in os.listdir(folder):
    if name.endswith(".json"):
        with open(os.path.join(folder, name), "rb") as f:
            n += len(json.loads(f.read())["documents"])
print(json.dumps({"s": time.perf_counter() - t, "documents": n}))
"""


def bench_summary(folder: Path, annotator: str, runs: int = 4) -> dict[str, Any]:
    env = {**os.environ}
    cold, warm, raw, with_spans = [], [], [], []
    info: dict[str, Any] = {}
    for run in range(runs):
        # alternate which goes first, so that neither always finds the page cache warmed by the other
        for which in ("raw", "store") if run % 2 == 0 else ("store", "raw"):
            if which == "raw":
                done = subprocess.run(
                    [sys.executable, "-c", RAW, str(folder)], capture_output=True, text=True
                )
                raw.append(json.loads(done.stdout)["s"])
                continue
            done = subprocess.run(
                [sys.executable, "-c", SUMMARY, str(folder), annotator],
                capture_output=True,
                text=True,
                env=env,
            )
            assert done.returncode == 0, done.stderr
            info = json.loads(done.stdout)
            cold.append(info["cold_s"])
            with_spans.append(info["with_spans_s"])
            warm.append(info["warm_s"])
    return {
        "cold_s": round(min(cold), 3),
        "cold_runs_s": [round(x, 3) for x in cold],
        "baseline_runs_s": [round(x, 3) for x in raw],
        "cold_with_spans_s": round(min(with_spans), 3),
        "warm_ms": round(min(warm) * 1000, 2),
        "baseline_raw_shards_s": round(min(raw), 3),
        "documents": info["documents"],
        "annotators_per_document": info["annotators_max"],
    }


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def median_of(runs: int, fn: Callable[[], Any]) -> float:
    return statistics.median(timed(fn)[0] for _ in range(runs))


def tag_some(store: Store, count: int, rng: random.Random, docs: int) -> None:
    """`count` tags by this annotator, one durable write each, on as many documents."""
    for i in rng.sample(range(docs), count):
        ref = doc_ref(i)
        start = rng.randrange(0, len(ref.text) - 100)
        store.toggle(ref, "claim", start, start + 40)


def bench_sync(root: Path, folder: Path, args: argparse.Namespace, annotators: list[str]) -> dict[str, Any]:
    """`reader sync` on the built store, beside plain git on the same repository (see the docstring)."""
    a_dir, b_dir, bare = folder, root / "store-b", root / "team.git"
    os.environ["HOME"] = str(root)  # no global git identity: sync sets one in the repository
    out: dict[str, Any] = {"tags": args.tags, "runs": args.runs}
    if (a_dir / ".git").exists():  # --reuse of a store synced by an earlier run: settle both (untimed)
        with Store.open(a_dir, annotator=annotators[0]) as a:
            sync(a)  # what the other phases tagged here goes out
        with Store.open(b_dir, annotator=annotators[1]) as b:
            sync(b)
    else:
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
        with Store.open(a_dir, annotator=annotators[0]) as a:
            print("sync: first ...", file=sys.stderr)
            seconds, report = timed(lambda: sync(a, bare.as_uri()))
            out["first"] = {"s": round(seconds, 2), "line": report.line()}
            print(f"  {out['first']}", file=sys.stderr)
        shutil.copytree(a_dir, b_dir, symlinks=True)  # the second machine, as after its first sync
        git(b_dir, "update-index", "-q", "--refresh")  # a clone's index knows its files; a copy's must

    print("sync: nothing to send ...", file=sys.stderr)
    status = median_of(args.runs, lambda: git(a_dir, "status", "--porcelain"))
    fetch = median_of(args.runs, lambda: git(a_dir, "fetch", "-q", "origin"))
    with Store.open(a_dir, annotator=annotators[0]) as a:
        nothing = median_of(args.runs, lambda: sync(a))
        line = sync(a).line()
    command = [sys.executable, "-m", "reader", "sync", "--store", str(a_dir), "--annotator", annotators[0]]
    cli = median_of(args.runs, lambda: subprocess.run(command, check=True, capture_output=True))
    out["nothing"] = {
        "sync_s": round(nothing, 3),
        "cli_s": round(cli, 3),  # `reader sync` as a command: Python's start and Store.open included
        "baseline_git_status_s": round(status, 3),
        "baseline_git_fetch_s": round(fetch, 3),
        "ratio": round(nothing / (status + fetch), 2),
        "cli_ratio": round(cli / (status + fetch), 2),
        "line": line,
    }

    print(f"sync: {args.tags} tags ...", file=sys.stderr)
    rng = random.Random(11)
    with Store.open(b_dir, annotator=annotators[1]) as b:
        tagging = timed(lambda: tag_some(b, args.tags, rng, args.docs))[0]
        # Baseline: plain git committing the same changed files, then taken back (index only).
        commit = timed(lambda: (git(b_dir, "add", "-A"), git(b_dir, "commit", "-q", "-m", "baseline")))[0]
        git(b_dir, "reset", "-q", "--mixed", "HEAD~1")
        send, report = timed(lambda: sync(b))
        out["send"] = {
            "tagging_s": round(tagging, 2),
            "sync_s": round(send, 3),
            "baseline_git_add_commit_s": round(commit, 3),
            "line": report.line(),
        }
    with Store.open(a_dir, annotator=annotators[0]) as a:
        receive, report = timed(lambda: sync(a))
        out["receive"] = {"sync_s": round(receive, 3), "line": report.line()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=30_000)
    parser.add_argument("--annotations", type=int, default=1_000_000)
    parser.add_argument("--annotators", type=int, default=10)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="1,000 documents, 33,000 annotations")
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", type=Path, help="measure a store kept by --keep")
    parser.add_argument("--tags", type=int, default=100, help="tags sent by one sync")
    parser.add_argument("--runs", type=int, default=3, help="runs of each repeatable sync figure")
    parser.add_argument("--phases", default="summary,open,tags,sync", help="which figures (comma-separated)")
    args = parser.parse_args()
    if args.quick:
        args.docs, args.annotations, args.samples = 1_000, 33_000, 100
    annotators = [f"annotator-{k:02d}" for k in range(args.annotators)]
    root = args.reuse or Path(tempfile.mkdtemp(prefix="bench-team-", dir=args.dir))
    folder = root / "store"
    result: dict[str, Any] = {
        "documents": args.docs,
        "annotations": args.annotations,
        "annotators": args.annotators,
    }
    try:
        if not args.reuse:
            print(f"building in {root} ...", file=sys.stderr)
            result["build_s"] = round(build(folder, args.docs, args.annotations, annotators), 1)
        result["files"] = sum(1 for _ in (folder / "docs").rglob("*.jsonl"))
        phases = args.phases.split(",")
        if "summary" in phases:
            print("summary ...", file=sys.stderr)
            result["summary"] = bench_summary(folder, annotators[0])
        if "open" in phases:
            print("open a document ...", file=sys.stderr)
            result["open_document"] = bench_open(folder, args.docs, args.samples, annotators[1])
        if "tags" in phases:
            print("tag -> durable ...", file=sys.stderr)
            result["tag_durable"] = bench_tags(folder, args.docs, args.samples, annotators[2])
        floors = {
            "tag_p99_le_20ms": ("tag_durable", lambda r: r["store"]["p99_ms"] <= 20),
            "open_p99_le_50ms": ("open_document", lambda r: r["store"]["p99_ms"] <= 50),
            "summary_cold_le_2s": ("summary", lambda r: r["cold_s"] <= 2),
            "summary_warm_le_100ms": ("summary", lambda r: r["warm_ms"] <= 100),
        }
        synced = (folder / ".git").exists() and (root / "store-b" / ".git").exists()
        if "sync" in phases and shutil.which("git") and (synced or not (folder / ".git").exists()):
            result["sync"] = bench_sync(root, folder, args, annotators)
        floors.update(
            sync_nothing_le_2x_status_fetch=("sync", lambda r: r["nothing"]["ratio"] <= 2),
            sync_send_100_tags_le_3s=("sync", lambda r: r["send"]["sync_s"] <= 3),
            sync_receive_100_tags_le_3s=("sync", lambda r: r["receive"]["sync_s"] <= 3),
        )
        result["floors_met"] = {k: test(result[key]) for k, (key, test) in floors.items() if key in result}
        print(json.dumps(result, indent=2))
    finally:
        if args.keep or args.reuse:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
