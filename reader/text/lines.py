"""Non-blank lines with exact spans: the unit boilerplate decisions are made on.

A hard-wrapped page (a text browser's dump at its default 80 columns, a "save as text", an e-mail)
breaks every paragraph into lines of about the same width, and a line of a paragraph is not a
sentence nor a heading: classified one by one, most of an article read as menu lines (content-line F1
0.57-0.69 on the fresh pages dumped by w3m and lynx at 80 columns). `logical_lines` joins those lines
back into their paragraph (one `Line` spanning them, `wrapped`), and leaves every other text as
`split_lines` gives it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.text.sentences import SENTENCE_END_MARKS

# A line is a run of characters between line breaks, trimmed of surrounding whitespace.
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_EDGE_SPACE = re.compile(r"^\s+|\s+$")


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    wrapped: bool = False  # several lines of one hard-wrapped paragraph (`logical_lines`)


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


def logical_lines(text: str) -> list[Line]:
    """`split_lines`, with the lines of each hard-wrapped paragraph joined into one line (its text the
    slice from its first line's start to its last line's end, line breaks included)."""
    lines = split_lines(text)
    width = wrap_width(text, lines)
    if width is None:
        return lines
    out: list[Line] = []
    first = 0
    for i in range(len(lines)):
        if i + 1 < len(lines) and _goes_on(text, lines[i], lines[i + 1], width):
            continue
        if i == first:
            out.append(lines[i])
        else:
            start, end = lines[first].start, lines[i].end
            out.append(Line(start, end, text[start:end], wrapped=True))
        first = i + 1
    return out


def _column(text: str, offset: int) -> int:
    return offset - (text.rfind("\n", 0, offset) + 1)


_CELLS_UP_TO = 330  # characters: a longer line reaches past any wrap column (161) whatever its script


def cells(text: str) -> int:
    """Terminal columns a line takes, as a text browser counts them when it wraps: Chinese, Japanese and
    Korean characters take two, combining marks (Devanagari vowel signs, Hebrew points) none. Exact
    up to `_CELLS_UP_TO` characters, at least that many beyond."""
    if text.isascii() or len(text) > _CELLS_UP_TO or not _WIDE_OR_MARKED.search(text):
        return len(text)
    n = 0
    for c in text:
        if c < "\u0300":
            n += 1
        elif unicodedata.category(c) in _ZERO_WIDTH:
            continue
        else:
            n += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n


# Where wide characters or combining marks are met (Latin, Cyrillic and Greek text skips the count):
# combining diacritics, Hebrew points, Arabic harakat, the Indic, Thai, Lao, Tibetan and Myanmar blocks,
# Hangul, the CJK blocks, full-width forms.
_WIDE_OR_MARKED = re.compile(
    "[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u109f"
    "\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
_ZERO_WIDTH = frozenset({"Mn", "Mc", "Me", "Cf"})  # w3m counts spacing vowel signs (Mc) as none too


def _width(text: str, line: Line) -> int:
    """How far the line reaches on its row (in terminal columns), indentation included."""
    body = line.text
    return _column(text, line.start) + (len(body) if body.isascii() else cells(body))


def wrap_width(text: str, lines: list[Line]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None when it was not. Wrapping piles the long
    lines up just short of one column: find the column (40 to 160) with at most 3 % of the long lines
    past it and the most lines within 10 of it; it is the wrap column when that pile holds over a
    third of the long lines, and at least three lines of it, and half, run on into the next line mid
    sentence (no blank line between, no sentence's end at the break). A text of one paragraph per
    line spreads its lengths out instead (or runs past 160), and ends its lines with sentences."""
    if len(lines) < 6:
        return None
    reach = [_width(text, ln) for ln in lines]
    counts = [0] * 162  # by reach; 161: beyond
    for r in reach:
        counts[min(r, 161)] += 1
    long_lines = sum(counts[40:])
    if long_lines < 4:
        return None
    going_on = [0] * 162  # the same, of the lines another line directly follows (piles start at 30)
    for i in range(len(lines) - 1):
        if reach[i] >= 30 and _adjacent(text, lines[i], lines[i + 1]):
            going_on[min(reach[i], 161)] += 1
    beyond = counts[161]
    best, width = 0, None
    for column in range(160, 39, -1):
        if beyond <= max(1, 0.03 * long_lines):
            # Only lines that go on into the next can have been cut there: a paragraph's last line, short
            # of the column, would pull a short text's pile below it.
            pile = sum(going_on[column - 10 : column + 1])
            if pile >= best:  # a tie goes to the lower column: the wrap column is the tightest fit
                best, width = pile, column
        beyond += counts[column]
    if width is None or 3 * best < long_lines:
        return None
    # A wrapper breaks mid-sentence far more often than not; a text of one paragraph per line ends
    # almost every long line with a sentence's end.
    running = [
        not lines[i].text.endswith(_SENTENCE_ENDS)
        for i in range(len(lines) - 1)
        if width - 10 <= reach[i] <= width and _adjacent(text, lines[i], lines[i + 1])
    ]
    mid_sentence = sum(running)
    return width if mid_sentence >= 3 and 2 * mid_sentence >= len(running) else None


_SENTENCE_ENDS = tuple(SENTENCE_END_MARKS + ":;\"'”’»)」』）")


def _adjacent(text: str, line: Line, following: Line) -> bool:
    """One line break between them, no blank line."""
    gap = text[line.end : following.start]
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") == 1


def _goes_on(text: str, line: Line, following: Line, width: int) -> bool:
    """`line` was cut by the wrapping: it is long, the next line follows it directly, and that line's
    first word would not have fitted after it (a greedy wrapper breaks exactly there)."""
    reach = _width(text, line)
    if reach < width - 25 or not _adjacent(text, line, following):
        return False
    word = following.text.split(maxsplit=1)[0]
    return reach + 1 + cells(word) > width - 2
