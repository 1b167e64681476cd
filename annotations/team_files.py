"""What `reader sync` needs to know about the store's files: which are annotator files, whose, what
a version of one holds, and how two versions of one become one (the store's merge.py does that).

Kept apart from the git work (sync.py) so that the store's format is asked about in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from annotations.storage import StoreError
from annotations.store import journal
from annotations.store.layout import SUFFIX, decode_name
from annotations.store.merge import merge_with_stats


def is_annotator_file(path: str) -> bool:
    """`docs/<hex>/<annotator>.jsonl`: one annotator's file of one document."""
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == "docs" and parts[2].endswith(SUFFIX)


def document_of(path: str) -> str | None:
    """The document (hex of its folder) an annotator file belongs to; None for any other file."""
    return path.split("/")[1] if is_annotator_file(path) else None


def annotator_of(path: str, data: bytes | None = None) -> str | None:
    """The annotator an annotator file belongs to: from its name, else (a long name) from its content."""
    if not is_annotator_file(path):
        return None
    name = decode_name(PurePosixPath(path).name[: -len(SUFFIX)])
    if name is None and data:
        state = _state(path, data)
        name = state.annotator if state else None
    return name


def _state(path: str, data: bytes | None) -> journal.State | None:
    if not data:
        return None
    try:
        return journal.parse(PurePosixPath(path), data)[0]  # type: ignore[arg-type]
    except StoreError:
        return None  # a corrupt version counts as empty here; the store says so when it reads it


def readable(path: str, data: bytes) -> bool:
    """Whether a version of an annotator file can be read (one cut short by a crash cannot)."""
    return _state(path, data) is not None


@dataclass(frozen=True)
class Delta:
    """What a new version of annotator files changes: tags added, removed, edited; finished marks."""

    added: int = 0
    removed: int = 0
    edited: int = 0
    finished: int = 0  # documents newly marked finished
    unfinished: int = 0

    def __add__(self, other: Delta) -> Delta:
        return Delta(
            self.added + other.added,
            self.removed + other.removed,
            self.edited + other.edited,
            self.finished + other.finished,
            self.unfinished + other.unfinished,
        )

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited or self.finished or self.unfinished)

    def text(self) -> str:
        parts = []
        if self.added or self.removed or self.edited:
            tags = [f"+{self.added}"]
            if self.removed:
                tags.append(f"-{self.removed}")
            if self.edited:
                tags.append(f"~{self.edited}")
            parts.append(" ".join(tags) + " tags")
        if self.finished:
            parts.append(f"{self.finished} finished")
        if self.unfinished:
            parts.append(f"{self.unfinished} unfinished")
        return ", ".join(parts)


def delta(path: str, old: bytes | None, new: bytes | None) -> Delta:
    """How a new version of one annotator file differs from the old (either may be absent)."""
    before, after = _state(path, old), _state(path, new)
    a = before.annotations if before else {}
    b = after.annotations if after else {}
    was = bool(before and before.is_finished)
    now = bool(after and after.is_finished)
    return Delta(
        added=sum(1 for k in b if k not in a),
        removed=sum(1 for k in a if k not in b),
        edited=sum(1 for k, r in b.items() if k in a and a[k].get("modified") != r.get("modified")),
        finished=int(now and not was),
        unfinished=int(was and not now),
    )


def merge(base: bytes | None, ours: bytes, theirs: bytes) -> bytes:
    """Two versions of one annotator's file (that name used on two machines) as one: by uuid, the
    newer `modified` wins, nothing dropped (annotations/store/merge.py)."""
    return merge_with_stats(base, ours, theirs)[0]
