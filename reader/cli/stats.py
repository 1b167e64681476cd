"""Counts of the store (per label, document and annotator; orphans), where it is and its size."""

from __future__ import annotations

import argparse
import json
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


def gather(store: Store) -> dict[str, Any]:
    labels: Counter[str] = Counter()
    annotators: Counter[str] = Counter()
    documents: dict[str, dict[str, Any]] = {}
    orphans: list[dict[str, Any]] = []
    total = 0
    for a in store.iter_all():
        total += 1
        doc = documents.setdefault(
            a.document_id, {"id": a.document_id, "path": a.path, "annotations": 0, "orphans": 0}
        )
        if a.orphan:
            doc["orphans"] += 1
            orphans.append(
                {"path": a.path, "id": a.id, "label": a.label, "start": a.start, "end": a.end, "text": a.text}
            )
            continue
        doc["annotations"] += 1
        labels[a.label] += 1
        annotators[a.annotator] += 1
    return {
        "store": str(store.location),
        "size_bytes": store.size_on_disk(),
        "annotations": total - len(orphans),
        "orphans": len(orphans),
        "labels": dict(sorted(labels.items())),
        "annotators": dict(sorted(annotators.items())),
        "documents": sorted(documents.values(), key=lambda d: (d["path"], d["id"])),
        "orphan_list": orphans,
    }


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
        problems = store.problems()
        if problems:
            for line in problems:
                print(f"reader: error: {line}", file=sys.stderr)
            raise CommandError(f"{len(problems)} store file(s) cannot be read; run `reader stats --recover`")
        if _index_stale(store):
            store.rebuild_index()
        stats = gather(store)
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
    if args.json:
        json.dump(stats, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(render(stats, default=not args.store))
    return 0


def _index_stale(store: Store) -> bool:
    """After a crash between a document write and its index write the summary can lag; stats fixes it."""
    summary = store.summary()
    files = {p.stem for p in (store.location / "docs").glob("*.json")}
    if len(files) != len(summary):
        return True
    for document_id, entry in summary.items():
        anns = store.annotations(document_id)
        if entry.annotations != sum(not a.orphan for a in anns) or entry.orphans != sum(
            a.orphan for a in anns
        ):
            return True
    return False


def render(stats: dict[str, Any], *, default: bool) -> str:
    where = stats["store"] + ("  (default; set --store or READER_STORE to change)" if default else "")
    out = [
        f"store:       {display_safe(where)}",
        f"size:        {_size(stats['size_bytes'])}",
        f"annotations: {stats['annotations']} in {len(stats['documents'])} documents",
        f"orphans:     {stats['orphans']}",
    ]
    if "corpus_documents" in stats:
        out.append(f"corpus:      {stats['corpus_documents']} documents")
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
