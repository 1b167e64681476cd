"""What a `Store` can do without the lock: reading the annotator files and the index shards.

A read never waits for a writer: an annotator file only grows by whole fsynced lines (a torn last line
is ignored) or is replaced by rename, and shards are replaced by rename. `Store` (facade.py) adds
opening, writing and repair.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

from annotations.model import Annotation, DocSummary
from annotations.storage import StoreError
from annotations.store import maintenance
from annotations.store.changed import ChangeLog
from annotations.store.files import Files
from annotations.store.index import Index, files_stamp
from annotations.store.journal import State
from annotations.store.layout import Layout, doc_hex, is_plain_id
from annotations.store.lock import StoreLock

_S = TypeVar("_S", bound="StoreReads")
INFO_FIELDS = ("path", "title", "date", "relpath", "author", "outlet", "url")


class StoreReads:
    """The reading half of `Store`: annotations, summaries, revisions, finished marks, undo availability."""

    def __init__(self, location: Path, annotator: str, labels: tuple[str, ...]) -> None:
        self.location = location
        self.annotator = annotator
        self.labels = labels
        self._layout = Layout(location)
        self._lock = StoreLock(location)
        self._files = Files()
        self._changes = ChangeLog(location, self._layout.local)  # what the next sync commits
        self._index = Index(self._layout, self._lock, self._files)
        self._lock.on_release = self._index.forget
        self._checked = False  # the first summary() looks for files changed behind the store
        # One summary at a time: the app reads it from several threads (the library's scan and its watch,
        # the agreement's count), and its caches (the first call's check, the shards' rows) are not shared
        # safely; a second caller waits, then gets the merged summary the first left.
        self._summary_lock = threading.RLock()
        self._pending_info: dict[str, dict[str, str]] = {}  # note_document before the first write
        self._pending_index: dict[str, str | None] = {}  # documents written, index entry not yet updated
        self.temp_files: tuple[int, int] = (0, 0)
        """(removed, kept) temp files found by `open`: left by writers that died, or still in use."""
        self.migrated: str | None = None
        """One line saying that `open` migrated a format-1 store (for the CLI and app to print once)."""

    @property
    def durable(self) -> bool:
        """False skips the fsyncs (tests and benchmarks that measure something else)."""
        return self._files.durable

    @durable.setter
    def durable(self, value: bool) -> None:
        self._files.durable = value

    def close(self) -> None:
        try:
            self._flush_index()
            self._index.close()
        finally:
            self._lock.close()

    def _flush_index(self) -> None:
        """Bring the local index up to date with this process's writes (deferred: a tag only appends
        its line, so its cost does not grow with the document; the summary is derived, and a write cut
        short before its entry was updated leaves `.local/dirty/<hex>` for `refresh`)."""
        if not self._pending_index:
            return
        with self._locked():
            pending, self._pending_index = self._pending_index, {}
            for document_id, path in pending.items():
                try:
                    self._index.update(document_id, path)
                except StoreError:
                    continue  # a file that cannot be read: reported by the reads; its marker stays
                self._index.clear_dirty(document_id)

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return self._lock.hold()

    @property
    def on_wait(self) -> Callable[[str], None] | None:
        """Called with "the store is busy: pid N, reader import, since ..." when a write has to wait."""
        return self._lock.on_wait

    @on_wait.setter
    def on_wait(self, report: Callable[[str], None] | None) -> None:
        self._lock.on_wait = report

    def wait_until_free(self) -> None:
        """Wait as a write would (StoreBusy after the timeout): for checks that need a quiet store."""
        with self._locked():
            pass

    # ---------------------------------------------------------------- reading

    def _states(self, document_id: str) -> list[State]:
        return self._index.states(document_id)

    def _mine(self, document_id: str) -> State | None:
        cached = self._files.load(self._layout.annotator_file(document_id, self.annotator), document_id)
        return cached.state if cached else None

    def annotations(self, document_id: str) -> list[Annotation]:
        """Every annotator's annotations of the document, orphans included (flagged), sorted by
        (start, end, label, annotator)."""
        states = self._states(document_id)
        if not states:
            return []
        path = self._index.document_path(document_id, states) or ""
        if len(states) == 1:
            return list(states[0].parsed(path))
        # Each file's list is sorted with its keys kept beside it: merging the runs on those keys (no
        # key function) costs a tenth of re-keying 5,000 annotations on every read after a tag.
        pairs: list[tuple[tuple[int, int, str, str, str], Annotation]] = []
        for s in states:
            pairs += zip(s.order_keys(path), s.parsed(path), strict=True)
        pairs.sort(key=itemgetter(0))
        return [a for _, a in pairs]

    def is_cached(self, document_id: str) -> bool:
        """Whether one of the document's annotator files is held parsed (the document open on screen)."""
        return any(self._files.holds(f) for f in self._layout.annotator_files(document_id))

    def release(self, document_id: str) -> None:
        """Drop the document's parsed annotator files from the cache: a pass over every document (an
        export) reads each once, and the cache's 64 files of 500 annotations held some 40 MB."""
        for file in self._layout.annotator_files(document_id):
            self._files.forget(file)

    def summary(self, *, check: bool = True) -> dict[str, DocSummary]:
        """Counts, spans, annotators and finished marks of every document, from the local index shards
        (cached by stat). The first call of a Store also looks for annotator files that changed behind
        it (a git pull, a file sync) by their folders' mtimes and rebuilds those entries; `check=False`
        leaves that to a later call: the index as it stands, for a quick first look (a tenth of the time
        at 30,000 documents)."""
        with self._summary_lock:
            if not check and not self._checked:
                return self._index.summary()
            if not self._checked:
                self._checked = True
                self.refresh()
            else:
                self._flush_index()
                if self._index.has_dirty():
                    self._index.refresh([])  # another process's writes whose entries it left behind
            return self._index.summary()

    def refresh(self, document_ids: list[str] | None = None) -> list[str]:
        """Rebuild the index entries of documents whose annotator files changed behind this store (another
        process, `git pull`, a file sync); returns those documents. With ids, only those are checked
        (one folder listing each); without, every document folder is checked by its mtime."""
        self._flush_index()
        return self._index.refresh(document_ids)

    def document_paths(self) -> dict[str, str]:
        """Every document with annotations, orphans or a finished mark -> its path here.

        From the index, plus any document folder the index does not know yet (a crash between a write
        and its index update, files that arrived by sync), so a listing never misses an annotation.
        """
        self._flush_index()
        if self._index.has_dirty():
            self._index.refresh([])
        paths = self._index.paths()
        # Folder names are looked up as ids one at a time: a set of 30,000 names (and a Path for each
        # folder) doubled the listing's peak. Only an id that is not "sha256:<its folder>" needs a set.
        odd = {doc_hex(d) for d in paths if not is_plain_id(d)}
        for name in self._layout.doc_names():
            if "sha256:" + name not in paths and name not in odd:
                states = self._states("sha256:" + name)
                if any(s.annotations or s.is_finished for s in states):
                    paths[states[0].document_id] = str(states[0].document.get("path", ""))
        return paths

    def document_ids(self) -> list[str]:
        """Every document with a file in the store (`document_paths`), ordered by path then id: read one
        at a time with `annotations(id)`, a whole store is paged through in memory for one document."""
        paths = self.document_paths()
        ids = sorted(paths)
        ids.sort(key=paths.__getitem__)  # stable: by path, then id (no (path, id) tuple per document)
        return ids

    def iter_all(self) -> Iterator[Annotation]:
        """Every annotation, document by document (ordered by path), one document in memory at a time."""
        for document_id in self.document_ids():
            yield from self.annotations(document_id)

    def revision(self, document_id: str) -> tuple[Any, ...] | None:
        """Changes whenever any annotator file of the document does (a write appends to or replaces it,
        a sync brings a new one): one folder listing and a stat per annotator, for a screen to notice
        cheaply that another process, window or machine wrote."""
        folder = self._layout.doc_dir(document_id)
        out = []
        try:
            with os.scandir(folder) as entries:
                for e in entries:
                    if e.name.endswith(".jsonl") and not e.name.startswith("."):
                        st = e.stat()
                        out.append((e.name, st.st_ino, st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            return None
        return tuple(sorted(out)) or None

    def index_outdated(self) -> bool:
        """Some index entry lacks what this version keeps in it (`reader stats` then rebuilds the index)."""
        return self._index.outdated()

    def file_stamps(self, *, check: bool = True) -> dict[str, str]:
        """Each indexed document -> a digest of its annotator files' (name, inode, size, mtime), as the
        local index recorded it, brought up to date first (as `summary`; `check=False` as it stands):
        equal to `file_stamp(id)` unless a file changed since. For caches of what documents hold
        (agreement's span cache): any write, undo, sync or file arriving changes it. No file is read
        or stat'ed past the summary's."""
        self.summary(check=check)
        return {row[0]: row[8] for row in self._index.rows()}

    def file_stamp(self, document_id: str) -> str:
        """The digest `file_stamps` holds for one document, read from its files now ("" when it has none)."""
        return files_stamp(self._layout, document_id)[1]

    def local_path(self, name: str) -> Path:
        """`.local/<name>` of this store: this machine's derived files, never synced, safe to delete.
        For a cache another module keeps beside the store (the import memo); the caller creates it."""
        if not name or "/" in name or name.startswith("."):
            raise ValueError(f"not a plain name for the store's local area: {name!r}")
        return self._layout.local / name

    def line_overrides(self, document_id: str) -> dict[str, bool]:
        """Every annotator's calls on lines, the latest winning, this annotator's own over the others'."""
        states = self._states(document_id)
        merged: dict[str, tuple[str, bool]] = {}
        for s in states:
            if s.annotator == self.annotator:
                continue
            for line, (kept, at) in s.overrides.items():
                if line not in merged or str(at) > merged[line][0]:
                    merged[line] = (str(at), bool(kept))
        out = {line: kept for line, (_, kept) in merged.items()}
        for s in states:
            if s.annotator == self.annotator:
                out.update(s.override_map())
        return out

    def dismissed_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        """The suggestions dismissed in this document, by any annotator (as in format 1, where they
        were the document's; each annotator's own are kept in their own file)."""
        out: set[tuple[str, int, int]] = set()
        for s in self._states(document_id):
            out |= s.dismissed_set()
        return out

    def finished_by(self, document_id: str) -> list[str]:
        """The annotators who marked the document finished (sorted)."""
        return sorted(s.annotator for s in self._states(document_id) if s.is_finished)

    def is_finished(self, document_id: str) -> bool:
        """Whether this annotator marked the document finished."""
        mine = self._mine(document_id)
        return bool(mine and mine.is_finished)

    def annotators(self, document_id: str) -> list[str]:
        """Every annotator with a file for the document (tagged, or marked something)."""
        return sorted(s.annotator for s in self._states(document_id))

    def document_info(self, document_id: str) -> dict[str, str]:
        """Title, date, path, corpus-relative path, author, outlet and URL as recorded by
        `note_document` (this annotator's record first, then the others'): exports carry them
        without the corpus."""
        out: dict[str, str] = {}
        states = sorted(self._states(document_id), key=lambda s: s.annotator != self.annotator)
        for s in reversed(states):
            out.update({k: str(v) for k, v in s.document.items() if k in INFO_FIELDS and v is not None})
        return out

    def can_undo(self, document_id: str) -> bool:
        """Whether this annotator has a step to take back (another annotator's never counts)."""
        mine = self._mine(document_id)
        return bool(mine and mine.undo)

    def can_redo(self, document_id: str) -> bool:
        mine = self._mine(document_id)
        return bool(mine and mine.redo)

    def sweep_temp_files(self) -> tuple[int, int]:
        """Look for dead writers' temp files in every document folder too (opening a store looks only
        in the top folders); adds to `temp_files` what it removed."""
        removed, kept = maintenance.sweep_temp_files(self.location, deep=True)
        self.temp_files = (self.temp_files[0] + removed, kept)
        return self.temp_files

    def size_on_disk(self) -> int:
        total = 0
        for root, _dirs, files in os.walk(self.location):
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.lstat(os.path.join(root, name)).st_size
        return total

    def problems(self) -> list[str]:
        """One line per unreadable or inconsistent file (reads every annotator file)."""
        self._flush_index()
        return maintenance.problems(self._index)

    def scan(self, problems: list[str] | None = None) -> Iterator[tuple[str, str, list[Annotation]]]:
        """(document id, path, annotations) of every document, index or not (for stats and checks).

        With `problems`, unreadable files are listed there (one line each) and skipped; else they raise.
        """
        return maintenance.scan(self, problems)
