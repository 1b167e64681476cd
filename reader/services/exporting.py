"""Writing an export to a file or stdout: the one path `reader export` and the export dialog share."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

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
) -> int:
    """The export `reader export` and the app's dialog share; `path` None means stdout.

    Returns how many annotations were written. Raises StoreError or CorpusError (one line) when the store,
    the corpus or the file cannot be used; a file is replaced atomically, only once the export is complete.
    """
    write = exporting.writer(fmt)
    index = index_corpus(corpus)
    docs = exporting.documents(
        store,
        select=select or Selection(),
        metadata=index.metadata(),
        progress=progress,
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
