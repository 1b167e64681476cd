"""Export the annotations as JSON (default), JSON Lines, W3C Web Annotations or CSV."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dateutil import parser as dateparser
from dateutil import tz

from annotations import export as exporting
from annotations.export import FORMATS, Selection
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.cli.storeopts import (
    add_corpus_argument,
    add_store_argument,
    index_corpus,
    open_store,
    progress_printer,
)
from reader.text.corpus import Corpus


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_corpus_argument(parser, "that gives titles and dates")
    parser.add_argument("--format", choices=FORMATS, default="json", help="output format (default: json)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE, atomically (default: stdout)")
    parser.add_argument("--label", action="append", metavar="L", help="only this label (repeatable)")
    parser.add_argument("--annotator", action="append", metavar="A", help="only this annotator (repeatable)")
    parser.add_argument("--since", metavar="DATE", help='only tags created on or after DATE ("2026-01-13")')
    parser.add_argument("--until", metavar="DATE", help='only tags created on or before DATE ("Jan 5 2026")')
    parser.add_argument(
        "--include-suggestions",
        action="store_true",
        help="also write the open suggestions (as `reader suggest` makes them) of each corpus document: "
        "not dismissed, not already tagged with that label; annotator 'reader-suggest', "
        "note 'suggested: <reason>'",
    )


def parse_date(value: str, *, end_of_day: bool) -> datetime:
    """People's date forms via dateutil, and "today" or "yesterday" as the annotations screen takes them;
    a bare date means its whole day, in local time."""
    early = datetime.combine(datetime(2000, 1, 1), time.min)
    late = datetime.combine(datetime(2000, 1, 1), time.max)
    word = value.strip().casefold()
    if word in ("today", "yesterday"):
        value = (date.today() - timedelta(days=word == "yesterday")).isoformat()
    try:
        a = dateparser.parse(value, default=early)
        b = dateparser.parse(value, default=late)
    except (ValueError, OverflowError):
        raise CommandError(f"cannot read the date {value!r} (try 2026-01-13 or 'Jan 5 2026')") from None
    chosen = b if (end_of_day and a != b) else a
    if chosen.tzinfo is None:
        chosen = chosen.replace(tzinfo=tz.tzlocal())
    return chosen


def selection(args: argparse.Namespace) -> Selection:
    since = parse_date(args.since, end_of_day=False) if args.since else None
    until = parse_date(args.until, end_of_day=True) if args.until else None
    if since and until and since > until:
        raise CommandError(f"--since {args.since} is after --until {args.until}")
    return Selection(
        labels=frozenset(args.label) if args.label else None,
        annotators=frozenset(args.annotator) if args.annotator else None,
        since=since,
        until=until,
    )


def export_to_file(
    store: Store,
    fmt: str,
    path: Path | None,
    corpus: Corpus | Sequence[Path] | None = None,
    *,
    select: Selection | None = None,
    show_progress: bool = False,
    include_suggestions: bool = False,
) -> int:
    """The export `reader export` and the app's dialog share; `path` None means stdout.

    Returns how many annotations were written. Raises StoreError (one line) when the store or the file
    cannot be used; a file is replaced atomically, only once the export is complete.
    """
    write = exporting.writer(fmt)
    index = index_corpus(corpus)
    docs = exporting.documents(
        store,
        select=select or Selection(),
        metadata=index.metadata(),
        progress=progress_printer("exporting") if show_progress else None,
    )
    stamp = exporting.now_utc()
    if include_suggestions:
        from reader.suggested import Suggester, with_suggestions

        suggester = Suggester(store, index.corpus.files, index.documents, stamp)
        docs = with_suggestions(docs, suggester, select or Selection())
    newline = "" if fmt == "csv" else None
    if path is None:
        # Exports are UTF-8 whatever the terminal's locale says.
        sys.stdout.reconfigure(encoding="utf-8", newline=newline)  # type: ignore[union-attr]
        count = write(sys.stdout, docs, stamp)
        sys.stdout.flush()
        return count
    with exporting.atomic_output(path, newline=newline) as out:
        return write(out, docs, stamp)


def check_labels(store: Store, wanted: Sequence[str] | None) -> None:
    """A misspelt --label would export nothing without a word: refuse a label nobody can have used."""
    unknown = set(wanted or ()) - set(store.labels)
    if unknown:
        unknown -= {a.label for a in store.iter_all()}  # a label from an earlier label set is fine
    if unknown:
        raise CommandError(f"unknown label {sorted(unknown)[0]!r} (labels: {', '.join(store.labels)})")


def run(args: argparse.Namespace) -> int:
    select = selection(args)
    store = open_store(argparse.Namespace(store=args.store, annotator=None))
    try:
        check_labels(store, args.label)
        count = export_to_file(
            store,
            args.format,
            Path(args.output) if args.output else None,
            args.corpus,
            select=select,
            show_progress=True,
            include_suggestions=args.include_suggestions,
        )
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    if args.output:
        print(f"exported {count} annotations to {args.output}", file=sys.stderr)
    return 0
