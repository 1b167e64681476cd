"""Sets of spans that answer "does [start, end) overlap any of them" in O(log n)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator

Span = tuple[int, int]


class SpanSet:
    """Spans merged where they touch or overlap, kept as two sorted lists for bisection."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b in sorted(spans):
            if self.starts and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.ends, start)  # the first merged span ending after `start`
        return i < len(self.starts) and self.starts[i] < end

    def overlapping(self, start: int, end: int) -> Iterator[Span]:
        """The merged spans that overlap [start, end), in order."""
        i = bisect_right(self.ends, start)
        while i < len(self.starts) and self.starts[i] < end:
            yield self.starts[i], self.ends[i]
            i += 1
