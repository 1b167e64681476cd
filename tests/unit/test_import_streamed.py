"""`reader import` of our own json and jsonl exports, streamed in two passes (annotations/imports/ours.py),
run as a user runs it: real store, real corpus, real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.imports import ours, sortedruns
from tests.unit.conftest import Interchange


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120
    )


def export(store: Path, fmt: str, out: Path) -> Path:
    done = reader("export", "--store", str(store), "--format", fmt, "--output", str(out))
    assert done.returncode == 0, done.stderr
    return out


def documents(store: Path) -> list[dict]:
    done = reader("export", "--store", str(store))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["documents"]


def test_our_exports_are_streamed_and_the_rest_read_whole(interchange: Interchange, tmp_path: Path) -> None:
    assert ours.sniff(export(interchange.store, "json", tmp_path / "a.json")) == "json"
    assert ours.sniff(export(interchange.store, "jsonl", tmp_path / "a.jsonl")) == "jsonl"
    assert ours.sniff(export(interchange.store, "w3c", tmp_path / "a.jsonld")) is None
    utf16 = tmp_path / "utf16.json"
    utf16.write_bytes((tmp_path / "a.json").read_text(encoding="utf-8").encode("utf-16"))
    assert ours.sniff(utf16) is None


def test_import_twice_gives_the_store_back_and_then_changes_nothing(
    interchange: Interchange, tmp_path: Path
) -> None:
    before = documents(interchange.store)
    assert any(d.get("orphans") for d in before)  # the fixture's orphan comes back as one
    for fmt in ("json", "jsonl"):
        file = export(interchange.store, fmt, tmp_path / f"all.{fmt}")
        target = tmp_path / f"store-{fmt}"
        args = ("import", str(file), "--store", str(target), "--corpus", str(interchange.corpus), "--json")
        first = reader(*args)
        assert first.returncode == 0, first.stderr
        total = sum(len(d["annotations"]) + len(d.get("orphans", [])) for d in before)
        assert json.loads(first.stdout)["added"] == total
        again = reader(*args)
        assert again.returncode == 0, again.stderr
        assert (json.loads(again.stdout)["added"], json.loads(again.stdout)["skipped"]) == (0, total)
        assert documents(target) == before


def test_a_bad_record_late_in_the_file_stops_it_before_the_store_is_touched(
    interchange: Interchange, tmp_path: Path
) -> None:
    file = export(interchange.store, "json", tmp_path / "all.json")
    lines = file.read_text(encoding="utf-8").split("\n")
    last = json.loads(lines[-3])  # the envelope's last document line (then "]}" and "")
    last["annotations"][-1]["end"] = "12"
    lines[-3] = json.dumps(last, ensure_ascii=False)
    file.write_text("\n".join(lines), encoding="utf-8")
    target = tmp_path / "target"
    done = reader("import", str(file), "--store", str(target), "--corpus", str(interchange.corpus))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"$.documents[{len(lines) - 4}].annotations[" in done.stderr and "end: expected int" in done.stderr
    assert not target.exists() or documents(target) == []


def test_an_id_used_twice_is_refused_with_both_places(interchange: Interchange, tmp_path: Path) -> None:
    file = export(interchange.store, "jsonl", tmp_path / "all.jsonl")
    lines = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    other = next(r for r in lines if r["path"] != lines[0]["path"])
    other["id"] = lines[0]["id"]
    file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    done = reader(
        "import", str(file), "--store", str(tmp_path / "target"), "--corpus", str(interchange.corpus)
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"annotation id '{lines[0]['id']}' is used in documents" in done.stderr


def test_an_id_the_store_holds_under_another_document_is_refused(
    interchange: Interchange, tmp_path: Path
) -> None:
    file = export(interchange.store, "jsonl", tmp_path / "all.jsonl")
    lines = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    moved = next(r for r in lines if r["path"] != lines[0]["path"])
    moved_id = moved["id"]
    moved["id"], lines[0]["id"] = lines[0]["id"], moved_id  # swapped: each id now names another document
    file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    before = documents(interchange.store)
    done = reader("import", str(file), "--store", str(interchange.store), "--corpus", str(interchange.corpus))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "is already in the store, in document" in done.stderr
    assert documents(interchange.store) == before


def test_the_id_hashes_are_sorted_on_disk_in_runs_as_sorted_would() -> None:
    """Pass one sorts its hashes in runs written to a temporary file and merged when read (the arrays
    held in memory were 16 bytes an annotation); across run boundaries the result is what `sorted`
    gives, for ints and for (key, value) pairs, on disk and (with no room on disk) in memory."""
    import random

    rng = random.Random(7)
    for n in (0, 1, sortedruns.RUN, sortedruns.RUN + 1, 2 * sortedruns.RUN + 5):
        values = [rng.randrange(-(2**63), 2**63) for _ in range(n)]
        for on_disk in (True, False):
            runs = sortedruns.SortedRuns()
            runs._disk = on_disk
            runs.extend(iter(values))
            assert list(runs) == sorted(values) and runs.count == n
            assert (runs._file is not None) == (on_disk and n > 0)
            runs.close()
        pairs = sortedruns.SortedRuns(pairs=True)
        keyed = [(v, rng.randrange(3)) for v in values]
        pairs.extend(x for pair in keyed for x in pair)
        assert list(pairs) == sorted(keyed)
        pairs.close()


@settings(max_examples=60, deadline=None)
@given(
    keys=st.lists(st.integers(-5, 5), max_size=12),
    held=st.lists(st.tuples(st.integers(-5, 5), st.integers(-5, 5)), max_size=12),
)
def test_the_sorted_joins_agree_with_sets(keys: list[int], held: list[tuple[int, int]]) -> None:
    ordered = sorted(keys)
    assert sortedruns.repeated(ordered) == {k for k in keys if keys.count(k) > 1}
    assert list(sortedruns.matching(sorted(held), ordered)) == [v for k, v in sorted(held) if k in keys]
    values = sorted(v for _, v in held)
    assert list(sortedruns.missing(values, ordered)) == [v for v in values if v not in keys]
