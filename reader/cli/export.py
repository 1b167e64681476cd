"""Export the annotations as JSON (default), JSON Lines, W3C Web Annotations, CSV, for another
annotation tool (doccano, Label Studio, brat, CoNLL BIO, a spaCy DocBin, Prodigy span tasks), or as
ClaimReview JSON-LD for the claims with a verdict."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from annotations.export import BY_NAME, FORMAT_NAMES, Selection, format_named
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.cli.storeopts import add_corpus_argument, add_store_argument, open_store, progress_printer
from reader.services.dates import DateError, Period, parse_period
from reader.services.exporting import ExportError, ExportReport, export_to_file
from reader.text.corpus import CorpusError, read_document
from reader.text.document import DocumentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_corpus_argument(parser, "that gives titles and dates")
    parser.add_argument("--format", choices=FORMAT_NAMES, default=None, help="output format (default: json)")
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to this file, atomically (default: stdout); brat writes a new or empty folder, "
        "doccano one file per annotator when PATH is a folder (an existing one, or a name ending in /)",
    )
    parser.add_argument(
        "--ls-config",
        action="store_true",
        help="print the Label Studio labelling config that matches --format label-studio, and exit",
    )
    parser.add_argument(
        "--document",
        action="append",
        metavar="PATH",
        help="only this document, named by its file (by its text, else the path recorded); repeatable",
    )
    parser.add_argument(
        "--publisher",
        metavar="NAME",
        help="claimreview: the organisation that publishes the verdicts (required for that format)",
    )
    parser.add_argument(
        "--organization",
        action="append",
        metavar="NAME",
        help="claimreview: a claimant that is an Organization, not a Person (repeatable)",
    )
    parser.add_argument(
        "--verdicts",
        metavar="A,B,C",
        help="claimreview: the verdict scale, best first, that ratingValue counts on "
        "(default: $READER_VERDICTS, else true,mostly true,mixed,mostly false,false,misleading,unproven)",
    )
    parser.add_argument(
        "--brat-newlines",
        choices=("keep", "lf"),
        default=None,
        help="brat: keep each .txt byte for byte (default), or write it with LF line ends and the offsets "
        "counted in that text, which is what brat's web view reads (it counts CRLF as one character)",
    )
    parser.add_argument("--label", action="append", metavar="L", help="only this label (repeatable)")
    parser.add_argument("--annotator", action="append", metavar="A", help="only this annotator (repeatable)")
    parser.add_argument(
        "--since",
        metavar="DATE",
        help='only tags created on or after DATE: "2026-01-13", "Jan 2026", "last week", "3 days ago"',
    )
    parser.add_argument(
        "--until",
        metavar="DATE",
        help="only tags created on or before DATE (a month or a year runs to its end)",
    )
    parser.add_argument(
        "--include-suggestions",
        action="store_true",
        help="also write the open suggestions (as `reader suggest` makes them) of each corpus document: "
        "not dismissed, not already tagged with that label; annotator 'reader-suggest', "
        "note 'suggested: <reason>'",
    )


def _period(flag: str, typed: str | None) -> Period | None:
    try:
        return parse_period(typed or "")
    except DateError as exc:
        raise CommandError(f"{flag}: {exc}") from None


def document_ids(store: Store, named: Sequence[str] | None) -> frozenset[str] | None:
    """The stored documents the --document files are: by their text's id, else (a file edited since
    it was tagged) by the path the store recorded, relative to the corpus root: the file's path ends
    with it."""
    if not named:
        return None
    summary = store.summary()
    paths = {doc.path: document_id for document_id, doc in summary.items()}
    found: set[str] = set()
    for name in named:
        try:
            document_id = read_document(Path(name)).id
        except DocumentError as exc:
            raise CommandError(f"--document {name}: {exc.reason}") from None
        if document_id not in summary:  # edited since it was tagged: the path the store recorded
            typed = Path(name).resolve().as_posix()
            document_id = next((i for p, i in paths.items() if typed.endswith("/" + p)), document_id)
        found.add(document_id)
    return frozenset(found)


def selection(args: argparse.Namespace) -> Selection:
    """--since takes the start of the period it names, --until its end ("Jan 2026": to 31 January)."""
    first, last = _period("--since", args.since), _period("--until", args.until)
    since, until = (first.start if first else None), (last.end if last else None)
    if since and until and since > until:
        raise CommandError(f"--since {args.since} is after --until {args.until}")
    return Selection(
        labels=frozenset(args.label) if args.label else None,
        annotators=frozenset(args.annotator) if args.annotator else None,
        since=since,
        until=until,
    )


def check_labels(store: Store, wanted: Sequence[str] | None) -> None:
    """A misspelt --label would export nothing without a word: refuse a label nobody can have used."""
    unknown = set(wanted or ()) - set(store.labels)
    if unknown:
        unknown -= {a.label for a in store.iter_all()}  # a label from an earlier label set is fine
    if unknown:
        raise CommandError(f"unknown label {sorted(unknown)[0]!r} (labels: {', '.join(store.labels)})")


def check_target(args: argparse.Namespace) -> None:
    """Flags that cannot go together fail before the store is opened, each as one line."""
    if args.ls_config:
        if args.format not in (None, "label-studio"):
            raise CommandError(f"--ls-config is the config of --format label-studio, not {args.format}")
        if args.output:
            raise CommandError("--ls-config prints to stdout; it takes no --output")
        return
    spec = BY_NAME[args.format or "json"]
    if spec.target == "folder" and not args.output:
        raise CommandError(f"--format {spec.name} writes a folder of files: give --output FOLDER")
    if spec.target == "folder" and Path(args.output).exists() and not Path(args.output).is_dir():
        raise CommandError(f"--output {args.output}: is a file; --format {spec.name} writes a folder")
    if args.output and spec.target == "file" and str(args.output).endswith(("/", os.sep)):
        raise CommandError(f"--output {args.output}: names a folder; --format {spec.name} writes one file")


def labels_in_use(store: Store) -> list[str]:
    """The store's label set, then any other label a stored tag still has (from an earlier label set)."""
    labels = list(store.labels)
    return labels + sorted({a.label for a in store.iter_all()} - set(labels))


