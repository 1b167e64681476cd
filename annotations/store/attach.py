"""Keep annotations with their document when its file is renamed, copied or its text changes.

A document is known by the hash of its text and by its paths: a known id at a new path is another
name for the same text (a rename, or a second saved copy: both keep sharing the annotations); a known
path with a new id is an edit. On an edit this annotator's annotations are re-anchored on the new text
with `anchoring.place` (the importer's placement):

- when no other path holds the old text, they move (orphaned where placing fails), as the file did;
- when another path still holds the old text (two copies of one article, one edited), the untouched
  copy keeps them all and the edited copy gets a re-anchored copy (new ids) of those that could be
  placed on its text.

Only this annotator's files are written (single-writer); every other annotator's reader does the same
for their own annotations when they open the edited file, found through `.local/previous.json`.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from annotations.anchoring import place
from annotations.model import Annotation, AttachReport, DocumentRef
from annotations.storage import atomic_write, encode, read_json
from annotations.store.journal import State, strip

if TYPE_CHECKING:
    from annotations.store.facade import Store


def _previous(store: Store) -> dict[str, list[str]]:
    """path -> the document ids its file held before an edit (local, small: edited files only)."""
    data = read_json(store._layout.local / "previous.json")
    if not isinstance(data, dict):
        return {}
    return {k: [str(x) for x in v] for k, v in data.items() if isinstance(v, list)}


def _add_previous(store: Store, path: str, old_id: str) -> None:
    data = _previous(store)
    ids = data.setdefault(path, [])
    if old_id not in ids:
        ids.append(old_id)
        atomic_write(store._layout.local / "previous.json", encode(data), durable=False, backup=False)


def _mine_in(store: Store, document_id: str) -> bool:
    """Whether this annotator still holds annotations on that (older) text."""
    state = store._mine(document_id)
    return bool(state and state.annotations)


def _left(store: Store, doc: DocumentRef, candidates: list[str]) -> list[str]:
    """Older texts of this path on which this annotator still has annotations not carried over yet."""
    mine = store._mine(doc.id)
    carried = set(mine.document.get("from", [])) if mine else set()
    return [
        d for d in dict.fromkeys(candidates) if d and d != doc.id and d not in carried and _mine_in(store, d)
    ]


def attach(store: Store, doc: DocumentRef) -> AttachReport:
    """Call when a document is opened or scanned; cheap (a few stats) when nothing changed."""
    store._flush_index()
    index = store._index
    entry = index.entry(doc.id)
    if entry is not None and entry.get("path") == doc.path:
        stale = index.is_stale(doc.id, entry)
        if not stale and not _left(store, doc, _previous(store).get(doc.path, [])):
            return _report(store, doc, entry)
    elif (
        entry is None
        and index.path_lookup(doc.path) in (None, doc.id)
        and not index.is_stale(doc.id, None)
        and not _left(store, doc, _previous(store).get(doc.path, []))
    ):
        return AttachReport(doc.id, doc.path)
    with store._locked():
        return attach_locked(store, doc)


def prepare(store: Store, doc: DocumentRef) -> None:
    """Before a write: follow a rename or a changed text if `attach` was not called (inside the lock)."""
    if doc.id in store._pending_index and store._pending_index[doc.id] in (doc.path, None):
        return  # written here at this path a moment ago, its index entry not yet updated
    entry = store._index.entry(doc.id)
    if entry is None or entry.get("path") != doc.path:
        attach_locked(store, doc)


def attach_locked(store: Store, doc: DocumentRef) -> AttachReport:
    store._flush_index()
    index = store._index
    entry = index.entry(doc.id)
    if entry is not None and index.is_stale(doc.id, entry):
        index.update(doc.id)
        entry = index.entry(doc.id)
    elif entry is None and index.is_stale(doc.id, None):
        index.update(doc.id, doc.path)
        entry = index.entry(doc.id)
    old_id = index.path_lookup(doc.path)
    left = _left(store, doc, [*_previous(store).get(doc.path, []), old_id or ""])
    if left:
        return _reanchor(store, doc, left[0])
    if entry is not None:
        if entry.get("path") == doc.path:
            return _report(store, doc, entry)
        return _rename(store, doc, str(entry["path"]))
    if old_id is not None and old_id != doc.id:
        index.set_path(doc.path, doc.id)
    return AttachReport(doc.id, doc.path)


def _report(store: Store, doc: DocumentRef, entry: dict[str, Any] | None, **kw: Any) -> AttachReport:
    orphans: tuple[Annotation, ...] = ()
    if entry and entry.get("orphans"):
        orphans = tuple(a for a in store.annotations(doc.id) if a.orphan)
    return AttachReport(doc.id, doc.path, orphans=orphans, **kw)


def _rename(store: Store, doc: DocumentRef, old_path: str) -> AttachReport:
    """The same text at another path: a rename or a second copy. Both paths keep pointing at it (so an
    edit of one copy later leaves the other's annotations alone); the document is shown at the new one."""
    index = store._index
    index.set_path(doc.path, doc.id)
    index.update(doc.id, doc.path)

    def decide(state: State) -> tuple[dict[str, Any] | None, None]:
        if state.document.get("path") == doc.path:
            return None, None
        return {"op": "put", "document": {"path": doc.path}}, None

    store._write(doc.id, None, decide, default=None)
    return _report(store, doc, index.entry(doc.id), previous_path=old_path)


def _reanchor(store: Store, doc: DocumentRef, old_id: str) -> AttachReport:
    """The file at this path changed: carry this annotator's annotations over to the new text."""
    index = store._index
    old_state = store._mine(old_id)
    if old_state is None:
        return AttachReport(doc.id, doc.path)
    old_path = old_state.document.get("path") or doc.path
    old_anns = list(old_state.parsed(str(old_path)))
    other_paths = [p for p in index.paths_of(old_id) if p != doc.path]
    copying = bool(other_paths)  # the old text is still a file somewhere: it keeps its annotations
    reanchored = 0

    def decide(state: State) -> tuple[dict[str, Any] | None, int]:
        nonlocal reanchored
        keys = state.keys()
        ids = set(state.annotations)
        moved: list[Annotation] = []
        for a in old_anns:
            if a.id in ids:
                continue
            b, found = place(a, doc)
            if found is None:
                if copying:
                    continue
                moved.append(b)
                continue
            if (b.start, b.end, b.label) in keys:
                continue
            keys = {**keys, (b.start, b.end, b.label): b.id}
            moved.append(replace(b, id=uuid.uuid4().hex) if copying else b)
            reanchored += 1
        overrides = state.override_map()
        carried = {line: kept for line, kept in old_state.override_map().items() if line not in overrides}
        if not moved and not carried and old_id in state.document.get("from", []):
            return None, 0
        carried_from = sorted({*state.document.get("from", []), old_id})
        entry: dict[str, Any] = {
            "op": "put",
            "added": [strip(a) for a in moved],
            "document": {"path": doc.path, "from": carried_from},
        }
        if carried:
            entry["overrides"] = carried
        return entry, len(moved)

    store._write(doc.id, doc.path, decide, default=0)
    if not copying:
        now = store._mine(doc.id)
        arrived = set(now.annotations) if now else set()

        def drop(state: State) -> tuple[dict[str, Any] | None, None]:
            gone = [u for u in state.annotations if u in arrived]
            return ({"op": "put", "removed": gone}, None) if gone else (None, None)

        store._write(old_id, None, drop, default=None)
    _add_previous(store, doc.path, old_id)
    index.set_path(doc.path, doc.id)
    index.update(old_id)
    index.update(doc.id, doc.path)
    entry = index.entry(doc.id)
    return _report(store, doc, entry, previous_id=old_id, reanchored=reanchored)
