"""Export to every format and import from other tools at two sizes: time and peak memory, as JSON.

export    `reader export --format F` for every name in annotations.export.FORMAT_NAMES (formats added
          later are measured without a change here), in a child process: wall time and its peak RSS
          (its VmHWM, read from /proc while it runs). Beside each: the JSON export's time in the same run.
          Floor: every format within 2x JSON's time; peak memory that does not grow with the size.
          Also: spaCy's folder form (`--output DIR/`) and the JSON export without --corpus.
import    `reader import` of a generated Label Studio JSON file (one task a document, code points with
          value.text), a doccano JSONL file (UTF-16 offsets) and our own json and jsonl exports into an
          empty store, matched by text hash against a corpus folder; then the same file again into that
          store (nothing to do). Beside each: a child reading the file's bytes, and one parsing every
          record and doing nothing with them (`parse`: the ratio x_parse_cpu is the import's cost over it).
          Floors (issue 15): 1,000,000 annotations within 60 s, peak memory within 300 MiB and flat,
          importing again within 5 s.

  python tests/benchmarks/bench_interchange.py [--quick] [--sizes 100000,1000000] [--per-doc 500]
         [--imports-only | --exports-only] [--only FORMAT,...] [--dir DIR [--keep] [--reuse]]
  (--keep leaves each size's corpus, store and import files in DIR; --reuse measures on them instead
  of building or writing them again)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from store_builder import bulk_create  # beside this script: tests/benchmarks/ is sys.path[0]

from annotations.export import FORMAT_NAMES
from annotations.model import Annotation, context
from annotations.store import Store
from reader.text.document import document_id

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
]
LABELS = ("claim", "quote", "fact")
FOLDER_FORMATS = {"brat"}  # formats that write one file per document into a folder
STAMP = "2026-01-01T00:00:00.000000+00:00"


def doc_text(i: int, spans: int) -> str:
    rng = random.Random(i)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + "." for _ in range(spans)]
    return f"🇧🇾 Article {i}\r\n" + " “".join(sentences) + "\r\n"


def spans_of(text: str) -> Iterator[tuple[int, int, str]]:
    """One span per sentence: from each capital to its full stop."""
    start = text.index("\n") + 1
    n = 0
    while True:
        end = text.find(".", start)
        if end == -1:
            return
        yield start, end + 1, LABELS[n % 3]
        n += 1
        start = end + 3  # past '. “'


def corpus(folder: Path, docs: int, per_doc: int) -> list[str]:
    folder.mkdir(parents=True)
    paths = []
    for i in range(docs):
        path = f"d{i // 100:03d}/doc{i:06d}.txt"
        (folder / path).parent.mkdir(exist_ok=True)
        (folder / path).write_bytes(doc_text(i, per_doc).encode("utf-8"))
        paths.append(path)
    return paths


def build_store(store_dir: Path, corpus_dir: Path, paths: list[str]) -> None:
    def items() -> Iterator[tuple[str, str, list[Annotation]]]:
        for n, path in enumerate(paths):
            text = (corpus_dir / path).read_bytes().decode("utf-8")
            doc = document_id(text)
            anns = []
            for k, (s, e, label) in enumerate(spans_of(text)):
                prefix, suffix = context(text, s, e)
                anns.append(
                    Annotation(
                        f"{n:016x}{k:016x}",
                        doc,
                        path,
                        label,
                        s,
                        e,
                        text[s:e],
                        prefix,
                        suffix,
                        annotator="alice",
                        created=STAMP,
                        modified=STAMP,
                    )
                )
            yield doc, path, anns

    store = Store.open(store_dir, annotator="bench")
    try:
        bulk_create(store, items())
    finally:
        store.close()


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code point index (one pass, not one per span)."""
    out, unit = [], 0
    for c in text:
        out.append(unit)
        unit += 2 if ord(c) > 0xFFFF else 1
    out.append(unit)
    return out


def write_label_studio(out: Path, corpus_dir: Path, paths: list[str]) -> None:
    with open(out, "w", encoding="utf-8") as f:
        f.write("[\n")
        for n, path in enumerate(paths):
            text = (corpus_dir / path).read_bytes().decode("utf-8")
            result = [
                {
                    "id": f"r{k}",
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]},
                }
                for k, (s, e, label) in enumerate(spans_of(text))
            ]
            task = {
                "id": n,
                "data": {"text": text},
                "annotations": [{"completed_by": {"id": 1, "email": "a@example.org"}, "result": result}],
            }
            f.write(("" if n == 0 else ",\n") + json.dumps(task, ensure_ascii=False))
        f.write("\n]\n")


def write_doccano(out: Path, corpus_dir: Path, paths: list[str]) -> None:
    with open(out, "w", encoding="utf-8") as f:
        for path in paths:
            text = (corpus_dir / path).read_bytes().decode("utf-8")
            units = utf16_offsets(text)
            labels = [[units[s], units[e], label] for s, e, label in spans_of(text)]
            f.write(
                json.dumps({"text": text, "label": labels, "annotator": "dora"}, ensure_ascii=False) + "\n"
            )


