"""Import annotations: a file `reader export` wrote (json, jsonl or w3c), or one from doccano (JSONL),
Label Studio (JSON), Prodigy (JSONL) or a brat folder; the format is detected."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotations.importer import ImportFormatError, ImportReport, apply, plan, read_export
from annotations.imports import READER, detect, memo, ours
from annotations.imports.spool import Spool
from annotations.location import default_annotator
from annotations.model import Annotation
from annotations.reasons import one_line
from annotations.store import StoreError
from reader.cli import CommandError
from reader.cli.import_session import ImportSession
from reader.cli.storeopts import add_corpus_argument, add_store_argument, index_corpus, open_store
from reader.text.sanitize import display_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE|FOLDER",
        help="our json, jsonl or w3c export; a doccano, Label Studio or Prodigy file; a brat folder",
    )
    add_store_argument(parser)
    add_corpus_argument(parser, "the annotations belong to")
    parser.add_argument(
        "--annotator",
        metavar="NAME",
        help="for imported annotations that name no annotator (env READER_ANNOTATOR)",
    )
    parser.add_argument(
        "--into",
        metavar="DIR",
        help="other tools' files: write the texts the corpus lacks here and import against them",
    )
    parser.add_argument(
        "--offsets",
        choices=("codepoints", "utf16"),
        help="how the file counts offsets (default: doccano utf16; others checked span by span)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable report")


def _refused(exc: ImportFormatError) -> CommandError:
    """One line, even for a file name with a newline or an escape sequence in it."""
    return CommandError(display_safe(one_line(exc, limit=500)))


def run(args: argparse.Namespace) -> int:
    try:
        fmt = detect(Path(args.file))
    except ImportFormatError as exc:
        raise _refused(exc) from None
    if fmt != READER:
        from reader.cli import interchange

        return interchange.run(args, fmt)
    streamed = ours.sniff(Path(args.file))
    if streamed is not None:
        return _run_streamed(args, streamed)
    # Everything is read, checked and placed before the store is opened for writing.
    try:
        fmt, parsed = read_export(Path(args.file))
    except ImportFormatError as exc:
        raise _refused(exc) from None
    index = index_corpus(args.corpus)
    placed = plan(fmt, parsed, index.refs())
    for line in index.unreadable:  # one bad corpus file never stops the import: said, then skipped
        print(f"reader: skipped unreadable {display_safe(line)}", file=sys.stderr)
    store = open_store(args)
    try:
        report = apply(store, placed)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    except ImportFormatError as exc:
        raise _refused(ImportFormatError(f"{args.file}: {exc}")) from None
    finally:
        store.close()
    _print_report(args, report)
    return 0


def _run_streamed(args: argparse.Namespace, fmt: str) -> int:
    """Our json or jsonl export, read twice and never held whole (annotations/imports/ours.py); the
    same file again into an unchanged store and corpus is answered by the import memo (memo.py)."""
    path = Path(args.file)
    index = index_corpus(args.corpus)
    corpus = ours.Corpus(index.identities())
    for line in index.unreadable:  # one bad corpus file never stops the import: said, then skipped
        print(f"reader: skipped unreadable {display_safe(line)}", file=sys.stderr)
    pairs = ((i, p) for i, p, _ in corpus.by_id.values())
    known = memo.identify(path, fmt, pairs, {"annotator": args.annotator or default_annotator()})
    with ImportSession(args, known) as session, Spool() as spool:
        recorded = session.recorded()
        if recorded is not None:
            _print_report(args, _memo_report(fmt, recorded))
            return 0
        try:
            found = ours.check(fmt, path, corpus, spool)  # all read and checked before a store is made
        except ImportFormatError as exc:
            raise _refused(exc) from None
        store, target = session.begin()
        try:
            try:
                ours.check_store(fmt, path, corpus, found, store)
            finally:
                found.close()  # its sorted hashes on disk
            docs = ours.spooled(spool) if spool.complete else None
            report = ours.merge(fmt, path, corpus, store, target, docs)
        except StoreError as exc:
            raise CommandError(str(exc)) from None
        except ImportFormatError as exc:
            raise _refused(exc) from None
        if not report.reanchored and not report.orphans:
            session.finish(path, _memo_entry(report))
    _print_report(args, report)
    return 0


def _memo_entry(report: ImportReport) -> dict[str, Any]:
    """What a re-import of the same file reports: every annotation already present."""
    return {
        "documents": report.documents,
        "annotations": report.added + report.skipped,
        "unverified": report.unverified,
    }


def _memo_report(fmt: str, recorded: dict[str, Any]) -> ImportReport:
    return ImportReport(
        format=fmt,
        documents=int(recorded.get("documents", 0)),
        added=0,
        skipped=int(recorded.get("annotations", 0)),
        reanchored=0,
        orphans=(),
        unverified=int(recorded.get("unverified", 0)),
    )


def _print_report(args: argparse.Namespace, report: ImportReport) -> None:
    if args.json:
        import json

        json.dump(
            {
                "format": report.format,
                "documents": report.documents,
                "added": report.added,
                "skipped": report.skipped,
                "reanchored": report.reanchored,
                "unverified": report.unverified,
                "orphans": [
                    {"path": a.path, "id": a.id, "label": a.label, "text": a.text} for a in report.orphans
                ],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return
    out = [
        f"imported {report.added} annotations from {display_safe(args.file)} ({report.format}); "
        f"{report.skipped} already present",
    ]
    if report.reanchored:
        out.append(f"{report.reanchored} re-anchored by their text (the document changed)")
    if report.unverified:
        out.append(f"{report.unverified} belong to documents not in the corpus: kept as exported")
    if report.orphans:
        out += orphan_lines(len(report.orphans), report.orphans)
    print("\n".join(out))


def orphan_lines(count: int, examples: Iterable[Annotation]) -> list[str]:
    """The report's orphans: how many, then one harmless line each for the ones given."""
    out = [f"{count} could not be anchored and were kept as orphans:"]
    for a in examples:
        text = display_safe(a.text if len(a.text) <= 60 else a.text[:59] + "…")
        out.append(f"  {display_safe(a.path)} [{display_safe(a.label)}] {a.start}-{a.end} {text}")
    return out
