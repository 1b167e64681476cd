"""Checking and repairing a store: list problems, read every annotator file, rebuild the shards, recover.

The annotator files are the truth; the local shards are derived from them. Recovery never deletes: a
bad file is moved aside and replaced by what its good lines hold (the snapshot and the journal lines
before the first bad one), or by its `.bak` (the previous compaction) when its header is bad.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.model import Annotation
from annotations.storage import StoreError, atomic_write, backup_path, remove_file
from annotations.store import journal
from annotations.store.index import INDEX_FORMAT, PATHS_FORMAT, Index, summary_entry
from annotations.store.journal import State
from annotations.store.layout import LOCAL, Layout, check_marker, marker_payload, move_aside

if TYPE_CHECKING:
    from annotations.store.reads import StoreReads

_SHARDS = (("index", INDEX_FORMAT, "documents"), ("paths", PATHS_FORMAT, "paths"))
# What atomic_write leaves when its process dies mid-write: `.<file>.<pid>.<hex>.tmp` and `.bak-tmp`
# (older versions wrote `.bak-tmp` without the pid).
_TEMP = re.compile(r"\..+?(?:\.(\d+))?\.[0-9a-f]{8}\.(?:tmp|bak-tmp)")
TEMP_AGE = 60.0  # seconds: younger temp files are never removed (a pid of another host or namespace)


def annotator_files(layout: Layout) -> Iterator[Path]:
    for folder in layout.doc_dirs():
        yield from layout.annotator_files("sha256:" + folder.name)


def problems(index: Index) -> list[str]:
    """One line per unreadable or inconsistent file (reads every annotator file)."""
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
    for file in annotator_files(index.layout):
        try:
            index.files.load(file, "sha256:" + file.parent.name)
        except StoreError as exc:
            out.append(str(exc))
    return out


def scan(store: StoreReads, problems: list[str] | None = None) -> Iterator[tuple[str, str, list[Annotation]]]:
    """(document id, path, annotations) of every document, index or not (for stats and checks).

    With `problems`, unreadable files are listed there (one line each) and skipped; else they raise.
    """
    layout, index = store._layout, store._index
    paths = index.paths()
    by_hex = {d.removeprefix("sha256:"): (d, p) for d, p in paths.items()}
    for folder in layout.doc_dirs():
        states: list[State] = []
        for file in layout.annotator_files("sha256:" + folder.name):
            try:
                cached = index.files.load(file)
            except StoreError as exc:
                if problems is None:
                    raise
                problems.append(str(exc))
                continue
            if cached is not None:
                states.append(cached.state)
        if not states:
            continue
        document_id, path = by_hex.get(folder.name, (states[0].document_id, None))
        if path is None:
            path = next((str(s.document["path"]) for s in states if s.document.get("path")), "")
        anns = sorted(
            (a for s in states for a in s.parsed(path)),
            key=lambda a: (a.start, a.end, a.label, a.annotator, a.id),
        )
        yield document_id, path, anns
        for file in layout.annotator_files(document_id):
            index.files.forget(file)  # a whole-store scan must not fill the cache


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: alive, another user's
        return True
    return True


def sweep_temp_files(location: Path, *, deep: bool = False) -> tuple[int, int]:
    """Remove the temp files of writers that died; (removed, kept: owned by a live process or young).

    A file is removed only when the pid in its name is not running and it is older than TEMP_AGE, so
    that a live writer's file survives even if its pid is not visible here (another host on a shared
    folder); a reused pid only delays the removal. `deep` also looks in every document folder (where
    a compaction writes); opening a store looks only in the few top folders.
    """
    removed = kept = 0
    now = time.time()
    folders = [
        location,
        location / "docs",
        location / LOCAL,
        location / LOCAL / "index",
        location / LOCAL / "paths",
    ]
    if deep:
        folders += Layout(location).doc_dirs()
    for folder in folders:
        try:  # only the hidden names are kept: docs/ holds a folder per document (30,000 DirEntries
            # of a million-annotation store were 10 MB of every open's peak)
            with os.scandir(folder) as listing:
                entries = [e for e in listing if e.name.startswith(".")]
        except OSError:
            continue
        for entry in entries:
            match = _TEMP.fullmatch(entry.name)
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
    """Rewrite the local index and path shards from the annotator files (after a crash, a recovery, a
    clone: they are derived). Returns how many documents were indexed."""
    layout = index.layout
    with index.lock.hold():
        for sub in ("index", "paths"):  # a killed migration or a hand-deleted folder may have left none
            (layout.local / sub).mkdir(parents=True, exist_ok=True)
        shards: dict[str, dict[str, dict[str, Any]]] = {"index": {}, "paths": {}}
        count = 0
        for folder in layout.doc_dirs():
            built = index.build_entry("sha256:" + folder.name, None)
            for file in layout.annotator_files("sha256:" + folder.name):
                index.files.forget(file)
            if built is None:
                continue
            document_id, entry = built
            shards["index"].setdefault(layout.index_file(document_id).stem, {})[document_id] = entry
            if entry["path"]:
                shards["paths"].setdefault(layout.paths_file(entry["path"]).stem, {})[entry["path"]] = (
                    document_id
                )
            count += 1
        for sub, fmt, key in _SHARDS:
            for file in layout.shard_files(sub):
                if file.stem not in shards[sub]:
                    if sub == "paths":
                        continue  # paths of copies and renames are kept: they are not in the files
                    remove_file(file, durable=False)
            for stem, entries in shards[sub].items():
                target = layout.index_path(stem) if sub == "index" else layout.paths_path(stem)
                if sub == "paths":
                    try:
                        entries = {**index.read_shard(target, fmt, key), **entries}
                    except StoreError:
                        move_aside(target)
                index.write_shard(target, fmt, key, entries)
        (layout.local / "index").mkdir(parents=True, exist_ok=True)
        atomic_write(layout.local / "index" / "built", b"", durable=False, backup=False)
        shutil.rmtree(layout.local / "dirty", ignore_errors=True)  # every entry is fresh now
        return count


def recover_marker(location: Path, stamp: str) -> list[str]:
    """Rewrite a missing or bad store.json when the folder still looks like a store."""
    layout = Layout(location)
    if not location.is_dir():
        raise StoreError(f"{location}: no store here, nothing to recover")
    try:
        check_marker(layout.marker)
    except StoreError as exc:
        if "format-1 store" in str(exc):
            return []  # opening it migrates it
        if not layout.docs.is_dir():
            raise StoreError(
                f"{location}: not a reader store (no docs/ folder); nothing to recover"
            ) from None
        done = []
        if layout.marker.exists():
            done.append(f"{layout.marker}: moved aside to {move_aside(layout.marker, stamp).name}")
        atomic_write(layout.marker, marker_payload(), backup=False)
        done.append(f"{layout.marker}: rewritten")
        return done
    return []


def _salvage(file: Path) -> tuple[State, int, int] | None:
    """What a bad file's good lines hold: (state, lines kept, lines dropped); None if its header is bad."""
    data = file.read_bytes()
    lines, _ = journal.split(data)
    if not lines:
        return None
    try:
        state, _ = journal.parse(file, lines[0] + b"\n", "sha256:" + file.parent.name)
    except StoreError:
        return None
    kept = 1
    for raw in lines[1:]:
        try:
            journal.replay(file, state, [raw])
        except StoreError:
            break
        kept += 1
    return state, kept, len(lines) - kept