def child(args: list[str], command: list[str] | None = None) -> dict[str, Any]:
    """Run `python -m reader ARGS` (or `command`): wall seconds, CPU seconds (user + system, from wait4:
    on a shared machine the ratio of CPU times is the steadier one) and the child's own peak RSS in MiB.

    The peak is the child's VmHWM, read from /proc while it runs: rusage's ru_maxrss (wait4) counts
    the parent's memory image at the moment of exec too, so at 1M it reported this benchmark's own
    size, the same for every child."""
    env = {**os.environ, "READER_ANNOTATOR": "bench"}
    start = time.perf_counter()
    argv = command or [sys.executable, "-m", "reader", *args]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0]
    done = threading.Event()

    def watch() -> None:
        status = Path(f"/proc/{proc.pid}/status")
        while not done.is_set():
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.02)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"reader {' '.join(args)} failed: {err.decode(errors='replace')[-500:]}")
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(peak[0] / 1024, 1),
    }


def export_args(fmt: str, store: Path, corpus_dir: Path, out: Path, help_text: str) -> list[str]:
    target = out / fmt if fmt in FOLDER_FORMATS else out / f"export.{fmt}"
    args = [
        "export",
        "--store",
        str(store),
        "--corpus",
        str(corpus_dir),
        "--format",
        fmt,
        "--output",
        str(target),
    ]
    if "--publisher" in help_text:
        args += ["--publisher", "https://example.org/bench"]
    return args


PARSE = """
import json, sys
from pathlib import Path
from annotations.imports import streaming
path = Path(sys.argv[1])
if path.suffix == ".jsonl":
    with open(path, "rb") as f:
        for line in f:
            json.loads(line)
elif sys.argv[2] == "json":
    for _ in streaming.json_members(path, "documents"):
        pass
else:
    for _ in streaming.json_array(path):
        pass
"""


def parse_only(path: Path, name: str) -> dict[str, Any]:
    """The baseline an import is compared with: a child that parses every record of the file and does
    nothing with them (JSON Lines: json.loads per line; a JSON file: our streamed reader, the one the
    import uses, as json.load would hold a 1M-annotation file whole)."""
    figures = child([], [sys.executable, "-c", PARSE, str(path), name])
    return {k: figures[k] for k in ("seconds", "cpu_seconds", "peak_rss_mib")}


def raw_read(path: Path) -> dict[str, Any]:
    """The baseline of an import: a child that reads the file's bytes and does nothing with them."""
    code = "import sys\nwith open(sys.argv[1], 'rb') as f:\n    while f.read(1 << 20): pass\n"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    return {"seconds": round(time.perf_counter() - start, 2)}


