"""Read our own exports back (json, jsonl, w3c) and merge them into a store without duplicates.

Everything is read and checked before the store is touched: bad input raises ImportFormatError with a
one-line message that says where (file:line for JSON syntax and JSON Lines, a JSON path otherwise).
Documents are matched by id, then by path; an annotation keeps its offsets when the text is still
there, else it is re-anchored by its text and context, else kept as an orphan. Merging skips what
the store already holds (same id, or same annotator, span and label), so importing twice changes nothing.
"""

from __future__ import annotations

import base64
import codecs
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from annotations.anchoring import place
from annotations.model import Annotation, DocumentRef
from annotations.reasons import os_reason
from annotations.records import ImportFormatError, ParsedDocument, document, need, record, show
from annotations.strictjson import JsonProblem, loads


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
    text = _decode(name, raw)
    if not text.strip():
        return "jsonl", []  # what a JSON Lines export of an empty selection is
    if text.lstrip().startswith("document_id,"):
        raise ImportFormatError(
            f"{name}: a CSV export cannot be imported (it is for spreadsheets); "
            "import a json, jsonl or w3c export"
        )
    try:
        data = loads(text)
    except JsonProblem as exc:
        if exc.syntax and _looks_like_jsonl(text):
            return "jsonl", _checked(name, _parse_jsonl(name, text))
        raise ImportFormatError(f"{name}:{exc}") from None
    if isinstance(data, dict) and "format" in data:
        if data["format"] != "reader.annotations":
            raise ImportFormatError(f"{name}: $.format: unknown format {show(data['format'])}")
        return "json", _checked(name, _parse_reader(name, data))
    if isinstance(data, dict) and "document_id" in data:
        return "jsonl", _checked(name, _parse_jsonl(name, text))
    if _is_w3c(data):
        return "w3c", _checked(name, _parse_w3c(name, data))
    raise ImportFormatError(
        f"{name}: $: not a reader export (expected reader.annotations JSON, JSON Lines or W3C annotations)"
    )


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF8, "utf-8-sig"),
)  # UTF-32 LE first: its BOM starts like UTF-16 LE's


def _decode(name: str, raw: bytes) -> str:
    """UTF-8 (a BOM allowed), or UTF-16/32 when a BOM says so: what editors save an export as."""
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{name}: not {encoding.upper()} text (bad byte at offset {exc.start})"
        ) from None
    if "\x00" in text:
        raise ImportFormatError(f"{name}: a binary file (it holds NUL bytes), not an export")
    return text


def _checked(name: str, docs: list[ParsedDocument]) -> list[ParsedDocument]:
    """Refuse an id used twice: the store finds, undoes and exports annotations by id, so two records
    with one id (in one document or two) would let one silently stand for the other."""
    seen: dict[str, str] = {}
    for doc in docs:
        for a in doc.annotations:
            if a.id in seen:
                where = (
                    "twice in document " + show(doc.path)
                    if seen[a.id] == doc.path
                    else (f"in documents {show(seen[a.id])} and {show(doc.path)}")
                )
                raise ImportFormatError(f"{name}: annotation id {show(a.id)} is used {where}")
            seen[a.id] = doc.path
    return docs


def _looks_like_jsonl(text: str) -> bool:
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    try:
        return isinstance(loads(first), dict)
    except JsonProblem as exc:
        return not exc.syntax  # a sound JSON line with a bad value: read as JSON Lines, to say where


def _is_w3c(data: Any) -> bool:
    if isinstance(data, list):
        return all(isinstance(x, dict) and x.get("type") == "Annotation" for x in data)
    return isinstance(data, dict) and data.get("type") in (
        "AnnotationCollection",
        "AnnotationPage",
        "Annotation",
    )


def check_version(name: str, version: Any) -> None:
    if version != 1:
        raise ImportFormatError(f"{name}: $.version: unsupported version {version!r} (this reader reads 1)")


