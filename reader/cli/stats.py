"""Counts of the store (per label, document and annotator; orphans), where it is and its size."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.cli.storeopts import add_corpus_argument, add_store_argument, index_corpus, open_store
from reader.text.sanitize import display_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_corpus_argument(parser, "to show titles for (optional)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--recover",
        action="store_true",
        help="put back the last good version of corrupt store files (bad files are kept aside), "
        "then rebuild the index",
    )


def gather(store: Store, problems: list[str]) -> tuple[dict[str, Any], bool]:
    """Counts from every document file (one pass), and whether the summary index disagrees with them."""
    labels: Counter[str] = Counter()
    annotators: Counter[str] = Counter()
    documents: list[dict[str, Any]] = []
    orphans: list[dict[str, Any]] = []
    summary = store.summary()
    stale = False
    for document_id, path, anns in store.scan(problems):
        doc: dict[str, Any] = {"id": document_id, "path": path, "annotations": 0, "orphans": 0}
        for a in anns:
            if a.orphan:
                doc["orphans"] += 1
                orphans.append(
                    {
                        "path": a.path,
                        "id": a.id,
                        "label": a.label,
                        "start": a.start,
                        "end": a.end,
                        "text": a.text,
                    }
                )
            else:
                doc["annotations"] += 1
                labels[a.label] += 1
                annotators[a.annotator] += 1
        entry = summary.pop(document_id, None)
        if entry is None or (entry.annotations, entry.orphans, entry.path) != (
            doc["annotations"],
            doc["orphans"],
            path,
        ):
            stale = True
        if anns:
            documents.append(doc)
    stale = stale or bool(summary)
    stats = {
        "store": str(store.location),
        "size_bytes": store.size_on_disk(),
        "annotations": sum(d["annotations"] for d in documents),
        "orphans": len(orphans),
        "labels": dict(sorted(labels.items())),
        "annotators": dict(sorted(annotators.items())),
        "documents": sorted(documents, key=lambda d: (d["path"], d["id"])),
        "orphan_list": orphans,
        "temp_files": {"removed": store.temp_files[0], "in_use": store.temp_files[1]},
    }
    return stats, stale


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"


def run(args: argparse.Namespace) -> int:
    if args.recover:
        try:
            done = Store.recover(Path(args.store) if args.store else None)
        except StoreError as exc:
            raise CommandError(str(exc)) from None
        for line in done or ["nothing to recover: every store file is readable"]:
            print(display_safe(line), file=sys.stderr)
    store = open_store(args)
    try:
        store.wait_until_free()  # a write in flight would look like a stale index; a stuck one is named
        store.sweep_temp_files()  # compactions write their temp files in the document folders
        problems: list[str] = []
        stats, stale = gather(store, problems)
        if problems:
            for line in problems:
                print(f"reader: error: {line}", file=sys.stderr)
            raise CommandError(f"{len(problems)} store file(s) cannot be read; run `reader stats --recover`")
        if stale or store.index_outdated():
            # A crash between a document write and its index write leaves the summary behind, and an
            # older version's index lacks the spans `reader agree` reads from it: rebuild.
            store.rebuild_index()
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    if args.corpus:
        index = index_corpus(args.corpus)
        meta = index.metadata()
        for doc in stats["documents"]:
            doc["title"] = meta(doc["id"], doc["path"])[0]
        stats["corpus_documents"] = len(index.documents)
        stats["corpus_unreadable"] = list(index.unreadable)
    stats["store_source"] = store_source(args).split(";")[0]
    if args.json:
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(render(stats, source=store_source(args)))
    return 0


def store_source(args: argparse.Namespace) -> str:
    if args.store:
        return "from --store"
    if os.environ.get("READER_STORE"):
        return "from $READER_STORE"
    return "default; set --store or READER_STORE to change"


def render(stats: dict[str, Any], *, source: str) -> str:
    where = f"{stats['store']}  ({source})"
    out = [
        f"store:       {display_safe(where)}",
        f"size:        {_size(stats['size_bytes'])}",
        f"annotations: {stats['annotations']} in {len(stats['documents'])} documents",
        f"orphans:     {stats['orphans']}",
    ]
    temps = stats.get("temp_files", {})
    if temps.get("removed") or temps.get("in_use"):
        out.append(
            f"temp files:  {temps['removed']} left by crashed writers (removed), "
            f"{temps['in_use']} of running writers"
        )
    if "corpus_documents" in stats:
        out.append(f"corpus:      {stats['corpus_documents']} documents")
        for line in stats.get("corpus_unreadable", []):
            out.append(f"  unreadable: {display_safe(line)}")
    out.append("")
    out.append("by label:")
    out += [f"  {display_safe(k):<20} {v:>8}" for k, v in stats["labels"].items()] or ["  (none)"]
    out.append("by annotator:")
    out += [f"  {display_safe(k):<20} {v:>8}" for k, v in stats["annotators"].items()] or ["  (none)"]
    out.append("by document:")
    for d in stats["documents"]:
        title = f"  {display_safe(d['title'])}" if d.get("title") else ""
        extra = f" (+{d['orphans']} orphans)" if d["orphans"] else ""
        out.append(f"  {d['annotations']:>6}{extra}  {display_safe(d['path'])}{title}")
    if not stats["documents"]:
        out.append("  (none)")
    if stats["orphan_list"]:
        out.append("orphans (could not be re-attached after their file changed; kept, and exported):")
        for o in stats["orphan_list"]:
            text = o["text"] if len(o["text"]) <= 60 else o["text"][:59] + "…"
            out.append(f"  {display_safe(o['path'])} [{display_safe(o['label'])}] {display_safe(text)}")
    return "\n".join(out) + "\n"
