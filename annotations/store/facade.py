"""`Store`: the one object scripts and the app use; the work is done by the modules beside it.

Reading (without the lock) is in reads.py; here are opening, writing and repair.

Every write takes the lock (lock.py), reads this annotator's file of the document as it is on disk
(files.py: only what was appended since the last read), decides, and appends one journal line that
holds the change and its undo step (journal.py), then updates the local index entry (index.py). Only
this annotator's files are ever written (store format 2: single-writer files). attach.py follows
renamed and edited files; maintenance.py checks and repairs; migrate.py converts a format-1 store.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from annotations.anchoring import place
from annotations.location import default_annotator, default_labels, default_store_dir
from annotations.model import Annotation, AttachReport, DocumentRef, context, now_iso
from annotations.reasons import os_reason
from annotations.storage import StoreError
from annotations.store import changed, maintenance, migrate
from annotations.store.attach import attach, prepare
from annotations.store.journal import Stale, State, strip
from annotations.store.layout import Layout, claim_folder, marker_version
from annotations.store.reads import INFO_FIELDS, StoreReads

T = TypeVar("T")
Entry = dict[str, Any]


@dataclass(frozen=True)
class MergeReport:
    added: int
    skipped: int  # already present (same id, or same annotator, span and label)


def _short(text: str, width: int = 40) -> str:
    """A quotation for an undo step's description: one line, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _step(
    description: str,
    annotator: str,
    removed: Sequence[Annotation] = (),
    added: Sequence[Annotation] = (),
    overrides: Sequence[tuple[str, bool | None, bool | None]] = (),
    finished: tuple[bool, bool] | None = None,
    dismissals: Sequence[tuple[str, int, int, bool]] = (),
) -> Entry:
    step: Entry = {
        "description": description,
        "annotator": annotator,
        "removed": [strip(a) for a in removed],
        "added": [strip(a) for a in added],
        "overrides": [list(o) for o in overrides],
    }
    if finished is not None:
        step["finished"] = list(finished)
    if dismissals:  # [label, start, end, dismissed after the step]
        step["dismissals"] = [list(d) for d in dismissals]
    return {"op": "do", "step": step}


