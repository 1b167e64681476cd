"""Store format 2 on real files: the journal (torn lines, compaction), finished marks, document info,
two saved copies of one text, and files that change behind the store (another process, a sync)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations import DocumentRef, Store
from annotations.store import journal
from annotations.store.layout import decode_name, encode_name

PROJECT = Path(__file__).resolve().parents[2]
TEXT = (
    "Minsk, Belarus\n"
    "The minister said “we will not attack first.” Prices rose 5% in May.\n"
    "Nobody knows what comes next, analysts said.\n"
)


def ref(text: str = TEXT, path: str = "news/a.txt") -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def mine(store: Store, doc: DocumentRef) -> Path:
    return store._layout.annotator_file(doc.id, store.annotator)


@pytest.mark.parametrize("name", ["alice", "Alice", "", "a/../b", ".hidden", "Ёжик 🦔", "x" * 200, "%41"])
def test_annotator_names_are_safe_reversible_file_names(name: str) -> None:
    encoded = encode_name(name)
    assert "/" not in encoded and not encoded.startswith(".") and len(encoded.encode()) <= 200
    assert decode_name(encoded) in (name, None)  # None: a cut name, read from the file instead
    assert encode_name(name.swapcase()) != encoded or name.swapcase() == name


def test_a_torn_last_line_is_ignored_and_cut_by_the_next_write(tmp_path: Path) -> None:
    doc = ref()
    with Store.open(tmp_path / "st", annotator="alice") as s:
        first = s.toggle(doc, "claim", 0, 5)
        with open(mine(s, doc), "ab") as f:
            f.write(b'{"seq": 2, "at": "2026-12-0')  # what a kill in the middle of an append leaves
    with Store.open(tmp_path / "st", annotator="alice") as s:
        assert s.annotations(doc.id) == [first]
        second = s.toggle(doc, "fact", 0, 5)
        assert {a.id for a in s.annotations(doc.id)} == {first.id, second.id}
        lines = mine(s, doc).read_bytes().splitlines()
        assert len(lines) == 2 and b'2026-12-0"' not in lines[1]
        assert s.problems() == []


def test_compaction_rewrites_one_snapshot_and_keeps_everything(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(journal, "COMPACT_MIN", 2_000)
    doc = ref("word " * 400)
    with Store.open(tmp_path / "st", annotator="alice") as s:
        tagged = [s.toggle(doc, "claim", i * 5, i * 5 + 4) for i in range(30)]
        s.set_line_override(doc, "word", False)
        file = mine(s, doc)
        assert file.read_bytes().count(b"\n") < 30  # compacted at least once along the way
        assert file.with_name(file.name + ".bak").exists()  # the previous compaction, for recovery
    with Store.open(tmp_path / "st", annotator="alice") as s:
        assert {a.id for a in s.annotations(doc.id)} == {a.id for a in tagged if a}
        assert s.undo(doc.id) == "undid mark line as boilerplate"
        assert s.undo(doc.id) == "undid tag claim 145-149"  # the history survived compaction
        assert s.problems() == []


def test_finished_marks_are_per_annotator_undoable_and_in_the_summary(tmp_path: Path) -> None:
    doc = ref()
    with (
        Store.open(tmp_path / "st", annotator="alice") as alice,
        Store.open(tmp_path / "st", annotator="bob") as bob,
    ):
        alice.toggle(doc, "claim", *span(TEXT, "Prices rose 5% in May."))
        assert alice.set_finished(doc) is True and alice.set_finished(doc) is False
        assert bob.set_finished(doc) is True  # bob finished it without tagging anything
        assert alice.finished_by(doc.id) == ["alice", "bob"] and alice.is_finished(doc.id)
        entry = bob.summary()[doc.id]
        assert entry.annotators == ("alice",) and entry.finished == ("alice", "bob")
        assert bob.undo(doc.id) == "undid mark document as finished"
        assert bob.finished_by(doc.id) == ["alice"]
        assert alice.set_finished(doc, False) is True
        assert alice.undo(doc.id) == "undid mark document as unfinished"
        assert alice.summary()[doc.id].finished == ("alice",)


def test_finish_from_the_command_line(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")

    def finish(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reader", "finish", *args, "--store", str(tmp_path / "st")],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT), "READER_ANNOTATOR": "carol"},
            timeout=60,
        )

    done = finish(str(article), str(tmp_path / "missing.txt"))
    assert done.returncode == 2
    assert done.stdout == f"finished: {article}\n"
    assert done.stderr == f"reader: error: {tmp_path / 'missing.txt'}: file not found\n"
    assert finish(str(article)).stdout == f"already finished: {article}\n"
    with Store.open(tmp_path / "st") as s:
        assert s.finished_by(ref().id) == ["carol"]
    done = finish(str(article), "--undo", "--annotator", "carol")
    assert (done.returncode, done.stdout) == (0, f"unfinished: {article}\n")
    with Store.open(tmp_path / "st") as s:
        assert s.finished_by(ref().id) == []


def test_document_info_is_kept_for_exports(tmp_path: Path) -> None:
    doc = ref()
    with Store.open(tmp_path / "st", annotator="alice") as s:
        s.note_document(doc, title="Minsk says", date="2026-05-01", relpath="news/a.txt")
        assert not mine(s, doc).exists()  # nothing written before the first change
        s.toggle(doc, "claim", 0, 5)
    with Store.open(tmp_path / "st", annotator="alice") as s:
        assert s.document_info(doc.id) == {
            "path": "news/a.txt",
            "title": "Minsk says",
            "date": "2026-05-01",
            "relpath": "news/a.txt",
        }
        lines = mine(s, doc).read_bytes().count(b"\n")
        s.note_document(doc, title="Minsk says", date="2026-05-01", relpath="news/a.txt")
        assert mine(s, doc).read_bytes().count(b"\n") == lines  # unchanged: nothing written
        s.note_document(doc, title="Minsk says more")
        assert s.document_info(doc.id)["title"] == "Minsk says more"
        assert s.can_undo(doc.id) and s.undo(doc.id) == "undid tag claim 0-5"  # info is not a step
    with Store.open(tmp_path / "st", annotator="bob") as bob:
        assert bob.document_info(doc.id)["title"] == "Minsk says more"  # from alice's file


def test_two_copies_of_one_text_share_it_and_an_edit_of_one_leaves_the_other(tmp_path: Path) -> None:
    one, two = ref(path="saved/one.txt"), ref(path="saved/two.txt")
    with Store.open(tmp_path / "st", annotator="alice") as s:
        kept = s.toggle(one, "fact", *span(TEXT, "Prices rose 5% in May."))
        lost = s.toggle(one, "quote", *span(TEXT, "we will not attack first."))
        s.attach(two)  # the second copy: the same text, so the same annotations
        assert {a.id for a in s.annotations(two.id)} == {kept.id, lost.id}
        edited_text = TEXT.replace("The minister said “we will not attack first.” ", "")
        edited = ref(edited_text, path="saved/one.txt")
        report = s.attach(edited)
        assert report.previous_id == one.id
        # the untouched copy keeps every annotation, ids unchanged
        assert s.attach(two).previous_id is None
        assert {a.id for a in s.annotations(two.id)} == {kept.id, lost.id}
        # the edited copy has a copy (a new id) of what could be placed on its text
        [copied] = s.annotations(edited.id)
        assert copied.id != kept.id and copied.text == kept.text
        assert edited_text[copied.start : copied.end] == kept.text
        assert s.attach(edited).changed is False  # carried over once


def bobs_file(tmp_path: Path, doc: DocumentRef) -> Path:
    """Bob's annotator file for `doc`, tagged on another machine (another store folder)."""
    with Store.open(tmp_path / "other", annotator="bob") as bob:
        bob.toggle(doc, "claim", 0, 5)
        return mine(bob, doc)


