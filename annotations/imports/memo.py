"""A re-import that changes nothing, answered without reading the file's records again.

Importing a file twice changes nothing, but showing it the long way parses and checks every record
and reads every document it touches (28-71 s at a million annotations). So a finished import that
placed every document as the file gave it (nothing re-anchored, no orphan, no text written into
`--into`) leaves a memo in the store's local area (`.local/imports/`, never synced). Its name is a
digest of what decides the outcome: the file's bytes, the corpus (every text id and path), the
format and the options (annotator, offsets). It lists the store documents the import wrote to and
ends with a digest of their revisions (each annotator file's name, inode, size and mtime) as the
import left them, and with the import's report.

Importing the same bytes against the same corpus again, while none of those documents has changed
since (no tag, undo, sync or compaction), merges exactly what is already there: the memo's report
(every annotation already present) is given and the file is read only to hash it. Anything else
(one byte of the file, one corpus text, one change to one of those documents) misses, and the
import takes the full path. A memo that cannot be read or written is ignored: it is only a shortcut.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

VERSION = 1
FOLDER = "imports"
KEEP = 16  # memos kept per store (the oldest are removed)


def file_digest(path: Path) -> tuple[str, tuple[int, int, int]]:
    """(digest of the bytes, (inode, size, mtime)) of the file; OSError if it cannot be read."""
    with open(path, "rb") as handle:
        st = os.fstat(handle.fileno())
        h = hashlib.blake2b()
        while chunk := handle.read(1 << 20):
            h.update(chunk)
    return h.hexdigest(), (st.st_ino, st.st_size, st.st_mtime_ns)


def identify(
    path: Path, fmt: str, corpus: Iterable[tuple[str, str]], options: dict[str, Any]
) -> tuple[str, tuple[int, int, int]] | None:
    """(memo key, the file's stat when hashed), or None when the file cannot be read (the import says why)."""
    try:
        digest, stat = file_digest(path)
    except OSError:
        return None
    return memo_key(digest, fmt, corpus, options), stat


def memo_key(digest: str, fmt: str, corpus: Iterable[tuple[str, str]], options: dict[str, Any]) -> str:
    """The memo's name: the file's digest, the corpus's (id, path) pairs, the format and options."""
    h = hashlib.blake2b(json.dumps([VERSION, digest, fmt, options], sort_keys=True).encode(), digest_size=20)
    for document_id, path in sorted(corpus):
        h.update(f"{document_id}\x1f{path}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _revisions(store: Any, targets: Iterable[str]) -> str:
    h = hashlib.blake2b(digest_size=20)
    for document_id in targets:
        h.update(repr((document_id, store.revision(document_id))).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class ImportMemo:
    """The memo of one (file, corpus, options) in one store."""

    def __init__(self, store: Any, key: str, stat: tuple[int, int, int]) -> None:
        self.store = store
        self.key = key
        self.stat = stat  # of the file when it was hashed: a file changed during the import is not memoised
        self.folder = store.local_path(FOLDER)
        self.file = self.folder / f"{key}.memo"
        self._pending: IO[str] | None = None

    def lookup(self) -> dict[str, Any] | None:
        """The recorded report when the memo exists and none of its documents changed since; else None.

        Streams the memo (one document id a line), so a file of a million small documents needs no
        list of them in memory."""
        try:
            with open(self.file, encoding="utf-8") as lines:
                h = hashlib.blake2b(digest_size=20)
                last: Any = None
                for line in lines:
                    if last is not None:
                        h.update(repr((last, self.store.revision(last))).encode("utf-8", "surrogatepass"))
                    last = json.loads(line)
        except (OSError, ValueError):
            return None
        if not isinstance(last, dict) or last.get("revisions") != h.hexdigest():
            return None
        report = last.get("report")
        return report if isinstance(report, dict) else None

    def start(self) -> None:
        """Begin recording the documents an import writes to (a temporary file beside the memos)."""
        with contextlib.suppress(OSError):
            self.folder.mkdir(exist_ok=True)
            self._pending = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed by finish or drop)
                "w", encoding="utf-8", dir=self.folder, prefix=".pending-", suffix=".tmp", delete=False
            )

    def target(self, document_id: str) -> None:
        """The import merged into this document (called once per merge, repeats allowed)."""
        if self._pending is not None:
            try:
                self._pending.write(json.dumps(document_id) + "\n")
            except OSError:
                self.drop()

    def drop(self) -> None:
        """Nothing is recorded (the import re-anchored, orphaned or wrote texts, or failed)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            with contextlib.suppress(OSError):
                pending.close()
                os.unlink(pending.name)

    def finish(self, path: Path, report: dict[str, Any]) -> None:
        """Record the memo: the documents written, their revisions now, and the report a re-import gives.

        Not when the file changed while it was imported (its bytes may not be the ones hashed)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        try:
            pending.close()
            st = os.stat(path)
            if (st.st_ino, st.st_size, st.st_mtime_ns) != self.stat:
                raise OSError("the file changed during the import")
            with open(pending.name, encoding="utf-8") as lines:
                digest = _revisions(self.store, (json.loads(line) for line in lines))
            with open(pending.name, "a", encoding="utf-8") as out:
                out.write(json.dumps({"revisions": digest, "report": report}, ensure_ascii=True) + "\n")
            os.replace(pending.name, self.file)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(pending.name)
            return
        self._prune()

    def _prune(self) -> None:
        with contextlib.suppress(OSError):
            memos = sorted(self.folder.glob("*.memo"), key=lambda p: p.stat().st_mtime_ns)
            for old in memos[:-KEEP]:
                old.unlink()
