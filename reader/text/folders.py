"""The repetition context of a file's folder: lines that recur across its files are site furniture.

One memoised object, shared by the library's catalog, the export's suggester and `reader inspect`,
so a folder's files are read for it once per run, and every caller sees the same context (the same
kept lines, so the same offsets).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.text.corpus import SUFFIXES, read_document

if TYPE_CHECKING:  # the boilerplate rules compile their patterns on import: loaded on first use, so the
    from reader.text.boilerplate import FolderStats  # library's first paint never waits for them

LIMIT = 500  # files read per folder: enough to see what recurs, bounded on huge folders


def folder_stats_for(paths: list[Path], limit: int = LIMIT) -> FolderStats:
    """Line repetition across up to `limit` readable text files of one folder."""
    from reader.text import boilerplate
    from reader.text.lines import logical_lines

    texts = []
    for path in paths[:limit]:
        try:
            doc = read_document(path)
        except Exception:
            continue
        texts.append([ln.text for ln in logical_lines(doc.text)])
    return boilerplate.folder_stats(texts)


class FolderContext:
    """Each folder's repetition counts, computed on first use and kept.

    With `files` (a corpus), a folder's siblings are the corpus files in it; without, the readable
    article files on disk beside the one asked about (what `reader inspect FILE` has to go on).
    A folder with a single file has no context (None).
    """

    def __init__(self, files: Iterable[Path] | None = None) -> None:
        self._by_folder: dict[Path, list[Path]] | None = None
        if files is not None:
            self._by_folder = {}
            for file in files:
                self._by_folder.setdefault(file.parent, []).append(file)
        self._stats: dict[Path, FolderStats | None] = {}
        self._lock = threading.Lock()  # the library's scan thread and the reading screen's worker share one

    def stats_for(self, path: Path) -> FolderStats | None:
        folder = path.parent if self._by_folder is not None else path.resolve().parent
        with self._lock:
            if folder not in self._stats:
                siblings = self._siblings(folder)
                self._stats[folder] = folder_stats_for(siblings) if len(siblings) > 1 else None
            return self._stats[folder]

    def _siblings(self, folder: Path) -> list[Path]:
        if self._by_folder is not None:
            return self._by_folder.get(folder, [])
        try:
            return sorted(
                p
                for p in folder.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUFFIXES
            )
        except OSError:
            return []
