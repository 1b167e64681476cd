"""Dismissing a suggestion is an undo step like any change, and dismissed suggestions come back on
request (one undo step). Through the public Store API only."""

from __future__ import annotations

from pathlib import Path

from annotations.model import DocumentRef
from annotations.store import Store

TEXT = "Russia and Belarus are set to hold joint drills. The drills start Monday. Kyiv is wary."
DOC = DocumentRef("sha256:" + "1" * 64, "a.txt", TEXT)


def test_a_dismissal_is_undone_and_redone(tmp_path: Path) -> None:
    with Store.open(tmp_path, annotator="alice") as store:
        store.dismiss_suggestion(DOC, "claim", 0, 48)
        assert store.dismissed_suggestions(DOC.id) == {("claim", 0, 48)}
        assert store.can_undo(DOC.id)
        assert store.undo(DOC.id)
        assert store.dismissed_suggestions(DOC.id) == set()
        assert store.redo(DOC.id)
        assert store.dismissed_suggestions(DOC.id) == {("claim", 0, 48)}
        store.dismiss_suggestion(DOC, "claim", 0, 48)  # already dismissed: no second step
        assert store.undo(DOC.id) and store.dismissed_suggestions(DOC.id) == set()
        assert not store.can_undo(DOC.id)


def test_restore_some_or_all_in_one_step(tmp_path: Path) -> None:
    with Store.open(tmp_path, annotator="alice") as store:
        for label, start, end in [("claim", 0, 48), ("fact", 49, 73), ("quote", 74, 87)]:
            store.dismiss_suggestion(DOC, label, start, end)
        assert store.restore_suggestions(DOC, [("fact", 49, 73), ("fact", 0, 1)]) == [("fact", 49, 73)]
        assert store.dismissed_suggestions(DOC.id) == {("claim", 0, 48), ("quote", 74, 87)}
        assert sorted(store.restore_suggestions(DOC)) == [("claim", 0, 48), ("quote", 74, 87)]
        assert store.dismissed_suggestions(DOC.id) == set()
        assert store.restore_suggestions(DOC) == []
        store.undo(DOC.id)  # the restore of both, at once
        assert store.dismissed_suggestions(DOC.id) == {("claim", 0, 48), ("quote", 74, 87)}
    with Store.open(tmp_path, annotator="alice") as again:  # durable, and undoable after a restart
        assert again.dismissed_suggestions(DOC.id) == {("claim", 0, 48), ("quote", 74, 87)}
        again.undo(DOC.id)
        assert again.dismissed_suggestions(DOC.id) == {("claim", 0, 48), ("quote", 74, 87), ("fact", 49, 73)}
