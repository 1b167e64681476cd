"""Every store file is checked when read, so that a file the store did not write is reported as
corrupt (one line, set aside by `reader stats --recover`) instead of raising KeyError or TypeError
deep inside a command, and so that no write ever replaces it.

The checks are on shape and types only: what an older version of the store wrote always passes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotations.model import EXPORT_FIELDS, VERDICT_FIELDS
from annotations.storage import corrupt_error

DOC_FORMAT = "reader.store.document"
VERSION = 1
TABLES = ("meta", "annotations", "history", "overrides", "dismissed")
_REQUIRED_STR = ("id", "document_id", "path", "label", "text")
# Every other text field the record holds, read from the model so a field added there is checked here.
_OPTIONAL_STR = tuple(f for f in EXPORT_FIELDS if f not in (*_REQUIRED_STR, "start", "end")) + VERDICT_FIELDS


class Invalid(ValueError):
    """What is wrong with a record, for the one-line message."""


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_record(record: Any) -> None:
    """An annotation as `Annotation.to_json` writes it."""
    if not isinstance(record, dict):
        raise Invalid("an annotation record is not an object")
    for name in _REQUIRED_STR:
        if not isinstance(record.get(name), str):
            raise Invalid(f"an annotation record has no text {name!r}")
    if not (_int(record.get("start")) and _int(record.get("end"))):
        raise Invalid("an annotation record has no whole-number start and end")
    for name in _OPTIONAL_STR:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise Invalid(f"an annotation record's {name!r} is not text")
    if not isinstance(record.get("orphan", False), bool):
        raise Invalid("an annotation record's 'orphan' is not true or false")


def _check_step(step: Any) -> None:
    if not isinstance(step, dict) or not isinstance(step.get("description"), str):
        raise Invalid("an undo step has no description")
    for name in ("removed", "added"):
        records = step.get(name)
        if not isinstance(records, list):
            raise Invalid(f"an undo step's {name!r} is not a list")
        for record in records:
            check_record(record)
    for override in step.get("overrides", []):
        if not (
            isinstance(override, list)
            and len(override) == 3
            and isinstance(override[0], str)
            and all(v is None or isinstance(v, bool) for v in override[1:])
        ):
            raise Invalid("an undo step's line override is malformed")
    if not isinstance(step.get("annotator", ""), str):
        raise Invalid("an undo step's annotator is not text")


def _check_history(entry: dict[str, Any]) -> None:
    if not isinstance(entry.get("annotator", ""), str):
        raise Invalid("a history's annotator is not text")
    for name in ("undo", "redo"):
        steps = entry.get(name)
        if not isinstance(steps, list):
            raise Invalid(f"the {name} history is not a list")
        for step in steps:
            _check_step(step)


def _check_tables(data: dict[str, Any]) -> None:
    meta = data.get("meta", {}).get("1")
    if not isinstance(meta.get("document_id"), str) or not isinstance(meta.get("path"), str):
        raise Invalid("the document meta has no text document_id and path")
    if not _int(meta.get("rev", 0)):
        raise Invalid("the document meta's rev is not a whole number")
    for record in data.get("annotations", {}).values():
        check_record(record)
    for entry in data.get("history", {}).values():
        _check_history(entry)
    for entry in data.get("overrides", {}).values():
        if not (isinstance(entry.get("line"), str) and isinstance(entry.get("kept"), bool)):
            raise Invalid("a line override is malformed")
    for entry in data.get("dismissed", {}).values():
        if not (isinstance(entry.get("label"), str) and _int(entry.get("start")) and _int(entry.get("end"))):
            raise Invalid("a dismissed suggestion is malformed")


def check_doc_data(path: Path, data: Any) -> None:
    """Refuse a file that is not one of our document files, so that no write ever replaces it."""
    if data is None:
        return
    if not isinstance(data, dict) or any(not isinstance(v, dict) for v in data.values()):
        raise corrupt_error(path, "not a reader document file (not TinyDB tables)")
    if any(not isinstance(doc, dict) for table in data.values() for doc in table.values()):
        raise corrupt_error(path, "not a reader document file (a table row is not an object)")
    if any(not key.isdigit() for table in data.values() for key in table):
        raise corrupt_error(path, "not a reader document file (a table row id is not a number)")
    meta = data.get("meta", {}).get("1")
    if not isinstance(meta, dict) or meta.get("format") != DOC_FORMAT:
        raise corrupt_error(path, "not a reader document file (no reader.store.document meta)")
    if meta.get("version") != VERSION:
        raise corrupt_error(path, f"unsupported document file version {meta.get('version')!r}")
    unknown = set(data) - set(TABLES) - {"_default"}
    if unknown:
        raise corrupt_error(path, f"unknown tables {sorted(unknown)}")
    try:
        _check_tables(data)
    except Invalid as exc:
        raise corrupt_error(path, f"a malformed document file ({exc})") from None


def check_shard_entries(path: Path, fmt: str, entries: dict[str, Any]) -> None:
    """Index entries (path, counts, spans, rev) or path entries (path -> document id)."""
    for key, entry in entries.items():
        if fmt.endswith(".paths"):
            good = isinstance(entry, str)
        else:
            good = (
                isinstance(entry, dict)
                and isinstance(entry.get("path"), str)
                and _int(entry.get("annotations"))
                and _int(entry.get("orphans"))
                and _int(entry.get("rev", 0))
                and isinstance(entry.get("spans"), str)  # "s,e,s,e": parsed when read (index.SpanList)
                and isinstance(entry.get("annotators", []), list)
                and isinstance(entry.get("finished", []), list)
            )
        if not good:
            raise corrupt_error(path, f"a malformed {fmt} entry for {key[:80]!r}")
