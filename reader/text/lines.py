"""Non-blank lines with exact spans: the unit boilerplate decisions are made on."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line is a run of characters between line breaks, trimmed of surrounding whitespace.
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_EDGE_SPACE = re.compile(r"^\s+|\s+$")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Every non-blank line as a whitespace-trimmed slice: `text[start:end] == line.text`."""
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        chunk = match.group()
        if chunk.isspace():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        start += lead
        end -= trail
        lines.append(Line(start, end, text[start:end]))
    return lines
