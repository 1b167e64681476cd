"""What the reading screen draws of the tags shown: marks per label (yours and others'), notes, counts
and the tagged-sentence progress, kept up to date by the difference between two states.

A key changes one annotation of thousands, so the screen asks `Marks.update` for the difference and
touches only what it changed: every structure here is updated one annotation at a time and answers
"what overlaps [start, end)" by bisection. Rebuilding them all after each key (sorting 5,000 spans,
recounting 10,000 sentences of a 1 MB article) took longer than the store's durable write.

Pure (no Textual).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from reader.services.entries import tagged_count

if TYPE_CHECKING:
    from annotations.model import Annotation

Span = tuple[int, int]
Item = tuple[int, int, str, "Annotation"]  # start, end, annotation id (unique: ties never reach the object)

LONG = 4096  # a span longer than this (a selection over many paragraphs) is kept apart, scanned in full
REBUILD = 256  # a difference larger than this (another document, a sync, the review filter): rebuild


class Intervals:
    """Annotations sorted by span, answering "which overlap [start, end)" in O(log n + hits)."""

    __slots__ = ("_items", "_long", "_reach")

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        self._items: list[Item] = []
        self._long: list[Item] = []
        for a in annotations:
            (self._long if a.end - a.start > LONG else self._items).append((a.start, a.end, a.id, a))
        self._items.sort()
        self._reach = max((e - s for s, e, _, _ in self._items), default=0)

    def __len__(self) -> int:
        return len(self._items) + len(self._long)

    def add(self, a: Annotation) -> None:
        item = (a.start, a.end, a.id, a)
        if a.end - a.start > LONG:
            self._long.append(item)
        else:
            insort(self._items, item)
            self._reach = max(self._reach, a.end - a.start)

    def remove(self, a: Annotation) -> None:
        item = (a.start, a.end, a.id, a)
        if a.end - a.start > LONG:
            if item in self._long:
                self._long.remove(item)
            return
        i = bisect_left(self._items, item[:3])
        if i < len(self._items) and self._items[i][:3] == item[:3]:
            del self._items[i]

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """The annotations over [start, end) (an empty span: those around its offset), in span order."""
        items = self._items
        lo = bisect_left(items, (start - self._reach,))
        hi = bisect_left(items, (max(end, start + 1),))
        out = [a for s, e, _, a in items[lo:hi] if e > start]
        if self._long:
            stop = max(end, start + 1)
            out += [a for s, e, _, a in self._long if s < stop and e > start]
        return out

    def overlaps(self, start: int, end: int) -> bool:
        items = self._items
        lo = bisect_left(items, (start - self._reach,))
        hi = bisect_left(items, (max(end, start + 1),))
        for i in range(lo, hi):
            if items[i][1] > start:
                return True
        stop = max(end, start + 1)
        return any(s < stop and e > start for s, e, _, _ in self._long)

    def spans(self, start: int, end: int) -> list[Span]:
        return [(a.start, a.end) for a in self.overlapping(start, end)]


class Marks:
    """The shown annotations of one document, per label and whose, with what the status line counts.

    `sentences` are the document's sentence spans in order; `untaggable` the indexes progress skips.
    """

    def __init__(
        self,
        labels: Sequence[str],
        me: str,
        sentences: Sequence[Span] = (),
        untaggable: Collection[int] = (),
    ) -> None:
        self.labels = tuple(labels)
        self.me = me
        self._sentences = list(sentences)
        self._starts = [s for s, _ in self._sentences]
        self._ends = [e for _, e in self._sentences]
        self._untaggable = frozenset(untaggable)
        self.taggable_spans = [span for n, span in enumerate(self._sentences) if n not in self._untaggable]
        """The sentences progress counts (not headlines, headings, captions): curation's units too."""
        self.reset(())

    @property
    def taggable(self) -> int:
        return len(self._sentences) - len(self._untaggable)

    def reset(self, annotations: Sequence[Annotation]) -> None:
        """Build everything from scratch (a new document, or a difference too large to apply)."""
        self._shown: dict[int, Annotation] = dict(zip(map(id, annotations), annotations, strict=True))
        anchored = [a for a in annotations if not a.orphan]
        self._all = Intervals(anchored)
        self._mine: dict[str, Intervals] = {}
        self._theirs: dict[str, Intervals] = {}
        extra = sorted({a.label for a in anchored} - set(self.labels))
        for label in (*self.labels, *extra):
            of_label = [a for a in anchored if a.label == label]
            self._mine[label] = Intervals(a for a in of_label if a.annotator == self.me)
            self._theirs[label] = Intervals(a for a in of_label if a.annotator != self.me)
        self._notes = Intervals(a for a in anchored if a.note)
        self.counts: dict[str, int] = {label: 0 for label in self.labels}
        self.orphans = 0
        self.others = 0  # anchored annotations of other annotators
        self.telling = 0  # anchored annotations with a note or a speaker, or another annotator's
        for a in annotations:
            self._count(a, 1)
        self.tagged = tagged_count(self.taggable_spans, sorted((a.start, a.end) for a in anchored))

    def update(self, annotations: Sequence[Annotation]) -> list[Span] | None:
        """Follow the shown annotations to `annotations`; returns the spans that changed (to redraw),
        or None when everything was rebuilt. The store hands back the same objects for annotations
        that did not change, so the difference is found by identity."""
        now = dict(zip(map(id, annotations), annotations, strict=True))  # no Python loop: 5,000 a key
        old = self._shown
        gone = [old[k] for k in old.keys() - now.keys()]
        new = [now[k] for k in now.keys() - old.keys()]
        if len(gone) + len(new) > REBUILD:
            self.reset(annotations)
            return None
        self._shown = now
        changed = [(a.start, a.end) for a in (*gone, *new) if not a.orphan]
        affected = self._sentences_over(changed)
        before = self._tagged_in(affected)
        for a in gone:
            self._apply(a, -1)
        for a in new:
            self._apply(a, 1)
        self.tagged += self._tagged_in(affected) - before
        return changed

    def _apply(self, a: Annotation, sign: int) -> None:
        self._count(a, sign)
        if a.orphan:
            return
        whose = self._mine if a.annotator == self.me else self._theirs
        if a.label not in whose:
            self._mine[a.label], self._theirs[a.label] = Intervals(), Intervals()
        for intervals, wanted in ((self._all, True), (whose[a.label], True), (self._notes, bool(a.note))):
            if wanted and sign > 0:
                intervals.add(a)
            elif wanted:
                intervals.remove(a)

    def _count(self, a: Annotation, sign: int) -> None:
        if a.orphan:
            self.orphans += sign
            return
        count = self.counts[a.label] = self.counts.get(a.label, 0) + sign
        if not count and a.label not in self.labels:
            del self.counts[a.label]  # a label outside the set is counted only while it is there
        if a.annotator != self.me:
            self.others += sign
        if a.note or a.speaker or a.annotator != self.me:
            self.telling += sign

    def _sentences_over(self, spans: Iterable[Span]) -> list[int]:
        out: set[int] = set()
        for start, end in spans:
            out.update(range(bisect_right(self._ends, start), bisect_left(self._starts, max(end, start + 1))))
        return sorted(out)

    def _tagged_in(self, indexes: Iterable[int]) -> int:
        sentences, skip, tagged = self._sentences, self._untaggable, self._all
        return sum(1 for i in indexes if i not in skip and tagged.overlaps(*sentences[i]))

    # -- questions the view and the screen ask -------------------------------------------------------

    def labels_at(self, start: int, end: int) -> list[str]:
        """The labels (in label order, then any others) with a shown annotation over the span."""
        return [
            label
            for label in self._mine
            if self._mine[label].overlaps(start, end) or self._theirs[label].overlaps(start, end)
        ]

    def label_over(self, label: str, start: int, end: int) -> str:
        """'mine' when the user has this label over the span, 'theirs' when only others have, else ''."""
        mine = self._mine.get(label)
        if mine is None:
            return ""
        if mine.overlaps(start, end):
            return "mine"
        return "theirs" if self._theirs[label].overlaps(start, end) else ""

    def whose(self, start: int, end: int) -> str:
        """'' (no tags, or only the user's), 'both' (the user's and another annotator's), 'theirs' (only
        others'): the gutter's marker, so a tag added over a colleague's is visibly the user's."""
        if not self.others:
            return ""
        theirs = any(t.overlaps(start, end) for t in self._theirs.values())
        if not theirs:
            return ""
        return "both" if any(m.overlaps(start, end) for m in self._mine.values()) else "theirs"

    def spans(self, label: str, start: int, end: int) -> list[Span]:
        """The spans of a label (anyone's) over [start, end): the text's colour."""
        if label not in self._mine:
            return []
        return self._mine[label].spans(start, end) + self._theirs[label].spans(start, end)

    def mine_over(self, label: str, start: int, end: int) -> bool:
        """Whether the user has a tag of this label over the span (it answers a suggestion there)."""
        mine = self._mine.get(label)
        return mine is not None and mine.overlaps(start, end)

    def note_over(self, start: int, end: int) -> bool:
        return self._notes.overlaps(start, end)

    def over(self, start: int, end: int) -> list[Annotation]:
        """The shown anchored annotations over the span, in span order."""
        return self._all.overlapping(start, end)

    def any_over(self, start: int, end: int) -> bool:
        return self._all.overlaps(start, end)
