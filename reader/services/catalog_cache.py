"""The library's cache on disk: an append-only log of entries, one JSON line each.

A first scan of 100,000 files spent 57 % of its thread re-saving the whole cache (54 MB) every ten
seconds; an append costs what it adds. The first line names the pipeline's fingerprint; each later
line is one file's entry (`Entry.to_row`, an array), and a later line for a path replaces an earlier
one. Appends are not
synced: the cache only saves time, so a torn last line (a kill mid-write) is skipped when read, and
a log holding many replaced lines is rewritten whole (atomically) at the end of a scan.
Pure Python, no Textual.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from reader.services.entries import Entry

LOG_FORMAT = 3  # 3: an append-only log (2 was one JSON object, rewritten on every save)
ROW_LENGTH = 10  # the fields of `Entry.to_row`


class CacheLog:
    """The log file of one corpus's entries; every method is safe to call from any thread."""

    def __init__(self, file: Path, root: str) -> None:
        self.file = file
        self.root = root
        self.lines = 0  # entry lines in the log as last read or written (live or replaced)
        self._lock = threading.Lock()
        self._header_ok = False  # the file on disk starts with this fingerprint's header

    def _header(self, fingerprint: str, sources: Mapping[str, Any]) -> str:
        header = {"format": LOG_FORMAT, "fingerprint": fingerprint, "root": self.root, "sources": sources}
        return json.dumps(header) + "\n"

    def header(self) -> dict[str, Any] | None:
        """The log's first line when it is a header of this format and corpus root."""
        try:
            with open(self.file, encoding="utf-8") as handle:
                header = json.loads(handle.readline())
        except (OSError, ValueError):
            return None
        if not isinstance(header, dict) or header.get("format") != LOG_FORMAT:
            return None
        return header if header.get("root") == self.root else None

    def load(self, fingerprint: str) -> dict[str, list[Any]]:
        """path -> the entry's row, the latest line for each; {} for a missing, foreign or stale log."""
        try:
            with open(self.file, encoding="utf-8") as handle:
                header = json.loads(handle.readline())
                ours = isinstance(header, dict) and header.get("format") == LOG_FORMAT
                if not ours or (header.get("fingerprint"), header.get("root")) != (fingerprint, self.root):
                    return {}
                body = handle.read()
        except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
            return {}
        self._header_ok = True
        # Line by line out of the one string: splitting it, or joining the lines into one array,
        # held two more copies of a 55 MB log (the peak memory of a 100,000-file start).
        decode = json.JSONDecoder().raw_decode
        files: dict[str, list[Any]] = {}  # a later line for a path replaces an earlier one
        lines = 0
        pos, size = 0, len(body)
        while pos < size:
            end = body.find("\n", pos)
            if end < 0:
                end = size
            lines += 1
            try:
                row, stop = decode(body, pos)
            except ValueError:  # a torn or garbled line: skip it, keep the rest
                row, stop = None, -1
            if stop == end and isinstance(row, list) and len(row) == ROW_LENGTH and isinstance(row[0], str):
                files[row[0]] = row
            pos = end + 1
        self.lines = lines
        return files

    def append(self, entries: Iterable[Entry], fingerprint: str, sources: Mapping[str, Any]) -> None:
        """Add entries at the end; starts a new log when the one on disk is missing or stale."""
        text = "".join(_line(entry) for entry in entries)
        if not text:
            return
        with self._lock:
            try:
                if not self._header_ok:
                    self._replace(self._header(fingerprint, sources))
                    self._header_ok = True
                with open(self.file, "a+b") as handle:
                    if handle.tell():  # a torn last line (a kill mid-append) must not swallow ours
                        handle.seek(-1, os.SEEK_END)
                        if handle.read(1) != b"\n":
                            text = "\n" + text
                    handle.write(text.encode("ascii"))
                self.lines += text.count("\n")
            except OSError:
                pass  # an unwritable cache only costs speed

    def rewrite(self, entries: Iterable[Entry], fingerprint: str, sources: Mapping[str, Any]) -> None:
        """Replace the log with exactly these entries (atomic and synced: a compaction loses nothing)."""
        entries = list(entries)
        with self._lock:
            try:
                self._replace(self._header(fingerprint, sources) + "".join(_line(entry) for entry in entries))
                self._header_ok = True
                self.lines = len(entries)
            except OSError:
                pass

    def _replace(self, text: str) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", dir=self.file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _line(entry: Entry) -> str:
    # ASCII escapes: a file name that is not UTF-8 (a lone surrogate) must not break the log.
    return json.dumps(entry.to_row(), separators=(",", ":")) + "\n"
