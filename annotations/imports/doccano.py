"""doccano JSON Lines: one document a line, `{"text": ..., "label": [[start, end, label], ...]}`.

Also read: the older `labels` key, the `entities` list of `{start_offset, end_offset, label}` that
span-and-relation projects export, and the keys our own exporter adds (`document_id` or `id`,
`path`, `annotator`). A `label` list of plain strings is text classification, not spans: skipped
and counted. Offsets are UTF-16 code units unless `unit` says otherwise (see offsets.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotations.importer import ImportFormatError
from annotations.imports import streaming
from annotations.imports.offsets import UTF16, TextUnits
from annotations.imports.records import (
    ForeignDocument,
    Irregular,
    Span,
    label_of,
    locate,
    need,
    offsets,
    quick_or_checked,
)

SPAN_KEYS = ("label", "labels", "entities")


def looks_like(record: Any) -> bool:
    """A text with a list of spans (our own JSON Lines has a string `label` and `start`/`end`)."""
    return (
        isinstance(record, dict)
        and isinstance(record.get("text"), str)
        and any(isinstance(record.get(k), list) for k in SPAN_KEYS)
    )


def read(path: Path, unit: str | None = None) -> Iterator[ForeignDocument]:
    for lineno, record in streaming.jsonl(path):
        yield document(f"{path}:{lineno}", record, unit or UTF16)


def document(where: str, record: Any, unit: str) -> ForeignDocument:
    """The line's spans; bad input raises ImportFormatError naming the line and the item.

    A well-formed line is read without a location string and three checks per span; anything out of
    the ordinary goes to `checked_document`, which says where and what."""
    return quick_or_checked(_quick_document, checked_document, where, record, unit)


def _quick_document(where: str, record: Any, unit: str) -> ForeignDocument:
    if type(record) is not dict:
        raise Irregular
    text, annotator, doc_path = record.get("text"), record.get("annotator"), record.get("path")
    if (
        type(text) is not str
        or (annotator is not None and type(annotator) is not str)
        or (doc_path is not None and type(doc_path) is not str)
    ):
        raise Irregular
    doc = ForeignDocument(where, text, doc_path or None)
    annotator = annotator or ""
    units = TextUnits(text)
    span = units.span
    for key in SPAN_KEYS:
        items = record.get(key)
        if items is None:
            continue
        if type(items) is not list:
            raise Irregular
        for item in items:
            kind = type(item)
            if kind is str:  # a document category (text classification)
                doc.skipped += 1
                continue
            if kind is list and len(item) == 3:
                start, end, label = item
            elif kind is dict:
                start, end, label = item.get("start_offset"), item.get("end_offset"), item.get("label")
            else:
                raise Irregular
            if type(start) is not int or type(end) is not int or type(label) is not str or not label.strip():
                raise Irregular
            found = span(start, end, unit) if 0 <= start < end else None
            if found is None:
                raise Irregular
            doc.spans.append(Span(label, found[0], found[1], annotator, unit=unit))
    return doc


def checked_document(where: str, record: Any, unit: str) -> ForeignDocument:
    """The careful reading: every value checked where it is, and named in the error."""
    text = need(f"{where}: $", record, "text", str)
    annotator = need(f"{where}: $", record, "annotator", str, default="")
    doc_path = need(f"{where}: $", record, "path", str, default=None)
    doc = ForeignDocument(where, text, doc_path or None)
    units = TextUnits(text)
    for key in SPAN_KEYS:
        items = need(f"{where}: $", record, key, list, default=[])
        for i, item in enumerate(items):
            at = f"{where}: $.{key}[{i}]"
            if isinstance(item, str):  # a document category (text classification)
                doc.skipped += 1
                continue
            if isinstance(item, list):
                if len(item) != 3:
                    raise ImportFormatError(f"{at}: expected [start, end, label], got {len(item)} items")
                raw_start, raw_end, label = item
            elif isinstance(item, dict):
                raw_start, raw_end = item.get("start_offset"), item.get("end_offset")
                label = item.get("label")
            else:
                raise ImportFormatError(f"{at}: expected [start, end, label], got {type(item).__name__}")
            start, end = offsets(at, raw_start, raw_end)
            label = label_of(at, label)
            s, e, how, _ = locate(units, at, start, end, None, unit)
            doc.spans.append(Span(label, s, e, annotator=annotator, unit=how))
    return doc
