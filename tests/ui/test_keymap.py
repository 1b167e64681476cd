"""User keymaps (config file and $READER_KEYMAP) remap keys; messages name the keys of the label set."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.store import Store
from reader.app import ReaderApp
from reader.text.corpus import discover
from reader.widgets.key_bar import KeyBar


def tags(store: Store, screen) -> list[tuple[str, int, int]]:
    return sorted((a.label, a.start, a.end) for a in store.annotations(screen.ref.id))


async def claim_with_big_c(ui, make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        start, end = screen.view.sentences[0]
        await ui.press(app, pilot, "c")  # the old key does nothing now
        assert tags(store, screen) == []
        await ui.press(app, pilot, "C")
        assert tags(store, screen) == [("claim", start, end)]
        assert "claim" in screen.view.labels_at(start, end)  # the gutter shows it
        assert "C/q/f tag" in screen.query_one(KeyBar).shown


async def test_a_keymap_from_the_config_file(ui, make_app, store, tmp_path, monkeypatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"reading.claim" = "C"\n')
    monkeypatch.setenv("READER_CONFIG", str(config))
    await claim_with_big_c(ui, make_app, store)


async def test_a_keymap_from_the_environment(ui, make_app, store, monkeypatch) -> None:
    monkeypatch.setenv("READER_KEYMAP", "reading.claim=C")
    await claim_with_big_c(ui, make_app, store)


async def test_a_bad_keymap_is_one_notification_and_the_rest_applies(
    ui, make_app, store, tmp_path, monkeypatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keymap\n")
    monkeypatch.setenv("READER_CONFIG", str(config))
    monkeypatch.setenv("READER_KEYMAP", "reading.nope=x,reading.quote=Q")
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert len(messages) == 2
        assert str(config) in messages[0] and "reading.nope" in messages[1]
        screen = await ui.open_document(app, pilot)
        start, end = screen.view.sentences[0]
        await ui.press(app, pilot, "Q")
        assert tags(store, screen) == [("quote", start, end)]


@pytest.fixture
def labelled(articles: Path, tmp_path: Path):
    opened: list[Store] = []

    def make(*labels: str) -> tuple[ReaderApp, Store]:
        store = Store.open(tmp_path / f"store-{len(opened)}", annotator="tester", labels=labels)
        opened.append(store)
        return ReaderApp(discover([articles]), store, cache_dir=tmp_path / "cache"), store

    yield make
    for store in opened:
        store.close()


@pytest.mark.parametrize(
    ("labels", "bar", "keys"),
    [
        (("claim", "quote", "fact"), "c/q/f tag", "c, q or f"),
        (("claim", "quote", "fact", "opinion"), "c/q/f/4 tag", "c, q, f or 4"),
        (("quote", "fact", "opinion"), "q/f/3 tag", "q, f or 3"),
        (("opinion", "rumour"), "1/2 tag", "1 or 2"),
    ],
)
async def test_messages_name_the_keys_of_the_label_set(ui, labelled, labels, bar, keys) -> None:
    app, _store = labelled(*labels)
    async with app.run_test(size=(140, 30)) as pilot:
        await ui.press(app, pilot, "A")
        status = str(app.screen.query_one("#annotations-status").render())
        assert f"tag sentences with {keys} while reading" in status
        await ui.press(app, pilot, "escape")
        screen = await ui.open_document(app, pilot)
        assert bar in screen.query_one(KeyBar).shown
        await ui.press(app, pilot, "e")  # a note on an untagged sentence: says how to tag
        assert f"Tag the sentence first ({keys})" in [n.message for n in app._notifications][-1]
        await ui.press(app, pilot, "question_mark")
        legend = str(app.screen.query_one("#legend").render())
        for label, key in zip(labels, keys.replace(" or ", ", ").split(", "), strict=True):
            assert f"{label} ({key})" in legend
