"""Migrate a format-1 store (one TinyDB file per document, written by every annotator) to format 2.

Run by `Store.open` under the lock (which older versions take too: they lock the store folder):

1. backup: every format-1 file is hard-linked (copied where links fail) into
   `backup-format-1.partial/`, which is renamed to `backup-format-1/` once complete;
2. `.local/migrating` is written: from here the backup, not docs/, is what is read;
3. each document's annotator files are built in `.local/migrate-staging/` from the backup;
4. each document folder is renamed into docs/, the format-1 files are removed from docs/ and paths/;
5. store.json says version 2 (the commit), then the marker and staging are removed.

Killed at any point, the next open starts again from the last completed step and builds the same bytes
(nothing random or dated is made up), so the result is identical to an uninterrupted run. Format-1
files that cannot be read are reported in the line and stay in the backup.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from annotations.storage import StoreError, atomic_write, fsync_dir, read_json
from annotations.store.files import Files
from annotations.store.journal import HISTORY_LIMIT, State
from annotations.store.layout import BACKUP_1, GITIGNORE, LOCAL, Layout, doc_hex, marker_payload
from annotations.store.validate import check_doc_data

EPOCH = "1970-01-01T00:00:00.000000+00:00"  # the time of what format 1 kept undated (overrides)
STAGING = "migrate-staging"
MARKER = "migrating"


def interrupted(layout: Layout) -> bool:
    return (layout.local / MARKER).exists()


def _link_tree(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        if entry.name.startswith(".") and entry.name.endswith(("tmp", "bak-tmp")):
            continue
        if entry.is_dir(follow_symlinks=False):
            if len(entry.name) == 64:  # a format-2 document folder: not part of format 1
                continue
            _link_tree(Path(entry.path), target / entry.name)
        elif entry.is_file(follow_symlinks=False):
            try:
                os.link(entry.path, target / entry.name)
            except OSError:
                shutil.copy2(entry.path, target / entry.name)


def _backup(loc: Path) -> None:
    """Step 1: a complete copy of the format-1 files, made visible by one rename."""
    partial = loc / (BACKUP_1 + ".partial")
    final = loc / BACKUP_1
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    for name in ("store.json", "docs", "paths"):
        source = loc / name
        if source.is_dir():
            _link_tree(source, partial / name)
        elif source.is_file():
            os.link(source, partial / name)
    for folder in (partial, partial / "docs", partial / "paths"):
        if folder.is_dir():
            fsync_dir(folder)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(partial, final)
    fsync_dir(loc)


def _strip(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in ("document_id", "path")}


def _convert_step(step: dict[str, Any]) -> dict[str, Any]:
    out = {
        "description": step["description"],
        "annotator": step.get("annotator", ""),
        "removed": [_strip(r) for r in step.get("removed", [])],
        "added": [_strip(r) for r in step.get("added", [])],
        "overrides": [list(o) for o in step.get("overrides", [])],
    }
    return out


def convert(data: dict[str, Any], fallback: str) -> list[State]:
    """The format-2 annotator states of one format-1 document file (already checked)."""
    meta = data["meta"]["1"]
    document_id, path = str(meta["document_id"]), str(meta["path"])
    records = sorted(data.get("annotations", {}).values(), key=lambda r: str(r["id"]))
    counts = Counter(str(r.get("annotator") or "") for r in records)
    main = counts.most_common(1)[0][0] if counts else fallback
    states: dict[str, State] = {}

    def state(who: str) -> State:
        if who not in states:
            states[who] = State(document_id, who, document={"path": path})
        return states[who]

    for r in records:
        state(str(r.get("annotator") or "")).annotations[str(r["id"])] = _strip(r)
    rows = [data["history"][k] for k in sorted(data.get("history", {}), key=int)]
    override_owner: dict[str, str] = {}
    shared = [row for row in rows if "annotator" not in row]
    own = [row for row in rows if "annotator" in row]
    for row in [*shared, *own]:  # the shared history is the older one
        for kind in ("undo", "redo"):
            for step in row[kind]:
                owners = sorted(
                    {
                        str(r.get("annotator") or "")
                        for r in (*step.get("added", []), *step.get("removed", []))
                    }
                )
                who = (
                    str(row.get("annotator") or step.get("annotator") or (owners[0] if owners else ""))
                    or main
                )
                for o in step.get("overrides", []):
                    override_owner[str(o[0])] = who
                getattr(state(who), kind).append(_convert_step(step))
    for s in states.values():
        del s.undo[:-HISTORY_LIMIT]
        del s.redo[:-HISTORY_LIMIT]
    for entry in sorted(data.get("overrides", {}).values(), key=lambda e: str(e["line"])):
        line = str(entry["line"])
        state(override_owner.get(line, main)).overrides[line] = [bool(entry["kept"]), EPOCH]
    for entry in data.get("dismissed", {}).values():
        state(main).dismissed.append([str(entry["label"]), int(entry["start"]), int(entry["end"])])
    return [states[k] for k in sorted(states)]


def migrate(index: Any, annotator: str) -> str:
    """Migrate the store at index.layout (under the lock); the one line to print."""
    layout: Layout = index.layout
    loc = layout.location
    local = loc / LOCAL
    local.mkdir(exist_ok=True)
    marker = local / MARKER
    if not marker.exists():
        _backup(loc)
        atomic_write(marker, b"backup complete\n", backup=False)
    backup = loc / BACKUP_1
    staging = local / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    files = Files()
    documents = annotations = 0
    unreadable: list[str] = []
    for file in sorted((backup / "docs").glob("*.json")):
        try:
            data = read_json(file)
            check_doc_data(file, data)
        except StoreError:
            unreadable.append(file.name)
            continue
        if data is None:
            continue
        states = convert(data, annotator)
        if not states:
            continue
        documents += 1
        folder = staging / doc_hex(states[0].document_id)
        for s in states:
            annotations += sum(not r.get("orphan") for r in s.annotations.values())
            target = Layout(staging.parent).annotator_file(s.document_id, s.annotator)
            files.create(folder / target.name, s)
    # commit: document folders into docs/, format-1 files out
    docs = layout.docs
    docs.mkdir(exist_ok=True)
    for folder in sorted(staging.iterdir()):
        target = docs / folder.name
        if target.exists():
            shutil.rmtree(target)
        os.replace(folder, target)
    for entry in list(os.scandir(docs)):
        if entry.is_file(follow_symlinks=False):
            os.unlink(entry.path)  # <hex>.json, <hhh>.index, .bak, temp files: all kept in the backup
    shutil.rmtree(loc / "paths", ignore_errors=True)
    shutil.rmtree(loc / "index", ignore_errors=True)  # a store older still
    if (loc / "lock").is_file():
        os.unlink(loc / "lock")
    fsync_dir(docs)
    atomic_write(loc / ".gitignore", GITIGNORE.encode(), backup=False)
    atomic_write(layout.marker, marker_payload(), backup=False)  # the commit
    for stale in (local / "index", local / "paths"):
        shutil.rmtree(stale, ignore_errors=True)  # rebuilt from the new files
    shutil.rmtree(staging, ignore_errors=True)
    os.unlink(marker)
    fsync_dir(local)
    line = (
        f"migrated the store at {loc} to format 2: {documents} documents, {annotations} annotations; "
        f"the old files are kept in {backup}"
    )
    if unreadable:
        line += f" ({len(unreadable)} unreadable file(s) left there: {', '.join(unreadable[:3])})"
    return line
