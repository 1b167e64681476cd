"""`reader agree` takes each document's spans from the store's local index (`held` in an index entry)
when the entry is current, and from the annotator files otherwise: the index holds exactly what the
files hold (after tags, undo, orphans, an attach), the figures are the same either way, and an entry
without the field (an older version's index), with a stale stamp or with damaged numbers falls back
to the files, never an error."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

from annotations.agreement import Held
from annotations.model import DocumentRef
from annotations.store import Store
from annotations.store.index import HELD, entry_held, held_spans
from annotations.store.layout import Layout
from reader.services.agreement import (
    Selection,
    finished_marks,
    measure,
    measure_in_processes,
    spans_from,
    tagged_marks,
)
from reader.services.agreement_cache import StatsCache, index_stamps, read_spans, stats_dir
from reader.services.entries import Entry

LABELS = ("claim", "quote", "fact")
NAMES = ("ann", "bob", "cy")
TEXT = " ".join(f"Sentence number {n} says something." for n in range(10))


def _spans() -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(TEXT):
        end = TEXT.find(".", start) + 1
        spans.append((start, end))
        start = end + 1
    return spans


SPANS = _spans()


def _build(location: Path, docs: int = 10, seed: int = 3) -> tuple[list[Entry], list[DocumentRef]]:
    """Three annotators tag, undo and finish; one document is attached to a changed text (orphans)."""
    rng = random.Random(seed)
    ids = ["sha256:" + hashlib.sha256(f"{seed}/{n}".encode()).hexdigest() for n in range(docs)]
    refs = [DocumentRef(ids[n], f"doc{n:02d}.txt", TEXT) for n in range(docs)]
    for name in NAMES:
        with Store.open(location, annotator=name) as store:
            for ref in refs:
                for _ in range(rng.randrange(1, 6)):
                    start, _ = rng.choice(SPANS)
                    _, end = rng.choice([s for s in SPANS if s[0] >= start][:2])
                    store.toggle(ref, rng.choice(LABELS), start, end)
                store.toggle(ref, "claim", *SPANS[0])
                store.toggle(ref, "claim", *SPANS[0])  # twice: on, then off again
                if rng.random() < 0.5:
                    store.undo(ref.id)
                store.set_finished(ref, rng.random() < 0.9)
    with Store.open(location, annotator="ann") as store:  # a lost sentence: an orphan, and one kept
        text = "Alpha beta gamma delta. Epsilon zeta eta theta iota."
        old = DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), "orphans.txt", text)
        store.toggle(old, "quote", 25, len(text))
        store.toggle(old, "claim", 0, 23)
        changed = "Alpha beta gamma delta. Something else was written here instead."
        moved = DocumentRef("sha256:" + hashlib.sha256(changed.encode()).hexdigest(), "orphans.txt", changed)
        store.attach(moved)
        assert (store.summary()[moved.id].orphans, store.summary()[moved.id].annotations) == (1, 1)
    entries = [Entry(str(location.parent / r.path), r.path, 0, 0, r.id, spans=tuple(SPANS)) for r in refs]
    return entries, refs


def _figures(location: Path, entries: list[Entry]) -> tuple[object, object]:
    """(through the stats cache from the index or the files, counted afresh from the store's API)."""
    with Store.open(location, annotator="ann") as store:
        finished = finished_marks(store)
        cached = measure_in_processes(
            entries,
            Selection(LABELS),
            finished,
            store.location,
            None,
            index_stamps(store),
            processes=1,
            tagged_by=tagged_marks(store),
            store_labels=store.labels,
        )
        fresh = measure(entries, Selection(LABELS), finished, spans_from(store.annotations))
    return _rounded(cached.agreement.to_json()), _rounded(fresh.agreement.to_json())


def _rounded(x: object) -> object:
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_rounded(v) for v in x]
    return round(x, 9) if isinstance(x, float) else x


def _entries(location: Path) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for file in sorted((Layout(location).local / "index").glob("*.json")):
        out.update(json.loads(file.read_text())["documents"])
    return out


def _rewrite_index(location: Path, change: object) -> None:
    for file in (Layout(location).local / "index").glob("*.json"):
        data = json.loads(file.read_text())
        for entry in data["documents"].values():
            change(entry)  # type: ignore[operator]
        file.write_text(json.dumps(data))


