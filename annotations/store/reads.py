"""What a `Store` can do without the lock: reading the document files and the index shards.

A read never waits for a writer: every write replaces whole files by rename, so a reader sees each
file old or new. `Store` (facade.py) adds opening, writing and repair.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from annotations.model import Annotation, DocSummary
from annotations.store import history, maintenance
from annotations.store.index import Index
from annotations.store.layout import Layout, doc_hex, read_document
from annotations.store.lock import StoreLock

_S = TypeVar("_S", bound="StoreReads")


class StoreReads:
    """The reading half of `Store`: annotations, summaries, revisions and undo availability."""

    def __init__(self, location: Path, annotator: str, labels: tuple[str, ...]) -> None:
        self.location = location
        self.annotator = annotator
        self.labels = labels
        self._layout = Layout(location)
        self._lock = StoreLock(location)
        self._index = Index(self._layout, self._lock)
        self._lock.on_release = self._index.forget
        self.temp_files: tuple[int, int] = (0, 0)
        """(removed, kept) temp files found by `open`: left by writers that died, or still in use."""

    @property
    def durable(self) -> bool:
        """False skips the fsyncs (tests and benchmarks that measure something else)."""
        return self._index.durable

    @durable.setter
    def durable(self, value: bool) -> None:
        self._index.durable = value

    def close(self) -> None:
        self._lock.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return self._lock.hold()

    @property
    def on_wait(self) -> Callable[[str], None] | None:
        """Called with "the store is busy: pid N, reader import, since ..." when a write has to wait."""
        return self._lock.on_wait

    @on_wait.setter
    def on_wait(self, report: Callable[[str], None] | None) -> None:
        self._lock.on_wait = report

    def wait_until_free(self) -> None:
        """Wait as a write would (StoreBusy after the timeout): for checks that need a quiet store."""
        with self._locked():
            pass

    # ---------------------------------------------------------------- reading

    def annotations(self, document_id: str) -> list[Annotation]:
        """Every annotation of the document, orphans included (flagged), sorted by (start, end, label)."""
        doc = read_document(self._layout.doc_file(document_id))
        return doc.annotations() if doc else []

    def summary(self) -> dict[str, DocSummary]:
        """Counts and spans of every document, from the small index shards only (cached by stat)."""
        return self._index.summary()

    def document_ids(self) -> list[str]:
        """Every document with a file in the store, ordered by path then id.

        From the index, plus any document file the index does not know yet (a crash between the two
        writes), so an export never misses an annotation.
        """
        paths = self._index.paths()
        order = [(path, d) for d, path in paths.items()]
        known = {doc_hex(d) for d in paths}
        with os.scandir(self._layout.docs) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".json") and len(name) == 69 and name[:64] not in known:
                    doc = read_document(Path(entry.path))
                    if doc:
                        order.append((doc.path, doc.document_id))
        return [d for _, d in sorted(order)]

    def iter_all(self) -> Iterator[Annotation]:
        """Every annotation, document by document (ordered by path), one document in memory at a time."""
        for document_id in self.document_ids():
            yield from self.annotations(document_id)

    def revision(self, document_id: str) -> tuple[int, int, int] | None:
        """Changes whenever the document's file does (every write replaces it): one stat, for a screen
        to notice cheaply that another process or window wrote."""
        try:
            st = os.stat(self._layout.doc_file(document_id))
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def line_overrides(self, document_id: str) -> dict[str, bool]:
        doc = read_document(self._layout.doc_file(document_id))
        return doc.overrides() if doc else {}

    def dismissed_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        doc = read_document(self._layout.doc_file(document_id))
        return doc.dismissed() if doc else set()

    def _history(self, document_id: str) -> tuple[bool, bool]:
        doc = read_document(self._layout.doc_file(document_id))
        return history.available(doc.history_rows(), self.annotator) if doc else (False, False)

    def can_undo(self, document_id: str) -> bool:
        """Whether this annotator has a step to take back (another annotator's never counts)."""
        return self._history(document_id)[0]

    def can_redo(self, document_id: str) -> bool:
        return self._history(document_id)[1]

    def size_on_disk(self) -> int:
        total = 0
        for root, _dirs, files in os.walk(self.location):
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.lstat(os.path.join(root, name)).st_size
        return total

    def problems(self) -> list[str]:
        """One line per unreadable or inconsistent file (reads every document file)."""
        return maintenance.problems(self._index)

    def scan(self, problems: list[str] | None = None) -> Iterator[tuple[str, str, list[Annotation]]]:
        """(document id, path, annotations) of every document file, index or not (for stats and checks).

        With `problems`, unreadable files are listed there (one line each) and skipped; else they raise.
        """
        return maintenance.scan(self._layout, problems)
