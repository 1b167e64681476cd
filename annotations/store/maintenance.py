"""Checking and repairing a store: list problems, read every document, rebuild the shards, recover.

The document files are the truth; the shards are derived from them. Recovery never deletes: a bad
file is moved aside and replaced by its `.bak` when that one is good.
"""

from __future__ import annotations

import os
import shutil
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
