"""The library catalog: pipeline results per file, cached by path, size and mtime."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.services.catalog import Catalog, default_cache_dir
from reader.services.entries import Entry, tagged_count
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(seeds_dir, target)
    for file in target.iterdir():
        file.chmod(0o644)
    return target


def scan_all(catalog: Catalog) -> list[Entry]:
    out: dict[str, Entry] = {}
    for batch in catalog.scan():
        for entry in batch:
            out[entry.path] = entry
    return list(out.values())


def test_entries_are_what_the_pipeline_finds(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    catalog = Catalog(corpus, cache_dir=tmp_path / "cache")
    entries = scan_all(catalog)
    assert len(entries) == len(corpus.files)
    for entry in entries:
        document = read_document(Path(entry.path))
        analysis = analyse(document, folder=catalog.folder_stats(Path(entry.path)))
        assert entry.scanned and entry.error is None
        assert entry.document_id == document.id
        assert (entry.title, entry.date) == (analysis.title, analysis.date)
        assert entry.spans == tuple((s.start, s.end) for s in analysis.sentences)
        assert entry.taggable_spans == tuple((s.start, s.end) for s in analysis.sentences if s.taggable)
        assert entry.relpath == Path(entry.path).name


def test_second_scan_reads_the_cache(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
    [cache_file] = (tmp_path / "cache").glob("catalog-*.jsonl")
    first = str(corpus.files[0])
    data = Catalog(corpus, cache_dir=tmp_path / "cache").cached_files()[first]
    row = Entry.from_json(first, {**data, "title": "from the cache"}).to_row()
    with cache_file.open("a") as log:  # a later line for a path replaces the earlier one
        log.write(json.dumps(row) + "\n")
    batches = list(Catalog(corpus, cache_dir=tmp_path / "cache").scan())
    assert len(batches) == 1  # every file a hit: one batch, no pipeline run
    assert {e.path: e.title for e in batches[0]}[first] == "from the cache"


def test_a_changed_file_is_read_again(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
    changed = corpus.files[1]
    changed.write_text("A new headline here\n\nThe text changed completely, so the entry must too.\n")
    entries = {e.path: e for e in scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))}
    assert entries[str(changed)].document_id == read_document(changed).id


def test_cached_entries_come_first_then_changed_and_vanished_files_are_corrected(
    folder: Path, tmp_path: Path
) -> None:
    """A second start lists the cache at once, unchecked; each file is then checked: a changed one is
    read again and a vanished one listed as not found, in later batches."""
    corpus = discover([folder])
    before = {e.path: e for e in scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))}
    changed, vanished = corpus.files[1], corpus.files[2]
    changed.write_text("A new headline here\n\nThe text changed completely, so the entry must too.\n")
    vanished.unlink()
    batches = list(Catalog(corpus, cache_dir=tmp_path / "cache").scan())
    assert {e.path: e for e in batches[0]} == before  # the cache as it was, every file, before any stat
    later = {e.path: e for batch in batches[1:] for e in batch}
    assert set(later) == {str(changed), str(vanished)}
    assert later[str(vanished)].error == "file not found"
    assert later[str(changed)].document_id == read_document(changed).id
    assert later[str(changed)].title == "A new headline here"


def test_same_size_new_mtime_is_read_again(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
    file = corpus.files[0]
    text = file.read_text()
    file.write_text(text.replace("Belarus", "Belaruz", 1))  # same size
    stat = file.stat()
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    entries = {e.path: e for e in scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))}
    assert entries[str(file)].document_id == read_document(file).id


def test_a_broken_or_foreign_cache_is_ignored(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    catalog = Catalog(corpus, cache_dir=tmp_path / "cache")
    catalog.cache_file.parent.mkdir(parents=True)
    for junk in ("{not json", "[]", json.dumps({"fingerprint": "other", "files": {}})):
        catalog.cache_file.write_text(junk)
        entries = scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
        assert all(e.scanned and e.title for e in entries)


def test_cache_is_written_atomically(folder: Path, tmp_path: Path) -> None:
    scan_all(Catalog(discover([folder]), cache_dir=tmp_path / "cache"))
    assert [p.name.startswith("catalog-") for p in (tmp_path / "cache").iterdir()] == [True]


def test_an_unwritable_cache_only_costs_speed(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    entries = scan_all(Catalog(discover([folder]), cache_dir=blocker / "cache"))
    assert len(entries) == 5


def test_unreadable_files_get_the_reason(folder: Path, tmp_path: Path) -> None:
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    entries = {Path(e.path).name: e for e in scan_all(Catalog(discover([folder]), cache_dir=tmp_path / "c"))}
    assert entries["binary.txt"].error == "binary file, not text"
    assert entries["binary.txt"].sentences == 0


def test_large_folders_get_provisional_titles_first(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    seeds = sorted(seeds_dir.iterdir())
    for n in range(30):
        shutil.copy(seeds[n % 5], folder / f"{n:03d}.txt")
    batches = list(Catalog(discover([folder]), cache_dir=tmp_path / "c").scan(batch_size=10))
    first = batches[0]
    assert len(first) == 30 and not any(e.scanned for e in first)
    assert all(e.title for e in first)
    assert all(e.scanned for batch in batches[1:] for e in batch)


def test_cache_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("READER_CACHE")
    assert default_cache_dir() != tmp_path / "here"


spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 30)), max_size=25).map(
    lambda items: sorted({(a, a + n) for a, n in items})
)


def _disjoint(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in items:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


@given(spans, spans)
def test_tagged_count_matches_brute_force(
    sentences: list[tuple[int, int]], tagged: list[tuple[int, int]]
) -> None:
    sentences = _disjoint(sentences)
    expected = sum(1 for s, e in sentences if any(a < e and s < b for a, b in tagged))
    assert tagged_count(sentences, tagged) == expected


@given(
    st.builds(
        Entry,
        path=st.text(min_size=1),
        relpath=st.text(min_size=1),
        size=st.integers(0, 10**9),
        mtime_ns=st.integers(0, 10**19),
        document_id=st.none() | st.text(),
        title=st.none() | st.text(),
        date=st.none() | st.text(),
        spans=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))).map(tuple),
        error=st.none() | st.text(),
    )
)
def test_entry_json_round_trip(entry: Entry) -> None:
    complete = entry._replace(scanned=True, titled=False)  # only complete entries are cached
    assert Entry.from_json(entry.path, json.loads(json.dumps(entry.to_json()))) == complete
