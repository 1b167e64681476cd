"""The reading screen's status and meta lines, as pure functions."""

from __future__ import annotations

from reader.services.reading_status import meta_line, status_parts


def test_status_names_the_store_cursor_progress_and_counts_then_what_only_some_moments_have() -> None:
    parts = status_parts(
        location="/s", annotator="alice", cursor=4, total=10, tagged=3,
        counts={"claim": 2, "quote": 1}, marks={"claim": "C", "quote": "Q"},
    )  # fmt: skip
    assert parts == ["store /s", "annotator alice", "sentence 5/10", "tagged 3/10", "C 2 Q 1"]
    more = status_parts(
        location="/s", annotator="a", cursor=0, total=0, tagged=0, counts={}, marks={},
        orphans=2, selected=3, hits=7,
    )  # fmt: skip
    assert more[2:] == ["no sentences", "tagged 0/0", "", "2 orphaned", "selected 3", "7 hits"]


def test_meta_line_counts_sentences_in_words() -> None:
    assert meta_line(None, "a.txt", 1) == "no date · a.txt · 1 sentence"
    assert meta_line("2023-01-13", "b/c.txt", 12) == "2023-01-13 · b/c.txt · 12 sentences"
