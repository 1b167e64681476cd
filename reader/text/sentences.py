"""Sentence boundaries with exact offsets, never across lines.

PLACEHOLDER: a naive splitter; the real rule-based segmenter replaces it (issue 2).
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)]*\s+")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in text[start:end], each trimmed of whitespace."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for match in _BOUNDARY.finditer(text, start, end):
        spans.append((pos, match.end()))
        pos = match.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out
