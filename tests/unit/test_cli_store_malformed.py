"""Store files that parse as JSON but are not what the store wrote: each is one line, set aside by
`reader stats --recover`, and never stops the other files from being read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from annotations import DocumentRef, Store

TEXTS = {
    "a.txt": "The first article says that prices rose five percent in May, analysts said.\n",
    "b.txt": "The second article quotes the minister: we will not attack first, he said.\n",
}


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    import hashlib

    folder = tmp_path / "store"
    with Store.open(folder, annotator="alice") as s:
        for path, text in TEXTS.items():
            doc = DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)
            s.add(doc, "claim", 0, 10)
            s.add(doc, "fact", 4, 20)
    return folder


def doc_file(store_dir: Path, path: str) -> Path:
    return next(p for p in (store_dir / "docs").rglob("*.jsonl") if f'"{path}"'.encode() in p.read_bytes())


def _edit(file: Path, change: Callable[[dict], None]) -> None:
    header, *journal = file.read_bytes().splitlines(keepends=True)
    data = json.loads(header)
    change(data)
    file.write_bytes(json.dumps(data).encode() + b"\n" + b"".join(journal))


def no_document_id(store_dir: Path) -> Path:
    file = doc_file(store_dir, "a.txt")
    _edit(file, lambda d: d.pop("document_id"))
    return file


def deeply_nested(store_dir: Path) -> Path:
    file = doc_file(store_dir, "a.txt")
    file.write_text('{"state": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    return file


def bad_annotation_types(store_dir: Path) -> Path:
    file = doc_file(store_dir, "a.txt")
    _edit(file, lambda d: next(iter(d["state"]["annotations"].values())).update(start=[1], label=None))
    return file


def bad_history(store_dir: Path) -> Path:
    file = doc_file(store_dir, "a.txt")
    _edit(file, lambda d: d["state"].update(undo=5))
    return file


def bad_overrides(store_dir: Path) -> Path:
    file = doc_file(store_dir, "a.txt")
    _edit(file, lambda d: d["state"].update(overrides={"x": 3}))
    return file


def bad_journal_line(store_dir: Path) -> Path:
    file = doc_file(store_dir, "a.txt")
    header, *journal = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(header + b'{"seq": 7, "op": "do"}\n' + b"".join(journal))
    return file


DOC_KINDS = [
    no_document_id,
    deeply_nested,
    bad_annotation_types,
    bad_history,
    bad_overrides,
    bad_journal_line,
]


@pytest.mark.parametrize("spoil", DOC_KINDS, ids=lambda f: f.__name__)
def test_a_malformed_document_file_is_one_line_and_recovered(store_dir: Path, spoil: Callable) -> None:
    file = spoil(store_dir)
    before = file.read_bytes()
    for command in ("stats", "export"):
        done = reader(command, "--store", str(store_dir))
        assert done.returncode == 2, (command, done.stderr)
        lines = done.stderr.splitlines()
        assert all(line.startswith("reader: error: ") for line in lines), done.stderr
        assert str(file) in done.stderr and "--recover" in done.stderr
        assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert file.read_bytes() == before  # never overwritten
    done = reader("stats", "--store", str(store_dir), "--recover", "--json")
    assert done.returncode == 0, done.stderr
    assert str(file) in done.stderr
    assert list(file.parent.glob(file.name + ".corrupt-*"))  # set aside, not deleted
    stats = json.loads(done.stdout)
    assert {d["path"] for d in stats["documents"]} >= {"b.txt"}  # the other document is intact
    assert reader("export", "--store", str(store_dir)).returncode == 0


def wrong_index_types(store_dir: Path) -> Path:
    file = next((store_dir / ".local" / "index").glob("*.json"))
    data = json.loads(file.read_bytes())
    for e in data["documents"].values():
        e.update(spans=3, annotations="x")
    file.write_text(json.dumps(data))
    return file


def wrong_paths_types(store_dir: Path) -> Path:
    file = next((store_dir / ".local" / "paths").glob("*.json"))
    file.write_text(json.dumps({**json.loads(file.read_bytes()), "paths": {"a.txt": 5}}))
    return file


def nested_index(store_dir: Path) -> Path:
    file = next((store_dir / ".local" / "index").glob("*.json"))
    file.write_text("[" * 100_000 + "]" * 100_000)
    return file


@pytest.mark.parametrize(
    "spoil", [wrong_index_types, wrong_paths_types, nested_index], ids=lambda f: f.__name__
)
def test_a_malformed_shard_is_set_aside_and_rebuilt(store_dir: Path, spoil: Callable) -> None:
    """Shards are derived from the annotator files: a bad one is rebuilt, as a corrupt one is."""
    file = spoil(store_dir)
    done = reader("stats", "--store", str(store_dir), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["annotations"] == 4
    done = reader("stats", "--store", str(store_dir), "--recover")
    assert done.returncode == 0, done.stderr
    with Store.open(store_dir) as s:
        assert sorted(e.annotations for e in s.summary().values()) == [2, 2]
        assert s.problems() == []
    assert list(file.parent.glob(file.name + ".corrupt-*"))
