"""Where annotators disagree in one document, for curation and the agreement screen (no Textual).

A disagreement is a taggable sentence where the annotators' label sets differ, or where they agree on
the labels but drew different spans (one quote over two sentences against two one-sentence quotes).
Neighbouring disagreeing sentences that one annotation spans are one disagreement: a multi-sentence
quote is curated whole.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from annotations.model import Annotation

Span = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True)
class Version:
    """One annotator's tags on a disagreement: the spans overlapping it, whole."""

    annotator: str
    spans: tuple[Span, ...]

    @property
    def labels(self) -> frozenset[str]:
        return frozenset(label for _, _, label in self.spans)


@dataclass(frozen=True)
class Disagreement:
    start: int  # from the first sentence's start to the last one's end
    end: int
    sentences: tuple[int, ...]  # indices into the document's taggable sentences
    versions: tuple[Version, ...]  # one per annotator compared, in their order


def coders(annotations: Sequence[Annotation], finished: Collection[str], curator: str) -> list[str]:
    """Whom to compare: the annotators who finished the document (the curator aside); when fewer than
    two did, everyone who tagged it (curation need not wait for the finished marks)."""
    done = sorted(c for c in finished if c != curator)
    if len(done) >= 2:
        return done
    return sorted({a.annotator for a in annotations if not a.orphan and a.annotator != curator})


def find(
    sentences: Sequence[tuple[int, int]], annotations: Sequence[Annotation], who: Sequence[str]
) -> list[Disagreement]:
    """Every disagreement among `who`, in document order."""
    if len(who) < 2 or not sentences:
        return []
    starts = [s for s, _ in sentences]
    wanted = set(who)
    touching: dict[int, list[Annotation]] = {}
    for a in annotations:
        if a.orphan or a.annotator not in wanted:
            continue
        i = max(bisect.bisect_right(starts, a.start) - 1, 0)
        while i < len(starts) and starts[i] < a.end:
            if sentences[i][1] > a.start:
                touching.setdefault(i, []).append(a)
            i += 1
    disagreeing = sorted(i for i, anns in touching.items() if _differ(anns, who))
    groups: list[list[int]] = []
    for i in disagreeing:
        if groups and groups[-1][-1] == i - 1 and _linked(touching[i - 1], touching[i]):
            groups[-1].append(i)
        else:
            groups.append([i])
    result = []
    for group in groups:
        anns = {id(a): a for i in group for a in touching[i]}.values()
        versions = tuple(
            Version(c, tuple(sorted({(a.start, a.end, a.label) for a in anns if a.annotator == c})))
            for c in who
        )
        result.append(Disagreement(sentences[group[0]][0], sentences[group[-1]][1], tuple(group), versions))
    return result


def _differ(anns: Sequence[Annotation], who: Sequence[str]) -> bool:
    seen = {c: set() for c in who}  # type: dict[str, set[Span]]
    for a in anns:
        seen[a.annotator].add((a.start, a.end, a.label))
    first = seen[who[0]]
    return any(seen[c] != first for c in who[1:])


def _linked(before: Sequence[Annotation], after: Sequence[Annotation]) -> bool:
    ids = {id(a) for a in before}
    return any(id(a) in ids for a in after)


def at_or_after(found: Sequence[Disagreement], offset: int) -> int | None:
    """The index of the first disagreement ending after `offset` (the cursor's), None when none does."""
    ends = [d.end for d in found]
    i = bisect.bisect_right(ends, offset)
    return i if i < len(found) else None
