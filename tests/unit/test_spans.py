"""SpanSet against a brute-force answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.text.spans import SpanSet

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])))


@given(spans, st.integers(0, 80), st.integers(1, 20))
def test_overlaps_matches_brute_force(items: list[tuple[int, int]], start: int, length: int) -> None:
    end = start + length
    merged = SpanSet(items)
    assert merged.overlaps(start, end) == any(a < end and b > start for a, b in items)
    found = list(merged.overlapping(start, end))
    covered = {i for a, b in found for i in range(max(a, start), min(b, end))}
    assert covered == {i for a, b in items for i in range(max(a, start), min(b, end))}
    assert found == sorted(found)
