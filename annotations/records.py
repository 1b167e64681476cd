"""One imported record checked field by field, before anything is placed or written.

Every check raises ImportFormatError with one line that starts with where the record is (file:line for
JSON Lines, a JSON path otherwise), so a careless file never reaches the store half-read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotations.model import (
    CONTEXT,
    EXPORT_FIELDS,
    MAX_LABEL,
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


def record(where: str, a: Any, document_id: str, path: str, orphan: bool) -> Annotation:
    """The Annotation in `a` (an exported record), every field checked."""
    values = {}
    for key in EXPORT_FIELDS:
        kind: type = int if key in ("start", "end") else str
        values[key] = need(where, a, key, kind, nullable=key == "speaker")
    checked(f"{where}.id", check_name, "id", values["id"])
    checked(f"{where}.label", check_name, "label", values["label"], MAX_LABEL)
    if values["annotator"]:
        checked(f"{where}.annotator", check_name, "annotator", values["annotator"])
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
        values[key] = checked(f"{where}.{key}", check_time, values[key])
    return Annotation(document_id=document_id, path=path, orphan=orphan, **values)


def document(where: str, document_id: Any, path: Any) -> tuple[str, str]:
    """A document's id and path: the store names files and shards after them."""
    if not isinstance(document_id, str) or not isinstance(path, str):
        raise ImportFormatError(f"{where}: the document id and path must be strings")
    checked(where, check_name, "document id", document_id)
    if not path.strip() or "\x00" in path or len(path) > 4096:
        raise ImportFormatError(f"{where}: bad document path {show(path)}")
    return document_id, path
