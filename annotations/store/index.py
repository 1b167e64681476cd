"""The local shard files that keep reads cheap (never synced: they live in .local/ and are rebuilt).

Index shards (.local/index/<hhh>.json) hold each document's path, counts, spans, who tagged it and who
finished it, each label's distinct anchored spans with who drew them (`held`: what `reader agree`
counts, so a first count reads no annotator file; an older version's entry lacks it and is read from
the files), and the (inode, size, mtime) of its annotator files, so the library lists a million
annotations without opening an annotator file, and a file that changed behind the store's back (another
process, a git pull, a file sync) is noticed and its entry rebuilt. Path shards (.local/paths/<hhh>.json)
map a path to its document id, so a changed file is found again. Both are derived from the annotator
files: a shard that cannot be read is moved aside and rebuilt, never restored from a backup.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import marshal
import os
import sys
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from annotations.model import DocSummary
from annotations.storage import StoreError, atomic_write, corrupt_error, encode, read_json, remove_file
from annotations.store.files import Files
from annotations.store.journal import State
from annotations.store.layout import SHARD_STEMS, Layout, doc_hex, move_aside
from annotations.store.lock import StoreLock
from annotations.store.validate import check_shard_entries

INDEX_FORMAT = "reader.store.index"
PATHS_FORMAT = "reader.store.paths"
INDEX_VERSION = 2
SHARD_CACHE = 512  # parsed index and path shards kept in memory at most
SHARD_CACHE_DOCUMENTS = 1_024  # ...and the documents they hold at most
SHARD_CACHE_BYTES = 1 << 20  # ...and their files' bytes at most: the bound that keeps memory flat
SNAPSHOT = "summary.marshal"  # in .local/, beside (not in) the index folder: writing it moves no shard
# marshal's format and the native int32 of span bytes are this machine's (.local/ never leaves it)
SNAPSHOT_MAGIC = f"reader.store.summary 2 {sys.byteorder} {array.array('i').itemsize} ".encode() + bytes(
    [marshal.version]
)
SNAPSHOT_LAG = 64  # shards changed since the snapshot before a summary pass writes it again
TRUST_NS = 50_000_000  # a folder's mtime is trusted only by a pass that began this long after it
Stamp = tuple[int, int, int]  # inode, mtime_ns, size
Row = tuple[str, str, int, int, str | bytes, tuple[str, ...], tuple[str, ...], int, str]
# label -> "s,e,h,s,e,h": each distinct anchored span of the label and who drew it (bit p of h: the
# entry's `annotators`[p]). What agreement counts, without the annotator files; grouped by span, so
# ten annotators who drew the same sentence are one triple to count, not ten spans to read.
HELD = "held"
BUILT = "built"  # .local/index/built: the index was built from every annotator file at least once


def writes_pending(local: Path) -> bool:
    """A write waits to reach the index (a `.local/dirty/` marker): readable without opening the store,
    so a process that only watches the store (the agreement warm-up) asks the same question."""
    try:
        with os.scandir(local / "dirty") as entries:
            return any(True for _ in entries)
    except FileNotFoundError:
        return False


def shard_payload(fmt: str, key: str, entries: dict[str, Any]) -> bytes:
    return encode({"format": fmt, "version": INDEX_VERSION, key: entries})


def files_stamp(layout: Layout, document_id: str) -> tuple[int, str]:
    """The document folder's mtime, and a digest of each annotator file's (name, inode, size, mtime):
    an append changes the digest, a file arriving by rename (git, rsync) changes both."""
    folder = layout.doc_dir(document_id)
    out: list[tuple[str, int, int, int]] = []
    try:
        dir_mtime = os.stat(folder).st_mtime_ns
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.endswith(".jsonl") and not e.name.startswith("."):
                    st = e.stat()
                    out.append((e.name, st.st_ino, st.st_size, st.st_mtime_ns))
    except FileNotFoundError:
        return 0, ""
    if not out:
        return dir_mtime, ""
    return dir_mtime, hashlib.blake2b(repr(sorted(out)).encode(), digest_size=8).hexdigest()


def summary_entry(path: str, states: Iterable[State], stamp: tuple[int, str]) -> dict[str, Any]:
    spans: set[tuple[int, int]] = set()
    count = orphans = 0
    finished: list[str] = []
    drawn: dict[str, dict[str, set[tuple[int, int]]]] = {}  # annotator -> label -> spans
    for s in states:
        anchored = 0
        mine: dict[str, set[tuple[int, int]]] = {}
        for r in s.annotations.values():
            if r.get("orphan"):
                orphans += 1
            else:
                anchored += 1
                spans.add((r["start"], r["end"]))
                mine.setdefault(r["label"], set()).add((r["start"], r["end"]))
        count += anchored
        if anchored:
            drawn[s.annotator] = mine
        if s.is_finished:
            finished.append(s.annotator)
    annotators = sorted(drawn)
    held: dict[str, dict[tuple[int, int], int]] = {}
    for p, annotator in enumerate(annotators):
        for label, theirs in drawn[annotator].items():
            by_span = held.setdefault(label, {})
            for span in theirs:
                by_span[span] = by_span.get(span, 0) | 1 << p
    return {
        "path": path,
        "annotations": count,
        "orphans": orphans,
        "spans": spans_text(spans),
        "annotators": annotators,
        "finished": sorted(finished),
        "dir": stamp[0],
        "stamp": stamp[1],
        HELD: {
            label: ",".join(f"{s},{e},{h}" for (s, e), h in sorted(by_span.items()))
            for label, by_span in sorted(held.items())
        },
    }


def entry_held(entry: Any) -> tuple[list[str], dict[str, str]] | None:
    """An index entry's annotators and its `HELD` texts (label -> "s,e,h,..."); None when the entry has
    none in a form this version knows (an index written by an older version, or damaged): the caller
    reads the annotator files instead. The numbers are parsed by the caller, which treats a ValueError
    the same way."""
    if not isinstance(entry, dict):
        return None
    held, annotators = entry.get(HELD), entry.get("annotators")
    if not isinstance(held, dict) or not isinstance(annotators, list):
        return None
    # The annotators' names are not checked one by one (a tenth of a cold count): a name that is not a
    # finished coder's holds no bits, and an unhashable one raises TypeError, which the caller handles.
    for label, text in held.items():
        if not isinstance(text, str) or not isinstance(label, str):
            return None
    return annotators, held


def held_spans(annotators: list[str], held: dict[str, str]) -> dict[str, list[tuple[str, int, int]]]:
    """`entry_held` as (label, start, end) per annotator (what each annotator file holds, anchored);
    raises ValueError on damaged numbers."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    for label, text in held.items():
        numbers = iter(map(int, text.split(","))) if text else iter(())
        for s, e, h in zip(numbers, numbers, numbers, strict=True):
            if h <= 0 or h >> len(annotators):
                raise ValueError("holders that are not the entry's annotators")
            for p, annotator in enumerate(annotators):
                if h >> p & 1:
                    out.setdefault(annotator, []).append((label, s, e))
    return out


