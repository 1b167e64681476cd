"""What `reader export`, `import` and `stats` share: the store options and the corpus they read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from annotations.location import default_store_dir
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.services import corpus_index
from reader.services.corpus_index import CorpusIndex
from reader.text.corpus import Corpus, CorpusError


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR",
        help=f"annotation store folder (default: $READER_STORE, else {default_store_dir()})",
    )


def add_corpus_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        action="append",
        help=f"file or folder of articles {what} (repeatable; default: the bundled seeds)",
    )


def open_store(args: argparse.Namespace) -> Store:
    """The store named by --store (or the default); a format-1 store is migrated, said in one line."""
    try:
        store = Store.open(
            Path(args.store) if getattr(args, "store", None) else None,
            annotator=getattr(args, "annotator", None),
        )
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    if store.migrated:
        print(f"reader: {store.migrated}", file=sys.stderr)
    return store


def load_corpus(paths: Sequence[str | Path] | Corpus | None) -> Corpus:
    try:
        return corpus_index.load_corpus(paths)
    except CorpusError as exc:
        raise CommandError(str(exc)) from None


def index_corpus(paths: Sequence[str | Path] | Corpus | None) -> CorpusIndex:
    return CorpusIndex(load_corpus(paths))


def progress_printer(label: str) -> Callable[[int, int], None] | None:
    """A one-line progress counter on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    state = {"last": -1}

    def show(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != state["last"] or done == total:
            state["last"] = percent
            end = "\n" if done == total else ""
            sys.stderr.write(f"\r{label} {done}/{total} documents ({percent}%)" + end)
            sys.stderr.flush()

    return show
