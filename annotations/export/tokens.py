"""Tokens that every span boundary falls between, for the formats that count in tokens (spaCy, Prodigy).

No spaCy here: the same tokens go to Prodigy's JSONL and, as `Doc(vocab, words, spaces)`, to spaCy,
so the two agree by construction. Offsets are code points (Python `str` indices). The text is cut
at whitespace (a single space after a token is that token's `ws`, as in spaCy; any other whitespace,
CRLF included, is a token of its own, so the tokens join back to the exact text), before and after
each punctuation mark, between runs of letters/digits and of other symbols, and at every span start
and end. Combining marks stay with the character before them; an emoji sequence stays one token.

The runs are found by one regular expression over the whole text (a loop per character made a
million-annotation Prodigy export six times slower than the JSON one); `re`'s `\\w` is exactly
`str.isalnum()` or `_`, and `\\s` exactly `str.isspace()`, which is what defines the kinds.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple


class Token(NamedTuple):
    text: str
    start: int  # code points
    end: int
    ws: bool  # followed by one space that is not a token of its own


@dataclass
class Tokens:
    """A document's tokens as columns: what spaCy's `Doc(words, spaces)` takes and what Prodigy's
    JSON is written from, without a Python object per token."""

    text: list[str] = field(default_factory=list)
    start: list[int] = field(default_factory=list)  # code points
    end: list[int] = field(default_factory=list)
    ws: list[bool] = field(default_factory=list)  # followed by one space that is not a token of its own

    def __len__(self) -> int:
        return len(self.text)

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.text, self.start, self.end, self.ws)

    def index(self) -> TokenIndex:
        """Which tokens a span covers, looked up in O(1) (one dict per document, not a list per span)."""
        numbers = range(len(self))
        return TokenIndex(
            dict(zip(self.start, numbers, strict=True)), dict(zip(self.end, numbers, strict=True))
        )


@cache
def char_class(initial: str) -> str:
    """The characters of one Unicode general category ("M": every mark) as a regex class body.

    Built from `unicodedata` on first use (a fifth of a second), so it follows the running Python's
    Unicode version, as `\\w` and `\\s` do."""
    return "".join(
        re.escape(chr(m.start())) + ("" if m.end() - m.start() == 1 else "-" + re.escape(chr(m.end() - 1)))
        for m in re.finditer(f"{initial}+", _initials())
    )


@cache
def _initials() -> str:
    """The first letter of every code point's general category, one character each: `re` then finds
    the runs (a Python loop over 1.1M code points is too slow)."""
    return "".join(cat[0] for cat in map(unicodedata.category, map(chr, range(sys.maxunicode + 1))))


def not_below_marks() -> str:
    """A lookahead that fails, cheaply, on a character below the first combining mark (U+0300).

    `re` checks a class of astral ranges one range at a time; put before a mark class, this keeps
    the check off the ASCII that most text is (a third of the tokenizer's time)."""
    return f"(?![\\x00-\\U{_initials().index('M') - 1:08x}])"


@cache
def _token_pattern() -> re.Pattern[str]:
    marks, punct, fast = char_class("M"), char_class("P"), not_below_marks()
    lone_space = " (?!\\s)"  # one space, not the start of a longer run of white space
    return re.compile(
        rf"(\s+)"  # 1: a run of white space
        rf"|({fast}[{marks}]+)({lone_space})?"  # 2: marks with no letter before them; 3: the space after
        rf"|(?:\w+(?:{fast}[{marks}]+\w*)*"  # a run of letters and digits, with their marks
        rf"|[{punct}]"  # one punctuation mark (`_` is a word character: matched above)
        rf"|[^\s\w{punct}{marks}][^\s\w{punct}]*"  # a run of other symbols, with their marks
        rf")({lone_space})?"  # 4: the space after
    )


def tokenize(text: str, starts: Collection[int] = (), ends: Collection[int] = ()) -> Tokens:
    """The tokens of `text`; every offset in `starts` begins a token and every one in `ends` ends one.

    One regex match is a token, with the single space after it when one follows; a match that a
    cut falls in or next to (or marks after punctuation, each a token of its own) takes the slow
    path, `piece`, which is the definition."""
    starts, ends = set(starts), set(ends)
    cuts = [*sorted(starts | ends), len(text) + 2]  # a sentinel: there is always a next cut
    k, nxt = 0, cuts[0]
    tokens = Tokens()
    texts, begins, stops, spaced = tokens.text, tokens.start, tokens.end, tokens.ws
    open_end = -1  # where the last token ended, when it may still take one space as its `ws`

    def piece(start: int, end: int, space: bool) -> None:
        """One run of a kind (already cut): a token, or a space that the token before takes as `ws`."""
        nonlocal open_end
        if (
            space
            and start == open_end
            and text[start] == " "
            and start not in starts  # a span that starts with the space needs it as a token
            and start + 1 not in ends  # ... and so does one that ends after it
        ):
            spaced[-1] = True
            start += 1
            if start == end:
                open_end = -1
                return
        texts.append(text[start:end])
        begins.append(start)
        stops.append(end)
        spaced.append(False)
        open_end = -1 if space else end

    def cut(start: int, end: int, space: bool) -> None:
        nonlocal k, nxt
        while nxt < end:
            piece(start, nxt, space)
            start = nxt
            k += 1
            nxt = cuts[k]
        piece(start, end, space)

    for m in _token_pattern().finditer(text):
        s, e = m.span()
        while nxt <= s:
            k += 1
            nxt = cuts[k]
        group = m.lastindex
        if group is None and nxt >= e:  # a token, no cut in it, no space after it
            texts.append(text[s:e])
            begins.append(s)
            stops.append(e)
            spaced.append(False)
            open_end = e
        elif group == 4 and nxt > e:  # a token and its space, no cut in or next to them
            texts.append(text[s : e - 1])
            begins.append(s)
            stops.append(e - 1)
            spaced.append(True)
            open_end = -1
        elif group == 1:
            cut(s, e, True)
        else:
            space_after = group in (3, 4)
            end = e - 1 if space_after else e
            if group in (2, 3) and s and not text[s - 1].isspace():  # marks after punctuation
                for i in range(s, end):
                    piece(i, i + 1, False)
            else:
                cut(s, end, False)
            if space_after:
                piece(end, e, True)
    return tokens


class TokenIndex(NamedTuple):
    by_start: dict[int, int]
    by_end: dict[int, int]

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        """(first, last) token index covering the code points [start, end); last is inclusive (Prodigy)."""
        first, last = self.by_start.get(start), self.by_end.get(end)
        if first is None or last is None or last < first:
            raise ValueError(f"span {start}-{end} does not fall on token boundaries")
        return first, last


def token_range(tokens: Tokens, start: int, end: int) -> tuple[int, int]:
    """(first, last) token index covering the code points [start, end); last is inclusive (Prodigy)."""
    return tokens.index()(start, end)
