"""Export the annotations: JSON (default), JSON Lines, W3C Web Annotations, CSV, a spaCy DocBin,
Prodigy span tasks, or ClaimReview JSON-LD for the claims with a verdict."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from annotations.export import FORMAT_NAMES, Selection, format_named
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.cli.storeopts import add_corpus_argument, add_store_argument, open_store, progress_printer
from reader.services.dates import DateError, Period, parse_period
from reader.services.exporting import ExportError, export_to_file
from reader.text.corpus import CorpusError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_corpus_argument(parser, "that gives titles and dates")
    parser.add_argument(
        "--format", choices=FORMAT_NAMES, default="json", help="output format (default: json)"
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE, atomically (default: stdout; required for --format spacy)",
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


def format_options(args: argparse.Namespace) -> dict[str, object]:
    """The chosen format's own options, checked before the store is opened."""
    from annotations.verdicts import default_verdicts, parse_verdicts

    spec = format_named(args.format)
    if spec.binary and not args.output:
        raise CommandError(f"--format {spec.name} writes a binary file: give --output FILE")
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
    select = selection(args)
    options = format_options(args)
    store = open_store(argparse.Namespace(store=args.store, annotator=None))
    try:
        check_labels(store, args.label)
        count = export_to_file(
            store,
            args.format,
            Path(args.output) if args.output else None,
            args.corpus,
            select=select,
            include_suggestions=args.include_suggestions,
            progress=progress_printer("exporting"),
            options=options,
        )
    except (StoreError, CorpusError, ExportError) as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    if args.output:
        print(f"exported {count} annotations to {args.output}", file=sys.stderr)
    return 0
