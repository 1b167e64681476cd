"""What the exports for other annotation tools share: offset units, per-annotator grouping, safe names.

Our offsets are Python `str` indices: Unicode code points of the decoded document text, `\\r\\n` counted
as two. Tools written in JavaScript count UTF-16 code units instead (an astral character such as each
half of the flag 🇧🇾 is two of them); `Utf16` converts, one document at a time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from annotations.model import Annotation

# The annotator of an exported open suggestion (reader.services.open_suggestions.SUGGESTER).
SUGGESTER = "reader-suggest"

# Every character str.splitlines() breaks at: the readers of line-based files (brat's .ann, read through
# codecs, which splits with splitlines) end a line at any of them, not only at "\n".
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[{re.escape(LINE_BREAKS)}]+")
_UNSAFE = re.compile(r"[^\w.\-]+")


class Utf16:
    """Code-point offsets of one text as UTF-16 code units (what JavaScript's `String.length` counts)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)  # each astral character before it counts twice


def utf16_slice(text: str, start: int, end: int) -> str:
    """What JavaScript's `text.slice(start, end)` returns, for UTF-16 offsets (the tests' check)."""
    units = text.encode("utf-16-le", "surrogatepass")
    return units[2 * start : 2 * end].decode("utf-16-le", "surrogatepass")


def by_annotator(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    """The annotations of each annotator, annotators in first-seen order, each list in the given order."""
    groups: dict[str, list[Annotation]] = {}
    for a in annotations:
        groups.setdefault(a.annotator, []).append(a)
    return groups


def text_order(a: Annotation) -> tuple[int, int, str, str]:
    return (a.start, -a.end, a.label, a.id)


def line_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between line breaks (the breaks left out, empty pieces dropped)."""
    pieces: list[tuple[int, int]] = []
    at = start
    for brk in _BREAK_RUN.finditer(text, start, end):
        if brk.start() > at:
            pieces.append((at, brk.start()))
        at = brk.end()
    if at < end:
        pieces.append((at, end))
    return pieces


def one_line(value: str) -> str:
    """A note or label for a line-based file: each run of line breaks becomes one space."""
    return _BREAK_RUN.sub(" ", value)


def safe_name(value: str, fallback: str = "_") -> str:
    """A file or folder name from any string: letters, digits, `.`, `-` and `_` kept, runs of others `_`;
    never empty, never hidden, never `.`/`..`."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", value)).strip("._") or fallback
    return name[:120]


class Names:
    """Unique names within one folder: a second `a` becomes `a-2` (case-insensitively, for macOS/Windows)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __call__(self, wanted: str) -> str:
        name, n = wanted, 1
        while name.casefold() in self._taken:
            n += 1
            name = f"{wanted}-{n}"
        self._taken.add(name.casefold())
        return name


def placed(annotations: Iterable[Annotation], text: str) -> Iterator[Annotation]:
    """The annotations whose span really is text[start:end] (an export never writes a span that misreads)."""
    for a in annotations:
        if 0 <= a.start < a.end <= len(text) and text[a.start : a.end] == a.text:
            yield a
