"""`reader sync`: a store folder is a git repository; each sync commits this machine's changed files,
fetches, merges and pushes, and says in one line what went out and what came in, from whom.

Each annotator writes only their own files, so git merges without conflicts; the one exception is an
annotator name used on two machines, where the two versions of a file are merged by uuid
(`team_files.merge`: newer `modified` wins, nothing dropped).

Git never writes the store's files itself. The merge is made from objects alone (`git merge-tree
--write-tree`), and the files it changes are then written here, each atomically (temp file, fsync,
rename), under the store's lock: a reader sees every file old or new, never half-checked-out, and a
writer waits. A marker (`.git/reader-sync-pending`, written before the first file) lets a sync that
was killed half-way finish the same merge on the next run, so no file of another annotator is ever
mistaken for a local change. Pushes that lose a race to another annotator's are retried after
merging theirs.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from annotations import team_files
from annotations.gitrepo import NETWORK_TIMEOUT, Git, GitError, blob_id, check_git, reason, temporary_index
from annotations.storage import atomic_write_many, fsync_dir
from annotations.store.layout import LOCAL_PATTERNS

if TYPE_CHECKING:
    from annotations.store import Store

Progress = Callable[[str], None]

REMOTE = "origin"
DEFAULT_BRANCH = "main"
PENDING = "reader-sync-pending"
SYNC_LOCK = "reader-sync.lock"
PUSH_ATTEMPTS = 30  # pushes lost to other annotators' before giving up (each loss merges theirs first)
COUNT_LIMIT = 5000  # changed files whose tags are counted; a first sync of a big store counts files
LOOSE_LIMIT = 2000  # loose objects before a sync packs them
PACK_LIMIT = 40  # packs before a sync folds them into one
BULK = 2000  # incoming files beyond which they are written without a fsync each, then one sync(2)
CHUNK = 2000  # incoming files read from git and written per round
STALE_LOCK_AGE = 10.0  # seconds: a git lock file older than this, under our own sync lock, is a dead one
# Files of this machine only: the store's .gitignore lists them; .git/info/exclude lists them again,
# so that editing that file never makes a sync commit a derived index or a lock.
LOCAL_ONLY = LOCAL_PATTERNS
ZERO = "0" * 40
_UNKNOWN = object()


class SyncError(Exception):
    """A sync that could not be done: one line for the user; the store is as it was."""


@dataclass(frozen=True)
class Change:
    path: str
    old: str | None  # blob ids; None where the file is absent
    new: str | None
    mode: str


@dataclass
class SyncReport:
    """What one sync did; `line()` is what the user reads."""

    sent: team_files.Delta = field(default_factory=team_files.Delta)
    sent_documents: int = 0
    sent_files: int = 0
    received: dict[str, team_files.Delta] = field(default_factory=dict)
    received_documents: dict[str, int] = field(default_factory=dict)
    received_files: int = 0
    merged: list[str] = field(default_factory=list)  # files changed on two machines, merged by uuid
    kept_ours: list[str] = field(default_factory=list)  # shared files that differed (ours kept)
    retries: int = 0
    setup: str = ""  # "created the team store at URL" / "joined the team store at URL"
    recovered: bool = False  # finished a sync that was killed half-way
    restored: int = 0  # other annotators' files gone here, put back from the last commit
    unreadable: list[str] = field(default_factory=list)  # others' files cut short here: not committed
    documents: set[str] = field(default_factory=set)  # document folders (hex) that changed here

    def line(self) -> str:
        parts: list[str] = []
        if self.setup:
            parts.append(self.setup)
        if self.recovered:
            parts.append("finished the sync that was interrupted")
        if self.sent_files:
            what = _tags(self.sent, self.sent_documents, self.sent_files)
            parts.append(f"sent {what}")
        if self.received:
            who = ", ".join(
                f"{name} {_tags(d, self.received_documents.get(name, 0), 0)}"
                for name, d in sorted(self.received.items())
            )
            parts.append(f"received from {who}")
        elif self.received_files:
            parts.append(f"received {self.received_files} file(s)")
        if self.merged:
            parts.append(
                f"merged {len(self.merged)} file(s) changed under one annotator name on two machines "
                "(by uuid, newer modified wins, nothing dropped)"
            )
        if self.kept_ours:
            parts.append(f"kept this store's {', '.join(sorted(self.kept_ours))} (differed from the team's)")
        if self.restored:
            parts.append(f"put back {self.restored} file(s) of other annotators that were gone here")
        if self.unreadable:
            parts.append(
                f"left {len(self.unreadable)} unreadable file(s) of other annotators out "
                "(reader stats --recover puts back the last good version)"
            )
        if self.retries:
            parts.append(f"pushed after {self.retries} race(s) with other annotators")
        if not self.sent_files and not self.received_files and not self.merged:
            parts.append("up to date: nothing to send or receive")
        return "sync: " + "; ".join(parts)


def _tags(delta: team_files.Delta, documents: int, files: int) -> str:
    plural = "s" if documents != 1 else ""
    if delta:
        return f"{delta.text()} in {documents} document{plural}"
    if documents:
        return f"changes in {documents} document{plural}"
    return f"{files} file(s)"


# -------------------------------------------------------------------------------------------------


class Repo:
    """The store folder as a git repository, and the steps of a sync on it."""

    def __init__(self, location: Path, hold: Callable[[], contextlib.AbstractContextManager[None]]) -> None:
        self.location = location.resolve()
        self.git = Git(self.location)
        self.hold = hold  # the store's lock: held while files of the store are written
        self._algorithm = "sha1"
        self._head: object = _UNKNOWN

    @property
    def dot_git(self) -> Path:
        return self.location / ".git"

    def is_repo(self) -> bool:
        return (self.dot_git / "HEAD").is_file()

    def head(self) -> str | None:
        """HEAD's commit; asked of git once a sync, then kept as this sync moves it (one process less)."""
        if self._head is _UNKNOWN:
            self._head = self.git.commit_of("HEAD")
        return self._head  # type: ignore[return-value]

    def move_head(self, commit: str, old: str | None, why: str) -> None:
        self.git.run("update-ref", "-m", f"reader sync: {why}", "HEAD", commit, old or "")
        self._head = commit

    def branch(self) -> str:
        """The branch HEAD names, read from .git/HEAD (a process per sync saved)."""
        try:
            text = (self.dot_git / "HEAD").read_text("utf-8").strip()
        except OSError:
            return DEFAULT_BRANCH
        return (
            text.removeprefix("ref: refs/heads/") if text.startswith("ref: refs/heads/") else DEFAULT_BRANCH
        )

    def remote_url(self) -> str | None:
        done = self.git.run("remote", "get-url", REMOTE, check=False)
        return done.stdout.decode().strip() or None if done.returncode == 0 else None

    # -- set-up -----------------------------------------------------------------------------------

    def set_up(self, remote: str, annotator: str) -> str:
        """Make the folder a repository with `remote` as origin; what was done, for the report line."""
        heads = self.remote_heads(remote)
        branch = _default_branch(heads)
        fresh = not self.is_repo()
        if fresh:
            self.git.run("init", "-q", f"--initial-branch={branch}")
        self._configure(annotator)
        old = self.remote_url()
        if old is None:
            self.git.run("remote", "add", REMOTE, remote)
        elif old != remote:
            self.git.run("remote", "set-url", REMOTE, remote)
        if not fresh and old == remote:
            return ""
        if not fresh:
            return f"remote changed from {old} to {remote}"
        return f"joined the team store at {remote}" if heads else f"created the team store at {remote}"

    def remote_heads(self, remote: str) -> dict[str, str]:
        """Branch -> commit on the remote, with `HEAD` naming the default branch; SyncError if unreachable."""
        try:
            done = self.git.run(
                "ls-remote", "--symref", remote, "HEAD", "refs/heads/*", timeout=NETWORK_TIMEOUT
            )
        except GitError as exc:
            raise SyncError(f"cannot reach {remote} ({_why(exc)}); the store is unchanged") from None
        heads: dict[str, str] = {}
        for line in done.stdout.decode("utf-8", "replace").splitlines():
            if line.startswith("ref: ") and line.endswith("\tHEAD"):
                heads["HEAD"] = line[5:].split("\t")[0].removeprefix("refs/heads/")
            elif "\t" in line:
                oid, ref = line.split("\t", 1)
                if ref.startswith("refs/heads/"):
                    heads[ref.removeprefix("refs/heads/")] = oid
        return heads

    def _configure(self, annotator: str) -> None:
        """Local settings only (`--local`): identity when none is set anywhere, no line-end changes."""
        for key, value in (("user.name", annotator), ("user.email", f"{_slug(annotator)}@reader.invalid")):
            if not self.git.out("config", "--get", key, check=False):  # type: ignore[arg-type]
                self.git.run("config", "--local", key, value)
        self.git.run("config", "--local", "core.autocrlf", "false")
        # No automatic gc inside a sync's commands (it packed 30,000 loose objects in the middle of a
        # fetch: 89 s); `housekeeping` packs at the end of a sync instead, when there is enough to pack.
        self.git.run("config", "--local", "gc.auto", "0")
        self.git.run("config", "--local", "maintenance.auto", "false")
        exclude = self.dot_git / "info" / "exclude"
        exclude.parent.mkdir(parents=True, exist_ok=True)
        text = exclude.read_text("utf-8") if exclude.exists() else ""
        missing = [p for p in LOCAL_ONLY if p not in text.splitlines()]
        if missing:
            header = "" if "# reader" in text else "# reader: files of this machine only\n"
            exclude.write_text(text + header + "\n".join(missing) + "\n", "utf-8")

    # -- locks and recovery -----------------------------------------------------------------------

    @contextlib.contextmanager
    def sync_lock(self, timeout: float = 120.0) -> Iterator[None]:
        """One sync at a time per store (a second one waits); released by the kernel if we are killed."""
        fd = os.open(self.dot_git / SYNC_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SyncError(
                            "another sync of this store is still running; try again later"
                        ) from None
                    time.sleep(0.1)
            yield
        finally:
            os.close(fd)

    def clear_stale_locks(self) -> None:
        """git lock files left by a sync that was killed (we hold the sync lock: no sync of ours runs).

        A git command outlives a killed sync for a moment, so a young lock file is waited for first.
        """
        candidates = [
            self.dot_git / n for n in ("index.lock", "HEAD.lock", "config.lock", "packed-refs.lock")
        ]
        candidates += list((self.dot_git / "refs").rglob("*.lock"))
        for lock in candidates:
            deadline = time.monotonic() + STALE_LOCK_AGE
            while lock.exists() and time.monotonic() < deadline:
                with contextlib.suppress(FileNotFoundError):
                    if time.time() - lock.stat().st_mtime > STALE_LOCK_AGE:
                        break
                time.sleep(0.05)
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()

    def finish_pending(self) -> bool:
        """Complete a merge that a killed sync had started writing; True if there was one."""
        marker = self.dot_git / PENDING
        try:
            pending = json.loads(marker.read_text("utf-8"))
            old, new = pending["old"], str(pending["new"])
        except FileNotFoundError:
            return False
        except (ValueError, KeyError, TypeError):
            marker.unlink()
            return False
        head = self.head()
        if head in (old, new) and self.git.commit_of(new):
            with self.hold():
                self._apply(old, new, SyncReport())
            return True
        marker.unlink()
        return False

    def housekeeping(self) -> None:
        """Pack loose objects once there are many (each sync adds a few hundred; the first, every file),
        and fold the packs into one once there are many: what `git gc --auto` does, at a moment we pick."""
        counts = dict(
            line.split(": ", 1) for line in self.git.out("count-objects", "-v").splitlines() if ": " in line
        )
        if int(counts.get("count", 0)) > LOOSE_LIMIT:
            self.git.run("repack", "-d", "-q")
        if int(counts.get("packs", 0)) > PACK_LIMIT:
            self.git.run("repack", "-a", "-d", "-q")
            self.git.run("prune-packed", "-q")

    # -- the steps ----------------------------------------------------------------------------------

    def fetch(self, branch: str) -> str | None:
        try:
            self.git.run("fetch", "-q", "--no-tags", REMOTE, timeout=NETWORK_TIMEOUT)
        except GitError as exc:
            url = self.remote_url() or REMOTE
            raise SyncError(f"cannot reach {url} ({_why(exc)}); the store is unchanged") from None
        return self.remote_head(branch)

    def remote_head(self, branch: str) -> str | None:
        return self.git.commit_of(f"refs/remotes/{REMOTE}/{branch}")

    def commit_local(self, annotator: str, report: SyncReport) -> None:
        """Commit every changed file that is not local-only (this machine's writers' files).

        Nothing of another annotator's is ever taken away: a file of theirs that is gone here (deleted
        by hand, lost in a crash) is put back from the last commit, and one that cannot be read (cut
        short) is left out of the commit; only this annotator's own files may lose something.
        """
        self.git.run("add", "-A", "--", ".")
        head = self.head()
        if head:
            raw = self.git.run("diff-index", "--cached", "-z", "--no-renames", "--raw", head).stdout
            changes = _parse_raw(raw)
        else:
            changes = self._staged()
        if not changes:
            return
        kept = self._guard_others(changes, annotator, report)
        if not kept:
            return
        tree = self.git.out("write-tree")
        delta, documents = self.count(kept)
        message = f"{annotator}: {_tags(delta, len(documents), len(kept))}"
        args = ["commit-tree", tree, "-m", message]
        if head:
            args += ["-p", head]
        self.move_head(self.git.out(*args), head, "commit")

    def _staged(self) -> list[Change]:
        """Everything in the index, as added (before the first commit)."""
        out = []
        for item in self.git.run("ls-files", "-s", "-z").stdout.split(b"\0"):
            if item:
                info, _, path = item.decode("utf-8", "surrogateescape").partition("\t")
                mode, oid, _stage = info.split()
                out.append(Change(path, None, oid, mode))
        return out

    def _guard_others(self, changes: list[Change], annotator: str, report: SyncReport) -> list[Change]:
        """The changes that may be committed; other annotators' losses are undone in the index."""
        mine = [c for c in changes if team_files.annotator_of(c.path) == annotator]
        others = [c for c in changes if team_files.annotator_of(c.path) != annotator]
        if not others:
            return mine
        blobs = dict(self.git.blobs(c.new for c in others if c.new))
        undo: list[Change] = []
        kept = list(mine)
        for c in others:
            if c.new is None and c.old is not None:  # gone here: put back
                undo.append(c)
            elif (
                c.new is not None
                and team_files.is_annotator_file(c.path)
                and not team_files.readable(c.path, blobs[c.new])
            ):
                undo.append(c)
                report.unreadable.append(c.path)
            else:
                kept.append(c)
        if undo:
            restore = [c for c in undo if c.new is None and c.old]
            with self.hold():
                data = dict(self.git.blobs(c.old for c in restore if c.old))
                for c in restore:
                    (self.location / c.path).parent.mkdir(parents=True, exist_ok=True)
                if restore:
                    atomic_write_many(
                        [(self.location / c.path, data[c.old or ""]) for c in restore], backup=False
                    )
                report.restored += len(restore)
                info = [f"{c.mode} {c.old}\t{c.path}" if c.old else f"0 {ZERO}\t{c.path}" for c in undo]
                self.git.run("update-index", "-z", "--index-info", input="\0".join(info).encode() + b"\0")
        return kept

    def merge_remote(self, remote: str, annotator: str, report: SyncReport) -> None:
        """Bring the remote's commits in: a fast-forward, or a merge commit made from objects alone."""
        head = self.head()
        if head == remote or (head and self.git.ok("merge-base", "--is-ancestor", remote, head)):
            return
        if head is None or self.git.ok("merge-base", "--is-ancestor", head, remote):
            target = remote
        else:
            target = self._merge_commit(head, remote, annotator, report)
        changes = self.diff(head or self.empty_tree(), target)
        incoming = [c for c in changes if c.path not in report.merged]
        delta_by: dict[str, team_files.Delta] = defaultdict(team_files.Delta)
        docs_by: dict[str, set[str]] = defaultdict(set)
        if len(incoming) <= COUNT_LIMIT:
            blobs = dict(self.git.blobs(o for c in incoming for o in (c.old, c.new) if o))
            for c in incoming:
                new = blobs.get(c.new or "")
                who = team_files.annotator_of(c.path, new or blobs.get(c.old or ""))
                if who is None:
                    continue
                delta_by[who] += team_files.delta(c.path, blobs.get(c.old or ""), new)
                docs_by[who].add(team_files.document_of(c.path) or "")
        report.received.update(delta_by)
        report.received_documents.update({k: len(v) for k, v in docs_by.items()})
        report.received_files += len(incoming)
        with self.hold():
            if self.git.commit_of("HEAD") != head:
                raise SyncError("the store's repository changed during the sync (a git command run by hand?)")
            self._apply(head, target, report)

    def push(self, branch: str, remote: str | None, report: SyncReport) -> bool:
        """True when pushed (or nothing to push); False when another annotator's push came first.

        What is sent is what the remote lacks: this sync's commit, and one a failed push left behind.
        """
        head = self.head()
        if head is None or remote == head:
            return True
        changes = self.diff(remote or self.empty_tree(), head)
        delta, documents = self.count(changes)
        report.sent, report.sent_documents, report.sent_files = delta, len(documents), len(changes)
        done = self.git.run(
            "push",
            "-q",
            "--porcelain",
            REMOTE,
            f"HEAD:refs/heads/{branch}",
            check=False,
            timeout=NETWORK_TIMEOUT,
        )
        if done.returncode == 0:
            self.git.run("update-ref", f"refs/remotes/{REMOTE}/{branch}", head)
            return True
        text = (done.stdout + done.stderr).decode("utf-8", "replace")
        if any(
            s in text
            for s in (
                "[rejected]",
                "non-fast-forward",
                "fetch first",
                "cannot lock ref",
                "failed to update ref",
            )
        ):
            return False
        url = self.remote_url() or REMOTE
        raise SyncError(
            f"{url} refused the push ({_refusal(text)}); the store is unchanged here, "
            "your changes go out with the next sync"
        )

    # -- merging from objects -----------------------------------------------------------------------

    def _merge_commit(self, head: str, remote: str, annotator: str, report: SyncReport) -> str:
        done = self.git.run(
            "merge-tree", "--write-tree", "-z", "--allow-unrelated-histories", head, remote, check=False
        )
        if done.returncode not in (0, 1):
            raise SyncError(f"git merge-tree: {_why(GitError(done.stderr.decode('utf-8', 'replace')))}")
        fields = done.stdout.split(b"\0")
        tree = fields[0].decode()
        stages: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
        if done.returncode == 1:
            for item in fields[1:]:
                if not item:
                    break
                info, _, path = item.decode("utf-8", "surrogateescape").partition("\t")
                mode, oid, stage = info.split()
                stages[path][int(stage)] = (mode, oid)
        if stages:
            tree = self._resolve(tree, stages, report)
        message = f"{annotator}: merge the team's changes"
        return self.git.out("commit-tree", tree, "-p", head, "-p", remote, "-m", message)

    def _resolve(self, tree: str, stages: dict[str, dict[int, tuple[str, str]]], report: SyncReport) -> str:
        """Each conflicted file as one: two versions of an annotator's file merged, else ours kept."""
        blobs = dict(self.git.blobs(oid for s in stages.values() for _, oid in s.values()))
        lines: list[str] = []
        for path, by_stage in sorted(stages.items()):
            base, ours, theirs = by_stage.get(1), by_stage.get(2), by_stage.get(3)
            if ours and theirs and team_files.is_annotator_file(path):
                data = team_files.merge(blobs[base[1]] if base else None, blobs[ours[1]], blobs[theirs[1]])
                oid = self.git.out("hash-object", "-w", "--stdin", input=data)  # type: ignore[arg-type]
                lines.append(f"{ours[0]} {oid}\t{path}")
                report.merged.append(path)
            elif ours or theirs:  # deleted on one side: keep the other, nothing is dropped
                mode, oid = ours or theirs  # type: ignore[misc]
                lines.append(f"{mode} {oid}\t{path}")
                if ours and theirs:
                    report.kept_ours.append(path)
        with temporary_index(self.git, "reader-sync-index") as env:
            self.git.run("read-tree", tree, env=env)
            self.git.run(
                "update-index", "-z", "--index-info", input="\0".join(lines).encode() + b"\0", env=env
            )
            return self.git.out("write-tree", env=env)  # type: ignore[arg-type]

    # -- writing the files ----------------------------------------------------------------------------

    def _apply(self, old: str | None, new: str, report: SyncReport) -> None:
        """Make the files, the index and HEAD say `new` (under the store's lock; idempotent).

        A file is replaced only where it still holds `old`'s version; where this machine changed it
        since (a tag made during the sync), its annotator's two versions are merged instead.
        """
        marker = self.dot_git / PENDING
        if not marker.exists():
            payload = json.dumps({"old": old, "new": new}).encode()
            atomic_write_many([(marker, payload)], backup=False)
        changes = self.diff(old or self.empty_tree(), new)
        bulk = len(changes) > BULK  # joining a big team store: one sync(2), not a fsync per file
        for first in range(0, len(changes), CHUNK):  # a chunk's blobs in memory at a time
            self._write(changes[first : first + CHUNK], report, durable=not bulk)
        if bulk:
            os.sync()
        info = [f"{c.mode} {c.new}\t{c.path}" if c.new else f"0 {ZERO}\t{c.path}" for c in changes]
        if info:
            self.git.run("update-index", "-z", "--index-info", input="\0".join(info).encode() + b"\0")
        self.git.run("update-ref", "-m", "reader sync: merge", "HEAD", new)
        self._head = new
        marker.unlink()

    def _write(self, changes: list[Change], report: SyncReport, *, durable: bool) -> None:
        blobs = dict(self.git.blobs(o for c in changes for o in (c.old, c.new) if o))
        writes: list[tuple[Path, bytes]] = []
        gone: list[Path] = []
        for c in changes:
            file = self.location / c.path
            try:
                current: bytes | None = file.read_bytes()
            except (FileNotFoundError, NotADirectoryError):
                current = None
            have = blob_id(current, self._algorithm) if current is not None else None
            if c.new is None:
                if have is not None and have == c.old:
                    gone.append(file)
                continue
            if have == c.new:
                continue
            data = blobs[c.new]
            if have is not None and have != c.old:  # changed here since: both versions kept
                if not team_files.is_annotator_file(c.path):
                    continue
                data = team_files.merge(blobs.get(c.old or ""), current or b"", data)
                if data == current:
                    continue
            writes.append((file, data))
            document = team_files.document_of(c.path)
            if document:
                report.documents.add(document)
        new_folders = {f.parent for f, _ in writes if not f.parent.is_dir()}
        for folder in sorted(new_folders):
            folder.mkdir(parents=True, exist_ok=True)
        if durable:
            for parent in {f.parent for f in new_folders}:
                fsync_dir(parent)  # the new folder's name is durable too, not only its file
        if writes:
            atomic_write_many(writes, backup=False, durable=durable)
        for file in gone:
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
            if durable:
                fsync_dir(file.parent)

    # -- reading -------------------------------------------------------------------------------------

    def empty_tree(self) -> str:
        return self.git.out("mktree", input=b"")  # type: ignore[arg-type]

    def diff(self, a: str, b: str) -> list[Change]:
        return _parse_raw(self.git.run("diff-tree", "-r", "-z", "--no-renames", "--raw", a, b).stdout)

    def count(self, changes: list[Change]) -> tuple[team_files.Delta, set[str]]:
        documents = {d for c in changes if (d := team_files.document_of(c.path))}
        if len(changes) > COUNT_LIMIT:
            return team_files.Delta(), documents
        blobs = dict(self.git.blobs(o for c in changes for o in (c.old, c.new) if o))
        total = team_files.Delta()
        for c in changes:
            total += team_files.delta(c.path, blobs.get(c.old or ""), blobs.get(c.new or ""))
        return total, documents


# -------------------------------------------------------------------------------------------------


def sync(store: Store, remote: str | None = None, progress: Progress | None = None) -> SyncReport:
    """Commit this store's changes, take the team's, push; SyncError (one line) when it cannot."""
    say = progress or (lambda _text: None)
    repo = Repo(store.location, store._locked)
    report = SyncReport()
    try:
        check_git()
        if remote is None and not repo.is_repo():
            raise SyncError(
                f"{store.location} is not set up for sync yet: run `reader sync --remote URL` once "
                "(URL: a bare git repository on a shared drive, a server or a hosting service)"
            )
        if remote is None and repo.remote_url() is None:
            raise SyncError(f"{store.location} has no remote: run `reader sync --remote URL` once")
        if remote is not None:
            say(f"checking {remote}")
            report.setup = repo.set_up(remote, store.annotator)
        with repo.sync_lock():
            repo.clear_stale_locks()
            report.recovered = repo.finish_pending()
            branch = repo.branch()
            say("fetching")
            remote_head = repo.fetch(branch)
            say("committing your changes")
            repo.commit_local(store.annotator, report)
            for attempt in range(PUSH_ATTEMPTS):
                if remote_head is not None:
                    say("merging the team's changes")
                    repo.merge_remote(remote_head, store.annotator, report)
                say("pushing")
                if repo.push(branch, remote_head, report):
                    break
                report.retries += 1
                time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
                say(f"another annotator pushed first; fetching again (try {attempt + 2})")
                remote_head = repo.fetch(branch)
            else:
                raise SyncError(f"the push lost {PUSH_ATTEMPTS} races in a row; run reader sync again")
            repo.housekeeping()
    except GitError as exc:
        raise SyncError(str(exc)) from None
    except OSError as exc:
        raise SyncError(f"{store.location}: {exc.strerror or exc}") from None
    if report.documents:  # the local summary index: rebuilt for what arrived, now, not at next open
        store.refresh([f"sha256:{d}" for d in sorted(report.documents)])
    return report


def _parse_raw(raw: bytes) -> list[Change]:
    """`git diff-tree/diff-index -z --raw` output as changes."""
    fields = raw.split(b"\0")
    out: list[Change] = []
    for i in range(0, len(fields) - 1, 2):
        meta = fields[i].decode()
        if not meta.startswith(":"):
            break
        old_mode, new_mode, old, new, _status = meta[1:].split()
        path = fields[i + 1].decode("utf-8", "surrogateescape")
        gone, absent = set(new) == {"0"}, set(old) == {"0"}
        out.append(
            Change(path, None if absent else old, None if gone else new, old_mode if gone else new_mode)
        )
    return out


def _default_branch(heads: dict[str, str]) -> str:
    named = heads.get("HEAD")
    if named and named in heads:
        return named
    if DEFAULT_BRANCH in heads:
        return DEFAULT_BRANCH
    branches = sorted(k for k in heads if k != "HEAD")
    return branches[0] if branches else DEFAULT_BRANCH


def _why(exc: Exception) -> str:
    text = str(exc)
    return text.split(": ", 1)[1] if text.startswith("git ") and ": " in text else text


def _refusal(output: str) -> str:
    """Why a push was refused, from `git push --porcelain`: the remote's words and git's reason."""
    said = [
        line[7:].strip() for line in output.splitlines() if line.startswith("remote:") and line[7:].strip()
    ]
    why = [line.split("\t")[-1].strip(" []()") for line in output.splitlines() if line.startswith("!\t")]
    text = "; ".join(dict.fromkeys([*why, *said])) or reason(output)
    return " ".join(text.split())[:300]


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in name) or "annotator"
