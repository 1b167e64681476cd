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
