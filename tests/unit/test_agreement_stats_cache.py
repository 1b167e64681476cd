"""The per-document stats cache of `reader agree`: figures from cached counts, after documents change
and under every filter, equal a fresh count (no cache) of the same store; `project` equals counting
the filtered input; a damaged or foreign cache is recounted, never an error."""

from __future__ import annotations

import hashlib
import marshal
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.agreement import DocumentWork, Tally, _Coding, count_document, project
from annotations.model import DocumentRef
from annotations.store import Store
from reader.services.agreement import (
    Selection,
    finished_marks,
    measure,
    measure_in_processes,
    spans_from,
    tagged_marks,
)
from reader.services.agreement_cache import STATS_MAGIC, index_stamps, stats_dir
from reader.services.entries import Entry

LABELS = ("claim", "quote", "fact")
NAMES = ("ann", "bob", "cy", "dee")
TEXT = " ".join(f"Sentence number {n} says something." for n in range(12))


def sentence_spans() -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(TEXT):
        end = TEXT.find(".", start) + 1
        spans.append((start, end))
        start = end + 1
    return spans


SPANS = sentence_spans()


def _edit(store: Store, ref: DocumentRef, rng: random.Random) -> None:
    for _ in range(rng.randrange(1, 6)):
        start, _ = rng.choice(SPANS)
        _, end = rng.choice([s for s in SPANS if s[0] >= start][:2])  # one sentence or two
        store.toggle(ref, rng.choice(LABELS), start, end)
    if rng.random() < 0.3:
        store.set_finished(ref, rng.random() < 0.7)


def _build(location: Path, seed: int, docs: int = 12) -> tuple[list[Entry], list[DocumentRef]]:
    rng = random.Random(seed)
    ids = ["sha256:" + hashlib.sha256(f"{seed}/{n}".encode()).hexdigest() for n in range(docs)]
    refs = [DocumentRef(ids[n], f"doc{n:02d}.txt", TEXT) for n in range(docs)]  # spread over shards
    for name in NAMES:
        with Store.open(location, annotator=name) as store:
            for ref in refs:
                _edit(store, ref, rng)
                store.set_finished(ref, rng.random() < 0.8)
    entries = [Entry(str(location.parent / r.path), r.path, 0, 0, r.id, spans=tuple(SPANS)) for r in refs]
    return entries, refs


def _both(location: Path, entries: list[Entry], selection: Selection) -> tuple[object, object]:
    """(figures through the stats cache, figures counted afresh through the store's own API)."""
    with Store.open(location, annotator="ann") as store:
        finished = finished_marks(store)
        cached = measure_in_processes(
            entries,
            selection,
            finished,
            store.location,
            None,
            index_stamps(store),
            processes=1,
            tagged_by=tagged_marks(store),
            store_labels=store.labels,
        )
        fresh = measure(entries, selection, finished, spans_from(store.annotations))
    return _rounded(cached.agreement.to_json()), _rounded(fresh.agreement.to_json())


def _rounded(x: object) -> object:
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_rounded(v) for v in x]
    return round(x, 9) if isinstance(x, float) else x


SELECTIONS = [
    Selection(LABELS),
    Selection(("quote",)),
    Selection(("fact", "claim")),
    Selection(LABELS, frozenset({"ann", "cy", "dee"})),
    Selection(("claim", "quote"), frozenset({"bob", "dee"})),
]


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_cached_then_changed_equals_a_fresh_count(tmp_path_factory: object, seed: int) -> None:
    location = tmp_path_factory.mktemp("s") / "store"  # type: ignore[attr-defined]
    entries, refs = _build(location, seed)
    selections = [*SELECTIONS, Selection(LABELS, documents=frozenset({refs[0].path, refs[3].path}))]
    for selection in selections:  # first run: empty cache (every document counted and cached)
        cached, fresh = _both(location, entries, selection)
        assert cached == fresh
    rng = random.Random(seed + 1)
    for name in rng.sample(NAMES, 2):  # some documents change: tags, finished marks
        with Store.open(location, annotator=name) as store:
            for ref in rng.sample(refs, 4):
                _edit(store, ref, rng)
    for selection in selections:  # warm: most documents from the cache, the changed ones recounted
        cached, fresh = _both(location, entries, selection)
        assert cached == fresh


