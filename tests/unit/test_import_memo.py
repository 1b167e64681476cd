"""The import memo (annotations/imports/memo.py): a re-import of the same file into an unchanged store
and corpus is answered without reading the records, and any change to the file, the corpus or one of
the documents it wrote takes the full path again. Real store, corpus and CLI subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotations import DocumentRef, Store
from reader.text.corpus import read_document

TEXT = (
    "Minsk, 1 May.\r\nThe minister said \u201cprices will fall\u201d. "
    "Caf\u00e9 owners \U0001f1e7\U0001f1fe disagreed.\n"
)


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120
    )


def memos(store: Path) -> list[Path]:
    return sorted((store / ".local" / "imports").glob("*.memo"))


def tamper(memo: Path, count: int) -> None:
    """Make the memo's report say `count`: a re-import that prints it was answered by the memo."""
    lines = memo.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    key = "annotations" if "annotations" in last["report"] else "spans"
    last["report"][key] = count
    lines[-1] = json.dumps(last)
    memo.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_import(source: Path, store: Path, corpus: Path) -> dict:
    done = reader("import", str(source), "--store", str(store), "--corpus", str(corpus), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_our_export_again_is_answered_by_the_memo_until_something_changes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "minsk.txt").write_bytes(TEXT.encode("utf-8"))
    d = read_document(corpus / "minsk.txt")
    doc = DocumentRef(d.id, "minsk.txt", d.text)
    with Store.open(tmp_path / "source", annotator="alice") as source:
        source.add(doc, "claim", TEXT.index("The"), TEXT.index(" Caf"))
        source.add(doc, "quote", TEXT.index("\u201c"), TEXT.index(".", TEXT.index("\u201d")))
    exported = tmp_path / "all.jsonl"
    done = reader(
        "export", "--store", str(tmp_path / "source"), "--format", "jsonl", "--output", str(exported)
    )
    assert done.returncode == 0, done.stderr
    store = tmp_path / "store"

    assert run_import(exported, store, corpus)["added"] == 2
    (memo,) = memos(store)
    tamper(memo, 4242)
    again = run_import(exported, store, corpus)
    assert (again["added"], again["skipped"]) == (0, 4242)  # the memo's report: nothing was read

    with Store.open(store, annotator="alice") as target:  # a tag taken back since the import
        target.toggle(doc, "claim", TEXT.index("The"), TEXT.index(" Caf"))
    back = run_import(exported, store, corpus)
    assert (back["added"], back["skipped"]) == (1, 1)  # the full path puts it back
    with Store.open(store) as target:
        assert len(target.annotations(d.id)) == 2

    (corpus / "other.txt").write_text("Another article.\n", encoding="utf-8")  # the corpus changed
    assert (run_import(exported, store, corpus)["skipped"]) == 2


def test_a_label_studio_file_changed_by_one_byte_takes_the_full_path(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "minsk.txt").write_bytes(TEXT.encode("utf-8"))
    start, end = TEXT.index("The"), TEXT.index(" Caf")
    value = {"start": start, "end": end, "text": TEXT[start:end], "labels": ["claim"]}
    result = [{"id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "value": value}]
    tasks = [{"data": {"text": TEXT}, "annotations": [{"completed_by": 7, "result": result}]}]
    source = tmp_path / "tasks.json"
    source.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    store = tmp_path / "store"

    assert run_import(source, store, corpus)["added"] == 1
    (memo,) = memos(store)
    tamper(memo, 77)
    assert run_import(source, store, corpus)["skipped"] == 77
    source.write_text(json.dumps(tasks, ensure_ascii=False) + "\n", encoding="utf-8")
    again = run_import(source, store, corpus)
    assert (again["added"], again["skipped"]) == (0, 1)  # read in full: the real count
    assert len(memos(store)) == 2  # and remembered under the new bytes


def test_an_import_that_re_anchors_leaves_no_memo(tmp_path: Path) -> None:
    """Only an import that placed every span as the file gave it is remembered."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "minsk.txt").write_bytes(("Preface.\n" + TEXT).encode("utf-8"))
    start, end = TEXT.index("The"), TEXT.index(" Caf")
    line = {"text": TEXT, "label": [[start, end, "claim"]], "path": "minsk.txt"}
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    first = run_import(source, store, corpus)
    assert first["added"] == 1 and first["reanchored"] == 1
    assert memos(store) == []
