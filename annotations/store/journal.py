"""One annotator's file for one document (store format 2): a snapshot line, then a journal of changes.

    docs/<hex>/<annotator>.jsonl
    {"format": "reader.store.annotator", "version": 2, "document_id": ..., "annotator": ..., "seq": N,
     "state": {"document": {...}, "annotations": {uuid: record}, "removed": {uuid: time},
               "overrides": {line: [kept, time]}, "dismissed": [[label, start, end]],
               "finished": [true/false, time] or null, "undo": [step], "redo": [step]}}
    {"seq": N+1, "at": time, "op": "do", "step": {...}}      one line per change, appended and fsynced
    {"seq": N+2, "at": time, "op": "undo"}

A tag appends one line (a few hundred bytes) whatever the document holds; when the journal outgrows
the snapshot the file is compacted: rewritten atomically as a single snapshot line. Replaying the
journal on the snapshot is deterministic and reads this file only, so each annotator's file means
the same thing on every machine. A last line without its newline is a write cut short by a crash (never
acknowledged: the line is fsynced before the call returns) and is ignored, then cut off by the next
writer; any other unreadable line makes the file corrupt (reported, never written to).

Records are `Annotation.to_json()` without `document_id` and `path` (the file's folder and the
document info give them). `removed` keeps the time each annotation was deleted (a tombstone), so that
two versions of one annotator's file can be merged without resurrecting a deletion (merge.py).
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotations.model import Annotation
from annotations.storage import StoreError, corrupt_error, encode
from annotations.store.validate import Invalid, check_record

FORMAT = "reader.store.annotator"
VERSION = 2
HISTORY_LIMIT = 100  # undo steps kept per annotator and document
COMPACT_MIN = 64 * 1024  # bytes of journal before a compaction is considered

Record = dict[str, Any]
Step = dict[str, Any]


def strip(a: Annotation) -> Record:
    """The record kept in an annotator file: the annotation without its document id and path."""
    record = a.to_json()
    del record["document_id"], record["path"]
    return record


def _key(r: Record) -> tuple[int, int, str]:
    return (r["start"], r["end"], r["label"])


def _order(a: Annotation) -> tuple[int, int, str, str, str]:
    return (a.start, a.end, a.label, a.annotator, a.id)


def _record_order(r: Record) -> tuple[int, int, str, str, str]:
    return (int(r["start"]), int(r["end"]), str(r["label"]), str(r.get("annotator") or ""), str(r["id"]))


@dataclass
class State:
    """What one annotator's file says about one document, after replaying its journal."""

    document_id: str
    annotator: str
    document: dict[str, Any] = field(default_factory=dict)  # path, title, date, relpath
    annotations: dict[str, Record] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, list[Any]] = field(default_factory=dict)  # line -> [kept, time]
    dismissed: list[list[Any]] = field(default_factory=list)
    finished: list[Any] | None = None  # [True/False, time]
    undo: list[Step] = field(default_factory=list)
    redo: list[Step] = field(default_factory=list)
    seq: int = 0
    _keys: dict[tuple[int, int, str], str] | None = field(default=None, repr=False)
    _parsed: list[Annotation] | None = field(default=None, repr=False)
    _order: list[tuple[int, int, str, str, str]] = field(default_factory=list, repr=False)  # _parsed's keys

    # ------------------------------------------------------------ reading

    def keys(self) -> dict[tuple[int, int, str], str]:
        """(start, end, label) -> uuid of the anchored annotations (one annotator holds each once)."""
        if self._keys is None:
            self._keys = {_key(r): u for u, r in self.annotations.items() if not r.get("orphan")}
        return self._keys

    def parsed(self, path: str) -> list[Annotation]:
        """The annotations as objects, sorted; kept up to date by each change (a tag inserts one object
        rather than rebuilding 5,000), so callers must not change the list."""
        if self._parsed is None or (self._parsed and self._parsed[0].path != path):
            out = [
                Annotation.from_json({**r, "document_id": self.document_id, "path": path})
                for r in self.annotations.values()
            ]
            out.sort(key=_order)
            self._parsed = out
            self._order = [_order(a) for a in out]
        return self._parsed

    def order_keys(self, path: str) -> list[tuple[int, int, str, str, str]]:
        """The sort keys of `parsed(path)`, item for item (callers must not change the list)."""
        self.parsed(path)
        return self._order

    @property
    def is_finished(self) -> bool:
        return bool(self.finished and self.finished[0])

    def override_map(self) -> dict[str, bool]:
        return {line: bool(v[0]) for line, v in self.overrides.items()}

    def dismissed_set(self) -> set[tuple[str, int, int]]:
        return {(str(d[0]), int(d[1]), int(d[2])) for d in self.dismissed}

    # ------------------------------------------------------------ changing

    def _changed(self) -> None:
        self._keys = None
        self._parsed = None

    def _add(self, records: Iterable[Record], *, guard: bool) -> list[Record]:
        """Add records; with `guard`, only those whose id and key are not present (an undo's restore)."""
        keys = self.keys()
        done = []
        for r in records:
            if guard and (r["id"] in self.annotations or (not r.get("orphan") and _key(r) in keys)):
                continue
            self.annotations[r["id"]] = r
            self.removed.pop(r["id"], None)
            if not r.get("orphan"):
                keys[_key(r)] = r["id"]
            done.append(r)
            if self._parsed is not None:
                path = self._parsed[0].path if self._parsed else self.document.get("path", "")
                a = Annotation.from_json({**r, "document_id": self.document_id, "path": path})
                i = bisect.bisect_left(self._order, _order(a))
                self._parsed.insert(i, a)
                self._order.insert(i, _order(a))
        return done

    def _remove(self, ids: Iterable[str], at: str) -> None:
        keys = self.keys()
        for u in ids:
            r = self.annotations.pop(u, None)
            if r is not None:
                self.removed[u] = at
                if not r.get("orphan") and keys.get(_key(r)) == u:
                    del keys[_key(r)]
                if self._parsed is not None:
                    k = _record_order(r)
                    i = bisect.bisect_left(self._order, k)
                    if i < len(self._order) and self._order[i] == k:
                        del self._parsed[i], self._order[i]
                    else:
                        self._parsed = None

    def _set_override(self, line: str, kept: bool | None, at: str) -> None:
        if kept is None:
            self.overrides.pop(line, None)
        else:
            self.overrides[line] = [kept, at]

    def _apply_step(self, s: Step, at: str, *, backwards: bool) -> None:
        drop, put = (s["added"], s["removed"]) if backwards else (s["removed"], s["added"])
        self._remove((r["id"] for r in drop), at)
        self._add((dict(r) for r in put), guard=True)
        for line, before, after in s.get("overrides", []):
            self._set_override(line, before if backwards else after, at)
        if "finished" in s:
            before, after = s["finished"]
            self.finished = [before if backwards else after, at]
        for label, start, end, dismissed in s.get("dismissals", []):
            self._set_dismissed([label, start, end], dismissed != backwards)

    def _set_dismissed(self, item: list[Any], dismissed: bool) -> None:
        if dismissed and item not in self.dismissed:
            self.dismissed.append(item)
        elif not dismissed and item in self.dismissed:
            self.dismissed.remove(item)

    def apply(self, entry: dict[str, Any]) -> str | None:
        """Replay one journal entry; for undo/redo, the description of the step (None: nothing to do)."""
        op, at = entry["op"], entry["at"]
        self.seq = entry["seq"]
        if op == "do":
            step = entry["step"]
            self._apply_step(step, at, backwards=False)
            self.undo.append(step)
            del self.undo[:-HISTORY_LIMIT]
            self.redo = []
            return str(step["description"])
        if op in ("undo", "redo"):
            source, target = (self.undo, self.redo) if op == "undo" else (self.redo, self.undo)
            if not source:
                return None
            step = source.pop()
            self._apply_step(step, at, backwards=op == "undo")
            target.append(step)
            del target[:-HISTORY_LIMIT]
            return str(step["description"])
        if op == "put":  # a change that is not an undo step: imports, re-anchoring, document info
            self._remove(entry.get("removed", []), at)
            self._add((dict(r) for r in entry.get("added", [])), guard=False)
            if "document" in entry:
                self.document = {**self.document, **entry["document"]}
            for line, kept in entry.get("overrides", {}).items():
                self._set_override(line, kept, at)
            for d in entry.get("dismiss", []):
                if list(d) not in self.dismissed:
                    self.dismissed.append(list(d))
            return None
        raise Invalid(f"unknown journal operation {op!r}")

    # ------------------------------------------------------------ encoding

    def snapshot(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "document_id": self.document_id,
            "annotator": self.annotator,
            "seq": self.seq,
            "state": {
                "document": self.document,
                "annotations": self.annotations,
                "removed": self.removed,
                "overrides": self.overrides,
                "dismissed": sorted(self.dismissed, key=lambda d: (str(d[0]), d[1], d[2])),
                "finished": self.finished,
                "undo": self.undo,
                "redo": self.redo,
            },
        }

    def compacted(self) -> bytes:
        """The whole file as one snapshot line (keys sorted: the same state gives the same bytes)."""
        data = json.dumps(self.snapshot(), ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        return data.encode("ascii") + b"\n"

    def copy(self) -> State:
        """A copy to change: containers are copied, records are shared (they are never changed in place,
        only replaced), so copying 5,000 annotations costs a dict copy, not a deep copy."""
        return State(
            document_id=self.document_id,
            annotator=self.annotator,
            document=dict(self.document),
            annotations=dict(self.annotations),
            removed=dict(self.removed),
            overrides=dict(self.overrides),
            dismissed=list(self.dismissed),
            finished=self.finished,
            undo=list(self.undo),
            redo=list(self.redo),
            seq=self.seq,
            _keys=None if self._keys is None else dict(self._keys),
            _parsed=None if self._parsed is None else list(self._parsed),
            _order=list(self._order) if self._parsed is not None else [],
        )


def line(entry: dict[str, Any]) -> bytes:
    return encode(entry) + b"\n"


def _check_step(step: Any) -> None:
    if not isinstance(step, dict) or not isinstance(step.get("description"), str):
        raise Invalid("an undo step has no description")
    for name in ("removed", "added"):
        if not isinstance(step.get(name), list):
            raise Invalid(f"an undo step's {name!r} is not a list")
        for r in step[name]:
            _check_stored(r)
    for o in step.get("overrides", []):
        if not (isinstance(o, list) and len(o) == 3 and isinstance(o[0], str)):
            raise Invalid("an undo step's line override is malformed")
    for d in step.get("dismissals", []):
        if not (
            isinstance(d, list)
            and len(d) == 4
            and isinstance(d[0], str)
            and all(isinstance(v, int) and not isinstance(v, bool) for v in d[1:3])
            and isinstance(d[3], bool)
        ):
            raise Invalid("an undo step's dismissed suggestion is malformed")


def _check_stored(r: Any) -> None:
    if not isinstance(r, dict):
        raise Invalid("an annotation record is not an object")
    check_record({**r, "document_id": "", "path": ""})


def _state_from(file: Path, head: Any, document_id: str | None, annotator: str | None) -> State:
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise corrupt_error(file, "not a reader annotator file (no reader.store.annotator header)")
    if head.get("version") != VERSION:
        raise corrupt_error(file, f"unsupported annotator file version {head.get('version')!r}")
    try:
        s = head["state"]
        state = State(
            document_id=str(head["document_id"]),
            annotator=str(head["annotator"]),
            document=dict(s.get("document") or {}),
            annotations=dict(s["annotations"]),
            removed=dict(s.get("removed") or {}),
            overrides=dict(s.get("overrides") or {}),
            dismissed=[list(d) for d in s.get("dismissed") or []],
            finished=s.get("finished"),
            undo=list(s.get("undo") or []),
            redo=list(s.get("redo") or []),
            seq=int(head.get("seq", 0)),
        )
        for u, r in state.annotations.items():
            _check_stored(r)
            if r.get("id") != u:
                raise Invalid("an annotation is filed under another id")
        for step in (*state.undo, *state.redo):
            _check_step(step)
        for v in state.overrides.values():
            if not (isinstance(v, list) and len(v) == 2 and isinstance(v[0], bool)):
                raise Invalid("a line override is malformed")
        for d in state.dismissed:
            if not (
                len(d) == 3 and isinstance(d[0], str) and isinstance(d[1], int) and isinstance(d[2], int)
            ):
                raise Invalid("a dismissed suggestion is malformed")
    except Invalid as exc:
        raise corrupt_error(file, f"a malformed annotator file ({exc})") from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise corrupt_error(file, f"a malformed annotator file ({type(exc).__name__}: {exc})") from None
    if document_id is not None and state.document_id != document_id:
        raise corrupt_error(file, "an annotator file of another document")
    if annotator is not None and state.annotator != annotator:
        raise corrupt_error(file, "an annotator file of another annotator")
    return state


def _check_entry(entry: Any, seq: int) -> None:
    if not isinstance(entry, dict) or not isinstance(entry.get("at"), str):
        raise Invalid("a journal line is not a change")
    if entry.get("seq") != seq:
        raise Invalid(f"journal line {entry.get('seq')!r} where {seq} was expected")
    if entry.get("op") == "do":
        _check_step(entry.get("step"))
    for r in entry.get("added", []):
        _check_stored(r)


def replay(file: Path, state: State, lines: Sequence[bytes]) -> None:
    """Apply complete journal lines to `state` (a bad line raises StoreError naming the file)."""
    for n, raw in enumerate(lines):
        try:
            entry = json.loads(raw)
            _check_entry(entry, state.seq + 1)
            state.apply(entry)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            raise corrupt_error(file, f"journal line {n + 2} is not JSON") from None
        except Invalid as exc:
            raise corrupt_error(file, f"journal line {n + 2}: {exc}") from None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise corrupt_error(file, f"journal line {n + 2} is malformed ({type(exc).__name__})") from None


def split(data: bytes) -> tuple[list[bytes], int]:
    """Complete lines and the offset after the last one (a torn last line is left out)."""
    end = data.rfind(b"\n") + 1
    return data[:end].splitlines(), end


def parse(
    file: Path, data: bytes, document_id: str | None = None, annotator: str | None = None
) -> tuple[State, int]:
    """The state a file's bytes hold, and how many bytes of it were complete lines."""
    lines, end = split(data)
    if not lines:
        try:
            head = json.loads(data) if data.strip() else None
        except (ValueError, RecursionError):
            head = None
        if head is not None and not (isinstance(head, dict) and head.get("format") == FORMAT):
            raise corrupt_error(file, "not a reader annotator file (no reader.store.annotator header)")
        raise corrupt_error(file, "an empty or torn annotator file (no complete header line)")
    try:
        head = json.loads(lines[0])
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise corrupt_error(file, "not a valid annotator file (its header is not JSON)") from None
    state = _state_from(file, head, document_id, annotator)
    replay(file, state, lines[1:])
    return state, end


def read_bytes(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        from annotations.reasons import os_reason

        raise StoreError(f"{file}: cannot read ({os_reason(exc)})") from None


def should_compact(journal_bytes: int, snapshot_bytes: int) -> bool:
    """When the journal outgrows its snapshot (amortised: each byte is rewritten at most twice)."""
    return journal_bytes > max(COMPACT_MIN, snapshot_bytes)


class Stale(Exception):
    """The file holds complete lines the caller has not read: read it again and decide again."""


def append(file: Path, data: bytes, *, keep: int, durable: bool) -> int:
    """Append one journal line after cutting off a torn tail at `keep`; the new size (fsynced).

    Only a torn tail (bytes without a newline) is ever cut: a file that grew by complete lines, or
    shrank, was written by someone the caller has not seen, and raises Stale instead.
    """
    fd = os.open(file, os.O_RDWR)
    try:
        size = os.fstat(fd).st_size
        if size < keep or (size > keep and b"\n" in os.pread(fd, size - keep, keep)):
            raise Stale(str(file))
        if size != keep:
            os.ftruncate(fd, keep)  # a write cut short by a crash: never acknowledged
        os.lseek(fd, keep, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if durable:
            os.fdatasync(fd)
        return keep + len(data)
    except Stale:
        raise
    except OSError as exc:
        import errno

        from annotations.reasons import os_reason

        with contextlib.suppress(OSError):
            os.ftruncate(fd, keep)  # a partial line would be cut off anyway; keep the file clean
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StoreError(f"{file}: disk full, the change was not saved (the file is intact)") from None
        raise StoreError(f"{file}: cannot write ({os_reason(exc)}); the file is intact") from None
    finally:
        os.close(fd)
