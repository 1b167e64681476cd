"""Undo and redo belong to one annotator: side by side, across processes and across restarts."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from annotations import DocumentRef, Store

PROJECT = Path(__file__).resolve().parents[2]
TEXT = "The minister said we will not attack first. Prices rose 5% in May. Nobody knows what comes next.\n"
DOC = DocumentRef("sha256:" + hashlib.sha256(TEXT.encode()).hexdigest(), "news/a.txt", TEXT)


def tags(store: Store) -> set[tuple[str, str, int]]:
    return {(a.annotator, a.label, a.start) for a in store.annotations(DOC.id)}


def test_undo_never_touches_another_annotators_tags(tmp_path: Path) -> None:
    with (
        Store.open(tmp_path / "st", annotator="alice") as alice,
        Store.open(tmp_path / "st", annotator="bob") as bob,
    ):
        alice.toggle(DOC, "claim", 0, 10)
        bob.toggle(DOC, "fact", 20, 30)  # bob's is the last change to the document
        assert alice.undo(DOC.id) == "undid tag claim 0-10"
        assert tags(alice) == {("bob", "fact", 20)}
        assert not alice.can_undo(DOC.id) and alice.can_redo(DOC.id)
        assert bob.can_undo(DOC.id) and not bob.can_redo(DOC.id)
        assert alice.undo(DOC.id) is None  # nothing of hers left: bob's tag stays
        assert tags(bob) == {("bob", "fact", 20)}
        bob.toggle(DOC, "quote", 40, 50)  # bob's new change does not fork alice's history
        assert alice.redo(DOC.id) == "redid tag claim 0-10"
        assert tags(alice) == {("alice", "claim", 0), ("bob", "fact", 20), ("bob", "quote", 40)}
    # after a restart each finds their own history
    with Store.open(tmp_path / "st", annotator="bob") as bob:
        assert bob.undo(DOC.id) == "undid tag quote 40-50"
        assert bob.undo(DOC.id) == "undid tag fact 20-30"
        assert bob.undo(DOC.id) is None
        assert tags(bob) == {("alice", "claim", 0)}
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        assert alice.can_undo(DOC.id) and not alice.can_redo(DOC.id)


BOB = textwrap.dedent(
    """
    import hashlib, sys
    from annotations import DocumentRef, Store
    text = sys.argv[2]
    doc = DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), "news/a.txt", text)
    with Store.open(sys.argv[1], annotator="bob") as bob:
        for step in sys.argv[3:]:
            print(bob.toggle(doc, "fact", 20, 30) if step == "tag" else bob.undo(doc.id), flush=True)
    """
)


def bob(tmp_path: Path, *steps: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", BOB, str(tmp_path / "st"), TEXT, *steps],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines()


def test_undo_in_another_process_is_that_annotators_own(tmp_path: Path) -> None:
    with Store.open(tmp_path / "st", annotator="alice") as alice:
        alice.toggle(DOC, "claim", 0, 10)
        bob(tmp_path, "tag")
        assert alice.undo(DOC.id) == "undid tag claim 0-10"  # not bob's later tag
        assert tags(alice) == {("bob", "fact", 20)}
        alice.toggle(DOC, "quote", 40, 50)
        assert bob(tmp_path, "undo", "undo") == ["undid tag fact 20-30", "None"]
        assert tags(alice) == {("alice", "quote", 40)}
        assert alice.undo(DOC.id) == "undid tag quote 40-50"
        assert alice.redo(DOC.id) == "redid tag quote 40-50"
