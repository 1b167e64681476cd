"""What a label key decides on covered text, and what the messages say (the pure service)."""

from __future__ import annotations

from pathlib import Path

from annotations.model import DocumentRef
from annotations.store import Store
from reader.services.tagging import Add, Blocked, Remove, apply, decide, first_words, message
from reader.services.undo_report import step

TEXT = "Russia and Belarus are set to hold joint drills. The drills start Monday. Kyiv is wary."
DOC = DocumentRef("sha256:" + "0" * 64, "a.txt", TEXT)
S1, S2, S3 = (0, 48), (49, 73), (74, 87)


def test_inside_a_larger_annotation_of_the_label_removes_it(tmp_path: Path) -> None:
    with Store.open(tmp_path, annotator="alice") as store:
        quote = store.add(DOC, "quote", S1[0], S2[1])
        decision = decide(store.annotations(DOC.id), "alice", "quote", S2)
        assert decision == Remove(quote)
        assert apply(store, DOC, "quote", S2, decision).done
        assert store.annotations(DOC.id) == []
        assert decide([], "alice", "quote", S2) == Add("quote", *S2)


def test_a_partial_overlap_is_blocked_and_another_annotator_is_named(tmp_path: Path) -> None:
    with Store.open(tmp_path, annotator="alice") as store:
        quote = store.add(DOC, "quote", *S2)
        blocked = decide(store.annotations(DOC.id), "alice", "quote", (S1[0], S3[1]))
        assert blocked == Blocked("quote", quote)
        assert not apply(store, DOC, "quote", (S1[0], S3[1]), blocked).done
        assert len(store.annotations(DOC.id)) == 1
        outcome = apply(store, DOC, "quote", (S1[0], S3[1]), blocked)
        assert "overlaps your quote 'The drills start Monday.'" in message(outcome, "")
    with Store.open(tmp_path, annotator="root") as root:
        assert decide(root.annotations(DOC.id), "root", "quote", S2) == Add("quote", *S2, ("alice",))


def test_apply_refuses_what_the_store_no_longer_matches(tmp_path: Path) -> None:
    with Store.open(tmp_path, annotator="alice") as store:
        shown = decide([], "alice", "claim", S1)  # the window saw nothing
        store.add(DOC, "claim", 0, 72)  # another window tagged two sentences meanwhile
        outcome = apply(store, DOC, "claim", S1, shown)
        assert not outcome.done
        assert [(a.start, a.end) for a in store.annotations(DOC.id)] == [(0, 72)]


def test_first_words_cut_at_a_word() -> None:
    assert first_words(TEXT, 30) == "Russia and Belarus are set to…"
    assert first_words("short", 30) == "short"
    assert first_words("a\nb\tc  d", 30) == "a b c d"  # one line


def test_undo_names_the_text(tmp_path: Path) -> None:
    with Store.open(tmp_path, annotator="alice") as store:
        store.add(DOC, "claim", *S1)
        report = step(store, DOC.id, TEXT, backwards=True)
        assert report.message() == "Undid claim: 'Russia and Belarus are set to hold…'"
        assert report.offset == 0
        assert step(store, DOC.id, TEXT, backwards=False).message().startswith("Redid claim: 'Russia")
        step(store, DOC.id, TEXT, backwards=True)
        assert step(store, DOC.id, TEXT, backwards=True).message() == "Nothing to undo."
