"""The store's calls for screens that hold annotation ids but no document text (the annotations screen):
delete, revise and re-attach by id, each one undo step of this annotator only; the per-document
listing; and the file stamps a cache of what documents hold is keyed by. Through the public API only."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from annotations import DocumentRef, Store

TEXT = "The minister said it would rain. Prices rose 5% in May. Nobody knows what comes next.\n"


def ref(text: str = TEXT, path: str = "news/a.txt") -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def span(needle: str, text: str = TEXT) -> tuple[int, int]:
    return text.index(needle), text.index(needle) + len(needle)


def test_delete_by_id_removes_only_this_annotators_in_one_undo_step(tmp_path: Path) -> None:
    doc = ref()
    with Store.open(tmp_path / "st", annotator="bob") as bob:
        theirs = bob.add(doc, "claim", *span("Prices rose"))
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        one = alice.add(doc, "claim", *span("The minister"))
        two = alice.add(doc, "fact", *span("Prices rose"))
        removed = alice.delete(doc.id, [one.id, two.id, theirs.id, "no-such-id"])
        assert {a.id for a in removed} == {one.id, two.id}
        assert [a.id for a in alice.annotations(doc.id)] == [theirs.id]
        assert alice.delete(doc.id, [one.id]) == []  # gone already: nothing, no step
        assert alice.undo(doc.id) == "undid delete 2 annotations"
        assert {a.id for a in alice.annotations(doc.id)} == {one.id, two.id, theirs.id}


def test_revise_by_id_sets_label_note_and_speaker_and_refuses_what_is_not_yours(tmp_path: Path) -> None:
    doc = ref()
    with Store.open(tmp_path / "st", annotator="bob") as bob:
        theirs = bob.add(doc, "claim", *span("Prices rose"))
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        mine = alice.add(doc, "claim", *span("The minister"))
        alice.add(doc, "fact", *span("The minister"))
        new = alice.revise(doc.id, mine.id, label="quote", note="check", speaker="Minister")
        assert (new.id, new.label, new.note, new.speaker) == (mine.id, "quote", "check", "Minister")
        assert new in alice.annotations(doc.id)
        with pytest.raises(ValueError, match="already tagged"):
            alice.revise(doc.id, mine.id, label="fact")
        with pytest.raises(ValueError, match="unknown label"):
            alice.revise(doc.id, mine.id, label="rumour")
        with pytest.raises(ValueError, match="bob's annotation"):
            alice.revise(doc.id, theirs.id, label="fact")
        with pytest.raises(LookupError):
            alice.revise(doc.id, "no-such-id", label="fact")
        alice.undo(doc.id)
        back = next(a for a in alice.annotations(doc.id) if a.id == mine.id)
        assert (back.label, back.note, back.speaker) == ("claim", "", None)


def test_reattach_anchors_an_orphan_on_the_new_text_in_one_undo_step(tmp_path: Path) -> None:
    old = ref()
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        tagged = alice.add(old, "claim", *span("Prices rose 5% in May"))
        edited = ref(TEXT.replace("Prices rose 5% in May", "Costs went up"))
        report = alice.attach(edited)  # the file was edited: the tag cannot be placed
        assert [a.id for a in report.orphans] == [tagged.id]
        start, end = span("Costs went up", edited.text)
        placed = alice.reattach(edited, tagged.id, start, end)
        assert (placed.orphan, placed.text, placed.id) == (False, "Costs went up", tagged.id)
        assert alice.annotations(edited.id) == [placed]
        with pytest.raises(ValueError, match="not inside"):
            alice.reattach(edited, tagged.id, 0, 10_000)
        alice.undo(edited.id)
        assert alice.annotations(edited.id)[0].orphan


def test_document_paths_and_ids_list_every_document_by_path_even_one_the_index_lags(tmp_path: Path) -> None:
    docs = [ref(f"Text {n}. " + TEXT, f"news/{9 - n}.txt") for n in range(3)]
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        for d in docs:
            alice.add(d, "claim", 0, 4)
        assert alice.document_paths() == {d.id: d.path for d in docs}
        assert alice.document_ids() == [d.id for d in reversed(docs)]
    for shard in (tmp_path / "st" / ".local" / "index").glob("*.json"):
        os.unlink(shard)  # files that arrived before the local index caught up
    with Store.open(tmp_path / "st", annotator="alice") as again:
        assert again.document_paths() == {d.id: d.path for d in docs}


def test_file_stamps_follow_every_change_and_equal_a_fresh_read(tmp_path: Path) -> None:
    doc, other = ref(), ref("Another text entirely. " + TEXT, "news/b.txt")
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        alice.add(doc, "claim", 0, 4)
        alice.add(other, "claim", 0, 4)
        first = alice.file_stamps()
        assert first == {doc.id: alice.file_stamp(doc.id), other.id: alice.file_stamp(other.id)}
        with Store.open(tmp_path / "st", annotator="bob") as bob:
            bob.add(doc, "fact", 0, 4)  # another process's write
        second = alice.file_stamps()
        assert second[doc.id] != first[doc.id] and second[other.id] == first[other.id]
        assert second[doc.id] == alice.file_stamp(doc.id)
        alice.undo(other.id)
        assert alice.file_stamps()[other.id] == alice.file_stamp(other.id) != first[other.id]
