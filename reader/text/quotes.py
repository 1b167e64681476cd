"""Quotation spans inside one paragraph, by pairing quote marks.

Marks are paired per paragraph, never across paragraphs, so a stray mark left by a scraper spoils
at most its own paragraph. Straight marks get a direction from their neighbours; curly marks carry
their own. Single marks double as apostrophes, so a closing `’` only counts when a single quote is
open; quotes nested inside a double quote belong to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ",," stands for „ where a keyboard lacks it (",,Wann kommst du?”): an opening mark before a word.
_MARKS = re.compile(r",,(?=[^\s,])|[\"“”„«»‘’‚']")
_OPEN_DOUBLE = frozenset("“„«")
_CLOSE_DOUBLE = frozenset("”»")
_BEFORE_OPEN = frozenset("([{—–-/:")  # besides whitespace and the start of the text
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…")  # besides whitespace and the end of the text


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int  # at the opening mark
    end: int  # just after the closing mark (or the paragraph end when left open)
    closed: bool


def _opens(prev: str, nxt: str) -> bool:
    return (
        (not prev or prev.isspace() or prev in _BEFORE_OPEN or prev in "“‘\"'")
        and bool(nxt)
        and not nxt.isspace()
    )


def _closes(prev: str, nxt: str) -> bool:
    return (
        (not nxt or nxt.isspace() or nxt in _AFTER_CLOSE or nxt in "”’\"'")
        and bool(prev)
        and not prev.isspace()
    )


def find_quotations(text: str, start: int, end: int, *, continues: bool = False) -> list[Quotation]:
    """Top-level quotations in text[start:end]; `continues` says the next paragraph opens a quote.

    A quote still open at the paragraph end is kept only when `continues` (the convention for a
    quote running over several paragraphs); otherwise its opening mark was a stray.
    """
    found: list[Quotation] = []
    open_at = -1
    open_kind = ""  # "d" double, "s" single
    open_mark = ""
    for match in _MARKS.finditer(text, start, end):
        i = match.start()
        ch = match.group()
        prev = text[i - 1] if i > start else ""
        nxt = text[i + 1] if i + 1 < end else ""
        if ch == ",,":
            if not (not prev or prev.isspace() or prev in _BEFORE_OPEN):
                continue  # "1,,2" or a typo inside a word: no quotation
            ch, role = "„", "open-d"
        elif ch == "“" and open_at >= 0 and open_mark == "„":
            role = "close-d"  # German and Polish „…“
        elif ch == "‘" and open_at >= 0 and open_mark == "‚":
            role = "close-s"  # ‚…‘
        elif ch in _OPEN_DOUBLE:
            role = "open-d"
        elif ch in _CLOSE_DOUBLE:
            role = "close-d"
        elif ch == '"':
            opens, closes = _opens(prev, nxt), _closes(prev, nxt)
            if opens == closes:
                role = "close-d" if open_kind == "d" else "open-d"
            else:
                role = "open-d" if opens else "close-d"
        elif ch in "‘‚":
            role = "open-s" if not prev.isalnum() else "none"
        elif ch == "’":
            role = "close-s" if _closes(prev, nxt) and not nxt.isalnum() else "none"
        else:  # straight single mark: an apostrophe unless it stands at a word edge
            if _opens(prev, nxt) and not prev.isalnum() and nxt.isalnum():
                role = "open-s"
            elif _closes(prev, nxt) and not nxt.isalnum():
                role = "close-s"
            else:
                role = "none"
        if open_at < 0:
            if role == "open-d":
                open_at, open_kind, open_mark = i, "d", ch
            elif role == "open-s":
                open_at, open_kind, open_mark = i, "s", ch
            continue
        if open_kind == "d":
            if role == "close-d":
                found.append(Quotation(open_at, i + 1, True))
                open_at = -1
            elif role == "open-d" and ch != '"':
                open_at, open_mark = i, ch  # two openings in a row: the first one was a stray
        else:
            if role == "close-s":
                found.append(Quotation(open_at, i + 1, True))
                open_at = -1
            elif role == "open-d":
                open_at, open_kind, open_mark = i, "d", ch  # the single mark was an apostrophe after all
    if open_at >= 0 and continues and open_kind == "d":
        stop = end
        while stop > open_at and text[stop - 1].isspace():
            stop -= 1
        found.append(Quotation(open_at, stop, False))
    return found


def opens_with_quote(text: str, start: int, end: int) -> bool:
    """Whether a paragraph starts with an opening quote mark (a continued quotation)."""
    while start < end and text[start].isspace():
        start += 1
    return start < end and (text[start] in _OPEN_DOUBLE or text[start] == '"')
