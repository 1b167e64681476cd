"""The annotations screen's rows without holding them: per document only how many the filter kept.

A million annotations as `Row` objects took 1.7 GB and minutes before the first row showed. Here a
scan reads the store one document at a time (`scan`), keeps each document's matching count, and the
table asks `Pages` for the rows on screen: those come from a small cache of documents' rows, read
again from their document file when evicted (one file, a few milliseconds). Memory grows with the
number of documents, not of annotations. No Textual.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from annotations.store import Store
from reader.services.annotation_filter import Filter, Row

CACHE_ROWS = 5_000
"""Rows kept in memory at most (whole documents; the last one read is always kept)."""
HANDED_ROWS = 2_000
"""Rows a scan hands over with their documents; after these only counts (read back when shown)."""


def document_rows(store: Store, document_id: str, titles: Mapping[str, str], keep: Filter) -> list[Row]:
    """The rows of one document the filter keeps, in the store's order (start, end, label)."""
    rows = (Row.build(a, titles) for a in store.annotations(document_id))
    return [row for row in rows if keep.matches(row)]


@dataclass(frozen=True)
class Scanned:
    """One document with rows the filter kept: how many, the rows themselves for the first documents
    of a scan (None after `HANDED_ROWS`: they are read again when shown), and how many it holds."""

    document_id: str
    kept: int
    rows: list[Row] | None
    total: int


def document_listing(store: Store) -> list[str]:
    """Every document id, ordered by path then id: `Store.document_ids` (from the local index the
    library's summary has read already, plus any folder the index lags behind)."""
    return store.document_ids()


def scan(
    store: Store,
    titles: Mapping[str, str],
    keep: Filter,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Scanned | int]:
    """Every document in the store's order (by path); yields `Scanned` for those with kept rows, and the
    number of annotations of those without (so the caller can count the whole store as it goes)."""
    handed = 0
    for document_id in document_listing(store):
        if cancelled():
            return
        annotations = store.annotations(document_id)
        if keep.is_empty and handed >= HANDED_ROWS:  # every row kept, none handed: count them only
            if annotations:
                yield Scanned(document_id, len(annotations), None, len(annotations))
            else:
                yield 0
            continue
        rows = [row for row in (Row.build(a, titles) for a in annotations) if keep.matches(row)]
        if rows:
            yield Scanned(document_id, len(rows), rows if handed < HANDED_ROWS else None, len(annotations))
            handed += len(rows)
        else:
            yield len(annotations)


class Pages:
    """The kept rows as one sequence (`len`, `[i]`), built from per-document counts.

    `reload(document_id)` reads a document's kept rows again (after an edit, or for an evicted cache
    entry); it is given by the screen so that the filter and titles in force are used."""

    def __init__(self, reload: Callable[[str], list[Row]]) -> None:
        self._reload = reload
        self._documents: list[str] = []
        self._starts: list[int] = []  # index of each document's first row
        self._counts: list[int] = []
        self._position: dict[str, int] = {}
        self._total = 0
        self._cache: OrderedDict[str, list[Row]] = OrderedDict()
        self._cached_rows = 0

    def __len__(self) -> int:
        return self._total

    def __bool__(self) -> bool:
        return self._total > 0

    def __getitem__(self, index: int) -> Row:
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        n = bisect.bisect_right(self._starts, index) - 1
        rows = self._rows_of(n)
        local = index - self._starts[n]
        if local >= len(rows):  # the file changed under us and holds fewer now: show its last row
            return rows[-1]
        return rows[local]

    def __iter__(self) -> Iterator[Row]:
        for n in range(len(self._documents)):
            yield from self._rows_of(n)[: self._counts[n]]

    @property
    def documents(self) -> int:
        return len(self._documents)

    def append(self, document_id: str, kept: int, rows: list[Row] | None = None) -> None:
        """A scanned document's `kept` rows, after the ones already listed (`rows`: them, if at hand)."""
        if not kept or document_id in self._position:
            return
        self._position[document_id] = len(self._documents)
        self._documents.append(document_id)
        self._starts.append(self._total)
        self._counts.append(kept)
        self._total += kept
        if rows is not None:
            self._remember(document_id, rows)

    def reload(self, document_id: str) -> int:
        """Read one listed document's rows again (after an edit); returns the change in row count."""
        n = self._position.get(document_id)
        if n is None:
            return 0
        rows = self._reload(document_id)
        delta = len(rows) - self._counts[n]
        self._counts[n] = len(rows)
        if delta:
            for later in range(n + 1, len(self._starts)):
                self._starts[later] += delta
            self._total += delta
        self._forget(document_id)
        self._remember(document_id, rows)
        return delta

    def index_of(self, annotation_id: str, document_id: str) -> int | None:
        n = self._position.get(document_id)
        if n is None:
            return None
        for local, row in enumerate(self._rows_of(n)):
            if row.annotation.id == annotation_id:
                return self._starts[n] + local
        return None

    def document_at(self, index: int) -> str:
        return self._documents[bisect.bisect_right(self._starts, index) - 1]

    def listed(self) -> list[str]:
        """The documents with rows, in order."""
        return [d for n, d in enumerate(self._documents) if self._counts[n]]

    def by_document(self) -> Iterator[tuple[str, list[Row]]]:
        """Each listed document with its kept rows (read again where evicted): for bulk changes."""
        for n, document_id in enumerate(self._documents):
            if self._counts[n]:
                yield document_id, self._rows_of(n)

    # the cache

    def _rows_of(self, n: int) -> list[Row]:
        document_id = self._documents[n]
        rows = self._cache.get(document_id)
        if rows is None:
            rows = self._reload(document_id)
            self._remember(document_id, rows)
        else:
            self._cache.move_to_end(document_id)
        return rows

    def _remember(self, document_id: str, rows: list[Row]) -> None:
        self._cache[document_id] = rows
        self._cached_rows += len(rows)
        while self._cached_rows > CACHE_ROWS and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached_rows -= len(old)

    def _forget(self, document_id: str) -> None:
        old = self._cache.pop(document_id, None)
        if old is not None:
            self._cached_rows -= len(old)