class SpanList(Sequence[tuple[int, int]]):
    """A document's distinct (start, end) spans, kept compact and parsed only when read: the shard's
    "s,e,s,e" text, or (from the summary snapshot) the same numbers as native int32 bytes, which parse
    four times faster. The summary of a million annotations holds 30,000 of these, not a million tuples."""

    __slots__ = ("_data", "_pairs")

    def __init__(self, data: str | bytes) -> None:
        self._data = data
        self._pairs: tuple[tuple[int, int], ...] | None = None

    def _parsed(self) -> tuple[tuple[int, int], ...]:
        if self._pairs is None:
            data = self._data
            try:
                if isinstance(data, bytes):
                    numbers = iter(memoryview(data).cast("i").tolist())
                else:
                    numbers = map(int, data.split(",")) if data else iter(())
                self._pairs = tuple(zip(numbers, numbers, strict=False))  # consecutive (start, end)
            except (ValueError, TypeError):
                self._pairs = ()  # a damaged entry reads as no spans; `reader stats` rebuilds the index
        return self._pairs

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        return self._parsed()[i]

    def __len__(self) -> int:
        return len(self._parsed())

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._parsed())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SpanList):
            if type(self._data) is type(other._data):
                return self._data == other._data
            return self._parsed() == other._parsed()
        return isinstance(other, (tuple, list)) and self._parsed() == tuple(map(tuple, other))

    def __hash__(self) -> int:
        return hash(self._parsed())

    def __repr__(self) -> str:
        return repr(self._parsed())


