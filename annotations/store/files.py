"""Reading and writing annotator files, with a cache that re-reads only what changed on disk.

A file is known by (inode, size, mtime): an append grows it, a compaction or a file that arrived by git
or rsync replaces it (a new inode). A grown file is read from where the cache stopped, checked to go on
with the next journal number; anything else is read whole. So a tag on a document of 5,000
annotations neither re-reads nor rewrites them, and a change made by another process (or machine) is
seen at the next read.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotations.storage import StoreError, atomic_write, fsync_dir
from annotations.store import journal
from annotations.store.journal import State

CACHE_FILES = 64  # annotator files kept parsed (the open document's ten annotators, and some more)


@dataclass
class Cached:
    stamp: tuple[int, int, int]  # inode, size, mtime_ns when read
    end: int  # bytes of complete lines read
    snapshot: int  # bytes of the snapshot line (for the compaction rule)
    state: State


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Files:
    """The annotator files of one store, parsed on demand and cached (thread-safe)."""

    def __init__(self) -> None:
        self._cache: OrderedDict[Path, Cached] = OrderedDict()
        self._guard = threading.Lock()
        self.durable = True

    def forget(self, file: Path) -> None:
        with self._guard:
            self._cache.pop(file, None)

    def holds(self, file: Path) -> bool:
        """Whether the file is parsed in the cache (whatever its state on disk now)."""
        with self._guard:
            return file in self._cache

    def stamp(self, file: Path) -> tuple[int, int, int] | None:
        try:
            return _stamp(os.stat(file))
        except FileNotFoundError:
            return None

    def load(self, file: Path, document_id: str | None = None, annotator: str | None = None) -> Cached | None:
        """The file's state as it is now on disk (None: no such file); corrupt raises StoreError.

        The returned state is shared with the cache: callers must not change it (writes copy it).
        """
        try:
            st = os.stat(file)
        except FileNotFoundError:
            self.forget(file)
            return None
        except OSError as exc:
            from annotations.reasons import os_reason

            raise StoreError(f"{file}: cannot read ({os_reason(exc)})") from None
        stamp = _stamp(st)
        with self._guard:
            cached = self._cache.get(file)
            if cached is not None:
                self._cache.move_to_end(file)
        if cached is not None and cached.stamp == stamp:
            return cached
        if cached is not None and cached.stamp[0] == stamp[0] and stamp[1] > cached.end:
            grown = self._grow(file, cached, stamp)
            if grown is not None:
                return grown
        data = journal.read_bytes(file)
        if data is None:
            self.forget(file)
            return None
        state, end = journal.parse(file, data, document_id, annotator)
        first = data.find(b"\n") + 1
        fresh = Cached(stamp, end, first, state)
        self._put(file, fresh)
        return fresh

    def _grow(self, file: Path, cached: Cached, stamp: tuple[int, int, int]) -> Cached | None:
        """Read only the lines appended since `cached`; None when the file was not simply appended to."""
        try:
            with open(file, "rb") as f:
                if os.fstat(f.fileno()).st_ino != cached.stamp[0]:
                    return None
                f.seek(cached.end)
                tail = f.read()
        except OSError:
            return None
        lines, used = journal.split(tail)
        if not lines:
            return Cached(stamp, cached.end, cached.snapshot, cached.state)
        try:
            import json

            first = json.loads(lines[0])
            if not isinstance(first, dict) or first.get("seq") != cached.state.seq + 1:
                return None
        except ValueError:
            return None
        state = cached.state.copy()
        journal.replay(file, state, lines)
        grown = Cached(stamp, cached.end + used, cached.snapshot, state)
        self._put(file, grown)
        return grown

    def _put(self, file: Path, cached: Cached) -> None:
        with self._guard:
            self._cache[file] = cached
            self._cache.move_to_end(file)
            while len(self._cache) > CACHE_FILES:
                self._cache.popitem(last=False)

    # ------------------------------------------------------------ writing (under the store lock)

    def write(self, file: Path, base: Cached | None, state: State, entry: dict[str, Any]) -> None:
        """Make `entry` (already applied to `state`, a copy of base's) durable: append one line, or
        create the file, or compact it when its journal has outgrown the snapshot."""
        if base is None:
            self.create(file, state)
            return
        data = journal.line(entry)
        journal_bytes = base.end - base.snapshot + len(data)
        if journal.should_compact(journal_bytes, base.snapshot):
            self.create(file, state)
            return
        end = journal.append(file, data, keep=base.end, durable=self.durable)
        try:
            stamp = _stamp(os.stat(file))
        except OSError:
            self.forget(file)
            return
        self._put(file, Cached(stamp, end, base.snapshot, state))

    def create(self, file: Path, state: State) -> None:
        """Write the whole file as one snapshot line, atomically (new file or compaction)."""
        payload = state.compacted()
        folder = file.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            if self.durable:
                fsync_dir(folder.parent)
        atomic_write(file, payload, durable=self.durable)
        try:
            stamp = _stamp(os.stat(file))
        except OSError:
            self.forget(file)
            return
        self._put(file, Cached(stamp, len(payload), len(payload), state))
