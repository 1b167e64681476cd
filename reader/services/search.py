"""Search in the reading screen: every case-insensitive hit, and which one `n`/`N` go to next."""

from __future__ import annotations

import re
from collections.abc import Sequence

Span = tuple[int, int]

MAX_HITS = 10_000
"""Hits kept at most: a one-letter query in a 1 MB article would otherwise list a million."""


def find_hits(text: str, query: str, limit: int = MAX_HITS) -> list[Span]:
    """Every case-insensitive occurrence of `query` (plain text, not a pattern), in text order."""
    hits: list[Span] = []
    if query:
        for match in re.finditer(re.escape(query), text, re.IGNORECASE):
            hits.append(match.span())
            if len(hits) >= limit:
                break
    return hits


def next_hit(hits: Sequence[Span], sentence: Span, step: int, from_cursor: bool = False) -> Span:
    """The hit after the cursor's sentence (or in it, `from_cursor`), or before it; wraps around."""
    start, end = sentence
    if step > 0:
        after = start if from_cursor else end
        return next((h for h in hits if h[0] >= after), hits[0])
    return next((h for h in reversed(hits) if h[0] < start), hits[-1])
