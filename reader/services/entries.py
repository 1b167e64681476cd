"""The library's entries: what the pipeline found in one file (title, date, sentence spans, or why it
cannot be read), kept in the catalog's cache, and the progress count the library shows for each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.text.pipeline import Analysis


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of the corpus as the library lists it."""

    path: str  # absolute, as discovered
    relpath: str  # relative to the corpus root, posix (the store's `path`)
    size: int
    mtime_ns: int
    document_id: str | None = None
    title: str | None = None
    date: str | None = None
    spans: tuple[tuple[int, int], ...] = ()  # sentence spans
    untaggable: tuple[int, ...] = ()  # indices into `spans` of the sentences not to tag (a headline)
    error: str | None = None  # why the file cannot be read; None when it can
    scanned: bool = True  # False for a placeholder listed before the pipeline has seen the file
    # With scanned=False: the title and date are the pipeline's own, the sentences are not counted yet
    # (the scan's second pass). Such an entry is never cached.
    titled: bool = False

    @property
    def title_known(self) -> bool:
        """The title and date shown are what the pipeline decided (not a placeholder or a guess)."""
        return self.scanned or self.titled

    @property
    def sentences(self) -> int:
        return len(self.spans)

    @property
    def taggable_spans(self) -> tuple[tuple[int, int], ...]:
        """The sentences annotators are asked to tag (agreement's units)."""
        if not self.untaggable:
            return self.spans
        skip = set(self.untaggable)
        return tuple(span for i, span in enumerate(self.spans) if i not in skip)

    def to_json(self) -> dict[str, Any]:
        return {
            "relpath": self.relpath,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "id": self.document_id,
            "title": self.title,
            "date": self.date,
            "spans": [x for span in self.spans for x in span],
            "untaggable": list(self.untaggable),
            "error": self.error,
        }

    @classmethod
    def from_json(cls, path: str, data: Mapping[str, Any]) -> Entry:
        flat = data.get("spans") or []
        return cls(
            path=path,
            relpath=str(data["relpath"]),
            size=int(data["size"]),
            mtime_ns=int(data["mtime_ns"]),
            document_id=data.get("id"),
            title=data.get("title"),
            date=data.get("date"),
            spans=tuple(zip(flat[0::2], flat[1::2], strict=True)),
            untaggable=tuple(data.get("untaggable") or ()),
            error=data.get("error"),
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
        spans=tuple((s.start, s.end) for s in analysis.sentences),
        untaggable=tuple(i for i, s in enumerate(analysis.sentences) if not s.taggable),
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