class Store(StoreReads):
    """Annotations, line overrides, dismissed suggestions, finished marks and undo history of every
    document, each annotator's in their own files."""

    # ---------------------------------------------------------------- opening

    @staticmethod
    def is_store(directory: Path | str | None = None) -> bool:
        """Whether `directory` (None: the default) already holds a store, so that opening it creates
        nothing (a command that must leave the disk untouched on bad input asks first)."""
        location = Path(directory).expanduser() if directory is not None else default_store_dir()
        return Layout(location).marker.is_file()

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
        layout = store._layout
        try:
            if not layout.is_set_up() or migrate.interrupted(layout):  # else no lock: a busy store opens
                with store._locked():
                    old = layout.marker.exists() and marker_version(layout.marker) == 1
                    if old or migrate.interrupted(layout):
                        store.migrated = migrate.migrate(store._index, store.annotator)
                        changed.forget(layout.local)  # every file is new: the next sync scans them all
                    layout.set_up()
                    if not (layout.local / "index" / "built").exists():
                        maintenance.rebuild_index(store._index)
            elif not (layout.local / "index" / "built").exists():
                with store._locked():
                    maintenance.rebuild_index(store._index)  # a clone, or .local/ was deleted
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
        """Call when a document is opened or scanned; cheap (a few stats) when nothing changed."""
        return attach(self, doc)

    def verify_texts(self, doc: DocumentRef) -> int:
        """Re-anchor (or orphan) this annotator's annotations whose text is not what `doc` holds.

        An import without the document's text (not in the corpus) keeps the annotations as exported,
        unverified; the first time the document is opened its text is here, and this makes
        `text == document_text[start:end]` true again. Other annotators' files are theirs to fix (each
        annotator's own reader does it when they open the document). Returns how many were moved.
        """

        def decide(state: State) -> tuple[Entry | None, int]:
            stale = [
                a for a in state.parsed(doc.path) if not a.orphan and doc.text[a.start : a.end] != a.text
            ]
            if not stale:
                return None, 0
            placed = [place(a, doc)[0] for a in stale]
            return {"op": "put", "removed": [a.id for a in stale], "added": [strip(a) for a in placed]}, len(
                stale
            )

        return self._write(doc.id, None, decide, default=0)

    # ---------------------------------------------------------------- writing

    def _new_state(self, document_id: str, path: str) -> State:
        info = {"path": path, **self._pending_info.pop(document_id, {})}
        return State(document_id, self.annotator, document=info)

    def _write(
        self,
        document_id: str,
        path: str | None,
        decide: Callable[[State], tuple[Entry | None, T]],
        *,
        default: T,
        annotator: str | None = None,
    ) -> T:
        """Decide on this annotator's file as it is under the lock, and make the change durable.

        `decide` gets a copy of the state to look at and returns (journal entry or None, result). With
        `path` None a document this annotator has no file for is left alone (`default` is returned).
        """
        who = annotator or self.annotator
        with self._locked():
            file = self._layout.annotator_file(document_id, who)
            for _attempt in range(5):
                base = self._files.load(file, document_id, who)
                if base is None and path is None:
                    return default
                if base is not None:
                    state = base.state.copy()
                elif who == self.annotator:
                    state = self._new_state(document_id, path or "")
                else:
                    state = State(document_id, who, document={"path": path or ""})
                entry, result = decide(state)
                if entry is None:
                    return result
                entry = {"seq": state.seq + 1, "at": now_iso(), **entry}
                outcome = state.apply(entry)
                self._index.mark_dirty(document_id)
                listed = self._changes.note(file, self._files.durable)  # before the write: never under-list
                try:
                    self._files.write(file, base, state, entry)
                except Stale:  # our cached copy missed a write (a stat that did not change): read again
                    self._files.forget(file)
                    continue
                finally:
                    if listed is not None:
                        listed.result()  # durable means the list is too
                self._pending_index[document_id] = path or self._pending_index.get(document_id)
                if entry["op"] in ("undo", "redo"):
                    return outcome  # type: ignore[return-value]
                return result
            raise StoreError(f"{file}: changed under the lock again and again; the change was not saved")

    def _change(self, doc: DocumentRef, decide: Callable[[State], tuple[Entry | None, T]]) -> T:
        """A user's change to `doc`: under the lock, after following a rename or an edit of its file."""
        with self._locked():
            prepare(self, doc)
            return self._write(doc.id, doc.path, decide, default=None)  # type: ignore[arg-type,return-value]

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

    def _held(self, state: State, doc: DocumentRef, label: str, start: int, end: int) -> Annotation | None:
        """This annotator's anchored annotation with exactly this span and label."""
        u = state.keys().get((start, end, label))
        if u is None:
            return None
        return Annotation.from_json({**state.annotations[u], "document_id": doc.id, "path": doc.path})

    def toggle(
        self, doc: DocumentRef, label: str, start: int, end: int, *, seen: bool | None = None
    ) -> Annotation | None:
        """This annotator's (span, label) present: remove it and return None; absent: add and return it.

        Decided on the file as it is under the lock. `seen` is whether the caller showed the tag: when
        the store disagrees (another window changed it meanwhile) nothing changes and the store's state
        is returned, so a stale window never removes a tag it did not show, nor adds one twice.
        """
        self._check_span(doc, label, start, end)

        def decide(state: State) -> tuple[Entry | None, Annotation | None]:
            mine = self._held(state, doc, label, start, end)
            if seen is not None and seen != (mine is not None):
                return None, mine
            if mine is not None:
                return _step(f"untag {label} {start}-{end}", self.annotator, removed=[mine]), None
            new = self._new(doc, label, start, end, "", None)
            return _step(f"tag {label} {start}-{end}", self.annotator, added=[new]), new

        return self._change(doc, decide)

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

        def decide(state: State) -> tuple[Entry | None, Annotation]:
            old = self._held(state, doc, label, start, end)
            if old is not None:
                if old.note == note and old.speaker == speaker:
                    return None, old
                new = replace(old, note=note, speaker=speaker, modified=now_iso())
                return _step(f"edit {label} {start}-{end}", self.annotator, [old], [new]), new
            new = self._new(doc, label, start, end, note, speaker)
            return _step(f"tag {label} {start}-{end}", self.annotator, added=[new]), new

        return self._change(doc, decide)

    def add_many(
        self, doc: DocumentRef, items: Sequence[tuple[str, int, int, str | None]]
    ) -> list[Annotation]:
        """Add (label, start, end, speaker) items in one durable write and one undo step.

        Accepting every suggestion of a label is one user decision, so `u` takes it back whole.
        Spans this annotator already holds with that label are skipped.
        """
        for label, start, end, _ in items:
            self._check_span(doc, label, start, end)

        def decide(state: State) -> tuple[Entry | None, list[Annotation]]:
            held = set(state.keys())
            added: list[Annotation] = []
            for label, start, end, speaker in items:
                if (start, end, label) in held:
                    continue
                held.add((start, end, label))
                added.append(self._new(doc, label, start, end, "", speaker))
            if not added:
                return None, []
            labels = "/".join(sorted({a.label for a in added}))
            return _step(f"tag {len(added)} as {labels}", self.annotator, added=added), added

        return self._change(doc, decide)

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
        """Edit one of this annotator's annotations (`Annotation.revised`: None leaves a field as it is);
        one undo step. Another annotator's annotation is theirs to edit: ValueError."""

        def decide(state: State) -> tuple[Entry | None, Annotation]:
            record = state.annotations.get(annotation_id)
            if record is None:
                others = [a for a in self.annotations(doc.id) if a.id == annotation_id]
                if others:
                    raise ValueError(f"annotation {annotation_id} is {others[0].annotator}'s, not yours")
                raise ValueError(f"no annotation {annotation_id} in {doc.path}")
            old = Annotation.from_json({**record, "document_id": doc.id, "path": doc.path})
            new = old.revised(
                stamp=now_iso(), note=note, speaker=speaker, verdict=verdict, review_url=review_url
            )
            if new is old:
                return None, old
            return _step(f"edit {old.label} {old.start}-{old.end}", self.annotator, [old], [new]), new

        return self._change(doc, decide)

    # ------------------------------------------------ by id, without the text (the annotations screen)

    def _own(self, state: State, annotation_id: str, path: str) -> Annotation:
        """This annotator's annotation `annotation_id` in `state`; ValueError when it is another
        annotator's (theirs to change), LookupError when the document no longer holds it."""
        record = state.annotations.get(annotation_id)
        if record is not None:
            return Annotation.from_json({**record, "document_id": state.document_id, "path": path})
        others = [a for a in self.annotations(state.document_id) if a.id == annotation_id]
        if others:
            raise ValueError(f"{others[0].annotator or 'someone else'}'s annotation: only they can change it")
        raise LookupError(f"annotation {annotation_id} is no longer in the store")

    def delete(self, document_id: str, ids: Iterable[str]) -> list[Annotation]:
        """Remove these annotations of this annotator's from one document (orphans too), by id: one undo
        step. Ids this annotator's file does not hold (another annotator's, or gone already) are
        skipped; returns what was removed."""
        wanted = list(dict.fromkeys(ids))
        path = self.document_info(document_id).get("path", "")

        def decide(state: State) -> tuple[Entry | None, list[Annotation]]:
            victims = [self._own(state, i, path) for i in wanted if i in state.annotations]
            if not victims:
                return None, []
            what = f"delete {victims[0].label} '{_short(victims[0].text)}'"
            if len(victims) > 1:
                what = f"delete {len(victims)} annotations"
            return _step(what, self.annotator, removed=victims), victims

        return self._write(document_id, None, decide, default=[])

    def revise(
        self, document_id: str, annotation_id: str, *, label: str, note: str = "", speaker: str | None = None
    ) -> Annotation:
        """Set label, note and speaker of one of this annotator's annotations, by id (no text needed):
        one undo step. ValueError for an unknown label, another annotator's annotation or a label this
        annotator already put on that span; LookupError when the annotation is gone."""
        if label not in self.labels:
            raise ValueError(f"unknown label {label!r} (labels: {', '.join(self.labels)})")
        speaker = speaker or None
        path = self.document_info(document_id).get("path", "")

        def decide(state: State) -> tuple[Entry | None, Annotation]:
            old = self._own(state, annotation_id, path)
            if (old.label, old.note, old.speaker) == (label, note, speaker):
                return None, old
            held = state.keys()  # (start, end, label) -> id of this annotator's anchored annotations
            if label != old.label and not old.orphan and (old.start, old.end, label) in held:
                raise ValueError(f"you already tagged this text as {label}")
            new = replace(old, label=label, note=note, speaker=speaker, modified=now_iso())
            return _step(f"edit {old.label} '{_short(old.text)}'", self.annotator, [old], [new]), new

        result: Annotation | None = self._write(document_id, None, decide, default=None)
        if result is None:
            raise LookupError(f"annotation {annotation_id} is no longer in the store")
        return result

    def reattach(self, doc: DocumentRef, annotation_id: str, start: int, end: int) -> Annotation:
        """Anchor one of this annotator's annotations (an orphan, usually) on [start, end) of the document's
        current text: one undo step. ValueError for a span outside the text, another annotator's
        annotation or a span this annotator already tagged with its label; LookupError when gone."""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc.text)):
            raise ValueError(f"span {start}-{end} is not inside the document (length {len(doc.text)})")

        def decide(state: State) -> tuple[Entry | None, Annotation]:
            old = self._own(state, annotation_id, doc.path)
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
            return _step(f"re-attach {old.label} '{_short(new.text)}'", self.annotator, [old], [new]), new

        result: Annotation | None = self._write(doc.id, None, decide, default=None)
        if result is None:
            raise LookupError(f"annotation {annotation_id} is no longer in the store")
        return result

    def remove_overlapping(self, doc: DocumentRef, start: int, end: int) -> list[Annotation]:
        """This annotator's tags overlapping [start, end) (or holding `start` if empty): one undo step."""

        def hit(a: Annotation) -> bool:
            if a.orphan:
                return False
            if end > start:
                return a.start < end and a.end > start
            return a.start <= start < a.end

        def decide(state: State) -> tuple[Entry | None, list[Annotation]]:
            victims = [a for a in state.parsed(doc.path) if hit(a)]
            if not victims:
                return None, []
            return _step(
                f"remove {len(victims)} tag(s) at {start}-{end}", self.annotator, removed=victims
            ), victims

        return self._change(doc, decide) or []

    def set_line_override(self, doc: DocumentRef, line_text: str, kept: bool | None) -> None:
        """The user's call on a line (True content, False boilerplate, None back to automatic); undoable."""

        def decide(state: State) -> tuple[Entry | None, None]:
            current = self.line_overrides(doc.id)
            before = state.override_map().get(line_text, current.get(line_text))
            if before == kept and (kept is None or line_text in state.overrides):
                return None, None
            what = {True: "content", False: "boilerplate", None: "automatic"}[kept]
            return _step(f"mark line as {what}", self.annotator, overrides=[(line_text, before, kept)]), None

        self._change(doc, decide)

    def dismiss_suggestion(self, doc: DocumentRef, label: str, start: int, end: int) -> None:
        """Dismiss one suggestion for this annotator: an undo step like any change."""

        def decide(state: State) -> tuple[Entry | None, None]:
            if (label, start, end) in state.dismissed_set():
                return None, None
            what = f"dismiss suggested {label} {start}-{end}"
            return _step(what, self.annotator, dismissals=[(label, start, end, True)]), None

        self._change(doc, decide)

    def restore_suggestions(
        self, doc: DocumentRef, items: Sequence[tuple[str, int, int]] | None = None
    ) -> list[tuple[str, int, int]]:
        """Bring back dismissed suggestions (`items`, or all of the document's); one undo step."""

        def decide(state: State) -> tuple[Entry | None, list[tuple[str, int, int]]]:
            dismissed = state.dismissed_set()
            back = sorted(dismissed if items is None else dismissed & set(items))
            if not back:
                return None, []
            steps = [(label, start, end, False) for label, start, end in back]
            what = f"restore {len(back)} dismissed suggestion(s)"
            return _step(what, self.annotator, dismissals=steps), back

        return self._change(doc, decide) or []

    def set_finished(self, doc: DocumentRef, finished: bool = True) -> bool:
        """Mark the document finished (or not) for this annotator: one undo step. In a finished document an
        untagged sentence means "none of the labels", in an unfinished one "not looked at". Returns
        whether anything changed."""

        def decide(state: State) -> tuple[Entry | None, bool]:
            if state.is_finished == finished:
                return None, False
            what = "finished" if finished else "unfinished"
            return _step(
                f"mark document as {what}", self.annotator, finished=(state.is_finished, finished)
            ), True

        return bool(self._change(doc, decide))

    def note_document(
        self,
        doc: DocumentRef,
        *,
        title: str | None = None,
        date: str | None = None,
        relpath: str | None = None,
        author: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
    ) -> None:
        """Record the document's title, date, corpus-relative path, author, outlet and URL in this
        annotator's file, so that an export carries them without the corpus. Call when a document is
        opened: written only when something changed and only once this annotator has a file for it
        (else kept for its first tag). Not an undo step."""
        given = {
            "path": doc.path,
            "title": title,
            "date": date,
            "relpath": relpath,
            "author": author,
            "outlet": outlet,
            "url": url,
        }
        info = {k: v for k, v in given.items() if v is not None}

        def decide(state: State) -> tuple[Entry | None, None]:
            if all(state.document.get(k) == v for k, v in info.items()):
                return None, None
            return {"op": "put", "document": info}, None

        # Looked at without the lock first: opening a document must not wait for a busy store (an
        # import holding the lock) when there is nothing to record, which is nearly always.
        seen = self._mine(doc.id)
        if seen is None or all(seen.document.get(k) == v for k, v in info.items()):
            if seen is None:
                self._pending_info[doc.id] = {k: v for k, v in info.items() if k in INFO_FIELDS}
            return
        with self._locked():
            mine = self._files.load(self._layout.annotator_file(doc.id, self.annotator), doc.id)
            if mine is None:
                self._pending_info[doc.id] = {k: v for k, v in info.items() if k in INFO_FIELDS}
                return
            self._write(doc.id, None, decide, default=None)

    def undo(self, document_id: str) -> str | None:
        return self._step(document_id, backwards=True)

    def redo(self, document_id: str) -> str | None:
        return self._step(document_id, backwards=False)

    def _step(self, document_id: str, *, backwards: bool) -> str | None:
        def decide(state: State) -> tuple[Entry | None, str | None]:
            if not (state.undo if backwards else state.redo):
                return None, None
            return {"op": "undo" if backwards else "redo"}, None

        done = self._write(document_id, None, decide, default=None)
        if done is None:
            return None
        return ("undid " if backwards else "redid ") + str(done)

    # ---------------------------------------------------------------- import and maintenance

    def merge(self, document_id: str, path: str, annotations: Sequence[Annotation]) -> MergeReport:
        """Add annotations as they are (ids, annotators, times kept); skip what is already present.

        For the importer, which has anchored them already: merging the same set twice changes nothing.
        Each annotation goes to its annotator's file.
        """
        with self._locked():
            existing = self.annotations(document_id)
            ids = {a.id for a in existing}
            keys = {a.key for a in existing if not a.orphan}
            fresh: dict[str, list[Annotation]] = {}
            count = 0
            for a in annotations:
                if a.id in ids or (not a.orphan and a.key in keys):
                    continue
                ids.add(a.id)
                if not a.orphan:
                    keys.add(a.key)
                fresh.setdefault(a.annotator, []).append(a)
                count += 1
            for who, batch in fresh.items():
                records = [strip(a) for a in batch]
                self._write(
                    document_id,
                    path,
                    lambda _s, r=records: ({"op": "put", "added": r}, None),  # type: ignore[misc]
                    default=None,
                    annotator=who,
                )
            self._flush_index()
            return MergeReport(added=count, skipped=len(annotations) - count)

    def rebuild_index(self) -> int:
        """Rewrite the local index and path shards from the annotator files (after a crash, a recovery,
        a clone)."""
        self._flush_index()
        return maintenance.rebuild_index(self._index)

    @classmethod
    def recover(cls, directory: Path | str | None = None) -> list[str]:
        """Put back the last good version of every corrupt file; returns what was done, one line each.

        A corrupt file is moved aside as `<file>.corrupt-<time>` (never deleted), replaced by what its
        good lines hold (or its `.bak`, the previous compaction), and the index is rebuilt.
        """
        location = Path(directory).expanduser() if directory is not None else default_store_dir()
        stamp = time.strftime("%Y%m%dT%H%M%S")
        done = maintenance.recover_marker(location, stamp)
        with cls.open(location) as store:
            done += maintenance.recover_files(store._index, stamp)
        if done:  # files were rewritten or moved aside outside the journal path: a full scan next sync
            changed.forget(Layout(location).local)
        return done


__all__ = ["Layout", "MergeReport", "Store"]
