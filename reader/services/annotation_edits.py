"""Changes the annotations screen makes to annotations it did not open a document for.

Editing a label, deleting (one or a filtered set) and re-attaching an orphan work on a document id and
annotation ids, with no document text at hand (but for the re-attach), through the store's public
calls (`Store.delete`, `Store.revise`, `Store.reattach`): each change is one durable journal line and
one step of the user's history in that document, exactly as a tag is.

Store format 2 keeps each annotator's annotations in their own file, written only by them: an
annotation of another annotator is theirs to change (ValueError), as `Store.update` says. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from annotations.model import Annotation, DocumentRef
from annotations.store import Store


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def not_yours(store: Store, annotation: Annotation) -> str | None:
    """Why this user cannot change the annotation (another annotator's), or None."""
    if annotation.annotator != store.annotator:
        return f"{annotation.annotator or 'someone else'}'s annotation: only they can change it"
    return None


def delete(store: Store, document_id: str, ids: Iterable[str]) -> list[Annotation]:
    """Remove these annotations of the user's in one document (orphans too); one undo step.

    Returns what was removed: ids the user's file no longer holds (another window was first) or that are
    another annotator's are skipped."""
    return store.delete(document_id, ids)


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
    reason = not_yours(store, annotation)
    if reason:
        raise ValueError(reason)
    try:
        return store.revise(annotation.document_id, annotation.id, label=label, note=note, speaker=speaker)
    except LookupError:
        raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store") from None


def reattach(store: Store, annotation: Annotation, doc: DocumentRef, start: int, end: int) -> Annotation:
    """Anchor one of the user's orphans on [start, end) of the document's current text; one undo step."""
    reason = not_yours(store, annotation)
    if reason:
        raise ValueError(reason)
    try:
        return store.reattach(doc, annotation.id, start, end)
    except LookupError:
        raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store") from None


def undo_in(store: Store, document_ids: Iterable[str]) -> int:
    """Take back the user's last step in each document (a bulk change made one in each); how many."""
    return sum(1 for document_id in document_ids if store.undo(document_id))
