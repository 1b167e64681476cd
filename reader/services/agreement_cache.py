"""What agreement needs of each document's annotations (who tagged which span with which label),
cached so that a second `reader agree` or agreement screen does not parse every annotator file again.

Ten annotators on 30,000 documents are 300,000 annotator files: parsing and validating them all takes
most of a minute, far over the 10 s `reader agree` may take. The cache (in the same folder as the
library's) maps each document to its annotator files' stamps (inode, size, mtime: any write, sync or
undo changes them) and the spans read from them; a document whose stamps differ is read again from
the store. It is derived: deleting it only costs time, and it is never synced.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotations.store import Store

FORMAT = 1


class SpanCache:
    """`spans(document_id)` -> {annotator: [[label, start, end], ...]}, from the cache when the files are
    unchanged."""

    def __init__(self, store: Store, cache_dir: Path, stamps: dict[str, Any] | None = None) -> None:
        """`stamps`: each document's annotator-file stamps when the caller has them (`index_stamps`);
        a document without one is stat'ed."""
        self.store = store
        self.stamps = stamps or {}
        key = hashlib.sha256(str(store.location.resolve()).encode()).hexdigest()[:16]
        self.file = cache_dir / f"agreement-{key}.json"
        self.docs: dict[str, list[Any]] = self._load()
        self.changed = False
        self.read_from_store = 0

    def _load(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("docs"), dict)
        ):
            return {}
        return data["docs"]

    def spans(self, document_id: str) -> dict[str, list[list[Any]]]:
        stamp = self.stamps.get(document_id)
        if stamp is None:
            stamp = self.store.file_stamp(document_id)
        cached = self.docs.get(document_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]  # type: ignore[no-any-return]
        by: dict[str, list[list[Any]]] = {}
        for a in self.store.annotations(document_id):
            if not a.orphan:
                by.setdefault(a.annotator, []).append([a.label, a.start, a.end])
        self.docs[document_id] = [stamp, by]
        self.changed = True
        self.read_from_store += 1
        return by

    def save(self) -> None:
        """Atomically; a cache that cannot be written only costs time next run."""
        if not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".agreement-", dir=self.file.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump({"format": FORMAT, "docs": self.docs}, out, separators=(",", ":"))
                os.replace(tmp, self.file)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass
        self.changed = False


def index_stamps(store: Store) -> dict[str, Any]:
    """Each document's annotator-file stamps as the store's local index records them
    (`Store.file_stamps`: the index brought up to date first), without 300,000 stats."""
    return dict(store.file_stamps())
