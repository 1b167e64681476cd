"""Match foreign documents to the corpus and merge their spans into a store, in two streamed passes.

Pass one (`survey`) reads the whole file and checks it, keeping only counts and the ids of documents
the corpus lacks (and the checked documents in a spool, spool.py): bad input stops the import before
anything is written. Pass two (`merge`) reads the spool (or the file again) and merges one document's
annotations at a time. A document is matched by the hash of its
text (its offsets hold as they are), then by its path (the text changed: each span is re-anchored
by its text and context, as for our own exports), else it is written into `--into` and imported
against that file. Ids are derived from (document, annotator, span, label), so a second import of
the same file finds every annotation present and changes nothing.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from annotations.anchoring import place
from annotations.importer import ImportFormatError
from annotations.imports.records import ForeignDocument, Span
from annotations.imports.spool import Spool
from annotations.model import CONTEXT, Annotation, DocumentRef, now_iso
from annotations.reasons import os_reason

TEXT_SUFFIXES = (".txt", ".text", ".md")
MAX_ORPHANS_LISTED = 20


@dataclass
class Survey:
    documents: int = 0
    spans: int = 0
    skipped: int = 0  # items that are not spans (relations, predictions, categories ...)
    missing: dict[str, str] = field(default_factory=dict)  # document id -> what the file calls it
    units: Counter[str] = field(default_factory=Counter)  # how the offsets were read


@dataclass
class MergeResult:
    documents: int = 0
    added: int = 0
    present: int = 0  # already in the store
    reanchored: int = 0
    orphans: int = 0
    orphan_examples: list[Annotation] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # files created in --into


Identity = tuple[str, str, Callable[[], str]]  # text id, path in the corpus, the text when needed


class Lookup:
    """The corpus by text id and by path; a text is read when its document is merged, never kept,
    so the memory an import needs does not grow with the corpus."""

    def __init__(self, identities: Iterable[Identity]) -> None:
        self.by_id: dict[str, Identity] = {}
        self.by_path: dict[str, Identity] = {}
        for identity in identities:
            self.by_id.setdefault(identity[0], identity)
            self.by_path.setdefault(identity[1], identity)

    def knows(self, doc: ForeignDocument) -> bool:
        return doc.id in self.by_id or bool(doc.path and doc.path in self.by_path)

    def find(self, doc: ForeignDocument) -> DocumentRef | None:
        found = self.by_id.get(doc.id) or (self.by_path.get(doc.path) if doc.path else None)
        if found is None:
            return None
        document_id, path, text = found
        return DocumentRef(document_id, path, text())


def survey(docs: Iterable[ForeignDocument], lookup: Lookup, spool: Spool | None = None) -> Survey:
    """Pass one; the documents with spans go to `spool` (when given) for pass two."""
    result = Survey()
    for doc in docs:
        result.documents += 1
        result.spans += len(doc.spans)
        result.skipped += doc.skipped
        result.units.update(s.unit for s in doc.spans)
        if doc.spans and not lookup.knows(doc) and doc.id not in result.missing:
            result.missing[doc.id] = doc.path or doc.where
        if doc.spans and spool is not None:
            spool.keep((doc.where, doc.text, doc.path, doc.skipped, doc.id, [tuple(s) for s in doc.spans]))
    return result


def spooled(spool: Spool) -> Iterator[ForeignDocument]:
    """The documents `survey` kept in `spool`, for pass two."""
    for where, text, path, skipped, doc_id, spans in spool.records():
        doc = ForeignDocument(where, text, path, list(map(Span._make, spans)), skipped)
        doc.__dict__["id"] = doc_id  # the cached text hash: not computed again
        yield doc


def missing_message(found: Survey) -> str:
    names = list(found.missing.values())
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (
        f"{len(names)} document(s) of the file are not in the corpus ({shown}); nothing was imported: "
        "name a folder with --into DIR to write their texts there and import against them"
    )


class Into:
    """The folder texts the corpus lacks are written to: named after their path or id, never overwritten."""

    def __init__(self, folder: Path, relative: Callable[[Path], str] | None = None) -> None:
        self.folder = folder
        self.relative = relative or (lambda p: p.relative_to(folder).as_posix())
        self.written: list[str] = []

    def check(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise ImportFormatError(f"--into {self.folder}: not a folder")

    def ref(self, doc: ForeignDocument) -> DocumentRef:
        data = doc.text.encode("utf-8", "surrogatepass")
        wanted = self.folder / _safe_name(doc)
        digest = doc.id.removeprefix("sha256:")
        for target in (wanted, wanted.with_name(f"{wanted.stem}-{digest[:12]}{wanted.suffix}")):
            try:
                if target.is_file():
                    if target.read_bytes() == data:
                        return DocumentRef(doc.id, self.relative(target), doc.text)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "xb") as out:
                    out.write(data)
            except OSError as exc:
                raise ImportFormatError(f"--into {target}: cannot write ({os_reason(exc)})") from None
            self.written.append(str(target))
            return DocumentRef(doc.id, self.relative(target), doc.text)
        raise ImportFormatError(f"--into {wanted}: taken by other texts; move them and import again")


def _safe_name(doc: ForeignDocument) -> str:
    parts = [p for p in PurePosixPath((doc.path or "").replace("\\", "/")).parts if p not in ("/", ".", "..")]
    parts = ["_" + p[1:] if p.startswith(".") else p for p in parts if ":" not in p or len(parts) == 1]
    if not parts:
        return doc.id.removeprefix("sha256:")[:16] + ".txt"
    name = "/".join(parts)
    return name if name.lower().endswith(TEXT_SUFFIXES) else name + ".txt"


def derived_id(document_id: str, annotator: str, start: int, end: int, label: str, orphan: str | None) -> str:
    key = "\x1f".join((document_id, annotator, str(start), str(end), label, orphan or ""))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def annotations_of(
    doc: ForeignDocument, annotator: str, now: str, path: str | None = None
) -> list[Annotation]:
    """The spans as annotations on the document's own text (its id; `path`, else the path it gives).

    Given the corpus path of the same text, the store's merge need not copy each one to move it
    there (a dataclass replace per annotation: a tenth of a Label Studio import's time). Fields are
    passed by position and the context sliced here: a third less time for a million annotations."""
    text, document_id = doc.text, doc.id
    where = doc.path or "" if path is None else path
    out = []
    for label, start, end, who, note, created, modified, uid, orphan, _unit in doc.spans:
        who = who or annotator
        created = created or now
        out.append(
            Annotation(
                uid or derived_id(document_id, who, start, end, label, orphan),
                document_id,
                where,
                label,
                start,
                end,
                text[start:end] if orphan is None else orphan,
                text[max(0, start - CONTEXT) : start],
                text[end : end + CONTEXT],
                note,
                None,
                who,
                created,
                modified or created,
                orphan is not None,
            )
        )
    return out


def merge(
    docs: Iterable[ForeignDocument],
    store: Any,
    lookup: Lookup,
    into: Into | None,
    annotator: str,
    on_target: Callable[[str], None] | None = None,
) -> MergeResult:
    """Pass two: one store merge per document (the file was checked by `survey`).

    An import is one batch: each document file is still replaced atomically (temp file, rename),
    but not fsynced one by one (2,000 documents took 10-25 s of fsyncs here); the store is synced
    once at the end. An interrupted import leaves whole files behind, and importing again finishes
    it (ids are derived from the spans, so nothing doubles).
    """
    result = MergeResult()
    now = now_iso()
    durable, store.durable = store.durable, False
    try:
        _merge_all(docs, store, lookup, into, annotator, now, result, on_target)
    finally:
        store.durable = durable
        if durable:
            os.sync()
    if into is not None:
        result.written = list(into.written)
    return result


def _merge_all(
    docs: Iterable[ForeignDocument],
    store: Any,
    lookup: Lookup,
    into: Into | None,
    annotator: str,
    now: str,
    result: MergeResult,
    on_target: Callable[[str], None] | None = None,
) -> None:
    for doc in docs:
        if not doc.spans:
            continue
        ref = lookup.find(doc)
        if ref is None:
            if into is None:  # survey said there were none
                raise ImportFormatError(f"{doc.where}: the document is not in the corpus")
            ref = into.ref(doc)
        anns = annotations_of(doc, annotator, now, ref.path if ref.id == doc.id else None)
        if ref.id != doc.id:  # matched by path: the text changed, re-anchor as for our own exports
            anns = [_placed(a, ref, result) for a in anns]
        report = store.merge(ref.id, ref.path, anns)
        if on_target is not None:
            on_target(ref.id)
        result.documents += 1
        result.added += report.added
        result.present += report.skipped
        for a in anns:
            if a.orphan:
                result.orphans += 1
                if len(result.orphan_examples) < MAX_ORPHANS_LISTED:
                    result.orphan_examples.append(a)


def _placed(a: Annotation, ref: DocumentRef, result: MergeResult) -> Annotation:
    if a.orphan:
        return a
    placed, found = place(a, ref)
    if found is not None and found.how != "position":
        result.reanchored += 1
    return placed
