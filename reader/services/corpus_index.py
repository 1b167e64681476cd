"""The readable documents of a corpus, by id: what export, import and stats look documents up in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from annotations.model import DocumentRef
from reader.text.corpus import Corpus, discover, read_document
from reader.text.document import DocumentError


def load_corpus(paths: Sequence[str | Path] | Corpus | None) -> Corpus:
    """The corpus named by paths (none: the bundled seeds); raises CorpusError with one line."""
    if isinstance(paths, Corpus):
        return paths
    return discover(list(paths or []))


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

    def texts(self) -> Callable[[str, str], str | None]:
        """(document id, path) -> that document's text when the corpus has it; nothing is cached."""

        def lookup(document_id: str, path: str) -> str | None:
            file = self._file_for(document_id, path) if self._files else None
            if file is None:
                return None
            try:
                doc = read_document(file)
            except DocumentError:
                return None
            return doc.text if doc.id == document_id else None

        return lookup

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
