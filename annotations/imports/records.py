"""What every foreign reader yields: a document's text with its spans already in our code points."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from typing import Any, NamedTuple

from annotations.anchoring import anchor
from annotations.importer import ImportFormatError
from annotations.imports.offsets import TextUnits


def text_id(text: str) -> str:
    """The document id `reader.text.document.document_id` gives the same text (kept in step by a test)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Irregular(Exception):
    """A quick reading met something it does not check itself: the careful one reads the item again."""


Reading = Callable[[str, Any, str], "ForeignDocument"]


def quick_or_checked(quick: Reading, checked: Reading, where: str, item: Any, unit: str) -> ForeignDocument:
    """Most items are well formed, so they are read without a location string per span (`quick`);
    one out of the ordinary (`Irregular`) is read again by `checked`, which names the place and what
    is wrong (ImportFormatError)."""
    try:
        return quick(where, item, unit)
    except Irregular:
        return checked(where, item, unit)


class Span(NamedTuple):
    """A tuple, not a frozen dataclass: a million are made per million annotations imported, twice, and
    a frozen dataclass sets each of its ten fields through object.__setattr__."""

    label: str
    start: int  # code points into ForeignDocument.text
    end: int
    annotator: str = ""  # "" takes --annotator (or the store's annotator)
    note: str = ""
    created: str = ""  # ISO 8601 with offset; "" is the time of the import
    modified: str = ""
    id: str = ""  # kept when the file has one of ours (32 hex digits), else derived from the span
    orphan: str | None = None  # the file's text of a span nothing could place: kept as an orphan
    unit: str = ""  # how the offsets were read ("utf16", "codepoints+crlf-as-one", ...)


@dataclass
class ForeignDocument:
    where: str  # "file:line" or "file: $[3]": for messages
    text: str
    path: str | None  # the path the file gives the document (a hint for matching and --into)
    spans: list[Span] = field(default_factory=list)
    skipped: int = 0  # items that are not text spans (relations, choices, predictions ...)

    @cached_property
    def id(self) -> str:
        return text_id(self.text)


def need(where: str, obj: Any, key: str, kind: type, *, default: Any = ...) -> Any:
    """obj[key] of the given type; a missing key takes `default` when there is one."""
    if not isinstance(obj, dict):
        raise ImportFormatError(f"{where}: expected an object, got {type(obj).__name__}")
    if key not in obj or (obj[key] is None and default is not ...):
        if default is ...:
            raise ImportFormatError(f"{where}.{key}: missing")
        return default
    value = obj[key]
    if kind is int and isinstance(value, bool):
        raise ImportFormatError(f"{where}.{key}: expected an integer, got {value!r}")
    if not isinstance(value, kind):
        raise ImportFormatError(f"{where}.{key}: expected {_kind(kind)}, got {type(value).__name__}")
    return value


def _kind(kind: type) -> str:
    return {int: "an integer", str: "a string", list: "a list", dict: "an object"}.get(kind, kind.__name__)


def offsets(where: str, start: Any, end: Any) -> tuple[int, int]:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ImportFormatError(f"{where}.{name}: expected an integer, got {value!r}")
    if start < 0 or end <= start:
        raise ImportFormatError(f"{where}: bad span start={start} end={end}")
    return start, end


def label_of(where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ImportFormatError(f"{where}: the label must be a non-empty string, got {value!r}")
    return value


def locate(
    units: TextUnits, where: str, start: int, end: int, quote: str | None, default_unit: str
) -> tuple[int, int, str, str | None]:
    """(start, end, how it was read, orphan text) in code points.

    With the file's text of the span (`quote`): the reading of the offsets that gives it back, else
    the occurrence of the quote nearest the offsets, else an orphan holding the quote (the fourth
    item). Without a quote, a span that does not fit the text is bad input: nothing else can place it.
    """
    found, unit = units.resolve(start, end, quote, default_unit)
    if found is not None:
        return found[0], found[1], unit, None
    if quote is None:
        raise ImportFormatError(
            f"{where}: span {start}-{end} is not inside the text ({len(units.text)} characters, "
            f"offsets read as {default_unit})"
        )
    hit = anchor(units.text, quote, "", "", start) if quote else None
    if hit is not None and units.text[hit.start : hit.end] == quote:
        return hit.start, hit.end, "quote", None
    return start, start + max(len(quote), 1), "", quote


def timestamp(value: Any) -> str:
    """An ISO 8601 time with an explicit offset, or "" when the value is not one (the import time)."""
    if not isinstance(value, str) or "T" not in value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.isoformat(timespec="microseconds")


def is_our_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value)
