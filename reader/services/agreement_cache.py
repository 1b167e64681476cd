"""What agreement needs of each document's annotations (who tagged which span with which label), read
lean from the annotator files and cached, so that a second `reader agree` or agreement screen reads one
small file per part instead of every annotator file.

Ten annotators on 30,000 documents are 300,000 annotator files. The store's own read validates every
record and builds an `Annotation` for each (a minute for a million); agreement needs three fields, so
`read_spans` takes them straight from each file's snapshot line and replays its journal, and falls back
to the store's full, validating parse when anything looks unusual (that parse names a damaged file).

The cache (in the same folder as the library's) is split into `PARTS` files by document id, so worker
processes each read and write their own parts; each document maps to its annotator files' stamp (the
store's local index records it: any write, sync or undo changes it) and the spans read. A document
whose stamp differs is read again. It is derived: deleting it only costs time, and it is never synced.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.store import journal
from annotations.store.layout import SUFFIX, Layout, doc_hex, encode_name

if TYPE_CHECKING:
    from annotations.store import Store

FORMAT = 2
PARTS = 8
READ_SIZE = 1 << 16  # one read holds most annotator files

Spans = dict[str, list[list[Any]]]  # annotator -> [[label, start, end], ...] (anchored only)


def part_of(document_id: str) -> int:
    """Which cache part (and so which worker) a document belongs to: stable across processes."""
    return zlib.crc32(document_id.encode("utf-8", "surrogatepass")) % PARTS


class SpanCache:
    """`spans(document_id)` -> {annotator: [[label, start, end], ...]}, from the cache when the files are
    unchanged. Only the parts a worker asks for are loaded (the rest load on first use)."""

    def __init__(
        self,
        location: Path,
        cache_dir: Path,
        stamps: Mapping[str, Any] | None = None,
        parts: Iterable[int] = (),
    ) -> None:
        """`stamps`: each document's annotator-file stamp (`index_stamps`); a document without one is
        read from its files every time."""
        self.stamps = stamps or {}
        self.layout = Layout(location)
        key = hashlib.sha256(str(Path(location).resolve()).encode()).hexdigest()[:16]
        self.stem = f"agreement-{key}"
        self.cache_dir = cache_dir
        self.docs: dict[int, dict[str, list[Any]]] = {p: self._load(p) for p in parts}
        self.changed: set[int] = set()
        self.read_from_store = 0

    def file(self, part: int) -> Path:
        return self.cache_dir / f"{self.stem}-{part}.json"

    def _load(self, part: int) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.file(part).read_bytes())
        except (OSError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("docs"), dict)
        ):
            return {}
        return data["docs"]  # type: ignore[no-any-return]

    def spans(self, document_id: str, tagged: Collection[str] | None = None) -> Spans:
        """`tagged`: who has anchored annotations in the document, when the store's index says (their
        files are opened by name, without listing the folder)."""
        stamp = self.stamps.get(document_id)
        if stamp is None:  # not in the index (callers take documents from it): read, never cache
            return read_spans(self.layout, document_id, tagged)
        part = part_of(document_id)
        docs = self.docs.get(part)
        if docs is None:
            docs = self.docs[part] = self._load(part)
        cached = docs.get(document_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]  # type: ignore[no-any-return]
        by = read_spans(self.layout, document_id, tagged)
        docs[document_id] = [stamp, by]
        self.changed.add(part)
        self.read_from_store += 1
        return by

    def save(self) -> None:
        """Each changed part atomically; a cache that cannot be written only costs time next run."""
        for part in sorted(self.changed):
            try:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".agreement-", dir=self.cache_dir)
                try:
                    # dumps, not dump: json.dump streams through the pure-Python encoder (seconds here)
                    data = json.dumps({"format": FORMAT, "docs": self.docs[part]}, separators=(",", ":"))
                    with os.fdopen(fd, "w", encoding="utf-8") as out:
                        out.write(data)
                    os.replace(tmp, self.file(part))
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
            except OSError:
                pass
        self.changed.clear()


def read_spans(layout: Layout, document_id: str, tagged: Collection[str] | None = None) -> Spans:
    """Every annotator's anchored (label, start, end) of one document, from its files as they are now;
    only the files of `tagged` when given (the index's annotators with anchored annotations).

    Plain strings and `os` calls rather than `Path`: 300,000 files make pathlib a fifth of the time."""
    by: Spans = {}
    folder = f"{layout.docs}/{doc_hex(document_id)}"
    if tagged is not None:
        names = [_file_name(a) for a in tagged]
    else:
        try:
            names = [n for n in os.listdir(folder) if n.endswith(SUFFIX) and not n.startswith(".")]
        except (FileNotFoundError, NotADirectoryError):
            return by
    for name in names:
        file = f"{folder}/{name}"
        try:
            data = _read(file)
        except FileNotFoundError:
            continue  # removed since the listing (an undo of a first tag, a sync)
        except OSError:
            journal.read_bytes(Path(file))  # raises the store's one-line "cannot read" error
            continue
        annotator, records = _records(file, data, document_id)
        mine = [[r["label"], r["start"], r["end"]] for r in records if not r.get("orphan")]
        if mine:
            by.setdefault(annotator, []).extend(mine)
    return by


def _read(file: str) -> bytes:
    """The file's bytes with three system calls: `open()`'s buffered file object costs 40 % more here."""
    fd = os.open(file, os.O_RDONLY)
    try:
        data = os.read(fd, READ_SIZE)
        if len(data) < READ_SIZE:
            return data
        parts = [data]
        while chunk := os.read(fd, 1 << 20):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


@functools.cache
def _file_name(annotator: str) -> str:
    return encode_name(annotator) + SUFFIX


def _records(file: str, data: bytes, document_id: str) -> tuple[str, Iterable[dict[str, Any]]]:
    """The annotator and the annotation records one file holds: the lean path reads the snapshot and
    replays the journal without validating records; anything unexpected takes the store's own parse,
    which validates and raises a one-line StoreError naming a damaged file."""
    try:
        lines, _ = journal.split(data)
        head = json.loads(lines[0].decode("utf-8"))
        if (
            head["format"] != journal.FORMAT
            or head["version"] != journal.VERSION
            or head["document_id"] != document_id
        ):
            raise ValueError("not this document's annotator file")
        s = head["state"]
        annotator = head["annotator"]
        if len(lines) == 1:
            records = s["annotations"].values()
        else:
            state = journal.State(
                document_id,
                annotator,
                annotations=dict(s["annotations"]),
                removed=dict(s.get("removed") or {}),
                overrides=dict(s.get("overrides") or {}),
                dismissed=[list(d) for d in s.get("dismissed") or []],
                undo=list(s.get("undo") or []),
                redo=list(s.get("redo") or []),
                seq=int(head.get("seq", 0)),
            )
            for raw in lines[1:]:
                entry = json.loads(raw.decode("utf-8"))
                if entry["seq"] != state.seq + 1:
                    raise ValueError("journal out of order")
                state.apply(entry)
            records = state.annotations.values()
        for r in records:
            if not (
                isinstance(r["label"], str)
                and type(r["start"]) is int
                and type(r["end"]) is int
                and r["start"] < r["end"]
            ):
                raise ValueError("a malformed record")
        if not isinstance(annotator, str):
            raise ValueError("no annotator")
        return annotator, records
    except Exception:  # the validating parse decides, and names the file if damaged
        state, _ = journal.parse(Path(file), data, document_id)
        return state.annotator, state.annotations.values()


def index_stamps(store: Store) -> dict[str, Any]:
    """Each document's annotator-file stamps as the store's local index records them
    (`Store.file_stamps`: the index brought up to date first), without 300,000 stats."""
    return dict(store.file_stamps())
