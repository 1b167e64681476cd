"""Regressions found by using the tool for real: each test failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.corpus import discover, read_document
from reader.text.document import DocumentError

ARTICLE = "A Headline For The Test\n\nThe first sentence of the article is long enough to be kept here.\n"


@pytest.fixture
def fifo_folder(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path


def test_a_fifo_named_like_an_article_is_refused_not_read(fifo_folder: Path) -> None:
    # Reading a FIFO with no writer blocks forever; run it in a child so a hang fails, not stalls.
    code = (
        "import sys\nfrom pathlib import Path\nfrom reader.text.corpus import read_document\n"
        "from reader.text.document import DocumentError\n"
        "try:\n    read_document(Path(sys.argv[1]))\nexcept DocumentError as e:\n    print(e.reason)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(fifo_folder / "pipe.txt")],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert out.returncode == 0, out.stderr
    assert "not a regular file" in out.stdout


def test_a_folder_with_a_fifo_still_lists_and_reads_the_others(fifo_folder: Path) -> None:
    corpus = discover([fifo_folder])
    assert {p.name for p in corpus.files} == {"good.txt", "pipe.txt"}
    assert read_document(fifo_folder / "good.txt").text == ARTICLE


def test_inspect_on_a_fifo_is_one_line_exit_2(fifo_folder: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "inspect", str(fifo_folder / "pipe.txt")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "not a regular file" in out.stderr


def test_a_dangling_symlink_is_a_document_error(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(DocumentError, match="file not found"):
        read_document(link)


def run_reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {
        k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR", "READER_LABELS")
    }
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def tagged_store(tmp_path: Path) -> Path:
    from annotations import DocumentRef, Store

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    doc = read_document(tmp_path / "a.txt")
    folder = tmp_path / "store"
    with Store.open(folder, annotator="alice", labels=("claim", "quote", "fact", "opinion")) as store:
        store.add(DocumentRef(doc.id, "a.txt", doc.text), "quote", 25, 60)
        store.add(DocumentRef(doc.id, "a.txt", doc.text), "opinion", 61, 70)  # from an older label set
    return folder


def test_export_of_a_misspelt_label_is_an_error_not_an_empty_file(tagged_store: Path) -> None:
    done = run_reader("export", "--store", str(tagged_store), "--format", "jsonl", "--label", "quotes")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "quotes" in done.stderr and "quote" in done.stderr


def test_export_of_a_label_only_the_store_knows_still_works(tagged_store: Path) -> None:
    done = run_reader("export", "--store", str(tagged_store), "--format", "jsonl", "--label", "opinion")
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["label"] for line in done.stdout.splitlines()] == ["opinion"]
    done = run_reader("export", "--store", str(tagged_store), "--format", "jsonl", "--label", "quote")
    assert [json.loads(line)["label"] for line in done.stdout.splitlines()] == ["quote"]


def test_since_today_and_yesterday_as_the_annotations_screen_accepts_them(tagged_store: Path) -> None:
    for word, expected in (("today", 2), ("yesterday", 2), ("Today", 2)):
        done = run_reader("export", "--store", str(tagged_store), "--format", "jsonl", "--since", word)
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == expected
    done = run_reader("export", "--store", str(tagged_store), "--format", "jsonl", "--until", "yesterday")
    assert done.returncode == 0 and done.stdout == ""


def test_importing_a_csv_export_says_csv_is_not_importable(tagged_store: Path, tmp_path: Path) -> None:
    exported = tmp_path / "out.csv"
    done = run_reader("export", "--store", str(tagged_store), "--format", "csv", "--output", str(exported))
    assert done.returncode == 0, done.stderr
    done = run_reader("import", "--store", str(tmp_path / "fresh"), str(exported))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "CSV" in done.stderr and "json" in done.stderr and "not JSON" not in done.stderr


def test_a_store_path_that_is_a_file_says_so_before_the_app_starts(tmp_path: Path) -> None:
    (tmp_path / "tags").write_text("not a folder\n")
    for args in ([], ["stats"], ["export"]):
        done = run_reader(*args, "--store", str(tmp_path / "tags"))
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "is a file, not a folder" in done.stderr, done.stderr
