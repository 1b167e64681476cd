"""The annotation store at scale, beside a single-file TinyDB holding the same data, in one run.

build          1,000,000 annotations over 30,000 documents written straight through our storage
               (one TinyDB file per document, index shards; no fsync per file, one sync at the end),
               and the same records as one TinyDB file in tinydb's default JSONStorage format.
tag_durable    Store.toggle on random documents, timed until it returns (written, fsynced, renamed,
               folder fsynced): p50/p99 over --samples toggles. Baseline: TinyDB(path).insert() with
               the default JSONStorage followed by an fsync of its file (JSONStorage never fsyncs,
               so without it the write would not be durable); fewer samples, each takes seconds.
summary        Store.summary() (the library's progress column) from the index shards.
tag_flat       Store.toggle on ONE document already holding 50, 500 and 5,000 annotations of the tagging
               annotator (and 100 undo steps), timed until durable; beside, interleaved in the same run,
               the bare durable write (temp file, write, fsync, rename, folder fsync) of the bytes the
               tag appended (`floor_line`) and of the whole annotator file (`floor_file`, what format 1
               rewrote per tag). Also one compaction of that file (rare: when the journal outgrows it).
export_json    the full JSON export (streamed to a file, atomically). Baseline: db.all() from the
               single file and json.dump of the same records.

  python tests/benchmarks/bench_store.py [--quick] [--docs 30000] [--annotations 1000000]
      [--samples 500] [--baseline-samples 3] [--dir DIR] [--keep] [--flat-only] [--flat-samples 300]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from store_builder import bulk_create  # beside this script: tests/benchmarks/ is sys.path[0]
from tinydb import TinyDB

from annotations import export as exporting
from annotations.model import Annotation, DocumentRef, context
from annotations.store import Store

WORDS = [
    "the",
    "minister",
    "said",
    "prices",
    "would",
    "rise",
    "sharply",
    "in",
    "may",
    "according",
    "to",
    "officials",
    "who",
    "asked",
    "not",
    "to",
    "be",
    "named",
    "while",
    "analysts",
    "expect",
    "the",
    "central",
    "bank",
    "to",
    "respond",
    "before",
    "the",
    "end",
    "of",
    "the",
    "quarter",
]


def doc_text(i: int) -> str:
    """A deterministic ~4,000 code point article for document i."""
    rng = random.Random(i)
    sentences = []
    length = 0
    while length < 4000:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24))).capitalize() + "."
        sentences.append(s)
        length += len(s) + 1
    return f"Article {i}\n" + " ".join(sentences) + "\n"


def doc_ref(i: int) -> DocumentRef:
    text = doc_text(i)
    return DocumentRef(
        "sha256:" + hashlib.sha256(text.encode()).hexdigest(), f"feed{i % 50}/article-{i}.txt", text
    )


def doc_annotations(ref: DocumentRef, n: int, rng: random.Random) -> list[Annotation]:
    out = []
    seen = set()
    stamp = "2026-11-23T12:00:00.000000+00:00"
    labels = ("claim", "quote", "fact")
    while len(out) < n:
        start = rng.randrange(0, len(ref.text) - 200)
        end = start + rng.randint(30, 160)
        label = labels[len(out) % 3]
        if (start, end, label) in seen:
            continue
        seen.add((start, end, label))
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
                note="",
                speaker=None,
                annotator="bench",
                created=stamp,
                modified=stamp,
            )
        )
    return out


def build(store: Store, baseline: Path, docs: int, total: int) -> dict[str, float]:
    rng = random.Random(7)
    per_doc = [total // docs + (1 if i < total % docs else 0) for i in range(docs)]
    t0 = time.perf_counter()
    with open(baseline, "w", encoding="utf-8") as base:
        base.write('{"_default": {')
        counter = 0

        def items() -> Iterator[tuple[str, str, list[Annotation]]]:
            nonlocal counter
            for i in range(docs):
                ref = doc_ref(i)
                anns = doc_annotations(ref, per_doc[i], rng)
                for a in anns:
                    counter += 1
                    base.write(("," if counter > 1 else "") + f'"{counter}": ' + json.dumps(a.to_json()))
                yield ref.id, ref.path, anns
                if i % 5000 == 4999:
                    print(f"  built {i + 1}/{docs} documents", file=sys.stderr)

        bulk_create(store, items())
        base.write("}}")
    os.sync()
    return {"build_s": round(time.perf_counter() - t0, 1)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def ms(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 50) * 1000, 2),
        "p99_ms": round(percentile(values, 99) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
        "mean_ms": round(statistics.fmean(values) * 1000, 2),
    }


def bench_tags(store: Store, docs: int, samples: int) -> dict[str, Any]:
    """Toggles on random documents, each followed by the bare minimum durable write (20 KB to a temp
    file, fsync, rename, folder fsync) in the same folder: the disk's own floor, measured interleaved,
    so what the machine's other load does to fsync shows in both columns alike."""
    rng = random.Random(11)
    for _ in range(20):  # warm-up, not timed: first calls pay for imports and cold caches
        ref = doc_ref(rng.randrange(docs))
        store.toggle(ref, "fact", 0, 10)
    folder = store.location / "docs"
    payload = b"x" * 20_000
    times, floor = [], []
    for _ in range(samples):
        ref = doc_ref(rng.randrange(docs))
        start = rng.randrange(0, len(ref.text) - 100)
        t = time.perf_counter()
        store.toggle(ref, "claim", start, start + 50)
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        tmp = folder / ".floor.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.write(fd, payload)
        os.fsync(fd)
        os.close(fd)
        os.replace(tmp, folder / ".floor")
        dfd = os.open(folder, os.O_RDONLY)
        os.fsync(dfd)
        os.close(dfd)
        floor.append(time.perf_counter() - t)
    os.unlink(folder / ".floor")
    return {**ms(times), "disk_floor": ms(floor)}