def test_units_changed_by_the_corpus_are_recounted(tmp_path: Path) -> None:
    location = tmp_path / "store"
    entries, _ = _build(location, 7)
    _both(location, entries, Selection(LABELS))
    fewer = [Entry(e.path, e.relpath, 0, 0, e.document_id, spans=tuple(SPANS[:-3])) for e in entries]
    cached, fresh = _both(location, fewer, Selection(LABELS))
    assert cached == fresh


def test_a_damaged_or_foreign_cache_is_recounted(tmp_path: Path) -> None:
    location = tmp_path / "store"
    entries, _ = _build(location, 11)
    first, fresh = _both(location, entries, Selection(LABELS))
    parts = sorted(stats_dir(location).glob("stats-*.marshal"))
    assert len(parts) >= 3  # the first run wrote the cache, spread over parts

    def rewrite(file: Path, change: Callable[[dict[str, Any]], None]) -> None:
        data = marshal.loads(file.read_bytes()[len(STATS_MAGIC) :])
        change(data)
        file.write_bytes(STATS_MAGIC + marshal.dumps(data))

    parts[0].write_bytes(STATS_MAGIC + b"\x00 not marshal")
    rewrite(parts[1], lambda data: data.update(coders=["zed", *data["coders"]]))  # bits meaning others
    rewrite(parts[2], lambda data: [row.__setitem__(4, "garbage") for row in data["docs"].values()])
    if len(parts) > 3:
        parts[3].write_text('{"format": 1}')  # an older version's form
    (stats_dir(location) / "coders.json").write_text("[1, 2]")
    again, fresh_again = _both(location, entries, Selection(LABELS))
    assert again == fresh_again == fresh == first


