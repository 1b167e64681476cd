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
from annotations.imports.records import ForeignDocument, Span, label_of, locate, need, offsets

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
