"""A long document's objects are frozen out of the collector's walk once it is open, and given back
when a short one follows."""

from __future__ import annotations

import gc

from reader.services import heap


def test_a_long_document_freezes_and_a_short_one_gives_back() -> None:
    try:
        heap.opened(heap.LONG)
        assert gc.get_freeze_count() > 0
        kept = [object() for _ in range(10)]  # e.g. the suggestions arriving later
        before = gc.get_freeze_count()
        heap.keep()
        assert gc.get_freeze_count() >= before
        heap.opened(100)
        assert gc.get_freeze_count() == 0
        heap.keep()  # nothing frozen now: keep leaves the short document's objects alone
        assert gc.get_freeze_count() == 0 and kept
    finally:
        gc.unfreeze()
        heap.opened(0)
