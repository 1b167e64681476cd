"""The local shard files that keep reads cheap (never synced: they live in .local/ and are rebuilt).

Index shards (.local/index/<hhh>.json) hold each document's path, counts, spans, who tagged it and who
finished it, and the (inode, size, mtime) of its annotator files, so the library lists a million
annotations without opening an annotator file, and a file that changed behind the store's back (another
process, a git pull, a file sync) is noticed and its entry rebuilt. Path shards (.local/paths/<hhh>.json)
map a path to its document id, so a changed file is found again. Both are derived from the annotator
files: a shard that cannot be read is moved aside and rebuilt, never restored from a backup.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from annotations.model import DocSummary
from annotations.storage import StoreError, atomic_write, corrupt_error, encode, read_json, remove_file
from annotations.store.files import Files
from annotations.store.journal import State
from annotations.store.layout import SHARD_STEMS, Layout, doc_hex, move_aside
from annotations.store.lock import StoreLock
from annotations.store.validate import check_shard_entries

INDEX_FORMAT = "reader.store.index"
PATHS_FORMAT = "reader.store.paths"
INDEX_VERSION = 2
BUILT = "built"  # .local/index/built: the index was built from every annotator file at least once


def shard_payload(fmt: str, key: str, entries: dict[str, Any]) -> bytes:
    return encode({"format": fmt, "version": INDEX_VERSION, key: entries})


def files_stamp(layout: Layout, document_id: str) -> tuple[int, str]:
    """The document folder's mtime, and a digest of each annotator file's (name, inode, size, mtime):
    an append changes the digest, a file arriving by rename (git, rsync) changes both."""
    folder = layout.doc_dir(document_id)
    out: list[tuple[str, int, int, int]] = []
    try:
        dir_mtime = os.stat(folder).st_mtime_ns
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.endswith(".jsonl") and not e.name.startswith("."):
                    st = e.stat()
                    out.append((e.name, st.st_ino, st.st_size, st.st_mtime_ns))
    except FileNotFoundError:
        return 0, ""
    if not out:
        return dir_mtime, ""
    return dir_mtime, hashlib.blake2b(repr(sorted(out)).encode(), digest_size=8).hexdigest()


def summary_entry(path: str, states: Iterable[State], stamp: tuple[int, str]) -> dict[str, Any]:
    spans: set[tuple[int, int]] = set()
    count = orphans = 0
    annotators: list[str] = []
    finished: list[str] = []
    for s in states:
        anchored = 0
        for r in s.annotations.values():
            if r.get("orphan"):
                orphans += 1
            else:
                anchored += 1
                spans.add((r["start"], r["end"]))
        count += anchored
        if anchored:
            annotators.append(s.annotator)
        if s.is_finished:
            finished.append(s.annotator)
    return {
        "path": path,
        "annotations": count,
        "orphans": orphans,
        "spans": spans_text(spans),
        "annotators": sorted(annotators),
        "finished": sorted(finished),
        "dir": stamp[0],
        "stamp": stamp[1],
    }


class SpanList(Sequence[tuple[int, int]]):
    """A document's distinct (start, end) spans, kept as the shard's compact "s,e,s,e" text and parsed
    only when read: the summary of a million annotations decodes 30,000 strings, not a million lists."""

    __slots__ = ("_pairs", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pairs: tuple[tuple[int, int], ...] | None = None

    def _parsed(self) -> tuple[tuple[int, int], ...]:
        if self._pairs is None:
            try:
                flat = [int(x) for x in self._text.split(",")] if self._text else []
            except ValueError:
                flat = []  # a damaged entry reads as no spans; `reader stats` rebuilds the index
            self._pairs = tuple(zip(flat[0::2], flat[1::2], strict=False))
        return self._pairs

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        return self._parsed()[i]

    def __len__(self) -> int:
        return len(self._parsed())

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._parsed())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanList):
            return self._text == other._text
        return isinstance(other, (tuple, list)) and self._parsed() == tuple(map(tuple, other))

    def __hash__(self) -> int:
        return hash(self._parsed())

    def __repr__(self) -> str:
        return repr(self._parsed())


def spans_text(spans: Iterable[tuple[int, int]]) -> str:
    return ",".join(f"{s},{e}" for s, e in sorted(spans))


def _empty(e: dict[str, Any]) -> bool:
    """Nothing to list: no annotations, orphans or finished marks (only overrides, history, tombstones)."""
    return not (e["annotations"] or e["orphans"] or e.get("finished"))


def _parse_summary(entries: dict[str, Any]) -> dict[str, DocSummary]:
    return {
        document_id: DocSummary(
            path=e["path"],
            annotations=e["annotations"],
            orphans=e["orphans"],
            spans=SpanList(e["spans"]),
            annotators=tuple(e.get("annotators", ())),
            finished=tuple(e.get("finished", ())),
        )
        for document_id, e in entries.items()
        if not _empty(e)
    }


class Index:
    """Reads and writes the shards; a shard read under the lock is cached until the lock is released."""

    def __init__(self, layout: Layout, lock: StoreLock, files: Files) -> None:
        self.layout = layout
        self.lock = lock
        self.files = files
        self._shards: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}  # by stat
        self._guard = threading.Lock()
        self._summary_cache: dict[
            str, tuple[tuple[int, int, int], dict[str, DocSummary], dict[str, int]]
        ] = {}
        self._index_names: list[str] | None = None
        self._merged: tuple[int, int, dict[str, DocSummary]] | None = None  # (folder mtime, when, summary)

    @property
    def durable(self) -> bool:
        return self.files.durable

    @durable.setter
    def durable(self, value: bool) -> None:
        self.files.durable = value

    def forget(self) -> None:
        """Called when the lock is released: nothing to drop (the shard cache is checked by stat)."""

    # ------------------------------------------------------------ shards

    def read_shard(self, file: Path, fmt: str, key: str) -> dict[str, Any]:
        """A shard's entries (a fresh dict the caller may change), parsed and checked again only when
        the file changed: every write replaces a shard by rename, so (inode, mtime, size) tells."""
        try:
            st = os.stat(file)
        except FileNotFoundError:
            return {}
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._guard:
            cached = self._shards.get(file)
        if cached is not None and cached[0] == stamp:
            return dict(cached[1])
        data = read_json(file)
        if data is None:
            entries: dict[str, Any] = {}
        elif not isinstance(data, dict) or data.get("format") != fmt or not isinstance(data.get(key), dict):
            raise corrupt_error(file, f"not a {fmt} file")
        elif data.get("version") != INDEX_VERSION:
            raise corrupt_error(file, f"unsupported {fmt} version {data.get('version')!r}")
        else:
            entries = data[key]
            check_shard_entries(file, fmt, entries)
        with self._guard:
            self._shards[file] = (stamp, entries)
            if len(self._shards) > 512:
                self._shards.pop(next(iter(self._shards)))
        return dict(entries)

    def write_shard(self, file: Path, fmt: str, key: str, entries: dict[str, Any]) -> None:
        """Derived files: atomic (a reader sees old or new) but not fsynced; a lost one is rebuilt."""
        with self._guard:
            self._shards.pop(file, None)
        if entries:
            atomic_write(file, shard_payload(fmt, key, entries), durable=False, backup=False)
            try:
                st = os.stat(file)
            except OSError:
                return
            with self._guard:
                self._shards[file] = ((st.st_ino, st.st_mtime_ns, st.st_size), dict(entries))
        elif file.exists():
            remove_file(file, durable=False)

    def index_shard(self, file: Path) -> dict[str, Any]:
        """An index shard; one that cannot be read is moved aside and rebuilt from its documents."""
        try:
            return self.read_shard(file, INDEX_FORMAT, "documents")
        except StoreError:
            with self.lock.hold():
                try:
                    return self.read_shard(file, INDEX_FORMAT, "documents")
                except StoreError:
                    pass
                move_aside(file)
                entries = {}
                for folder in self.layout.doc_dirs(file.stem):
                    built = self.build_entry(self._document_id(folder), None)
                    if built is not None:
                        entries[built[0]] = built[1]
                self.write_shard(file, INDEX_FORMAT, "documents", entries)
                return dict(entries)

    def _document_id(self, folder: Path) -> str:
        return "sha256:" + folder.name

    def _cached_shard(self, file: Path) -> dict[str, Any]:
        return self.index_shard(file)

    # ------------------------------------------------------------ entries

    def entry(self, document_id: str) -> dict[str, Any] | None:
        return self._cached_shard(self.layout.index_file(document_id)).get(document_id)

    def states(self, document_id: str) -> list[State]:
        """Every annotator's state of a document (cached reads), in file-name order."""
        out = []
        for file in self.layout.annotator_files(document_id):
            cached = self.files.load(file, document_id)
            if cached is not None:
                out.append(cached.state)
        return out

    def document_path(self, document_id: str, states: list[State] | None = None) -> str | None:
        """The document's path here: the index's, else what an annotator file recorded."""
        entry = self.entry(document_id)
        if entry is not None:
            return str(entry["path"])
        for s in states if states is not None else self.states(document_id):
            if s.document.get("path"):
                return str(s.document["path"])
        return None

    def build_entry(self, document_id: str, path: str | None) -> tuple[str, dict[str, Any]] | None:
        stamp = files_stamp(self.layout, document_id)
        states = self.states(document_id)
        if not states:
            return None
        real_id = states[0].document_id
        if path is None:
            path = next((str(s.document["path"]) for s in states if s.document.get("path")), "")
        return real_id, summary_entry(path, states, stamp)

    def update(self, document_id: str, path: str | None = None) -> None:
        """Recompute one document's entry from its annotator files (under the lock, after a write)."""
        with self.lock.hold():
            file = self.layout.index_file(document_id)
            entries = self.index_shard(file)
            old = entries.get(document_id)
            if path is None and old is not None:
                path = old["path"]
            built = self.build_entry(document_id, path)
            if built is None:
                if old is None:
                    return
                del entries[document_id]
            else:
                document_id = built[0]
                if entries.get(document_id) == built[1]:
                    return
                entries[document_id] = built[1]
            self.write_shard(file, INDEX_FORMAT, "documents", entries)
            if built is not None and (old is None or old["path"] != built[1]["path"]):
                self.set_path(built[1]["path"], document_id)

    def is_stale(self, document_id: str, entry: dict[str, Any] | None) -> bool:
        stamp = files_stamp(self.layout, document_id)[1]
        if entry is None:
            return bool(stamp)
        return entry.get("stamp") != stamp

    def path_lookup(self, path: str) -> str | None:
        return self.read_shard(self.layout.paths_file(path), PATHS_FORMAT, "paths").get(path)

    def set_path(self, path: str, document_id: str | None, *, only_if: str | None = None) -> None:
        if not path:
            return
        with self.lock.hold():
            file = self.layout.paths_file(path)
            entries = self.read_shard(file, PATHS_FORMAT, "paths")
            current = entries.get(path)
            if only_if is not None and current != only_if:
                return
            if current == document_id:
                return
            if document_id is None:
                entries.pop(path, None)
            else:
                entries[path] = document_id
            self.write_shard(file, PATHS_FORMAT, "paths", entries)

    def paths_of(self, document_id: str) -> list[str]:
        """Every path the path shards map to this document (two saved copies of one text)."""
        out = []
        for file in self.layout.shard_files("paths"):
            for path, d in self.read_shard(file, PATHS_FORMAT, "paths").items():
                if d == document_id:
                    out.append(path)
        return sorted(out)

    # ------------------------------------------------------------ whole-store reads

    def summary(self) -> dict[str, DocSummary]:
        """From the index shards only, each parsed again only when it changed since the last call.

        Every write replaces a shard by rename, so (inode, mtime, size) changes with its content.
        """
        folder = str(self.layout.local / "index")
        try:
            folder_mtime = os.stat(folder).st_mtime_ns
        except FileNotFoundError:
            folder_mtime = -1
        merged = self._merged
        # Every shard write renames into the folder, so an unchanged folder mtime means no shard changed;
        # trusted only when the last full pass ran well after that mtime (timestamps can be coarse).
        if merged is not None and merged[0] == folder_mtime and merged[1] - folder_mtime > 50_000_000:
            return dict(merged[2])
        started = time.time_ns()
        out: dict[str, DocSummary] = {}
        seen: set[str] = set()
        for name in self._shard_names():
            try:
                st = os.stat(name)
            except FileNotFoundError:
                continue
            seen.add(name)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            cached = self._summary_cache.get(name)
            if cached is None or cached[0] != stamp:
                entries = self.index_shard(Path(name))
                dirs = {d: int(e.get("dir", 0)) for d, e in entries.items()}
                cached = (stamp, _parse_summary(entries), dirs)
                self._summary_cache[name] = cached
            out.update(cached[1])
        for gone in set(self._summary_cache) - seen:
            self._summary_cache.pop(gone, None)
        self._merged = (folder_mtime, started, out)
        return dict(out)

    def paths(self) -> dict[str, str]:
        """Document id -> path, from every shard, keeping nothing else (an export's memory stays flat)."""
        if self._summary_cache:  # the app keeps the summary anyway: no need to read the shards again
            return {document_id: e.path for document_id, e in self.summary().items()}
        out: dict[str, str] = {}
        for name in self._shard_names():
            if os.path.exists(name):
                out.update(
                    (d, str(e["path"])) for d, e in self.index_shard(Path(name)).items() if not _empty(e)
                )
        return out

    def _shard_names(self) -> list[str]:
        # stat the 4,096 possible names rather than list the folder; plain strings (pathlib is slow)
        if self._index_names is None:
            folder = str(self.layout.local / "index")
            self._index_names = [f"{folder}/{s}.json" for s in SHARD_STEMS]
        return self._index_names

    # ------------------------------------------------------------ staleness

    def mark_dirty(self, document_id: str) -> None:
        """Before a write: `.local/dirty/<hex>` says its entry may lag its files until `clear_dirty`
        (a process killed between the fsynced append and the index update leaves it for `refresh`)."""
        folder = self.layout.local / "dirty"
        name = folder / doc_hex(document_id)
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT, 0o644))
        except FileNotFoundError:
            folder.mkdir(parents=True, exist_ok=True)
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT, 0o644))

    def clear_dirty(self, document_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.layout.local / "dirty" / doc_hex(document_id))

    def has_dirty(self) -> bool:
        try:
            with os.scandir(self.layout.local / "dirty") as entries:
                return any(True for _ in entries)
        except FileNotFoundError:
            return False

    def _dirty(self) -> list[str]:
        try:
            return sorted(os.listdir(self.layout.local / "dirty"))
        except FileNotFoundError:
            return []

    def refresh(self, document_ids: Iterable[str] | None = None) -> list[str]:
        """Rebuild the entries of documents whose files changed behind the store (another process, a git
        pull, a file sync); the documents whose entry changed. With no ids, every document is checked
        by its folder's mtime (a file arriving by rename changes it) and new folders are found."""
        changed: list[str] = []
        with self.lock.hold():
            for name in self._dirty():  # writes cut short between their append and their index update
                if len(name) == 64:
                    if not self._update_readable("sha256:" + name):
                        continue  # unreadable: the reads report it; the marker stays
                    changed.append("sha256:" + name)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.layout.local / "dirty" / name)
            if document_ids is not None:
                for document_id in document_ids:
                    if self.is_stale(document_id, self.entry(document_id)) and self._update_readable(
                        document_id
                    ):
                        changed.append(document_id)
                return changed
            self.summary()  # parses every shard once (cached), with each entry's folder mtime
            by_hex: dict[str, tuple[str, int]] = {}
            for cached in self._summary_cache.values():
                by_hex.update((d.removeprefix("sha256:"), (d, m)) for d, m in cached[2].items())
            docs = str(self.layout.docs)
            present = set()
            try:
                names = os.listdir(docs)
            except FileNotFoundError:
                names = []
            for name in names:
                if len(name) != 64:
                    continue
                present.add(name)
                document_id, dir_mtime = by_hex.get(name, ("sha256:" + name, -1))
                try:
                    now = os.stat(f"{docs}/{name}").st_mtime_ns
                except FileNotFoundError:
                    continue
                if now == dir_mtime:
                    continue
                if self.is_stale(document_id, self.entry(document_id)) and self._update_readable(document_id):
                    changed.append(document_id)
            for hex_name, (document_id, _) in by_hex.items():
                if hex_name not in present and self._update_readable(document_id):  # folder gone: drop it
                    changed.append(document_id)
        return changed

    def _update_readable(self, document_id: str) -> bool:
        """Update an entry; False (entry left as it was) when a file of the document cannot be read:
        the summary still lists the rest, and reading that document reports the file in one line."""
        try:
            self.update(document_id)
        except StoreError:
            return False
        return True
