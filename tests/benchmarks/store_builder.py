"""Fill a store with many documents fast, for the benchmarks (not product code: it skips the fsyncs).

Writes the same files a store writes (document files, index and path shards, via the store's own
layout and shard code), under the store lock like any other writer, then syncs once at the end:
building 30,000 documents one durable transaction at a time would take most of an hour.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from annotations.model import Annotation
from annotations.storage import atomic_write, encode
from annotations.store import Store
from annotations.store.index import Index, shard_payload, summary_entry
from annotations.store.layout import INDEX_FORMAT, PATHS_FORMAT, Layout
from annotations.store.lock import StoreLock
from annotations.store.validate import DOC_FORMAT, VERSION


def bulk_create(
    store: Store,
    documents: Iterable[tuple[str, str, Sequence[Annotation]]],
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write new document files (id, path, annotations) into `store`; one sync at the end."""
    layout = Layout(store.location)
    lock = StoreLock(store.location)
    shards = Index(layout, lock)
    index: dict[str, dict[str, Any]] = {}
    paths: dict[str, dict[str, str]] = {}
    try:
        with lock.hold():
            for n, (document_id, path, anns) in enumerate(documents, 1):
                meta = {
                    "format": DOC_FORMAT,
                    "version": VERSION,
                    "document_id": document_id,
                    "path": path,
                    "rev": 1,
                }
                data = {
                    "meta": {"1": meta},
                    "annotations": {str(i): a.to_json() for i, a in enumerate(anns, 1)},
                }
                atomic_write(layout.doc_file(document_id), encode(data), durable=False, backup=False)
                entry = summary_entry(path, anns, 1)
                index.setdefault(layout.index_file(document_id).stem, {})[document_id] = entry
                paths.setdefault(layout.paths_file(path).stem, {})[path] = document_id
                if progress:
                    progress(n)
            for stem, entries in index.items():
                file = layout.index_path(stem)
                entries = {**shards.read_shard(file, INDEX_FORMAT, "documents"), **entries}
                atomic_write(file, shard_payload(INDEX_FORMAT, "documents", entries), durable=False)
            for stem, entries in paths.items():
                file = layout.paths_path(stem)
                entries = {**shards.read_shard(file, PATHS_FORMAT, "paths"), **entries}
                atomic_write(file, shard_payload(PATHS_FORMAT, "paths", entries), durable=False)
    finally:
        lock.close()
    os.sync()
