"""`reader sync` with real git: a bare repository as the team's remote (file URL), two or three stores.

After every scenario every store holds the union of everyone's annotations exactly once and
`git status` is clean. Real processes throughout: the CLI in a subprocess, SIGKILL mid-sync.
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

from annotations.model import DocumentRef
from annotations.store import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PROJECT = Path(__file__).resolve().parents[2]
TEXT = " ".join(f"Sentence number {n} says something." for n in range(40))
SPANS = [(i * 34, i * 34 + 33) for i in range(40)]
DOCS = [DocumentRef(f"sha256:{n:064x}", f"doc{n}.txt", TEXT) for n in range(1, 4)]


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bare repository; HOME points at an empty folder, so no global git identity exists."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("READER_STORE", raising=False)
    bare = tmp_path / "team.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return bare


def url(bare: Path) -> str:
    return bare.as_uri()


def sync(
    store: Path, annotator: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "PYTHONPATH": str(PROJECT), "READER_ANNOTATOR": annotator, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader", "sync", "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    return lines[0]


def tag(
    store: Path, annotator: str, doc: DocumentRef, spans: list[tuple[int, int]], label: str = "claim"
) -> list[str]:
    with Store.open(store, annotator=annotator) as s:
        return [a.id for span in spans if (a := s.toggle(doc, label, *span)) is not None]


def ids(store: Path) -> list[str]:
    with Store.open(store, annotator="reader-test") as s:
        return sorted(a.id for d in DOCS for a in s.annotations(d.id))


def assert_union(stores: list[Path], expected: set[str]) -> None:
    for store in stores:
        held = ids(store)
        assert len(held) == len(set(held)), f"{store}: an annotation twice"
        assert set(held) == expected, f"{store}: {len(set(held) ^ expected)} differ"
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=store,
            capture_output=True,
            text=True,
            check=True,
        )
        assert status.stdout == "", f"{store}: git status not clean:\n{status.stdout}"


def test_two_annotators_tag_the_same_documents_and_sync(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    mine = tag(a, "alice", DOCS[0], SPANS[:5]) + tag(a, "alice", DOCS[1], SPANS[:2])
    line = ok(sync(a, "alice", "--remote", url(team)))
    assert line.startswith(f"sync: created the team store at {url(team)}; sent +7 tags in 2 documents")
    theirs = tag(b, "bob", DOCS[0], SPANS[3:8], "quote")
    line = ok(sync(b, "bob", "--remote", url(team)))
    assert "joined the team store" in line and "received from alice +7 tags in 2 documents" in line
    more = tag(a, "alice", DOCS[2], SPANS[:1])
    line = ok(sync(a, "alice"))
    assert "sent +1 tags in 1 document" in line and "received from bob +5 tags in 1 document" in line
    line = ok(sync(b, "bob"))
    assert "received from alice +1 tags" in line
    assert ok(sync(a, "alice")) == "sync: up to date: nothing to send or receive"
    assert_union([a, b], set(mine + theirs + more))
    # Identity went into each repository, never into the user's global config.
    assert not (Path(os.environ["HOME"]) / ".gitconfig").exists()
    name = subprocess.run(["git", "config", "--local", "user.name"], cwd=a, capture_output=True, text=True)
    assert name.stdout.strip() == "alice"


def test_an_untag_travels(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = tag(a, "alice", DOCS[0], SPANS[:3])
    ok(sync(a, "alice", "--remote", url(team)))
    ok(sync(b, "bob", "--remote", url(team)))
    tag(a, "alice", DOCS[0], SPANS[:1])  # toggled off
    assert "-1" in ok(sync(a, "alice"))
    ok(sync(b, "bob"))
    assert_union([a, b], set(made[1:]))


def test_three_stores_sync_at_the_same_time(team: Path, tmp_path: Path) -> None:
    stores = [tmp_path / n for n in ("a", "b", "c")]
    names = ["alice", "bob", "carol"]
    made: set[str] = set()
    for store, name in zip(stores, names, strict=True):
        made |= set(tag(store, name, DOCS[0], SPANS[:2]))
    ok(sync(stores[0], names[0], "--remote", url(team)))
    for store, name in zip(stores[1:], names[1:], strict=True):
        ok(sync(store, name, "--remote", url(team)))
    for n, (store, name) in enumerate(zip(stores, names, strict=True)):
        made |= set(tag(store, name, DOCS[n], SPANS[10:20]))
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "reader", "sync", "--store", str(s)],
            env={**env, "READER_ANNOTATOR": name},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s, name in zip(stores, names, strict=True)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    for store, name in zip(stores, names, strict=True):  # each takes what the others pushed after it
        ok(sync(store, name))
    assert_union(stores, made)


def test_a_push_rejected_by_a_race_is_retried(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:1]))
    ok(sync(a, "alice", "--remote", url(team)))
    ok(sync(b, "bob", "--remote", url(team)))
    made |= set(tag(a, "alice", DOCS[1], SPANS[:4])) | set(tag(b, "bob", DOCS[1], SPANS[2:6]))
    # Alice's first push waits until Bob has pushed: hers is rejected, then merged and retried.
    hook = a / ".git" / "hooks" / "pre-push"
    hook.write_text(
        "#!/bin/sh\n"
        f'[ -e "{tmp_path}/raced" ] && exit 0\n'
        f'touch "{tmp_path}/raced"\n'
        f'READER_ANNOTATOR=bob PYTHONPATH="{PROJECT}" "{sys.executable}" -m reader sync '
        f'--store "{b}" >/dev/null\n'
    )
    hook.chmod(0o755)
    line = ok(sync(a, "alice"))
    assert "pushed after 1 race(s) with other annotators" in line
    assert "received from bob +4 tags in 1 document" in line
    hook.unlink()
    ok(sync(b, "bob"))
    assert_union([a, b], made)


def test_one_annotator_name_on_two_machines(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:3]))
    ok(sync(a, "alice", "--remote", url(team)))
    ok(sync(b, "alice", "--remote", url(team)))
    made |= set(tag(a, "alice", DOCS[0], SPANS[5:7])) | set(tag(b, "alice", DOCS[0], SPANS[10:12]))
    ok(sync(a, "alice"))
    line = ok(sync(b, "alice"))
    assert "merged 1 file(s) changed under one annotator name on two machines" in line
    assert "nothing dropped" in line
    ok(sync(a, "alice"))
    assert_union([a, b], made)


def kill_when_files_are_written(store: Path) -> None:
    """A git hook that SIGKILLs the sync once, after it wrote the incoming files and before HEAD moved."""
    hook = store / ".git" / "hooks" / "reference-transaction"
    hook.write_text(
        "#!/bin/sh\n"
        '[ "$1" = prepared ] || exit 0\n'
        "[ -e .git/reader-sync-pending ] || exit 0\n"
        "[ -e .git/killed-once ] && exit 0\n"
        "touch .git/killed-once\n"
        'kill -9 "$SYNC_PID"\n'
        "sleep 5\n"
    )
    hook.chmod(0o755)


def test_sigkill_while_writing_the_merge_then_rerun(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    ok(sync(b, "bob", "--remote", url(team)))
    made |= set(tag(b, "bob", DOCS[0], SPANS[:6])) | set(tag(b, "bob", DOCS[1], SPANS[:6]))
    ok(sync(b, "bob"))
    made |= set(tag(a, "alice", DOCS[2], SPANS[:3]))
    kill_when_files_are_written(a)
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "READER_ANNOTATOR": "alice"}
    done = subprocess.run(
        ["sh", "-c", f'export SYNC_PID=$$; exec "{sys.executable}" -m reader sync --store "{a}"'],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL or done.returncode == 128 + signal.SIGKILL
    assert (a / ".git" / "reader-sync-pending").exists()
    # Killed half-way, the store still opens and reads (every file is old or new, never half).
    assert len(ids(a)) >= 5
    line = ok(sync(a, "alice"))
    assert "finished the sync that was interrupted" in line
    ok(sync(b, "bob"))
    assert_union([a, b], made)


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.8])
def test_sigkill_at_any_moment_then_rerun(team: Path, tmp_path: Path, delay: float) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    ok(sync(b, "bob", "--remote", url(team)))
    made |= set(tag(b, "bob", DOCS[1], SPANS[:10]))
    ok(sync(b, "bob"))
    made |= set(tag(a, "alice", DOCS[2], SPANS[:10]))
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "READER_ANNOTATOR": "alice"}
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "sync", "--store", str(a)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    ok(sync(a, "alice"))
    ok(sync(b, "bob"))
    assert_union([a, b], made)


def test_unreachable_remote_is_one_line_and_the_store_is_untouched(team: Path, tmp_path: Path) -> None:
    a = tmp_path / "a"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2]))
    missing = (tmp_path / "nowhere.git").as_uri()
    done = sync(a, "alice", "--remote", missing)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "cannot reach" in done.stderr and "unchanged" in done.stderr
    assert not (a / ".git").exists()
    ok(sync(a, "alice", "--remote", url(team)))
    moved = team.rename(tmp_path / "away.git")
    made |= set(tag(a, "alice", DOCS[1], SPANS[:2]))
    done = sync(a, "alice")
    assert done.returncode == 2 and "cannot reach" in done.stderr and done.stderr.count("\n") == 1
    assert set(ids(a)) == made  # still usable: reads, and takes tags
    made |= set(tag(a, "alice", DOCS[1], SPANS[5:6]))
    moved.rename(team)
    assert "sent +3 tags in 1 document" in ok(sync(a, "alice"))
    b = tmp_path / "b"
    ok(sync(b, "bob", "--remote", url(team)))
    assert_union([a, b], made)


def test_a_refused_push_is_one_line(team: Path, tmp_path: Path) -> None:
    a = tmp_path / "a"
    tag(a, "alice", DOCS[0], SPANS[:2])
    ok(sync(a, "alice", "--remote", url(team)))
    hook = team / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'read-only today' >&2\nexit 1\n")
    hook.chmod(0o755)
    tag(a, "alice", DOCS[1], SPANS[:2])
    done = sync(a, "alice")
    assert done.returncode == 2 and "refused the push" in done.stderr and done.stderr.count("\n") == 1
    hook.unlink()
    assert "sent +2 tags" in ok(sync(a, "alice"))


def test_without_a_remote_it_says_how_to_set_one_up(team: Path, tmp_path: Path) -> None:
    done = sync(tmp_path / "a", "alice")
    assert done.returncode == 2 and "reader sync --remote URL" in done.stderr


def test_missing_git_is_one_line(team: Path, tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    done = sync(tmp_path / "a", "alice", "--remote", url(team), env={"PATH": str(bin_dir)})
    assert done.returncode == 2
    assert done.stderr.startswith("reader: error: reader sync needs the git command")
    assert "install" in done.stderr and done.stderr.count("\n") == 1


def copy_newer(source: Path, target: Path) -> int:
    """One direction of a plain file sync (as rsync --update or Syncthing): every file missing or older
    on the other side is copied whole, by a temp file and a rename; nothing is merged."""
    copied = 0
    for file in source.rglob("*"):
        if not file.is_file():
            continue
        there = target / file.relative_to(source)
        if there.exists() and there.stat().st_mtime_ns >= file.stat().st_mtime_ns:
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        temp = there.with_name(f".{there.name}.syncing")
        shutil.copy2(file, temp)
        os.replace(temp, there)
        copied += 1
    return copied


def test_a_plain_two_way_file_copy_instead_of_git(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:4])) | set(tag(b, "bob", DOCS[0], SPANS[2:9], "quote"))
    made |= set(tag(b, "bob", DOCS[1], SPANS[:1]))
    with Store.open(a, annotator="alice") as s:
        s.set_finished(DOCS[0])
        assert s.summary()[DOCS[0].id].annotations == 4  # a summary index to go stale
    for _ in range(2):  # both ways, twice: the second round has nothing left to copy
        copy_newer(a, b)
        copy_newer(b, a)
    assert copy_newer(a, b) + copy_newer(b, a) == 0
    for store in (a, b):
        held = ids(store)
        assert len(held) == len(set(held)) and set(held) == made
        with Store.open(store, annotator="carol") as s:
            summary = s.summary()[DOCS[0].id]
            assert (summary.annotations, summary.annotators, summary.finished) == (
                11,
                ("alice", "bob"),
                ("alice",),
            )
    # Tagging goes on in each copy, and the next round brings it over.
    made |= set(tag(b, "bob", DOCS[2], SPANS[:2]))
    copy_newer(b, a)
    assert set(ids(a)) == made


def test_another_annotators_file_lost_here_is_never_taken_from_the_team(team: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    made = set(tag(a, "alice", DOCS[0], SPANS[:2])) | set(tag(a, "alice", DOCS[1], SPANS[:2]))
    ok(sync(a, "alice", "--remote", url(team)))
    made |= set(tag(b, "bob", DOCS[0], SPANS[5:8])) | set(tag(b, "bob", DOCS[1], SPANS[5:8]))
    ok(sync(b, "bob", "--remote", url(team)))
    ok(sync(a, "alice"))
    bobs = sorted((a / "docs").glob("*/bob.jsonl"))
    assert len(bobs) == 2
    bobs[0].unlink()  # deleted by hand
    bobs[1].write_bytes(bobs[1].read_bytes()[:40])  # cut short (a crash of a copy tool)
    made |= set(tag(a, "alice", DOCS[2], SPANS[:1]))
    line = ok(sync(a, "alice", "--full"))  # changed by hand, not by reader: a full look finds them
    assert "sent +1 tags in 1 document" in line
    assert "put back 1 file(s) of other annotators" in line and "left 1 unreadable file(s)" in line
    ok(sync(b, "bob"))
    assert set(ids(b)) == made  # the team lost nothing
    assert bobs[0].exists()
