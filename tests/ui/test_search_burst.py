"""Keys typed fast after `/` belong to the search box, never to the tag or screen commands.

The Input only takes focus after a deferred call, so a burst that arrives with `/` in one read from the
terminal used to reach the article's bindings: `c` tagged, `A` opened the annotations screen.
"""

from __future__ import annotations

from pathlib import Path

from textual import events

from reader.screens.reading import ReadingScreen
from reader.widgets.search_box import SearchBox

SENTENCE = "The district council said on Monday that the {n}th bridge would stay closed for repairs. "


def burst(app, *keys: tuple[str, str | None]) -> None:
    """Keys as the driver delivers one read of the terminal: all queued before any is handled."""
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_keys_right_after_slash_go_to_the_search_box(ui, make_app, store, tmp_path: Path) -> None:
    folder = tmp_path / "large"
    folder.mkdir()
    body = "".join(SENTENCE.format(n=n) + ("\n\n" if n % 5 == 4 else "") for n in range(12_000))
    (folder / "large.txt").write_text("A Large Article\n\n" + body, encoding="utf-8")
    assert (folder / "large.txt").stat().st_size > 1_000_000
    app = make_app(folder)
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        burst(app, ("slash", "/"), ("c", "c"), ("q", "q"), ("f", "f"), ("A", "A"))
        await ui.settle(app, pilot)
        assert store.annotations(screen.ref.id) == []
        assert isinstance(app.screen, ReadingScreen)
        box = screen.query_one(SearchBox)
        assert box.has_focus and box.value == "cqfA"
        burst(app, ("enter", None))  # the box works as ever once it has focus
        await ui.settle(app, pilot)
        assert not box.is_open and screen.view.has_focus


async def test_enter_and_escape_in_the_burst_act_on_the_search(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        burst(app, ("slash", "/"), ("B", "B"), ("e", "e"), ("l", "l"), ("enter", None))
        await ui.settle(app, pilot)
        assert screen.hits and store.annotations(screen.ref.id) == []
        burst(app, ("slash", "/"), ("c", "c"), ("escape", None), ("j", "j"))
        await ui.settle(app, pilot)
        assert store.annotations(screen.ref.id) == []
        assert not screen.query_one(SearchBox).is_open and isinstance(app.screen, ReadingScreen)