def durable_write(folder: Path, payload: bytes) -> float:
    """The disk's floor for making `payload` durable as a new version of a file."""
    t = time.perf_counter()
    tmp = folder / ".floor.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, payload)
    os.fsync(fd)
    os.close(fd)
    os.replace(tmp, folder / ".floor")
    dfd = os.open(folder, os.O_RDONLY)
    os.fsync(dfd)
    os.close(dfd)
    return time.perf_counter() - t


def long_text(n: int) -> DocumentRef:
    """One long article (about 90 code points per annotation wanted)."""
    parts, i = [], 0
    while sum(map(len, parts)) < max(20_000, n * 90):
        parts.append(doc_text(10_000_000 + i))
        i += 1
    text = "".join(parts)
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), "heavy/article.txt", text)


def bench_flat(root: Path, sizes: list[int], samples: int) -> dict[str, Any]:
    """Tag -> durable on one document holding n annotations, for each n, beside the disk floor."""
    out: dict[str, Any] = {}
    for n in sizes:
        folder = root / f"flat-{n}"
        store = Store.open(folder, annotator="bench")
        ref = long_text(n)
        rng = random.Random(n)
        anns = [replace(a, annotator="bench") for a in doc_annotations(ref, n, rng)]
        bulk_create(store, [(ref.id, ref.path, anns)])
        file = store._layout.annotator_file(ref.id, "bench")
        for _ in range(100):  # a full undo history, as a document worked on for a while has
            s = rng.randrange(0, len(ref.text) - 100)
            store.toggle(ref, "fact", s, s + 7)
        times, floor_line, floor_file = [], [], []
        for _ in range(samples):
            s = rng.randrange(0, len(ref.text) - 100)
            size = file.stat().st_size
            t = time.perf_counter()
            store.toggle(ref, "claim", s, s + 41)
            times.append(time.perf_counter() - t)
            grown = file.stat().st_size - size
            line = b"x" * (grown if grown > 0 else 900)
            floor_line.append(durable_write(folder, line))
            floor_file.append(durable_write(folder, b"x" * file.stat().st_size))
        cached = store._files.load(file)
        assert cached is not None
        t = time.perf_counter()
        store._files.create(file, cached.state)
        compaction = time.perf_counter() - t
        held = len(store.annotations(ref.id))
        out[str(n)] = {
            "annotations_held_at_end": held,
            "file_bytes": file.stat().st_size,
            "tag": ms(times),
            "floor_line": ms(floor_line),
            "floor_file": ms(floor_file),
            "p99_over_floor_line": round(percentile(times, 99) / percentile(floor_line, 99), 2),
            "compaction_ms": round(compaction * 1000, 2),
        }
        store.close()
        print(f"  tag with {n} annotations: {out[str(n)]['tag']}", file=sys.stderr)
    p99 = [v["tag"]["p99_ms"] for v in out.values()]
    out["floor_met"] = all(x <= 20 for x in p99)
    out["growth_p99_largest_over_smallest"] = round(p99[-1] / p99[0], 2)
    return out


