"""Writing an export to a file or stdout: the one path `reader export` and the export dialog share."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from annotations import export as exporting
from annotations.export import Selection
from annotations.store import Store
from reader.services.corpus_index import index_corpus
from reader.text.corpus import Corpus
from reader.text.sanitize import display_safe


def export_to_file(
    store: Store,
    fmt: str,
    path: Path | None,
    corpus: Corpus | Sequence[Path] | None = None,
    *,
    select: Selection | None = None,
    progress: Callable[[int, int], None] | None = None,
    include_suggestions: bool = False,
    options: Mapping[str, Any] | None = None,
) -> int:
    """The export `reader export` and the app's dialog share; `path` None means stdout.

    `options` are the format's own (ClaimReview: `publisher`, `scale`, `organisations`). Returns how
    many annotations were written. Raises StoreError or CorpusError (one line) when the store, the
    corpus or the file cannot be used, or ExportError when the format cannot be written as asked; a
    file is replaced atomically, only once the export is complete.
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
    write = exporting.writer(fmt, **(options or {}))
    index = index_corpus(corpus)
    docs = exporting.documents(
        store,
        select=select or Selection(),
        metadata=index.metadata(),
        progress=progress,
        texts=index.texts() if spec.needs_text else None,
    )
    stamp = exporting.now_utc()
    if include_suggestions:
        from reader.services.open_suggestions import Suggester, with_suggestions

        suggester = Suggester(store, index.corpus.files, index.documents, stamp)
        docs = with_suggestions(docs, suggester, select or Selection())
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


class ExportError(Exception):
    """The export cannot be written as asked (a binary format to stdout, a missing option): one line."""


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
