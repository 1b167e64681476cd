"""The store lock: flock on the store folder and on `.local/lock` between processes, an RLock between threads.

Every write happens under it and re-reads the files first, so two processes lose no update. It is
re-entrant within a thread, so a write may call another (attach before a tag) under one hold.

The folder itself is locked because a user may delete `lock` as "stale": a later process would make a
new file and two processes would hold "the lock" on two inodes (185 of 400 tags were lost that way in
tests/unit/test_store_lock.py). A folder holding files cannot be deleted or swapped under a holder.
`lock` is still locked too, after checking that the locked inode is the one at the path, so that a
reader of an older version running beside this one is kept out, and it records the holder (pid,
command, since) so that a waiter can say whom it waits for.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotations.reasons import os_reason
from annotations.storage import StoreError

DEFAULT_TIMEOUT = 30.0  # seconds a writer waits for a busy store before it gives up
REPORT_AFTER = 0.5  # seconds of waiting before the waiter is told who holds the lock
LOCK_FILE = ".local/lock"  # local to this machine, never synced (layout.LOCAL_PATTERNS)
_UNSUPPORTED = (errno.EBADF, errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP)
_command = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "python"
_report: Callable[[str], None] | None = None


class StoreBusy(StoreError):
    """The lock was not free within the timeout: another process holds it (perhaps a stopped one)."""


def set_process(command: str, on_wait: Callable[[str], None] | None = None) -> None:
    """How this process is named in the lock record ("reader import"), and how it tells its user that
    it waits (the default for stores without their own `on_wait`); the CLI sets both."""
    global _command, _report
    _command, _report = command, on_wait


def lock_timeout() -> float | None:
    """$READER_LOCK_TIMEOUT seconds (0 or less: wait forever), else DEFAULT_TIMEOUT."""
    raw = os.environ.get("READER_LOCK_TIMEOUT", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        value = DEFAULT_TIMEOUT
    return value if value > 0 else None


def check_lock_file(location: Path) -> None:
    """Refuse a store whose `lock` cannot be made (read-only folder): before any write, in one line."""
    try:
        os.makedirs(location / ".local", exist_ok=True)
        os.close(os.open(location / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644))
    except OSError as exc:
        raise StoreError(f"{location}: cannot set up the store ({os_reason(exc)})") from None


def _flock(fd: int, blocking: bool) -> bool:
    """Lock `fd` exclusively; False when it is busy and `blocking` is off."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _take(location: Path, blocking: bool) -> tuple[int, int] | None:
    """Lock the folder, then the file at `lock` (made again if missing); the two fds, or None if busy."""
    folder = os.open(location, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            if not _flock(folder, blocking):
                os.close(folder)
                return None
        except OSError as exc:  # a file system that cannot lock folders (NFS): `lock` alone guards it
            if exc.errno not in _UNSUPPORTED:
                raise
        while True:
            try:
                fd = os.open(location / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
            except FileNotFoundError:  # .local/ was deleted as "only a cache": make it again
                os.makedirs(location / ".local", exist_ok=True)
                continue
            if not _flock(fd, blocking):
                os.close(fd)
                os.close(folder)
                return None
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(location / LOCK_FILE))
            except FileNotFoundError:
                same = False
            if same:
                return folder, fd
            os.close(fd)  # deleted or replaced after we opened it: lock the file now at the path
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(folder)
        raise


def _release(fds: tuple[int, int]) -> None:
    for fd in reversed(fds):
        with contextlib.suppress(OSError):
            os.close(fd)  # closing the last fd of a flock releases it


def holder(location: Path) -> str:
    """Who holds the lock, for people: "pid 123, reader import, since 14:02:11 (stopped)"."""
    try:
        record = json.loads((location / LOCK_FILE).read_text("utf-8") or "{}")
        pid, command, since = int(record["pid"]), str(record["command"]), float(record["since"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "another process"
    stamp = time.strftime(
        "%H:%M:%S" if time.time() - since < 86400 else "%Y-%m-%d %H:%M", time.localtime(since)
    )
    state = ""
    with contextlib.suppress(OSError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        if fields[0] in ("T", "t"):
            state = f" (stopped: resume it with `kill -CONT {pid}` or `fg`)"
    return f"pid {pid}, {command[:80]}, since {stamp}{state}"


def busy_message(location: Path) -> str:
    return f"the store is busy: {holder(location)}"


class StoreLock:
    """Held around every write; `on_release` runs when the outermost hold ends (drop what was cached).

    `on_wait(message)` is called (in the waiting thread) when the lock is still busy after half a
    second; a wait longer than `timeout` seconds raises StoreBusy naming the holder.
    """

    def __init__(self, location: Path) -> None:
        self.location = location
        self.on_release: Callable[[], None] | None = None
        self.on_wait: Callable[[str], None] | None = None
        self.timeout: float | None = lock_timeout()
        self._fds: tuple[int, int] | None = None
        self._closed = False
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread holding the lock

    def held_here(self) -> bool:
        """True in the thread holding the lock: only it may trust what was read under the lock."""
        return self._owner == threading.get_ident()

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        with self._thread_lock:
            if self._closed:
                raise StoreError(f"{self.location}: the store is closed")
            if self._depth == 0:
                self._fds = self._acquire()
                self._record()
                self._owner = threading.get_ident()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    try:
                        if self.on_release is not None:
                            self.on_release()  # another process may write once the lock is released
                    finally:
                        fds, self._fds = self._fds, None
                        if fds is not None:
                            with contextlib.suppress(OSError):
                                os.ftruncate(fds[1], 0)  # no stale record for an older reader's hold
                            _release(fds)

    def _record(self) -> None:
        assert self._fds is not None
        record = json.dumps({"pid": os.getpid(), "command": _command, "since": time.time()}).encode()
        with contextlib.suppress(OSError):  # only a message depends on it
            os.ftruncate(self._fds[1], 0)
            os.pwrite(self._fds[1], record, 0)

    def _acquire(self) -> tuple[int, int]:
        try:
            fds = _take(self.location, blocking=False)
            return fds if fds is not None else self._wait()
        except OSError as exc:
            raise StoreError(f"{self.location}: cannot lock the store ({os_reason(exc)})") from None

    def _wait(self) -> tuple[int, int]:
        """Block in a helper thread (flock has no timeout), so that the caller can report and give up.

        A helper that gets the lock after its caller gave up releases it at once.
        """
        done = threading.Event()
        guard = threading.Lock()
        outcome: dict[str, object] = {}

        def take() -> None:
            try:
                result: object = _take(self.location, blocking=True)
            except OSError as exc:
                result = exc
            with guard:
                if outcome.get("abandoned"):
                    if isinstance(result, tuple):
                        _release(result)
                    return
                outcome["result"] = result
            done.set()

        threading.Thread(target=take, name="store-lock-wait", daemon=True).start()
        started = time.monotonic()
        report = self.on_wait or _report
        if not done.wait(REPORT_AFTER) and report is not None:
            limit = "" if self.timeout is None else f" (up to {self.timeout:g} s)"
            report(f"{busy_message(self.location)}; waiting for it{limit}")
        remaining = None if self.timeout is None else max(0.0, self.timeout - (time.monotonic() - started))
        done.wait(remaining)
        with guard:
            result = outcome.get("result")
            if result is None:
                outcome["abandoned"] = True
                waited = time.monotonic() - started
                raise StoreBusy(f"{busy_message(self.location)}; gave up after {waited:.0f} s")
        if isinstance(result, OSError):
            raise result
        assert isinstance(result, tuple)
        return result

    def close(self) -> None:
        with self._thread_lock:
            self._closed = True
