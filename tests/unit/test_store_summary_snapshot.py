"""The summary snapshot (`.local/summary.marshal`): a new Store starts from it, and what changed since it
was written (another process's writes, a file sync, a folder gone, a damaged or foreign snapshot) still
shows: the summary always equals the one rebuilt from the annotator files alone."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from annotations import DocumentRef, Store

PROJECT = Path(__file__).resolve().parents[2]
SNAPSHOT = Path(".local") / "summary.marshal"


def doc(n: int) -> DocumentRef:
    text = f"Document {n}. The minister said it would rain. Prices rose {n}% in May. Nobody knows.\n"
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), f"news/{n:03d}.txt", text)


def facts(summary: dict) -> dict:
    return {
        d: (s.path, s.annotations, s.orphans, list(s.spans), s.annotators, s.finished)
        for d, s in summary.items()
    }


def rebuilt(folder: Path, scratch: Path) -> dict:
    """The summary of a copy of the store whose local index and snapshot are gone: from the files alone."""
    copy = scratch / "rebuilt"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".local"))
    with Store.open(copy, annotator="nobody") as fresh:
        return facts(fresh.summary())


def tagged_store(folder: Path, annotator: str, docs: range) -> None:
    with Store.open(folder, annotator=annotator) as s:
        for n in docs:
            s.toggle(doc(n), "claim", 0, 8)
        s.summary()  # a process that read the summary leaves the snapshot at close


def test_a_new_store_starts_from_the_snapshot_and_sees_every_change_made_since(tmp_path: Path) -> None:
    st = tmp_path / "st"
    tagged_store(st, "bob", range(1, 3))
    tagged_store(st, "alice", range(12))
    time.sleep(0.06)  # the snapshot's pass begins well after the last write: its folder stamp is trusted
    with Store.open(st, annotator="alice") as s:
        s.summary()
    snapshot = st / SNAPSHOT
    written = snapshot.stat().st_mtime_ns

    # Another process appends to bob's files (no folder's mtime moves; only index shards are replaced)
    # and never reads the summary: the snapshot is left as it was.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from tests.unit.test_store_summary_snapshot import doc; from annotations import Store;"
        "s = Store.open(sys.argv[2], annotator='bob'); s.toggle(doc(1), 'fact', 10, 20);"
        "s.set_finished(doc(2)); s.close()"
    )
    subprocess.run([sys.executable, "-c", script, str(PROJECT), str(st)], check=True, cwd=PROJECT)
    assert snapshot.stat().st_mtime_ns == written
    with Store.open(st, annotator="alice") as again:
        seen = facts(again.summary())
    assert seen == rebuilt(st, tmp_path)
    assert seen[doc(1).id][1] == 3 and seen[doc(2).id][5] == ("bob",)

    # A file sync brings carol's file of document 3 (by rename, as rsync and git do) and a document of
    # hers this store has never seen, and takes a document folder away.
    tagged_store(tmp_path / "carol", "carol", range(3, 4))
    tagged_store(tmp_path / "carol", "carol", range(30, 31))
    for n in (3, 30):
        source = next((tmp_path / "carol" / "docs").glob(f"{doc(n).id[7:]}/*.jsonl"))
        target = st / "docs" / doc(n).id[7:] / source.name
        target.parent.mkdir(exist_ok=True)
        tmp = target.with_name(".incoming.tmp")
        tmp.write_bytes(source.read_bytes())
        os.replace(tmp, target)
    shutil.rmtree(st / "docs" / doc(5).id[7:])
    with Store.open(st, annotator="alice") as again:
        seen = facts(again.summary())
    assert seen == rebuilt(st, tmp_path)
    assert seen[doc(3).id][4] == ("alice", "carol") and doc(30).id in seen and doc(5).id not in seen
    assert snapshot.stat().st_mtime_ns != written  # brought up to date by the stores that read it


def test_with_the_index_folder_as_the_snapshot_saw_it_no_shard_is_read(tmp_path: Path) -> None:
    """Shards are only ever replaced by rename, which moves the index folder's mtime: while it stays, the
    snapshot alone is the summary. A shard changed in place (which no writer does) shows the path taken;
    once anything is renamed into the folder, every shard's stamp is checked and the change is seen."""
    st = tmp_path / "st"
    tagged_store(st, "alice", range(8))
    time.sleep(0.06)  # a folder mtime is trusted only by a pass that began well after it
    with Store.open(st, annotator="alice") as first:
        before = facts(first.summary())
    shard = st / ".local" / "index" / f"{doc(3).id[7:10]}.json"
    data = json.loads(shard.read_bytes())
    data["documents"][doc(3).id]["annotations"] = 99
    with open(shard, "r+b") as f:  # in place: the folder's mtime stays
        f.write(json.dumps(data).encode())
        f.truncate()
    with Store.open(st, annotator="alice") as second:
        assert facts(second.summary()) == before
    (st / ".local" / "index" / ".x.tmp").write_bytes(b"")
    os.replace(st / ".local" / "index" / ".x.tmp", st / ".local" / "index" / ".y.tmp")
    with Store.open(st, annotator="alice") as third:
        assert third.summary()[doc(3).id].annotations == 99


def test_a_damaged_truncated_or_foreign_snapshot_is_ignored(tmp_path: Path) -> None:
    st, other = tmp_path / "st", tmp_path / "other"
    tagged_store(st, "alice", range(6))
    tagged_store(other, "bob", range(4, 9))
    good = (st / SNAPSHOT).read_bytes()
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0xFF
    for payload in (b"", good[: len(good) // 2], bytes(damaged), b"not a snapshot at all",
                    (other / SNAPSHOT).read_bytes()):  # fmt: skip
        (st / SNAPSHOT).write_bytes(payload)
        with Store.open(st, annotator="alice") as s:
            assert facts(s.summary()) == rebuilt(st, tmp_path)


def test_a_copy_of_the_store_with_its_snapshot_then_changed_shows_its_own_changes(tmp_path: Path) -> None:
    st = tmp_path / "st"
    tagged_store(st, "alice", range(5))
    copy = tmp_path / "copy"
    shutil.copytree(st, copy)  # a backup restored, or a second machine set up by copying (mtimes kept)
    with Store.open(copy, annotator="alice") as s:
        s.toggle(doc(0), "fact", 10, 20)
    with Store.open(copy, annotator="alice") as s:
        assert facts(s.summary()) == rebuilt(copy, tmp_path)
        assert s.summary()[doc(0).id].annotations == 2
