"""`reader sync` commits the files the store listed as changed (.local/sync-changed), no tree scan.

Real git (a bare repository as the remote, file URL), real processes, SIGKILL at the two moments the
list's order matters: between noting a file and writing it, and between the commit and clearing the
list. After each, a rerun loses nothing and `git status` is clean.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations.store.changed import LOG, SCANNED, TAKEN
from tests.unit.test_sync import DOCS, PROJECT, SPANS, assert_union, ok, sync, tag, team, url

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
__all__ = ["team"]  # the fixture, used by name


def git(store: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=store, capture_output=True, text=True, check=True).stdout


def committed_files(store: Path) -> set[str]:
    return set(git(store, "show", "--name-only", "--format=", "HEAD").split())


def listed(store: Path) -> set[str]:
    return {p for p in (store / ".local" / LOG).read_text().split("\n") if p}


def file_of(doc_index: int, annotator: str) -> str:
    return f"docs/{DOCS[doc_index].id.removeprefix('sha256:')}/{annotator}.jsonl"


def test_tags_then_sync_commits_exactly_them(team: Path, tmp_path: Path) -> None:
    a = tmp_path / "a"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))  # the first sync scans the tree and starts the list
    assert listed(a) == set()
    made |= set(tag(a, "alice", DOCS[1], SPANS[:3])) | set(tag(a, "alice", DOCS[2], SPANS[:1]))
    assert listed(a) == {file_of(1, "alice"), file_of(2, "alice")}  # each file once, for four writes
    assert "sent +4 tags in 2 documents" in ok(sync(a, "alice"))
    assert committed_files(a) == {file_of(1, "alice"), file_of(2, "alice")}
    assert listed(a) == set() and not (a / ".local" / TAKEN).exists()
    assert_union([a], made)


def test_files_changed_by_hand_are_seen_by_full_and_by_the_safety_nets(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    made |= set(tag(b, "bob", DOCS[0], SPANS[5:7])) | set(tag(b, "bob", DOCS[1], SPANS[5:6]))
    # A plain file copy brings bob's files into a, beside git: reader did not write them.
    for name in (file_of(0, "bob"), file_of(1, "bob")):
        (a / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(b / name, a / name)
    assert ok(sync(a, "alice")) == "sync: up to date: nothing to send or receive"  # not listed: not seen
    assert git(a, "status", "--porcelain")  # there, uncommitted
    assert "sent +3 tags in 2 documents" in ok(sync(a, "alice", "--full"))
    assert_union([a], made)
    # The list gone (a migration, a recovery, .local/ deleted): the next sync scans everything.
    made |= set(tag(b, "bob", DOCS[2], SPANS[:1]))
    (a / file_of(2, "bob")).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(b / file_of(2, "bob"), a / file_of(2, "bob"))
    (a / ".local" / LOG).unlink()
    assert "sent +1 tags in 1 document" in ok(sync(a, "alice"))
    assert_union([a], made)
    # A day after the last full scan, a sync scans everything again.
    made |= set(tag(b, "bob", DOCS[2], SPANS[1:2]))
    shutil.copy2(b / file_of(2, "bob"), a / file_of(2, "bob"))
    old = time.time() - 2 * 24 * 3600
    os.utime(a / ".local" / SCANNED, (old, old))
    assert "sent +1 tags in 1 document" in ok(sync(a, "alice"))
    assert_union([a], made)


def run_killed(store: Path, annotator: str, code: str) -> None:
    """Run `code` in a child process on `store`; it must die by SIGKILL (which the code arranges)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "READER_ANNOTATOR": annotator}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_sigkill_between_noting_a_file_and_writing_it(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    run_killed(
        a,
        "alice",
        f"""
import os, signal
from annotations.store import Store
from annotations.store.files import Files
from tests.unit.test_sync import DOCS
Files.write = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # noted, then killed before the write
with Store.open({str(a)!r}, annotator="alice") as s:
    s.toggle(DOCS[0], "claim", 200, 233)
""",
    )
    assert listed(a) == {file_of(0, "alice")}  # listed, though the file did not change
    assert ok(sync(a, "alice")) == "sync: up to date: nothing to send or receive"
    made |= set(tag(a, "alice", DOCS[0], SPANS[6:8]))  # the tag again, now written
    assert "sent +2 tags in 1 document" in ok(sync(a, "alice"))
    ok(sync(b, "bob", "--remote", url(team)))
    assert_union([a, b], made)


def test_sigkill_between_the_commit_and_clearing_the_list(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    made |= set(tag(a, "alice", DOCS[1], SPANS[:3]))
    run_killed(
        a,
        "alice",
        f"""
import os, signal
from annotations.store import Store, changed
from annotations.sync import sync
real = changed.committed
def committed(local, *, scanned=False):
    if os.path.exists(os.path.join(local, {TAKEN!r})):
        os.kill(os.getpid(), signal.SIGKILL)  # the commit is recorded, the list not yet cleared
    real(local, scanned=scanned)
changed.committed = committed
with Store.open({str(a)!r}, annotator="alice") as s:
    sync(s)
""",
    )
    assert (a / ".local" / TAKEN).exists()
    made |= set(tag(a, "alice", DOCS[2], SPANS[:1]))  # a tag after the kill: in the new list
    line = ok(sync(a, "alice"))
    assert "sent +4 tags in 2 documents" in line  # the killed sync's commit went out with this one
    assert not (a / ".local" / TAKEN).exists() and listed(a) == set()
    ok(sync(b, "bob", "--remote", url(team)))
    assert_union([a, b], made)


def test_packing_the_loose_objects_keeps_every_object(team: Path, tmp_path: Path) -> None:
    from contextlib import nullcontext

    from annotations.sync.repo import Repo

    a = tmp_path / "a"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2])) | set(tag(a, "alice", DOCS[1], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    loose = dict(line.split(": ") for line in git(a, "count-objects", "-v").splitlines())
    assert int(loose["count"]) > 0
    Repo(a, nullcontext).pack_loose()
    counts = dict(line.split(": ") for line in git(a, "count-objects", "-v").splitlines())
    assert int(counts["count"]) == 0 and int(counts["in-pack"]) >= int(loose["count"])
    git(a, "fsck", "--connectivity-only", "--no-dangling")  # raises when an object went missing
    made |= set(tag(a, "alice", DOCS[2], SPANS[:1]))
    assert "sent +1 tags in 1 document" in ok(sync(a, "alice"))
    assert_union([a], made)
