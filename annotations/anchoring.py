"""Re-attach a quote to a changed text, the way the W3C TextQuoteSelector and Hypothesis do.

Order: the old position if the text still matches there; else the exact text, choosing among its
occurrences the one whose surroundings best match the stored prefix/suffix and that lies nearest the
old position; else a fuzzy match of prefix+text+suffix (difflib) in a bounded window around the old
position. Cost is bounded: at most MAX_OCCURRENCES candidates are scored and the fuzzy window is at
most FUZZY_WINDOW code points wide.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from annotations.model import Annotation, DocumentRef, context

MAX_OCCURRENCES = 1000
FUZZY_WINDOW = 8000
MAX_FUZZY_QUOTE = 2000  # longer quotes are matched exactly or not at all
MIN_SIMILARITY = 0.75


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    how: str  # "position", "quote" or "fuzzy"


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def anchor(text: str, exact: str, prefix: str = "", suffix: str = "", start: int = 0) -> Anchor | None:
    """Where `exact` (seen between `prefix` and `suffix`, at `start`) is in `text` now, or None."""
    if not exact:
        return None
    end = start + len(exact)
    if start >= 0 and end <= len(text) and text[start:end] == exact:
        return Anchor(start, end, "position")
    found = _by_quote(text, exact, prefix, suffix, start)
    if found is not None:
        return found
    return _fuzzy(text, exact, prefix, suffix, start)


def place(a: Annotation, doc: DocumentRef) -> tuple[Annotation, Anchor | None]:
    """`a` moved onto `doc` (its id, path and current text), and where it was found (None: orphaned).

    One function for the store (a file whose text changed) and the importer (an export read back),
    so an annotation lands in the same place whichever way it comes back.
    """
    a = replace(a, document_id=doc.id, path=doc.path)
    found = anchor(doc.text, a.text, a.prefix, a.suffix, a.start)
    if found is None:
        return replace(a, orphan=True), None
    prefix, suffix = context(doc.text, found.start, found.end)
    placed = replace(
        a,
        start=found.start,
        end=found.end,
        text=doc.text[found.start : found.end],
        prefix=prefix,
        suffix=suffix,
        orphan=False,
    )
    return placed, found


def _by_quote(text: str, exact: str, prefix: str, suffix: str, start: int) -> Anchor | None:
    best: tuple[int, int, int] | None = None  # (-context score, distance, position)
    pos = text.find(exact)
    seen = 0
    while pos != -1 and seen < MAX_OCCURRENCES:
        seen += 1
        score = _common_suffix(text[max(0, pos - len(prefix)) : pos], prefix) + _common_prefix(
            text[pos + len(exact) : pos + len(exact) + len(suffix)], suffix
        )
        key = (-score, abs(pos - start), pos)
        if best is None or key < best:
            best = key
        pos = text.find(exact, pos + 1)
    if best is None:
        return None
    return Anchor(best[2], best[2] + len(exact), "quote")


def _fuzzy(text: str, exact: str, prefix: str, suffix: str, start: int) -> Anchor | None:
    if len(exact) > MAX_FUZZY_QUOTE:
        return None
    pattern = prefix + exact + suffix
    half = max(FUZZY_WINDOW // 2, len(pattern))
    lo = max(0, min(start, len(text)) - half)
    hi = min(len(text), lo + 2 * half)
    lo = max(0, hi - 2 * half)
    window = text[lo:hi]
    if not window:
        return None
    blocks = [
        b for b in SequenceMatcher(None, pattern, window, autojunk=False).get_matching_blocks() if b.size
    ]
    if not blocks:
        return None
    q_start, q_end = len(prefix), len(prefix) + len(exact)
    s = _map_start(blocks, q_start)
    e = _map_end(blocks, q_end)
    if s is None or e is None or e <= s:
        return None
    # Repetitive text can make difflib align only part of the quote: also try the quote's own length
    # from either matched end, and keep the most similar candidate.
    best: tuple[float, int, int] | None = None
    for cs, ce in {(s, e), (max(0, e - len(exact)), e), (s, min(len(window), s + len(exact)))}:
        if ce <= cs:
            continue
        ratio = similarity(exact, window[cs:ce])
        if best is None or (ratio, -abs((ce - cs) - len(exact))) > (
            best[0],
            -abs((best[2] - best[1]) - len(exact)),
        ):
            best = (ratio, cs, ce)
    if best is None or best[0] < MIN_SIMILARITY:
        return None
    return Anchor(lo + best[1], lo + best[2], "fuzzy")


def similarity(a: str, b: str) -> float:
    """difflib's ratio, also read backwards: its greedy alignment undercounts repetitive text one way."""
    forward = SequenceMatcher(None, a, b, autojunk=False).ratio()
    if forward == 1.0:
        return forward
    return max(forward, SequenceMatcher(None, a[::-1], b[::-1], autojunk=False).ratio())


def _map_start(blocks: list, q: int) -> int | None:
    """Window position of pattern index `q`: inside a matched block, else the next block's start."""
    for a, b, size in blocks:
        if a + size > q:
            return b + (q - a) if a <= q else b
    return None


def _map_end(blocks: list, q: int) -> int | None:
    """Window position of the exclusive end `q`: inside a block, else the previous block's end."""
    result = None
    for a, b, size in blocks:
        if a >= q:
            break
        result = b + (q - a) if a + size >= q else b + size
    return result
