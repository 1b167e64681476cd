"""Where a store keeps what (store format 2): single-writer files that git or a file sync never merge.

Layout of a store folder (see docs/export-format.md, "The store on disk"):

    store.json                      {"format": "reader.store", "version": 2}
    .gitignore                      ignores exactly the local things below (LOCAL_PATTERNS)
    docs/<hex>/<annotator>.jsonl    one annotator's annotations, line overrides, dismissed suggestions,
                                    finished mark, document info and undo history for one document:
                                    a snapshot line and a journal of changes (journal.py)
    .local/                         never synced, rebuilt when missing or stale:
        lock                        fcntl.flock'ed by every writer, beside the flock on the folder
        index/<hhh>.json            summary of the documents whose hex starts with hhh
        paths/<hhh>.json            path -> document id, sharded by the hash of the path
    backup-format-1/                the files of a format-1 store, kept by its migration (local)
    *.bak, .*.tmp, *.corrupt-*      the previous compaction, temp files, files set aside (local)

Each annotator writes only their own files; reads merge the annotators' files of a document.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from annotations.reasons import os_reason
from annotations.storage import StoreError, atomic_write, corrupt_error, encode, read_json

FORMAT = "reader.store"
VERSION = 2
SUFFIX = ".jsonl"
LOCAL = ".local"
BACKUP_1 = "backup-format-1"
SHARD = 3  # hex digits naming an index/paths shard: 4,096 shards keep each small at a million annotations
SHARD_STEMS = tuple(f"{n:0{SHARD}x}" for n in range(16**SHARD))
# Every path (relative to the store, gitignore syntax) that is local to one machine: derived,
# rebuilt when missing, or kept only for recovery. `reader sync` must never commit them.
LOCAL_PATTERNS = (f"/{LOCAL}/", f"/{BACKUP_1}/", "*.bak", ".*.tmp", ".*.bak-tmp", "*.corrupt-*", "/lock")
GITIGNORE = (
    "# reader store: these are local to this machine (derived, rebuilt when missing, or kept for\n"
    "# recovery) and are never synced. Written by reader; see docs/export-format.md.\n"
    + "".join(p + "\n" for p in LOCAL_PATTERNS)
)
_HEX = re.compile(r"sha256:([0-9a-f]{64})")
_SAFE = re.compile(r"[a-z0-9_-]")
MAX_FILE_NAME = 200  # bytes of an encoded annotator name; longer names are cut and hashed


@functools.lru_cache(maxsize=4096)
def doc_hex(document_id: str) -> str:
    """The 64 hex digits naming a document's folder: its sha256 id as is, any other id hashed."""
    match = _HEX.fullmatch(document_id)
    return (
        match.group(1) if match else hashlib.sha256(document_id.encode("utf-8", "surrogatepass")).hexdigest()
    )


def is_plain_id(document_id: str) -> bool:
    """Whether the id is "sha256:" and the 64 hex digits naming its folder (every text's id is)."""
    return _HEX.fullmatch(document_id) is not None


