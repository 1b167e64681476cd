"""merge_versions: one annotator name used on two machines; two versions of its file become one."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from annotations import DocumentRef, Store
from annotations.store.journal import parse
from annotations.store.merge import merge_versions, merge_with_stats

TEXT = "The minister said we will not attack first. Prices rose 5% in May. Nobody knows what comes next.\n"
DOC = DocumentRef("sha256:" + hashlib.sha256(TEXT.encode()).hexdigest(), "news/a.txt", TEXT)


def alice_file(store_dir: Path) -> Path:
    return next((store_dir / "docs").rglob("alice.jsonl"))


def state(data: bytes):
    return parse(Path("x"), data)[0]


def test_two_machines_under_one_name_merge_by_uuid_newer_wins_deletions_kept(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    with Store.open(one, annotator="alice") as s:
        kept = s.toggle(DOC, "claim", 0, 10)
        edited = s.toggle(DOC, "fact", 45, 66)
        deleted = s.toggle(DOC, "quote", 20, 30)
    shutil.copytree(one, two)
    base = alice_file(one).read_bytes()
    with Store.open(one, annotator="alice") as s:
        s.update(DOC, edited.id, note="newer on one")
        ours_new = s.toggle(DOC, "claim", 67, 80)
        s.toggle(DOC, "quote", 20, 30)  # deleted on one
    with Store.open(two, annotator="alice") as s:
        theirs_new = s.toggle(DOC, "fact", 0, 10)
        s.toggle(DOC, "claim", 67, 80)  # the same tag made on both machines
    ours, theirs = alice_file(one).read_bytes(), alice_file(two).read_bytes()
    merged, stats = merge_with_stats(base, ours, theirs)
    got = state(merged)
    ids = set(got.annotations)
    assert {kept.id, edited.id, theirs_new.id} <= ids and deleted.id not in ids
    assert got.annotations[edited.id]["note"] == "newer on one"
    same_tag = [
        u for u, r in got.annotations.items() if (r["start"], r["end"], r["label"]) == (67, 80, "claim")
    ]
    assert (
        stats.duplicates == 1 and len(same_tag) == 1 and (ours_new.id in ids) == (same_tag == [ours_new.id])
    )
    assert state(merge_versions(base, theirs, ours)).annotations == got.annotations  # order does not matter
    assert state(merge_versions(None, ours, theirs)).annotations.keys() == ids  # tombstones suffice
    # the merged file is a valid store file: put it in place and read it
    alice_file(one).write_bytes(merged)
    with Store.open(one, annotator="alice") as s:
        assert {a.id for a in s.annotations(DOC.id)} == ids


def test_a_torn_last_line_is_ignored_by_the_merge(tmp_path: Path) -> None:
    with Store.open(tmp_path / "st", annotator="alice") as s:
        a = s.toggle(DOC, "claim", 0, 10)
    data = alice_file(tmp_path / "st").read_bytes()
    torn = data + b'{"seq": 2, "at": "2026-'
    assert set(state(merge_versions(None, torn, data)).annotations) == {a.id}
