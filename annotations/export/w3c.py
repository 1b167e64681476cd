"""W3C Web Annotation (JSON-LD): one AnnotationCollection with an embedded first AnnotationPage.

That shape validates against the W3C test suite's collection MUSTs (and the page MUSTs on the embedded
page); every item validates against the annotation MUSTs. Each annotation targets the document by its
content hash (an RFC 6920 `ni:` URI) with a TextQuoteSelector and a TextPositionSelector; the label is a
TextualBody with purpose "tagging", a note one with purpose "commenting", a claim's verdict one with
purpose "assessing". What the model has no term for (the document path and id, the speaker, the orphan
flag, the review URL and when the verdict was set) is in the `reader:` namespace declared in the
@context, which is what lets `reader import` read this file back. Offsets are code points.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TextIO
from urllib.parse import quote

from annotations.export import ExportDocument, dumps, parse_time
from annotations.model import EARLIEST, LATEST, Annotation

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "urn:x-reader:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"reader": READER_NS}]


# The form `now_iso` writes: already UTC, already microseconds; only the "+00:00" becomes "Z".
_STORED_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
_EARLIEST, _LATEST = (t.isoformat(timespec="microseconds") for t in (EARLIEST, LATEST))


def utc_z(value: str) -> str | None:
    """The model's timestamps are xsd:dateTime; we give them in UTC with a "Z". None for a time the
    model cannot read (`parse_time`), which the writer then exports as stored."""
    if _STORED_UTC.fullmatch(value) and _EARLIEST <= value <= _LATEST:  # most: no datetime round trip
        try:
            datetime.fromisoformat(value)  # still a real date (no 31 April)
        except ValueError:
            return None
        return value[:-6] + "Z"
    parsed = parse_time(value)
    if parsed is None:
        return None
    return parsed.isoformat(timespec="microseconds").replace("+00:00", "Z")


def source_iri(document_id: str) -> str:
    if document_id.startswith("sha256:") and len(document_id) == 71:
        try:
            digest = bytes.fromhex(document_id[7:])
        except ValueError:
            digest = b""
        if len(digest) == 32:
            return "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
    return "urn:x-reader-document:" + quote(document_id, safe="")


_UUID_HEX = re.compile("[0-9a-f]{32}")


def annotation_iri(annotation_id: str) -> str:
    if _UUID_HEX.fullmatch(annotation_id):  # how the store makes ids: uuid4().hex, formatted directly
        h = annotation_id
        return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    try:
        return uuid.UUID(hex=annotation_id).urn
    except ValueError:
        return "urn:x-reader-annotation:" + quote(annotation_id, safe="")


def annotation_json(
    doc: ExportDocument, a: Annotation, source: str | None = None, unreadable: list[str] | None = None
) -> dict[str, Any]:
    """`source` is `source_iri(doc.id)`, computed once a document; an annotation with a time that
    is not a valid UTC date-time has its id added to `unreadable`."""
    body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "tagging", "value": a.label}]
    if a.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": a.note})
    if a.verdict:
        body.append({"type": "TextualBody", "purpose": "assessing", "value": a.verdict})
    selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": a.text}]
    if a.prefix:
        selectors[0]["prefix"] = a.prefix
    if a.suffix:
        selectors[0]["suffix"] = a.suffix
    selectors.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_iri(a.id),
        "type": "Annotation",
        "motivation": "tagging",
        "body": body,
        "target": {"source": source or source_iri(doc.id), "selector": selectors},
        "reader:documentId": doc.id,
        "reader:path": doc.path,
    }
    if a.annotator:
        out["creator"] = {"type": "Person", "nickname": a.annotator}
    bad = False
    for key, value in (("created", a.created), ("modified", a.modified)):
        if value:
            stamp = utc_z(value)
            out[key] = stamp or value
            bad = bad or stamp is None
    if bad and unreadable is not None:
        unreadable.append(a.id)
    if a.speaker is not None:
        out["reader:speaker"] = a.speaker
    if a.orphan:
        out["reader:orphan"] = True
    if a.review_url:
        out["reader:reviewUrl"] = a.review_url
    if a.reviewed:
        out["reader:reviewed"] = utc_z(a.reviewed)
    return out


def write(
    out: TextIO,
    documents: Iterable[ExportDocument],
    exported: str,
    warn: Callable[[str], None] | None = None,
) -> int:
    """One bad time in the store (an old import, a hand edit) must not stop the export of all the
    others: it is written as stored, and `warn` (default: stderr) is told once, with how many."""
    collection = uuid.uuid4().urn
    head = {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "reader annotations",
        "created": utc_z(exported) or exported,
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1])
    out.write(', "first": {"id": ' + json.dumps(collection + "#page1"))
    out.write(', "type": "AnnotationPage", "startIndex": 0, "items": [')
    count = 0
    unreadable: list[str] = []
    for doc in documents:
        source = source_iri(doc.id)
        for a in (*doc.annotations, *doc.orphans):
            out.write("\n" if count == 0 else ",\n")
            out.write(dumps(annotation_json(doc, a, source, unreadable)))
            count += 1
    out.write(f'\n]}}, "total": {count}}}\n')
    if unreadable:
        (warn or _to_stderr)(
            f"{len(unreadable)} annotation(s) have a time that is not a valid UTC date-time "
            f"(first: {unreadable[0]}); written as stored"
        )
    return count


def _to_stderr(message: str) -> None:
    print(f"reader: warning: {message}", file=sys.stderr)
