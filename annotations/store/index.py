"""The small shard files that keep reads cheap, and their caches.

Index shards (docs/<hhh>.index) hold each document's path, counts and spans, so the library lists a
million annotations without opening a document file; path shards (paths/<hhh>.json) map a path to its
document id, so a changed file is found again. Both are derived from the document files: a shard that
cannot be read is rebuilt, never restored from a backup.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from annotations.model import Annotation, DocSummary
from annotations.storage import (
    StoreError,
    atomic_write,
    atomic_write_many,
    corrupt_error,
    encode,
    read_json,
    remove_file,
)
from annotations.store.layout import (
    INDEX_FORMAT,
    PATHS_FORMAT,
    SHARD_STEMS,
    VERSION,
    Layout,
    move_aside,
    read_document,
)
from annotations.store.lock import StoreLock
from annotations.store.validate import check_shard_entries


def summary_entry(path: str, annotations: Iterable[Annotation], rev: int) -> dict[str, Any]:
    anns = list(annotations)
    spans = sorted({(a.start, a.end) for a in anns if not a.orphan})
    return {
        "path": path,
        "annotations": sum(not a.orphan for a in anns),
        "orphans": sum(a.orphan for a in anns),
        "spans": [list(s) for s in spans],
        "rev": rev,
    }


def shard_payload(fmt: str, key: str, entries: dict[str, Any]) -> bytes:
    return encode({"format": fmt, "version": VERSION, key: entries})


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


class Index:
    """Reads and writes the shards; a shard read under the lock is cached until the lock is released."""

    def __init__(self, layout: Layout, lock: StoreLock) -> None:
        self.layout = layout
        self.lock = lock
        self.durable = True
        self._shards: dict[Path, dict[str, Any]] = {}  # shards read under the current lock hold
        self._summary_cache: dict[Path, tuple[tuple[int, int, int], dict[str, DocSummary]]] = {}
        self._index_names: list[tuple[str, Path]] | None = None

    def forget(self) -> None:
        """Drop the shards read under the lock (another process may write once it is released)."""
        self._shards.clear()

    def read_shard(self, file: Path, fmt: str, key: str) -> dict[str, Any]:
        """A shard's entries (a fresh dict the caller may change); cached while the lock is held."""
        mine = self.lock.held_here()  # a reader in another thread never uses the cache
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
            check_shard_entries(file, fmt, entries)
        if mine:
            self._shards[file] = dict(entries)
        return entries

    def write_shard(self, file: Path, fmt: str, key: str, entries: dict[str, Any]) -> None:
        self._shards.pop(file, None)
        if entries:
            atomic_write(file, shard_payload(fmt, key, entries), durable=self.durable)
        elif file.exists():
            remove_file(file, durable=self.durable)
        if self.lock.held_here():
            self._shards[file] = dict(entries)

    def write_together(
        self, writes: list[tuple[Path, bytes]], shards: dict[Path, dict[str, Any]], derived: frozenset[Path]
    ) -> None:
        """A document file and its shards in one flush (atomic_write_many), with the cache kept right."""
        for file in shards:
            self._shards.pop(file, None)
        atomic_write_many(writes, durable=self.durable, derived=derived)
        for file, entries in shards.items():
            self._shards[file] = dict(entries)

    def index_shard(self, file: Path) -> dict[str, Any]:
        """An index shard; one that cannot be read is moved aside and rebuilt from its document files."""
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
                for doc_file in self.layout.doc_files(file.stem):
                    doc = read_document(doc_file)
                    if doc is not None:
                        entries[doc.document_id] = summary_entry(doc.path, doc.annotations(), doc.rev)
                self.write_shard(file, INDEX_FORMAT, "documents", entries)
                return dict(entries)

    def entry(self, document_id: str) -> dict[str, Any] | None:
        return self.index_shard(self.layout.index_file(document_id)).get(document_id)

    def set_entry(self, document_id: str, entry: dict[str, Any] | None) -> None:
        file = self.layout.index_file(document_id)
        entries = self.index_shard(file)
        if entry is None:
            if document_id not in entries:
                return
            del entries[document_id]
        else:
            if entries.get(document_id) == entry:
                return
            entries[document_id] = entry
        self.write_shard(file, INDEX_FORMAT, "documents", entries)

    def path_lookup(self, path: str) -> str | None:
        return self.read_shard(self.layout.paths_file(path), PATHS_FORMAT, "paths").get(path)

    def set_path(self, path: str, document_id: str | None, *, only_if: str | None = None) -> None:
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

    def summary(self) -> dict[str, DocSummary]:
        """From the index shards only, each parsed again only when it changed since the last call.

        Every write replaces a shard by rename, so (inode, mtime, size) changes with its content.
        """
        out: dict[str, DocSummary] = {}
        seen: set[Path] = set()
        for name, file in self._shard_names():
            try:
                st = os.stat(name)
            except FileNotFoundError:
                continue
            seen.add(file)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            cached = self._summary_cache.get(file)
            if cached is None or cached[0] != stamp:
                cached = (stamp, _parse_summary(self.index_shard(file)))
                self._summary_cache[file] = cached
            out.update(cached[1])
        for gone in set(self._summary_cache) - seen:
            self._summary_cache.pop(gone, None)
        return out

    def paths(self) -> dict[str, str]:
        """Document id -> path, from every shard, keeping nothing else: an export walks the documents
        by path, and the summary's span lists (a million pairs at a million annotations) would make
        its memory grow with the store."""
        if self._summary_cache:  # the app keeps the summary anyway: no need to read the shards again
            return {document_id: e.path for document_id, e in self.summary().items()}
        out: dict[str, str] = {}
        for name, file in self._shard_names():
            if os.path.exists(name):
                out.update((d, str(e["path"])) for d, e in self.index_shard(file).items())
        return out

    def _shard_names(self) -> list[tuple[str, Path]]:
        # stat the 4,096 possible names rather than list docs/, which holds every document file
        if self._index_names is None:
            self._index_names = [
                (name, Path(name)) for name in (str(self.layout.index_path(s)) for s in SHARD_STEMS)
            ]
        return self._index_names
