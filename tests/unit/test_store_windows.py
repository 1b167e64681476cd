"""The same annotator in two windows (two Store objects, or two processes): a toggle decides on the
store as it is under the lock, a stale window never takes back what it did not show, and a window can
tell cheaply that the store changed under it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from annotations import DocumentRef, Store

PROJECT = Path(__file__).resolve().parents[2]
TEXT = "The minister said we will not attack first. Prices rose 5% in May. Nobody knows what comes next.\n"
DOC = DocumentRef("sha256:" + hashlib.sha256(TEXT.encode()).hexdigest(), "news/a.txt", TEXT)


def other_window(store_dir: Path, code: str) -> str:
    """A second process of the same annotator runs `code` with `store` and `doc` defined."""
    script = (
        "import hashlib, sys\n"
        "from annotations import DocumentRef, Store\n"
        f"text = {TEXT!r}\n"
        'doc = DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), "news/a.txt", text)\n'
        f"store = Store.open({str(store_dir)!r}, annotator='alice')\n" + code
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_a_toggle_in_a_stale_window_keeps_the_tag_the_other_window_added(tmp_path: Path) -> None:
    store_dir = tmp_path / "st"
    with Store.open(store_dir, annotator="alice") as window:
        assert window.annotations(DOC.id) == []  # what this window shows: no tag
        before = window.revision(DOC.id)
        other_window(store_dir, "store.toggle(doc, 'claim', 0, 10)")
        assert window.revision(DOC.id) != before  # the window can tell, with one stat
        kept = window.toggle(DOC, "claim", 0, 10, seen=False)  # the user meant "add claim"
        assert kept is not None and [a.id for a in window.annotations(DOC.id)] == [kept.id]
        # and the other way round: a window showing a tag the other one removed adds nothing back
        other_window(store_dir, "store.toggle(doc, 'claim', 0, 10)")
        assert window.toggle(DOC, "claim", 0, 10, seen=True) is None
        assert window.annotations(DOC.id) == []


def test_toggle_reads_the_file_under_the_lock_not_a_copy(tmp_path: Path) -> None:
    store_dir = tmp_path / "st"
    with (
        Store.open(store_dir, annotator="alice") as one,
        Store.open(store_dir, annotator="alice") as two,
    ):
        one.toggle(DOC, "claim", 0, 10)
        assert two.toggle(DOC, "claim", 0, 10) is None  # it saw the tag one had just added
        assert other_window(store_dir, "print(store.toggle(doc, 'claim', 0, 10).label)") == "claim"
        assert one.toggle(DOC, "claim", 0, 10) is None
        assert two.annotations(DOC.id) == []
        assert one.revision(DOC.id) == two.revision(DOC.id) is not None
        assert one.revision("sha256:" + "0" * 64) is None
