"""The status line at 80 and 100 columns keeps whole what the last key changed, and the text is at
most about 90 cells wide on a wide terminal."""

from __future__ import annotations

import re

import pytest

from reader.widgets.article_view import MEASURE
from reader.widgets.status import StatusLine


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_selection_hits_and_counts_are_never_cut(ui, make_app, store, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await ui.open_document(app, pilot, 1)
        await ui.press(app, pilot, "j", "c", "j", "q", "j", "f", "j")
        await ui.press(app, pilot, "slash", *"Belarus", "enter")
        await ui.press(app, pilot, "n", "v", "j", "j")
        assert len(store.annotations(screen.ref.id)) == 3
        hits = len(screen.hits)
        status = screen.query_one(StatusLine)
        line = status.plain
        assert line.startswith(f"selected 3 · {hits} hits · C 1 Q 1 F 1 · tagged 3/")
        assert "…" not in status.render().plain  # fitted by dropping parts whole, not cut
        assert len(line) <= size[0] - 2
        await ui.press(app, pilot, "escape", "n")
        assert re.match(rf"hit \d+/{hits} · C 1 Q 1 F 1 · tagged 3/", screen.query_one(StatusLine).plain)


async def test_the_text_measure_is_capped_on_a_wide_terminal(ui, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await ui.open_document(app, pilot, 1)
        view = screen.view
        widths = [len(view.row_text(y)) for y in range(view.row_count)]
        assert max(widths) <= MEASURE and max(widths) > MEASURE - 15
