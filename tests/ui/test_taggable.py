"""Headings, kept captions and a scraped 'date 2023-01-13' are read, not tagged: the status's
"tagged x/y", `]`/`[` and the library's bar count only taggable sentences, so a finished article
reads 100%."""

from __future__ import annotations

from reader.widgets.document_table import DocumentTable


async def test_a_fully_tagged_article_reads_100_percent(ui, make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)  # seed 000: two sub-headings
        view = screen.view
        untaggable = [n for n, s in enumerate(screen.analysis.sentences) if not s.taggable]
        assert len(untaggable) >= 2
        taggable = len(view.sentences) - len(untaggable)
        # The first sentence by hand when it is taggable (`]` starts below the cursor); then `]` goes to
        # untagged taggable sentences only; tag each with f.
        first_taggable = 0 not in untaggable
        if first_taggable:
            await ui.press(app, pilot, "f")
        for _ in range(taggable - first_taggable):
            await ui.press(app, pilot, "right_square_bracket")
            assert view.cursor not in untaggable
            await ui.press(app, pilot, "f")
        tagged = {(a.start, a.end) for a in store.annotations(screen.ref.id)}
        assert len(tagged) == taggable
        assert all(view.sentences[n] not in tagged for n in untaggable)
        assert f"tagged {taggable}/{taggable}" in screen.query_one("#status").render().plain
        await ui.press(app, pilot, "right_square_bracket")
        assert "No untagged sentence below." in [n.message for n in app._notifications][-1]
        await ui.press(app, pilot, "escape")
        row = next(
            r for r in app.screen.query_one(DocumentTable).rows if r.entry.relpath == screen.entry.relpath
        )
        assert row.entry.taggable == taggable
        assert row.tagged == taggable and row.progress == 1.0
