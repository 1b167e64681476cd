"""Which synced files this store changed since the last sync commit: `.local/sync-changed`.

`reader sync` commits exactly the files listed here instead of scanning the work tree (a `git add -A`
over 300,000 files took 3 s of a 6 s sync). The list may hold too much, never too little (but see
the power cut below):

- A writer notes a file under the store's lock BEFORE it writes the file, and the write is durable
  only once the list is too; later writes to the same file find it listed and cost one stat. A
  process killed between the two leaves a file listed that did not change (committing it is a
  no-op). The list's fsync runs beside the file's, not before it (one fsync's wait per tag, not
  two): only a power cut in the milliseconds between the two could keep the file's line and lose
  the list's, and then the daily full scan (or `--full`) commits the file; nothing is lost.
- No list means "not known": the next sync scans the whole tree (`git add -A`) and starts a new,
  empty list before it scans; so does a sync a day after the last full scan (a safety net). A
  migration or `stats --recover` (which rewrite files outside the journal path) removes the list.
- A sync `take`s the list (renamed to `sync-changed.taken`, under the lock, a fresh empty list put in
  its place) and removes the taken one only after its commit is recorded; a sync killed in between
  leaves it, and the next sync commits the union.
Files copied in by hand (a plain file sync) are seen by that daily scan, or now by `reader sync --full`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from annotations.storage import fsync_dir

LOG = "sync-changed"
TAKEN = "sync-changed.taken"
SCANNED = "sync-scanned"  # its mtime: when a sync last looked at every file
FULL_EVERY = 24 * 3600.0  # seconds between full scans, whatever the list says


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _read(file: Path) -> set[str] | None:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return None
    return {p for p in data.decode("utf-8", "surrogateescape").split("\n") if p}


class ChangeLog:
    """The writer's side: `note` a synced file before writing it (called under the store's lock)."""

    def __init__(self, location: Path, local: Path) -> None:
        self.location = location
        self.file = local / LOG
        self._stamp: tuple[int, int, int] | None = None
        self._paths: set[str] = set()

    def note(self, file: Path, durable: bool = True) -> Future[None] | None:
        """List `file` before it is written; a pending fsync of the list to wait for once it is.

        The list's line is written before the file's (a killed process never under-lists) and its
        fsync runs beside the file's, not before it: a tag's durable point waits for both, at the
        cost of one fsync, not two (measured: p50 7.4 -> 3 ms for a tag on a document not yet listed).
        """
        try:
            st = os.stat(self.file)
        except FileNotFoundError:
            return None  # no list: the next sync scans everything anyway
        rel = file.relative_to(self.location).as_posix()
        if _stamp(st) != self._stamp:  # another process (a sync) took or grew it: read it again
            self._paths = _read(self.file) or set()
            self._stamp = _stamp(st)
        if rel in self._paths:
            return None
        # A leading newline ends a line a killed writer left unterminated, so paths never run together.
        fd = os.open(self.file, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, b"\n" + rel.encode("utf-8", "surrogateescape") + b"\n")
            self._stamp = _stamp(os.fstat(fd))
        except BaseException:
            os.close(fd)
            raise
        self._paths.add(rel)
        if not durable:
            os.close(fd)
            return None
        return _syncer().submit(_fsync_close, fd)


def _fsync_close(fd: int) -> None:
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.cache
def _syncer() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-changed")


def take(local: Path) -> list[str] | None:
    """Hand the listed paths to a sync and start a new, empty list (call under the store's lock).

    None when the whole tree must be scanned: the list is missing (never started, removed by a
    migration or a recovery), or the last full scan is older than FULL_EVERY (a safety net for files
    changed by hand). A list an earlier, killed sync took is included.
    """
    log, taken = local / LOG, local / TAKEN
    current = _read(log)
    earlier = _read(taken)
    if current is not None:
        if earlier is None:
            os.replace(log, taken)
        else:  # a sync was killed before its commit: keep both lists in the taken one
            with open(taken, "ab") as out:
                out.write(b"\n" + "\n".join(sorted(current)).encode("utf-8", "surrogateescape") + b"\n")
                out.flush()
                os.fsync(out.fileno())
            os.unlink(log)
    _start(log)
    try:
        age = time.time() - os.stat(local / SCANNED).st_mtime
    except FileNotFoundError:
        age = FULL_EVERY + 1
    if current is None or age > FULL_EVERY:
        return None
    return sorted(current | (earlier or set()))


def _start(log: Path) -> None:
    """An empty file at `log`, durably (atomic: a reader never sees a half-made one)."""
    tmp = log.with_name(log.name + ".new")
    with open(tmp, "wb") as out:
        os.fsync(out.fileno())
    os.replace(tmp, log)
    fsync_dir(log.parent)


def committed(local: Path, *, scanned: bool = False) -> None:
    """The sync's commit is recorded: the taken list is done with (and, `scanned`, the whole tree was)."""
    if scanned:
        _start(local / SCANNED)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(local / TAKEN)


def forget(local: Path) -> None:
    """Files changed in a way no list records (migration, recovery): the next sync scans everything."""
    for name in (LOG, TAKEN):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(local / name)