def test_a_file_changed_behind_the_store_is_seen(tmp_path: Path) -> None:
    """As after a git pull or an rsync: another machine's file arrives by rename."""
    doc = ref()
    bob_file = bobs_file(tmp_path, doc)
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        alice.toggle(doc, "fact", 0, 5)
        assert alice.summary()[doc.id].annotators == ("alice",)
        before = alice.revision(doc.id)
        target = mine(alice, doc).with_name(bob_file.name)
        tmp = target.with_name(".incoming.tmp")
        tmp.write_bytes(bob_file.read_bytes())
        os.replace(tmp, target)
        assert alice.revision(doc.id) != before
        assert alice.refresh() == [doc.id]
        assert alice.summary()[doc.id].annotators == ("alice", "bob")
        assert {a.annotator for a in alice.annotations(doc.id)} == {"alice", "bob"}


def test_a_summary_without_the_check_is_the_index_as_it_stands(tmp_path: Path) -> None:
    """`summary(check=False)` (the library's quick first look) does not look for files changed behind the
    store, and does not stand in for the check: the next plain summary still does it."""
    doc = ref()
    bob_file = bobs_file(tmp_path, doc)
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        alice.toggle(doc, "fact", 0, 5)
        target = mine(alice, doc).with_name(bob_file.name)
    target.write_bytes(bob_file.read_bytes())  # arrives while no store is open (a git pull)
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        assert alice.summary(check=False)[doc.id].annotators == ("alice",)
        assert alice.summary()[doc.id].annotators == ("alice", "bob")


