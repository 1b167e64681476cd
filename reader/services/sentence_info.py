"""The info line under the article, for the sentence under the cursor: the tags on it that carry more
than a letter can say (a note, a speaker, another annotator's name), so a note is read where it is.

Pure (no Textual); the reading screen shows what `describe` returns, else the suggestion there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reader.text.sanitize import snippet

if TYPE_CHECKING:
    from annotations.model import Annotation


def worth_telling(annotation: Annotation, annotator: str) -> bool:
    return bool(annotation.note or annotation.speaker or annotation.annotator != annotator)


def describe(
    annotations: Sequence[Annotation],
    span: tuple[int, int],
    *,
    annotator: str,
    labels: Sequence[str],
    mark: Callable[[str], str],
) -> str | None:
    """`Q quote — Lukashenko · note: check the date  |  C claim by root`, or None when the tags on
    the sentence have nothing to add to their gutter letters."""
    start, end = span
    here = [a for a in annotations if not a.orphan and a.start < end and start < a.end]
    if not any(worth_telling(a, annotator) for a in here):
        return None
    order = {label: n for n, label in enumerate(labels)}
    here.sort(key=lambda a: (a.annotator != annotator, order.get(a.label, len(order)), a.start))
    parts = []
    for a in here:
        part = f"{mark(a.label)} {a.label}"
        if a.annotator != annotator:
            part += f" by {snippet(a.annotator, 30)}"
        if a.speaker:
            part += f" — {snippet(a.speaker, 40)}"
        if a.note:
            part += f" · note: {snippet(a.note, 200)}"
        parts.append(part)
    return "  |  ".join(parts)
