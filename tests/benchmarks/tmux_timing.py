"""Timing an app in a real terminal: a tmux session, its pane read with `capture-pane` until it shows
what is awaited. Every tmux call runs under `timeout 5` (a capture once hung for 17 minutes).

The pane is read as fast as tmux answers (a few milliseconds a read, a 2 ms pause between reads), so a
figure is at most one read late; the bare app measured the same way in the same run carries the same
delay, which is why the ratios are the figures to compare.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from types import TracebackType

SIZE = (100, 30)


def available() -> str | None:
    """Why tmux cannot be used here, or None."""
    return None if shutil.which("tmux") else "tmux is not installed (apt-get install tmux)"


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["timeout", "5", "tmux", *args], capture_output=True, text=True, check=False)


class Pane:
    """One detached session running `command`; started on `with`, killed on exit."""

    count = 0

    def __init__(self, command: str, size: tuple[int, int] = SIZE) -> None:
        Pane.count += 1
        self.name = f"bench-flat-{os.getpid()}-{Pane.count}"
        self.command = command
        self.size = size
        self.started = 0.0

    def __enter__(self) -> Pane:
        # The session outlives the app by a while (`sleep`), so a crash leaves its message readable.
        self.started = time.perf_counter()
        width, height = self.size
        _tmux(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            self.command + "; sleep 60",
        )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        _tmux("kill-session", "-t", self.name)

    def capture(self) -> str:
        return _tmux("capture-pane", "-p", "-t", self.name).stdout

    def capture_colours(self) -> str:
        """The pane with its colours as escape sequences (a moved highlight changes it)."""
        return _tmux("capture-pane", "-p", "-e", "-t", self.name).stdout

    def send(self, *keys: str) -> float:
        """Send keys; returns the moment just before sending."""
        now = time.perf_counter()
        _tmux("send-keys", "-t", self.name, *keys)
        return now

    def wait_for(
        self, test: Callable[[str], bool], timeout: float, colours: bool = False
    ) -> tuple[float | None, str]:
        """(the moment a read first satisfied `test`, that read) or (None, the last read)."""
        deadline = time.perf_counter() + timeout
        text = ""
        while time.perf_counter() < deadline:
            text = self.capture_colours() if colours else self.capture()
            if test(text):
                return time.perf_counter(), text
            time.sleep(0.002)
        return None, text
