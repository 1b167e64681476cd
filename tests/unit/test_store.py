"""The store's API on real files: tagging, undo across a reopen, attach, errors, recovery, full disk."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from annotations import DocumentRef, Store, StoreError

TEXT = (
    "Minsk, Belarus\n"
    "The minister said “we will not attack first.” Prices rose 5% in May.\n"
    "Nobody knows what comes next, analysts said.\n"
)


def ref(text: str = TEXT, path: str = "news/a.txt") -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "store", annotator="alice")
    yield s
    s.close()


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_toggle_adds_then_removes_and_computes_text_and_context(store: Store) -> None:
    doc = ref()
    s, e = span(TEXT, "Prices rose 5% in May.")
    a = store.toggle(doc, "fact", s, e)
    assert a is not None
    assert (a.text, a.start, a.end, a.label, a.annotator) == ("Prices rose 5% in May.", s, e, "fact", "alice")
    assert a.prefix == TEXT[s - 32 : s] and a.suffix == TEXT[e : e + 32]
    assert a.created.endswith("+00:00") and a.created == a.modified
    assert store.annotations(doc.id) == [a]
    assert store.toggle(doc, "fact", s, e) is None
    assert store.annotations(doc.id) == []


def test_one_span_can_carry_several_labels_but_not_twice_the_same(store: Store) -> None:
    doc = ref()
    s, e = span(TEXT, "“we will not attack first.”")
    store.toggle(doc, "quote", s, e)
    store.toggle(doc, "claim", s, e)
    again = store.add(doc, "quote", s, e, speaker="the minister")
    labels = [(a.label, a.speaker) for a in store.annotations(doc.id)]
    assert sorted(labels) == [("claim", None), ("quote", "the minister")]
    assert again.speaker == "the minister"


def test_other_annotators_keep_their_own_tags(tmp_path: Path) -> None:
    doc = ref()
    s, e = span(TEXT, "Nobody knows what comes next, analysts said.")
    with (
        Store.open(tmp_path / "st", annotator="alice") as alice,
        Store.open(tmp_path / "st", annotator="bob") as bob,
    ):
        alice.toggle(doc, "claim", s, e)
        bob.toggle(doc, "claim", s, e)
        assert sorted(a.annotator for a in alice.annotations(doc.id)) == ["alice", "bob"]
        assert alice.remove_overlapping(doc, s, s + 1)[0].annotator == "alice"
        assert [a.annotator for a in bob.annotations(doc.id)] == ["bob"]


def test_bad_label_and_span_raise_value_error(store: Store) -> None:
    doc = ref()
    with pytest.raises(ValueError, match="label"):
        store.toggle(doc, "opinion", 0, 4)
    for s, e in ((5, 5), (-1, 3), (0, len(TEXT) + 1), (7, 3)):
        with pytest.raises(ValueError, match="span"):
            store.toggle(doc, "claim", s, e)
    assert store.annotations(doc.id) == []


def test_configurable_labels(tmp_path: Path) -> None:
    with Store.open(tmp_path / "st", labels=("opinion", "data")) as s:
        assert s.labels == ("opinion", "data")
        assert s.toggle(ref(), "opinion", 0, 5) is not None
        with pytest.raises(ValueError):
            s.toggle(ref(), "claim", 0, 5)


def test_update_note_and_speaker(store: Store) -> None:
    doc = ref()
    a = store.toggle(doc, "quote", *span(TEXT, "we will not attack first."))
    b = store.update(doc, a.id, note="check with TASS", speaker="Lukashenko")
    assert (b.id, b.note, b.speaker, b.created) == (a.id, "check with TASS", "Lukashenko", a.created)
    assert b.modified >= a.modified
    assert store.annotations(doc.id) == [b]
    with pytest.raises(ValueError):
        store.update(doc, "nope", note="x")


def test_remove_overlapping_is_one_undo_step(store: Store) -> None:
    doc = ref()
    s, e = span(TEXT, "The minister said “we will not attack first.”")
    store.toggle(doc, "claim", s, e)
    store.toggle(doc, "quote", s + 18, e)
    store.toggle(doc, "fact", *span(TEXT, "Prices rose 5% in May."))
    removed = store.remove_overlapping(doc, s + 20, s + 21)
    assert sorted(a.label for a in removed) == ["claim", "quote"]
    assert [a.label for a in store.annotations(doc.id)] == ["fact"]
    assert store.undo(doc.id) is not None
    assert sorted(a.label for a in store.annotations(doc.id)) == ["claim", "fact", "quote"]


def test_add_many_is_one_write_and_one_undo_step_and_skips_what_is_held(store: Store) -> None:
    doc = ref()
    quote = span(TEXT, "“we will not attack first.”")
    fact = span(TEXT, "Prices rose 5% in May.")
    store.toggle(doc, "fact", *fact)
    added = store.add_many(doc, [("quote", *quote, "The minister"), ("fact", *fact, None)])
    assert [(a.label, a.speaker) for a in added] == [("quote", "The minister")]
    assert sorted(a.label for a in store.annotations(doc.id)) == ["fact", "quote"]
    store.undo(doc.id)
    assert [a.label for a in store.annotations(doc.id)] == ["fact"]
    store.redo(doc.id)
    assert sorted(a.label for a in store.annotations(doc.id)) == ["fact", "quote"]
    with pytest.raises(ValueError):
        store.add_many(doc, [("opinion", *fact, None)])


def test_undo_and_redo_survive_a_reopen(tmp_path: Path) -> None:
    doc = ref()
    s, e = span(TEXT, "Prices rose 5% in May.")
    with Store.open(tmp_path / "st") as first:
        tagged = first.toggle(doc, "fact", s, e)
        first.set_line_override(doc, "Minsk, Belarus", False)
    with Store.open(tmp_path / "st") as second:
        assert second.can_undo(doc.id) and not second.can_redo(doc.id)
        assert "boilerplate" in second.undo(doc.id)
        assert second.line_overrides(doc.id) == {}
        assert "fact" in second.undo(doc.id)
        assert second.annotations(doc.id) == []
        assert second.undo(doc.id) is None
    with Store.open(tmp_path / "st") as third:
        assert third.can_redo(doc.id)
        third.redo(doc.id)
        assert third.annotations(doc.id) == [tagged]
        third.redo(doc.id)
        assert third.line_overrides(doc.id) == {"Minsk, Belarus": False}
        assert third.redo(doc.id) is None
        third.undo(doc.id)
        third.toggle(doc, "claim", s, e)  # a new change forgets the redo branch
        assert not third.can_redo(doc.id)


def test_line_overrides_and_dismissed_suggestions(store: Store) -> None:
    doc = ref()
    store.set_line_override(doc, "Minsk, Belarus", False)
    store.set_line_override(doc, "Nobody knows what comes next, analysts said.", True)
    assert store.line_overrides(doc.id) == {
        "Minsk, Belarus": False,
        "Nobody knows what comes next, analysts said.": True,
    }
    store.set_line_override(doc, "Minsk, Belarus", None)
    assert "Minsk, Belarus" not in store.line_overrides(doc.id)
    store.dismiss_suggestion(doc, "claim", 3, 9)
    store.dismiss_suggestion(doc, "claim", 3, 9)
    assert store.dismissed_suggestions(doc.id) == {("claim", 3, 9)}
    assert store.dismissed_suggestions("sha256:" + "0" * 64) == set()


def test_summary_comes_from_the_index_and_follows_every_write(store: Store) -> None:
    doc = ref()
    other = ref(TEXT + "More.\n", "news/b.txt")
    store.toggle(doc, "claim", 0, 5)
    store.toggle(doc, "fact", 0, 5)
    store.toggle(other, "quote", 6, 10)
    summary = store.summary()
    assert summary[doc.id].annotations == 2 and summary[doc.id].spans == ((0, 5),)
    assert summary[other.id].path == "news/b.txt"
    store.undo(doc.id)
    assert store.summary()[doc.id].annotations == 1
    # summary() reads only index files: removing the annotator files does not change it
    for f in (store.location / "docs").rglob("*.jsonl"):
        f.unlink()
    assert store.summary()[other.id].spans == ((6, 10),)


def test_attach_follows_a_renamed_file(store: Store) -> None:
    doc = ref()
    a = store.toggle(doc, "claim", *span(TEXT, "Prices rose 5% in May."))
    moved = ref(path="archive/a-renamed.txt")
    report = store.attach(moved)
    assert report.previous_path == "news/a.txt" and report.previous_id is None
    [b] = store.annotations(doc.id)
    assert (b.id, b.path, b.start) == (a.id, "archive/a-renamed.txt", a.start)
    assert store.summary()[doc.id].path == "archive/a-renamed.txt"
    assert store.attach(moved).changed is False


def test_attach_reanchors_a_changed_file_and_keeps_orphans(store: Store) -> None:
    doc = ref()
    kept = store.toggle(doc, "fact", *span(TEXT, "Prices rose 5% in May."))
    fuzzy = store.toggle(doc, "claim", *span(TEXT, "Nobody knows what comes next, analysts said."))
    lost = store.toggle(doc, "quote", *span(TEXT, "we will not attack first."))
    store.set_line_override(doc, "Minsk, Belarus", False)
    new_text = (
        "Updated 12:00\nMinsk, Belarus\nThe ministry declined to comment. Prices rose 5% in May.\n"
        "Nobody knows what will come next, analysts said.\n"
    )
    changed = ref(new_text)
    report = store.attach(changed)
    assert report.previous_id == doc.id
    assert report.reanchored == 2
    assert [o.id for o in report.orphans] == [lost.id]
    anns = {a.id: a for a in store.annotations(changed.id)}
    assert anns[kept.id].text == "Prices rose 5% in May." and not anns[kept.id].orphan
    assert new_text[anns[kept.id].start : anns[kept.id].end] == "Prices rose 5% in May."
    assert "Nobody knows" in anns[fuzzy.id].text and not anns[fuzzy.id].orphan
    assert new_text[anns[fuzzy.id].start : anns[fuzzy.id].end] == anns[fuzzy.id].text
    assert anns[lost.id].orphan and anns[lost.id].text == lost.text
    assert store.annotations(doc.id) == []
    assert store.line_overrides(changed.id) == {"Minsk, Belarus": False}
    summary = store.summary()
    assert doc.id not in summary and summary[changed.id].orphans == 1
    assert [o.id for o in store.attach(changed).orphans] == [lost.id]


def test_a_write_on_a_changed_file_reanchors_first_even_without_attach(store: Store) -> None:
    doc = ref()
    a = store.toggle(doc, "fact", *span(TEXT, "Prices rose 5% in May."))
    changed = ref("Intro.\n" + TEXT)
    store.toggle(changed, "claim", 0, 6)
    assert {x.id for x in store.annotations(changed.id)} >= {a.id}


def test_threads_share_one_store_without_losing_updates(store: Store) -> None:
    doc = ref("x" * 500)

    def work(offset: int) -> None:
        for i in range(offset, 200, 4):
            store.toggle(doc, "claim", i, i + 1)

    stop = threading.Event()

    def read() -> None:  # readers run without the lock, beside the writers
        while not stop.is_set():
            store.summary()
            store.annotations(doc.id)

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    reader.join()
    anns = store.annotations(doc.id)
    assert len(anns) == 200 and len({a.id for a in anns}) == 200
    assert store.summary()[doc.id].annotations == 200


def test_each_annotator_writes_only_their_own_file_a_tag_appends_one_line(tmp_path: Path) -> None:
    with (
        Store.open(tmp_path / "st", annotator="alice") as alice,
        Store.open(tmp_path / "st", annotator="Bob") as bob,
    ):
        doc = ref()
        alice.toggle(doc, "claim", 0, 5)
        folder = tmp_path / "st" / "docs" / doc.id.removeprefix("sha256:")
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        bob.toggle(doc, "fact", 0, 5)
        after = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert sorted(after) == ["%42ob.jsonl", "alice.jsonl"]  # the name is encoded, reversibly
        assert after["alice.jsonl"] == before["alice.jsonl"]  # bob never writes alice's file
        alice.toggle(doc, "quote", 0, 5)
        grown = (folder / "alice.jsonl").read_bytes()
        assert grown.startswith(before["alice.jsonl"]) and grown.count(b"\n") == 2
        assert json.loads(grown.splitlines()[1])["op"] == "do"
    assert not list((tmp_path / "st").rglob("*.tmp"))
    ignored = (tmp_path / "st" / ".gitignore").read_text().splitlines()
    assert "/.local/" in ignored and "*.bak" in ignored


# ---------------------------------------------------------------- bad stores


def test_a_corrupt_document_file_is_named_left_untouched_and_recoverable(tmp_path: Path) -> None:
    doc = ref()
    with Store.open(tmp_path / "st") as s:
        first = s.toggle(doc, "claim", 0, 5)
        s.toggle(doc, "fact", 0, 5)
    [file] = (tmp_path / "st" / "docs").rglob("*.jsonl")
    header, fact = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(header + b'{"seq": 2, "at": "20\x00\n' + fact)  # a bad line inside the journal
    garbage = file.read_bytes()
    with Store.open(tmp_path / "st") as s:
        for call in (
            lambda: s.annotations(doc.id),
            lambda: s.toggle(doc, "quote", 0, 5),
            lambda: s.undo(doc.id),
        ):
            with pytest.raises(StoreError) as info:
                call()
            message = str(info.value)
            assert "\n" not in message and str(file) in message and "--recover" in message
        assert file.read_bytes() == garbage
        assert s.problems() and str(file) in s.problems()[0]
    done = Store.recover(tmp_path / "st")
    assert any("rebuilt from its 1 good line(s), 2 bad line(s) dropped" in line for line in done), done
    assert next(iter((tmp_path / "st" / "docs").rglob("*.corrupt-*"))).read_bytes() == garbage
    with Store.open(tmp_path / "st") as s:
        assert s.annotations(doc.id) == [first]  # the version before the last write
        assert s.problems() == []
        assert s.summary()[doc.id].annotations == 1


def test_a_foreign_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="not a reader store"):
        Store.open(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["cat.jpg"]


def test_a_foreign_marker_is_named_and_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "st"
    folder.mkdir()
    (folder / "store.json").write_text('{"format": "something-else"}')
    with pytest.raises(StoreError) as info:
        Store.open(folder)
    assert str(folder / "store.json") in str(info.value) and "\n" not in str(info.value)
    assert (folder / "store.json").read_text() == '{"format": "something-else"}'


def test_a_foreign_json_in_docs_is_reported_not_overwritten(tmp_path: Path) -> None:
    with Store.open(tmp_path / "st") as s:
        doc = ref()
        s.toggle(doc, "claim", 0, 5)
        [file] = (tmp_path / "st" / "docs").rglob("*.jsonl")
        file.write_text(json.dumps({"users": {"1": {"name": "x"}}}))
        with pytest.raises(StoreError, match="not a reader annotator file"):
            s.toggle(doc, "claim", 0, 5)
        assert json.loads(file.read_text()) == {"users": {"1": {"name": "x"}}}


def test_unusable_folder_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create"):
        Store.open(blocker / "store")


def test_default_location_and_annotator_come_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("READER_STORE", str(tmp_path / "env-store"))
    monkeypatch.setenv("READER_ANNOTATOR", "carol")
    with Store.open() as s:
        assert s.location == tmp_path / "env-store" and s.annotator == "carol"
        assert (tmp_path / "env-store" / "store.json").exists()


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A real 1 MB tmpfs, so the disk really fills up (needs root; skipped otherwise)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root): " + done.stderr.decode().strip())
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_leaves_the_old_file_and_raises_a_clear_error(tiny_disk: Path) -> None:
    doc = ref("y" * 20_000)
    with Store.open(tiny_disk / "st") as s:
        for i in range(5):
            s.toggle(doc, "claim", i, i + 1)
        fd = os.open(tiny_disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        for i in range(5, 200):
            files = {p: p.read_bytes() for p in (tiny_disk / "st").rglob("*") if p.is_file()}
            try:
                s.toggle(doc, "claim", i, i + 1)
            except StoreError as exc:
                message = str(exc)
                break
        else:
            pytest.fail("the disk never filled up")
        assert "disk full" in message and "\n" not in message
        named = next(p for p in files if message.startswith(str(p) + ":"))
        assert named.read_bytes() == files[named]  # the old file is intact
        assert not list((tiny_disk / "st").rglob("*.tmp"))
        os.unlink(tiny_disk / "filler")
        assert s.problems() == []
        assert len(s.annotations(doc.id)) >= 5


def test_an_unreadable_index_shard_is_set_aside_and_rebuilt_from_the_documents(store: Store) -> None:
    doc = ref()
    store.toggle(doc, "claim", 0, 5)
    store.toggle(doc, "fact", 0, 5)
    store.summary()  # a tag only appends; the index entry is brought up to date when read
    [shard] = (store.location / ".local" / "index").glob("*.json")
    shard.write_bytes(b"")  # what a crash can leave of a file whose data was never flushed
    with Store.open(store.location, annotator="alice") as after_the_crash:
        assert after_the_crash.summary()[doc.id].annotations == 2
    assert list((store.location / ".local" / "index").glob("*.json.corrupt-*"))
    assert json.loads(shard.read_text())["documents"][doc.id]["annotations"] == 2


def test_recover_never_adopts_a_foreign_folder(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("x")
    with pytest.raises(StoreError, match="nothing to recover"):
        Store.recover(folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_recover_rewrites_a_damaged_marker(tmp_path: Path) -> None:
    with Store.open(tmp_path / "st") as s:
        s.toggle(ref(), "claim", 0, 5)
    (tmp_path / "st" / "store.json").write_bytes(b"\x00")
    with pytest.raises(StoreError, match=r"store\.json"):
        Store.open(tmp_path / "st")
    Store.recover(tmp_path / "st")
    with Store.open(tmp_path / "st") as s:
        assert len(s.annotations(ref().id)) == 1


def test_iter_all_includes_documents_the_index_lost(store: Store) -> None:
    doc, other = ref(), ref(TEXT + "x", "news/b.txt")
    store.toggle(doc, "claim", 0, 5)
    store.toggle(other, "claim", 0, 5)
    for shard in (store.location / ".local" / "index").glob("*.json"):
        shard.unlink()  # as if the index write of both had been lost in a crash
    assert sorted(a.document_id for a in store.iter_all()) == sorted([doc.id, other.id])
    assert store.document_ids() == [doc.id, other.id]  # ordered by path