def bench_baseline_tags(path: Path, samples: int, docs: int) -> dict[str, float]:
    rng = random.Random(11)
    times = []
    for _ in range(samples):
        ref = doc_ref(rng.randrange(docs))
        [a] = doc_annotations(ref, 1, rng)
        t = time.perf_counter()
        db = TinyDB(path)  # default JSONStorage, as the plain TinyDB recipe does
        db.insert(a.to_json())
        db.storage._handle.flush()  # type: ignore[attr-defined]
        os.fsync(db.storage._handle.fileno())  # type: ignore[attr-defined]
        db.close()
        times.append(time.perf_counter() - t)
    return ms(times)


def bench_export(store: Store, out: Path) -> dict[str, Any]:
    t = time.perf_counter()
    with exporting.atomic_output(out) as stream:
        count = exporting.writer("json")(stream, exporting.documents(store), exporting.now_utc())
    return {"s": round(time.perf_counter() - t, 2), "annotations": count, "bytes": out.stat().st_size}


def bench_baseline_export(path: Path, out: Path) -> dict[str, Any]:
    t = time.perf_counter()
    db = TinyDB(path)
    records = db.all()
    with open(out, "w", encoding="utf-8") as f:
        json.dump(
            {"format": "reader.annotations", "version": 1, "annotations": records}, f, ensure_ascii=False
        )
    db.close()
    return {"s": round(time.perf_counter() - t, 2), "annotations": len(records), "bytes": out.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="3,000 documents, 100,000 annotations, 200 toggles"
    )
    parser.add_argument("--docs", type=int, default=30_000)
    parser.add_argument("--annotations", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--baseline-samples", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the built stores")
    parser.add_argument("--reuse", type=Path, help="measure a folder kept by --keep instead of building")
    parser.add_argument("--flat-only", action="store_true", help="only the tag_flat figures")
    parser.add_argument("--flat-sizes", default="50,500,5000")
    parser.add_argument("--flat-samples", type=int, default=300)
    args = parser.parse_args()
    if args.flat_only:
        root = Path(tempfile.mkdtemp(prefix="bench-flat-", dir=args.dir))
        try:
            sizes = [int(x) for x in args.flat_sizes.split(",")]
            print(json.dumps({"tag_flat": bench_flat(root, sizes, args.flat_samples)}, indent=2))
        finally:
            shutil.rmtree(root, ignore_errors=True)
        return
    if args.quick:
        args.docs, args.annotations, args.samples = 3_000, 100_000, 200
    root = args.reuse or Path(tempfile.mkdtemp(prefix="bench-store-", dir=args.dir))
    try:
        store = Store.open(root / "store", annotator="bench")
        baseline = root / "single-file-tinydb.json"
        result: dict[str, Any] = {"documents": args.docs, "annotations": args.annotations}
        if args.reuse:
            args.keep = True
        else:
            print(f"building in {root} ...", file=sys.stderr)
            result["build"] = build(store, baseline, args.docs, args.annotations)
        result["store_bytes"] = sum(p.stat().st_size for p in (root / "store").rglob("*") if p.is_file())
        result["baseline_bytes"] = baseline.stat().st_size
        print("tag -> durable ...", file=sys.stderr)
        result["tag_durable"] = {
            "store": bench_tags(store, args.docs, args.samples),
            "baseline_single_file_tinydb": bench_baseline_tags(baseline, args.baseline_samples, args.docs)
            if args.baseline_samples and baseline.exists()
            else "skipped",
        }
        t = time.perf_counter()
        summary = store.summary()
        result["summary"] = {"s": round(time.perf_counter() - t, 3), "documents": len(summary)}
        print("export ...", file=sys.stderr)
        result["export_json"] = {
            "store": bench_export(store, root / "export.json"),
            "baseline_single_file_tinydb": bench_baseline_export(baseline, root / "baseline-export.json")
            if args.baseline_samples and baseline.exists()
            else "skipped",
        }
        print("tag on one heavy document ...", file=sys.stderr)
        result["tag_flat"] = bench_flat(root, [int(x) for x in args.flat_sizes.split(",")], args.flat_samples)
        floor = result["tag_durable"]["store"]
        result["floor_met"] = floor["p50_ms"] <= 5 and floor["p99_ms"] <= 20
        store.close()
        print(json.dumps(result, indent=2))
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
