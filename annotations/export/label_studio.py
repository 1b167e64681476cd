"""Label Studio tasks JSON: one task per document, one annotation per annotator, suggestions as predictions.

A task is `{"data": {"text", "document_id", "path", "title"}, "annotations": [...], "predictions": [...]}`;
each annotation's `result` holds one `labels` region per span (`value`: start, end, text, labels) and,
for a span with a note or a speaker, `textarea` regions with the same id (per-region text areas
"note" and "speaker"), all against the configuration `label_config` prints (`reader export --ls-config`).

Offsets are Unicode code points of `data.text`, `\\r\\n` counted as two: what Label Studio's `<Text>` tag
counts (its frontend counts code points, not JavaScript's UTF-16 units, since the fix of issue #1008:
its end-to-end test "NER - Emoji - Text" expects code points; its Text tag documentation says `\\r\\n`
is two symbols), and what its Python SDK's converters slice with.

`completed_by` is `{"email": <annotator>}`: Label Studio's SDK converters name the annotator from it;
Label Studio's importer keeps only a numeric user id, so on import the annotations are credited to the
importing user. Open suggestions (annotator `reader-suggest`, written with --include-suggestions) are a
prediction with model_version `reader-suggest`. A region's id is the annotation's id. Dropped: orphans
(no place in the text), the prefix/suffix context, each tag's own times (an annotation has the earliest
`created` and the latest `modified` of its tags).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from annotations.export import ExportDocument, dumps
from annotations.export.interchange import SUGGESTER, by_annotator, placed, text_order
from annotations.model import Annotation

FROM_NAME = "label"
TO_NAME = "text"
NOTE = "note"
SPEAKER = "speaker"
_PER_REGION = 'perRegion="true" editable="true" maxSubmissions="1"'


def label_config(labels: Sequence[str]) -> str:
    """The labelling configuration the exported tasks validate against."""
    lines = ["<View>", f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">']
    lines += [f"    <Label value={quoteattr(label)}/>" for label in labels]
    lines += [
        "  </Labels>",
        f'  <Text name="{TO_NAME}" value="$text"/>',
        *(f'  <TextArea name="{area}" toName="{TO_NAME}" {_PER_REGION}/>' for area in (NOTE, SPEAKER)),
        "</View>",
    ]
    return "\n".join(lines) + "\n"


def regions(a: Annotation) -> list[dict[str, Any]]:
    span = {"start": a.start, "end": a.end}
    out: list[dict[str, Any]] = [
        {
            "id": a.id,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {**span, "text": a.text, "labels": [a.label]},
        }
    ]
    for name, value in ((NOTE, a.note), (SPEAKER, a.speaker)):
        if value:
            area = {**span, "text": [value]}
            out.append({"id": a.id, "from_name": name, "to_name": TO_NAME, "type": "textarea", "value": area})
    return out


def result(anns: list[Annotation]) -> list[dict[str, Any]]:
    return [region for a in anns for region in regions(a)]


def task_json(doc: ExportDocument, text: str) -> tuple[dict[str, Any], int]:
    anns = list(placed(sorted(doc.annotations, key=text_order), text))
    groups = by_annotator(anns)
    suggested = groups.pop(SUGGESTER, [])
    annotations = []
    for annotator, own in groups.items():
        annotations.append(
            {
                "completed_by": {"email": annotator},
                "result": result(own),
                "was_cancelled": False,
                "ground_truth": False,
                "created_at": min(a.created for a in own),
                "updated_at": max(a.modified or a.created for a in own),
            }
        )
    task: dict[str, Any] = {
        "data": {"text": text, "document_id": doc.id, "path": doc.path, "title": doc.title, **doc.byline()},
        "annotations": annotations,
    }
    if suggested:
        task["predictions"] = [{"model_version": SUGGESTER, "result": result(suggested)}]
    return task, len(anns)


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    """A JSON array, one task a line: valid JSON, streamed one document at a time."""
    out.write("[")
    count = 0
    first = True
    for doc in documents:
        if doc.text is None:
            continue
        task, n = task_json(doc, doc.text)
        out.write("\n" if first else ",\n")
        first = False
        out.write(dumps(task))
        count += n
    out.write("\n]\n")
    return count
