"""The library's entries: what the pipeline found in one file (title, date, sentence spans, or why it
cannot be read), kept in the catalog's cache, and the progress count the library shows for each."""

from __future__ import annotations

import binascii
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    from reader.text.pipeline import Analysis


class SpanList(Sequence[tuple[int, int]]):
    """Sentence spans as one flat array of offsets: a 100,000-file library holds three million spans,
    and a tuple per span (with its two int objects) cost about 2 KB per file; this costs 240 bytes.
    Read from the cache, the array is decoded on first use (a library lists far more files than it
    counts tagged sentences in). Compares equal to any sequence of the same (start, end) pairs."""

    __slots__ = ("_array", "_encoded")

    def __init__(self, flat: Iterable[int] = ()) -> None:
        self._encoded: str | None = None
        try:
            self._array = array("I", flat)
        except OverflowError:  # an offset past 4 GB (or a negative one): the wide type
            self._array = array("q", flat)

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> SpanList:
        return cls(x for span in spans for x in span)

    @property
    def _flat(self) -> array[int]:
        if self._encoded is not None:
            flat = array("I")
            flat.frombytes(binascii.a2b_base64(self._encoded))
            if sys.byteorder != "little":
                flat.byteswap()
            self._array, self._encoded = flat, None
        return self._array

    @property
    def flat(self) -> list[int]:
        return self._flat.tolist()

    def encoded(self) -> str | list[int]:
        """For the cache: base64 of the offsets as little-endian uint32, which reads back about ten
        times faster than a JSON list of numbers; the list itself when an offset does not fit."""
        if self._encoded is not None:
            return self._encoded
        flat = self._flat
        if flat.typecode != "I" or flat.itemsize != 4:
            return flat.tolist()
        if sys.byteorder != "little":
            flat = array("I", flat)
            flat.byteswap()
        return binascii.b2a_base64(flat.tobytes(), newline=False).decode("ascii")

    @classmethod
    def decoded(cls, value: str | Sequence[int]) -> SpanList:
        """The inverse of `encoded` (a list is taken as it is); a string is decoded when first used."""
        if not isinstance(value, str) or not _UINT32:
            return cls(value) if not isinstance(value, str) else cls(_uint32s(value))
        spans = cls.__new__(cls)  # no empty array to build: 100,000 of these on a start
        spans._encoded = value
        return spans

    def __len__(self) -> int:
        encoded = self._encoded
        if encoded is not None:  # base64: 3 bytes per 4 characters, less the padding; 8 bytes a span
            padding = 2 if encoded.endswith("==") else 1 if encoded.endswith("=") else 0
            return (len(encoded) // 4 * 3 - padding) // 8
        return len(self._array) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        flat = self._flat
        return flat[2 * index], flat[2 * index + 1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        it = iter(self._flat)
        return zip(it, it, strict=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanList):
            return self._flat.tolist() == other._flat.tolist()
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:  # short: Textual's logs repr messages that carry entries
        n = len(self)
        head = ", ".join(map(str, islice(self, 3)))
        return f"SpanList([{head}{', …' if n > 3 else ''}], {n} spans)"


_UINT32 = array("I").itemsize == 4
_new_tuple = tuple.__new__


def _uint32s(encoded: str) -> list[int]:
    data = binascii.a2b_base64(encoded)
    return [int.from_bytes(data[i : i + 4], "little") for i in range(0, len(data), 4)]


class Entry(NamedTuple):
    """One file of the corpus as the library lists it.

    A named tuple, not a frozen dataclass: a 100,000-file library builds hundreds of thousands of
    them on a start, and a frozen dataclass took eight times longer to build (3.3 µs against 0.4).
    """

    path: str  # absolute, as discovered
    relpath: str  # relative to the corpus root, posix (the store's `path`)
    size: int
    mtime_ns: int
    document_id: str | None = None
    title: str | None = None
    date: str | None = None
    spans: Sequence[tuple[int, int]] = ()  # sentence spans (a `SpanList` when read from the cache)
    error: str | None = None  # why the file cannot be read; None when it can
    scanned: bool = True  # False for a placeholder listed before the pipeline has seen the file
    # With scanned=False: the title and date are the pipeline's own, the sentences are not counted yet
    # (the scan's second pass). Such an entry is never cached.
    titled: bool = False
    untaggable: tuple[int, ...] = ()  # indexes into `spans` of headings, captions, scraped dates

    @property
    def title_known(self) -> bool:
        """The title and date shown are what the pipeline decided (not a placeholder or a guess)."""
        return self.scanned or self.titled

    @property
    def sentences(self) -> int:
        return len(self.spans)

    @property
    def taggable_spans(self) -> Sequence[tuple[int, int]]:
        """The sentences progress counts: a finished article reads 100% with its headings untagged."""
        if not self.untaggable:
            return self.spans
        spans = self.spans
        flat = iter(spans.flat if isinstance(spans, SpanList) else [x for span in spans for x in span])
        pairs = list(zip(flat, flat, strict=True))  # from the flat offsets: agreement asks 30,000 times
        for n in sorted(set(self.untaggable), reverse=True):
            if 0 <= n < len(pairs):
                del pairs[n]
        return tuple(pairs)

    @property
    def taggable(self) -> int:
        return len(self.spans) - len(self.untaggable)

    def to_json(self) -> dict[str, Any]:
        return {
            "relpath": self.relpath,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "id": self.document_id,
            "title": self.title,
            "date": self.date,
            "spans": (self.spans if isinstance(self.spans, SpanList) else SpanList.of(self.spans)).encoded(),
            "error": self.error,
            "untaggable": list(self.untaggable),
        }

    def to_row(self) -> list[Any]:
        """The cache's line: a JSON array (parsed about twice as fast as an object with keys)."""
        spans = self.spans if isinstance(self.spans, SpanList) else SpanList.of(self.spans)
        return [self.path, self.relpath, self.size, self.mtime_ns, self.document_id, self.title,
                self.date, spans.encoded(), self.error, list(self.untaggable)]  # fmt: skip

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Entry:
        """The inverse of `to_row`; raises (ValueError, TypeError, IndexError) on a malformed row.

        Built with `tuple.__new__`, without the keyword handling of the named tuple's own: a second
        start builds one per file (a third of the time it took at 30,000 files)."""
        path, relpath, size, mtime_ns, document_id, title, date, spans, error, untaggable = row
        if type(size) is not int or type(mtime_ns) is not int:
            size, mtime_ns = int(size), int(mtime_ns)
        fields = (path, relpath, size, mtime_ns, document_id, title, date, SpanList.decoded(spans), error,
                  True, False, tuple(map(int, untaggable)) if untaggable else ())  # fmt: skip
        return _new_tuple(cls, fields)

    @classmethod
    def from_json(cls, path: str, data: Mapping[str, Any]) -> Entry:
        return cls(
            path=path,
            relpath=str(data["relpath"]),
            size=int(data["size"]),
            mtime_ns=int(data["mtime_ns"]),
            document_id=data.get("id"),
            title=data.get("title"),
            date=data.get("date"),
            spans=SpanList.decoded(data.get("spans") or ()),
            error=data.get("error"),
            untaggable=tuple(int(n) for n in data.get("untaggable") or ()),
        )


def entry_from_analysis(analysis: Analysis, path: str, relpath: str, size: int, mtime_ns: int) -> Entry:
    return Entry(
        path=path,
        relpath=relpath,
        size=size,
        mtime_ns=mtime_ns,
        document_id=analysis.document.id,
        title=analysis.title,
        date=analysis.date,
        spans=SpanList(x for s in analysis.sentences for x in (s.start, s.end)),
        untaggable=tuple(n for n, s in enumerate(analysis.sentences) if not s.taggable),
    )


def tagged_count(spans: Sequence[tuple[int, int]], tagged: Sequence[tuple[int, int]]) -> int:
    """How many sentence spans overlap at least one annotation span (both lists sorted by start)."""
    if not spans or not tagged:
        return 0
    intervals = sorted(tagged)
    count = 0
    j = 0
    reach = -1  # the furthest end among annotation spans that start before the current sentence ends
    for start, end in spans:
        while j < len(intervals) and intervals[j][0] < end:
            reach = max(reach, intervals[j][1])
            j += 1
        # Any annotation that started before `end` and reaches past `start` overlaps this sentence.
        if reach > start and j > 0:
            count += 1
    return count
