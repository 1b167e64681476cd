"""The reading screen's search alone: hits in text order, and which one n and N go to."""

from __future__ import annotations

from reader.services.search import find_hits, next_hit


def test_hits_are_case_insensitive_plain_text_and_capped() -> None:
    text = "A.b a.B axb"
    assert find_hits(text, "a.b") == [(0, 3), (4, 7)]  # the dot is not a pattern
    assert find_hits(text, "") == []
    assert find_hits("aaaa", "a", limit=2) == [(0, 1), (1, 2)]


def test_next_and_previous_wrap_around() -> None:
    hits = [(0, 1), (10, 11), (20, 21)]
    assert next_hit(hits, (10, 15), 1) == (20, 21)
    assert next_hit(hits, (10, 15), 1, from_cursor=True) == (10, 11)  # one in the sentence counts
    assert next_hit(hits, (20, 25), 1) == (0, 1)  # past the last: back to the first
    assert next_hit(hits, (10, 15), -1) == (0, 1)
    assert next_hit(hits, (0, 5), -1) == (20, 21)  # before the first: the last
