"""A format-1 store (tests/data/store-format-1, written by the release at 56276fd) is migrated to
format 2 on first open: everything kept, a backup left, idempotent, and safe when killed and rerun."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations import DocumentRef, Store
from annotations.store.layout import LOCAL_PATTERNS

PROJECT = Path(__file__).resolve().parents[2]
FIXTURE = PROJECT / "tests" / "data" / "store-format-1"
FIRST = (
    "Minsk, Belarus\n"
    "The minister said “we will not attack first.” Prices rose 5% in May.\n"
    "Nobody knows what comes next, analysts said.\n"
)
SECOND = "Share this article\nThe central bank raised rates to 9.5% on Tuesday, its governor said.\n"


def ref(text: str, path: str) -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def v1_annotations(folder: Path) -> dict[str, dict]:
    out = {}
    for file in (folder / "docs").glob("*.json"):
        for r in json.loads(file.read_bytes()).get("annotations", {}).values():
            out[r["id"]] = r
    return out


# The store's own .gitignore patterns that name files (temp files, set-aside copies): a writer killed
# between its temp file and the rename leaves one, kept until it is TEMP_AGE old and then swept.
LOCAL_NAMES = [p for p in LOCAL_PATTERNS if "/" not in p]


def tree(folder: Path) -> dict[str, bytes]:
    """Every synced file of a store (what git would hold: not what the store's .gitignore leaves out),
    by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not str(p.relative_to(folder)).startswith((".local", "backup-format-1"))
        and not any(fnmatch.fnmatchcase(p.name, pattern) for pattern in LOCAL_NAMES)
    }


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(FIXTURE, target)
    return target


def test_a_format_1_store_is_migrated_once_with_everything_kept(old_store: Path) -> None:
    before = v1_annotations(old_store)
    first, second = ref(FIRST, "news/first.txt"), ref(SECOND, "news/second.txt")
    with Store.open(old_store, annotator="alice") as alice:
        assert alice.migrated == (
            f"migrated the store at {old_store} to format 2: 2 documents, 5 annotations; "
            f"the old files are kept in {old_store / 'backup-format-1'}"
        )
        got = {a.id: a for d in (first.id, second.id) for a in alice.annotations(d)}
        assert set(got) == set(before)
        for a in got.values():
            assert a.to_json() == before[a.id]  # every field, path and document id included
        claim = next(a for a in got.values() if a.label == "claim" and a.annotator == "alice")
        assert (claim.note, claim.verdict) == ("check the source", "unproven")
        assert next(a for a in got.values() if a.label == "quote" and a.annotator == "alice").speaker
        assert alice.line_overrides(first.id) == {"Minsk, Belarus": False}
        assert alice.dismissed_suggestions(first.id) == {("claim", 0, 14)}
        summary = alice.summary()
        assert summary[first.id].annotators == ("alice", "bob") and summary[second.id].annotations == 1
        # alice's undo history came along: her last step on the first document was the override
        assert alice.undo(first.id) == "undid mark line as boilerplate"
        assert alice.redo(second.id) == "redid tag fact 19-67"  # the redo step left in format 1
    with Store.open(old_store, annotator="bob") as bob:
        assert bob.migrated is None  # once only
        assert bob.undo(second.id) == "undid mark line as boilerplate"
        assert bob.line_overrides(second.id) == {}
    assert json.loads((old_store / "store.json").read_text())["version"] == 2
    assert sorted(p.name for p in (old_store / "docs").iterdir() if p.is_file()) == []
    assert not (old_store / "paths").exists()
    assert v1_annotations(old_store / "backup-format-1") == before
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stats", "--store", str(old_store), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["annotations"] == 6  # the 5 migrated and the fact alice redid


def test_the_cli_prints_the_migration_line_once(old_store: Path) -> None:
    def stats() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reader", "stats", "--store", str(old_store)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT)},
            timeout=60,
        )

    first, again = stats(), stats()
    assert first.returncode == again.returncode == 0, first.stderr
    assert first.stderr.splitlines() == [
        f"reader: migrated the store at {old_store} to format 2: 2 documents, 5 annotations; "
        f"the old files are kept in {old_store / 'backup-format-1'}"
    ]
    assert again.stderr == ""


MIGRATE = """
import sys
from annotations import Store
Store.open(sys.argv[1], annotator="alice").close()
print("done", flush=True)
"""


def test_sigkill_during_migration_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(FIXTURE, clean)
    Store.open(clean, annotator="alice").close()
    expected = tree(clean)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    killed_mid_way = 0
    for n, delay in enumerate([0.0, 0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4]):
        target = tmp_path / f"killed{n}"
        shutil.copytree(FIXTURE, target)
        child = subprocess.Popen(
            [sys.executable, "-c", MIGRATE, str(target)], env=env, stdout=subprocess.PIPE
        )
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if (
            child.returncode == -signal.SIGKILL
            and json.loads((target / "store.json").read_text())["version"] == 1
        ):
            killed_mid_way += 1
        with Store.open(target, annotator="alice") as store:  # the rerun
            assert store.problems() == []
        assert tree(target) == expected, f"kill after {delay} s"
        assert v1_annotations(target / "backup-format-1") == v1_annotations(FIXTURE)
    assert killed_mid_way >= 1  # some kill really landed before the commit


def test_an_old_shared_history_is_given_to_whoever_made_each_step(old_store: Path) -> None:
    """Before per-annotator histories one shared history was kept: migration gives each step to the
    annotator whose annotations it holds."""
    file = next(p for p in (old_store / "docs").glob("*.json") if b"news/first.txt" in p.read_bytes())
    data = json.loads(file.read_bytes())
    steps = [s for row in data["history"].values() for s in row["undo"]]
    for s in steps:
        s.pop("annotator", None)
    data["history"] = {"1": {"undo": steps, "redo": []}}
    file.write_text(json.dumps(data))
    first = ref(FIRST, "news/first.txt")
    with Store.open(old_store, annotator="bob") as bob:
        assert bob.undo(first.id) == "undid tag quote 33-60"
        assert bob.undo(first.id) is None
        assert {a.annotator for a in bob.annotations(first.id)} == {"alice"}
