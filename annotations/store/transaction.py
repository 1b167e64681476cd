"""One change to one document: its file opened inside the lock, written with its index entry at once.

A tag rewrites one document file and one index shard (and a path shard when the document is new), so
its cost does not grow with the store. The file is re-read at the start of every change, so a write
by another process is never lost.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from annotations.model import Annotation
from annotations.storage import AtomicJSONStorage
from annotations.store.index import Index, shard_payload, summary_entry
from annotations.store.layout import INDEX_FORMAT, PATHS_FORMAT, parse_annotations
from annotations.store.validate import DOC_FORMAT, VERSION, check_doc_data


class DocTx:
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
        return parse_annotations(self.storage.path, self.db.table("annotations").all())

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

    def history_rows(self) -> dict[int, dict[str, Any]]:
        """The rows of the history table by row id: one per annotator, and an older shared one."""
        return {d.doc_id: dict(d) for d in self.db.table("history").all()}

    def put_history(self, row_id: int | None, row: dict[str, Any]) -> None:
        table = self.db.table("history")
        if row_id is None:
            table.insert(row)
        else:
            table.upsert(Document(row, doc_id=row_id))

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

    def undismiss(self, label: str, start: int, end: int) -> None:
        table = self.db.table("dismissed")
        gone = [d.doc_id for d in table.all() if (d["label"], d["start"], d["end"]) == (label, start, end)]
        if gone:
            table.remove(doc_ids=gone)


@contextlib.contextmanager
def edit(index: Index, document_id: str, path: str | None) -> Iterator[DocTx]:
    """Change one document file atomically under the lock, with its index entry in the same flush.

    `path` is needed to create the file; with None a missing document raises LookupError.
    """
    layout = index.layout
    with index.lock.hold():
        file = layout.doc_file(document_id)
        storage = AtomicJSONStorage(file, durable=index.durable)
        with storage.transaction(defer=True):
            check_doc_data(file, storage.read())
            tx = DocTx(storage)
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
        writes: list[tuple[Path, bytes]] = [(file, storage.pending)]
        index_file = layout.index_file(document_id)
        entries = index.index_shard(index_file)
        entries[document_id] = summary_entry(meta["path"], annotations, meta["rev"])
        writes.append((index_file, shard_payload(INDEX_FORMAT, "documents", entries)))
        shards = {index_file: entries}
        if created:
            paths_file = layout.paths_file(meta["path"])
            paths = index.read_shard(paths_file, PATHS_FORMAT, "paths")
            if paths.get(meta["path"]) != document_id:
                paths[meta["path"]] = document_id
                writes.append((paths_file, shard_payload(PATHS_FORMAT, "paths", paths)))
            shards[paths_file] = paths
        index.write_together(writes, shards, derived=frozenset({index_file}))
