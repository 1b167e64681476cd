"""Our own json and jsonl exports, imported in two streamed passes, as the other tools' files are.

`reader import` read the whole file, then held every parsed annotation and every corpus text: 2.3 GB
at a million annotations. Here pass one (`check`) reads the file and checks every record, sorting
8-byte hashes of the ids on disk for the checks across the file (an id used twice; an id the store
already holds under another document: a hash hit is confirmed by reading the file again) and keeping
the checked documents in a spool; pass two (`merge`) reads them back (or the file again, without a
spool) and merges one document at a time, re-anchoring against that document's text only. A W3C
file, a UTF-16 file or an envelope whose first member is not `format` is read whole by `read_export`,
as before (`sniff` says which).
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from annotations.anchoring import place
from annotations.importer import (
    ImportFormatError,
    ImportReport,
    check_version,
    jsonl_record,
    reader_document,
)
from annotations.imports import streaming
from annotations.imports.sortedruns import SortedRuns, matching, missing, repeated
from annotations.imports.spool import Spool
from annotations.model import Annotation, DocumentRef, context
from annotations.records import ParsedDocument, need, show
from annotations.strictjson import JsonProblem, loads

STREAMED = ("json", "jsonl")
_ENVELOPE = re.compile(r'\{\s*"format"\s*:\s*"reader\.annotations"\s*,')
Identity = tuple[str, str, Callable[[], str]]  # text id, path in the corpus, the text when needed


def sniff(path: Path) -> str | None:
    """ "json" or "jsonl" for a file `reader export` wrote that can be streamed; None: read it whole."""
    with streaming.open_binary(path) as handle:
        head = handle.read(streaming.CHUNK)
    if b"\x00" in head:  # UTF-16/32, or binary: read_export says which
        return None
    text = codecs.getincrementaldecoder("utf-8-sig")(errors="replace").decode(head).lstrip(" \t\r\n")
    if _ENVELOPE.match(text):
        return "json"
    first, newline, _ = text.partition("\n")
    if newline and text.startswith("{"):
        try:
            value = loads(first)
        except JsonProblem:
            return None
        if isinstance(value, dict) and "document_id" in value:
            return "jsonl"
    return None


def documents(fmt: str, path: Path) -> Iterator[ParsedDocument]:
    """The file's documents one at a time, every record checked (ImportFormatError, one line, where)."""
    return _json_documents(path) if fmt == "json" else _jsonl_documents(path)


def _json_documents(path: Path) -> Iterator[ParsedDocument]:
    name = str(path)
    header: dict[str, Any] = {}
    for kind, key, value in streaming.json_members(path, "documents"):
        if kind == "element":
            if "format" in header:  # `sniff` saw it first; a version after the documents is checked below
                check_version(name, header.get("version", 1 if "version" not in header else None))
            yield reader_document(name, key, value)
            header.setdefault("documents", [])
            continue
        header[key] = value
        if key == "format" and value != "reader.annotations":
            raise ImportFormatError(f"{name}: $.format: unknown format {show(value)}")
        if key == "version":
            check_version(name, value)
    check_version(name, header.get("version"))
    need(f"{name}: $", header, "documents", list)


def _jsonl_documents(path: Path) -> Iterator[ParsedDocument]:
    """Consecutive lines of one document are one ParsedDocument (our export writes them together)."""
    name = str(path)
    current: list[Annotation] = []
    for lineno, value in streaming.jsonl(path):
        found = jsonl_record(f"{name}:{lineno}", value)
        if current and (current[0].document_id, current[0].path) != (found.document_id, found.path):
            yield ParsedDocument(current[0].document_id, current[0].path, tuple(current))
            current = []
        current.append(found)
    if current:
        yield ParsedDocument(current[0].document_id, current[0].path, tuple(current))


class Corpus:
    """The corpus by text id and by path; a text is read when its document is merged, never kept."""

    def __init__(self, identities: Iterator[Identity]) -> None:
        self.by_id: dict[str, Identity] = {}
        self.by_path: dict[str, Identity] = {}
        for identity in identities:
            self.by_id.setdefault(identity[0], identity)
            self.by_path.setdefault(identity[1], identity)

    def find(self, doc: ParsedDocument) -> Identity | None:
        return self.by_id.get(doc.id) or self.by_path.get(doc.path)

    def target(self, doc: ParsedDocument) -> str:
        """The id of the document its annotations go to: the corpus's, else its own."""
        found = self.find(doc)
        return found[0] if found else doc.id


@dataclass
class Checked:
    """What pass one keeps: hashes, sorted on disk, of every id and of every (id, target document)."""

    ids: SortedRuns = field(default_factory=SortedRuns)
    pairs: SortedRuns = field(default_factory=SortedRuns)
    annotations: int = 0

    def close(self) -> None:
        self.ids.close()
        self.pairs.close()


_VALUES = attrgetter(*(f.name for f in fields(Annotation)))  # an Annotation's fields as a tuple, in order


def spooled(spool: Spool) -> Iterator[ParsedDocument]:
    """The documents `check` kept in `spool`, for pass two."""
    for document_id, path, values in spool.records():
        yield ParsedDocument(document_id, path, tuple(Annotation(*v) for v in values))


