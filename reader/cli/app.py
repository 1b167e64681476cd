"""Start the Textual app: validate the paths and the store first, so bad input is one line, not a screen."""

from __future__ import annotations

import argparse
import os
import sys

from reader.cli import CommandError


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from annotations.location import default_labels, parse_labels
    from annotations.model import check_name
    from annotations.store import Store, StoreError
    from annotations.verdicts import default_verdicts, parse_verdicts
    from reader.text.corpus import CorpusError, discover

    try:
        corpus = discover([Path(p) for p in args.paths])
    except CorpusError as exc:
        raise CommandError(str(exc)) from None
    if not corpus.files:
        raise CommandError(f"no articles (.txt, .md, .html) found in {', '.join(args.paths) or 'the seeds'}")
    try:
        labels = parse_labels(args.labels) if args.labels is not None else default_labels()
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    try:
        verdicts = parse_verdicts(args.verdicts) if args.verdicts is not None else default_verdicts()
    except ValueError as exc:
        raise CommandError(f"--verdicts: {exc}") from None
    curator = args.curator or os.environ.get("READER_CURATOR") or "gold"
    try:
        check_name("curator", curator)
    except ValueError as exc:
        raise CommandError(f"--curator: {exc}") from None
    if len(labels) > 9:
        raise CommandError(f"{len(labels)} labels: at most 9 (keys 1-9 tag them)")
    try:
        store = Store.open(Path(args.store) if args.store else None, annotator=args.annotator, labels=labels)
    except StoreError as exc:
        raise CommandError(str(exc)) from None

    if not (sys.stdin.isatty() and sys.__stderr__ is not None and sys.__stderr__.isatty()):
        store.close()
        raise CommandError(
            "the reader app needs a terminal (stdin and stderr); for scripts use reader inspect, "
            "suggest, export, import or stats"
        )
    from reader.app import ReaderApp

    try:
        app = ReaderApp(corpus, store, verdicts=verdicts, curator=curator)
        app.run()
        app.close_writer()
    finally:
        store.close()
    return app.return_code or 0
