"""Hashes sorted on disk, so the checks across a whole import file take memory that does not grow with it.

Our own json import checks two things across the file before writing: no annotation id is used twice,
and no id of the file is already the store's under another document. That needs every id of the file
at once; held as sorted arrays it was 16 bytes an annotation (76 -> 107 MB from 100k to 1M). Here the
hashes are sorted in runs of RUN and written to a temporary file; reading merges the runs a block at
a time. Memory: one run being filled plus one block per run (a million annotations: 16 runs of 64k).
Without a temporary file the runs stay in memory, as before.
"""

from __future__ import annotations

import contextlib
import heapq
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO, Any

RUN = 1 << 16  # values sorted at once (512 KB)
BLOCK = 1 << 12  # values read from a run at a time (32 KB)


class SortedRuns:
    """64-bit ints, or (key, value) pairs of them (`pairs=True`), given in any order, read back sorted."""

    def __init__(self, *, pairs: bool = False) -> None:
        self.pairs = pairs
        self.count = 0
        self._fill = array("q")
        self._runs: list[tuple[int, int] | array[int]] = []  # (offset, length) on disk, or kept here
        self._file: IO[bytes] | None = None
        self._disk = True

    def extend(self, values: Iterable[int]) -> None:
        """Ints; for pairs, key and value interleaved (k0, v0, k1, v1, ...). Taken a run at a time."""
        it = iter(values)
        while True:
            self._fill.extend(islice(it, RUN - len(self._fill)))
            if len(self._fill) < RUN:
                return
            self._spill()

    def _spill(self) -> None:
        if not self._fill:
            return
        if self.pairs:
            ordered = sorted(zip(self._fill[0::2], self._fill[1::2], strict=True))
            run = array("q", [x for pair in ordered for x in pair])
        else:
            run = array("q", sorted(self._fill))
        self.count += len(run) // (2 if self.pairs else 1)
        self._fill = array("q")
        if self._disk:
            try:
                if self._file is None:
                    self._file = tempfile.TemporaryFile(prefix="reader-import-hashes-")  # noqa: SIM115
                offset = self._file.seek(0, 2)
                self._file.write(run.tobytes())
                self._file.flush()  # a full disk says so here: the run stays in memory, whole
                self._runs.append((offset, len(run)))
                return
            except OSError:
                self._disk = False  # no room on disk: this run and the next ones stay in memory
        self._runs.append(run)

    def __iter__(self) -> Iterator[Any]:
        """The values (ints, or (key, value) tuples) in order; the runs merged a block at a time."""
        self._spill()
        return heapq.merge(*(self._read(run) for run in self._runs))

    def _read(self, run: tuple[int, int] | array[int]) -> Iterator[Any]:
        for block in self._blocks(run):
            if self.pairs:
                yield from zip(block[0::2], block[1::2], strict=True)
            else:
                yield from block

    def _blocks(self, run: tuple[int, int] | array[int]) -> Iterator[array[int]]:
        if isinstance(run, array):
            yield run
            return
        assert self._file is not None
        offset, length = run
        size = BLOCK * 2 if self.pairs else BLOCK
        for first in range(0, length, size):
            block = array("q")
            self._file.seek(offset + first * 8)
            block.frombytes(self._file.read(min(size, length - first) * 8))
            yield block

    def close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):  # its buffer could not be written (a full disk): unread
                file.close()


def repeated(values: Iterable[int]) -> set[int]:
    """The values of a sorted stream that occur more than once."""
    out: set[int] = set()
    last = None
    for value in values:
        if value == last:
            out.add(value)
        last = value
    return out


def matching(pairs: Iterable[tuple[int, int]], keys: Iterable[int]) -> Iterator[int]:
    """The value of each (key, value), sorted by key, whose key is in `keys` (sorted)."""
    it = iter(keys)
    key = next(it, None)
    for k, v in pairs:
        while key is not None and key < k:
            key = next(it, None)
        if key is None:
            return
        if key == k:
            yield v


def missing(values: Iterable[int], present: Iterable[int]) -> Iterator[int]:
    """The values of a sorted stream that are not in `present` (sorted)."""
    it = iter(present)
    have = next(it, None)
    for value in values:
        while have is not None and have < value:
            have = next(it, None)
        if have != value:
            yield value
