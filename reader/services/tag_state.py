"""What the store says about the open document, and what the reading screen reads off it.

The reading screen shows only what the store holds: after every write it reads a `TagState` on the
writer thread, and the marks, the counts, the note target and the open suggestions all come from that
one snapshot. Pure (no Textual), so each question it answers is tested alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from annotations.model import Annotation

Span = tuple[int, int]


class StateSource(Protocol):
    """The store, as far as a `TagState` needs it."""

    def annotations(self, document_id: str) -> Sequence[Annotation]: ...

    def can_undo(self, document_id: str) -> bool: ...

    def can_redo(self, document_id: str) -> bool: ...

    def finished_by(self, document_id: str) -> Sequence[str]: ...


@dataclass(frozen=True)
class TagState:
    """What the store says about the open document, read on the writer thread after each change."""

    annotations: tuple[Annotation, ...]
    can_undo: bool
    can_redo: bool
    finished_by: tuple[str, ...] = ()  # the annotators who marked the document finished

    def spans(self, labels: Sequence[str]) -> dict[str, list[Span]]:
        """Every label's anchored spans (orphans have no place in the text); each label present."""
        spans: dict[str, list[Span]] = {label: [] for label in labels}
        for annotation in self.annotations:
            if not annotation.orphan:
                spans.setdefault(annotation.label, []).append((annotation.start, annotation.end))
        return spans

    def counts(self, labels: Sequence[str]) -> tuple[dict[str, int], int]:
        """Anchored annotations per label (each label present), and how many are orphaned."""
        counts = {label: 0 for label in labels}
        orphans = 0
        for annotation in self.annotations:
            if annotation.orphan:
                orphans += 1
            else:
                counts[annotation.label] = counts.get(annotation.label, 0) + 1
        return counts, orphans

    def annotation_for(self, target: Span, annotator: str) -> Annotation | None:
        """This annotator's annotation on the target: the exact span first, a quote before the rest."""
        start, end = target
        mine = [
            a
            for a in self.annotations
            if not a.orphan and a.annotator == annotator and a.start < end and start < a.end
        ]
        exact = [a for a in mine if (a.start, a.end) == target] or mine
        if not exact:
            return None
        return next((a for a in exact if a.label == "quote"), exact[0])

    def tagged(self, annotator: str) -> Iterator[tuple[str, int, int]]:
        """(label, start, end) of this annotator's anchored tags: what answers a suggestion."""
        return (
            (a.label, a.start, a.end) for a in self.annotations if not a.orphan and a.annotator == annotator
        )


EMPTY = TagState((), False, False)
"""Before the document has opened."""


def read_state(store: StateSource, document_id: str) -> TagState:
    """Call on the writer thread, right after a write, so the screen shows what is durable."""
    return TagState(
        tuple(store.annotations(document_id)),
        store.can_undo(document_id),
        store.can_redo(document_id),
        tuple(store.finished_by(document_id)),
    )
