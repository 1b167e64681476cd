"""Prodigy JSON Lines: `{"text", "spans": [{"start", "end", "label"}], "answer", "_annotator_id"}`.

Prodigy is Python (spaCy) end to end, so its offsets are code points; each span's `text`, when
there, is checked all the same. Only accepted examples are imported (`answer` "accept" or absent):
a rejected or ignored one says the spans are wrong or unjudged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotations.imports import streaming
from annotations.imports.offsets import CODEPOINTS, TextUnits
from annotations.imports.records import ForeignDocument, Span, label_of, locate, need, offsets


def looks_like(record: Any) -> bool:
    return isinstance(record, dict) and isinstance(record.get("text"), str) and "spans" in record


def read(path: Path, unit: str | None = None) -> Iterator[ForeignDocument]:
    for lineno, record in streaming.jsonl(path):
        yield document(f"{path}:{lineno}", record, unit or CODEPOINTS)


def annotator_of(record: dict[str, Any]) -> str:
    """`_annotator_id` is "<dataset>-<session>"; the session part names the person."""
    value = record.get("_annotator_id") or record.get("_session_id") or ""
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""


def document(where: str, record: Any, unit: str) -> ForeignDocument:
    text = need(f"{where}: $", record, "text", str)
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    doc_path = record.get("path") or meta.get("path")
    doc = ForeignDocument(where, text, doc_path if isinstance(doc_path, str) and doc_path else None)
    spans = need(f"{where}: $", record, "spans", list, default=[])
    if record.get("answer", "accept") != "accept":
        doc.skipped += len(spans)
        return doc
    annotator = annotator_of(record)
    units = TextUnits(text)
    for i, item in enumerate(spans):
        at = f"{where}: $.spans[{i}]"
        start, end = offsets(at, need(at, item, "start", int), need(at, item, "end", int))
        label = label_of(f"{at}.label", item.get("label"))
        quote = item.get("text") if isinstance(item.get("text"), str) else None
        s, e, how, orphan = locate(units, at, start, end, quote, unit)
        doc.spans.append(Span(label, s, e, annotator=annotator, unit=how, orphan=orphan))
    return doc
