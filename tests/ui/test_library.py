"""The library screen with Pilot: listing, marks, sorting, filtering, opening, and the global commands."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from reader.screens.library import LibraryScreen
from reader.screens.reading import ReadingScreen
from reader.widgets.document_table import DocumentTable


def table(app) -> DocumentTable:
    return app.screen.query_one(DocumentTable)


def shown(app) -> list[str]:
    """The rows as rendered, top to bottom (the header is row 0)."""
    view = table(app)
    return [view.render_line(y).text for y in range(1, len(view.rows) + 1)]


async def test_lists_every_seed_with_title_and_counts(ui, make_app, articles: Path) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        rows = table(app).rows
        assert sorted(r.entry.relpath for r in rows) == sorted(p.name for p in articles.iterdir())
        assert all(r.entry.scanned and r.entry.title and r.entry.sentences > 0 for r in rows)
        lines = shown(app)
        for row, line in zip(rows, lines, strict=True):
            assert row.entry.title[:20] in line
            assert f"0/{row.entry.sentences}" in line
        assert not any(bar.display for bar in app.screen.query("#scan"))
        status = app.screen.query_one("#status").render().plain
        assert "5 documents" in status and "tester" in status


async def test_marks_unreadable_files_with_the_reason(ui, make_app, articles: Path) -> None:
    (articles / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        [broken] = [r for r in table(app).rows if r.entry.relpath == "broken.txt"]
        assert broken.entry.error and broken.mark == "✗"
        line = next(line for line in shown(app) if "broken.txt" in line)
        assert line.lstrip().startswith("✗") and "unreadable" in line
        table(app).move_to(table(app).rows.index(broken))
        await ui.press(app, pilot, "enter")
        assert isinstance(app.screen, LibraryScreen)  # not opened; a notification says why


async def test_a_dangling_link_and_a_fifo_are_listed_once_with_a_plain_reason(
    ui, make_app, articles: Path
) -> None:
    (articles / "gone.txt").symlink_to(articles / "nowhere.txt")
    os.mkfifo(articles / "pipe.txt")
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ui.settle(app, pilot)
        rows = {r.entry.relpath: r for r in table(app).rows}
        assert rows["gone.txt"].entry.error == "file not found"
        assert rows["pipe.txt"].entry.error.startswith("not a regular file")
        lines = shown(app)
        gone = next(line for line in lines if "gone.txt" in line)
        assert "unreadable: file not found" in gone and gone.count("unreadable") == 1
        assert len([r for r in rows.values() if not r.entry.error]) == 5


async def test_a_corrupt_store_file_is_not_cached_as_an_unreadable_article(
    ui, articles: Path, store, tmp_path: Path
) -> None:
    from annotations import DocumentRef, Store
    from reader.app import ReaderApp
    from reader.text.corpus import discover, read_document

    first = sorted(articles.iterdir())[0]
    doc = read_document(first)
    ref = DocumentRef(doc.id, first.name, doc.text)
    store.add(ref, "claim", 0, 20)
    store.add(ref, "fact", 0, 20)
    [docfile] = (store.location / "docs").rglob("*.jsonl")
    docfile.write_text(docfile.read_text()[:50])  # its snapshot line torn: the file cannot be read

    def row(app):
        return next(r for r in table(app).rows if r.entry.relpath == first.name)

    app = ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache")
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        error = row(app).entry.error
        assert error and "stats --recover" in error and "analysis failed" not in error
    Store.recover(store.location)
    with Store.open(store.location, annotator="tester") as recovered:
        app = ReaderApp(discover([articles]), recovered, cache_dir=tmp_path / "cache")
        async with app.run_test(size=ui.size) as pilot:
            await ui.settle(app, pilot)
            assert row(app).entry.error is None and row(app).entry.sentences > 0


async def test_tag_count_and_orphans_show_after_going_back(ui, make_app, articles: Path, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        path = screen.entry.relpath
        await ui.press(app, pilot, "c", "j", "j", "f")
        await ui.press(app, pilot, "escape")
        assert isinstance(app.screen, LibraryScreen)
        await ui.settle(app, pilot)
        [row] = [r for r in table(app).rows if r.entry.relpath == path]
        assert row.tagged == 2
        assert any(path[:12] in line and f"2/{row.entry.sentences}" in line for line in shown(app))
    # The file changes so much that the annotations cannot be placed again: they become orphans.
    (articles / path).write_text("Something else entirely.\n\nNothing of the old text remains here.\n")
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        [row] = [r for r in table(app).rows if r.entry.relpath == path]
        assert row.orphans == 2 and row.mark == "!"
        line = next(line for line in shown(app) if path[:12] in line)
        assert line.lstrip().startswith("!")


async def test_sort_by_title_date_and_progress(ui, make_app, articles: Path) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "t")
        titles = [r.entry.title.casefold() for r in table(app).rows]
        assert titles == sorted(titles)
        await ui.press(app, pilot, "t")
        assert [r.entry.title.casefold() for r in table(app).rows] == sorted(titles, reverse=True)
        await ui.press(app, pilot, "d")
        dates = [r.entry.date for r in table(app).rows]
        known = [d for d in dates if d]
        assert known == sorted(known) and dates[: len(known)] == known  # undated last
        # Progress: tag one document, it sorts last ascending and first when reversed.
        table(app).move_to(2)
        tagged = table(app).current.entry.relpath
        await ui.press(app, pilot, "enter")
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "c", "escape")
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "p")
        assert table(app).rows[-1].entry.relpath == tagged
        await ui.press(app, pilot, "p")
        assert table(app).rows[0].entry.relpath == tagged
        assert "sorted by progress (reversed)" in app.screen.query_one("#status").render().plain


async def test_filter_as_you_type_and_escape(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        everything = len(table(app).rows)
        target = table(app).rows[3].entry
        word = target.relpath[:7]
        await ui.press(app, pilot, "slash")
        assert app.screen.query_one("#filter", Input).has_focus
        await ui.press(app, pilot, *word)
        assert [r.entry.relpath for r in table(app).rows] == [target.relpath]
        assert f"1 of {everything} documents" in app.screen.query_one("#status").render().plain
        await ui.press(app, pilot, "enter")  # opens the only match
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.entry.relpath == target.relpath
        await ui.press(app, pilot, "escape")
        await ui.press(app, pilot, "escape")
        assert len(table(app).rows) == everything
        assert not app.screen.query_one("#filter", Input).display


async def test_enter_opens_the_highlighted_document(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "j", "j")
        expected = table(app).current.entry.relpath
        await ui.press(app, pilot, "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.entry.relpath == expected


async def test_a_large_folder_lists_at_once_then_fills_in(
    ui, make_app, articles: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big"
    big.mkdir()
    seeds = sorted(articles.iterdir())
    for n in range(600):
        shutil.copy(seeds[n % len(seeds)], big / f"{n:04d}.txt")
    app = make_app(big)
    async with app.run_test(size=ui.size) as pilot:
        await pilot.pause()
        assert len(table(app).rows) == 600  # every file listed before the pipeline has read them
        await ui.settle(app, pilot)
        assert all(r.entry.scanned and r.entry.sentences for r in table(app).rows)
        assert not any(bar.display for bar in app.screen.query("#scan"))
    # The second start reads the cache: every entry is complete in the first batch.
    app = make_app(big)
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        assert all(r.entry.scanned for r in table(app).rows)


async def test_annotations_command_jumps_to_the_annotation(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot, 1)
        await ui.press(app, pilot, "G", "k", "q", "escape")
        target = screen.entry.relpath
        await ui.press(app, pilot, "A")
        from reader.screens.annotations import AnnotationsScreen

        assert isinstance(app.screen, AnnotationsScreen)
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "enter")
        await ui.settle(app, pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and reading.entry.relpath == target
        assert reading.view.cursor == len(reading.view.sentences) - 2


async def test_palette_lists_screen_commands_and_export(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Filter",
            "By date",
            "By title",
            "By progress",
            "Annotations",
            "Export annotations...",
        } <= titles
        await ui.press(app, pilot, "enter")
        await ui.settle(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Claim", "Quote", "Fact", "Select", "Stripped", "Search"} <= titles
        assert "Undo" not in titles  # nothing to undo: hidden from the palette
        await ui.press(app, pilot, "c")
        assert "Undo" in {command.title for command in app.get_system_commands(app.screen)}
        # Running a palette command runs the same action as its key.
        await ui.press(app, pilot, "ctrl+p")
        await ui.press(app, pilot, *"Export annotations")
        await ui.press(app, pilot, "enter")
        from reader.screens.export import ExportDialog

        assert isinstance(app.screen, ExportDialog)


def run_reader(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_a_bad_path_is_one_line_before_the_app_starts(tmp_path: Path) -> None:
    result = run_reader(str(tmp_path / "nowhere"), "--store", str(tmp_path / "store"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_bad_store_is_one_line_before_the_app_starts(tmp_path: Path, articles: Path) -> None:
    not_a_folder = tmp_path / "store-file"
    not_a_folder.write_text("x")
    result = run_reader(str(articles), "--store", str(not_a_folder))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(not_a_folder) in result.stderr
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    result = run_reader(str(articles), env_extra={"READER_STORE": str(foreign)})
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_a_folder_without_articles_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_reader(str(empty), "--store", str(tmp_path / "store"))
    assert result.returncode == 2 and "no articles" in result.stderr and result.stderr.count("\n") == 1


async def test_double_click_opens_and_f1_is_help(ui, make_app) -> None:
    from reader.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await pilot.click(DocumentTable, offset=(5, 3))
        await ui.settle(app, pilot)
        assert table(app).cursor == 2 and isinstance(app.screen, LibraryScreen)
        expected = table(app).rows[2].entry.relpath
        await pilot.click(DocumentTable, offset=(5, 3), times=2)
        await ui.settle(app, pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.entry.relpath == expected
        await ui.press(app, pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_annotations_from_the_reading_screen_replace_it(ui, make_app, store) -> None:
    from reader.screens.annotations import AnnotationsScreen

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot, 0)
        target = screen.entry.relpath
        await ui.press(app, pilot, "G", "f", "g")
        await ui.press(app, pilot, "right_curly_bracket")  # the same screen now reads another document
        assert screen.entry.relpath != target
        await ui.press(app, pilot, "A")
        assert isinstance(app.screen, AnnotationsScreen)
        await ui.settle(app, pilot)
        await ui.press(app, pilot, "enter")
        await ui.settle(app, pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and reading.entry.relpath == target
        assert reading.view.cursor == len(reading.view.sentences) - 1
        assert [type(s).__name__ for s in app.screen_stack] == ["LibraryScreen", "ReadingScreen"]
