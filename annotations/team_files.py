"""What `reader sync` needs to know about the store's files: whose a file is, what tags a version of
it holds, and how two versions of one file become one.

Kept apart from the git work (sync.py) so that the file format is asked about in one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from annotations.storage import encode


def annotator_of(path: str) -> str | None:
    """The annotator whose file this is (`docs/<hex>/<annotator>.json`), None for a shared file."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "docs" and parts[2].endswith(".json"):
        return parts[2][: -len(".json")]
    return None


def document_of(path: str) -> str | None:
    """The document folder (hex) a file belongs to, None for a file of the store as a whole."""
    parts = path.split("/")
    if len(parts) >= 2 and parts[0] == "docs":
        return parts[1].split(".", 1)[0]
    return None


def mergeable(path: str) -> bool:
    return path.startswith("docs/") and path.endswith(".json")


def _load(data: bytes | None) -> dict[str, Any]:
    if not data:
        return {}
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _records(table: Any) -> list[dict[str, Any]]:
    rows = table.values() if isinstance(table, dict) else table if isinstance(table, list) else []
    return [r for r in rows if isinstance(r, dict)]


def tags(data: bytes | None) -> dict[str, str]:
    """uuid -> modified stamp of every annotation in one version of a file (empty if none)."""
    out: dict[str, str] = {}
    for record in _records(_load(data).get("annotations")):
        if isinstance(record.get("id"), str):
            out[record["id"]] = str(record.get("modified") or record.get("created") or "")
    return out


@dataclass(frozen=True)
class Delta:
    added: int = 0
    removed: int = 0
    edited: int = 0

    def __add__(self, other: Delta) -> Delta:
        return Delta(self.added + other.added, self.removed + other.removed, self.edited + other.edited)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited)

    def text(self) -> str:
        parts = [f"+{self.added}"]
        if self.removed:
            parts.append(f"-{self.removed}")
        if self.edited:
            parts.append(f"~{self.edited}")
        return " ".join(parts)


def delta(old: bytes | None, new: bytes | None) -> Delta:
    """How many tags one version adds, removes and edits against the other."""
    before, after = tags(old), tags(new)
    return Delta(
        added=sum(1 for k in after if k not in before),
        removed=sum(1 for k in before if k not in after),
        edited=sum(1 for k, v in after.items() if k in before and before[k] != v),
    )


def merge(ours: bytes, theirs: bytes) -> bytes:
    """Two versions of one annotator's file (that name used on two machines) as one.

    Annotations are merged by uuid, the newer `modified` wins, nothing is dropped; the other tables
    are united; this machine's undo history is kept.
    """
    a, b = _load(ours), _load(theirs)
    if not a:
        return theirs
    if not b:
        return ours
    merged = dict(a)
    by_id: dict[str, dict[str, Any]] = {}
    for record in _records(a.get("annotations")) + _records(b.get("annotations")):
        key = str(record.get("id"))
        old = by_id.get(key)
        if old is None or str(record.get("modified") or "") > str(old.get("modified") or ""):
            by_id[key] = record
    rows = sorted(by_id.values(), key=lambda r: (r.get("start", 0), r.get("end", 0), str(r.get("id"))))
    merged["annotations"] = {str(n): r for n, r in enumerate(rows, 1)}
    for table in ("overrides", "dismissed"):
        seen: dict[str, dict[str, Any]] = {}
        for record in _records(a.get(table)) + _records(b.get(table)):
            seen.setdefault(json.dumps(record, sort_keys=True), record)
        if seen:
            merged[table] = {str(n): r for n, r in enumerate(seen.values(), 1)}
    return encode(merged)
