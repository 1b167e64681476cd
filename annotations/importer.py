"""Read our own exports back (json, jsonl, w3c) and merge them into a store without duplicates.

Everything is read and checked before the store is touched: bad input raises ImportFormatError with a
one-line message that says where (file:line for JSON syntax and JSON Lines, a JSON path otherwise).
Documents are matched by id, then by path; an annotation keeps its offsets when the text is still
there, else it is re-anchored by its text and context, else kept as an orphan. Merging skips what
the store already holds (same id, or same annotator, span and label), so importing twice changes nothing.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from annotations.anchoring import place
from annotations.export import parse_time
from annotations.model import EXPORT_FIELDS, Annotation, DocumentRef
from annotations.reasons import os_reason


class ImportFormatError(ValueError):
    """Bad input: the message is one line and starts with where the problem is."""


@dataclass(frozen=True)
class ParsedDocument:
    id: str
    path: str
    annotations: tuple[Annotation, ...]


@dataclass
class ImportPlan:
    format: str
    documents: list[tuple[str, str, list[Annotation]]]  # (document id, path, annotations to merge)
    kept_in_place: int = 0
    reanchored: int = 0
    orphans: list[Annotation] = field(default_factory=list)
    unverified: int = 0  # annotations of documents not in the corpus, kept as they were exported


@dataclass(frozen=True)
class ImportReport:
    format: str
    documents: int
    added: int
    skipped: int
    reanchored: int
    orphans: tuple[Annotation, ...]
    unverified: int


# ---------------------------------------------------------------- reading


def read_export(path: Path) -> tuple[str, list[ParsedDocument]]:
    """(format, documents) from a file written by `reader export`; raises ImportFormatError."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{name}: cannot read ({os_reason(exc)})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        return "jsonl", []  # what a JSON Lines export of an empty selection is
    if text.lstrip().startswith("document_id,"):
        raise ImportFormatError(
            f"{name}: a CSV export cannot be imported (it is for spreadsheets); "
            "import a json, jsonl or w3c export"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if _looks_like_jsonl(text):
            return "jsonl", _parse_jsonl(name, text)
        raise ImportFormatError(f"{name}:{exc.lineno}:{exc.colno}: not JSON ({exc.msg})") from None
    if isinstance(data, dict) and "format" in data:
        if data["format"] != "reader.annotations":
            raise ImportFormatError(f"{name}: $.format: unknown format {data['format']!r}")
        return "json", _parse_reader(name, data)
    if isinstance(data, dict) and "document_id" in data:
        return "jsonl", _parse_jsonl(name, text)
    if _is_w3c(data):
        return "w3c", _parse_w3c(name, data)
    raise ImportFormatError(
        f"{name}: $: not a reader export (expected reader.annotations JSON, JSON Lines or W3C annotations)"
    )


def _looks_like_jsonl(text: str) -> bool:
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _is_w3c(data: Any) -> bool:
    if isinstance(data, list):
        return all(isinstance(x, dict) and x.get("type") == "Annotation" for x in data)
    return isinstance(data, dict) and data.get("type") in (
        "AnnotationCollection",
        "AnnotationPage",
        "Annotation",
    )


def _need(where: str, obj: Any, key: str, kind: type | tuple[type, ...], *, nullable: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise ImportFormatError(f"{where}: expected an object")
    if key not in obj:
        raise ImportFormatError(f"{where}.{key}: missing")
    value = obj[key]
    if value is None and nullable:
        return None
    if isinstance(value, bool) and kind in (int, (int,)):
        raise ImportFormatError(f"{where}.{key}: expected an integer, got {value!r}")
    if not isinstance(value, kind):
        want = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        raise ImportFormatError(f"{where}.{key}: expected {want}, got {type(value).__name__}")
    return value


def _time(where: str, value: str) -> str:
    parsed = parse_time(value)
    if parsed is None or "T" not in value:
        raise ImportFormatError(f"{where}: not an ISO 8601 date-time: {value!r}")
    if value.endswith("Z"):
        return value[:-1] + "+00:00"
    return value


def _annotation(where: str, a: Any, document_id: str, path: str, orphan: bool) -> Annotation:
    values = {}
    for key in EXPORT_FIELDS:
        kind: type = int if key in ("start", "end") else str
        values[key] = _need(where, a, key, kind, nullable=key == "speaker")
    if not values["id"]:
        raise ImportFormatError(f"{where}.id: empty")
    if not values["label"]:
        raise ImportFormatError(f"{where}.label: empty")
    start, end, text = values["start"], values["end"], values["text"]
    if start < 0 or end <= start:
        raise ImportFormatError(f"{where}: bad span start={start} end={end}")
    if len(text) != end - start:
        raise ImportFormatError(
            f"{where}.text: its length {len(text)} does not match end - start ({end - start})"
        )
    for key in ("created", "modified"):
        values[key] = _time(f"{where}.{key}", values[key])
    return Annotation(document_id=document_id, path=path, orphan=orphan, **values)


def _parse_reader(name: str, data: dict[str, Any]) -> list[ParsedDocument]:
    version = data.get("version")
    if version != 1:
        raise ImportFormatError(f"{name}: $.version: unsupported version {version!r} (this reader reads 1)")
    docs = _need(f"{name}: $", data, "documents", list)
    out = []
    for i, d in enumerate(docs):
        where = f"{name}: $.documents[{i}]"
        document_id = _need(where, d, "id", str)
        path = _need(where, d, "path", str)
        anns: list[Annotation] = []
        for key, orphan in (("annotations", False), ("orphans", True)):
            if key == "orphans" and key not in d:
                continue
            for j, a in enumerate(_need(where, d, key, list)):
                anns.append(_annotation(f"{where}.{key}[{j}]", a, document_id, path, orphan))
        out.append(ParsedDocument(document_id, path, tuple(anns)))
    return out


def _parse_jsonl(name: str, text: str) -> list[ParsedDocument]:
    groups: dict[tuple[str, str], list[Annotation]] = {}
    # split on \n only: str.splitlines would also cut at U+2028 and friends inside JSON strings
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            a = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"{where}:{exc.colno}: not JSON ({exc.msg})") from None
        document_id = _need(where, a, "document_id", str)
        path = _need(where, a, "path", str)
        orphan = a.get("orphan", False)
        if not isinstance(orphan, bool):
            raise ImportFormatError(f"{where}.orphan: expected true or false")
        groups.setdefault((document_id, path), []).append(_annotation(where, a, document_id, path, orphan))
    return [ParsedDocument(d, p, tuple(anns)) for (d, p), anns in groups.items()]


def _w3c_items(name: str, data: Any) -> list[tuple[str, Any]]:
    if isinstance(data, list):
        return [(f"{name}: $[{i}]", a) for i, a in enumerate(data)]
    if data.get("type") == "Annotation":
        return [(f"{name}: $", data)]
    if data.get("type") == "AnnotationCollection":
        page = data.get("first")
        if page is None:
            return []
        if not isinstance(page, dict):
            raise ImportFormatError(f"{name}: $.first: the page must be embedded, not a link")
        prefix = "$.first"
    else:
        page, prefix = data, "$"
    items = _need(f"{name}: {prefix}", page, "items", list)
    return [(f"{name}: {prefix}.items[{i}]", a) for i, a in enumerate(items)]


def _from_iri(value: str, namespace: str) -> str:
    if value.startswith("urn:uuid:"):
        try:
            return uuid.UUID(value[9:]).hex
        except ValueError:
            return value
    if value.startswith(namespace):
        return unquote(value[len(namespace) :])
    return value


def _document_from_source(source: str) -> str:
    if source.startswith("ni:///sha-256;"):
        b64 = source[len("ni:///sha-256;") :]
        try:
            return "sha256:" + base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4)).hex()
        except ValueError:
            return source
    return _from_iri(source, "urn:x-reader-document:")