def _parse_reader(name: str, data: dict[str, Any]) -> list[ParsedDocument]:
    check_version(name, data.get("version"))
    docs = need(f"{name}: $", data, "documents", list)
    return [reader_document(name, i, d) for i, d in enumerate(docs)]


def reader_document(name: str, i: int, d: Any) -> ParsedDocument:
    """`$.documents[i]` of our json export, every record checked."""
    where = f"{name}: $.documents[{i}]"
    document_id, path = document(where, need(where, d, "id", str), need(where, d, "path", str))
    anns: list[Annotation] = []
    for key, orphan in (("annotations", False), ("orphans", True)):
        if key == "orphans" and key not in d:
            continue
        for j, a in enumerate(need(where, d, key, list)):
            anns.append(record(f"{where}.{key}[{j}]", a, document_id, path, orphan))
    return ParsedDocument(document_id, path, tuple(anns))


def _parse_jsonl(name: str, text: str) -> list[ParsedDocument]:
    groups: dict[tuple[str, str], list[Annotation]] = {}
    # split on \n only: str.splitlines would also cut at U+2028 and friends inside JSON strings
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            a = loads(line)
        except JsonProblem as exc:
            raise ImportFormatError(f"{where}:{exc.column}: {exc.reason}") from None
        found = jsonl_record(where, a)
        groups.setdefault((found.document_id, found.path), []).append(found)
    return [ParsedDocument(d, p, tuple(anns)) for (d, p), anns in groups.items()]


def jsonl_record(where: str, a: Any) -> Annotation:
    """One line of our jsonl export, checked."""
    document_id, path = document(where, need(where, a, "document_id", str), need(where, a, "path", str))
    orphan = a.get("orphan", False)
    if not isinstance(orphan, bool):
        raise ImportFormatError(f"{where}.orphan: expected true or false")
    return record(where, a, document_id, path, orphan)


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
    items = need(f"{name}: {prefix}", page, "items", list)
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
        annotation_id = _from_iri(need(where, item, "id", str), "urn:x-reader-annotation:")
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
        target = need(where, item, "target", dict)
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
            need(f"{where}.target", target, "source", str)
        )
        path = item.get("reader:path") or target.get("source")
        document_id, path = document(where, document_id, path)
        creator = item.get("creator") if isinstance(item.get("creator"), dict) else {}
        flat = {
            "id": annotation_id,
            "label": label,
            "start": position.get("start"),
            "end": position.get("end"),
            "text": quote.get("exact"),
            "prefix": quote.get("prefix", ""),
            "suffix": quote.get("suffix", ""),
            "note": note,
            "speaker": item.get("reader:speaker"),
            "annotator": creator.get("nickname") or creator.get("name") or "",
            "created": item.get("created", ""),
            "modified": item.get("modified", item.get("created", "")),
            # A claim's verdict: an "assessing" body, and the review in the reader: namespace.
            "verdict": next(
                (b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "assessing"),
                None,
            ),
            "review_url": item.get("reader:reviewUrl"),
            "reviewed": item.get("reader:reviewed", ""),
        }
        orphan = item.get("reader:orphan", False) is True
        groups.setdefault((document_id, path), []).append(record(where, flat, document_id, path, orphan))
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
    """Merge the plan; an annotation that names no annotator is recorded as the store's annotator.

    Raises ImportFormatError, before anything is written, when an id is already the store's under
    another document: the store finds, edits and undoes annotations by id. Reads the whole store once.
    """
    incoming = {a.id: document_id for document_id, _, anns in import_plan.documents for a in anns}
    if incoming:
        for held in store.iter_all():
            other = incoming.get(held.id)
            if other is not None and other != held.document_id:
                raise ImportFormatError(
                    f"annotation id {show(held.id)} is already in the store, in document {show(held.path)}"
                )
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
    try:
        return apply(store, plan(fmt, parsed, corpus))
    except ImportFormatError as exc:
        raise ImportFormatError(f"{path}: {exc}") from None
