"""Mark documents finished for an annotator (or unfinished again with --undo).

In a finished document an untagged sentence means "none of the labels"; in an unfinished one it means
"not looked at" (agreement needs the difference). One line per file; a file that cannot be read is a
one-line error and the exit status is 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotations.model import DocumentRef
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.cli.storeopts import add_store_argument, open_store
from reader.text.corpus import read_document
from reader.text.document import DocumentError
from reader.text.sanitize import display_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="the articles to mark")
    add_store_argument(parser)
    parser.add_argument(
        "--annotator", metavar="NAME", help="whose mark (default: $READER_ANNOTATOR, else the login name)"
    )
    parser.add_argument("--undo", action="store_true", help="mark the files unfinished again")


def _ref(store: Store, name: str) -> DocumentRef:
    """The document a file is (by its text); shown under the path the store knows it by, if any."""
    document = read_document(Path(name))
    known = store.summary().get(document.id)
    return DocumentRef(document.id, known.path if known else Path(name).as_posix(), document.text)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    failed = 0
    try:
        for name in args.files:
            shown = display_safe(name)
            try:
                doc = _ref(store, name)
            except DocumentError as exc:
                print(f"reader: error: {shown}: {display_safe(exc.reason)}", file=sys.stderr)
                failed += 1
                continue
            changed = store.set_finished(doc, not args.undo)
            what = "unfinished" if args.undo else "finished"
            print(f"{what}: {shown}" if changed else f"already {what}: {shown}")
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    return 2 if failed else 0
