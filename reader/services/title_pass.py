"""The library scan's first pass (each new file's title and date) in worker processes.

The pipeline is pure Python: in the scan thread it competes with the app for one core, while a second
core sits idle. Worker processes (spawned: the app's threads are never forked) run `title_and_date`
on chunks of files; each worker receives the folders' repetition counts once, when it starts, not
with every chunk. Pure Python, no Textual: this module is what a worker imports.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.text.boilerplate import FolderStats

# (document id, title, date, error): error is the reason a file cannot be read; the id is None then.
# A file the pipeline fails on comes back as None: the caller's second pass records the failure.
Found = tuple[str | None, str | None, str | None, str | None] | None

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


def _start_resource_tracker() -> None:
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


def titles_in_processes(
    paths: Sequence[str],
    folders: Mapping[Path, FolderStats | None],
    workers: int = 2,
    chunk: int = 100,
) -> Iterator[list[Found]]:
    """What each file's first pass finds, chunk by chunk in order. `folders` maps every parent folder
    of `paths` to its repetition counts. Closing the iterator stops the workers."""
    _start_resource_tracker()
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(dict(folders),))
    try:
        futures = [pool.submit(_chunk, paths[i : i + chunk]) for i in range(0, len(paths), chunk)]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