def _parse_w3c(name: str, data: Any) -> list[ParsedDocument]:
    groups: dict[tuple[str, str], list[Annotation]] = {}
    for where, item in _w3c_items(name, data):
        annotation_id = _from_iri(_need(where, item, "id", str), "urn:x-reader-annotation:")
        bodies = item.get("body", [])
        bodies = bodies if isinstance(bodies, list) else [bodies]
        label = next(
            (b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"), None
        )
        if not isinstance(label, str) or not label:
            raise ImportFormatError(f"{where}.body: no TextualBody with purpose 'tagging' (the label)")
        note = next(
            (b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"), ""
        )
        target = _need(where, item, "target", dict)
        selectors = target.get("selector", [])
        selectors = selectors if isinstance(selectors, list) else [selectors]
        quote = next(
            (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None
        )
        position = next(
            (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None
        )
        if quote is None or position is None:
            raise ImportFormatError(
                f"{where}.target.selector: needs a TextQuoteSelector and a TextPositionSelector"
            )
        document_id = item.get("reader:documentId") or _document_from_source(
            _need(f"{where}.target", target, "source", str)
        )
        path = item.get("reader:path") or str(target.get("source"))
        creator = item.get("creator") if isinstance(item.get("creator"), dict) else {}
        flat = {
            "id": annotation_id,
            "label": label,
            "start": position.get("start"),
            "end": position.get("end"),
            "text": quote.get("exact"),
            "prefix": quote.get("prefix", ""),
            "suffix": quote.get("suffix", ""),
            "note": note if isinstance(note, str) else "",
            "speaker": item.get("reader:speaker"),
            "annotator": creator.get("nickname") or creator.get("name") or "",
            "created": item.get("created", ""),
            "modified": item.get("modified", item.get("created", "")),
        }
        orphan = item.get("reader:orphan", False) is True
        groups.setdefault((str(document_id), str(path)), []).append(
            _annotation(where, flat, str(document_id), str(path), orphan)
        )
    return [ParsedDocument(d, p, tuple(anns)) for (d, p), anns in groups.items()]


# ---------------------------------------------------------------- anchoring and merging


def plan(fmt: str, parsed: Sequence[ParsedDocument], corpus: Iterable[DocumentRef]) -> ImportPlan:
    """Place every annotation on the corpus (pure: nothing is written)."""
    by_id: dict[str, DocumentRef] = {}
    by_path: dict[str, DocumentRef] = {}
    for doc in corpus:
        by_id.setdefault(doc.id, doc)
        by_path.setdefault(doc.path, doc)
    result = ImportPlan(fmt, [])
    targets: dict[tuple[str, str], list[Annotation]] = {}
    for pdoc in parsed:
        found = by_id.get(pdoc.id) or by_path.get(pdoc.path)
        if found is None:
            result.unverified += len(pdoc.annotations)
            targets.setdefault((pdoc.id, pdoc.path), []).extend(pdoc.annotations)
            continue
        placed = targets.setdefault((found.id, found.path), [])
        for a in pdoc.annotations:
            placed.append(_place(found, a, result))
    result.documents = [(d, p, anns) for (d, p), anns in targets.items()]
    return result


def _place(doc: DocumentRef, a: Annotation, result: ImportPlan) -> Annotation:
    placed, found = place(a, doc)
    if found is None:
        result.orphans.append(placed)
    elif found.how == "position":
        result.kept_in_place += 1
    else:
        result.reanchored += 1
    return placed


def apply(store: Any, import_plan: ImportPlan) -> ImportReport:
    """Merge the plan; an annotation that names no annotator is recorded as the store's annotator."""
    added = skipped = 0
    for document_id, path, anns in import_plan.documents:
        anns = [a if a.annotator else replace(a, annotator=store.annotator) for a in anns]
        report = store.merge(document_id, path, anns)
        added += report.added
        skipped += report.skipped
    return ImportReport(
        format=import_plan.format,
        documents=len(import_plan.documents),
        added=added,
        skipped=skipped,
        reanchored=import_plan.reanchored,
        orphans=tuple(import_plan.orphans),
        unverified=import_plan.unverified,
    )


def import_file(store: Any, path: Path, corpus: Iterable[DocumentRef]) -> ImportReport:
    """Read and check all of `path`, place it on `corpus`, then merge into `store`."""
    fmt, parsed = read_export(path)
    return apply(store, plan(fmt, parsed, corpus))
