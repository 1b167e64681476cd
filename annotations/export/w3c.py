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
import uuid
from collections.abc import Iterable
from datetime import timezone
from typing import Any, TextIO
from urllib.parse import quote

from annotations.export import ExportDocument, dumps, parse_time
from annotations.model import Annotation

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "urn:x-reader:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"reader": READER_NS}]


def utc_z(value: str) -> str:
    """The model's timestamps are xsd:dateTime; we always give them in UTC with a "Z"."""
    parsed = parse_time(value)
    if parsed is None:
        raise ValueError(f"not an ISO 8601 time: {value!r}")
    return parsed.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def source_iri(document_id: str) -> str:
    if document_id.startswith("sha256:") and len(document_id) == 71:
        try:
            digest = bytes.fromhex(document_id[7:])
        except ValueError:
            digest = b""
        if len(digest) == 32:
            return "ni:///sha-256;" + base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
    return "urn:x-reader-document:" + quote(document_id, safe="")


def annotation_iri(annotation_id: str) -> str:
    try:
        return uuid.UUID(hex=annotation_id).urn
    except ValueError:
        return "urn:x-reader-annotation:" + quote(annotation_id, safe="")


def annotation_json(doc: ExportDocument, a: Annotation) -> dict[str, Any]:
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
        "target": {"source": source_iri(doc.id), "selector": selectors},
        "reader:documentId": doc.id,
        "reader:path": doc.path,
    }
    if a.annotator:
        out["creator"] = {"type": "Person", "nickname": a.annotator}
    if a.created:
        out["created"] = utc_z(a.created)
    if a.modified:
        out["modified"] = utc_z(a.modified)
    if a.speaker is not None:
        out["reader:speaker"] = a.speaker
    if a.orphan:
        out["reader:orphan"] = True
    if a.review_url:
        out["reader:reviewUrl"] = a.review_url
    if a.reviewed:
        out["reader:reviewed"] = utc_z(a.reviewed)
    return out


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    collection = uuid.uuid4().urn
    head = {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "reader annotations",
        "created": utc_z(exported),
    }
    out.write(json.dumps(head, ensure_ascii=False)[:-1])
    out.write(', "first": {"id": ' + json.dumps(collection + "#page1"))
    out.write(', "type": "AnnotationPage", "startIndex": 0, "items": [')
    count = 0
    for doc in documents:
        for a in (*doc.annotations, *doc.orphans):
            out.write("\n" if count == 0 else ",\n")
            out.write(dumps(annotation_json(doc, a)))
            count += 1
    out.write(f'\n]}}, "total": {count}}}\n')
    return count
