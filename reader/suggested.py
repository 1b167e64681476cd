"""Which of the engine's suggestions are still open: not dismissed, and not already tagged.

Shared by the reading screen (what it shows with a `?`) and `reader export --include-suggestions`
(what it writes, marked as suggested). No Textual here: the rule is the same wherever it is used.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections.abc import Collection, Iterable

from annotations.model import Annotation, context
from reader.text.suggestions import Suggestion

SUGGESTER = "reader-suggest"  # the annotator of an exported suggestion
NOTE_PREFIX = "suggested: "

Span = tuple[int, int]


class Tagged:
    """The tagged spans of each label, merged, for "does this span overlap a tag of that label"."""

    def __init__(self, tags: Iterable[tuple[str, int, int]]) -> None:
        by_label: dict[str, list[Span]] = {}
        for label, start, end in tags:
            by_label.setdefault(label, []).append((start, end))
        self._merged: dict[str, tuple[list[int], list[int]]] = {}
        for label, spans in by_label.items():
            starts: list[int] = []
            ends: list[int] = []
            for a, b in sorted(spans):
                if starts and a <= ends[-1]:
                    ends[-1] = max(ends[-1], b)
                else:
                    starts.append(a)
                    ends.append(b)
            self._merged[label] = (starts, ends)

    def overlaps(self, label: str, start: int, end: int) -> bool:
        starts, ends = self._merged.get(label, ([], []))
        i = bisect_right(ends, start)  # the first merged span ending after `start`
        return i < len(starts) and starts[i] < end


def pending(
    suggestions: Iterable[Suggestion],
    *,
    dismissed: Collection[tuple[str, int, int]] = (),
    tagged: Iterable[tuple[str, int, int]] = (),
    labels: Collection[str] | None = None,
) -> list[Suggestion]:
    """The suggestions left to decide on, in text order.

    A suggestion goes once its exact (label, start, end) is dismissed, or once the user has tagged any
    overlapping text with the same label (a quote tagged as the whole sentence still answers the
    suggested quote inside it). `labels`: the store's label set; other labels cannot be accepted.
    """
    done = Tagged(tagged)
    gone = set(dismissed)
    return sorted(
        (
            s
            for s in suggestions
            if (labels is None or s.label in labels)
            and (s.label, s.start, s.end) not in gone
            and not done.overlaps(s.label, s.start, s.end)
        ),
        key=lambda s: (s.start, s.end, s.label),
    )


def as_annotation(suggestion: Suggestion, document_id: str, path: str, text: str, stamp: str) -> Annotation:
    """A suggestion written out beside the real tags: annotator `reader-suggest`, note "suggested: why".

    The id is derived from the document and span, so exporting twice gives the same ids.
    """
    s = suggestion
    prefix, suffix = context(text, s.start, s.end)
    key = f"{document_id}|{s.label}|{s.start}|{s.end}"
    return Annotation(
        id=uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-reader-suggestion:" + key).hex,
        document_id=document_id,
        path=path,
        label=s.label,
        start=s.start,
        end=s.end,
        text=text[s.start : s.end],
        prefix=prefix,
        suffix=suffix,
        note=NOTE_PREFIX + s.reason,
        speaker=s.speaker,
        annotator=SUGGESTER,
        created=stamp,
        modified=stamp,
    )
