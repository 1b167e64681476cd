"""Bringing the team's commits into the store's files: a fast-forward or a merge commit made from git
objects alone (`git merge-tree --write-tree`), conflicts only where one annotator name tagged on two
machines (resolved by the store's merge), then the changed files written here, each whole, under the
store's lock, with a marker that lets a killed sync finish the same merge next time."""

from __future__ import annotations

import contextlib
import json
import os
from collections import defaultdict
from pathlib import Path

from annotations import team_files
from annotations.gitrepo import GitError, blob_id, temporary_index
from annotations.storage import atomic_write_many, fsync_dir
from annotations.store.changed import ChangeLog
from annotations.store.layout import LOCAL
from annotations.sync.repo import BULK, CHUNK, COUNT_LIMIT, PENDING, ZERO, Repo, _why
from annotations.sync.report import Change, SyncError, SyncReport


def finish_pending(repo: Repo) -> bool:
    """Complete a merge that a killed sync had started writing; True if there was one."""
    marker = repo.dot_git / PENDING
    try:
        pending = json.loads(marker.read_text("utf-8"))
        old, new = pending["old"], str(pending["new"])
    except FileNotFoundError:
        return False
    except (ValueError, KeyError, TypeError):
        marker.unlink()
        return False
    head = repo.head()
    if head in (old, new) and repo.git.commit_of(new):
        with repo.hold():
            apply(repo, old, new, SyncReport())
        return True
    marker.unlink()
    return False


def merge_remote(repo: Repo, remote: str, annotator: str, report: SyncReport) -> None:
    """Bring the remote's commits in: a fast-forward, or a merge commit made from objects alone."""
    head = repo.head()
    if head == remote or (head and repo.git.ok("merge-base", "--is-ancestor", remote, head)):
        return
    if head is None or repo.git.ok("merge-base", "--is-ancestor", head, remote):
        target = remote
    else:
        target = _merge_commit(repo, head, remote, annotator, report)
    changes = repo.diff(head or repo.empty_tree(), target)
    incoming = [c for c in changes if c.path not in report.merged]
    delta_by: dict[str, team_files.Delta] = defaultdict(team_files.Delta)
    docs_by: dict[str, set[str]] = defaultdict(set)
    if len(incoming) <= COUNT_LIMIT:
        blobs = dict(repo.git.blobs(o for c in incoming for o in (c.old, c.new) if o))
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
    with repo.hold():
        if repo.git.commit_of("HEAD") != head:
            raise SyncError("the store's repository changed during the sync (a git command run by hand?)")
        apply(repo, head, target, report, changes)


def _merge_commit(repo: Repo, head: str, remote: str, annotator: str, report: SyncReport) -> str:
    done = repo.git.run(
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
        tree = _resolve(repo, tree, stages, report)
    message = f"{annotator}: merge the team's changes"
    return repo.git.out("commit-tree", tree, "-p", head, "-p", remote, "-m", message)


def _resolve(repo: Repo, tree: str, stages: dict[str, dict[int, tuple[str, str]]], report: SyncReport) -> str:
    """Each conflicted file as one: two versions of an annotator's file merged, else ours kept."""
    blobs = dict(repo.git.blobs(oid for s in stages.values() for _, oid in s.values()))
    lines: list[str] = []
    for path, by_stage in sorted(stages.items()):
        base, ours, theirs = by_stage.get(1), by_stage.get(2), by_stage.get(3)
        if ours and theirs and team_files.is_annotator_file(path):
            data = team_files.merge(blobs[base[1]] if base else None, blobs[ours[1]], blobs[theirs[1]])
            oid = repo.git.out("hash-object", "-w", "--stdin", input=data)  # type: ignore[arg-type]
            lines.append(f"{ours[0]} {oid}\t{path}")
            report.merged.append(path)
        elif ours or theirs:  # deleted on one side: keep the other, nothing is dropped
            mode, oid = ours or theirs  # type: ignore[misc]
            lines.append(f"{mode} {oid}\t{path}")
            if ours and theirs:
                report.kept_ours.append(path)
    with temporary_index(repo.git, "reader-sync-index") as env:
        repo.git.run("read-tree", tree, env=env)
        repo.git.run("update-index", "-z", "--index-info", input="\0".join(lines).encode() + b"\0", env=env)
        return repo.git.out("write-tree", env=env)  # type: ignore[arg-type]


def apply(
    repo: Repo, old: str | None, new: str, report: SyncReport, changes: list[Change] | None = None
) -> None:
    """Make the files, the index and HEAD say `new` (under the store's lock; idempotent).

    A file is replaced only where it still holds `old`'s version; where this machine changed it
    since (a tag made during the sync), its annotator's two versions are merged instead.
    """
    marker = repo.dot_git / PENDING
    if not marker.exists():
        payload = json.dumps({"old": old, "new": new}).encode()
        atomic_write_many([(marker, payload)], backup=False)
    if changes is None:  # else the caller's diff of the same two commits (0.1-0.3 s at 30,000 folders)
        changes = repo.diff(old or repo.empty_tree(), new)
    bulk = len(changes) > BULK  # joining a big team store: one sync(2), not a fsync per file
    for first in range(0, len(changes), CHUNK):  # a chunk's blobs in memory at a time
        _write(repo, changes[first : first + CHUNK], report, durable=not bulk)
    if bulk:
        os.sync()
    info = [f"{c.mode} {c.new}\t{c.path}" if c.new else f"0 {ZERO}\t{c.path}" for c in changes]
    if info:
        repo.git.run("update-index", "-z", "--index-info", input="\0".join(info).encode() + b"\0")
    repo.git.run("update-ref", "-m", "reader sync: merge", "HEAD", new)
    repo.moved_to(new)
    marker.unlink()


def _write(repo: Repo, changes: list[Change], report: SyncReport, *, durable: bool) -> None:
    blobs = dict(repo.git.blobs(o for c in changes for o in (c.old, c.new) if o))
    log = ChangeLog(repo.location, repo.location / LOCAL)
    writes: list[tuple[Path, bytes]] = []
    gone: list[Path] = []
    for c in changes:
        file = repo.location / c.path
        try:
            current: bytes | None = file.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            current = None
        have = blob_id(current, repo.algorithm) if current is not None else None
        if have is not None and have not in (c.old, c.new):  # changed here since: kept or merged, so it
            log.note(file)  # differs from what the index will say; the next sync commits it
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
