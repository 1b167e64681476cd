"""Pages: the annotations screen's rows as per-document counts, read back from a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.model import DocumentRef
from annotations.store import Store
from reader.services import annotation_edits, annotation_pages
from reader.services.annotation_filter import Filter
from reader.services.annotation_pages import Pages, Scanned, document_rows, scan


def _doc(n: int) -> DocumentRef:
    text = " ".join(f"Sentence {n}-{i} says something." for i in range(10))
    return DocumentRef(f"sha256:{n:064x}", f"doc-{n:02}.txt", text)


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Store.open(tmp_path / "store", annotator="alice")
    opened.durable = False
    for n in range(4):
        doc = _doc(n)
        for i in range(n + 1):  # 1, 2, 3, 4 annotations
            start = doc.text.index(f"Sentence {n}-{i} ")
            opened.add(doc, ("claim", "quote")[i % 2], start, start + 12, speaker="Lukashenko" if i else None)
    yield opened
    opened.close()


def _pages(store: Store, keep: Filter) -> Pages:
    pages = Pages(lambda d: document_rows(store, d, {}, keep))
    for item in scan(store, {}, keep):
        if isinstance(item, Scanned):
            pages.append(item.document_id, item.kept, item.rows)
    return pages


def test_rows_in_store_order_across_documents_and_read_back_when_evicted(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(annotation_pages, "CACHE_ROWS", 1)  # every other document is read again
    pages = _pages(store, Filter())
    expected = [a.id for a in store.iter_all()]
    assert len(pages) == 10 == len(expected) and pages.documents == 4
    assert [pages[i].annotation.id for i in range(len(pages))] == expected
    assert [pages[i].annotation.id for i in reversed(range(len(pages)))] == expected[::-1]
    with pytest.raises(IndexError):
        pages[10]


def test_a_filter_counts_only_what_it_keeps_and_scan_counts_the_rest(store: Store) -> None:
    keep = Filter(speaker="lukash")
    pages = _pages(store, keep)
    assert len(pages) == 6 and pages.documents == 3  # the first document's one tag has no speaker
    totals = [i.total if isinstance(i, Scanned) else i for i in scan(store, {}, keep)]
    assert sum(totals) == 10


def test_reload_after_a_delete_shifts_later_documents(store: Store) -> None:
    pages = _pages(store, Filter())
    last = pages[9].annotation
    victim = pages[1].annotation  # the second document's first
    assert annotation_edits.delete(store, victim.document_id, [victim.id]) == [victim]
    assert pages.reload(victim.document_id) == -1
    assert len(pages) == 9 and pages[8].annotation.id == last.id
    assert pages.index_of(last.id, last.document_id) == 8
    assert annotation_edits.undo_in(store, [victim.document_id]) == 1
    pages.reload(victim.document_id)
    assert len(pages) == 10 and pages[1].annotation.id == victim.id


def test_the_listing_is_the_stores_order_and_a_lagging_index_loses_nothing(store: Store) -> None:
    assert annotation_pages.document_listing(store) == store.document_ids()
    assert len(store.document_ids()) == 4
    shards = sorted((store.location / ".local" / "index").glob("*.json"))
    assert shards
    shards[0].unlink()  # as if files had arrived by sync and the local index had not caught up
    listed = annotation_pages.document_listing(store)
    assert len(listed) == 4 and listed == sorted(listed, key=lambda d: (store.document_paths()[d], d))
    scanned = [i.document_id for i in scan(store, {}, Filter()) if isinstance(i, Scanned)]
    assert sorted(scanned) == sorted(store.document_ids())


def test_the_compact_index_gives_back_every_id_digest_or_not(store: Store) -> None:
    """Ids are kept packed (32 bytes for a sha256 id); any other id is kept as it is. Positions,
    reloads and bulk walks find each document again."""
    rows = {d: document_rows(store, d, {}, Filter()) for d in store.document_ids()}
    odd = "not-a-digest"  # a store of another origin could name documents otherwise
    upper = "sha256:" + "AB" * 32  # hex that would not come back the same from the packed bytes
    ids = [*rows, odd, upper]
    pages = Pages(lambda d: rows.get(d, rows[ids[0]]))
    for d in ids:
        pages.append(d, len(rows.get(d, rows[ids[0]])))
    assert pages.documents == len(ids) and pages.listed() == ids
    assert [d for d, _ in pages.by_document()] == ids
    starts = [0]
    for d in ids[:-1]:
        starts.append(starts[-1] + len(rows.get(d, rows[ids[0]])))
    assert [pages.document_at(s) for s in starts] == ids
    first = rows[ids[0]][0].annotation
    assert pages.index_of(first.id, ids[0]) == 0
    assert pages.index_of(first.id, odd) == starts[-2]  # the odd id reads the first document's rows here
    assert pages.reload(upper) == 0 and pages.index_of(first.id, "sha256:" + "e" * 64) is None


def test_packed_ids_give_back_every_id_in_order() -> None:
    """A scan walks the listing packed (32 bytes a sha256 id); any other id comes back as it was."""
    ids = ["sha256:" + "0f" * 32, "not-a-digest", "sha256:" + "AB" * 32, "", "sha256:" + "a1" * 32]
    packed = annotation_pages.PackedIds(ids)
    assert len(packed) == 5 and list(packed) == ids and list(packed) == ids
