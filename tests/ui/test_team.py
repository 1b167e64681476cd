"""Working as a team in the app: review mode (who tagged what, whose tags are shown), the finished mark
(F, undoable, shown in the library), screens that follow what others write, and the palette's Sync."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from annotations.store import Store
from reader.screens.library import LibraryScreen
from reader.widgets.annotation_panel import AnnotationPanel
from reader.widgets.document_table import DocumentTable
from reader.widgets.status import StatusLine


def other(store: Store, name: str) -> Store:
    """The same store folder opened by another annotator (as a second process would)."""
    return Store.open(store.location, annotator=name)


def row_gutter(screen, offset: int) -> str:
    """The gutter text of the screen row showing `offset` (cursor, ?, label letters, review letters)."""
    view = screen.view
    row = view.row_of(offset) - int(view.scroll_y)
    strip = view.render_line(row)
    return "".join(segment.text for segment in strip)[: view.gutter_width]


async def test_review_mode_shows_who_tagged_and_filters_whose_tags(ui, make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref = screen.ref
        view = screen.view
        s0, e0 = view.sentences[0]
        # a sentence that starts on a row of its own, below sentence 0's rows
        second = next(n for n, (s, _) in enumerate(view.sentences) if view.row_of(s) > view.row_of(e0) + 1)
        s1, e1 = view.sentences[second]
        await ui.press(app, pilot, "c")  # tester tags sentence 0
        with other(store, "maria") as maria:
            maria.add(ref, "claim", s0, e0)
            maria.add(ref, "quote", s1, e1)
        await pilot.pause(1.3)  # the screen's watch looks once a second
        await ui.settle(app, pilot)
        assert {a.annotator for a in screen.state.annotations} == {"tester", "maria"}
        await ui.press(app, pilot, "R")
        assert screen.review.on
        # A letter per annotator, readable without colour: T (the user, first) and M.
        assert row_gutter(screen, s0).rstrip().endswith("MT")
        assert row_gutter(screen, s1).rstrip().endswith("M")
        status = app.screen.query_one(StatusLine).plain
        assert "review: everyone" in status and "M:maria 2" in status and "T:tester 1" in status
        await ui.press(app, pilot, "tab")
        panel = app.screen.query_one(AnnotationPanel)
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("maria:" in p for p in prompts) and any("tester:" in p for p in prompts)
        await ui.press(app, pilot, "tab")
        # w: everyone -> mine -> maria -> everyone
        await ui.press(app, pilot, "w")
        assert "review: mine" in app.screen.query_one(StatusLine).plain
        assert screen.view.labels_at(s1, e1) == []  # maria's quote is not shown
        assert screen.view.labels_at(s0, e0) == ["claim"]
        await ui.press(app, pilot, "w")
        assert "review: maria" in app.screen.query_one(StatusLine).plain
        assert screen.view.labels_at(s1, e1) == ["quote"]
        # Tag keys still act on the user's own tags: c on sentence 1 adds tester's claim there.
        view.move_to(second)
        await ui.press(app, pilot, "c")
        assert sorted((a.annotator, a.label) for a in store.annotations(ref.id) if a.start == s1) == [
            ("maria", "quote"),
            ("tester", "claim"),
        ]
        await ui.press(app, pilot, "w")
        assert "review: everyone" in app.screen.query_one(StatusLine).plain
        await ui.press(app, pilot, "R")
        assert not screen.review.on and "review:" not in app.screen.query_one(StatusLine).plain


async def test_f_marks_finished_undo_takes_it_back_and_the_library_shows_it(
    ui, make_app, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref = screen.ref
        with other(store, "maria") as maria:
            maria.add(ref, "claim", *screen.view.sentences[0])
        await ui.press(app, pilot, "c", "F")
        assert store.finished_by(ref.id) == ["tester"]
        assert "finished by you" in app.screen.query_one(StatusLine).plain
        await ui.press(app, pilot, "u")
        assert store.finished_by(ref.id) == []
        await ui.press(app, pilot, "F")
        assert store.finished_by(ref.id) == ["tester"]
        await ui.press(app, pilot, "escape")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.pause(0.2)
        await ui.settle(app, pilot)
        table = library.query_one(DocumentTable)
        row = next(r for r in table.rows if r.entry.document_id == ref.id)
        assert row.team == "M T✓"
        assert "M=maria" in library.query_one(StatusLine).plain


async def test_the_library_follows_another_annotators_writes(ui, make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref, span = screen.ref, screen.view.sentences[0]
        await ui.press(app, pilot, "c", "escape")
        library = app.screen
        with other(store, "maria") as maria:
            maria.add(ref, "fact", *span)
            maria.set_finished(ref)
        waited = time.monotonic()
        row = None
        while time.monotonic() - waited < 6:
            await pilot.pause(0.2)
            table = library.query_one(DocumentTable)
            row = next(r for r in table.rows if r.entry.document_id == ref.id)
            if row.team:
                break
        assert row is not None and row.team == "M✓ T", "the library did not follow within ~2 s"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
async def test_the_palette_sync_brings_the_teams_tags_into_the_open_document(
    ui, make_app, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    bare = tmp_path / "team.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    from annotations.sync import sync

    sync(store, bare.as_uri())
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref = screen.ref
        start, end = screen.view.sentences[2]
        # Maria, on her machine, tags this document and syncs.
        with Store.open(tmp_path / "maria", annotator="maria") as maria:
            sync(maria, bare.as_uri())
            maria.add(ref, "quote", start, end)
            sync(maria)
        app.action_sync()
        await pilot.pause(0.1)
        await ui.settle(app, pilot)
        waited = time.monotonic()
        while "quote" not in screen.view.labels_at(start, end) and time.monotonic() - waited < 10:
            await pilot.pause(0.1)
        assert "quote" in screen.view.labels_at(start, end)
        assert app.screen is screen  # the sync dialog closed itself
        notices = [n.message for n in app._notifications]
        assert any(m.startswith("sync: received from maria +1 tags in 1 document") for m in notices), notices


async def test_a_refill_makes_again_only_the_rows_whose_document_changed(ui, make_app, store: Store) -> None:
    """The library keeps each row while its entry, its summary and the Team letters are the same (a
    refill of 30,000 rows took 0.4 s); a document another annotator tagged gets a new row."""
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref, spans = screen.ref, screen.view.sentences
        await ui.press(app, pilot, "c", "escape")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await ui.settle(app, pilot)
        before = {r.entry.path: r for r in library.rows()}
        assert all(row is before[path] for path, row in ((r.entry.path, r) for r in library.rows()))
        with other(store, "tester") as again:
            again.add(ref, "fact", *spans[1])
        waited = time.monotonic()
        changed: list[str] = []
        while not changed and time.monotonic() - waited < 6:
            await pilot.pause(0.2)
            after = {r.entry.path: r for r in library.rows()}
            changed = [path for path, row in after.items() if row is not before[path]]
        assert len(changed) == 1
        row = after[changed[0]]
        assert row.entry.document_id == ref.id and row.tagged == before[changed[0]].tagged + 1
