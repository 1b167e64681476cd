"""What an annotation is, independent of where it is stored or how it is exported."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any

DEFAULT_LABELS: tuple[str, ...] = ("claim", "quote", "fact")
CONTEXT = 32  # code points of prefix/suffix kept, as Hypothesis does, to re-anchor after edits

# The exported field order (docs/export-format.md); `orphan` is the store's own flag.
EXPORT_FIELDS: tuple[str, ...] = (
    "id",
    "label",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "note",
    "speaker",
    "annotator",
    "created",
    "modified",
)


def now_iso() -> str:
    """UTC with an explicit offset: sortable as text, unambiguous when read elsewhere."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


@dataclass(frozen=True)
class DocumentRef:
    """What the store needs to know of a document to anchor on it."""

    id: str  # "sha256:<hex>" of the document text
    path: str  # relative to the corpus root, posix
    text: str = field(repr=False)  # the full document text (offsets point into it)


@dataclass(frozen=True)
class Annotation:
    id: str  # uuid4 hex
    document_id: str
    path: str
    label: str
    start: int  # code points into the document text
    end: int
    text: str  # == document_text[start:end]
    prefix: str  # up to 32 code points before start
    suffix: str  # up to 32 code points after end
    note: str = ""
    speaker: str | None = None
    annotator: str = ""
    created: str = ""  # ISO 8601 with UTC offset
    modified: str = ""
    orphan: bool = False  # could not be re-anchored in the current text

    @property
    def key(self) -> tuple[str, int, int, str]:
        """One annotator never holds two annotations with the same key."""
        return (self.annotator, self.start, self.end, self.label)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    def to_export(self) -> dict[str, Any]:
        """The exported shape (no document fields, no orphan flag)."""
        return {name: getattr(self, name) for name in EXPORT_FIELDS}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Annotation:
        return cls(
            id=str(data["id"]),
            document_id=str(data["document_id"]),
            path=str(data["path"]),
            label=str(data["label"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            prefix=str(data.get("prefix", "")),
            suffix=str(data.get("suffix", "")),
            note=str(data.get("note") or ""),
            speaker=None if data.get("speaker") is None else str(data["speaker"]),
            annotator=str(data.get("annotator") or ""),
            created=str(data.get("created") or ""),
            modified=str(data.get("modified") or ""),
            orphan=bool(data.get("orphan", False)),
        )


_FIELDS = tuple(f.name for f in fields(Annotation))


@dataclass(frozen=True)
class DocSummary:
    path: str
    annotations: int
    orphans: int
    spans: tuple[tuple[int, int], ...]  # distinct (start, end) of non-orphan annotations


@dataclass(frozen=True)
class AttachReport:
    """What `Store.attach` did; `orphans` are the annotations it could not place in the current text."""

    document_id: str
    path: str
    previous_id: str | None = None  # set when annotations moved here from an older text of the file
    previous_path: str | None = None  # set when the same text was found under another path
    reanchored: int = 0  # annotations re-attached by their text and context
    orphans: tuple[Annotation, ...] = ()

    @property
    def changed(self) -> bool:
        return self.previous_id is not None or self.previous_path is not None