def test_what_a_window_shows_after_each_change_is_what_a_fresh_read_gives(tmp_path: Path) -> None:
    """The annotation list is kept up to date change by change (not rebuilt), in two windows of one
    annotator: after every tag, untag, undo and redo it equals a fresh store's read."""
    import random

    text = "word " * 400
    doc = ref(text)
    rng = random.Random(7)
    with (
        Store.open(tmp_path / "st", annotator="al") as one,
        Store.open(tmp_path / "st", annotator="al") as two,
    ):
        for _ in range(60):
            who, start, op = rng.choice((one, two)), rng.randrange(0, 1900), rng.random()
            if op < 0.6:
                who.toggle(doc, rng.choice(("claim", "fact")), start, start + rng.randrange(1, 30))
            elif op < 0.8:
                who.undo(doc.id)
            else:
                who.redo(doc.id)
            with Store.open(tmp_path / "st", annotator="al") as fresh:
                assert one.annotations(doc.id) == two.annotations(doc.id) == fresh.annotations(doc.id)


def test_a_store_whose_local_folders_are_gone_rebuilds_them_on_open(tmp_path: Path) -> None:
    """A killed migration once left a set-up store without .local/paths: the rerun's rebuild failed."""
    with Store.open(tmp_path / "s", annotator="alice") as store:
        doc = ref()
        store.toggle(doc, "claim", 0, 10)
    local = tmp_path / "s" / ".local"
    for file in (local / "paths").iterdir():
        file.unlink()
    (local / "paths").rmdir()
    (local / "index" / "built").unlink()
    with Store.open(tmp_path / "s", annotator="alice") as store:
        assert [(a.label, a.start, a.end) for a in store.iter_all()] == [("claim", 0, 10)]
        assert store.document_ids() == [doc.id]


def test_the_index_shard_cache_is_bounded_by_documents(tmp_path: Path, monkeypatch) -> None:
    """A long export reads every document's entry: the cache must not grow with the store."""
    from annotations.store import index as index_module

    monkeypatch.setattr(index_module, "SHARD_CACHE_DOCUMENTS", 3)
    texts = [TEXT + f"Line {n}.\n" for n in range(12)]
    with Store.open(tmp_path / "s", annotator="alice") as store:
        for n, text in enumerate(texts):
            store.toggle(ref(text, f"news/{n}.txt"), "claim", 0, 5)
    with Store.open(tmp_path / "s", annotator="alice") as store:
        assert len(store.document_ids()) == 12
        for n, text in enumerate(texts):
            assert store.document_info(ref(text).id)["path"] == f"news/{n}.txt"
        cached = store._index._shards
        assert 0 < sum(len(entries) for _, entries in cached.values()) == store._index._shard_entries <= 3


