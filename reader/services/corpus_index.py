"""The readable documents of a corpus, by id: what export, import and stats look documents up in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.model import DocumentRef
from reader.text.corpus import Corpus, discover, read_document
from reader.text.document import DocumentError

if TYPE_CHECKING:
    from reader.services.catalog import Catalog


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

    def identities(self) -> Iterator[tuple[str, str, Callable[[], str]]]:
        """(text id, path, a reader of the text) of every readable file: each file is read once here
        to hash it, and its text is not kept (an import of a large corpus stays small)."""
        seen: set[str] = set()
        for file in self.corpus.files:
            try:
                document_id = read_document(file).id
            except DocumentError as exc:
                self.unreadable.append(f"{self.corpus.relative(file)}: {exc.reason}")
                continue
            if document_id not in seen:
                seen.add(document_id)
                yield document_id, self.corpus.relative(file), partial(_text_of, file)

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

    def text(self, document_id: str, path: str) -> str | None:
        """The text of that document: the file at its stored path if it still has it, else the corpus
        file that does; None when the corpus has no file with that text."""
        found = self._documents.get(document_id) if self._documents is not None else None
        if found is not None:
            return found[0].text
        file = self._file_for(document_id, path) if self._files else None
        if file is None:
            return None
        try:
            document = read_document(file)
        except DocumentError:
            return None
        return document.text if document.id == document_id else None

    def metadata(self) -> Callable[[str, str], tuple[str | None, str | None]]:
        """(title, date) of a stored document: what the library lists, from its cache when the file is
        unchanged, else the pipeline's title pass with the folder's context, computed once per folder
        (re-reading up to 500 neighbours for every document made a 1,000-file export take minutes).
        Nothing is kept per document: an export asks once for each, and a dict of every title made its
        memory grow with the store."""
        catalog: Catalog | None = None

        def lookup(document_id: str, path: str) -> tuple[str | None, str | None]:
            nonlocal catalog
            file = self._file_for(document_id, path) if self._files else None
            if file is None:
                return None, None
            if catalog is None:
                from reader.services.catalog import Catalog

                catalog = Catalog(self.corpus)
            entry = catalog.title_entry(file)
            if entry.document_id != document_id:  # the file changed since it was read
                return None, None
            return entry.title, entry.date

        return lookup


def index_corpus(paths: Sequence[str | Path] | Corpus | None) -> CorpusIndex:
    return CorpusIndex(load_corpus(paths))


def _text_of(file: Path) -> str:
    return read_document(file).text
