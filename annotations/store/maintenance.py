"""Checking and repairing a store: list problems, read every document, rebuild the shards, recover.

The document files are the truth; the shards are derived from them. Recovery never deletes: a bad
file is moved aside and replaced by its `.bak` when that one is good.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotations.model import Annotation
from annotations.storage import StoreError, atomic_write, backup_path, remove_file
from annotations.store.index import Index, summary_entry
from annotations.store.layout import (
    INDEX_FORMAT,
    PATHS_FORMAT,
    Layout,
    check_marker,
    marker_payload,
    move_aside,
    read_document,
)

_SHARDS = (("index", INDEX_FORMAT, "documents"), ("paths", PATHS_FORMAT, "paths"))
# What atomic_write leaves when its process dies mid-write: `.<file>.<pid>.<hex>.tmp` and `.bak-tmp`
# (older versions wrote `.bak-tmp` without the pid).
_TEMP = re.compile(r"\..+?(?:\.(\d+))?\.[0-9a-f]{8}\.(?:tmp|bak-tmp)")
TEMP_AGE = 60.0  # seconds: younger temp files are never removed (a pid of another host or namespace)


def problems(index: Index) -> list[str]:
    """One line per unreadable or inconsistent file (reads every document file)."""
    out: list[str] = []
    try:
        check_marker(index.layout.marker)
    except StoreError as exc:
        out.append(str(exc))
    for sub, fmt, key in _SHARDS:
        for file in index.layout.shard_files(sub):
            try:
                index.read_shard(file, fmt, key)
            except StoreError as exc:
                out.append(str(exc))
    for file in index.layout.doc_files():
        try:
            _good(file)
        except StoreError as exc:
            out.append(str(exc))
    return out


def _good(file: Path) -> bool:
    """True for a readable document file, False for none; raises StoreError for a bad one."""
    doc = read_document(file)
    if doc is not None:
        doc.annotations()
    return doc is not None


def scan(layout: Layout, problems: list[str] | None = None) -> Iterator[tuple[str, str, list[Annotation]]]:
    """(document id, path, annotations) of every document file, index or not (for stats and checks).

    With `problems`, unreadable files are listed there (one line each) and skipped; else they raise.
    """
    for file in layout.doc_files():
        try:
            doc = read_document(file)
            if doc is None:
                continue
            anns = doc.annotations()
        except StoreError as exc:
            if problems is None:
                raise
            problems.append(str(exc))
            continue
        yield doc.document_id, doc.path, anns


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def sweep_temp_files(location: Path) -> tuple[int, int]:
    """Remove the temp files of writers that died; (removed, kept: owned by a live process or young).

    A file is removed only when the pid in its name is not running and it is older than TEMP_AGE, so
    that a live writer's file survives even if its pid is not visible here (another host on a shared
    folder); a reused pid only delays the removal.
    """
    removed = kept = 0
    now = time.time()
    for folder in (location, location / "docs", location / "paths"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMP.fullmatch(entry.name) if entry.name.startswith(".") else None
            if match is None:
                continue
            try:
                old = now - entry.stat(follow_symlinks=False).st_mtime > TEMP_AGE
                if old and not (match.group(1) and _alive(int(match.group(1)))):
                    os.unlink(entry.path)
                    removed += 1
                    continue
            except OSError:
                pass
            kept += 1
    return removed, kept


def rebuild_index(index: Index) -> int:
    """Rewrite the index and path shards from the document files (after a crash or a recovery)."""
    layout = index.layout
    with index.lock.hold():
        shards: dict[str, dict[str, dict[str, Any]]] = {"index": {}, "paths": {}}
        count = 0
        for file in layout.doc_files():
            doc = read_document(file)
            if doc is None:
                continue
            entry = summary_entry(doc.path, doc.annotations(), doc.rev)
            shards["index"].setdefault(layout.index_file(doc.document_id).stem, {})[doc.document_id] = entry
            shards["paths"].setdefault(layout.paths_file(doc.path).stem, {})[doc.path] = doc.document_id
            count += 1
        for sub, fmt, key in _SHARDS:
            for file in layout.shard_files(sub):
                if file.stem not in shards[sub]:
                    remove_file(file, durable=index.durable)
            for stem, entries in shards[sub].items():
                target = layout.index_path(stem) if sub == "index" else layout.paths_path(stem)
                index.write_shard(target, fmt, key, entries)
        return count


def recover_marker(location: Path, stamp: str) -> list[str]:
    """Rewrite a missing or bad store.json when the folder still looks like a store."""
    layout = Layout(location)
    if not location.is_dir():
        raise StoreError(f"{location}: no store here, nothing to recover")
    try:
        check_marker(layout.marker)
    except StoreError:
        if not layout.docs.is_dir():
            raise StoreError(
                f"{location}: not a reader store (no docs/ folder); nothing to recover"
            ) from None
        done = []
        if layout.marker.exists():
            done.append(f"{layout.marker}: moved aside to {move_aside(layout.marker, stamp).name}")
        atomic_write(layout.marker, marker_payload())
        done.append(f"{layout.marker}: rewritten")
        return done
    return []


def recover_files(index: Index, stamp: str) -> list[str]:
    """Put back the last good version of every bad document file, set bad shards aside, rebuild them."""
    done: list[str] = []
    with index.lock.hold():
        for file in index.layout.doc_files():
            if _readable(file):
                continue
            moved = move_aside(file, stamp)
            bak = backup_path(file)
            if _readable(bak):
                shutil.copyfile(bak, file.with_name(file.name + ".restoring"))
                os.replace(file.with_name(file.name + ".restoring"), file)
                done.append(f"{file}: restored from {bak.name} (the bad file is {moved.name})")
            else:
                done.append(f"{file}: no good backup; the bad file was moved to {moved.name}")
        for sub, fmt, key in _SHARDS:
            for file in index.layout.shard_files(sub):
                try:
                    index.read_shard(file, fmt, key)
                except StoreError:
                    done.append(
                        f"{file}: moved aside to {move_aside(file, stamp).name} (rebuilt from documents)"
                    )
        rebuild_index(index)
    return done


def _readable(file: Path) -> bool:
    try:
        return _good(file)
    except StoreError:
        return False
