"""Changes the annotations screen makes to annotations it did not open a document for.

Editing a label, deleting (one or a filtered set) and re-attaching an orphan work on a document id and
annotation ids, with no document text at hand (but for the re-attach). The store's public API edits
through a `DocumentRef` and has no delete-by-id, relabel or re-attach; until it does (asked of the
store's owner in the coordination notes), they live here, in this one module, as undo steps written
through the store's own single-writer path (`Store._write`, `facade._step`): each change is one
durable journal line and one step of the user's history in that document, exactly as a tag is.

Store format 2 keeps each annotator's annotations in their own file, written only by them: an
annotation of another annotator is theirs to change (ValueError), as `Store.update` says. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from annotations.model import Annotation, DocumentRef, context, now_iso
from annotations.store import Store
from annotations.store.facade import _step
from annotations.store.journal import State

Entry = dict[str, Any]


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def not_yours(store: Store, annotation: Annotation) -> str | None:
    """Why this user cannot change the annotation (another annotator's), or None."""
    if annotation.annotator != store.annotator:
        return f"{annotation.annotator or 'someone else'}'s annotation: only they can change it"
    return None


def _mine(store: Store, state: State, annotation_id: str, path: str) -> Annotation | None:
    record = state.annotations.get(annotation_id)
    if record is None:
        return None
    return Annotation.from_json({**record, "document_id": state.document_id, "path": path})


def delete(store: Store, document_id: str, ids: Iterable[str]) -> list[Annotation]:
    """Remove these annotations of the user's in one document (orphans too); one undo step.

    Returns what was removed: ids the user's file no longer holds (another window was first) or that are
    another annotator's are skipped."""
    wanted = list(dict.fromkeys(ids))
    path = store.document_info(document_id).get("path", "")

    def decide(state: State) -> tuple[Entry | None, list[Annotation]]:
        victims = [a for a in (_mine(store, state, i, path) for i in wanted) if a is not None]
        if not victims:
            return None, []
        what = f"delete {victims[0].label} '{_short(victims[0].text)}'"
        if len(victims) > 1:
            what = f"delete {len(victims)} annotations"
        return _step(what, store.annotator, removed=victims), victims

    return store._write(document_id, None, decide, default=[])


def delete_many(store: Store, by_document: Mapping[str, Sequence[str]]) -> dict[str, list[Annotation]]:
    """`delete` in each document; what each lost (documents that lost nothing are left out)."""
    out: dict[str, list[Annotation]] = {}
    for document_id, ids in by_document.items():
        removed = delete(store, document_id, ids)
        if removed:
            out[document_id] = removed
    return out


def revise(store: Store, annotation: Annotation, *, label: str, note: str, speaker: str | None) -> Annotation:
    """Set label, note and speaker of one of the user's annotations; one undo step.

    Raises ValueError for a label outside the store's set or another annotator's annotation,
    LookupError when the annotation is gone."""
    if label not in store.labels:
        raise ValueError(f"unknown label {label!r} (labels: {', '.join(store.labels)})")
    reason = not_yours(store, annotation)
    if reason:
        raise ValueError(reason)
    speaker = speaker or None

    def decide(state: State) -> tuple[Entry | None, Annotation]:
        old = _mine(store, state, annotation.id, annotation.path)
        if old is None:
            raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store")
        if (old.label, old.note, old.speaker) == (label, note, speaker):
            return None, old
        held = state.keys()  # (start, end, label) -> id of the user's anchored annotations
        if label != old.label and not old.orphan and (old.start, old.end, label) in held:
            raise ValueError(f"you already tagged this text as {label}")
        new = replace(old, label=label, note=note, speaker=speaker, modified=now_iso())
        return _step(f"edit {old.label} '{_short(old.text)}'", store.annotator, [old], [new]), new

    result: Annotation | None = store._write(annotation.document_id, None, decide, default=None)
    if result is None:
        raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store")
    return result


def reattach(store: Store, annotation: Annotation, doc: DocumentRef, start: int, end: int) -> Annotation:
    """Anchor one of the user's orphans on [start, end) of the document's current text; one undo step."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"span {start}-{end} is not inside the document (length {len(doc.text)})")
    reason = not_yours(store, annotation)
    if reason:
        raise ValueError(reason)

    def decide(state: State) -> tuple[Entry | None, Annotation]:
        old = _mine(store, state, annotation.id, doc.path)
        if old is None:
            raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store")
        held = state.keys()
        if (start, end, old.label) in held:
            raise ValueError(f"you already tagged that sentence as {old.label}")
        prefix, suffix = context(doc.text, start, end)
        new = replace(
            old,
            start=start,
            end=end,
            text=doc.text[start:end],
            prefix=prefix,
            suffix=suffix,
            orphan=False,
            modified=now_iso(),
        )
        return _step(f"re-attach {old.label} '{_short(new.text)}'", store.annotator, [old], [new]), new

    result: Annotation | None = store._write(doc.id, None, decide, default=None)
    if result is None:
        raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store")
    return result


def undo_in(store: Store, document_ids: Iterable[str]) -> int:
    """Take back the user's last step in each document (a bulk change made one in each); how many."""
    return sum(1 for document_id in document_ids if store.undo(document_id))
