"""What `y` and `Y` put on the clipboard from the reading screen: the sentence (or the quote under
the cursor with its speaker), and a citation of the document. Plain text, one line each. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.model import Annotation


def one_line(text: str) -> str:
    return " ".join(text.split())


def sentence_copy(text: str, start: int, end: int, annotations: Iterable[Annotation]) -> str:
    """The sentence [start, end); when a quote with a speaker covers it, that quote and its speaker."""
    quotes = [
        a
        for a in annotations
        if a.label == "quote" and not a.orphan and a.speaker and a.start <= start and a.end >= end
    ]
    if quotes:
        quote = min(quotes, key=lambda a: a.end - a.start)  # the closest fit
        words = one_line(text[quote.start : quote.end]).strip('"“”„«» ')
        return f"“{words}” — {one_line(quote.speaker or '')}"
    return one_line(text[start:end])


def citation(title: str | None, date: str | None, path: str) -> str:
    """`title, date, path`, leaving out what is unknown."""
    return ", ".join(part for part in (one_line(title or ""), date or "", path) if part)
