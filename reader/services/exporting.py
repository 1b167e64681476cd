"""Writing an export to a file or stdout: the one path `reader export` and the export dialog share."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO, cast

from annotations import export as exporting
from annotations.export import ExportDocument, Selection
from annotations.export.folder import atomic_folder
from annotations.model import Annotation
from annotations.store import Store, StoreError
from reader.services.corpus_index import CorpusIndex, index_corpus
from reader.text.corpus import Corpus
from reader.text.sanitize import display_safe


def export_to_file(
    store: Store,
    fmt: str,
    path: Path | None,
    corpus: Corpus | Sequence[Path] | None = None,
    *,
    select: Callable[[Annotation], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    include_suggestions: bool = False,
    report: ExportReport | None = None,
    as_folder: bool = False,
    options: Mapping[str, Any] | None = None,
) -> int:
    """The export `reader export` and the app's dialog share; `path` None means stdout.

    Returns how many annotations were written. Raises StoreError or CorpusError (one line) when the store,
    the corpus or the file cannot be used; a file is replaced atomically, only once the export is complete,
    and so is a folder (brat; doccano given an existing folder or `as_folder`), which must be new or empty.
    `report`, when given, is filled with what was offered and what could not be written. `options`
    are the format's own (ClaimReview: `publisher`, `scale`, `organisations`; brat: `newlines`);
    ExportError when the format cannot be written as asked (a binary format to stdout, a missing option).
    """
    spec = exporting.format_named(fmt)
    if spec.binary and path is None:
        raise ExportError(f"the {fmt} format is binary: name a file to write (--output FILE)")
    if spec.needs_publisher and not str((options or {}).get("publisher") or "").strip():
        raise ExportError(f"the {fmt} format needs the publishing organisation (--publisher NAME)")
    if spec.name == "spacy":
        from annotations.export.spacy import SpacyMissing, require_spacy

        try:
            require_spacy()
        except SpacyMissing as exc:  # said before the store is read, not after
            raise ExportError(str(exc)) from None
    report = report if report is not None else ExportReport()
    folder = path is not None and wants_folder(spec, path, as_folder)
    if spec.target == "folder" and not folder:
        raise StoreError(f"{fmt} writes a folder of files: give --output FOLDER (new or empty)")
    index = index_corpus(corpus)
    docs = exporting.documents(
        store,
        select=select or Selection(),
        metadata=recorded_first(index.metadata(), store),
        progress=progress,
        details=store.document_info,
    )
    stamp = exporting.now_utc()
    if include_suggestions:
        from reader.services.open_suggestions import Suggester, with_suggestions

        suggester = Suggester(store, index.corpus.files, index.documents, stamp)
        docs = with_suggestions(docs, suggester, select or Selection())
    docs = report.counting(with_text(docs, index, report) if spec.needs_text else docs)
    if folder:
        assert path is not None
        with atomic_folder(path) as tmp:
            return exporting.folder_writer(fmt, **(options or {}))(tmp, docs, stamp)
    write = exporting.writer(fmt, **(options or {}))
    newline = "" if fmt == "csv" else None
    if path is None:
        # Exports are UTF-8 whatever the terminal's locale says.
        sys.stdout.reconfigure(encoding="utf-8", newline=newline)  # type: ignore[union-attr]
        # On a terminal the article's escape sequences would act (retitle the pane, clear the screen):
        # shown as the app shows them. To a file or a pipe the export stays exact.
        out = cast(TextIO, _DisplaySafe(sys.stdout)) if sys.stdout.isatty() else sys.stdout
        count = write(out, docs, stamp)
        sys.stdout.flush()
        return count
    with exporting.atomic_output(path, newline=newline) as out:
        return write(out, docs, stamp)


def recorded_first(
    corpus: Callable[[str, str], tuple[str | None, str | None]], store: Store
) -> Callable[[str, str], tuple[str | None, str | None]]:
    """(title, date) of a document: from the corpus when it holds the file, else as the store recorded
    them when the document was opened (`Store.note_document`), so an export without `--corpus` still
    names its documents."""

    def lookup(document_id: str, path: str) -> tuple[str | None, str | None]:
        title, date = corpus(document_id, path)
        if title is None or date is None:
            info = store.document_info(document_id)
            title = title or info.get("title") or None
            date = date or info.get("date") or None
        return title, date

    return lookup


class ExportError(Exception):
    """The export cannot be written as asked (a binary format to stdout, a missing option): one line."""


@dataclass
class ExportReport:
    """What an export was given beside what it wrote: formats that cannot hold everything say so."""

    offered: int = 0  # annotations (orphans included) of the documents the writer was given
    no_text: list[str] = field(default_factory=list)  # paths whose text the corpus no longer holds

    def counting(self, docs: Iterable[ExportDocument]) -> Iterator[ExportDocument]:
        for doc in docs:
            self.offered += len(doc.annotations) + len(doc.orphans)
            yield doc


def wants_folder(spec: exporting.Format, path: Path, as_folder: bool = False) -> bool:
    """brat always writes a folder; doccano one when asked to or when `path` is an existing folder."""
    if spec.target == "folder":
        return True
    return spec.target == "either" and (as_folder or path.is_dir())


def with_text(
    docs: Iterable[ExportDocument], index: CorpusIndex, report: ExportReport
) -> Iterator[ExportDocument]:
    """Each document with its text looked up in the corpus, one at a time (for formats that carry it)."""
    for doc in docs:
        text = index.text(doc.id, doc.path)
        if text is None:
            report.no_text.append(doc.path)
        yield replace(doc, text=text)


class _DisplaySafe(io.TextIOBase):
    """A text stream that writes `display_safe(text)` to the terminal behind it."""

    def __init__(self, terminal: TextIO) -> None:
        self._terminal = terminal

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._terminal.write(display_safe(text))
        return len(text)

    def flush(self) -> None:
        self._terminal.flush()