def spans_binary(text: str) -> str | bytes:
    """The "s,e,s,e" text as native int32 bytes (what the snapshot keeps); the text when it will not go."""
    try:
        return array.array("i", map(int, text.split(","))).tobytes() if text else b""
    except (ValueError, OverflowError):
        return text


def _binary_row(row: Row) -> Row:
    return (row[0], row[1], row[2], row[3], spans_binary(str(row[4])), row[5], row[6], row[7], row[8])


def spans_text(spans: Iterable[tuple[int, int]]) -> str:
    return ",".join(f"{s},{e}" for s, e in sorted(spans))


def _empty(e: dict[str, Any]) -> bool:
    """Nothing to list: no annotations, orphans or finished marks (only overrides, history, tombstones)."""
    return not (e["annotations"] or e["orphans"] or e.get("finished"))


def _summaries(rows: Iterable[Row]) -> dict[str, DocSummary]:
    """The listed documents of a shard's rows (those with annotations, orphans or a finished mark)."""
    return {
        r[0]: DocSummary(r[1], r[2], r[3], SpanList(r[4]), r[5], r[6]) for r in rows if r[2] or r[3] or r[6]
    }


class Index:
    """Reads and writes the shards; a shard read under the lock is cached until the lock is released."""

    def __init__(self, layout: Layout, lock: StoreLock, files: Files) -> None:
        self.layout = layout
        self.lock = lock
        self.files = files
        self._shards: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}  # by stat
        self._shard_entries = 0  # documents held by the cached shards: the cache's bound
        self._shard_bytes = 0  # and the size of their files (entries of 500 spans are ~5 KB each)
        self._guard = threading.Lock()
        # index shard file -> (its stamp, its documents' summaries, its rows): see `summary`
        self._summary_cache: dict[str, tuple[Stamp, dict[str, DocSummary], tuple[Row, ...]]] = {}
        self._index_names: list[str] | None = None
        self._merged: tuple[int, int, dict[str, DocSummary]] | None = None  # (folder mtime, when, summary)
        self._snapshot: dict[str, Stamp] | None = None  # shard stamps the snapshot on disk holds
        self._snapshot_tried = False
        self._snapshot_key: tuple[int, int] | None = None  # its folder stamp, if it can be trusted
        self._pass: tuple[tuple[int, int], int] | None = None  # last full pass: folder (inode, mtime), when
        self._shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per team (snapshot refs)

    @property
    def durable(self) -> bool:
        return self.files.durable

    @durable.setter
    def durable(self, value: bool) -> None:
        self.files.durable = value

    def forget(self) -> None:
        """Called when the lock is released: nothing to drop (the shard cache is checked by stat)."""

    # ------------------------------------------------------------ shards

    def read_shard(self, file: Path, fmt: str, key: str) -> dict[str, Any]:
        """A shard's entries (a fresh dict the caller may change), parsed and checked again only when
        the file changed: every write replaces a shard by rename, so (inode, mtime, size) tells."""
        try:
            st = os.stat(file)
        except FileNotFoundError:
            return {}
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._guard:
            cached = self._shards.get(file)
        if cached is not None and cached[0] == stamp:
            return dict(cached[1])
        data = read_json(file)
        if data is None:
            entries: dict[str, Any] = {}
        elif not isinstance(data, dict) or data.get("format") != fmt or not isinstance(data.get(key), dict):
            raise corrupt_error(file, f"not a {fmt} file")
        elif data.get("version") != INDEX_VERSION:
            raise corrupt_error(file, f"unsupported {fmt} version {data.get('version')!r}")
        else:
            entries = data[key]
            check_shard_entries(file, fmt, entries)
        self._remember(file, stamp, entries)
        return dict(entries)

    def _remember(self, file: Path, stamp: tuple[int, int, int], entries: dict[str, Any]) -> None:
        """Cache a parsed shard, bounded by documents and by its file's bytes as well as shards: past
        ~4,000 documents each of the 4,096 shards holds several, and an entry of 500 spans weighs as
        much as fifty small ones, so a bound on shards or documents alone let an export's memory grow
        with the store (1,024 such entries held about 4 MB)."""
        with self._guard:
            self._drop(file)
            self._shards[file] = (stamp, entries)
            self._shard_entries += len(entries)
            self._shard_bytes += stamp[2]
            while len(self._shards) > 1 and (
                len(self._shards) > SHARD_CACHE
                or self._shard_entries > SHARD_CACHE_DOCUMENTS
                or self._shard_bytes > SHARD_CACHE_BYTES
            ):
                self._drop(next(iter(self._shards)))

    def _drop(self, file: Path) -> None:
        old = self._shards.pop(file, None)
        if old is not None:
            self._shard_entries -= len(old[1])
            self._shard_bytes -= old[0][2]

    def write_shard(self, file: Path, fmt: str, key: str, entries: dict[str, Any]) -> None:
        """Derived files: atomic (a reader sees old or new) but not fsynced; a lost one is rebuilt."""
        with self._guard:
            self._drop(file)
        if entries:
            atomic_write(file, shard_payload(fmt, key, entries), durable=False, backup=False)
            try:
                st = os.stat(file)
            except OSError:
                return
            self._remember(file, (st.st_ino, st.st_mtime_ns, st.st_size), dict(entries))
        elif file.exists():
            remove_file(file, durable=False)

    def index_shard(self, file: Path) -> dict[str, Any]:
        """An index shard; one that cannot be read is moved aside and rebuilt from its documents."""
        try:
            return self.read_shard(file, INDEX_FORMAT, "documents")
        except StoreError:
            with self.lock.hold():
                try:
                    return self.read_shard(file, INDEX_FORMAT, "documents")
                except StoreError:
                    pass
                move_aside(file)
                entries = {}
                for folder in self.layout.doc_dirs(file.stem):
                    built = self.build_entry(self._document_id(folder), None)
                    if built is not None:
                        entries[built[0]] = built[1]
                self.write_shard(file, INDEX_FORMAT, "documents", entries)
                return dict(entries)

    def _document_id(self, folder: Path) -> str:
        return "sha256:" + folder.name

    def _cached_shard(self, file: Path) -> dict[str, Any]:
        return self.index_shard(file)

    # ------------------------------------------------------------ entries

    def entry(self, document_id: str) -> dict[str, Any] | None:
        return self._cached_shard(self.layout.index_file(document_id)).get(document_id)

    def states(self, document_id: str) -> list[State]:
        """Every annotator's state of a document (cached reads), in file-name order."""
        out = []
        for file in self.layout.annotator_files(document_id):
            cached = self.files.load(file, document_id)
            if cached is not None:
                out.append(cached.state)
        return out

    def document_path(self, document_id: str, states: list[State] | None = None) -> str | None:
        """The document's path here: the index's, else what an annotator file recorded."""
        entry = self.entry(document_id)
        if entry is not None:
            return str(entry["path"])
        for s in states if states is not None else self.states(document_id):
            if s.document.get("path"):
                return str(s.document["path"])
        return None

    def build_entry(self, document_id: str, path: str | None) -> tuple[str, dict[str, Any]] | None:
        stamp = files_stamp(self.layout, document_id)
        states = self.states(document_id)
        if not states:
            return None
        real_id = states[0].document_id
        if path is None:
            path = next((str(s.document["path"]) for s in states if s.document.get("path")), "")
        return real_id, summary_entry(path, states, stamp)

    def update(self, document_id: str, path: str | None = None) -> None:
        """Recompute one document's entry from its annotator files (under the lock, after a write)."""
        with self.lock.hold():
            file = self.layout.index_file(document_id)
            entries = self.index_shard(file)
            old = entries.get(document_id)
            if path is None and old is not None:
                path = old["path"]
            built = self.build_entry(document_id, path)
            if built is None:
                if old is None:
                    return
                del entries[document_id]
            else:
                document_id = built[0]
                if entries.get(document_id) == built[1]:
                    return
                entries[document_id] = built[1]
            self.write_shard(file, INDEX_FORMAT, "documents", entries)
            if built is not None and (old is None or old["path"] != built[1]["path"]):
                self.set_path(built[1]["path"], document_id)

    def update_many(self, document_ids: Iterable[str], *, only_stale: bool = True) -> list[str]:
        """`update` for many documents at once (what a sync brought, a refresh's finds): each index and
        path shard is written once, and the shard writes go side by side on a few threads. On a busy
        disk each rename waits for the file system's journal (7 ms each measured while other processes
        fsynced), so 100 documents written one after the other took most of a second.

        With `only_stale`, documents whose files match their entry are left alone. Returns the
        documents whose entry was rebuilt; one whose files cannot be read keeps its entry (the reads
        report it) and is not returned."""
        changed: list[str] = []
        with self.lock.hold():
            by_file: dict[Path, list[str]] = {}
            for document_id in dict.fromkeys(document_ids):
                by_file.setdefault(self.layout.index_file(document_id), []).append(document_id)
            writes: list[tuple[Path, str, str, dict[str, Any]]] = []
            moved: list[tuple[str, str]] = []  # (path, document id) for the path shards
            for file, ids in by_file.items():
                entries = self.index_shard(file)
                touched = False
                for document_id in ids:
                    old = entries.get(document_id)
                    if only_stale and not self.is_stale(document_id, old):
                        continue
                    try:
                        built = self.build_entry(document_id, None if old is None else old["path"])
                    except StoreError:
                        continue
                    changed.append(document_id)
                    if built is None:
                        if old is not None:
                            del entries[document_id]
                            touched = True
                        continue
                    real, entry = built
                    if entries.get(real) != entry:
                        entries[real] = entry
                        touched = True
                    if old is None or old["path"] != entry["path"]:
                        moved.append((entry["path"], real))
                if touched:
                    writes.append((file, INDEX_FORMAT, "documents", entries))
            by_paths: dict[Path, list[tuple[str, str]]] = {}
            for path, document_id in moved:
                if path:
                    by_paths.setdefault(self.layout.paths_file(path), []).append((path, document_id))
            for file, items in by_paths.items():
                known = self.read_shard(file, PATHS_FORMAT, "paths")
                if any(known.get(path) != document_id for path, document_id in items):
                    known.update(items)
                    writes.append((file, PATHS_FORMAT, "paths", known))
            self._write_shards(writes)
        return changed

    def _write_shards(self, items: list[tuple[Path, str, str, dict[str, Any]]]) -> None:
        if len(items) < 4:
            for item in items:
                self.write_shard(*item)
            return
        with ThreadPoolExecutor(max_workers=min(8, len(items)), thread_name_prefix="store-index") as pool:
            for _ in pool.map(lambda item: self.write_shard(*item), items):
                pass  # raises the first failure

    def is_stale(self, document_id: str, entry: dict[str, Any] | None) -> bool:
        stamp = files_stamp(self.layout, document_id)[1]
        if entry is None:
            return bool(stamp)
        return entry.get("stamp") != stamp

    def path_lookup(self, path: str) -> str | None:
        return self.read_shard(self.layout.paths_file(path), PATHS_FORMAT, "paths").get(path)

    def set_path(self, path: str, document_id: str | None, *, only_if: str | None = None) -> None:
        if not path:
            return
        with self.lock.hold():
            file = self.layout.paths_file(path)
            entries = self.read_shard(file, PATHS_FORMAT, "paths")
            current = entries.get(path)
            if only_if is not None and current != only_if:
                return
            if current == document_id:
                return
            if document_id is None:
                entries.pop(path, None)
            else:
                entries[path] = document_id
            self.write_shard(file, PATHS_FORMAT, "paths", entries)

    def paths_of(self, document_id: str) -> list[str]:
        """Every path the path shards map to this document (two saved copies of one text)."""
        out = []
        for file in self.layout.shard_files("paths"):
            for path, d in self.read_shard(file, PATHS_FORMAT, "paths").items():
                if d == document_id:
                    out.append(path)
        return sorted(out)

    # ------------------------------------------------------------ whole-store reads

    def summary(self) -> dict[str, DocSummary]:
        """From the index shards only, each parsed again only when it changed since the last call.

        Every write replaces a shard by rename, so (inode, mtime, size) changes with its content. A cold
        call starts from the snapshot (`.local/summary.marshal`): one file holding every shard's rows
        and the stamp it had, so a new process reads one file instead of parsing 4,096 JSON shards; only
        shards whose stamp moved since are parsed (none at all when the index folder is as it was).
        """
        folder = str(self.layout.local / "index")
        try:
            st = os.stat(folder)
            folder_key, folder_mtime = (st.st_ino, st.st_mtime_ns), st.st_mtime_ns
        except FileNotFoundError:
            folder_key, folder_mtime = (0, -1), -1
        merged = self._merged
        # Every shard write renames into the folder, so an unchanged folder mtime means no shard changed;
        # trusted only when the last full pass ran well after that mtime (timestamps can be coarse).
        if merged is not None and merged[0] == folder_mtime and merged[1] - folder_mtime > TRUST_NS:
            return dict(merged[2])
        started = time.time_ns()
        trusted = False
        if not self._snapshot_tried:
            self._snapshot_tried = True
            trusted = self._load_snapshot(folder_key)
        out: dict[str, DocSummary] = {}
        if trusted:  # the folder is as the snapshot saw it: no shard changed since
            for cached in self._summary_cache.values():
                out.update(cached[1])
            self._merged = (folder_mtime, started, out)
            return dict(out)
        seen: set[str] = set()
        for name in self._shard_names():
            try:
                st = os.stat(name)
            except FileNotFoundError:
                continue
            seen.add(name)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            known = self._summary_cache.get(name)
            if known is None or known[0] != stamp:
                rows = self._rows(self.index_shard(Path(name)))
                known = (stamp, _summaries(rows), rows)
                self._summary_cache[name] = known
            out.update(known[1])
        for gone in set(self._summary_cache) - seen:
            self._summary_cache.pop(gone, None)
        self._merged = (folder_mtime, started, out)
        self._pass = (folder_key, started)
        if self._snapshot_lag() >= SNAPSHOT_LAG:
            self.save_snapshot()
        return dict(out)

    def rows(self) -> Iterator[Row]:
        """Every document's index row (id, path, counts, spans, annotators, finished, folder mtime, files
        stamp) as of the last `summary` (call it first)."""
        for cached in self._summary_cache.values():
            yield from cached[2]

    def _rows(self, entries: dict[str, Any]) -> tuple[Row, ...]:
        shared = self._shared
        out = []
        for document_id, e in entries.items():
            who = tuple(e.get("annotators", ()))
            done = tuple(e.get("finished", ()))
            out.append(
                (
                    document_id,
                    e["path"],
                    e["annotations"],
                    e["orphans"],
                    e["spans"],
                    shared.setdefault(who, who),
                    shared.setdefault(done, done),
                    int(e.get("dir", 0)),
                    str(e.get("stamp", "")),
                )
            )
        return tuple(out)

    # ------------------------------------------------------------ the summary snapshot

    def _snapshot_lag(self) -> int:
        """How many shards differ from what the snapshot on disk holds (all of them: no snapshot)."""
        held = self._snapshot
        if held is None:
            return len(self._summary_cache)
        lag = sum(1 for name, cached in self._summary_cache.items() if held.get(name) != cached[0])
        return lag + sum(1 for name in held if name not in self._summary_cache)

    def _load_snapshot(self, folder_key: tuple[int, int]) -> bool:
        """Fill the summary cache from the snapshot; True when the index folder is as it saw it (then
        no shard needs a stat). A snapshot that is missing, foreign or damaged is ignored: it is derived,
        and the next full pass writes it again."""
        file = self.layout.local / SNAPSHOT
        try:
            data = file.read_bytes()
        except OSError:
            return False
        head = len(SNAPSHOT_MAGIC)
        if data[:head] != SNAPSHOT_MAGIC or len(data) < head + 4:
            return False
        body = memoryview(data)[head + 4 :]
        if zlib.crc32(body) != int.from_bytes(data[head : head + 4], "big"):
            return False
        try:
            key, taken, shards = marshal.loads(body)
            folder = str(self.layout.local / "index")
            cache: dict[str, tuple[Stamp, dict[str, DocSummary], tuple[Row, ...]]] = {}
            for stem, stamp, rows in shards:
                cache[f"{folder}/{stem}.json"] = (tuple(stamp), _summaries(rows), rows)
        except Exception:  # any surprise in a derived file: parse the shards instead
            return False
        self._summary_cache = cache
        self._snapshot = {name: cached[0] for name, cached in cache.items()}
        self._snapshot_key = tuple(key) if taken - key[1] > TRUST_NS else None
        return self._snapshot_key == folder_key

    def save_snapshot(self) -> None:
        """Write the snapshot of what the summary cache holds (atomic, not fsynced: derived), with the
        index folder's (inode, mtime) before the last full pass and when that pass began."""
        if self._pass is None:
            return
        folder_key, taken = self._pass
        shards = []
        for name, (stamp, summaries, rows) in list(self._summary_cache.items()):
            if any(isinstance(r[4], str) for r in rows):  # parsed from a shard since: spans as bytes
                rows = tuple(r if isinstance(r[4], bytes) else _binary_row(r) for r in rows)
                self._summary_cache[name] = (stamp, summaries, rows)
            shards.append((name.rsplit("/", 1)[1][:-5], stamp, rows))
        body = marshal.dumps((folder_key, taken, shards))
        payload = SNAPSHOT_MAGIC + zlib.crc32(body).to_bytes(4, "big") + body
        try:
            atomic_write(self.layout.local / SNAPSHOT, payload, durable=False, backup=False)
        except (OSError, StoreError):
            return  # a full disk or a read-only copy: the shards are still there
        self._snapshot = {name: cached[0] for name, cached in self._summary_cache.items()}
        self._snapshot_key = folder_key if taken - folder_key[1] > TRUST_NS else None

    def close(self) -> None:
        """Leave the snapshot as fresh as the index, when this process read the summary (the app, a
        command listing the store): the next start reads one file."""
        if self._merged is None:
            return
        try:
            self.summary()
        except StoreError:
            return  # a shard to set aside and the lock busy: the next summary does it
        # Also when no shard changed but the snapshot's folder stamp is not this one (or was taken too
        # soon after a write to be trusted) and this pass's can be: the next start then needs no stat.
        last = self._pass
        could_trust = last is not None and last[1] - last[0][1] > TRUST_NS
        if self._snapshot_lag() or (could_trust and last is not None and self._snapshot_key != last[0]):
            self.save_snapshot()

    def outdated(self) -> bool:
        """Whether an entry was written by an older version, without the spans agreement reads (`HELD`):
        agreement then reads its annotator files, until the entry is rebuilt."""
        for name in self._shard_names():
            if os.path.exists(name) and any(HELD not in e for e in self.index_shard(Path(name)).values()):
                return True
        return False

    def paths(self) -> dict[str, str]:
        """Document id -> path, from every shard, keeping nothing else (an export's memory stays flat)."""
        if self._summary_cache:  # the app keeps the summary anyway: no need to read the shards again
            return {document_id: e.path for document_id, e in self.summary().items()}
        out: dict[str, str] = {}
        for name in self._shard_names():
            if os.path.exists(name):
                out.update(
                    (d, str(e["path"])) for d, e in self.index_shard(Path(name)).items() if not _empty(e)
                )
        return out

    def _shard_names(self) -> list[str]:
        # stat the 4,096 possible names rather than list the folder; plain strings (pathlib is slow)
        if self._index_names is None:
            folder = str(self.layout.local / "index")
            self._index_names = [f"{folder}/{s}.json" for s in SHARD_STEMS]
        return self._index_names

    # ------------------------------------------------------------ staleness

    def mark_dirty(self, document_id: str) -> None:
        """Before a write: `.local/dirty/<hex>` says its entry may lag its files until `clear_dirty`
        (a process killed between the fsynced append and the index update leaves it for `refresh`)."""
        folder = self.layout.local / "dirty"
        name = folder / doc_hex(document_id)
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT, 0o644))
        except FileNotFoundError:
            folder.mkdir(parents=True, exist_ok=True)
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT, 0o644))

    def clear_dirty(self, document_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.layout.local / "dirty" / doc_hex(document_id))

    def has_dirty(self) -> bool:
        return writes_pending(self.layout.local)

    def _dirty(self) -> list[str]:
        try:
            return sorted(os.listdir(self.layout.local / "dirty"))
        except FileNotFoundError:
            return []

    def refresh(self, document_ids: Iterable[str] | None = None) -> list[str]:
        """Rebuild the entries of documents whose files changed behind the store (another process, a git
        pull, a file sync); the documents whose entry changed. With no ids, every document is checked
        by its folder's mtime (a file arriving by rename changes it) and new folders are found."""
        changed: list[str] = []
        dirty = self._dirty()
        if dirty or document_ids is not None:
            with self.lock.hold():
                dirty = self._dirty()  # writes cut short between their append and their index update
                changed = self.update_many(("sha256:" + n for n in dirty if len(n) == 64), only_stale=False)
                done = set(changed)  # an unreadable one keeps its marker: the reads report it
                for name in dirty:
                    if len(name) != 64 or "sha256:" + name in done:
                        with contextlib.suppress(FileNotFoundError):
                            os.unlink(self.layout.local / "dirty" / name)
                if document_ids is not None:
                    changed.extend(d for d in self.update_many(document_ids) if d not in done)
                    return changed
        suspects = self._moved_folders()  # without the lock: stats only
        if suspects:
            changed.extend(d for d in self.update_many(suspects) if d not in changed)
        return changed

    def _moved_folders(self) -> list[str]:
        """Documents whose folder's mtime is not the one their entry recorded, whose folder is gone, or
        that have a folder and no entry. (Stat'ing the folders on a thread while the summary is read was
        slower: each stat then waits for the GIL.)"""
        mtimes = self._folder_mtimes()
        self.summary()  # every shard's rows (cached), with each entry's folder mtime
        recorded = {r[0]: r[7] for r in self.rows()}  # document id -> its folder's mtime then
        named = {(d[7:] if len(d) == 71 and d.startswith("sha256:") else doc_hex(d)): d for d in recorded}
        out = [d for name, d in named.items() if mtimes.get(name) != recorded[d]]  # changed, or gone
        out.extend("sha256:" + name for name in mtimes.keys() - named.keys())  # no entry yet
        return out

    def _folder_mtimes(self) -> dict[str, int]:
        """Each document folder's mtime, by name (one stat each, relative to `docs/`: a short lookup)."""
        try:
            docs = os.open(self.layout.docs, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            return {}
        out: dict[str, int] = {}
        stat = os.stat
        try:
            for name in os.listdir(docs):
                if len(name) == 64:
                    try:
                        out[name] = stat(name, dir_fd=docs).st_mtime_ns
                    except FileNotFoundError:
                        continue
        finally:
            os.close(docs)
        return out
