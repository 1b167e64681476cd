"""The default export: `reader.annotations` version 1 (docs/export-format.md; JSON Schema in schema/)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from annotations.export import ExportDocument, dumps

FORMAT = "reader.annotations"
VERSION = 1


def document_json(doc: ExportDocument) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "date": doc.date,
        **doc.byline(),
        "annotations": [a.to_export() for a in doc.annotations],
    }
    if doc.orphans:
        out["orphans"] = [a.to_export() for a in doc.orphans]
    return out


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    """One document per line inside the envelope: valid JSON, streamed, diff-friendly."""
    head = {"format": FORMAT, "version": VERSION, "exported": exported}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "documents": [')
    count = 0
    first = True
    for doc in documents:
        out.write("\n" if first else ",\n")
        first = False
        out.write(dumps(document_json(doc)))
        count += len(doc.annotations) + len(doc.orphans)
    out.write("\n]}\n")
    return count
