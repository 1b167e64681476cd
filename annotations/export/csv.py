"""CSV for spreadsheets: a header row, one annotation a row, RFC 4180 quoting, no formula injection.

Offsets are code points (Python `str` indices), as in every format of ours."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from annotations.export import ExportDocument, printable
from annotations.model import EXPORT_FIELDS, VERDICT_FIELDS

BYLINE = ("author", "outlet", "url")  # the article's, as recorded when it was opened ("" when unknown)
# The verdict and byline columns come last, so scripts written for the earlier columns read the same cells.
COLUMNS = ("document_id", "path", "title", "date", *EXPORT_FIELDS, "orphan", *VERDICT_FIELDS, *BYLINE)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Article text is untrusted: a cell a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str):
        value = printable(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    """`out` should be opened with newline="" (the csv module writes the CRLF RFC 4180 asks for)."""
    rows = csv.writer(out, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    rows.writerow(COLUMNS)
    count = 0
    for doc in documents:
        for a in (*doc.annotations, *doc.orphans):
            record = {
                "document_id": doc.id,
                "path": doc.path,
                "title": doc.title or "",
                "date": doc.date or "",
                **a.to_export(),
                "speaker": a.speaker or "",
                "orphan": "true" if a.orphan else "false",
                "verdict": a.verdict or "",
                "review_url": a.review_url or "",
                "reviewed": a.reviewed,
                "author": doc.author or "",
                "outlet": doc.outlet or "",
                "url": doc.url or "",
            }
            rows.writerow([safe_cell(record[c]) for c in COLUMNS])
            count += 1
    return count
