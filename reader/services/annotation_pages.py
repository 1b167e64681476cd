"""The annotations screen's rows without holding them: per document only how many the filter kept.

A million annotations as `Row` objects took 1.7 GB and minutes before the first row showed. Here a
scan reads the store one document at a time (`scan`), keeps each document's matching count, and the
table asks `Pages` for the rows on screen: those come from a small cache of documents' rows, read
again from their document file when evicted (one file, a few milliseconds). Memory grows with the
number of documents, not of annotations. No Textual.
"""

from __future__ import annotations

import bisect
from array import array
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
    for document_id in PackedIds(document_listing(store)):
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


class PackedIds:
    """A list of document ids held as 32 bytes each while a scan walks it: the id strings of 30,000
    documents took 3.6 MB for the whole scan. Built from the list, which the caller then drops."""

    def __init__(self, ids: list[str]) -> None:
        self._ids = bytearray()
        self._odd: dict[int, str] = {}  # an id that is not a sha256 digest: by position
        for n, document_id in enumerate(ids):
            packed = _pack(document_id)
            if packed is None:
                self._odd[n] = document_id
                packed = _ODD
            self._ids += packed
        self._count = len(ids)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        ids, odd = self._ids, self._odd
        for n in range(self._count):
            yield odd[n] if n in odd else DIGEST_PREFIX + ids[n * ID_BYTES : (n + 1) * ID_BYTES].hex()


class Pages:
    """The kept rows as one sequence (`len`, `[i]`), built from per-document counts.

    Per document it keeps a compact index only: the id as its 32 digest bytes in one bytearray, and
    where its rows start and how many there are in two arrays of machine integers (about 50 bytes a
    document; a list of id strings, a list of int objects and a position dict took about 270, held
    for every document paged past). The rows themselves are in a small cache of documents, read again
    when evicted. `reload(document_id)` reads a document's kept rows again (after an edit, or for an
    evicted cache entry); it is given by the screen so that the filter and titles in force are used.
    Each document is appended once (the scan lists each once)."""

    def __init__(self, reload: Callable[[str], list[Row]]) -> None:
        self._reload = reload
        self._ids = bytearray()  # ID_BYTES per document, in order
        self._odd: dict[int, str] = {}  # a document whose id is not a sha256 digest: by position
        self._starts = array("q")  # index of each document's first row
        self._counts = array("q")
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
        for n in range(len(self._starts)):
            yield from self._rows_of(n)[: self._counts[n]]

    @property
    def documents(self) -> int:
        return len(self._starts)

    def append(self, document_id: str, kept: int, rows: list[Row] | None = None) -> None:
        """A scanned document's `kept` rows, after the ones already listed (`rows`: them, if at hand)."""
        if not kept:
            return
        packed = _pack(document_id)
        if packed is None:
            self._odd[len(self._starts)] = document_id
            packed = _ODD
        self._ids += packed
        self._starts.append(self._total)
        self._counts.append(kept)
        self._total += kept
        if rows is not None:
            self._remember(document_id, rows)

    def reload(self, document_id: str) -> int:
        """Read one listed document's rows again (after an edit); returns the change in row count."""
        n = self._position(document_id)
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
        n = self._position(document_id)
        if n is None:
            return None
        for local, row in enumerate(self._rows_of(n)):
            if row.annotation.id == annotation_id:
                return self._starts[n] + local
        return None

    def document_at(self, index: int) -> str:
        return self._id(bisect.bisect_right(self._starts, index) - 1)

    def listed(self) -> list[str]:
        """The documents with rows, in order."""
        return [self._id(n) for n in range(len(self._starts)) if self._counts[n]]

    def by_document(self) -> Iterator[tuple[str, list[Row]]]:
        """Each listed document with its kept rows (read again where evicted): for bulk changes."""
        for n in range(len(self._starts)):
            if self._counts[n]:
                yield self._id(n), self._rows_of(n)

    # the compact index

    def _id(self, n: int) -> str:
        odd = self._odd.get(n)
        if odd is not None:
            return odd
        return DIGEST_PREFIX + self._ids[n * ID_BYTES : (n + 1) * ID_BYTES].hex()

    def _position(self, document_id: str) -> int | None:
        """Where a document is listed (a search through the packed ids: only edits ask)."""
        packed = _pack(document_id)
        if packed is None:
            return next((n for n, odd in self._odd.items() if odd == document_id), None)
        at = self._ids.find(packed)
        while at >= 0:
            if at % ID_BYTES == 0:
                return at // ID_BYTES
            at = self._ids.find(packed, at + 1)
        return None

    # the cache

    def _rows_of(self, n: int) -> list[Row]:
        document_id = self._id(n)
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


DIGEST_PREFIX = "sha256:"
ID_BYTES = 32
_ODD = b"\xff" * ID_BYTES  # in the packed ids where an odd one stands (never searched for)


def _pack(document_id: str) -> bytes | None:
    """A store id ("sha256:" and 64 lowercase hex digits) as its 32 bytes; None for any other id."""
    if len(document_id) != len(DIGEST_PREFIX) + 2 * ID_BYTES or not document_id.startswith(DIGEST_PREFIX):
        return None
    digits = document_id[len(DIGEST_PREFIX) :]
    try:
        packed = bytes.fromhex(digits)
    except ValueError:
        return None
    return packed if packed.hex() == digits else None  # uppercase digits would not come back the same
