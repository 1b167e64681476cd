"""One imported record checked field by field, before anything is placed or written.

Every check raises ImportFormatError with one line that starts with where the record is (file:line for
JSON Lines, a JSON path otherwise), so a careless file never reaches the store half-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from annotations.model import (
    CONTEXT,
    EARLIEST,
    EXPORT_FIELDS,
    LATEST,
    MAX_LABEL,
    MAX_NAME,
    Annotation,
    check_name,
    check_time,
)


class ImportFormatError(ValueError):
    """Bad input: the message is one line and starts with where the problem is."""


@dataclass(frozen=True)
class ParsedDocument:
    id: str
    path: str
    annotations: tuple[Annotation, ...]


def show(value: Any) -> str:
    """A value quoted for a one-line message, cut short."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def need(where: str, obj: Any, key: str, kind: type | tuple[type, ...], *, nullable: bool = False) -> Any:
    """`obj[key]`, which must be of `kind` (a bool is not an int here, though Python says it is)."""
    if not isinstance(obj, dict):
        raise ImportFormatError(f"{where}: expected an object")
    if key not in obj:
        raise ImportFormatError(f"{where}.{key}: missing")
    value = obj[key]
    if value is None and nullable:
        return None
    if isinstance(value, bool) and kind in (int, (int,)):
        raise ImportFormatError(f"{where}.{key}: expected an integer, got {value!r}")
    if not isinstance(value, kind):
        want = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ImportFormatError(f"{where}.{key}: expected {want}, got {type(value).__name__}")
    return value


MAX_OFFSET = 2**53 - 1  # what every JSON reader holds exactly; far past any document
MAX_CONTEXT = 1000  # prefix/suffix: ours are CONTEXT long; longer ones would slow the fuzzy match


def checked(where: str, check: Any, *args: Any) -> Any:
    try:
        return check(*args)
    except ValueError as exc:
        raise ImportFormatError(f"{where}: {exc}") from None


def _fields(where: str, a: Any) -> dict[str, Any]:
    """The exported fields of `a`, each of its type; `need` says which one is not (the slow path)."""
    if type(a) is dict:  # most: every field there with its type, checked in one pass
        try:
            values = {key: a[key] for key in EXPORT_FIELDS}
        except KeyError:
            values = {}
        if values and tuple(map(type, values.values())) in _KINDS:
            return values
    values = {}
    for key in EXPORT_FIELDS:
        kind: type = int if key in ("start", "end") else str
        values[key] = need(where, a, key, kind, nullable=key == "speaker")
    return values


# The types of every field in EXPORT_FIELDS order: speaker may be null.
_KINDS = {
    tuple(speaker if key == "speaker" else int if key in ("start", "end") else str for key in EXPORT_FIELDS)
    for speaker in (str, type(None))
}
_NAMES: set[tuple[str, int]] = set()  # labels and annotators already found good (a file repeats them)


def _name(where: str, kind: str, value: str, limit: int = MAX_NAME) -> None:
    """check_name, once per name (a file repeats them); `where` + "." + kind names the field."""
    if (value, limit) not in _NAMES:
        checked(f"{where}.{kind}", check_name, kind, value, limit)
        if len(_NAMES) < 10_000:
            _NAMES.add((value, limit))


def record(where: str, a: Any, document_id: str, path: str, orphan: bool) -> Annotation:
    """The Annotation in `a` (an exported record), every field checked; the location strings of the
    messages are built only for a field that fails (a million records made five million of them)."""
    values = _fields(where, a)
    uid = values["id"]
    if not (len(uid) <= MAX_NAME and uid.isprintable() and uid.strip()):
        checked(f"{where}.id", check_name, "id", uid)
    _name(where, "label", values["label"], MAX_LABEL)
    if values["annotator"]:
        _name(where, "annotator", values["annotator"])
    start, end, text = values["start"], values["end"], values["text"]
    if start < 0 or end <= start or end > MAX_OFFSET:
        raise ImportFormatError(f"{where}: bad span start={start} end={end}")
    for key in ("prefix", "suffix"):
        if len(values[key]) > MAX_CONTEXT:
            raise ImportFormatError(
                f"{where}.{key}: {len(values[key])} characters "
                f"(at most {MAX_CONTEXT}; exports write {CONTEXT})"
            )
    if len(text) != end - start:
        raise ImportFormatError(
            f"{where}.text: its length {len(text)} does not match end - start ({end - start})"
        )
    for key in ("created", "modified"):
        values[key] = _time(where, key, values[key])
    return Annotation(document_id=document_id, path=path, orphan=orphan, **values, **verdict(where, a))


# The form the store writes (`now_iso`): UTC, microseconds, "+00:00"; check_time keeps it as it is.
_STORED_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
_EARLIEST, _LATEST = (t.isoformat(timespec="microseconds") for t in (EARLIEST, LATEST))


def _time(where: str, key: str, value: str) -> str:
    """`check_time(value)`, without its datetime round trip for a time in the form the store writes."""
    if _STORED_UTC.fullmatch(value) and _EARLIEST <= value <= _LATEST:
        try:
            datetime.fromisoformat(value)  # a real date (no 31 April)
            return value
        except ValueError:
            pass
    return checked(f"{where}.{key}", check_time, value)  # type: ignore[no-any-return]


MAX_URL = 2000  # a review URL is a link, not a document


def verdict(where: str, a: dict[str, Any]) -> dict[str, Any]:
    """A claim's `verdict`, `review_url` and `reviewed`, each optional (exports written before verdicts
    have none): without them a round trip through our own formats dropped every verdict."""
    values: dict[str, Any] = {}
    for key in ("verdict", "review_url"):
        value = a.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise ImportFormatError(f"{where}.{key}: expected str or null, got {type(value).__name__}")
        limit = MAX_LABEL if key == "verdict" else MAX_URL
        values[key] = checked(f"{where}.{key}", check_name, key.replace("_", " "), value, limit)
    reviewed = a.get("reviewed") or ""
    if not isinstance(reviewed, str):
        raise ImportFormatError(f"{where}.reviewed: expected str, got {type(reviewed).__name__}")
    if reviewed:
        values["reviewed"] = checked(f"{where}.reviewed", check_time, reviewed)
    return values


def document(where: str, document_id: Any, path: Any) -> tuple[str, str]:
    """A document's id and path: the store names files and shards after them."""
    if not isinstance(document_id, str) or not isinstance(path, str):
        raise ImportFormatError(f"{where}: the document id and path must be strings")
    checked(where, check_name, "document id", document_id)
    if not path.strip() or "\x00" in path or len(path) > 4096:
        raise ImportFormatError(f"{where}: bad document path {show(path)}")
    return document_id, path
