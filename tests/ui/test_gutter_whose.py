"""The default gutter says, without colour, whose a sentence's marks are: `+` yours and someone
else's, `~` only someone else's, blank yours alone (issue 9: a tag over a colleague's is "allowed but
visibly yours"). Store first, then the screen."""

from __future__ import annotations

from annotations.store import Store
from reader.widgets.article_view import WHOSE_MARKS
from reader.widgets.status import StatusLine


def gutter(screen, sentence: int) -> str:
    view = screen.view
    first, _ = view.sentence_rows(sentence)
    return view.render_line(first - int(view.scroll_y)).text[: view.gutter_width]


def whose_column(screen, sentence: int) -> str:
    """The column after the label letters: cursor, `?`, one per label, then whose."""
    return gutter(screen, sentence)[2 + len(screen.view.labels)]


async def test_the_gutter_tells_yours_from_only_someone_elses(ui, make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref, view = screen.ref, screen.view
        alone = view.gutter_width
        await ui.press(app, pilot, "j", "q", "k")  # a quote of the user's own on sentence 1
        with Store.open(store.location, annotator="root") as root:  # root's claim on sentence 0
            root.add(ref, "claim", *view.sentences[0])
        screen.store_watch.check()
        await pilot.pause(0.3)
        await ui.settle(app, pilot)
        assert [(a.annotator, a.label) for a in store.annotations(ref.id)] == [
            ("root", "claim"),
            ("tester", "quote"),
        ]
        assert view.gutter_width == alone + 1  # the column is there once others' tags are shown
        assert "C" in gutter(screen, 0) and whose_column(screen, 0) == WHOSE_MARKS["theirs"] == "~"
        assert "Q" in gutter(screen, 1) and whose_column(screen, 1) == " "  # yours alone: blank
        await ui.press(app, pilot, "c")  # the user's claim over root's: allowed, and visibly theirs too
        assert sorted(a.annotator for a in store.annotations(ref.id) if a.label == "claim") == [
            "root",
            "tester",
        ]
        assert whose_column(screen, 0) == WHOSE_MARKS["both"] == "+"
        assert "(yours; root tagged it too)" in screen.query_one(StatusLine).message
        await ui.press(app, pilot, "c")  # and c again takes only the user's away
        assert [a.annotator for a in store.annotations(ref.id) if a.label == "claim"] == ["root"]
        assert whose_column(screen, 0) == "~"
        await ui.press(app, pilot, "R")  # review mode: the annotator letters say whose instead
        assert "~" not in gutter(screen, 0) and gutter(screen, 0).rstrip().endswith("R")
        await ui.press(app, pilot, "R")
        assert whose_column(screen, 0) == "~"
        with Store.open(store.location, annotator="root") as root:  # root's claim goes: so does the column
            root.remove_overlapping(ref, *view.sentences[0])
        screen.store_watch.check()
        await pilot.pause(0.3)
        await ui.settle(app, pilot)
        assert view.gutter_width == alone
