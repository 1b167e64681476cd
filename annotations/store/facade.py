"""`Store`: the one object scripts and the app use; the work is done by the modules beside it.

Reading (without the lock) is in reads.py; here are opening, writing and repair.

Every write takes the lock (lock.py), changes one document file and its index entry in one flush
(transaction.py) and records an undo step (history.py); reads use the document files and the small
index shards (layout.py, index.py); attach.py follows renamed and edited files; maintenance.py checks
and repairs.
"""

from __future__ import annotations

import contextlib
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotations.anchoring import place
from annotations.location import default_annotator, default_labels, default_store_dir
from annotations.model import Annotation, AttachReport, DocumentRef, context, now_iso
from annotations.reasons import os_reason
from annotations.storage import StoreError
from annotations.store import history, maintenance
from annotations.store.attach import attach, prepare
from annotations.store.layout import claim_folder, read_document
from annotations.store.reads import StoreReads
from annotations.store.transaction import DocTx, edit


@dataclass(frozen=True)
class MergeReport:
    added: int
    skipped: int  # already present (same id, or same annotator, span and label)


class Store(StoreReads):
    """Annotations, line overrides, dismissed suggestions and undo history of every document."""

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        directory: Path | str | None = None,
        *,
        annotator: str | None = None,
        labels: Sequence[str] | None = None,
    ) -> Store:
        location = Path(directory).expanduser() if directory is not None else default_store_dir()
        labels_t = tuple(labels) if labels else default_labels()
        if not labels_t or any(not isinstance(x, str) or not x.strip() for x in labels_t):
            raise ValueError("labels must be non-empty strings")
        claim_folder(location)
        store = cls(location, annotator or default_annotator(), labels_t)
        try:
            if not store._layout.is_set_up():  # else no lock: a busy store still opens for reading
                with store._locked():
                    store._layout.set_up()
                    old_index = location / "index"
                    if old_index.is_dir():  # a store from before index shards moved into docs/
                        store.rebuild_index()
                        shutil.rmtree(old_index, ignore_errors=True)
            store.temp_files = maintenance.sweep_temp_files(location)
        except OSError as exc:
            store.close()
            raise StoreError(f"{location}: cannot set up the store ({os_reason(exc)})") from None
        except StoreError:
            store.close()
            raise
        return store

    # ---------------------------------------------------------------- attaching

    def attach(self, doc: DocumentRef) -> AttachReport:
        """Call when a document is opened or scanned; cheap (two small reads) when nothing changed."""
        return attach(self._index, doc)

    def verify_texts(self, doc: DocumentRef) -> int:
        """Re-anchor (or orphan) the annotations whose text is not what `doc` holds at their offsets.

        An import without the document's text (not in the corpus) keeps the annotations as exported,
        unverified; the first time the document is opened its text is here, and this makes
        `text == document_text[start:end]` true again. Returns how many were moved or orphaned.
        """
        with self._locked():
            stale = [
                a for a in self.annotations(doc.id) if not a.orphan and doc.text[a.start : a.end] != a.text
            ]
            if not stale:
                return 0
            with edit(self._index, doc.id, doc.path) as tx:
                placed = {a.id: place(a, doc)[0] for a in stale}
                tx.replace_all([placed.get(a.id, a) for a in tx.annotations()])
            return len(stale)

    # ---------------------------------------------------------------- writing

    @contextlib.contextmanager
    def _change(self, doc: DocumentRef) -> Iterator[DocTx]:
        """A user's change to `doc`: under the lock, after following a rename or an edit of its file."""
        with self._locked():
            prepare(self._index, doc)
            with edit(self._index, doc.id, doc.path) as tx:
                yield tx

    def _check_span(self, doc: DocumentRef, label: str, start: int, end: int) -> None:
        if label not in self.labels:
            raise ValueError(f"unknown label {label!r} (labels: {', '.join(self.labels)})")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.text)):
            raise ValueError(f"span {start}-{end} is not inside the document (length {len(doc.text)})")

    def _new(
        self, doc: DocumentRef, label: str, start: int, end: int, note: str, speaker: str | None
    ) -> Annotation:
        prefix, suffix = context(doc.text, start, end)
        stamp = now_iso()
        return Annotation(
            id=uuid.uuid4().hex,
            document_id=doc.id,
            path=doc.path,
            label=label,
            start=start,
            end=end,
            text=doc.text[start:end],
            prefix=prefix,
            suffix=suffix,
            note=note,
            speaker=speaker,
            annotator=self.annotator,
            created=stamp,
            modified=stamp,
        )

    def _held(self, tx: DocTx, label: str, start: int, end: int) -> list[Annotation]:
        """This annotator's anchored annotation(s) with exactly this span and label."""
        key = (self.annotator, start, end, label)
        return [a for a in tx.annotations() if not a.orphan and a.key == key]

    def toggle(
        self, doc: DocumentRef, label: str, start: int, end: int, *, seen: bool | None = None
    ) -> Annotation | None:
        """This annotator's (span, label) present: remove it and return None; absent: add and return it.

        Decided on the file as it is under the lock. `seen` is whether the caller showed the tag: when
        the store disagrees (another window changed it meanwhile) nothing changes and the store's state
        is returned, so a stale window never removes a tag it did not show, nor adds one twice.
        """
        self._check_span(doc, label, start, end)
        with self._change(doc) as tx:
            mine = self._held(tx, label, start, end)
            if seen is not None and seen != bool(mine):
                return mine[0] if mine else None
            if mine:
                tx.remove(a.id for a in mine)
                history.record(tx, self.annotator, f"untag {label} {start}-{end}", mine, [])
                return None
            new = self._new(doc, label, start, end, "", None)
            tx.insert([new])
            history.record(tx, self.annotator, f"tag {label} {start}-{end}", [], [new])
            return new

    def add(
        self,
        doc: DocumentRef,
        label: str,
        start: int,
        end: int,
        *,
        note: str = "",
        speaker: str | None = None,
    ) -> Annotation:
        """Add; if this annotator already holds that span and label, set its note/speaker instead."""
        self._check_span(doc, label, start, end)
        with self._change(doc) as tx:
            same = self._held(tx, label, start, end)
            if same:
                old = same[0]
                if old.note == note and old.speaker == speaker:
                    return old
                new = replace(old, note=note, speaker=speaker, modified=now_iso())
                tx.remove([old.id])
                tx.insert([new])
                history.record(tx, self.annotator, f"edit {label} {start}-{end}", [old], [new])
                return new
            new = self._new(doc, label, start, end, note, speaker)
            tx.insert([new])
            history.record(tx, self.annotator, f"tag {label} {start}-{end}", [], [new])
            return new

    def add_many(
        self, doc: DocumentRef, items: Sequence[tuple[str, int, int, str | None]]
    ) -> list[Annotation]:
        """Add (label, start, end, speaker) items in one durable write and one undo step.

        Accepting every suggestion of a label is one user decision, so `u` takes it back whole.
        Spans this annotator already holds with that label are skipped.
        """
        for label, start, end, _ in items:
            self._check_span(doc, label, start, end)
        with self._change(doc) as tx:
            held = {a.key for a in tx.annotations() if not a.orphan}
            added: list[Annotation] = []
            for label, start, end, speaker in items:
                key = (self.annotator, start, end, label)
                if key in held:
                    continue
                held.add(key)
                added.append(self._new(doc, label, start, end, "", speaker))
            if added:
                tx.insert(added)
                labels = sorted({a.label for a in added})
                history.record(tx, self.annotator, f"tag {len(added)} as {'/'.join(labels)}", [], added)
            return added

    def update(
        self,
        doc: DocumentRef,
        annotation_id: str,
        *,
        note: str | None = None,
        speaker: str | None = None,
        verdict: str | None = None,
        review_url: str | None = None,
    ) -> Annotation:
        """Edit one annotation (`Annotation.revised`: None leaves a field as it is); one undo step."""
        with self._change(doc) as tx:
            found = [a for a in tx.annotations() if a.id == annotation_id]
            if not found:
                raise ValueError(f"no annotation {annotation_id} in {doc.path}")
            old = found[0]
            new = old.revised(
                stamp=now_iso(), note=note, speaker=speaker, verdict=verdict, review_url=review_url
            )
            if new is old:
                return old
            tx.remove([old.id])
            tx.insert([new])
            history.record(tx, self.annotator, f"edit {old.label} {old.start}-{old.end}", [old], [new])
            return new

    def remove_overlapping(self, doc: DocumentRef, start: int, end: int) -> list[Annotation]:
        """This annotator's tags overlapping [start, end) (or holding `start` if empty): one undo step."""
        with self._change(doc) as tx:

            def hit(a: Annotation) -> bool:
                if a.orphan or a.annotator != self.annotator:
                    return False
                if end > start:
                    return a.start < end and a.end > start
                return a.start <= start < a.end

            victims = [a for a in tx.annotations() if hit(a)]
            if victims:
                tx.remove(a.id for a in victims)
                history.record(
                    tx, self.annotator, f"remove {len(victims)} tag(s) at {start}-{end}", victims, []
                )
            return victims

    def set_line_override(self, doc: DocumentRef, line_text: str, kept: bool | None) -> None:
        """The user's call on a line (True content, False boilerplate, None back to automatic); undoable."""
        with self._change(doc) as tx:
            before = tx.overrides().get(line_text)
            if before == kept:
                return
            tx.set_override(line_text, kept)
            what = {True: "content", False: "boilerplate", None: "automatic"}[kept]
            history.record(tx, self.annotator, f"mark line as {what}", [], [], [(line_text, before, kept)])

    def dismiss_suggestion(self, doc: DocumentRef, label: str, start: int, end: int) -> None:
        """Dismiss a suggestion for good; one undo step (`u` brings it back)."""
        with self._change(doc) as tx:
            if (label, start, end) in tx.dismissed():
                return
            tx.dismiss(label, start, end)
            step = [(label, start, end, True)]
            history.record(tx, self.annotator, f"dismiss {label} {start}-{end}", [], [], dismissals=step)

    def restore_suggestions(
        self, doc: DocumentRef, items: Sequence[tuple[str, int, int]] | None = None
    ) -> list[tuple[str, int, int]]:
        """Bring back dismissed suggestions (`items`, or all of the document's); one undo step."""
        with self._change(doc) as tx:
            dismissed = tx.dismissed()
            back = sorted(dismissed if items is None else dismissed & set(items))
            for label, start, end in back:
                tx.undismiss(label, start, end)
            if back:
                steps = [(label, start, end, False) for label, start, end in back]
                what = f"restore {len(back)} dismissed suggestion(s)"
                history.record(tx, self.annotator, what, [], [], dismissals=steps)
            return back

    def undo(self, document_id: str) -> str | None:
        return self._step(document_id, backwards=True)

    def redo(self, document_id: str) -> str | None:
        return self._step(document_id, backwards=False)

    def _step(self, document_id: str, *, backwards: bool) -> str | None:
        with self._locked():
            if read_document(self._layout.doc_file(document_id)) is None:
                return None
            with edit(self._index, document_id, None) as tx:
                return history.step(tx, self.annotator, backwards=backwards)

    # ---------------------------------------------------------------- import and maintenance

    def merge(self, document_id: str, path: str, annotations: Sequence[Annotation]) -> MergeReport:
        """Add annotations as they are (ids, annotators, times kept); skip what is already present.

        For the importer, which has anchored them already: merging the same set twice changes nothing.
        """
        with self._locked():
            existing = self.annotations(document_id)
            ids = {a.id for a in existing}
            keys = {a.key for a in existing if not a.orphan}
            fresh: list[Annotation] = []
            for a in annotations:
                if a.document_id != document_id or a.path != path:  # replace() is slow for a million
                    a = replace(a, document_id=document_id, path=path)
                if a.id in ids or (not a.orphan and a.key in keys):
                    continue
                ids.add(a.id)
                if not a.orphan:
                    keys.add(a.key)
                fresh.append(a)
            if fresh:
                with edit(self._index, document_id, path) as tx:
                    tx.insert(fresh)
            return MergeReport(added=len(fresh), skipped=len(annotations) - len(fresh))

    def rebuild_index(self) -> int:
        """Rewrite the index and path shards from the document files (after a crash or a recovery)."""
        return maintenance.rebuild_index(self._index)

    @classmethod
    def recover(cls, directory: Path | str | None = None) -> list[str]:
        """Put back the last good version of every corrupt file; returns what was done, one line each.

        A corrupt file is moved aside as `<file>.corrupt-<time>` (never deleted), replaced by its `.bak`
        when that is good, and the index is rebuilt from the document files.
        """
        location = Path(directory).expanduser() if directory is not None else default_store_dir()
        stamp = time.strftime("%Y%m%dT%H%M%S")
        done = maintenance.recover_marker(location, stamp)
        with cls.open(location) as store:
            done += maintenance.recover_files(store._index, stamp)
        return done
