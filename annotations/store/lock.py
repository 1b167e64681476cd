"""The store lock: fcntl.flock on `lock` between processes, an RLock between threads.

Every write happens under it and re-reads the files first, so two processes lose no update. It is
re-entrant within a thread, so a write may call another (attach before a tag) under one hold.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from annotations.reasons import os_reason
from annotations.storage import StoreError


def open_lock_file(location: Path) -> int:
    try:
        return os.open(location / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{location}: cannot set up the store ({os_reason(exc)})") from None


class StoreLock:
    """Held around every write; `on_release` runs when the outermost hold ends (drop what was cached)."""

    def __init__(self, location: Path, fd: int) -> None:
        self.location = location
        self.on_release: Callable[[], None] | None = None
        self._fd: int | None = fd
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread holding the lock

    def held_here(self) -> bool:
        """True in the thread holding the lock: only it may trust what was read under the lock."""
        return self._owner == threading.get_ident()

    @contextlib.contextmanager
    def hold(self) -> Iterator[None]:
        with self._thread_lock:
            if self._fd is None:
                raise StoreError(f"{self.location}: the store is closed")
            if self._depth == 0:
                fcntl.flock(self._fd, fcntl.LOCK_EX)
                self._owner = threading.get_ident()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    if self.on_release is not None:
                        self.on_release()  # another process may write as soon as the lock is released
                    if self._fd is not None:
                        fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        with self._thread_lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
