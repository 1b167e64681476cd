"""Regressions found by using the app for real, with Pilot: each test failed before its fix."""

from __future__ import annotations

import os
from pathlib import Path

from reader.widgets.document_table import DocumentTable


def shown(app) -> list[str]:
    view = app.screen.query_one(DocumentTable)
    return [view.render_line(y).text for y in range(1, len(view.rows) + 1)]


async def test_a_dangling_link_and_a_fifo_are_listed_once_with_a_plain_reason(
    ui, make_app, articles: Path
) -> None:
    (articles / "gone.txt").symlink_to(articles / "nowhere.txt")
    os.mkfifo(articles / "pipe.txt")
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await ui.settle(app, pilot)
        rows = {r.entry.relpath: r for r in app.screen.query_one(DocumentTable).rows}
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
    store.add(ref, "fact", 0, 20)  # a second write, so the store keeps a good .bak
    [docfile] = (store.location / "docs").glob("*.json")
    docfile.write_text(docfile.read_text()[:50])  # a torn write

    def row(app):
        return next(r for r in app.screen.query_one(DocumentTable).rows if r.entry.relpath == first.name)

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


async def test_a_one_sentence_article_says_1_sentence(ui, make_app, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "one.txt").write_text("The only sentence of this little article is long enough to be kept.\n")
    app = make_app(folder)
    async with app.run_test(size=ui.size) as pilot:
        await ui.open_document(app, pilot)
        meta = str(app.screen.query_one("#meta").render())
        assert meta.endswith("· 1 sentence"), meta


async def test_panel_j_k_move_in_the_list_and_enter_right_after_tab_jumps(ui, make_app) -> None:
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c", "j", "j", "f", "j", "j", "q", "g")
        tagged = [a.start for a in screen.state.annotations]
        await ui.press(app, pilot, "tab")
        panel = screen.query_one("#panel", OptionList)
        assert panel.has_focus and panel.highlighted == 0  # Enter works at once
        await ui.press(app, pilot, "j", "j")
        assert panel.highlighted == 2 and screen.view.cursor == 0  # the list moved, not the article
        await ui.press(app, pilot, "k")
        assert panel.highlighted == 1
        await ui.press(app, pilot, "enter")
        assert screen.view.sentences[screen.view.cursor][0] == tagged[1]
