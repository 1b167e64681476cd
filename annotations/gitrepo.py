"""The `git` command, run for `reader sync`: one small wrapper so every failure is one line.

Git is a program beyond pip, checked when a sync starts (`GitMissing`, with how to install it).
Nothing here writes to the user's global configuration: identity and settings go into the
repository's own `.git/config` (`git config --local`), and git never prompts for a password (a
sync runs in a worker or a script; a prompt would hang it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

INSTALL = "install git (Debian/Ubuntu: apt install git; macOS: xcode-select --install; https://git-scm.com)"
NETWORK_TIMEOUT = 120.0  # seconds for `ls-remote` (a few bytes) before a remote counts as unreachable
# A fetch or push has no overall limit (the first push of a big store takes minutes); a stalled one
# is cut by ssh's keep-alives and git's low-speed limit for http instead.
STALL = {"GIT_HTTP_LOW_SPEED_LIMIT": "1000", "GIT_HTTP_LOW_SPEED_TIME": "60"}


class GitError(Exception):
    """A git command failed: `str()` is one line saying which and why."""


class GitMissing(GitError):
    pass


def reason(stderr: bytes | str) -> str:
    """The line of git's output that says why (its last `fatal:`/`error:` line, else the last line)."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("fatal:", "error:", "remote:", "!")):
            return " ".join(line.split())[:300]
    return " ".join(lines[-1].split())[:300] if lines else "no message"


def check_git() -> str:
    """The path of `git`, or GitMissing."""
    found = shutil.which("git")
    if found is None:
        raise GitMissing(f"reader sync needs the git command, which is not installed: {INSTALL}")
    return found


@dataclass
class Git:
    """git in one work tree, with an environment that never prompts and reads no system config."""

    cwd: Path

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            GIT_TERMINAL_PROMPT="0",  # no password prompt: fail, say so
            GIT_ASKPASS="",
            SSH_ASKPASS="",
            LC_ALL="C",  # messages we can read
            GIT_OPTIONAL_LOCKS="0",  # `git status` must not take index.lock beside our own writes
        )
        env.setdefault(
            "GIT_SSH_COMMAND",
            "ssh -o BatchMode=yes -o ConnectTimeout=20 -o ServerAliveInterval=15 -o ServerAliveCountMax=4",
        )
        for name, value in STALL.items():
            env.setdefault(name, value)
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # a caller's repo is not ours
            env.pop(name, None)
        return env

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        check: bool = True,
        timeout: float | None = None,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        full_env = self.env()
        if env:
            full_env.update(env)
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.cwd,
                input=input,
                capture_output=True,
                env=full_env,
                timeout=timeout,
                check=False,
            )
        except FileNotFoundError:
            raise GitMissing(
                f"reader sync needs the git command, which is not installed: {INSTALL}"
            ) from None
        except subprocess.TimeoutExpired:
            raise GitError(f"git {args[0]} gave no answer in {timeout:g} s") from None
        if check and done.returncode != 0:
            raise GitError(f"git {args[0]}: {reason(done.stderr)}")
        return done

    def out(self, *args: str, **kwargs: object) -> str:
        return self.run(*args, **kwargs).stdout.decode("utf-8", "surrogateescape").strip()  # type: ignore[arg-type]

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def commit_of(self, ref: str) -> str | None:
        done = self.run("rev-parse", "-q", "--verify", f"{ref}^{{commit}}", check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    def blobs(self, oids: Iterable[str]) -> Iterator[tuple[str, bytes]]:
        """Many blobs through one `git cat-file --batch` (a process per file costs 2 ms each)."""
        wanted = list(dict.fromkeys(oids))
        if not wanted:
            return
        done = self.run("cat-file", "--batch", input="".join(f"{o}\n" for o in wanted).encode())
        data, pos = done.stdout, 0
        for oid in wanted:
            end = data.index(b"\n", pos)
            header = data[pos:end].split()
            if len(header) != 3:
                raise GitError(f"git cat-file: {oid} is missing from the repository")
            size = int(header[2])
            yield oid, data[end + 1 : end + 1 + size]
            pos = end + 1 + size + 1


def blob_id(data: bytes, algorithm: str = "sha1") -> str:
    """What `git hash-object` says for these bytes, without a process."""
    digest = hashlib.new(algorithm)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


@contextlib.contextmanager
def temporary_index(git: Git, name: str) -> Iterator[dict[str, str]]:
    """An index file of our own, for building a tree without touching the user's index."""
    path = git.cwd / ".git" / name
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    try:
        yield {"GIT_INDEX_FILE": str(path)}
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
