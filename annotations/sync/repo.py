"""The store folder as a git repository: setting it up, the locks, committing this machine's files,
fetching and pushing, and reading what changed. Bringing the team's commits into the files is
merging.py's; the order of the steps is run.py's."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from annotations import team_files
from annotations.gitrepo import NETWORK_TIMEOUT, Git, GitError, reason
from annotations.storage import atomic_write_many
from annotations.store import changed
from annotations.store.layout import LOCAL, LOCAL_PATTERNS
from annotations.sync.report import Change, SyncError, SyncReport, parse_raw, tags_text

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


class Repo:
    """The store folder as a git repository: what a sync asks of git, one method each."""

    def __init__(self, location: Path, hold: Callable[[], contextlib.AbstractContextManager[None]]) -> None:
        self.location = location.resolve()
        self.git = Git(self.location)
        self.hold = hold  # the store's lock: held while files of the store are written
        self.algorithm = "sha1"  # of the repository's object ids (blob_id computes them)
        self._head: object = _UNKNOWN
        # (parent, commit, changed files, delta, documents) of this sync's own commit: what a push of
        # it alone sends, already counted (a second diff and read of the blobs saved)
        self._made: tuple[str | None, str, int, team_files.Delta, set[str]] | None = None

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

    def moved_to(self, commit: str) -> None:
        """HEAD was moved to `commit` (by merging.apply)."""
        self._head = commit

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
        self.settle_index()
        exclude = self.dot_git / "info" / "exclude"
        exclude.parent.mkdir(parents=True, exist_ok=True)
        text = exclude.read_text("utf-8") if exclude.exists() else ""
        missing = [p for p in LOCAL_ONLY if p not in text.splitlines()]
        if missing:
            header = "" if "# reader" in text else "# reader: files of this machine only\n"
            exclude.write_text(text + header + "\n".join(missing) + "\n", "utf-8")

    def settle_index(self) -> None:
        """Index format 4 (paths prefix-compressed: 48 -> 26 MB at 300,000 files; each sync reads and
        writes the index 2-3 times, 20% faster measured). Set once; read from .git/config, no process."""
        try:
            text = (self.dot_git / "config").read_text("utf-8", "replace")
        except OSError:
            return
        if "[index]" not in text:
            self.git.run("config", "--local", "index.version", "4")  # for an index made anew
            if (self.dot_git / "index").exists():
                self.git.run("update-index", "--index-version", "4")  # and the one there is

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

    def housekeeping(self) -> None:
        """Pack loose objects once there are many (each sync adds a few hundred; the first, every file),
        and fold the packs into one once there are many: what `git gc --auto` does, at a moment we pick."""
        counts = dict(
            line.split(": ", 1) for line in self.git.out("count-objects", "-v").splitlines() if ": " in line
        )
        if int(counts.get("count", 0)) > LOOSE_LIMIT:
            self.pack_loose()
        if int(counts.get("packs", 0)) > PACK_LIMIT:
            self.git.run("repack", "-a", "-d", "-q")
            self.git.run("prune-packed", "-q")

    def pack_loose(self) -> None:
        """The loose objects into one pack, named one by one: `git repack -d` finds them by walking
        every commit's tree instead (9-10 s at 300,000 files; this: 1.6 s for 2,200 objects at load 7)."""
        objects = self.dot_git / "objects"
        names: list[str] = []
        for folder in objects.iterdir():
            if len(folder.name) == 2 and folder.is_dir():
                names += [folder.name + f.name for f in folder.iterdir() if _is_hex(f.name)]
        if names:
            base = str(objects / "pack" / "pack")
            self.git.run("pack-objects", "-q", base, input="".join(f"{n}\n" for n in names).encode())
            self.git.run("prune-packed", "-q")

    # -- the steps ----------------------------------------------------------------------------------

    def fetch(self, branch: str) -> str | None:
        try:
            self.git.run("fetch", "-q", "--no-tags", REMOTE)
        except GitError as exc:
            url = self.remote_url() or REMOTE
            raise SyncError(f"cannot reach {url} ({_why(exc)}); the store is unchanged") from None
        return self.remote_head(branch)

    def remote_head(self, branch: str) -> str | None:
        return self.git.commit_of(f"refs/remotes/{REMOTE}/{branch}")

    def commit_local(self, annotator: str, report: SyncReport, *, full: bool = False) -> None:
        """Commit every changed file that is not local-only (this machine's writers' files).

        The files are the ones the store listed as changed since the last sync (.local/sync-changed,
        annotations/store/changed.py), staged without a look at the rest of the work tree; with no
        list (a first sync, after a migration or a recovery) or `full`, the whole tree is scanned.

        Nothing of another annotator's is ever taken away: a file of theirs that is gone here (deleted
        by hand, lost in a crash) is put back from the last commit, and one that cannot be read (cut
        short) is left out of the commit; only this annotator's own files may lose something.
        """
        local = self.location / LOCAL
        with self.hold():  # no store write between taking the list and starting the next one
            listed = changed.take(local)
        head = self.head()
        scan = full or listed is None or not head
        if scan:
            self.git.run("add", "-A", "--", ".")
        elif listed:
            paths = "\0".join(listed).encode("utf-8", "surrogateescape") + b"\0"
            self.git.run("update-index", "--add", "--remove", "-z", "--stdin", input=paths)
        else:
            changed.committed(local)
            return
        # The index's tree beside HEAD's: two trees compare by their unchanged folders' ids, where the
        # index beside HEAD (diff-index) reads every entry (0.5 s at 300,000 files).
        tree = self.git.out("write-tree")
        changes = self.diff(head, tree) if head else self._staged()
        kept = self._guard_others(changes, annotator, report) if changes else []
        if not kept:
            changed.committed(local, scanned=scan)
            return
        if len(kept) < len(changes):  # another annotator's loss was undone in the index
            tree = self.git.out("write-tree")
        delta, documents = self.count(kept)
        message = f"{annotator}: {tags_text(delta, len(documents), len(kept))}"
        args = ["commit-tree", tree, "-m", message]
        if head:
            args += ["-p", head]
        commit = self.git.out(*args)
        self.move_head(commit, head, "commit")
        self._made = (head, commit, len(kept), delta, documents)
        changed.committed(local, scanned=scan)  # only now: a sync killed before it commits the list again

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
        # Read back what changed of theirs (a crash cuts a file it was writing); files new here too,
        # unless they are a whole store's worth (a first sync: 270,000 files would take minutes).
        added = sum(1 for c in others if c.old is None)
        checked = [
            c
            for c in others
            if c.new and team_files.is_annotator_file(c.path) and (c.old or added <= COUNT_LIMIT)
        ]
        blobs = dict(self.git.blobs(c.new for c in checked if c.new))
        undo: list[Change] = []
        kept = list(mine)
        for c in others:
            if c.new is None and c.old is not None:  # gone here: put back
                undo.append(c)
            elif c.new in blobs and not team_files.readable(c.path, blobs[c.new]):
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

    def push(self, branch: str, remote: str | None, report: SyncReport) -> bool:
        """True when pushed (or nothing to push); False when another annotator's push came first.

        What is sent is what the remote lacks: this sync's commit, and one a failed push left behind.
        """
        head = self.head()
        if head is None or remote == head:
            return True
        if self._made and self._made[:2] == (remote, head):
            files, delta, documents = self._made[2:]
        else:
            changes = self.diff(remote or self.empty_tree(), head)
            files, (delta, documents) = len(changes), self.count(changes)
        report.sent, report.sent_documents, report.sent_files = delta, len(documents), files
        done = self.git.run(
            "push",
            "-q",
            "--porcelain",
            REMOTE,
            f"HEAD:refs/heads/{branch}",
            check=False,
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

    def empty_tree(self) -> str:
        return self.git.out("mktree", input=b"")  # type: ignore[arg-type]

    def diff(self, a: str, b: str) -> list[Change]:
        return parse_raw(self.git.run("diff-tree", "-r", "-z", "--no-renames", "--raw", a, b).stdout)

    def count(self, changes: list[Change]) -> tuple[team_files.Delta, set[str]]:
        documents = {d for c in changes if (d := team_files.document_of(c.path))}
        if len(changes) > COUNT_LIMIT:
            return team_files.Delta(), documents
        blobs = dict(self.git.blobs(o for c in changes for o in (c.old, c.new) if o))
        total = team_files.Delta()
        for c in changes:
            total += team_files.delta(c.path, blobs.get(c.old or ""), blobs.get(c.new or ""))
        return total, documents


def _is_hex(name: str) -> bool:
    return len(name) >= 38 and all(c in "0123456789abcdef" for c in name)


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
