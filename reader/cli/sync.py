"""Share the store with a team through git: commit your tags, take everyone else's, push (one line).

The first call names the remote (`--remote URL`: a bare repository on a shared drive, a server or a
hosting service); it joins the team store found there, or creates it from this store. Every later
call needs no URL. Exit 2, with the store unchanged, when the remote cannot be reached or refuses.
"""

from __future__ import annotations

import argparse
import sys

from annotations.storage import StoreError
from annotations.sync import SyncError, sync
from reader.cli import CommandError
from reader.cli.storeopts import add_store_argument, open_store
from reader.text.sanitize import display_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument(
        "--remote",
        metavar="URL",
        help="the team's git repository (first call; later calls use the one set then)",
    )
    parser.add_argument("--annotator", metavar="NAME", help="who you are (env READER_ANNOTATOR)")
    parser.add_argument(
        "--full",
        action="store_true",
        help="look at every file of the store, not only those reader changed (after copying some in by hand)",
    )


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    progress = None
    if sys.stderr.isatty():

        def progress(text: str) -> None:
            sys.stderr.write(f"\r\033[Ksync: {text}…")
            sys.stderr.flush()

    try:
        report = sync(store, args.remote, progress, full=args.full)
    except (SyncError, StoreError) as exc:
        raise CommandError(display_safe(str(exc))) from None
    finally:
        store.close()
        if progress is not None:
            sys.stderr.write("\r\033[K")
    print(display_safe(report.line()))
    return 0
