"""Where a store keeps what, and the one way to read a document file.

Layout of a store folder (see docs/export-format.md, "The store on disk"):

    store.json          marks the folder as ours: {"format": "reader.store", "version": 1}
    lock                fcntl.flock'ed by every writer (processes) beside an in-process lock (threads)
    docs/<hex>.json     TinyDB file of one document: tables meta, annotations, history, overrides, dismissed
    docs/<hhh>.index    summary of the documents whose hex starts with hhh (counts and spans)
    paths/<hhh>.json    path -> document id, sharded by the hash of the path
    *.bak               the previous version of each file, kept by every write for recovery
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotations.model import Annotation
from annotations.reasons import os_reason
from annotations.storage import StoreError, atomic_write, corrupt_error, encode, read_json
from annotations.store.validate import VERSION, Invalid, check_doc_data, check_record

FORMAT = "reader.store"
INDEX_FORMAT = "reader.store.index"
PATHS_FORMAT = "reader.store.paths"
SHARD = 3  # hex digits naming an index/paths shard: 4,096 shards keep each small at a million annotations
# Index shards live beside the document files (docs/<hhh>.index) so that a tag's two renames are made
# durable by one folder fsync.
INDEX_SUFFIX = ".index"
SHARD_STEMS = tuple(f"{n:0{SHARD}x}" for n in range(16**SHARD))
_HEX = re.compile(r"sha256:([0-9a-f]{64})")


def doc_hex(document_id: str) -> str:
    """The 64 hex digits naming a document's file: its sha256 id as is, any other id hashed."""
    match = _HEX.fullmatch(document_id)
    return (
        match.group(1) if match else hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()
    )


def sort_key(a: Annotation) -> tuple[int, int, str, str, str]:
    return (a.start, a.end, a.label, a.annotator, a.id)


def marker_payload() -> bytes:
    return encode({"format": FORMAT, "version": VERSION})


def check_marker(marker: Path) -> None:
    data = read_json(marker)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise corrupt_error(marker, "not a reader store marker (foreign or corrupt)")
    if data.get("version") != VERSION:
        raise StoreError(f"{marker}: store version {data.get('version')!r} is not supported by this reader")


def claim_folder(location: Path) -> None:
    """Make `location` ready to hold a store; refuse a file, a foreign folder or one we cannot write."""
    if location.exists() and not location.is_dir():
        raise StoreError(f"{location}: is a file, not a folder; cannot hold a store")
    try:
        location.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{location}: cannot create the store folder ({os_reason(exc)})") from None
    if not location.is_dir():
        raise StoreError(f"{location}: is not a folder, cannot hold a store")
    marker = location / "store.json"
    if not marker.exists():
        # Another process may be creating the store right now: it makes `lock`, then store.json.
        stray = [p.name for p in location.iterdir() if not p.name.startswith(".") and p.name != "lock"]
        if stray and not marker.exists():
            raise StoreError(
                f"{location}: not a reader store (no store.json) and not empty ({stray[0]}, ...); "
                "refusing to write into it, choose an empty or new folder"
            )
    else:
        check_marker(marker)
    if not os.access(location, os.W_OK | os.X_OK):
        raise StoreError(f"{location}: the store folder is not writable")


def move_aside(file: Path, stamp: str | None = None) -> Path:
    """Rename a bad file to `<file>.corrupt-<time>`: recovery never deletes what it cannot read."""
    target = file.with_name(f"{file.name}.corrupt-{stamp or time.strftime('%Y%m%dT%H%M%S')}")
    os.replace(file, target)
    return target


def parse_annotations(path: Path, records: Iterable[dict[str, Any]]) -> list[Annotation]:
    out = []
    try:
        for r in records:
            check_record(r)
            out.append(Annotation.from_json(dict(r)))
    except Invalid as exc:
        raise corrupt_error(path, f"a malformed document file ({exc})") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise corrupt_error(
            path, f"an annotation record is malformed ({type(exc).__name__}: {exc})"
        ) from None
    return sorted(out, key=sort_key)


@dataclass(frozen=True)
class DocFile:
    """A document file that passed `check_doc_data`; its annotations are parsed only when asked for."""

    file: Path
    data: dict[str, Any]

    @property
    def meta(self) -> dict[str, Any]:
        return self.data["meta"]["1"]

    @property
    def document_id(self) -> str:
        return str(self.meta["document_id"])

    @property
    def path(self) -> str:
        return str(self.meta["path"])

    @property
    def rev(self) -> int:
        return int(self.meta.get("rev", 0))

    def annotations(self) -> list[Annotation]:
        return parse_annotations(self.file, self.data.get("annotations", {}).values())

    def overrides(self) -> dict[str, bool]:
        return {d["line"]: bool(d["kept"]) for d in self.data.get("overrides", {}).values()}

    def dismissed(self) -> set[tuple[str, int, int]]:
        return {(d["label"], int(d["start"]), int(d["end"])) for d in self.data.get("dismissed", {}).values()}

    def history_rows(self) -> dict[int, dict[str, Any]]:
        return {int(k): v for k, v in self.data.get("history", {}).items()}


def read_document(file: Path) -> DocFile | None:
    """The checked document file, None when there is none; a bad or foreign file raises StoreError."""
    data = read_json(file)
    check_doc_data(file, data)
    return None if data is None else DocFile(file, data)


@dataclass(frozen=True)
class Layout:
    """The file names of one store folder."""

    location: Path

    @property
    def marker(self) -> Path:
        return self.location / "store.json"

    @property
    def docs(self) -> Path:
        return self.location / "docs"

    def is_set_up(self) -> bool:
        """Marker and folders present, no index/ folder of an older version left to convert."""
        loc = self.location
        return (
            self.marker.exists()
            and (loc / "docs").is_dir()
            and (loc / "paths").is_dir()
            and not (loc / "index").is_dir()
        )

    def set_up(self) -> None:
        """Write the marker and the folders of a new store (under the lock: another process may race)."""
        if self.marker.exists():
            check_marker(self.marker)
        else:
            atomic_write(self.marker, marker_payload())
        for sub in ("docs", "paths"):
            (self.location / sub).mkdir(exist_ok=True)

    def doc_file(self, document_id: str) -> Path:
        return self.docs / f"{doc_hex(document_id)}.json"

    def doc_files(self, stem: str = "") -> list[Path]:
        """Every document file (or those whose name starts with `stem`), in name order."""
        return sorted(self.docs.glob(f"{stem}*.json"))

    def index_file(self, document_id: str) -> Path:
        return self.index_path(doc_hex(document_id)[:SHARD])

    def index_path(self, stem: str) -> Path:
        return self.docs / f"{stem}{INDEX_SUFFIX}"

    def paths_file(self, path: str) -> Path:
        digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
        return self.paths_path(digest[:SHARD])

    def paths_path(self, stem: str) -> Path:
        return self.location / "paths" / f"{stem}.json"

    def shard_files(self, kind: str) -> list[Path]:
        if kind == "index":
            return sorted(self.docs.glob("[0-9a-f]" * SHARD + INDEX_SUFFIX))
        return sorted((self.location / "paths").glob("*.json"))