def recover_files(index: Index, stamp: str) -> list[str]:
    """Put back the last good version of every bad annotator file, set bad shards aside, rebuild them."""
    done: list[str] = []
    with index.lock.hold():
        for file in list(annotator_files(index.layout)):
            try:
                index.files.load(file, "sha256:" + file.parent.name)
                continue
            except StoreError:
                pass
            index.files.forget(file)
            salvaged = _salvage(file)
            moved = move_aside(file, stamp)
            if salvaged is not None:
                state, kept, dropped = salvaged
                atomic_write(file, state.compacted())
                done.append(
                    f"{file}: rebuilt from its {kept} good line(s), {dropped} bad line(s) dropped "
                    f"(the bad file is {moved.name})"
                )
                continue
            bak = backup_path(file)
            try:
                good = bak.exists() and journal.parse(bak, bak.read_bytes(), "sha256:" + file.parent.name)
            except StoreError:
                good = False
            if good:
                atomic_write(file, good[0].compacted(), backup=False)
                done.append(f"{file}: restored from {bak.name} (the bad file is {moved.name})")
            else:
                done.append(f"{file}: no good backup; the bad file was moved to {moved.name}")
        for sub, fmt, key in _SHARDS:
            for file in index.layout.shard_files(sub):
                try:
                    index.read_shard(file, fmt, key)
                except StoreError:
                    aside = move_aside(file, stamp).name
                    done.append(f"{file}: moved aside to {aside} (rebuilt from the annotator files)")
        rebuild_index(index)
    return done


__all__ = ["rebuild_index", "recover_files", "scan", "summary_entry"]
