"""The library's two-pass scan: the pipeline's own titles and dates first, sentence counts after.

The first pass must decide exactly what `analyse()` decides, and what it yields must never be cached
as a complete entry.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from reader.services.catalog import Catalog
from reader.services.entries import Entry
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse, title_and_date

DATE_STYLES = (
    "{d:%B} {d.day}, {d.year}",
    "{d:%Y-%m-%d}",
    "{d.day} {d:%b}. {d.year}",
    "Published {d:%d %B %Y}",
)
CLUTTER = ("Subscribe to our newsletter", "Home | World | Politics", "Share this article", "Advertisement")


def generated_folder(target: Path, seeds_dir: Path, count: int) -> Path:
    """Saved pages built from the seeds' paragraphs: clutter, a date in one of several forms, a headline."""
    target.mkdir()
    rng = random.Random(11)
    seeds = [
        [ln.strip() for ln in read_document(p).text.splitlines() if len(ln.split()) >= 8]
        for p in sorted(seeds_dir.glob("*.txt"))
    ]
    for n in range(count):
        body = list(seeds[n % len(seeds)])
        rng.shuffle(body)
        day = date(2022, 1, 1) + timedelta(days=rng.randrange(1200))
        lines = [
            rng.choice(CLUTTER),
            DATE_STYLES[n % len(DATE_STYLES)].format(d=day),
            " ".join(body[0].split()[:8]) + f" ({n})",
            "",
            *(p + "\n" for p in body[: 2 + rng.randrange(max(1, len(body) - 1))]),
            rng.choice(CLUTTER),
        ]
        (target / f"{n:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    return generated_folder(tmp_path / "generated", seeds_dir, 40)


def seeds_copy(tmp_path: Path, seeds_dir: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(seeds_dir, target)
    return target


@pytest.mark.parametrize("which", ["seeds", "generated"])
def test_title_and_date_are_exactly_the_analysis(which: str, tmp_path: Path, seeds_dir: Path) -> None:
    root = (
        seeds_copy(tmp_path, seeds_dir)
        if which == "seeds"
        else generated_folder(tmp_path / "g", seeds_dir, 40)
    )
    catalog = Catalog(discover([root]), cache_dir=tmp_path / "cache")
    dated = 0
    for path in catalog.corpus.files:
        document = read_document(path)
        folder = catalog.folder_stats(path)
        analysis = analyse(document, folder=folder)
        assert title_and_date(document, folder=folder) == (analysis.title, analysis.date), path.name
        assert title_and_date(document) == (analyse(document).title, analyse(document).date), path.name
        dated += analysis.date is not None
    assert dated  # the comparison covers dates, not only None == None


def test_title_and_date_follow_line_overrides(tmp_path: Path, seeds_dir: Path) -> None:
    changed = 0
    for path in sorted(seeds_copy(tmp_path, seeds_dir).iterdir()):
        document = read_document(path)
        analysis = analyse(document)
        kept = [line.text for line in analysis.lines if line.kept]
        dropped = [line.text for line in analysis.lines if not line.kept]
        for overrides in (
            {t: False for t in kept[1:4]},
            {t: False for t in kept},
            {t: True for t in dropped},
        ):
            expected = analyse(document, overrides=overrides)
            assert title_and_date(document, overrides=overrides) == (expected.title, expected.date)
            changed += (expected.title, expected.date) != (analysis.title, analysis.date)
    assert changed  # an override did change a title or date: the comparison is not vacuous


def scan_passes(catalog: Catalog, batch_size: int) -> tuple[list[list[Entry]], list[list[Entry]]]:
    first: list[list[Entry]] = []
    second: list[list[Entry]] = []
    for batch in catalog.scan(batch_size=batch_size):
        (second if second or all(e.scanned for e in batch) else first).append(batch)
    return first, second


def test_the_first_pass_lists_the_pipelines_titles_then_the_second_completes(
    folder: Path, tmp_path: Path
) -> None:
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    first, second = scan_passes(catalog, batch_size=10)
    titled = {e.path: e for batch in first for e in batch}
    complete = {e.path: e for batch in second for e in batch}
    assert len(titled) == len(complete) == 40
    for path, entry in titled.items():
        assert entry.titled and entry.title_known and not entry.scanned and entry.spans == ()
        full = complete[path]
        assert full.scanned and full.title_known and full.spans
        assert (entry.document_id, entry.title, entry.date) == (full.document_id, full.title, full.date)


def test_a_half_filled_entry_is_never_cached(folder: Path, tmp_path: Path) -> None:
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    scan = catalog.scan(batch_size=10)
    batch = next(scan)
    assert batch and all(e.titled and not e.scanned for e in batch)
    catalog.save()  # what a periodic save or a closing app would write now
    assert catalog.cached_files() == {}
    for _ in scan:
        pass
    files = catalog.cached_files()
    assert len(files) == 40 and all(data["spans"] for data in files.values())
    # The next start finds every entry complete in the cache: one batch, no pass.
    batches = list(Catalog(discover([folder]), cache_dir=tmp_path / "cache").scan(batch_size=10))
    assert len(batches) == 1 and all(e.scanned and e.spans for e in batches[0])


def test_a_document_refreshed_before_its_second_pass_is_complete(folder: Path, tmp_path: Path) -> None:
    """Opening a document whose sentences are not counted yet analyses it in full (the reading screen)."""
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    scan = catalog.scan(batch_size=10)
    entry = next(scan)[0]
    assert entry.titled and not entry.scanned
    analysis = catalog.analyse(read_document(Path(entry.path)))
    refreshed = catalog.refresh(analysis)
    assert refreshed is not None and refreshed.scanned and refreshed.spans
    assert (refreshed.title, refreshed.date) == (entry.title, entry.date)
    assert str(entry.path) in catalog.cached_files()
    scan.close()


def test_unreadable_files_are_complete_in_the_first_pass(folder: Path, tmp_path: Path) -> None:
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    found = [e for batch in catalog.scan(batch_size=10) for e in batch if e.path.endswith("binary.txt")]
    assert len(found) == 1  # listed once, complete: the second pass skips it
    assert found[0].scanned and found[0].error == "binary file, not text"


def test_the_first_pass_in_worker_processes_agrees(folder: Path, tmp_path: Path) -> None:
    """Many new files: the first pass runs in spawned workers, and finds exactly what `analyse()` finds."""
    (folder / "binary.txt").write_bytes(b"\x00\xff\x00" * 100)
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    catalog.processes_from = 1
    first, _ = scan_passes(catalog, batch_size=10)
    assert catalog.titled_in_processes == 41  # the workers did it, not the fallback in this thread
    titled = {e.path: e for batch in first for e in batch if e.titled}
    assert len(titled) == 40
    for path, entry in titled.items():
        document = read_document(Path(path))
        analysis = analyse(document, folder=catalog.folder_stats(Path(path)))
        assert (entry.document_id, entry.title, entry.date) == (document.id, analysis.title, analysis.date)
    [broken] = [e for e in catalog.entries if e.path.endswith("binary.txt")]
    assert broken.scanned and broken.error == "binary file, not text"
    assert all(e.scanned for e in catalog.entries)


def test_titles_in_processes_ships_folders_once_and_answers_in_order(folder: Path, tmp_path: Path) -> None:
    from reader.services.title_pass import titles_in_processes

    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    paths = [str(p) for p in catalog.corpus.files]
    folders = {folder: catalog.folder_stats(catalog.corpus.files[0])}
    found = [f for chunk in titles_in_processes(paths, folders, workers=2, chunk=7) for f in chunk]
    assert len(found) == len(paths)
    for path, item in zip(paths, found, strict=True):
        assert item is not None
        document = read_document(Path(path))
        analysis = analyse(document, folder=folders[folder])
        assert item == (document.id, analysis.title, analysis.date, None)


def test_title_and_date_agree_on_real_pages(shared_data: Path, tmp_path: Path) -> None:
    """Saved pages from many sites: the first pass's title and date are `analyse()`'s, page by page."""
    pages = tmp_path / "pages"
    pages.mkdir()
    with (shared_data / "boilerplate_lines.jsonl").open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh):
            (pages / f"{n:03d}.txt").write_text("\n".join(json.loads(raw)["lines"]) + "\n", encoding="utf-8")
    catalog = Catalog(discover([pages]), cache_dir=tmp_path / "cache")
    dated = 0
    for path in catalog.corpus.files:
        document = read_document(path)
        folder = catalog.folder_stats(path)
        analysis = analyse(document, folder=folder)
        assert title_and_date(document, folder=folder) == (analysis.title, analysis.date), path.name
        dated += analysis.date is not None
    assert dated >= 10


def test_a_scan_closed_midway_keeps_what_is_complete(folder: Path, tmp_path: Path) -> None:
    """The app closing mid-scan closes the generator: complete entries are cached, first-pass ones are not."""
    catalog = Catalog(discover([folder]), cache_dir=tmp_path / "cache")
    scan = catalog.scan(batch_size=10)
    complete: list[Entry] = []
    for batch in scan:
        complete.extend(e for e in batch if e.scanned)
        if complete:
            break
    scan.close()
    files = catalog.cached_files()
    assert set(files) == {e.path for e in complete}
    assert 0 < len(files) < 40
