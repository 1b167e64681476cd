"""No key sequence leaves one annotator two overlapping annotations with the same label.

Random sequences of the tag, selection, move, undo, redo and clear keys drive the real app (Pilot, a
real store on disk, another annotator's claim already there); after every key the store is checked,
and at the end the screen is checked against the store. Keys are pressed without waiting for the
writes, as a fast typist would, so a key may be decided on a state the store has moved past.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.store import Store
from reader.app import ReaderApp
from reader.text.corpus import discover

TEXT = (
    "The minister said the plan would cut costs by half. Critics were not convinced by the figures. "
    "A report published in March found the opposite. The budget grew by nine percent last year. "
    "Officials declined to comment on the report. The vote is expected next week.\n"
)
KEYS = ["c", "q", "f", "v", "j", "k", "u", "ctrl+r", "x"]


def overlapping(store: Store, document_id: str) -> list[tuple[object, ...]]:
    """Pairs of one annotator's anchored annotations with one label that overlap."""
    by_key: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for a in store.annotations(document_id):
        if not a.orphan:
            by_key[(a.annotator, a.label)].append((a.start, a.end))
    found = []
    for key, spans in by_key.items():
        spans.sort()
        found += [(key, x, y) for x, y in pairwise(spans) if y[0] < x[1]]
    return found


async def run(ui, keys: list[str], folder: Path) -> None:
    corpus = folder / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT)
    store = Store.open(folder / "store", annotator="tester")
    app = ReaderApp(discover([corpus]), store, cache_dir=folder / "cache")
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await ui.open_document(app, pilot)
            view = screen.view
            with Store.open(folder / "store", annotator="root") as root:  # someone else's claim on 1-2
                root.add(screen.ref, "claim", view.sentences[1][0], view.sentences[2][1])
            screen.store_watch.check()
            await ui.settle(app, pilot)
            for key in keys:
                await pilot.press(key)
                assert overlapping(store, screen.ref.id) == [], keys
            await ui.settle(app, pilot)
            assert overlapping(store, screen.ref.id) == [], keys
            # What the screen draws (kept up to date key by key) is what the store holds.
            end = len(screen.ref.text)
            shown = {label: sorted(screen.marks.spans(label, 0, end)) for label in store.labels}
            shown = {label: spans for label, spans in shown.items() if spans}
            held: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for a in store.annotations(screen.ref.id):
                held[a.label].append((a.start, a.end))
            assert shown == {label: sorted(spans) for label, spans in held.items()}, keys
    finally:
        store.close()


# `ui` holds no state (a class of helpers), so one instance serves every example.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keys=st.lists(st.sampled_from(KEYS), min_size=1, max_size=24))
def test_no_key_sequence_doubles_a_label(ui, keys: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(run(ui, keys, Path(folder)))
