"""`reader import` of another tool's file (doccano, Label Studio, brat, Prodigy): see annotations/imports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from annotations.importer import ImportFormatError
from annotations.imports import documents, memo
from annotations.imports.pipeline import (
    Into,
    Lookup,
    MergeResult,
    Survey,
    merge,
    missing_message,
    spooled,
    survey,
)
from annotations.imports.spool import Spool
from annotations.location import default_annotator
from annotations.store import StoreError
from reader.cli import CommandError
from reader.cli.import_session import ImportSession
from reader.cli.storeopts import index_corpus
from reader.services.corpus_index import CorpusIndex
from reader.text.sanitize import display_safe


def run(args: argparse.Namespace, fmt: str) -> int:
    source = Path(args.file)
    index = index_corpus(args.corpus)
    lookup = Lookup(index.identities())
    for line in index.unreadable:  # one bad corpus file never stops the import: said, then skipped
        print(f"reader: skipped unreadable {display_safe(line)}", file=sys.stderr)
    into = _into(args, index)
    annotator = args.annotator or default_annotator()
    pairs = ((i, p) for i, p, _ in lookup.by_id.values())
    options = {"annotator": annotator, "offsets": args.offsets, "into": str(into.folder) if into else None}
    known = memo.identify(source, fmt, pairs, options) if source.is_file() else None  # brat: a folder
    with ImportSession(args, known) as session, Spool() as spool:
        recorded = session.recorded()
        if recorded is not None:
            found, done = _memo_results(recorded)
            _report(args, fmt, found, done)
            return 0
        try:
            found = survey(documents(fmt, source, args.offsets), lookup, spool)  # reads and checks it all
            if found.missing and into is None:
                raise CommandError(missing_message(found))
            if into is not None:
                into.check()
        except ImportFormatError as exc:
            raise CommandError(str(exc)) from None
        store, target = session.begin()
        try:
            done = merge(
                spooled(spool) if spool.complete else documents(fmt, source, args.offsets),
                store,
                lookup,
                into,
                args.annotator or store.annotator,
                target,
            )
        except (ImportFormatError, StoreError) as exc:
            raise CommandError(str(exc)) from None
        if not (done.reanchored or done.orphans or done.written):
            session.finish(source, _memo_entry(found, done))
    _report(args, fmt, found, done)
    return 0


def _memo_entry(found: Survey, done: MergeResult) -> dict[str, Any]:
    """What a re-import of the same file reports: every span already present."""
    return {
        "documents": done.documents,
        "spans": done.added + done.present,
        "not_spans": found.skipped,
        "units": dict(found.units),
    }


def _memo_results(recorded: dict[str, Any]) -> tuple[Survey, MergeResult]:
    units = recorded.get("units")
    found = Survey(skipped=int(recorded.get("not_spans", 0)))
    if isinstance(units, dict):
        found.units.update({str(k): int(v) for k, v in units.items()})
    done = MergeResult(documents=int(recorded.get("documents", 0)), present=int(recorded.get("spans", 0)))
    return found, done


def _into(args: argparse.Namespace, index: CorpusIndex) -> Into | None:
    if not args.into:
        return None
    folder = Path(args.into).expanduser().resolve()
    root = index.corpus.root
    if folder == root or root in folder.parents:  # inside the corpus: paths as the corpus gives them
        return Into(folder, index.corpus.relative)
    return Into(folder)


def _report(args: argparse.Namespace, fmt: str, found: Survey, done: MergeResult) -> None:
    if args.json:
        json.dump(
            {
                "format": fmt,
                "documents": done.documents,
                "added": done.added,
                "skipped": done.present,
                "reanchored": done.reanchored,
                "orphans": done.orphans,
                "not_spans": found.skipped,
                "offsets": dict(found.units),
                "written": done.written,
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return
    out = [
        f"imported {done.added} annotations from {display_safe(args.file)} ({fmt}); "
        f"{done.present} already present"
    ]
    read_as = ", ".join(f"{n} as {unit}" for unit, n in sorted(found.units.items()) if unit)
    if read_as:
        out.append(f"offsets read: {read_as}")
    if found.skipped:
        out.append(f"{found.skipped} items are not text spans (predictions, relations, categories): skipped")
    if done.written:
        out.append(f"{len(done.written)} document texts written into {display_safe(args.into)}")
    if done.reanchored:
        out.append(f"{done.reanchored} re-anchored by their text (the document changed)")
    if done.orphans:
        from reader.cli.import_ import orphan_lines

        out += orphan_lines(done.orphans, done.orphan_examples)
    print("\n".join(out))
