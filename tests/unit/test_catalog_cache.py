"""The catalog's cache log: appended as a scan goes, torn lines skipped, compacted, trusted by stamps."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.services.catalog import Catalog
from reader.services.catalog_cache import CacheLog
from reader.services.entries import Entry, SpanList
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    target = tmp_path / "articles"
    target.mkdir()
    for n, seed in enumerate(sorted(seeds_dir.glob("*.txt")) * 4):
        shutil.copy(seed, target / f"{n:03d}-{seed.name}")
    return target


def scan_all(catalog: Catalog, **kwargs: int) -> dict[str, Entry]:
    return {entry.path: entry for batch in catalog.scan(**kwargs) for entry in batch}


def test_a_scan_appends_each_complete_entry_once(folder: Path, tmp_path: Path) -> None:
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    scan_all(catalog, batch_size=5)
    lines = catalog.cache_file.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["format"] == 3 and header["sources"]  # the stamps that spare the next start a parse
    assert sorted(json.loads(line)[0] for line in lines[1:]) == sorted(map(str, catalog.corpus.files))


def test_a_torn_last_line_costs_one_entry_and_the_next_append_starts_clean(
    folder: Path, tmp_path: Path
) -> None:
    corpus = discover([folder])
    catalog = Catalog(corpus, cache_dir=tmp_path / "cache")
    scan_all(catalog)
    text = catalog.cache_file.read_text()
    catalog.cache_file.write_text(text[: len(text) - 40])  # killed in the middle of an append
    cached = Catalog(corpus, cache_dir=tmp_path / "cache").cached_files()
    assert len(cached) == len(corpus.files) - 1
    changed = corpus.files[0]
    changed.write_text(changed.read_text() + "\nOne more sentence for the end of it.\n")
    again = Catalog(corpus, cache_dir=tmp_path / "cache")
    entries = scan_all(again)
    assert entries[str(changed)].document_id == read_document(changed).id
    cached = Catalog(corpus, cache_dir=tmp_path / "cache").cached_files()
    assert len(cached) == len(corpus.files)  # the re-read files were appended after the torn line
    assert cached[str(changed)]["id"] == read_document(changed).id


def test_a_log_of_mostly_replaced_lines_is_compacted(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    catalog = Catalog(corpus, cache_dir=tmp_path / "cache")
    scan_all(catalog)
    entries = catalog.entries
    for _ in range(60):  # 1,200 replaced lines: more than the 1,000 a log may carry
        catalog._append(entries)
    assert len(catalog.cache_file.read_text().splitlines()) == 1 + 61 * len(entries)
    scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
    assert len(catalog.cache_file.read_text().splitlines()) == 1 + len(entries)


def test_a_changed_pipeline_source_is_noticed_by_its_stamp(folder: Path, tmp_path: Path) -> None:
    corpus = discover([folder])
    scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
    catalog = Catalog(corpus, cache_dir=tmp_path / "cache")
    lines = catalog.cache_file.read_text().splitlines()
    header = json.loads(lines[0])
    origin = next(iter(header["sources"]))
    header["sources"][origin][1] += 1  # as if that module was edited since
    header["fingerprint"] = "from-an-older-version"
    catalog.cache_file.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    assert Catalog(corpus, cache_dir=tmp_path / "cache").cached_files() == {}
    header["sources"][origin][1] -= 1  # the stamps hold: the header's fingerprint is trusted unparsed
    catalog.cache_file.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    assert len(Catalog(corpus, cache_dir=tmp_path / "cache").cached_files()) == len(corpus.files)


def test_first_entries_show_cached_titles_and_placeholders_for_changed_files(
    folder: Path, tmp_path: Path
) -> None:
    corpus = discover([folder])
    complete = scan_all(Catalog(corpus, cache_dir=tmp_path / "cache"))
    changed = corpus.files[3]
    changed.write_text("Changed\n\nThe text changed after the cache was written.\n")
    first = Catalog(corpus, cache_dir=tmp_path / "cache").first_entries()
    assert [e.path for e in first] == [str(f) for f in corpus.files]
    for entry in first:
        if entry.path == str(changed):
            assert not entry.scanned and entry.title is None
        else:
            assert entry == complete[entry.path]
    assert not any(e.title for e in Catalog(corpus, cache_dir=tmp_path / "other").first_entries())


def test_the_second_pass_in_worker_processes_agrees(folder: Path, tmp_path: Path) -> None:
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    catalog.processes_from = 1
    entries = scan_all(catalog, batch_size=5)
    assert catalog.analysed_in_processes == len(catalog.corpus.files) - 1  # all but the unreadable file
    for path, entry in entries.items():
        if path.endswith("binary.txt"):
            assert entry.error == "binary file, not text"
            continue
        analysis = analyse(read_document(Path(path)), folder=catalog.folder_stats(Path(path)))
        assert entry.scanned and (entry.title, entry.date) == (analysis.title, analysis.date)
        assert entry.spans == tuple((s.start, s.end) for s in analysis.sentences)


@settings(max_examples=50)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=40).map(lambda xs: xs[: len(xs) // 2 * 2]))
def test_span_lists_survive_the_cache_encoding(flat: list[int]) -> None:
    spans = SpanList(flat)
    again = SpanList.decoded(json.loads(json.dumps(spans.encoded())))
    assert len(again) == len(flat) // 2 and again == spans and again.flat == flat


def test_an_unwritable_log_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    log = CacheLog(blocker / "catalog.jsonl", str(tmp_path))
    log.append([Entry("/a", "a", 1, 1)], "f", {})
    log.rewrite([Entry("/a", "a", 1, 1)], "f", {})
    assert log.load("f") == {} and not os.path.exists(blocker / "catalog.jsonl")


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
        spans=st.lists(st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))).map(tuple),
        error=st.none() | st.text(),
    )
)
@settings(max_examples=50)
def test_a_cache_row_round_trips(entry: Entry) -> None:
    complete = entry._replace(scanned=True, titled=False)  # only complete entries are cached
    assert Entry.from_row(json.loads(json.dumps(entry.to_row()))) == complete
