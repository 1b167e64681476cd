"""The annotation store: one TinyDB file per document plus small index files, all written atomically.

Layout of a store folder (see docs/export-format.md, "The store on disk"):

    store.json          marks the folder as ours: {"format": "reader.store", "version": 1}
    lock                fcntl.flock'ed by every writer (processes) beside an in-process lock (threads)
    docs/<hex>.json     TinyDB file of one document: tables meta, annotations, history, overrides, dismissed
    docs/<hhh>.index    summary of the documents whose hex starts with hhh (counts and spans)
    paths/<hhh>.json    path -> document id, sharded by the hash of the path
    *.bak               the previous version of each file, kept by every write for recovery

A tag rewrites one document file and one index shard, so its cost does not grow with the store.
Every write happens under the lock and re-reads the files first, so two processes lose no update.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from annotations.anchoring import place
from annotations.location import default_annotator, default_labels, default_store_dir
from annotations.model import (
    Annotation,
    AttachReport,
    DocSummary,
    DocumentRef,
    context,
    now_iso,
)
from annotations.storage import (
    AtomicJSONStorage,
    StoreError,
    atomic_write,
    atomic_write_many,
    backup_path,
    corrupt_error,
    encode,
    read_json,
    remove_file,
)

__all__ = ["MergeReport", "Store", "StoreError"]

FORMAT = "reader.store"
DOC_FORMAT = "reader.store.document"
INDEX_FORMAT = "reader.store.index"
PATHS_FORMAT = "reader.store.paths"
VERSION = 1
HISTORY_LIMIT = 100  # undo steps kept per document: bounds the size (and cost) of its file
_HEX = re.compile(r"sha256:([0-9a-f]{64})")
_TABLES = ("meta", "annotations", "history", "overrides", "dismissed")
SHARD = 3  # hex digits naming an index/paths shard: 4,096 shards keep each small at a million annotations
# Index shards live beside the document files (docs/<hhh>.index) so that a tag's two renames are made
# durable by one folder fsync.
INDEX_SUFFIX = ".index"
_SHARD_STEMS = tuple(f"{n:0{SHARD}x}" for n in range(16**SHARD))


def _hex(document_id: str) -> str:
    match = _HEX.fullmatch(document_id)
    return (
        match.group(1) if match else hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()
    )


def _sort_key(a: Annotation) -> tuple[int, int, str, str, str]:
    return (a.start, a.end, a.label, a.annotator, a.id)


def _summary_entry(path: str, annotations: Iterable[Annotation], rev: int) -> dict[str, Any]:
    anns = list(annotations)
    spans = sorted({(a.start, a.end) for a in anns if not a.orphan})
    return {
        "path": path,
        "annotations": sum(not a.orphan for a in anns),
        "orphans": sum(a.orphan for a in anns),
        "spans": [list(s) for s in spans],
        "rev": rev,
    }


@dataclass(frozen=True)
class MergeReport:
    added: int
    skipped: int  # already present (same id, or same annotator, span and label)


class _DocTx:
    """One document file opened for a change inside the store lock (a fresh TinyDB: no stale id cache)."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage
        self.db = TinyDB(storage=lambda: storage)

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.db.table("meta").get(doc_id=1) or {})

    def set_meta(self, meta: dict[str, Any]) -> None:
        self.db.table("meta").upsert(Document(meta, doc_id=1))

    def annotations(self) -> list[Annotation]:
        return _parse_annotations(self.storage.path, self.db.table("annotations").all())

    def insert(self, annotations: Sequence[Annotation]) -> None:
        if annotations:
            self.db.table("annotations").insert_multiple(a.to_json() for a in annotations)

    def remove(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        if not wanted:
            return
        table = self.db.table("annotations")
        doc_ids = [d.doc_id for d in table.all() if d.get("id") in wanted]
        if doc_ids:
            table.remove(doc_ids=doc_ids)

    def replace_all(self, annotations: Sequence[Annotation]) -> None:
        self.db.table("annotations").truncate()
        self.insert(annotations)

    @property
    def history(self) -> dict[str, list[dict[str, Any]]]:
        found = self.db.table("history").get(doc_id=1)
        return (
            {"undo": list(found["undo"]), "redo": list(found["redo"])} if found else {"undo": [], "redo": []}
        )

    def set_history(self, history: dict[str, list[dict[str, Any]]]) -> None:
        self.db.table("history").upsert(Document(history, doc_id=1))

    def overrides(self) -> dict[str, bool]:
        return {d["line"]: bool(d["kept"]) for d in self.db.table("overrides").all()}

    def set_override(self, line: str, kept: bool | None) -> None:
        table = self.db.table("overrides")
        doc_ids = [d.doc_id for d in table.all() if d.get("line") == line]
        if doc_ids:
            table.remove(doc_ids=doc_ids)
        if kept is not None:
            table.insert({"line": line, "kept": kept})

    def dismissed(self) -> set[tuple[str, int, int]]:
        return {(d["label"], d["start"], d["end"]) for d in self.db.table("dismissed").all()}

    def dismiss(self, label: str, start: int, end: int) -> None:
        if (label, start, end) not in self.dismissed():
            self.db.table("dismissed").insert({"label": label, "start": start, "end": end})


def _parse_annotations(path: Path, records: Iterable[dict[str, Any]]) -> list[Annotation]:
    try:
        return sorted((Annotation.from_json(dict(r)) for r in records), key=_sort_key)
    except (KeyError, TypeError, ValueError) as exc:
        raise corrupt_error(
            path, f"an annotation record is malformed ({type(exc).__name__}: {exc})"
        ) from None


def _check_doc_data(path: Path, data: Any) -> None:
    if data is None:
        return
    if not isinstance(data, dict) or any(not isinstance(v, dict) for v in data.values()):
        raise corrupt_error(path, "not a reader document file (not TinyDB tables)")
    meta = data.get("meta", {}).get("1")
    if not isinstance(meta, dict) or meta.get("format") != DOC_FORMAT:
        raise corrupt_error(path, "not a reader document file (no reader.store.document meta)")
    if meta.get("version") != VERSION:
        raise corrupt_error(path, f"unsupported document file version {meta.get('version')!r}")
    unknown = set(data) - set(_TABLES) - {"_default"}
    if unknown:
        raise corrupt_error(path, f"unknown tables {sorted(unknown)}")


class Store:
    """Annotations, line overrides, dismissed suggestions and undo history of every document."""

    def __init__(self, location: Path, annotator: str, labels: tuple[str, ...], lock_fd: int) -> None:
        self.location = location
        self.annotator = annotator
        self.labels = labels
        self._lock_fd: int | None = lock_fd
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._shards: dict[Path, dict[str, Any]] = {}  # shards read under the current lock hold
        self._owner: int | None = None  # the thread holding the lock
        self._summary_cache: dict[Path, tuple[tuple[int, int, int], dict[str, DocSummary]]] = {}
        self._index_names: list[tuple[str, Path]] | None = None
        self.durable = True

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
        if location.exists() and not location.is_dir():
            raise StoreError(f"{location}: is a file, not a folder; cannot hold a store")
        try:
            location.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{location}: cannot create the store folder ({exc.strerror or exc})") from None
        if not location.is_dir():
            raise StoreError(f"{location}: is not a folder, cannot hold a store")
        marker = location / "store.json"
        if not marker.exists():
            # Another process may be creating the store right now: it makes `lock`, then store.json.
            stray = [p.name for p in location.iterdir() if not p.name.startswith(".") and p.name != "lock"]
            if stray and not marker.exists():
                raise StoreError(
                    f"{location}: not a reader store (no store.json) and not empty ({stray[0]}, ...); "
                    "refusing to write into it, choose an empty or new folder"
                )
        else:
            cls._check_marker(marker)
        if not os.access(location, os.W_OK | os.X_OK):
            raise StoreError(f"{location}: the store folder is not writable")
        try:
            lock_fd = os.open(location / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"{location}: cannot set up the store ({exc.strerror or exc})") from None
        store = cls(location, annotator or default_annotator(), labels_t, lock_fd)
        try:
            with store._locked():
                if marker.exists():
                    cls._check_marker(marker)
                else:
                    atomic_write(marker, encode({"format": FORMAT, "version": VERSION}))
                for sub in ("docs", "paths"):
                    (location / sub).mkdir(exist_ok=True)
                old_index = location / "index"
                if old_index.is_dir():  # a store from before index shards moved into docs/
                    store.rebuild_index()
                    shutil.rmtree(old_index, ignore_errors=True)
        except OSError as exc:
            store.close()
            raise StoreError(f"{location}: cannot set up the store ({exc.strerror or exc})") from None
        except StoreError:
            store.close()
            raise
        return store

    @staticmethod
    def _check_marker(marker: Path) -> None:
        data = read_json(marker)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise corrupt_error(marker, "not a reader store marker (foreign or corrupt)")
        if data.get("version") != VERSION:
            raise StoreError(
                f"{marker}: store version {data.get('version')!r} is not supported by this reader"
            )

    def close(self) -> None:
        with self._thread_lock:
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock:
            if self._lock_fd is None:
                raise StoreError(f"{self.location}: the store is closed")
            if self._depth == 0:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
                self._owner = threading.get_ident()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._shards.clear()  # another process may write as soon as the lock is released
                    if self._lock_fd is not None:
                        fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    # ---------------------------------------------------------------- files

    def _doc_file(self, document_id: str) -> Path:
        return self.location / "docs" / f"{_hex(document_id)}.json"

    def _index_file(self, document_id: str) -> Path:
        return self._index_path(_hex(document_id)[:SHARD])

    def _index_path(self, stem: str) -> Path:
        return self.location / "docs" / f"{stem}{INDEX_SUFFIX}"

    def _shard_files(self, kind: str) -> list[Path]:
        if kind == "index":
            return sorted((self.location / "docs").glob("[0-9a-f]" * SHARD + INDEX_SUFFIX))
        return sorted((self.location / "paths").glob("*.json"))

    def _paths_file(self, path: str) -> Path:
        digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
        return self.location / "paths" / f"{digest[:SHARD]}.json"

    def _read_doc(self, document_id: str) -> dict[str, Any] | None:
        return self._read_doc_file(self._doc_file(document_id))

    @staticmethod
    def _read_doc_file(file: Path) -> dict[str, Any] | None:
        data = read_json(file)
        _check_doc_data(file, data)
        return data

    def _read_shard(self, file: Path, fmt: str, key: str) -> dict[str, Any]:
        """A shard's entries (a fresh dict the caller may change); cached while the lock is held."""
        mine = self._owner == threading.get_ident()  # a reader in another thread never uses the cache
        if mine and file in self._shards:
            return dict(self._shards[file])
        data = read_json(file)
        if data is None:
            entries: dict[str, Any] = {}
        elif not isinstance(data, dict) or data.get("format") != fmt or not isinstance(data.get(key), dict):
            raise corrupt_error(file, f"not a {fmt} file")
        elif data.get("version") != VERSION:
            raise corrupt_error(file, f"unsupported {fmt} version {data.get('version')!r}")
        else:
            entries = data[key]
        if mine:
            self._shards[file] = dict(entries)
        return entries

    def _shard_payload(self, file: Path, fmt: str, key: str, entries: dict[str, Any]) -> bytes:
        return encode({"format": fmt, "version": VERSION, key: entries})

    def _write_shard(self, file: Path, fmt: str, key: str, entries: dict[str, Any]) -> None:
        self._shards.pop(file, None)
        if entries:
            atomic_write(file, self._shard_payload(file, fmt, key, entries), durable=self.durable)
        elif file.exists():
            remove_file(file, durable=self.durable)
        if self._owner == threading.get_ident():
            self._shards[file] = dict(entries)

    def _index_shard(self, file: Path) -> dict[str, Any]:
        """An index shard; one that cannot be read is moved aside and rebuilt from its document files."""
        try:
            return self._read_shard(file, INDEX_FORMAT, "documents")
        except StoreError:
            with self._locked():
                try:
                    return self._read_shard(file, INDEX_FORMAT, "documents")
                except StoreError:
                    pass
                os.replace(file, file.with_name(f"{file.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}"))
                entries = {}
                for doc_file in sorted((self.location / "docs").glob(f"{file.stem}*.json")):
                    data = read_json(doc_file)
                    _check_doc_data(doc_file, data)
                    if data:
                        meta = data["meta"]["1"]
                        anns = _parse_annotations(doc_file, data.get("annotations", {}).values())
                        entries[meta["document_id"]] = _summary_entry(
                            meta["path"], anns, int(meta.get("rev", 0))
                        )
                self._write_shard(file, INDEX_FORMAT, "documents", entries)
                return dict(entries)

    def _index_entry(self, document_id: str) -> dict[str, Any] | None:
        return self._index_shard(self._index_file(document_id)).get(document_id)

    def _set_index_entry(self, document_id: str, entry: dict[str, Any] | None) -> None:
        file = self._index_file(document_id)
        entries = self._index_shard(file)
        if entry is None:
            if document_id not in entries:
                return
            del entries[document_id]
        else:
            if entries.get(document_id) == entry:
                return
            entries[document_id] = entry
        self._write_shard(file, INDEX_FORMAT, "documents", entries)

    def _path_lookup(self, path: str) -> str | None:
        return self._read_shard(self._paths_file(path), PATHS_FORMAT, "paths").get(path)

    def _set_path(self, path: str, document_id: str | None, *, only_if: str | None = None) -> None:
        file = self._paths_file(path)
        entries = self._read_shard(file, PATHS_FORMAT, "paths")
        current = entries.get(path)
        if only_if is not None and current != only_if:
            return
        if current == document_id:
            return
        if document_id is None:
            entries.pop(path, None)
        else:
            entries[path] = document_id
        self._write_shard(file, PATHS_FORMAT, "paths", entries)

    @contextlib.contextmanager
    def _edit(self, document_id: str, path: str | None) -> Iterator[_DocTx]:
        """Change one document file atomically under the lock, with its index entry in the same flush.

        `path` is needed to create the file; with None a missing document raises LookupError.
        """
        with self._locked():
            file = self._doc_file(document_id)
            storage = AtomicJSONStorage(file, durable=self.durable)
            with storage.transaction(defer=True):
                _check_doc_data(file, storage.read())
                tx = _DocTx(storage)
                meta = tx.meta
                created = not meta
                if created:
                    if path is None:
                        raise LookupError(document_id)
                    meta = {
                        "format": DOC_FORMAT,
                        "version": VERSION,
                        "document_id": document_id,
                        "path": path,
                    }
                yield tx
                meta = {**meta, **{k: v for k, v in tx.meta.items() if k == "path"}}
                meta["rev"] = int(meta.get("rev", 0)) + 1
                tx.set_meta(meta)
                annotations = tx.annotations()
            if storage.pending is None:
                return
            writes = [(file, storage.pending)]
            index_file = self._index_file(document_id)
            entries = self._index_shard(index_file)
            entries[document_id] = _summary_entry(meta["path"], annotations, meta["rev"])
            writes.append((index_file, self._shard_payload(index_file, INDEX_FORMAT, "documents", entries)))
            paths_file = self._paths_file(meta["path"])
            paths: dict[str, Any] | None = None
            if created:
                paths = self._read_shard(paths_file, PATHS_FORMAT, "paths")
                if paths.get(meta["path"]) != document_id:
                    paths[meta["path"]] = document_id
                    writes.append((paths_file, self._shard_payload(paths_file, PATHS_FORMAT, "paths", paths)))
            self._shards.pop(index_file, None)
            self._shards.pop(paths_file, None)
            atomic_write_many(writes, durable=self.durable, derived=frozenset({index_file}))
            self._shards[index_file] = dict(entries)
            if paths is not None:
                self._shards[paths_file] = dict(paths)

    def _prepare(self, doc: DocumentRef) -> None:
        """Before a write: follow a rename or a changed text if `attach` was not called (inside the lock)."""
        entry = self._index_entry(doc.id)
        if entry is None or entry.get("path") != doc.path:
            self._attach_locked(doc)

    # ---------------------------------------------------------------- reading

    def annotations(self, document_id: str) -> list[Annotation]:
        """Every annotation of the document, orphans included (flagged), sorted by (start, end, label)."""
        data = self._read_doc(document_id)
        if data is None:
            return []
        return _parse_annotations(self._doc_file(document_id), data.get("annotations", {}).values())

    def summary(self) -> dict[str, DocSummary]:
        """From the small index files only, each parsed again only when it changed since the last call.

        Every write replaces a shard by rename, so (inode, mtime, size) changes with its content.
        """
        out: dict[str, DocSummary] = {}
        seen: set[Path] = set()
        # stat the 4,096 possible names rather than list docs/, which holds every document file
        if self._index_names is None:
            self._index_names = [
                (name, Path(name)) for name in (str(self._index_path(s)) for s in _SHARD_STEMS)
            ]
        for name, file in self._index_names:
            try:
                st = os.stat(name)
            except FileNotFoundError:
                continue
            seen.add(file)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            cached = self._summary_cache.get(file)
            if cached is None or cached[0] != stamp:
                cached = (stamp, self._parse_summary(self._index_shard(file)))
                self._summary_cache[file] = cached
            out.update(cached[1])
        for gone in set(self._summary_cache) - seen:
            self._summary_cache.pop(gone, None)
        return out

    @staticmethod
    def _parse_summary(entries: dict[str, Any]) -> dict[str, DocSummary]:
        return {
            document_id: DocSummary(
                path=e["path"],
                annotations=e["annotations"],
                orphans=e["orphans"],
                spans=tuple(map(tuple, e["spans"])),  # type: ignore[arg-type]
            )
            for document_id, e in entries.items()
        }

    def document_ids(self) -> list[str]:
        """Every document with a file in the store, ordered by path then id.

        From the index, plus any document file the index does not know yet (a crash between the two
        writes), so an export never misses an annotation.
        """
        summary = self.summary()
        order = [(e.path, d) for d, e in summary.items()]
        known = {_hex(d) for d in summary}
        with os.scandir(self.location / "docs") as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".json") and len(name) == 69 and name[:64] not in known:
                    data = self._read_doc_file(Path(entry.path))
                    if data:
                        meta = data["meta"]["1"]
                        order.append((meta["path"], meta["document_id"]))
        return [d for _, d in sorted(order)]

    def iter_all(self) -> Iterator[Annotation]:
        """Every annotation, document by document (ordered by path), one document in memory at a time."""
        for document_id in self.document_ids():
            yield from self.annotations(document_id)

    def line_overrides(self, document_id: str) -> dict[str, bool]:
        data = self._read_doc(document_id)
        if data is None:
            return {}
        return {d["line"]: bool(d["kept"]) for d in data.get("overrides", {}).values()}

    def dismissed_suggestions(self, document_id: str) -> set[tuple[str, int, int]]:
        data = self._read_doc(document_id)
        if data is None:
            return set()
        return {(d["label"], int(d["start"]), int(d["end"])) for d in data.get("dismissed", {}).values()}

    def _history(self, document_id: str) -> dict[str, list[Any]]:
        data = self._read_doc(document_id)
        found = (data or {}).get("history", {}).get("1")
        return found or {"undo": [], "redo": []}

    def can_undo(self, document_id: str) -> bool:
        return bool(self._history(document_id)["undo"])

    def can_redo(self, document_id: str) -> bool:
        return bool(self._history(document_id)["redo"])

    def size_on_disk(self) -> int:
        total = 0
        for root, _dirs, files in os.walk(self.location):
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.lstat(os.path.join(root, name)).st_size
        return total

    # ---------------------------------------------------------------- attaching

    def attach(self, doc: DocumentRef) -> AttachReport:
        """Call when a document is opened or scanned; cheap (two small reads) when nothing changed."""
        entry = self._index_entry(doc.id)
        if entry is not None and entry.get("path") == doc.path:
            return self._report(doc, entry)
        if entry is None and self._path_lookup(doc.path) in (None, doc.id):
            return AttachReport(doc.id, doc.path)
        with self._locked():
            return self._attach_locked(doc)

    def _report(self, doc: DocumentRef, entry: dict[str, Any], **kw: Any) -> AttachReport:
        orphans = tuple(a for a in self.annotations(doc.id) if a.orphan) if entry.get("orphans") else ()
        return AttachReport(doc.id, doc.path, orphans=orphans, **kw)

    def _attach_locked(self, doc: DocumentRef) -> AttachReport:
        entry = self._index_entry(doc.id)
        if entry is not None:
            if entry.get("path") == doc.path:
                return self._report(doc, entry)
            return self._rename(doc, entry["path"])
        old_id = self._path_lookup(doc.path)
        if old_id is None or old_id == doc.id or self._read_doc(old_id) is None:
            return AttachReport(doc.id, doc.path)
        return self._reanchor(doc, old_id)

    def _rename(self, doc: DocumentRef, old_path: str) -> AttachReport:
        with self._edit(doc.id, doc.path) as tx:
            tx.set_meta({**tx.meta, "path": doc.path})
            moved = [replace(a, path=doc.path) for a in tx.annotations()]
            tx.replace_all(moved)
        self._set_path(old_path, None, only_if=doc.id)
        self._set_path(doc.path, doc.id)
        entry = self._index_entry(doc.id) or {}
        return self._report(doc, entry, previous_path=old_path)

    def _reanchor(self, doc: DocumentRef, old_id: str) -> AttachReport:
        """The file at this path changed: move its annotations to the new text, orphan what fails."""
        old = self._read_doc(old_id) or {}
        old_file = self._doc_file(old_id)
        old_anns = _parse_annotations(old_file, old.get("annotations", {}).values())
        old_overrides = {d["line"]: bool(d["kept"]) for d in old.get("overrides", {}).values()}
        reanchored = 0
        with self._edit(doc.id, doc.path) as tx:
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
        self._set_index_entry(old_id, None)
        self._set_path(doc.path, doc.id)
        remove_file(old_file, durable=self.durable)
        entry = self._index_entry(doc.id) or {}
        return self._report(doc, entry, previous_id=old_id, reanchored=reanchored)

    # ---------------------------------------------------------------- writing

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

    def _record(
        self,
        tx: _DocTx,
        description: str,
        removed: Sequence[Annotation],
        added: Sequence[Annotation],
        overrides: Sequence[tuple[str, bool | None, bool | None]] = (),
    ) -> None:
        history = tx.history
        history["undo"].append(
            {
                "description": description,
                "removed": [a.to_json() for a in removed],
                "added": [a.to_json() for a in added],
                "overrides": [list(o) for o in overrides],
            }
        )
        del history["undo"][:-HISTORY_LIMIT]
        history["redo"] = []
        tx.set_history(history)

    def _held(self, tx: _DocTx, label: str, start: int, end: int) -> list[Annotation]:
        """This annotator's anchored annotation(s) with exactly this span and label."""
        key = (self.annotator, start, end, label)
        return [a for a in tx.annotations() if not a.orphan and a.key == key]

    def toggle(self, doc: DocumentRef, label: str, start: int, end: int) -> Annotation | None:
        """This annotator's (span, label) present: remove it and return None; absent: add and return it."""
        self._check_span(doc, label, start, end)
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:
                mine = self._held(tx, label, start, end)
                if mine:
                    tx.remove(a.id for a in mine)
                    self._record(tx, f"untag {label} {start}-{end}", mine, [])
                    return None
                new = self._new(doc, label, start, end, "", None)
                tx.insert([new])
                self._record(tx, f"tag {label} {start}-{end}", [], [new])
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
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:
                same = self._held(tx, label, start, end)
                if same:
                    old = same[0]
                    if old.note == note and old.speaker == speaker:
                        return old
                    new = replace(old, note=note, speaker=speaker, modified=now_iso())
                    tx.remove([old.id])
                    tx.insert([new])
                    self._record(tx, f"edit {label} {start}-{end}", [old], [new])
                    return new
                new = self._new(doc, label, start, end, note, speaker)
                tx.insert([new])
                self._record(tx, f"tag {label} {start}-{end}", [], [new])
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
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:
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
                    self._record(tx, f"tag {len(added)} as {'/'.join(labels)}", [], added)
                return added

    def update(
        self, doc: DocumentRef, annotation_id: str, *, note: str | None = None, speaker: str | None = None
    ) -> Annotation:
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:
                found = [a for a in tx.annotations() if a.id == annotation_id]
                if not found:
                    raise ValueError(f"no annotation {annotation_id} in {doc.path}")
                old = found[0]
                new = replace(
                    old,
                    note=old.note if note is None else note,
                    speaker=old.speaker if speaker is None else (speaker or None),
                    modified=now_iso(),
                )
                if new == replace(old, modified=new.modified):
                    return old
                tx.remove([old.id])
                tx.insert([new])
                self._record(tx, f"edit {old.label} {old.start}-{old.end}", [old], [new])
                return new

    def remove_overlapping(self, doc: DocumentRef, start: int, end: int) -> list[Annotation]:
        """This annotator's tags overlapping [start, end) (or holding `start` if empty): one undo step."""
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:

                def hit(a: Annotation) -> bool:
                    if a.orphan or a.annotator != self.annotator:
                        return False
                    if end > start:
                        return a.start < end and a.end > start
                    return a.start <= start < a.end

                victims = [a for a in tx.annotations() if hit(a)]
                if victims:
                    tx.remove(a.id for a in victims)
                    self._record(tx, f"remove {len(victims)} tag(s) at {start}-{end}", victims, [])
                return victims

    def set_line_override(self, doc: DocumentRef, line_text: str, kept: bool | None) -> None:
        """The user's call on a line (True content, False boilerplate, None back to automatic); undoable."""
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:
                before = tx.overrides().get(line_text)
                if before == kept:
                    return
                tx.set_override(line_text, kept)
                what = {True: "content", False: "boilerplate", None: "automatic"}[kept]
                self._record(tx, f"mark line as {what}", [], [], [(line_text, before, kept)])

    def dismiss_suggestion(self, doc: DocumentRef, label: str, start: int, end: int) -> None:
        with self._locked():
            self._prepare(doc)
            with self._edit(doc.id, doc.path) as tx:
                tx.dismiss(label, start, end)

    def undo(self, document_id: str) -> str | None:
        return self._step(document_id, backwards=True)

    def redo(self, document_id: str) -> str | None:
        return self._step(document_id, backwards=False)

    def _step(self, document_id: str, *, backwards: bool) -> str | None:
        with self._locked():
            if self._read_doc(document_id) is None:
                return None
            with self._edit(document_id, None) as tx:
                history = tx.history
                source, target = ("undo", "redo") if backwards else ("redo", "undo")
                if not history[source]:
                    return None
                step = history[source].pop()
                drop, put = (
                    (step["added"], step["removed"]) if backwards else (step["removed"], step["added"])
                )
                tx.remove(d["id"] for d in drop)
                present = tx.annotations()
                ids = {a.id for a in present}
                keys = {a.key for a in present if not a.orphan}
                restore = [a for a in map(Annotation.from_json, put) if a.id not in ids and a.key not in keys]
                tx.insert(restore)
                for line, before, after in step.get("overrides", []):
                    tx.set_override(line, before if backwards else after)
                history[target].append(step)
                tx.set_history(history)
                return ("undid " if backwards else "redid ") + step["description"]

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
                a = replace(a, document_id=document_id, path=path)
                if a.id in ids or (not a.orphan and a.key in keys):
                    continue
                ids.add(a.id)
                if not a.orphan:
                    keys.add(a.key)
                fresh.append(a)
            if fresh:
                with self._edit(document_id, path) as tx:
                    tx.insert(fresh)
            return MergeReport(added=len(fresh), skipped=len(annotations) - len(fresh))

    def problems(self) -> list[str]:
        """One line per unreadable or inconsistent file (reads every document file)."""
        out: list[str] = []
        try:
            self._check_marker(self.location / "store.json")
        except StoreError as exc:
            out.append(str(exc))
        for sub, fmt, key in (("index", INDEX_FORMAT, "documents"), ("paths", PATHS_FORMAT, "paths")):
            for file in self._shard_files(sub):
                try:
                    self._read_shard(file, fmt, key)
                except StoreError as exc:
                    out.append(str(exc))
        for file in sorted((self.location / "docs").glob("*.json")):
            try:
                data = read_json(file)
                _check_doc_data(file, data)
                _parse_annotations(file, (data or {}).get("annotations", {}).values())
            except StoreError as exc:
                out.append(str(exc))
        return out

    def scan(self, problems: list[str] | None = None) -> Iterator[tuple[str, str, list[Annotation]]]:
        """(document id, path, annotations) of every document file, index or not (for stats and checks).

        With `problems`, unreadable files are listed there (one line each) and skipped; else they raise.
        """
        for file in sorted((self.location / "docs").glob("*.json")):
            try:
                data = read_json(file)
                _check_doc_data(file, data)
                if not data:
                    continue
                meta = data["meta"]["1"]
                anns = _parse_annotations(file, data.get("annotations", {}).values())
            except StoreError as exc:
                if problems is None:
                    raise
                problems.append(str(exc))
                continue
            yield meta["document_id"], meta["path"], anns

    def rebuild_index(self) -> int:
        """Rewrite index/ and paths/ from the document files (after a crash or a recovery)."""
        with self._locked():
            index: dict[str, dict[str, Any]] = {}
            paths: dict[str, dict[str, str]] = {}
            count = 0
            for file in sorted((self.location / "docs").glob("*.json")):
                data = read_json(file)
                _check_doc_data(file, data)
                if not data:
                    continue
                meta = data["meta"]["1"]
                anns = _parse_annotations(file, data.get("annotations", {}).values())
                document_id, path = meta["document_id"], meta["path"]
                index.setdefault(_hex(document_id)[:SHARD], {})[document_id] = _summary_entry(
                    path, anns, int(meta.get("rev", 0))
                )
                paths.setdefault(self._paths_file(path).stem, {})[path] = document_id
                count += 1
            for sub, fmt, key, shards in (
                ("index", INDEX_FORMAT, "documents", index),
                ("paths", PATHS_FORMAT, "paths", paths),
            ):
                for file in self._shard_files(sub):
                    if file.stem not in shards:
                        remove_file(file, durable=self.durable)
                for stem, entries in shards.items():
                    target = (
                        self._index_path(stem) if sub == "index" else self.location / "paths" / f"{stem}.json"
                    )
                    self._write_shard(target, fmt, key, entries)
            return count

    @classmethod
    def recover(cls, directory: Path | str | None = None) -> list[str]:
        """Put back the last good version of every corrupt file; returns what was done, one line each.

        A corrupt file is moved aside as `<file>.corrupt-<time>` (never deleted), replaced by its `.bak`
        when that is good, and the index is rebuilt from the document files.
        """
        location = Path(directory).expanduser() if directory is not None else default_store_dir()
        done: list[str] = []
        stamp = time.strftime("%Y%m%dT%H%M%S")
        marker = location / "store.json"

        def aside(file: Path) -> Path:
            target = file.with_name(f"{file.name}.corrupt-{stamp}")
            os.replace(file, target)
            return target

        def good_doc(file: Path) -> bool:
            try:
                data = read_json(file)
                _check_doc_data(file, data)
                _parse_annotations(file, (data or {}).get("annotations", {}).values())
                return data is not None
            except StoreError:
                return False

        if not location.is_dir():
            raise StoreError(f"{location}: no store here, nothing to recover")
        try:
            cls._check_marker(marker)
        except StoreError:
            if not (location / "docs").is_dir():
                raise StoreError(
                    f"{location}: not a reader store (no docs/ folder); nothing to recover"
                ) from None
            if marker.exists():
                done.append(f"{marker}: moved aside to {aside(marker).name}")
            atomic_write(marker, encode({"format": FORMAT, "version": VERSION}))
            done.append(f"{marker}: rewritten")
        store = cls.open(location)
        try:
            with store._locked():
                for file in sorted((location / "docs").glob("*.json")):
                    if good_doc(file):
                        continue
                    moved = aside(file)
                    bak = backup_path(file)
                    if good_doc(bak):
                        shutil.copyfile(bak, file.with_name(file.name + ".restoring"))
                        os.replace(file.with_name(file.name + ".restoring"), file)
                        done.append(f"{file}: restored from {bak.name} (the bad file is {moved.name})")
                    else:
                        done.append(f"{file}: no good backup; the bad file was moved to {moved.name}")
                for sub in ("index", "paths"):
                    for file in store._shard_files(sub):
                        fmt, key = (INDEX_FORMAT, "documents") if sub == "index" else (PATHS_FORMAT, "paths")
                        try:
                            store._read_shard(file, fmt, key)
                        except StoreError:
                            done.append(f"{file}: moved aside to {aside(file).name} (rebuilt from documents)")
                store.rebuild_index()
        finally:
            store.close()
        return done

    def bulk_create(
        self,
        documents: Iterable[tuple[str, str, Sequence[Annotation]]],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Write many new document files fast (no fsync per file; one sync at the end). For benchmarks."""
        index: dict[str, dict[str, Any]] = {}
        paths: dict[str, dict[str, str]] = {}
        with self._locked():
            for n, (document_id, path, anns) in enumerate(documents, 1):
                data = {
                    "meta": {
                        "1": {
                            "format": DOC_FORMAT,
                            "version": VERSION,
                            "document_id": document_id,
                            "path": path,
                            "rev": 1,
                        }
                    },
                    "annotations": {str(i): a.to_json() for i, a in enumerate(anns, 1)},
                }
                atomic_write(self._doc_file(document_id), encode(data), durable=False, backup=False)
                index.setdefault(_hex(document_id)[:SHARD], {})[document_id] = _summary_entry(path, anns, 1)
                paths.setdefault(self._paths_file(path).stem, {})[path] = document_id
                if progress:
                    progress(n)
            for stem, entries in index.items():
                file = self._index_path(stem)
                entries = {**self._read_shard(file, INDEX_FORMAT, "documents"), **entries}
                atomic_write(
                    file,
                    encode({"format": INDEX_FORMAT, "version": VERSION, "documents": entries}),
                    durable=False,
                )
            for stem, entries in paths.items():
                file = self.location / "paths" / f"{stem}.json"
                entries = {**self._read_shard(file, PATHS_FORMAT, "paths"), **entries}
                atomic_write(
                    file,
                    encode({"format": PATHS_FORMAT, "version": VERSION, "paths": entries}),
                    durable=False,
                )
        os.sync()
