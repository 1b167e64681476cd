"""A document listed by the scan's first pass (title and date, sentences not counted yet) opens and reads."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.screens.library import LibraryScreen
from reader.screens.reading import ReadingScreen
from reader.services.catalog import Catalog
from reader.text.corpus import discover, read_document
from reader.widgets.document_table import DocumentTable


async def test_a_first_pass_entry_opens_with_its_sentences(
    ui, make_app, articles: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big"
    big.mkdir()
    for n, seed in enumerate(sorted(articles.iterdir()) * 6):
        shutil.copy(seed, big / f"{n:03d}-{seed.name}")
    scan = Catalog(discover([big]), cache_dir=tmp_path / "other-cache").scan(batch_size=10)
    entry = next(scan)[0]
    scan.close()
    assert entry.titled and not entry.scanned and entry.sentences == 0
    app = make_app(big)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        library.entries[entry.path] = entry  # as the table holds it before the second pass
        library.open_entry(entry)
        await ui.settle(app, pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and reading.analysis is not None
        assert reading.analysis.title == entry.title and reading.analysis.date == entry.date
        assert reading.analysis.sentences and reading.entry.scanned
        await ui.press(app, pilot, "escape")
        assert app.screen is library
        [row] = [r for r in library.query_one(DocumentTable).rows if r.entry.path == entry.path]
        assert row.entry.scanned and row.entry.sentences == len(reading.analysis.sentences)


async def test_inside_the_app_the_first_pass_runs_in_worker_processes(
    ui, make_app, articles: Path, tmp_path: Path
) -> None:
    """Textual replaces sys.stderr, which once made every pool fail and the scan fall back to one thread."""
    big = tmp_path / "many"
    big.mkdir()
    for n, seed in enumerate(sorted(articles.iterdir()) * 52):
        shutil.copy(seed, big / f"{n:03d}-{seed.name}")
    app = make_app(big)
    app.catalog.processes_from = 1
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        for _ in range(600):
            if not library.scanning:
                break
            await pilot.pause(0.05)
        assert app.catalog.titled_in_processes == 260  # the workers did the first pass, not the thread
        rows = library.query_one(DocumentTable).rows
        assert len(rows) == 260 and all(r.entry.title for r in rows)


async def test_a_large_library_with_a_cache_lists_every_file_from_its_first_batch(
    ui, make_app, articles: Path, tmp_path: Path
) -> None:
    """Above the first-frame limit the cache is read by the scan: its first batch fills the table,
    with the cached titles; a changed file (a placeholder at first) is read again."""
    big = tmp_path / "cached"
    big.mkdir()
    for n, seed in enumerate(sorted(articles.iterdir()) * 4):
        shutil.copy(seed, big / f"{n:03d}-{seed.name}")
    warm = make_app(big)
    async with warm.run_test(size=ui.size) as pilot:
        await ui.settle(warm, pilot)
        for _ in range(600):
            if not warm.screen.scanning:
                break
            await pilot.pause(0.05)
    changed = sorted(big.iterdir())[3]
    changed.write_text("A changed file\n\nIts text is new, so the cache cannot answer for it.\n")
    app = make_app(big)
    app.catalog.first_frame_limit = 5
    assert app.catalog.first_entries() == []
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        for _ in range(600):
            if not app.screen.scanning:
                break
            await pilot.pause(0.05)
        rows = app.screen.query_one(DocumentTable).rows
        assert [r.entry.path for r in rows] == [str(p) for p in app.catalog.corpus.files]
        assert all(r.entry.scanned and r.entry.title for r in rows)
        [again] = [r.entry for r in rows if r.entry.path == str(changed)]
        assert again.document_id == read_document(changed).id
