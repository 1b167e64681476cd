"""Keys typed faster than the store writes: every key means what it meant when it was pressed. A tag
key's write runs in a worker that starts after the keys already typed, so it must not look at the
cursor again (it used to: `c j` tagged the next sentence)."""

from __future__ import annotations

from textual import events

from reader.screens.reading import ReadingScreen


def typed(app, *keys: str) -> None:
    """Keys queued at once, as a fast typist or a terminal's paste delivers them."""
    for key in keys:
        app.post_message(events.Key(key, key))


def tags(store, screen: ReadingScreen) -> list[tuple[str, int, int]]:
    return sorted((a.label, a.start, a.end) for a in store.annotations(screen.ref.id))


async def test_tag_keys_typed_at_once_tag_where_each_was_pressed(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        sentences = screen.view.sentences
        typed(app, "c", "j", "c", "j", "f", "j")
        await ui.settle(app, pilot)
        assert tags(store, screen) == [
            ("claim", *sentences[0]),
            ("claim", *sentences[1]),
            ("fact", *sentences[2]),
        ]
        assert screen.view.cursor == 3
        typed(app, "k", "x", "k", "x")  # clear sentence 2, then sentence 1
        await ui.settle(app, pilot)
        assert tags(store, screen) == [("claim", *sentences[0])]
        assert screen.view.cursor == 1


async def test_suggestion_keys_typed_at_once_take_the_suggestion_they_were_pressed_on(
    ui, make_app, store
) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        layer = screen.suggestions
        first = layer.here()
        while first is None:
            await ui.press(app, pilot, "j")
            first = layer.here()
        typed(app, "a", "j")
        await ui.settle(app, pilot)
        assert (first.label, first.start, first.end) in tags(store, screen)
        assert len(tags(store, screen)) == 1