def format_options(args: argparse.Namespace) -> dict[str, object]:
    """The chosen format's own options, checked before the store is opened."""
    from annotations.verdicts import default_verdicts, parse_verdicts

    spec = format_named(args.format or "json")
    if spec.binary and not args.output:
        raise CommandError(f"--format {spec.name} writes a binary file: give --output FILE")
    if args.brat_newlines is not None:
        if spec.name != "brat":
            raise CommandError(f"--brat-newlines is an option of --format brat, not {spec.name}")
        return {"newlines": args.brat_newlines}
    if not spec.needs_publisher:
        return {}
    if not (args.publisher or "").strip():
        raise CommandError(f"--format {spec.name} needs --publisher NAME (the organisation publishing it)")
    try:
        scale = parse_verdicts(args.verdicts) if args.verdicts is not None else default_verdicts()
    except ValueError as exc:
        raise CommandError(f"--verdicts: {exc}") from None
    return {
        "publisher": args.publisher.strip(),
        "scale": scale,
        "organisations": frozenset(args.organization or ()),
    }


def run(args: argparse.Namespace) -> int:
    check_target(args)
    select = selection(args)
    options = format_options(args)
    store = open_store(argparse.Namespace(store=args.store, annotator=None))
    if args.ls_config:
        from annotations.export.label_studio import label_config

        try:
            sys.stdout.write(label_config(labels_in_use(store)))
        finally:
            store.close()
        return 0
    fmt = args.format or "json"
    report = ExportReport()
    try:
        check_labels(store, args.label)
        select = replace(select, document_ids=document_ids(store, args.document))
        count = export_to_file(
            store,
            fmt,
            Path(args.output) if args.output else None,
            args.corpus,
            select=select,
            include_suggestions=args.include_suggestions,
            progress=progress_printer("exporting"),
            report=report,
            as_folder=bool(args.output) and args.output.endswith(("/", os.sep)),
            options=options,
        )
    except (StoreError, CorpusError, ExportError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    if report.no_text:
        shown = ", ".join(report.no_text[:3]) + (" …" if len(report.no_text) > 3 else "")
        print(
            f"skipped {len(report.no_text)} documents whose text is not in the corpus "
            f"(give --corpus): {shown}",
            file=sys.stderr,
        )
    if count < report.offered:
        print(
            f"{report.offered - count} of {report.offered} annotations cannot be written as {fmt} "
            "(orphans, overlaps or text not found: see the README's table of formats)",
            file=sys.stderr,
        )
    if args.output:
        print(f"exported {count} annotations to {args.output}", file=sys.stderr)
    return 0