def one_size(
    work: Path,
    total: int,
    per_doc: int,
    skip_export: bool = False,
    skip_import: bool = False,
    reuse: bool = False,
    only: set[str] | None = None,
    keep: bool = False,
) -> dict[str, Any]:
    docs = max(1, total // per_doc)
    corpus_dir, store_dir, out = work / "corpus", work / "store", work / "out"
    t0 = time.perf_counter()
    if reuse and (store_dir / ".built").exists():  # a kept work folder (--keep --reuse): not rebuilt
        paths = sorted(str(p.relative_to(corpus_dir)) for p in corpus_dir.rglob("*.txt"))
    else:
        shutil.rmtree(work, ignore_errors=True)
        paths = corpus(corpus_dir, docs, per_doc)
        build_store(store_dir, corpus_dir, paths)
        (store_dir / ".built").touch()
    result: dict[str, Any] = {
        "annotations": docs * per_doc,
        "documents": docs,
        "build_seconds": round(time.perf_counter() - t0, 1),
        "export": {},
        "import": {},
    }
    help_text = subprocess.run(
        [sys.executable, "-m", "reader", "export", "--help"], capture_output=True, text=True
    ).stdout
    formats = ("json", *[f for f in FORMAT_NAMES if f != "json" and (only is None or f in only)])
    for fmt in formats if not skip_export else ():
        out.mkdir(exist_ok=True)
        result["export"][fmt] = child(export_args(fmt, store_dir, corpus_dir, out, help_text))
        print(f"{total} export {fmt}: {result['export'][fmt]}", file=sys.stderr, flush=True)
        shutil.rmtree(out)
    if not skip_export and (only is None or "spacy" in only):
        # spaCy's folder form (part files of 50 documents), and JSON without --corpus (the store alone)
        out.mkdir()
        spacy_folder = export_args("spacy", store_dir, corpus_dir, out, help_text)
        spacy_folder[spacy_folder.index("--output") + 1] = str(out / "spacy-parts") + "/"
        result["export"]["spacy-folder"] = child(spacy_folder)
        no_corpus = export_args("json", store_dir, corpus_dir, out, help_text)
        del no_corpus[no_corpus.index("--corpus") : no_corpus.index("--corpus") + 2]
        result["export"]["json-no-corpus"] = child(no_corpus)
        for name in ("spacy-folder", "json-no-corpus"):
            print(f"{total} export {name}: {result['export'][name]}", file=sys.stderr, flush=True)
        shutil.rmtree(out)
    json_seconds = result["export"].get("json", {}).get("seconds", 0)
    json_cpu = result["export"].get("json", {}).get("cpu_seconds", 0)
    for figures in result["export"].values():
        figures["x_json_time"] = round(figures["seconds"] / max(json_seconds, 0.01), 2)
        figures["x_json_cpu"] = round(figures["cpu_seconds"] / max(json_cpu, 0.01), 2)
    sources: list[tuple[str, Callable[[Path], None], str]] = [
        ("label-studio", lambda p: write_label_studio(p, corpus_dir, paths), ".json"),
        ("doccano", lambda p: write_doccano(p, corpus_dir, paths), ".jsonl"),
    ]
    for fmt, suffix in (("json", ".json"), ("jsonl", ".jsonl")):  # our own exports, written by reader
        sources.append((fmt, lambda p, fmt=fmt: _export_file(fmt, store_dir, p), suffix))
    for name, writer, suffix in sources if not skip_import else ():
        source = work / f"{name}{suffix}"
        if not (reuse and source.is_file()):  # a kept source (--keep --reuse) is not written again
            writer(source)
        target = work / f"import-{name}"
        shutil.rmtree(target, ignore_errors=True)
        args = ["import", str(source), "--store", str(target), "--corpus", str(corpus_dir)]
        figures = child(args)
        figures["file_mib"] = round(source.stat().st_size / 2**20, 1)
        figures["raw_read_seconds"] = raw_read(source)["seconds"]
        figures["parse"] = parse_only(source, name)
        figures["x_parse_cpu"] = round(figures["cpu_seconds"] / max(figures["parse"]["cpu_seconds"], 0.01), 2)
        figures["x_parse_time"] = round(figures["seconds"] / max(figures["parse"]["seconds"], 0.01), 2)
        figures["again"] = child(args)  # the same file into the same store: nothing to do
        result["import"][name] = figures
        print(f"{total} import {name}: {figures}", file=sys.stderr, flush=True)
        if not keep:
            source.unlink()
        shutil.rmtree(target)
    return result


def _export_file(fmt: str, store: Path, target: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "export",
            "--store",
            str(store),
            "--format",
            fmt,
            "--output",
            str(target),
        ],
        check=True,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "READER_ANNOTATOR": "bench"},
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 annotations")
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated annotation counts")
    parser.add_argument("--per-doc", type=int, default=500, help="annotations per document")
    parser.add_argument("--imports-only", action="store_true", help="skip the exports")
    parser.add_argument("--exports-only", action="store_true", help="skip the imports")
    parser.add_argument("--dir", help="work folder (default: a temporary one, removed)")
    parser.add_argument("--keep", action="store_true", help="keep each size's corpus and store in --dir")
    parser.add_argument("--reuse", action="store_true", help="use the corpus and store kept by --keep")
    parser.add_argument("--only", help="comma-separated export formats to measure (default: all)")
    args = parser.parse_args()
    sizes = [10_000, 100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    only = set(args.only.split(",")) if args.only else None
    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="bench-interchange-"))
    report: dict[str, Any] = {"formats": list(FORMAT_NAMES), "sizes": []}
    try:
        for size in sizes:
            work = base / str(size)
            report["sizes"].append(
                one_size(
                    work,
                    size,
                    args.per_doc,
                    args.imports_only,
                    args.exports_only,
                    args.reuse,
                    only,
                    args.keep,
                )
            )
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if not args.dir:
            shutil.rmtree(base, ignore_errors=True)
    first, last = report["sizes"][0], report["sizes"][-1]
    big = [s for s in report["sizes"] if s["annotations"] >= 1_000_000 and s["import"]]
    exported = [f for s in report["sizes"] for f in s["export"].values()]
    imported = [f for s in report["sizes"] for f in s["import"].values()]
    report["floors"] = {
        "export_within_2x_json": all(f["x_json_time"] <= 2 for f in exported) if exported else "not measured",
        "export_within_2x_json_cpu": all(f["x_json_cpu"] <= 2 for f in exported)
        if exported
        else "not measured",
        "import_1m_within_60s": (
            all(f["seconds"] <= 60 for s in big for f in s["import"].values()) if big else "not measured"
        ),
        "import_again_1m_within_5s": (
            all(f["again"]["seconds"] <= 5 for s in big for f in s["import"].values())
            if big
            else "not measured"
        ),
        "import_peak_within_300mib": (
            all(f["peak_rss_mib"] <= 300 and f["again"]["peak_rss_mib"] <= 300 for f in imported)
            if imported
            else "not measured"
        ),
        "peak_rss_growth": {
            kind + ":" + name: round(last[kind][name]["peak_rss_mib"] / first[kind][name]["peak_rss_mib"], 2)
            for kind in ("export", "import")
            for name in last[kind]
            if name in first[kind]
        },
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
