"""Keep annotations with their document when its file is renamed or its text changes.

A document is known by the hash of its text and by its path: a known id at a new path is a rename
(the annotations follow), a known path with a new id is an edit (the annotations are re-anchored on
the new text with `anchoring.place`, the importer's placement, and orphaned where that fails).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from annotations.anchoring import place
from annotations.model import Annotation, AttachReport, DocumentRef
from annotations.storage import remove_file
from annotations.store.index import Index
from annotations.store.layout import read_document
from annotations.store.transaction import edit


def attach(index: Index, doc: DocumentRef) -> AttachReport:
    """Call when a document is opened or scanned; cheap (two small reads) when nothing changed."""
    entry = index.entry(doc.id)
    if entry is not None and entry.get("path") == doc.path:
        return _report(index, doc, entry)
    if entry is None and index.path_lookup(doc.path) in (None, doc.id):
        return AttachReport(doc.id, doc.path)
    with index.lock.hold():
        return attach_locked(index, doc)


def prepare(index: Index, doc: DocumentRef) -> None:
    """Before a write: follow a rename or a changed text if `attach` was not called (inside the lock)."""
    entry = index.entry(doc.id)
    if entry is None or entry.get("path") != doc.path:
        attach_locked(index, doc)


def attach_locked(index: Index, doc: DocumentRef) -> AttachReport:
    entry = index.entry(doc.id)
    if entry is not None:
        if entry.get("path") == doc.path:
            return _report(index, doc, entry)
        return _rename(index, doc, entry["path"])
    old_id = index.path_lookup(doc.path)
    if old_id is None or old_id == doc.id or read_document(index.layout.doc_file(old_id)) is None:
        return AttachReport(doc.id, doc.path)
    return _reanchor(index, doc, old_id)


def _report(index: Index, doc: DocumentRef, entry: dict[str, Any], **kw: Any) -> AttachReport:
    orphans: tuple[Annotation, ...] = ()
    if entry.get("orphans"):
        found = read_document(index.layout.doc_file(doc.id))
        orphans = tuple(a for a in (found.annotations() if found else []) if a.orphan)
    return AttachReport(doc.id, doc.path, orphans=orphans, **kw)


def _rename(index: Index, doc: DocumentRef, old_path: str) -> AttachReport:
    with edit(index, doc.id, doc.path) as tx:
        tx.set_meta({**tx.meta, "path": doc.path})
        moved = [replace(a, path=doc.path) for a in tx.annotations()]
        tx.replace_all(moved)
    index.set_path(old_path, None, only_if=doc.id)
    index.set_path(doc.path, doc.id)
    entry = index.entry(doc.id) or {}
    return _report(index, doc, entry, previous_path=old_path)


def _reanchor(index: Index, doc: DocumentRef, old_id: str) -> AttachReport:
    """The file at this path changed: move its annotations to the new text, orphan what fails."""
    old_file = index.layout.doc_file(old_id)
    old = read_document(old_file)
    old_anns = old.annotations() if old else []
    old_overrides = old.overrides() if old else {}
    reanchored = 0
    with edit(index, doc.id, doc.path) as tx:
        present = tx.annotations()
        ids = {a.id for a in present}
        keys = {a.key for a in present if not a.orphan}
        moved: list[Annotation] = []
        for a in old_anns:
            if a.id in ids:
                continue
            b, found = place(a, doc)
            if found is None:
                moved.append(b)
                continue
            if b.key in keys:
                continue
            keys.add(b.key)
            moved.append(b)
            reanchored += 1
        tx.insert(moved)
        overrides = tx.overrides()
        for line, kept in old_overrides.items():
            if line not in overrides:
                tx.set_override(line, kept)
    index.set_entry(old_id, None)
    index.set_path(doc.path, doc.id)
    remove_file(old_file, durable=index.durable)
    entry = index.entry(doc.id) or {}
    return _report(index, doc, entry, previous_id=old_id, reanchored=reanchored)
