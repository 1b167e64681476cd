"""What `reader export`, `import` and `stats` share: the store options and the corpus they read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotations.location import default_store_dir
from annotations.model import DocumentRef
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.text.corpus import Corpus, CorpusError, discover, read_document
from reader.text.document import DocumentError


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
    try:
        return Store.open(
            Path(args.store) if getattr(args, "store", None) else None,
            annotator=getattr(args, "annotator", None),
        )
    except StoreError as exc:
        raise CommandError(str(exc)) from None


def load_corpus(paths: Sequence[str | Path] | Corpus | None) -> Corpus:
    if isinstance(paths, Corpus):
        return paths
    try:
        return discover(list(paths or []))
    except CorpusError as exc:
        raise CommandError(str(exc)) from None


@dataclass
class CorpusIndex:
    """Every readable document of a corpus by id, with its file (analysed lazily for title and date)."""

    corpus: Corpus
    documents: dict[str, tuple[DocumentRef, Path]]
    unreadable: list[str]

    def refs(self) -> Iterator[DocumentRef]:
        return (ref for ref, _ in self.documents.values())

    def metadata(self) -> Callable[[str, str], tuple[str | None, str | None]]:
        cache: dict[str, tuple[str | None, str | None]] = {}

        def lookup(document_id: str, path: str) -> tuple[str | None, str | None]:
            found = self.documents.get(document_id)
            if found is None:
                return (None, None)
            if document_id not in cache:
                from reader.text.pipeline import analyse_path

                try:
                    analysis = analyse_path(found[1])
                    cache[document_id] = (analysis.title, analysis.date)
                except Exception:  # a file that changed since it was read: no metadata, not a failure
                    cache[document_id] = (None, None)
            return cache[document_id]

        return lookup


def index_corpus(paths: Sequence[str | Path] | Corpus | None) -> CorpusIndex:
    corpus = load_corpus(paths)
    documents: dict[str, tuple[DocumentRef, Path]] = {}
    unreadable: list[str] = []
    for file in corpus.files:
        try:
            doc = read_document(file)
        except DocumentError as exc:
            unreadable.append(f"{corpus.relative(file)}: {exc.reason}")
            continue
        documents.setdefault(doc.id, (DocumentRef(doc.id, corpus.relative(file), doc.text), file))
    return CorpusIndex(corpus, documents, unreadable)


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
