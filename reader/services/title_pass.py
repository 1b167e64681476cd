"""The library scan's passes (each new file's title and date, then its sentences) in worker processes.

The pipeline is pure Python: in the scan thread it competes with the app for one core, while a second
core sits idle. Worker processes (spawned: the app's threads are never forked) run `title_and_date`
(the first pass) or `analyse` (the second) on chunks of files; each worker receives the folders'
repetition counts once, when it starts, not with every chunk, and one pool serves both passes.
Pure Python, no Textual: this module is what a worker imports.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.text.boilerplate import FolderStats

# (document id, title, date, error): error is the reason a file cannot be read; the id is None then.
# A file the pipeline fails on comes back as None: the caller's second pass records the failure.
Found = tuple[str | None, str | None, str | None, str | None] | None
# The second pass: (document id, title, date, flat sentence offsets, error), or None as above.
# id, title, date, sentence spans flattened, error, indexes of the untaggable sentences
Analysed = tuple[str | None, str | None, str | None, list[int], str | None, list[int]] | None

_FOLDERS: Mapping[Path, FolderStats | None] = {}


def _start(folders: Mapping[Path, FolderStats | None]) -> None:
    global _FOLDERS
    _FOLDERS = folders
    import reader.text.pipeline  # noqa: F401  (imported once, before the first chunk arrives)


def _chunk(paths: Sequence[str]) -> list[Found]:
    from reader.text.corpus import read_document
    from reader.text.document import DocumentError
    from reader.text.pipeline import title_and_date

    out: list[Found] = []
    for path in paths:
        try:
            document = read_document(Path(path))
        except DocumentError as exc:
            out.append((None, None, None, exc.reason))
            continue
        try:
            title, date = title_and_date(document, folder=_FOLDERS.get(Path(path).parent))
        except Exception:
            out.append(None)
            continue
        out.append((document.id, title, date, None))
    return out


def _analysed_chunk(paths: Sequence[str]) -> list[Analysed]:
    from reader.text.corpus import read_document
    from reader.text.document import DocumentError
    from reader.text.pipeline import analyse

    out: list[Analysed] = []
    for path in paths:
        try:
            document = read_document(Path(path))
        except DocumentError as exc:
            out.append((None, None, None, [], exc.reason, []))
            continue
        try:
            analysis = analyse(document, folder=_FOLDERS.get(Path(path).parent))
        except Exception:
            out.append(None)
            continue
        flat = [x for s in analysis.sentences for x in (s.start, s.end)]
        untaggable = [n for n, s in enumerate(analysis.sentences) if not s.taggable]
        out.append((document.id, analysis.title, analysis.date, flat, None, untaggable))
    return out


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr.

    The tracker hands `sys.stderr`'s descriptor to its process; inside a Textual app `sys.stderr` is a
    capture object with no real descriptor, and every pool failed with "bad value(s) in fds_to_keep"
    (the scan then silently fell back to one thread). Once the tracker runs, workers spawn without it.
    """
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        sys.stderr = sys.__stderr__ or saved
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


class PassPool:
    """Worker processes for both passes of one scan; `close()` stops them (also mid-pass)."""

    def __init__(self, folders: Mapping[Path, FolderStats | None], workers: int = 2) -> None:
        """`folders` maps every parent folder of the files to come to its repetition counts."""
        start_resource_tracker()
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start, initargs=(dict(folders),)
        )

    def titles(self, paths: Sequence[str], chunk: int = 100) -> Iterator[list[Found]]:
        """What each file's first pass finds, chunk by chunk in order."""
        return self._run(_chunk, paths, chunk)

    def analysed(self, paths: Sequence[str], chunk: int = 50) -> Iterator[list[Analysed]]:
        """What each file's full analysis finds, chunk by chunk in order."""
        return self._run(_analysed_chunk, paths, chunk)

    def _run(self, fn: Any, paths: Sequence[str], chunk: int) -> Iterator[Any]:
        # At most a few chunks ahead: results wait in memory only as long as the caller lags.
        pending: deque[Future[Any]] = deque()
        starts = iter(range(0, len(paths), chunk))
        for start in starts:
            pending.append(self._pool.submit(fn, paths[start : start + chunk]))
            if len(pending) >= 8:
                break
        while pending:
            result = pending.popleft().result()
            following = next(starts, None)
            if following is not None:
                pending.append(self._pool.submit(fn, paths[following : following + chunk]))
            yield result

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def titles_in_processes(
    paths: Sequence[str],
    folders: Mapping[Path, FolderStats | None],
    workers: int = 2,
    chunk: int = 100,
) -> Iterator[list[Found]]:
    """What each file's first pass finds, chunk by chunk in order. `folders` maps every parent folder
    of `paths` to its repetition counts. Closing the iterator stops the workers."""
    pool = PassPool(folders, workers)
    try:
        yield from pool.titles(paths, chunk)
    finally:
        pool.close()