units_strategy = st.lists(
    st.lists(st.tuples(st.sampled_from(LABELS), st.integers(0, 11), st.integers(1, 2)), max_size=6),
    min_size=4,
    max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(
    tags=units_strategy,
    coders=st.sets(st.sampled_from(NAMES), min_size=2),
    labels=st.sets(st.sampled_from(LABELS), min_size=1),
)
def test_projecting_counts_equals_counting_the_filtered_input(
    tags: list[list[tuple[str, int, int]]], coders: set[str], labels: set[str]
) -> None:
    annotations = {
        name: [(label, SPANS[i][0], SPANS[min(i + k - 1, len(SPANS) - 1)][1]) for label, i, k in mine]
        for name, mine in zip(NAMES, tags, strict=True)
    }
    doc = DocumentWork("d", SPANS, NAMES, annotations)
    full = _Coding(LABELS)
    for name in NAMES:
        full.coder(name)
    counts = count_document(full, NAMES, doc)
    keep = sorted(LABELS.index(x) for x in labels)
    mask = sum(1 << NAMES.index(c) for c in coders)
    projected = project(counts, mask, keep, len(LABELS))
    # the same input with only those coders and with the other labels' tags dropped, counted afresh
    alone = _Coding(LABELS)
    for name in NAMES:
        alone.coder(name)
    filtered = {c: [t for t in annotations[c] if t[0] in labels] for c in coders}
    expected = count_document(
        alone, [c for c in NAMES if c in coders], DocumentWork("d", SPANS, coders, filtered)
    )
    assert projected == expected
    # and the figures a Tally gives from them
    a, b = Tally(LABELS, coders=NAMES), Tally(LABELS, coders=NAMES)
    a.add_counts("d", projected)
    b.add_counts("d", expected)
    assert a.result() == b.result()


def test_the_childs_figures_round_trip_and_a_bad_file_is_none(tmp_path: Path) -> None:
    """What the app's background child hands over: read back equal; a missing, empty, cut-short or
    foreign file reads as None (the app then sums the cache itself)."""
    from reader.services.agreement import Outcome
    from reader.services.agreement_warmup import load_outcome, save_outcome

    doc = DocumentWork("a.txt", [(0, 9), (10, 19)], {"ann", "bob"}, {"ann": [("claim", 0, 9)]})
    tally = Tally(LABELS)
    tally.add(doc)
    outcome = Outcome(tally.result(), finished_by_one=3, finished_coders=frozenset({"ann", "bob"}))
    file = tmp_path / "handed.pickle"
    save_outcome(str(file), outcome, "corpus key")
    assert load_outcome(str(file)) == ("corpus key", outcome)
    fd = os.open(file, os.O_RDONLY)  # as the app reads it: through the descriptor it kept
    try:
        os.lseek(fd, 5, os.SEEK_SET)
        assert load_outcome(fd) == ("corpus key", outcome)
        file.unlink()  # a file put in its place is never read: the descriptor still holds the first
        file.write_bytes(b"something else")
        assert load_outcome(fd) == ("corpus key", outcome)
    finally:
        os.close(fd)
    save_outcome(str(file), outcome, "corpus key")
    whole = file.read_bytes()
    file.write_bytes(whole[: len(whole) // 2])
    assert load_outcome(str(file)) is None
    file.write_bytes(b"")
    assert load_outcome(str(file)) is None
    import pickle

    file.write_bytes(pickle.dumps({"not": "an outcome"}))
    assert load_outcome(str(file)) is None
    file.write_bytes(pickle.dumps(("corpus key", {"not": "an outcome"})))
    assert load_outcome(str(file)) is None
    assert load_outcome(str(tmp_path / "missing.pickle")) is None


def test_a_handoff_file_is_made_under_local_and_old_ones_are_swept(tmp_path: Path) -> None:
    """The hand-off file lives in the store's `.local/agreement/`; one an app killed mid-count left an
    hour ago is removed; where no file can be made (here `.local/agreement` is a file), None: the app
    then sums the cache instead of failing."""
    from reader.services.agreement_warmup import HANDOFF_AGE, _handoff_file

    location = tmp_path / "store"
    folder = stats_dir(location)
    folder.mkdir(parents=True)
    left = folder / "handoff-left.pickle"
    left.write_bytes(b"x")
    os.utime(left, (0, 0))
    young = folder / "handoff-young.pickle"  # another app's child, still counting
    young.write_bytes(b"y")
    cut = folder / ".agreement-cut"  # a cache part a killed child was writing
    cut.write_bytes(b"z")
    os.utime(cut, (0, 0))
    writing = folder / ".agreement-now"
    writing.write_bytes(b"w")
    made = _handoff_file(location)
    assert made is not None
    fd, name = made
    os.close(fd)
    assert Path(name).parent == folder and Path(name).name.startswith("handoff-")
    assert not left.exists() and young.exists()
    assert not cut.exists() and writing.exists()
    assert HANDOFF_AGE >= 600
    blocked = tmp_path / "blocked"
    (blocked / ".local").mkdir(parents=True)
    (blocked / ".local" / "agreement").write_text("not a folder")
    assert _handoff_file(blocked) is None


def test_a_nothing_to_count_mark_holds_only_for_the_index_it_was_made_of(tmp_path: Path) -> None:
    """The mark records the index as the count read it: a mark written after the index moved (the
    app's check rewrote entries while the child counted) does not pass as current."""
    from reader.services.agreement_cache import mark_nothing_to_count
    from reader.services.agreement_warmup import cache_is_current, index_mtime

    ref = DocumentRef("sha256:" + "ef" * 32, "doc.txt", " ".join(["A sentence here."] * 4))
    location = tmp_path / "store"
    with Store.open(location, annotator="ann") as store:
        store.add(ref, "claim", 0, 16)
    seen = index_mtime(location)
    assert seen is not None and not cache_is_current(location)
    with Store.open(location, annotator="bob") as store:  # the index moves before the mark is made
        store.add(ref, "fact", 17, 33)
        store.summary()
    assert index_mtime(location) != seen
    mark_nothing_to_count(location, seen)
    assert not cache_is_current(location)
    mark_nothing_to_count(location, index_mtime(location))
    assert cache_is_current(location)
