"""Tokens that every span boundary falls between, for the formats that count in tokens (spaCy, Prodigy).

No spaCy here: the same tokens go to Prodigy's JSONL and, as `Doc(vocab, words, spaces)`, to spaCy,
so the two agree by construction. Offsets are code points (Python `str` indices). The text is cut
at whitespace (a single space after a token is that token's `ws`, as in spaCy; any other whitespace,
CRLF included, is a token of its own, so the tokens join back to the exact text), before and after
each punctuation mark, between runs of letters/digits and of other symbols, and at every span start
and end. Combining marks stay with the character before them; an emoji sequence stays one token.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # code points
    end: int
    ws: bool  # followed by one space that is not a token of its own


def _kind(char: str) -> str:
    if char.isspace():
        return "space"
    category = unicodedata.category(char)
    if category[0] == "M":
        return "mark"
    if category[0] in "LN" or char == "_":
        return "word"
    if category[0] == "P":
        return "punct"
    return "other"


def _pieces(text: str, cuts: Collection[int]) -> list[tuple[int, int, str]]:
    """(start, end, kind) runs of one kind, cut at `cuts`; punctuation is one character a piece."""
    pieces: list[tuple[int, int, str]] = []
    start, kind = 0, ""
    for i, char in enumerate(text):
        this = _kind(char)
        if this == "mark" and kind and kind != "space":
            this = kind  # a combining accent belongs to the letter (or symbol) before it
        if i and (this != kind or this == "punct" or i in cuts):
            pieces.append((start, i, kind))
            start = i
        kind = this
    if text:
        pieces.append((start, len(text), kind))
    return pieces


def tokenize(text: str, starts: Collection[int] = (), ends: Collection[int] = ()) -> list[Token]:
    """The tokens of `text`; every offset in `starts` begins a token and every one in `ends` ends one."""
    cuts = {*starts, *ends}
    tokens: list[Token] = []
    for start, end, kind in _pieces(text, cuts):
        if (
            kind == "space"
            and tokens
            and not tokens[-1].ws
            and tokens[-1].end == start
            and text[start] == " "
            and start not in starts  # a span that starts with the space needs it as a token
            and start + 1 not in ends  # ... and so does one that ends after it
            and not tokens[-1].text.isspace()
        ):
            last = tokens[-1]
            tokens[-1] = Token(last.text, last.start, last.end, True)
            start += 1
            if start == end:
                continue
        tokens.append(Token(text[start:end], start, end, False))
    return tokens


def token_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """(first, last) token index covering the code points [start, end); last is inclusive (Prodigy)."""
    from bisect import bisect_left

    starts = [t.start for t in tokens]
    first = bisect_left(starts, start)
    last = first
    while last < len(tokens) and tokens[last].end < end:
        last += 1
    if first >= len(tokens) or tokens[first].start != start or last >= len(tokens) or tokens[last].end != end:
        raise ValueError(f"span {start}-{end} does not fall on token boundaries")
    return first, last