def check(fmt: str, path: Path, corpus: Corpus, spool: Spool | None = None) -> Checked:
    """Pass one: read and check all of the file; ImportFormatError for an id used twice. The checked
    documents go to `spool` (when given) for pass two."""
    found = Checked()
    for doc in documents(fmt, path):
        if spool is not None:
            spool.keep((doc.id, doc.path, [_VALUES(a) for a in doc.annotations]))
        target = corpus.target(doc)
        found.ids.extend(hash(a.id) for a in doc.annotations)
        found.pairs.extend(hash((a.id, target)) for a in doc.annotations)
        found.annotations += len(doc.annotations)
    twice = repeated(found.ids)
    if twice:  # a hash seen twice: read again to say which id, and where (if it really is one id)
        seen: dict[str, str] = {}
        for doc in documents(fmt, path):
            for a in doc.annotations:
                if hash(a.id) not in twice:
                    continue
                if a.id in seen:
                    where = (
                        "twice in document " + show(doc.path)
                        if seen[a.id] == doc.path
                        else f"in documents {show(seen[a.id])} and {show(doc.path)}"
                    )
                    raise ImportFormatError(f"{path}: annotation id {show(a.id)} is used {where}")
                seen[a.id] = doc.path
    return found


def check_store(fmt: str, path: Path, corpus: Corpus, found: Checked, store: Any) -> None:
    """ImportFormatError, before anything is written, when an id of the file is already the store's
    under another document (the store finds, edits and undoes annotations by id).

    Suspects are found by merging sorted hashes: the store's (id, id and document) pairs whose id is
    the file's and whose pair is not; only those are looked for in the file again."""
    if not found.annotations or not store.document_ids():
        return
    held_pairs = SortedRuns(pairs=True)
    matched = SortedRuns()
    try:
        held_pairs.extend(x for a in store.iter_all() for x in (hash(a.id), hash((a.id, a.document_id))))
        matched.extend(matching(held_pairs, found.ids))
        suspect_pairs = set(missing(matched, found.pairs))
    finally:
        held_pairs.close()
        matched.close()
    if not suspect_pairs:
        return
    suspects = [held for held in store.iter_all() if hash((held.id, held.document_id)) in suspect_pairs]
    wanted = {held.id for held in suspects}
    targets: dict[str, set[str]] = {}
    for doc in documents(fmt, path):
        target = corpus.target(doc)
        for a in doc.annotations:
            if a.id in wanted:
                targets.setdefault(a.id, set()).add(target)
    for held in suspects:
        if held.id in targets and targets[held.id] != {held.document_id}:
            raise ImportFormatError(
                f"{path}: annotation id {show(held.id)} is already in the store, "
                f"in document {show(held.path)}"
            )


@dataclass
class Merged:
    documents: set[str] = field(default_factory=set)
    added: int = 0
    skipped: int = 0
    reanchored: int = 0
    unverified: int = 0
    orphans: list[Annotation] = field(default_factory=list)


def merge(
    fmt: str,
    path: Path,
    corpus: Corpus,
    store: Any,
    on_target: Callable[[str], None] | None = None,
    docs: Iterator[ParsedDocument] | None = None,
) -> ImportReport:
    """Pass two: one store merge per document (`docs`, else the file read again); an annotation naming
    no annotator is the store's.

    One batch, as the other tools' imports: each document file is replaced atomically but not
    fsynced one by one; the store is synced once at the end (importing again finishes an
    interrupted import: ids are kept, so nothing doubles)."""
    done = Merged()
    durable, store.durable = store.durable, False
    try:
        for doc in documents(fmt, path) if docs is None else docs:
            target = _merge_one(doc, corpus, store, done)
            if on_target is not None:
                on_target(target)
    finally:
        store.durable = durable
        if durable:
            os.sync()
    return ImportReport(
        format=fmt,
        documents=len(done.documents),
        added=done.added,
        skipped=done.skipped,
        reanchored=done.reanchored,
        orphans=tuple(done.orphans),
        unverified=done.unverified,
    )


def _in_place(a: Annotation, ref: DocumentRef) -> bool:
    return (
        not a.orphan
        and a.document_id == ref.id
        and a.path == ref.path
        and ref.text[a.start : a.end] == a.text
        and context(ref.text, a.start, a.end) == (a.prefix, a.suffix)
    )


def _merge_one(doc: ParsedDocument, corpus: Corpus, store: Any, done: Merged) -> str:
    """Merges one document of the file; returns the store document it went to."""
    found = corpus.find(doc)
    if found is None:
        done.unverified += len(doc.annotations)
        document_id, path, anns = doc.id, doc.path, list(doc.annotations)
    else:
        document_id, path, text = found
        ref = DocumentRef(document_id, path, text())
        anns = []
        for a in doc.annotations:
            if _in_place(a, ref):  # what place() would give back, without its three replace()s
                anns.append(a)
                continue
            placed, where = place(a, ref)
            if where is None:
                done.orphans.append(placed)
            elif where.how != "position":
                done.reanchored += 1
            anns.append(placed)
    anns = [a if a.annotator else replace(a, annotator=store.annotator) for a in anns]
    report = store.merge(document_id, path, anns)
    done.documents.add(document_id)
    done.added += report.added
    done.skipped += report.skipped
    return document_id
