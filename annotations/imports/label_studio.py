"""Label Studio JSON export: a list of tasks, streamed one task at a time.

A task is `{"data": {"text": ...}, "annotations": [{"completed_by", "result": [...]}], ...}`. Each
result item of type "labels" is a span, `value: {start, end, text, labels: [...]}`, one annotation
per label. A "textarea" result with the same region id (a per-region comment) becomes the note.
Skipped and counted: `predictions` (a model's output, not a person's: import them by exporting
them as annotations in Label Studio first), cancelled annotations, and results of any other type
(choices, relations, ratings). The annotator is `completed_by`: its email when it is an object with
one, else "label-studio:<id>". Offsets: see offsets.py (`value.text` decides each span's reading).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotations.importer import ImportFormatError
from annotations.imports import streaming
from annotations.imports.offsets import CODEPOINTS, TextUnits
from annotations.imports.records import (
    ForeignDocument,
    Irregular,
    Span,
    is_our_id,
    label_of,
    locate,
    need,
    offsets,
    quick_or_checked,
    timestamp,
)


def looks_like(element: Any) -> bool:
    return isinstance(element, dict) and isinstance(element.get("data"), dict)


def read(path: Path, unit: str | None = None) -> Iterator[ForeignDocument]:
    for index, task in streaming.json_array(path):
        yield document(f"{path}: $[{index}]", task, unit or CODEPOINTS)


def task_text(where: str, task: Any) -> tuple[str, str | None]:
    data = need(where, task, "data", dict)
    if "text" in data:
        text = need(f"{where}.data", data, "text", str)
    else:  # a labeling config whose <Text value="$body"> names another key: the one string there is
        strings = [v for v in data.values() if isinstance(v, str)]
        if len(strings) != 1:
            raise ImportFormatError(f"{where}.data.text: missing")
        text = strings[0]
    meta = task.get("meta") if isinstance(task.get("meta"), dict) else {}
    doc_path = data.get("path") or meta.get("path")
    return text, doc_path if isinstance(doc_path, str) and doc_path else None


def annotator_of(value: Any) -> str:
    if isinstance(value, dict):
        email = value.get("email")
        if isinstance(email, str) and email:
            return email
        value = value.get("id")
    if isinstance(value, (int, str)) and not isinstance(value, bool) and str(value):
        return f"label-studio:{value}"
    return ""


def document(where: str, task: Any, unit: str) -> ForeignDocument:
    """The task's spans; bad input raises ImportFormatError naming the task, annotation and result.

    Most tasks are well formed, so they are read without building a location for every result (four
    strings and eight checks a result were a third of a 1M import); anything out of the ordinary
    sends the task to `checked_document`, which names the place and says what is wrong."""
    return quick_or_checked(_quick_document, checked_document, where, task, unit)


def _quick_document(where: str, task: Any, unit: str) -> ForeignDocument:
    if type(task) is not dict or type(task.get("data")) is not dict:
        raise Irregular
    text, doc_path = task_text(where, task)
    doc = ForeignDocument(where, text, doc_path)
    units = TextUnits(text)
    resolve = units.resolve
    predictions = task.get("predictions")
    if isinstance(predictions, list):
        doc.skipped += sum(len(p.get("result") or []) for p in predictions if isinstance(p, dict))
    anns = task.get("annotations")
    if anns is None:
        return doc
    if type(anns) is not list:
        raise Irregular
    spans = doc.spans
    for ann in anns:
        if type(ann) is not dict:
            raise Irregular
        results = ann.get("result")
        if results is None:
            results = []
        elif type(results) is not list:
            raise Irregular
        if ann.get("was_cancelled") is True:
            doc.skipped += len(results)
            continue
        annotator = annotator_of(ann.get("completed_by"))
        created = timestamp(ann.get("created_at"))
        modified = timestamp(ann.get("updated_at")) or created
        notes = _notes(results)
        for item in results:
            if type(item) is not dict:
                raise Irregular
            kind = item.get("type")
            if kind != "labels":
                if kind is not None and type(kind) is not str:
                    raise Irregular
                doc.skipped += kind != "textarea" or item.get("id") not in notes
                continue
            value = item.get("value")
            if type(value) is not dict:
                raise Irregular
            start, end = value.get("start"), value.get("end")
            quote, labels = value.get("text"), value.get("labels")
            if (
                type(start) is not int
                or type(end) is not int
                or not 0 <= start < end
                or (quote is not None and type(quote) is not str)
                or type(labels) is not list
            ):
                raise Irregular
            found, how = resolve(start, end, quote, unit)
            if found is None:  # re-anchored by its text, an orphan, or bad input: locate() decides
                raise Irregular
            region = item.get("id")
            note = notes.get(region, "") if type(region) is str else ""
            for k, label in enumerate(labels):
                if type(label) is not str or not label.strip():
                    raise Irregular
                spans.append(
                    Span(
                        label,
                        found[0],
                        found[1],
                        annotator,
                        note,
                        created,
                        modified,
                        str(region) if k == 0 and is_our_id(region) else "",
                        None,
                        how,
                    )
                )
    return doc


def checked_document(where: str, task: Any, unit: str) -> ForeignDocument:
    """The careful reading: every value checked where it is, and named in the error."""
    text, doc_path = task_text(where, task)
    doc = ForeignDocument(where, text, doc_path)
    units = TextUnits(text)
    predictions = task.get("predictions")
    if isinstance(predictions, list):
        doc.skipped += sum(len(p.get("result") or []) for p in predictions if isinstance(p, dict))
    for i, ann in enumerate(need(where, task, "annotations", list, default=[])):
        at = f"{where}.annotations[{i}]"
        results = need(at, ann, "result", list, default=[])
        if ann.get("was_cancelled") is True:
            doc.skipped += len(results)
            continue
        annotator = annotator_of(ann.get("completed_by"))
        created = timestamp(ann.get("created_at"))
        modified = timestamp(ann.get("updated_at")) or created
        notes = _notes(results)
        for j, item in enumerate(results):
            item_at = f"{at}.result[{j}]"
            kind = need(item_at, item, "type", str, default="")
            if kind != "labels":
                doc.skipped += kind != "textarea" or item.get("id") not in notes
                continue
            value = need(item_at, item, "value", dict)
            vat = f"{item_at}.value"
            start, end = offsets(vat, value.get("start"), value.get("end"))
            quote = need(vat, value, "text", str, default=None)
            labels = need(vat, value, "labels", list)
            s, e, how, orphan = locate(units, vat, start, end, quote, unit)
            region = item.get("id")
            for k, label in enumerate(labels):
                doc.spans.append(
                    Span(
                        label_of(f"{vat}.labels[{k}]", label),
                        s,
                        e,
                        annotator=annotator,
                        note=notes.get(region, "") if isinstance(region, str) else "",
                        created=created,
                        modified=modified,
                        id=region if k == 0 and is_our_id(region) else "",
                        unit=how,
                        orphan=orphan,
                    )
                )
    return doc


def _notes(results: list[Any]) -> dict[str, str]:
    """Per-region comments: textarea results that share a labels result's id."""
    notes: dict[str, str] = {}
    for item in results:
        if (
            not isinstance(item, dict)
            or item.get("type") != "textarea"
            or not isinstance(item.get("id"), str)
        ):
            continue
        value = item.get("value")
        texts = value.get("text") if isinstance(value, dict) else None
        if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
            notes[item["id"]] = "\n".join(texts)
        elif isinstance(texts, str):
            notes[item["id"]] = texts
    return notes