def test_the_index_shard_cache_is_bounded_by_bytes(tmp_path: Path, monkeypatch) -> None:
    """Entries of many spans are heavy: a bound on documents alone still let the cache hold megabytes."""
    from annotations.store import index as index_module

    texts = [TEXT + f"Line {n}.\n" + "Word. " * 40 for n in range(12)]
    with Store.open(tmp_path / "s", annotator="alice") as store:
        for n, text in enumerate(texts):
            for start in range(0, 200, 6):
                store.toggle(ref(text, f"news/{n}.txt"), "claim", start, start + 5)
    shard_sizes = [f.stat().st_size for f in (tmp_path / "s" / ".local" / "index").glob("*.json")]
    limit = 3 * max(shard_sizes)
    monkeypatch.setattr(index_module, "SHARD_CACHE_BYTES", limit)
    with Store.open(tmp_path / "s", annotator="alice") as store:
        for n, text in enumerate(texts):
            assert store.annotations(ref(text).id)[0].path == f"news/{n}.txt"
        index = store._index
        held = sum(stamp[2] for stamp, _ in index._shards.values())
        assert 0 < held == index._shard_bytes <= limit
        assert len(index._shards) < 12


def test_the_listing_orders_by_path_and_finds_folders_the_index_lacks(tmp_path: Path) -> None:
    """Documents are listed by path (not id); an id that is not "sha256:<hex>" (a store of another
    origin) is listed once, and a folder whose index shard was lost is still listed."""
    texts = [TEXT + f"Version {n}.\n" for n in range(4)]
    by_id = sorted(texts, key=lambda t: ref(t).id, reverse=True)  # paths in the opposite order
    odd = DocumentRef("custom-id", "news/odd.txt", TEXT)
    with Store.open(tmp_path / "s", annotator="alice") as store:
        for n, text in enumerate(by_id):
            store.toggle(ref(text, f"news/{n}.txt"), "claim", 0, 5)
        store.toggle(odd, "quote", 0, 5)
    expected = [*(ref(t).id for t in by_id), "custom-id"]
    with Store.open(tmp_path / "s", annotator="alice") as store:
        assert store.document_ids() == expected
        lost = {store._layout.index_file(ref(t).id) for t in by_id[1:]}
    assert store._layout.index_file("custom-id") not in lost
    for shard in lost:
        shard.unlink()  # as if the local index had not caught up with files that arrived by sync
    with Store.open(tmp_path / "s", annotator="alice") as store:
        assert store.document_ids() == expected


def test_the_cached_folder_listing_is_packed_and_reads_back_the_same(tmp_path: Path) -> None:
    """The listing of document folders is kept as 32 bytes a name; a stray folder keeps it as text."""
    from annotations.store.layout import FolderNames, Layout

    names = sorted(hashlib.sha256(str(n).encode()).hexdigest() for n in range(40))
    packed = FolderNames(names)
    assert (
        len(packed) == 40 and list(packed) == names and packed[-1] == names[-1] and packed[3:6] == names[3:6]
    )
    layout = Layout(tmp_path)
    for n in names:
        (tmp_path / "docs" / n).mkdir(parents=True)
    time.sleep(0.06)  # a listing taken within 50 ms of the folder's change is not trusted, so not kept
    stem = names[7][:3]
    assert [p.name for p in layout.doc_dirs(stem)] == [n for n in names if n.startswith(stem)]
    assert list(layout.doc_names()) == names and isinstance(layout.doc_names(), FolderNames)
    (tmp_path / "docs" / ("z" * 64)).mkdir()  # not a document folder's name, yet 64 long
    time.sleep(0.06)
    assert list(layout.doc_names()) == [*names, "z" * 64]
    assert [p.name for p in layout.doc_dirs()] == [*names, "z" * 64]
