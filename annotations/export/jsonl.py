"""JSON Lines: one flat annotation a line with its document's id and path (for jq, pandas, grep)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from annotations.export import ExportDocument, dumps
from annotations.model import Annotation


def line_json(doc: ExportDocument, a: Annotation) -> dict[str, Any]:
    return {"document_id": doc.id, "path": doc.path, **a.to_export(), "orphan": a.orphan, **doc.byline()}


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    count = 0
    for doc in documents:
        for a in (*doc.annotations, *doc.orphans):
            out.write(dumps(line_json(doc, a)))
            out.write("\n")
            count += 1
    return count