def encode_name(annotator: str) -> str:
    """An annotator name as a file name, reversibly: lower-case letters, digits, `_` and `-` stay, every
    other byte of its UTF-8 is `%XX` (so `Alice` and `alice` differ on a case-insensitive disk, and
    no name is hidden, a path or too long). A name longer than MAX_FILE_NAME encoded is cut and its
    hash added: the name is inside the file as well."""
    out = []
    for ch in annotator:
        if _SAFE.fullmatch(ch):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    name = "".join(out) or "%"
    if len(name) > MAX_FILE_NAME:
        digest = hashlib.sha256(annotator.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        name = name[: MAX_FILE_NAME - 18].rstrip("%0123456789ABCDEF") + "~" + digest
    return name


def decode_name(name: str) -> str | None:
    """The annotator of an encoded file name; None for a cut (hashed) name (read it from the file)."""
    if "~" in name:
        return None
    if name == "%":
        return ""
    raw = bytearray()
    i = 0
    while i < len(name):
        if name[i] == "%":
            raw.append(int(name[i + 1 : i + 3], 16))
            i += 3
        else:
            raw.extend(name[i].encode())
            i += 1
    return raw.decode("utf-8", "surrogatepass")


def marker_payload() -> bytes:
    return encode({"format": FORMAT, "version": VERSION})


def marker_version(marker: Path) -> int:
    """The store.json version (1 or 2); anything else raises StoreError."""
    data = read_json(marker)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise corrupt_error(marker, "not a reader store marker (foreign or corrupt)")
    version = data.get("version")
    if version not in (1, VERSION):
        raise StoreError(f"{marker}: store version {version!r} is not supported by this reader")
    return int(version)


def check_marker(marker: Path) -> None:
    if marker_version(marker) != VERSION:
        raise StoreError(f"{marker}: a format-1 store; open it once to migrate it to format {VERSION}")


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
        # Another process may be creating the store right now: it makes .local/lock, then store.json.
        stray = [p.name for p in location.iterdir() if not p.name.startswith(".") and p.name != "lock"]
        if stray and not marker.exists():
            raise StoreError(
                f"{location}: not a reader store (no store.json) and not empty ({stray[0]}, ...); "
                "refusing to write into it, choose an empty or new folder"
            )
    else:
        marker_version(marker)
    if not os.access(location, os.W_OK | os.X_OK):
        raise StoreError(f"{location}: the store folder is not writable")
    try:
        (location / LOCAL).mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{location}: cannot set up the store ({os_reason(exc)})") from None


def move_aside(file: Path, stamp: str | None = None) -> Path:
    """Rename a bad file to `<file>.corrupt-<time>`: recovery never deletes what it cannot read."""
    target = file.with_name(f"{file.name}.corrupt-{stamp or time.strftime('%Y%m%dT%H%M%S')}")
    os.replace(file, target)
    return target


class FolderNames(Sequence[str]):
    """Sorted 64-hex folder names held as their 32 bytes each, read back as text one at a time: the
    cached listing of 30,000 folders as strings held 3.4 MB for the life of the process."""

    __slots__ = ("_packed",)

    def __init__(self, names: Iterable[str | bytes]) -> None:
        """From the names, or their 32 bytes each (sorted either way)."""
        self._packed = b"".join(n if isinstance(n, bytes) else bytes.fromhex(n) for n in names)

    def __len__(self) -> int:
        return len(self._packed) // 32

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._packed[i * 32 : (i + 1) * 32].hex()


_NAME = re.compile(r"[0-9a-f]{64}")
# folder -> (its mtime, when listed, names)
_LISTINGS: dict[str, tuple[int, int, Sequence[str]]] = {}


def _folder_names(folder: Path) -> Sequence[str]:
    """The sorted 64-hex names in `docs/`, listed again only when the folder's mtime moved: rebuilding
    96 index shards after a sync listed 30,000 folders 96 times (4 s of a 6 s receive). A listing taken
    within 50 ms of the folder's mtime is not trusted (a change in the same clock tick would not move
    the mtime)."""
    key = str(folder)
    try:
        mtime = os.stat(key).st_mtime_ns
    except FileNotFoundError:
        _LISTINGS.pop(key, None)
        return []
    cached = _LISTINGS.get(key)
    if cached is not None and cached[0] == mtime and cached[1] - mtime > 50_000_000:
        return cached[2]
    listed_at = time.time_ns()
    packed: list[bytes] = []  # 65 bytes a name while sorting, not a 113-byte string
    stray: list[str] = []
    try:
        with os.scandir(key) as listing:
            for entry in listing:
                name = entry.name
                if len(name) == 64:
                    if _NAME.fullmatch(name):
                        packed.append(bytes.fromhex(name))
                    else:
                        stray.append(name)
    except FileNotFoundError:
        return []
    packed.sort()
    names: Sequence[str] = FolderNames(packed)
    if stray:  # a folder that is not a document's (64 long, not lowercase hex): kept as strings
        names = sorted([*names, *stray])
    _LISTINGS[key] = (mtime, listed_at, names)
    return names


@dataclass(frozen=True)
class Layout:
    """The file names of one store folder."""

    location: Path

    @functools.cached_property
    def marker(self) -> Path:
        return self.location / "store.json"

    @functools.cached_property
    def docs(self) -> Path:
        return self.location / "docs"

    @functools.cached_property
    def local(self) -> Path:
        return self.location / LOCAL

    def is_set_up(self) -> bool:
        loc = self.location
        try:
            return (
                marker_version(self.marker) == VERSION
                and (loc / "docs").is_dir()
                and (loc / ".gitignore").exists()
                and (loc / LOCAL / "index").is_dir()
            )
        except StoreError:
            return False

    def set_up(self) -> None:
        """Write the marker, .gitignore and folders of a new store (under the lock: another may race)."""
        if self.marker.exists():
            check_marker(self.marker)
        else:
            atomic_write(self.marker, marker_payload(), backup=False)
        if not (self.location / ".gitignore").exists():
            atomic_write(self.location / ".gitignore", GITIGNORE.encode(), backup=False)
        self.docs.mkdir(exist_ok=True)
        for sub in ("index", "paths"):
            (self.local / sub).mkdir(parents=True, exist_ok=True)

    def doc_dir(self, document_id: str) -> Path:
        return self.docs / doc_hex(document_id)

    def annotator_file(self, document_id: str, annotator: str) -> Path:
        return self.doc_dir(document_id) / (encode_name(annotator) + SUFFIX)

    def annotator_files(self, document_id: str) -> list[Path]:
        """The annotator files of one document, in name order (none when it has no folder)."""
        folder = self.doc_dir(document_id)
        try:
            names = os.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return [folder / n for n in sorted(names) if n.endswith(SUFFIX) and not n.startswith(".")]

    def doc_names(self) -> Sequence[str]:
        """Every document folder's name (64 hex digits), sorted: no Path objects (30,000 of them, and
        pathlib's interned parts, stayed in a listing's peak memory)."""
        return _folder_names(self.docs)

    def doc_dirs(self, stem: str = "") -> list[Path]:
        """Every document folder (or those whose name starts with `stem`), in name order."""
        names = _folder_names(self.docs)
        out = []
        for i in range(bisect.bisect_left(names, stem) if stem else 0, len(names)):
            n = names[i]
            if not n.startswith(stem):
                break
            out.append(self.docs / n)
        return out

    @functools.cached_property
    def index_dir(self) -> Path:
        return self.local / "index"

    def index_path(self, stem: str) -> Path:
        return self.index_dir / f"{stem}.json"

    def index_file(self, document_id: str) -> Path:
        return self.index_path(doc_hex(document_id)[:SHARD])

    def paths_file(self, path: str) -> Path:
        digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
        return self.paths_path(digest[:SHARD])

    def paths_path(self, stem: str) -> Path:
        return self.local / "paths" / f"{stem}.json"

    def shard_files(self, kind: str) -> list[Path]:
        folder = self.index_dir if kind == "index" else self.local / "paths"
        return sorted(folder.glob("[0-9a-f]" * SHARD + ".json"))
