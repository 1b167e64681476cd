"""`reader export`, `reader import` and `reader stats` as a user runs them: real files, real processes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from annotations import DocumentRef, Store
from reader.text.corpus import read_document

SCHEMA = Path(__file__).resolve().parents[2] / "annotations" / "schema" / "reader.annotations.v1.schema.json"
ARTICLE = "A Headline For The Test\n\nThe first sentence of the article is long enough to be kept here.\n"


def reader(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    unset = ("READER_STORE", "READER_ANNOTATOR", "READER_LABELS")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    seeds = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seeds[0], folder / "first.txt")
    shutil.copy(seeds[1], folder / "sub" / "second.txt")
    return folder


def doc_ref(corpus: Path, relative: str) -> DocumentRef:
    d = read_document(corpus / relative)
    return DocumentRef(d.id, relative, d.text)


@pytest.fixture
def store_dir(tmp_path: Path, corpus: Path) -> Path:
    folder = tmp_path / "store"
    first, second = doc_ref(corpus, "first.txt"), doc_ref(corpus, "sub/second.txt")
    with Store.open(folder, annotator="alice") as alice, Store.open(folder, annotator="bob") as bob:
        alice.add(first, "claim", 10, 40, note="=HYPERLINK(evil)")
        alice.add(first, "quote", 50, 90, speaker="TASS")
        bob.add(first, "claim", 10, 40)
        bob.add(second, "fact", 0, 25)
    return folder


def test_export_json_to_stdout_with_titles_from_the_corpus(store_dir: Path, corpus: Path) -> None:
    done = reader("export", "--store", str(store_dir), "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when stderr is not a terminal
    data = json.loads(done.stdout)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)
    docs = {d["path"]: d for d in data["documents"]}
    assert sorted(docs) == ["first.txt", "sub/second.txt"]
    assert docs["first.txt"]["title"] and docs["first.txt"]["title"].startswith("Belarus")
    assert len(docs["first.txt"]["annotations"]) == 3
    text = (corpus / "first.txt").read_text(encoding="utf-8")
    for a in docs["first.txt"]["annotations"]:
        assert text[a["start"] : a["end"]] == a["text"]


def test_documents_outside_the_corpus_have_null_title(store_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("unrelated article text\n")
    data = json.loads(reader("export", "--store", str(store_dir), "--corpus", str(other)).stdout)
    assert {d["title"] for d in data["documents"]} == {None}


def test_export_filters_and_formats_to_a_file(store_dir: Path, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    done = reader(
        "export", "--store", str(store_dir), "--corpus", str(corpus), "--format", "csv", "--output", str(out),
        "--label", "claim", "--annotator", "alice", "--since", "2020-01-01", "--until", "Jan 5 2100",
        "--include-suggestions",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "exported 1 annotations" in done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [(r["label"], r["annotator"], r["note"]) for r in rows] == [
        ("claim", "alice", "'=HYPERLINK(evil)")
    ]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    none = reader("export", "--store", str(store_dir), "--corpus", str(corpus), "--until", "2001-01-01")
    assert json.loads(none.stdout)["documents"] == []


def test_bad_dates_and_formats_are_one_line_errors(store_dir: Path) -> None:
    done = reader("export", "--store", str(store_dir), "--since", "the day after never")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--since: not a date" in done.stderr
    done = reader("export", "--store", str(store_dir), "--since", "2026", "--until", "Jan 2025")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "is after" in done.stderr
    done = reader("export", "--store", str(store_dir), "--format", "xml")
    assert done.returncode == 2 and "invalid choice" in done.stderr and done.stderr.count("\n") == 1


def test_export_import_export_through_the_cli(store_dir: Path, corpus: Path, tmp_path: Path) -> None:
    for fmt in ("json", "jsonl", "w3c"):
        file = tmp_path / f"export.{fmt}"
        assert reader("export", "--store", str(store_dir), "--corpus", str(corpus), "--format", fmt,
                      "-o", str(file)).returncode == 0  # fmt: skip
        target = tmp_path / f"imported-{fmt}"
        done = reader("import", str(file), "--store", str(target), "--corpus", str(corpus))
        assert done.returncode == 0, done.stderr
        assert f"imported 4 annotations from {file} ({fmt})" in done.stdout
        again = reader("import", str(file), "--store", str(target), "--corpus", str(corpus), "--json")
        assert json.loads(again.stdout)["added"] == 0
        a = json.loads(reader("export", "--store", str(store_dir), "--corpus", str(corpus)).stdout)
        b = json.loads(reader("export", "--store", str(target), "--corpus", str(corpus)).stdout)
        a.pop("exported"), b.pop("exported")
        assert a == b, fmt


def test_import_of_a_changed_corpus_reports_orphans(store_dir: Path, corpus: Path, tmp_path: Path) -> None:
    file = tmp_path / "e.json"
    reader("export", "--store", str(store_dir), "--corpus", str(corpus), "-o", str(file))
    (corpus / "sub" / "second.txt").write_text(
        "Completely rewritten.\nNothing of the old text remains here.\n"
    )
    done = reader("import", str(file), "--store", str(tmp_path / "t"), "--corpus", str(corpus))
    assert done.returncode == 0, done.stderr
    assert "1 could not be anchored and were kept as orphans" in done.stdout
    assert "sub/second.txt [fact]" in done.stdout
    stats = json.loads(reader("stats", "--store", str(tmp_path / "t"), "--json").stdout)
    assert stats["orphans"] == 1 and stats["orphan_list"][0]["label"] == "fact"


def test_bad_import_is_exit_2_one_line_and_leaves_the_store_alone(store_dir: Path, tmp_path: Path) -> None:
    before = {p: p.read_bytes() for p in store_dir.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reader.annotations", "version": 1, "documents": [{"id": 3}]}')
    done = reader("import", str(bad), "--store", str(store_dir))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"reader: error: {bad}: $.documents[0].id: expected str, got int\n"
    notjson = tmp_path / "notjson.json"
    notjson.write_text("{\n  'single': 'quotes'\n}")
    done = reader("import", str(notjson), "--store", str(store_dir))
    assert done.returncode == 2 and done.stderr.startswith(f"reader: error: {notjson}:2:3: not JSON")
    missing = reader("import", str(tmp_path / "nope.json"), "--store", str(store_dir))
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    assert {p: p.read_bytes() for p in store_dir.rglob("*") if p.is_file()} == before


@pytest.fixture
def tagged_store(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    doc = read_document(tmp_path / "a.txt")
    folder = tmp_path / "store"
    with Store.open(folder, annotator="alice", labels=("claim", "quote", "fact", "opinion")) as store:
        store.add(DocumentRef(doc.id, "a.txt", doc.text), "quote", 25, 60)
        store.add(DocumentRef(doc.id, "a.txt", doc.text), "opinion", 61, 70)  # from an older label set
    return folder


def test_export_of_a_misspelt_label_is_an_error_not_an_empty_file(tagged_store: Path) -> None:
    done = reader("export", "--store", str(tagged_store), "--format", "jsonl", "--label", "quotes")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "quotes" in done.stderr and "quote" in done.stderr


def test_export_of_a_label_only_the_store_knows_still_works(tagged_store: Path) -> None:
    done = reader("export", "--store", str(tagged_store), "--format", "jsonl", "--label", "opinion")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["label"] for line in done.stdout.splitlines()] == ["opinion"]
    done = reader("export", "--store", str(tagged_store), "--format", "jsonl", "--label", "quote")
    assert [json.loads(line)["label"] for line in done.stdout.splitlines()] == ["quote"]


def test_since_today_and_yesterday_as_the_annotations_screen_accepts_them(tagged_store: Path) -> None:
    for word, expected in (("today", 2), ("yesterday", 2), ("Today", 2)):
        done = reader("export", "--store", str(tagged_store), "--format", "jsonl", "--since", word)
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == expected
    done = reader("export", "--store", str(tagged_store), "--format", "jsonl", "--until", "yesterday")
    assert done.returncode == 0 and done.stdout == ""


def test_importing_a_csv_export_says_csv_is_not_importable(tagged_store: Path, tmp_path: Path) -> None:
    exported = tmp_path / "out.csv"
    done = reader("export", "--store", str(tagged_store), "--format", "csv", "--output", str(exported))
    assert done.returncode == 0, done.stderr
    done = reader("import", "--store", str(tmp_path / "fresh"), str(exported))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "CSV" in done.stderr and "json" in done.stderr and "not JSON" not in done.stderr


def test_stats_counts_and_says_where_the_store_is(store_dir: Path, corpus: Path) -> None:
    done = reader("stats", "--store", str(store_dir), "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert stats["store"] == str(store_dir) and stats["size_bytes"] > 0
    assert (stats["annotations"], stats["orphans"]) == (4, 0)
    assert stats["labels"] == {"claim": 2, "fact": 1, "quote": 1}
    assert stats["annotators"] == {"alice": 2, "bob": 2}
    assert [(d["path"], d["annotations"]) for d in stats["documents"]] == [
        ("first.txt", 3),
        ("sub/second.txt", 1),
    ]
    text = reader("stats", "--store", str(store_dir), "--corpus", str(corpus)).stdout
    assert f"store:       {store_dir}" in text and "Belarus" in text and "alice" in text


def test_default_store_is_the_user_data_dir_or_reader_store(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    done = reader("stats", env={"XDG_DATA_HOME": str(xdg)})
    assert done.returncode == 0, done.stderr
    assert f"store:       {xdg / 'reader' / 'store'}  (default" in done.stdout
    env_store = tmp_path / "env-store"
    done = reader("stats", "--json", env={"READER_STORE": str(env_store)})
    assert json.loads(done.stdout)["store"] == str(env_store)
    assert json.loads(done.stdout)["store_source"] == "from $READER_STORE"
    assert (
        f"{env_store}  (from $READER_STORE)" in reader("stats", env={"READER_STORE": str(env_store)}).stdout
    )
    assert "READER_STORE" in reader("export", "--help").stdout


def test_corrupt_store_file_error_and_recovery(store_dir: Path, corpus: Path) -> None:
    with Store.open(store_dir, annotator="bob") as s:
        s.add(doc_ref(corpus, "sub/second.txt"), "claim", 30, 40)  # journal line 2 of bob's file
    file = next(p for p in (store_dir / "docs").rglob("bob.jsonl") if b"sub/second.txt" in p.read_bytes())
    header, claim = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(header + b"\x00\x00garbage\n" + claim)
    garbage = file.read_bytes()
    for command in (["stats"], ["export"]):
        done = reader(*command, "--store", str(store_dir))
        assert done.returncode == 2, command
        assert str(file) in done.stderr and "--recover" in done.stderr
        assert all(line.startswith("reader: error: ") for line in done.stderr.splitlines())
    assert file.read_bytes() == garbage
    done = reader("stats", "--store", str(store_dir), "--recover", "--json")
    assert done.returncode == 0, done.stderr
    assert "rebuilt from its 1 good line(s)" in done.stderr
    stats = json.loads(done.stdout)
    assert stats["annotations"] == 4  # what the good lines before the bad one hold
    assert list(file.parent.glob("*.corrupt-*"))


def test_a_foreign_folder_is_refused_by_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "taxes.xlsx").write_bytes(b"PK")
    for command in (["stats"], ["export"]):
        done = reader(*command, "--store", str(folder))
        assert done.returncode == 2 and "not a reader store" in done.stderr and done.stderr.count("\n") == 1
    assert [p.name for p in folder.iterdir()] == ["taxes.xlsx"]


def test_a_store_path_that_is_a_file_says_so_before_the_app_starts(tmp_path: Path) -> None:
    (tmp_path / "tags").write_text("not a folder\n")
    for args in ([], ["stats"], ["export"]):
        done = reader(*args, "--store", str(tmp_path / "tags"))
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "is a file, not a folder" in done.stderr, done.stderr


def test_stats_repairs_an_index_left_behind_by_a_crash(store_dir: Path) -> None:
    for shard in (store_dir / ".local" / "index").glob("*.json"):
        shard.unlink()  # as if every index write had been lost
    done = reader("stats", "--store", str(store_dir), "--json")
    assert done.returncode == 0, done.stderr
    with Store.open(store_dir) as s:
        assert sorted(v.annotations for v in s.summary().values()) == [1, 3]


def test_stats_rebuilds_an_older_versions_index_for_reader_agree(store_dir: Path) -> None:
    """An index written before entries kept their spans by label with who drew them (`held`): `reader
    agree` would read every annotator file until `reader stats` rebuilds it."""
    shards = list((store_dir / ".local" / "index").glob("*.json"))
    for shard in shards:
        data = json.loads(shard.read_text())
        for entry in data["documents"].values():
            del entry["held"]
        shard.write_text(json.dumps(data))
    with Store.open(store_dir) as s:
        assert s.index_outdated()
    done = reader("stats", "--store", str(store_dir), "--json")
    assert done.returncode == 0, done.stderr
    with Store.open(store_dir) as s:
        assert not s.index_outdated()
    held = [json.loads(shard.read_text())["documents"] for shard in shards]
    assert all(isinstance(e["held"], dict) and e["held"] for docs in held for e in docs.values())


def test_progress_goes_to_stderr_only_on_a_terminal(store_dir: Path, corpus: Path, tmp_path: Path) -> None:
    import pty

    primary, secondary = pty.openpty()
    try:
        base = {k: v for k, v in os.environ.items() if k != "READER_STORE"}
        done = subprocess.run(
            [sys.executable, "-m", "reader", "export", "--store", str(store_dir), "--corpus", str(corpus),
             "-o", str(tmp_path / "x.json")],
            stdout=subprocess.PIPE, stderr=secondary, env=base, timeout=120, check=False,
        )  # fmt: skip
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(primary)
    assert done.returncode == 0
    assert b"exporting 2/2 documents (100%)" in seen
    assert json.loads((tmp_path / "x.json").read_text())["format"] == "reader.annotations"


def test_export_document_exports_only_the_named_files(store_dir: Path, corpus: Path, tmp_path: Path) -> None:
    every = json.loads(reader("export", "--store", str(store_dir)).stdout)["documents"]
    assert len(every) >= 2
    chosen = corpus / every[0]["path"]
    done = reader("export", "--store", str(store_dir), "--document", str(chosen))
    assert done.returncode == 0, done.stderr
    assert [d["path"] for d in json.loads(done.stdout)["documents"]] == [every[0]["path"]]
    # Edited since it was tagged: found by the path the store recorded.
    edited = corpus / every[1]["path"]
    edited.write_text("Rewritten entirely.\n", encoding="utf-8")
    done = reader("export", "--store", str(store_dir), "--document", str(edited))
    assert [d["path"] for d in json.loads(done.stdout)["documents"]] == [every[1]["path"]]
    missing = reader("export", "--store", str(store_dir), "--document", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "--document" in missing.stderr
