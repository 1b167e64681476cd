"""Changes the annotations screen makes to annotations it did not open a document for.

Editing a label, deleting (one or a filtered set) and re-attaching an orphan work on a document id and
annotation ids, with no document text at hand (but for the re-attach). The store's public API only
edits through a `DocumentRef`; until it offers these calls (asked of the store's owner in the
coordination notes), they live here, in this one module, on the store's transaction and history, so
each change is one durable write and one undo step of the user's history in that document, exactly as
a tag is. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from annotations.model import Annotation, DocumentRef, context, now_iso
from annotations.store import Store, history
from annotations.store.transaction import edit


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def delete(store: Store, document_id: str, ids: Iterable[str]) -> list[Annotation]:
    """Remove these annotations of one document (any annotator's, orphans too); one undo step.

    Returns what was removed (ids the store no longer holds are skipped: another window was first)."""
    wanted = set(ids)
    with store._locked(), edit(store._index, document_id, None) as tx:
        victims = [a for a in tx.annotations() if a.id in wanted]
        if victims:
            tx.remove(a.id for a in victims)
            what = f"delete {victims[0].label} '{_short(victims[0].text)}'"
            if len(victims) > 1:
                what = f"delete {len(victims)} annotations"
            history.record(tx, store.annotator, what, victims, [])
        return victims


def delete_many(store: Store, by_document: Mapping[str, Sequence[str]]) -> dict[str, list[Annotation]]:
    """`delete` in each document; what each lost (documents that lost nothing are left out)."""
    out: dict[str, list[Annotation]] = {}
    for document_id, ids in by_document.items():
        try:
            removed = delete(store, document_id, ids)
        except LookupError:  # the document's file is gone: nothing to delete there
            continue
        if removed:
            out[document_id] = removed
    return out


def revise(
    store: Store,
    annotation: Annotation,
    *,
    label: str,
    note: str,
    speaker: str | None,
) -> Annotation:
    """Set label, note and speaker of one annotation (any annotator's); one undo step.

    Raises ValueError for a label outside the store's set, LookupError when the annotation is gone."""
    if label not in store.labels:
        raise ValueError(f"unknown label {label!r} (labels: {', '.join(store.labels)})")
    with store._locked(), edit(store._index, annotation.document_id, None) as tx:
        present = tx.annotations()
        old = next((a for a in present if a.id == annotation.id), None)
        if old is None:
            raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store")
        speaker = speaker or None
        if (old.label, old.note, old.speaker) == (label, note, speaker):
            return old
        if label != old.label and not old.orphan:
            clash = (old.annotator, old.start, old.end, label)
            if any(a.key == clash and a.id != old.id for a in present):
                raise ValueError(f"{old.annotator} already tagged this text as {label}")
        new = replace(old, label=label, note=note, speaker=speaker, modified=now_iso())
        tx.remove([old.id])
        tx.insert([new])
        history.record(tx, store.annotator, f"edit {old.label} '{_short(old.text)}'", [old], [new])
        return new


def reattach(store: Store, annotation: Annotation, doc: DocumentRef, start: int, end: int) -> Annotation:
    """Anchor an orphan on [start, end) of the document's current text; one undo step."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"span {start}-{end} is not inside the document (length {len(doc.text)})")
    with store._locked(), edit(store._index, doc.id, doc.path) as tx:
        present = tx.annotations()
        old = next((a for a in present if a.id == annotation.id), None)
        if old is None:
            raise LookupError(f"the annotation '{_short(annotation.text)}' is no longer in the store")
        key = (old.annotator, start, end, old.label)
        if any(a.key == key and not a.orphan for a in present):
            raise ValueError(f"{old.annotator} already tagged that sentence as {old.label}")
        prefix, suffix = context(doc.text, start, end)
        new = replace(
            old,
            document_id=doc.id,
            path=doc.path,
            start=start,
            end=end,
            text=doc.text[start:end],
            prefix=prefix,
            suffix=suffix,
            orphan=False,
            modified=now_iso(),
        )
        tx.remove([old.id])
        tx.insert([new])
        history.record(tx, store.annotator, f"re-attach {old.label} '{_short(new.text)}'", [old], [new])
        return new


def undo_in(store: Store, document_ids: Iterable[str]) -> int:
    """Take back the user's last step in each document (a bulk change made one in each); how many."""
    return sum(1 for document_id in document_ids if store.undo(document_id))
