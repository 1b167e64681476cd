"""Fill a store with many documents fast, for the benchmarks (not product code: it skips the fsyncs).

Writes the files a format-2 store holds (one annotator file per document and annotator, the local
index and path shards, via the store's own journal and shard code), under the store lock like any other
writer, then syncs once at the end: building 30,000 documents one durable write at a time would take
most of an hour.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from annotations.model import Annotation
from annotations.storage import atomic_write
from annotations.store import Store
from annotations.store.index import INDEX_FORMAT, PATHS_FORMAT, files_stamp, shard_payload, summary_entry
from annotations.store.journal import State, strip


def bulk_create(
    store: Store,
    documents: Iterable[tuple[str, str, Sequence[Annotation]]],
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write new documents (id, path, annotations of any annotators) into `store`; one sync at the end."""
    layout = store._layout
    index: dict[str, dict[str, Any]] = {}
    paths: dict[str, dict[str, str]] = {}
    with store._locked():
        for n, (document_id, path, anns) in enumerate(documents, 1):
            states: dict[str, State] = {}
            for a in anns:
                s = states.setdefault(a.annotator, State(document_id, a.annotator, document={"path": path}))
                s.annotations[a.id] = strip(a)
            folder = layout.doc_dir(document_id)
            folder.mkdir(parents=True, exist_ok=True)
            for s in states.values():
                atomic_write(
                    layout.annotator_file(document_id, s.annotator),
                    s.compacted(),
                    durable=False,
                    backup=False,
                )
            entry = summary_entry(path, states.values(), files_stamp(layout, document_id))
            index.setdefault(layout.index_file(document_id).stem, {})[document_id] = entry
            paths.setdefault(layout.paths_file(path).stem, {})[path] = document_id
            if progress:
                progress(n)
        for stem, entries in index.items():
            file = layout.index_path(stem)
            entries = {**store._index.read_shard(file, INDEX_FORMAT, "documents"), **entries}
            atomic_write(file, shard_payload(INDEX_FORMAT, "documents", entries), durable=False, backup=False)
        for stem, entries in paths.items():
            file = layout.paths_path(stem)
            entries = {**store._index.read_shard(file, PATHS_FORMAT, "paths"), **entries}
            atomic_write(file, shard_payload(PATHS_FORMAT, "paths", entries), durable=False, backup=False)
    os.sync()
