"""Writing an export to a file or stdout: the one path `reader export` and the export dialog share."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from annotations import export as exporting
from annotations.export import Selection
from annotations.store import Store
from reader.services.corpus_index import index_corpus
from reader.text.corpus import Corpus


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
        count = write(sys.stdout, docs, stamp)
        sys.stdout.flush()
        return count
    with exporting.atomic_output(path, newline=newline) as out:
        return write(out, docs, stamp)
