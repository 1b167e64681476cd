"""Durable files for the store: a TinyDB Storage that never leaves a half-written file.

Measured with tinydb 4.9: the stock JSONStorage rewrites the file in place (a kill mid-write left 2% of
files unreadable) and CachingMiddleware loses acknowledged writes. Here every write goes to a temporary
file in the same folder, is flushed and fsynced, hard-linked copy of the old version is kept as
`<file>.bak`, the temporary file is renamed over the old one and the folder is fsynced: a crash leaves
the old state or the new one, and the previous good version stays recoverable.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from tinydb.storages import Storage

from annotations.reasons import one_line, os_reason

BACKUP_SUFFIX = ".bak"
PARALLEL = 8  # threads writing and fsyncing the files of one atomic_write_many
PARALLEL_FROM = 4  # files from which they are written on threads
T = TypeVar("T")
R = TypeVar("R")


class StoreError(Exception):
    """A store failure for people: `str(exc)` is one line and names the offending file."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def corrupt_error(path: Path, problem: str) -> StoreError:
    """The one-line message for a file we will not touch, with the way back."""
    return StoreError(
        f"{path}: {problem}; the file was left untouched. Recover its last good version "
        f"({backup_path(path).name}) with `reader stats --recover`"
    )


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_json(path: Path) -> Any | None:
    """The parsed file, None when it does not exist; unreadable or non-JSON raises StoreError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({os_reason(exc)})") from None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise corrupt_error(path, f"not a valid store file ({one_line(exc, 120)})") from None
    except RecursionError:  # nested deeper than the parser goes: no file of ours is
        raise corrupt_error(path, "not a valid store file (nested too deeply)") from None


def encode(data: Any) -> bytes:
    # ASCII escapes keep any str (even a lone surrogate from a broken file) writable and readable.
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def atomic_write(path: Path, payload: bytes, *, durable: bool = True, backup: bool = True) -> None:
    """Replace `path` with `payload` all at once; on any failure the old file is intact."""
    atomic_write_many([(path, payload)], durable=durable, backup=backup)


def atomic_write_many(
    items: list[tuple[Path, bytes]],
    *,
    durable: bool = True,
    backup: bool = True,
    derived: frozenset[Path] = frozenset(),
) -> None:
    """Replace each file atomically, sharing the fsyncs: all data first, then the renames, then the folders.

    Each file on its own is old or new after a crash, never half; the files are renamed in order, so a
    document file is always at least as new as the index entry that summarises it. Sharing the flushes
    halves the journal commits of a tag (measured in tests/benchmarks/bench_store.py).

    Files in `derived` (the summary index, which the store can rebuild from the document files) skip
    the data fsync: their rename is still made durable by the folder fsync, and on ext4 a rename over
    an existing file flushes its data in the same commit; should one still come back unreadable after
    a crash, the store rebuilds it.
    """

    def write_temp(item: tuple[Path, bytes]) -> tuple[Path | None, OSError | None]:
        path, payload = item
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except OSError as exc:
            return None, exc
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable and path not in derived:
                os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return None, exc
        os.close(fd)
        return tmp, None

    # Many files (what a sync brought): their data written and fsynced side by side, then renamed in
    # order, then their folders fsynced side by side; concurrent fsyncs share the file system's journal
    # commits, where 100 files one after the other waited for 200 commits.
    written = _each(write_temp, items)
    temps = [(tmp, path) for (tmp, _), (path, _) in zip(written, items, strict=True) if tmp is not None]
    failed = [(path, exc) for (_, exc), (path, _) in zip(written, items, strict=True) if exc is not None]
    if failed:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        path, exc = failed[0]
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StoreError(
                f"{path}: disk full, the change was not saved (the old file is intact)"
            ) from None
        raise StoreError(f"{path}: cannot write ({os_reason(exc)}); the old file is intact") from None
    folders: dict[Path, None] = {}
    for n, (tmp, path) in enumerate(temps):
        if backup and path not in derived:  # a derived file is rebuilt, not restored: no .bak
            _keep_backup(path)
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for rest, _ in temps[n:]:
                with contextlib.suppress(OSError):
                    os.unlink(rest)
            raise StoreError(f"{path}: cannot write ({os_reason(exc)}); the old file is intact") from None
        folders[path.parent] = None
    if durable:
        _each(fsync_dir, list(folders))


def _each(fn: Callable[[T], R], items: list[T]) -> list[R]:
    """`fn` of each item, in order; on a few threads when there are several (for calls that wait on the
    disk: fsyncs issued together are flushed together)."""
    if len(items) < PARALLEL_FROM:
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(PARALLEL, len(items)), thread_name_prefix="store-fsync") as pool:
        return list(pool.map(fn, items))


def _keep_backup(path: Path) -> None:
    """Hard-link the current version as `<file>.bak` (cheap: no data copied, no fsync needed)."""
    link = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.bak-tmp")
    try:
        os.link(path, link)
        os.replace(link, backup_path(path))
    except FileNotFoundError:
        pass
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(link)


def remove_file(path: Path, *, durable: bool = True) -> None:
    for victim in (path, backup_path(path)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(victim)
    if durable:
        fsync_dir(path.parent)


class AtomicJSONStorage(Storage):
    """TinyDB storage: each write is atomic and durable when it returns.

    Inside `transaction()` the writes TinyDB makes (one per table operation) are gathered and committed
    as one atomic file replacement, so a change and its undo step land together or not at all. The
    caller holds the store's lock around a transaction and the file is re-read at its start, so
    another process's writes are never lost.
    """

    def __init__(self, path: Path | str, *, durable: bool = True, backup: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.durable = durable
        self.backup = backup
        self._buffer: dict[str, Any] | None = None
        self._in_transaction = False
        self._dirty = False
        self.pending: bytes | None = None  # what a deferred transaction would write

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._in_transaction:
            return self._buffer
        data = read_json(self.path)
        if data is not None and not isinstance(data, dict):
            raise corrupt_error(self.path, "not a store file (top level is not an object)")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._in_transaction:
            self._buffer = data
            self._dirty = True
            return
        atomic_write(self.path, encode(data), durable=self.durable, backup=self.backup)

    @contextlib.contextmanager
    def transaction(self, *, defer: bool = False) -> Iterator[AtomicJSONStorage]:
        """Read once, gather writes, commit once (nothing is written if the block raises).

        With `defer`, the encoded result is left in `self.pending` for the caller to write together
        with other files (atomic_write_many).
        """
        self.pending = None
        self._buffer = self.read()
        self._in_transaction = True
        self._dirty = False
        try:
            yield self
        except BaseException:
            self._in_transaction = False
            self._buffer = None
            raise
        self._in_transaction = False
        buffer, self._buffer = self._buffer, None
        if self._dirty and buffer is not None:
            if defer:
                self.pending = encode(buffer)
            else:
                atomic_write(self.path, encode(buffer), durable=self.durable, backup=self.backup)

    def close(self) -> None:
        self._buffer = None
