"""Merge two versions of one annotator file: for one annotator name used on two machines.

Each annotator writes only their own files, so git (or a file sync) never has anything to merge,
unless one name tags on two machines. Then `merge_versions(base, ours, theirs)` gives the file that
holds both: annotations united by uuid, for one uuid the newer `modified` wins, a deletion (tombstone)
wins only over a version it is newer than, nothing else is dropped. Journals are replayed first, so
whole files (snapshot and journal lines, a torn last line included) are what it takes. `base` (the
common ancestor, None when unknown) tells a deletion made before tombstones were kept from an addition.
Two annotations of one span and label (both machines tagged it) become one: the newer is kept.

Pure: bytes in, bytes out; the result is a compacted file (one snapshot line), the same bytes whatever
the order of `ours` and `theirs` apart from the undo history, which is ours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotations.store.journal import State, parse

Record = dict[str, Any]


@dataclass(frozen=True)
class MergeStats:
    ours: int  # annotations in each version
    theirs: int
    merged: int
    from_theirs: int  # annotations taken from theirs (added or newer there)
    deleted: int  # present in one version, deleted by a newer change in the other
    duplicates: int  # same span and label tagged on both machines: one kept


def _load(name: str, data: bytes | None) -> State | None:
    if data is None:
        return None
    return parse(Path(f"<{name}>"), data)[0]


def _newest(a: Record, b: Record) -> Record:
    """The newer of two versions of one annotation (ties broken by content, so either order agrees)."""
    ka = (a.get("modified", ""), json.dumps(a, sort_keys=True))
    kb = (b.get("modified", ""), json.dumps(b, sort_keys=True))
    return a if ka >= kb else b


def merge_states(base: State | None, ours: State, theirs: State) -> tuple[State, MergeStats]:
    out = ours.copy()
    out._parsed = None
    base_ids = set(base.annotations) if base is not None else set()
    annotations: dict[str, Record] = {}
    removed: dict[str, str] = {}
    from_theirs = deleted = 0
    for u in sorted(
        set(ours.annotations) | set(theirs.annotations) | set(ours.removed) | set(theirs.removed)
    ):
        live = [r for r in (ours.annotations.get(u), theirs.annotations.get(u)) if r is not None]
        gone = [t for t in (ours.removed.get(u), theirs.removed.get(u)) if t is not None]
        # a version that had it in base and lost it without a tombstone deleted it (an older file)
        for side in (ours, theirs):
            if u in base_ids and u not in side.annotations and u not in side.removed:
                gone.append(base.annotations[u].get("modified", "") if base else "")
        record = None
        for r in live:
            record = r if record is None else _newest(record, r)
        tomb = max(gone) if gone else None
        if record is not None and (tomb is None or record.get("modified", "") > tomb):
            annotations[u] = record
            if record is theirs.annotations.get(u) and record is not ours.annotations.get(u):
                from_theirs += 1
        else:
            removed[u] = tomb or ""
            if live:
                deleted += 1
    # one annotator holds a span and label once: keep the newer of two made on two machines
    by_key: dict[tuple[int, int, str], str] = {}
    duplicates = 0
    for u in sorted(annotations):
        r = annotations[u]
        if r.get("orphan"):
            continue
        key = (r["start"], r["end"], r["label"])
        other = by_key.get(key)
        if other is None:
            by_key[key] = u
            continue
        keep = _newest(annotations[other], r)
        drop = other if keep is r else u
        by_key[key] = keep["id"]
        removed[drop] = max(annotations[drop].get("modified", ""), keep.get("modified", ""))
        del annotations[drop]
        duplicates += 1
    out.annotations = annotations
    out.removed = removed
    out._keys = None
    # line overrides: newer wins; one dropped since base by a side (and not set again) stays dropped
    overrides: dict[str, list[Any]] = {}
    for line in sorted(set(ours.overrides) | set(theirs.overrides)):
        versions = [v for v in (ours.overrides.get(line), theirs.overrides.get(line)) if v is not None]
        newest = max(versions, key=lambda v: (str(v[1]), bool(v[0])))
        in_base = base is not None and base.overrides.get(line)
        dropped = in_base and any(line not in side.overrides for side in (ours, theirs))
        if dropped and in_base and str(newest[1]) <= str(in_base[1]):
            continue
        overrides[line] = newest
    out.overrides = overrides
    dismissed = {(str(d[0]), int(d[1]), int(d[2])) for d in (*ours.dismissed, *theirs.dismissed)}
    out.dismissed = [list(d) for d in sorted(dismissed)]
    marks = [m for m in (ours.finished, theirs.finished) if m]
    out.finished = max(marks, key=lambda m: (str(m[1]), bool(m[0]))) if marks else None
    out.document = {**theirs.document, **ours.document}
    out.seq = max(ours.seq, theirs.seq)
    stats = MergeStats(
        ours=len(ours.annotations),
        theirs=len(theirs.annotations),
        merged=len(annotations),
        from_theirs=from_theirs,
        deleted=deleted,
        duplicates=duplicates,
    )
    return out, stats


def merge_with_stats(base: bytes | None, ours: bytes, theirs: bytes) -> tuple[bytes, MergeStats]:
    """`merge_versions` and what it did (for the one line `reader sync` prints)."""
    b, o, t = _load("base", base), _load("ours", ours), _load("theirs", theirs)
    assert o is not None and t is not None
    if (o.document_id, o.annotator) != (t.document_id, t.annotator):
        raise ValueError("the two versions are files of different documents or annotators")
    merged, stats = merge_states(b, o, t)
    return merged.compacted(), stats


def merge_versions(base: bytes | None, ours: bytes, theirs: bytes) -> bytes:
    """The merged annotator file (see the module docstring); a corrupt version raises StoreError."""
    return merge_with_stats(base, ours, theirs)[0]