def _from_files(location: Path, document_id: str) -> dict[str, list[tuple[str, int, int]]]:
    return {
        a: sorted({tuple(x) for x in spans}) for a, spans in read_spans(Layout(location), document_id).items()
    }  # type: ignore[misc]


def test_the_index_holds_what_the_files_hold(tmp_path: Path) -> None:
    location = tmp_path / "store"
    _build(location)
    entries = _entries(location)
    assert len(entries) == 12  # ten documents, and the attached one with its old text's
    with Store.open(location, annotator="ann") as store:
        for document_id, entry in entries.items():
            held = entry_held(entry)
            assert held is not None
            files = {}
            for a in store.annotations(document_id):
                if not a.orphan:
                    files.setdefault(a.annotator, set()).add((a.label, a.start, a.end))
            assert held[0] == sorted(files)  # the bits of holders are positions in this list
            assert {k: sorted(v) for k, v in held_spans(*held).items()} == {
                k: sorted(v) for k, v in files.items()
            }
            assert _from_files(location, document_id) == {k: sorted(v) for k, v in files.items()}


def test_figures_from_the_index_equal_figures_from_the_files(tmp_path: Path) -> None:
    location = tmp_path / "store"
    entries, refs = _build(location)
    cached, fresh = _figures(location, entries)
    assert cached == fresh
    stamps = {}
    with Store.open(location, annotator="ann") as store:
        stamps = index_stamps(store)
    cache = StatsCache(location, stamps, LABELS, NAMES)
    for ref in refs[1:]:
        assert isinstance(cache.spans(ref.id), Held)  # the index's
    assert cache.from_files == 0


def test_an_entry_without_held_spans_is_read_from_the_files(tmp_path: Path) -> None:
    location = tmp_path / "store"
    entries, refs = _build(location)
    expected, _ = _figures(location, entries)
    shutil.rmtree(stats_dir(location))
    _rewrite_index(location, lambda entry: entry.pop(HELD, None))  # as an older version wrote it
    with Store.open(location, annotator="ann") as store:
        stamps = index_stamps(store)
    cache = StatsCache(location, stamps, LABELS, NAMES)
    assert cache.spans(refs[1].id) == read_spans(Layout(location), refs[1].id)
    assert cache.from_files == 1
    cached, fresh = _figures(location, entries)
    assert cached == fresh == expected


def test_a_stale_or_damaged_entry_is_read_from_the_files(tmp_path: Path) -> None:
    location = tmp_path / "store"
    entries, refs = _build(location)
    with Store.open(location, annotator="ann") as store:
        stamps = dict(index_stamps(store))
    stamps[refs[1].id] = "a stamp the files had before"
    cache = StatsCache(location, stamps, LABELS, NAMES)
    assert cache.spans(refs[1].id) == read_spans(Layout(location), refs[1].id)
    assert cache.from_files == 1

    def damage(entry: dict[str, dict[str, str]]) -> None:
        held = entry.get(HELD, {})
        for n, label in enumerate(held):
            held[label] = ["1,2", "0,5,1024", "0,5,x"][n % 3]  # not triples; no such holder; not a number

    expected, _ = _figures(location, entries)
    shutil.rmtree(stats_dir(location))
    _rewrite_index(location, damage)
    cached, fresh = _figures(location, entries)
    assert cached == fresh == expected


def test_a_file_changed_behind_the_store_is_counted_as_it_is_now(tmp_path: Path) -> None:
    """A sync or a copy brings another annotator's file: the entry is stale until the index is brought
    up to date (`finished_marks` does), and the figures then count the new file."""
    location, other = tmp_path / "store", tmp_path / "other"
    entries, refs = _build(location)
    before, _ = _figures(location, entries)
    with Store.open(other, annotator="eve") as store:
        for ref in refs[1:]:
            store.toggle(ref, "fact", *SPANS[2])
            store.set_finished(ref)
    layout, theirs = Layout(location), Layout(other)
    for ref in refs[1:]:
        shutil.copy2(theirs.annotator_file(ref.id, "eve"), layout.annotator_file(ref.id, "eve"))
    after, fresh = _figures(location, entries)
    assert after == fresh != before
    assert "eve" in after["annotators"]  # type: ignore[index]
    held = entry_held(_entries(location)[refs[1].id])
    assert held is not None
    assert held_spans(*held)["eve"] == [("fact", *SPANS[2])]
