"""What `reader export`, `import` and `stats` share: the store options and the corpus they read."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
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


class CorpusIndex:
    """The readable documents of a corpus by id; read lazily, and by path first when that is enough."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._files = frozenset(corpus.files)
        self._documents: dict[str, tuple[DocumentRef, Path]] | None = None
        self.unreadable: list[str] = []

    @property
    def documents(self) -> dict[str, tuple[DocumentRef, Path]]:
        if self._documents is None:
            self._documents = {}
            for file in self.corpus.files:
                try:
                    doc = read_document(file)
                except DocumentError as exc:
                    self.unreadable.append(f"{self.corpus.relative(file)}: {exc.reason}")
                    continue
                relative = self.corpus.relative(file)
                self._documents.setdefault(doc.id, (DocumentRef(doc.id, relative, doc.text), file))
        return self._documents

    def refs(self) -> Iterator[DocumentRef]:
        return (ref for ref, _ in self.documents.values())

    def _file_for(self, document_id: str, path: str) -> Path | None:
        """The file at the stored path when it still has that text; else a search of the whole corpus."""
        candidate = self.corpus.root / path
        if self._documents is None and candidate in self._files:
            try:
                if read_document(candidate).id == document_id:
                    return candidate
            except DocumentError:
                pass
        found = self.documents.get(document_id)
        return found[1] if found else None

    def metadata(self) -> Callable[[str, str], tuple[str | None, str | None]]:
        cache: dict[str, tuple[str | None, str | None]] = {}

        def lookup(document_id: str, path: str) -> tuple[str | None, str | None]:
            if document_id not in cache:
                cache[document_id] = (None, None)
                file = self._file_for(document_id, path) if self._files else None
                if file is not None:
                    from reader.text.pipeline import analyse_path

                    try:
                        analysis = analyse_path(file)
                        cache[document_id] = (analysis.title, analysis.date)
                    except Exception:  # a file that changed since it was read: no metadata, not a failure
                        pass
            return cache[document_id]

        return lookup


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
