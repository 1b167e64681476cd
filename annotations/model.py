"""What an annotation is, independent of where it is stored or how it is exported."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
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
# A claim's verdict (annotations/verdicts.py): exported, and stored, only when the annotation has one,
# so records and exports written before verdicts existed read the same.
VERDICT_FIELDS: tuple[str, ...] = ("verdict", "review_url", "reviewed")


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
    verdict: str | None = None  # a claim's verdict, a name on the verdict scale
    review_url: str | None = None  # where the fact-check is published
    reviewed: str = ""  # when the verdict was set (ISO 8601 with UTC offset)

    @property
    def key(self) -> tuple[str, int, int, str]:
        """One annotator never holds two annotations with the same key."""
        return (self.annotator, self.start, self.end, self.label)

    @property
    def has_verdict(self) -> bool:
        return self.verdict is not None or self.review_url is not None

    def to_json(self) -> dict[str, Any]:
        names = _FIELDS if self.has_verdict else _PLAIN_FIELDS
        return {name: getattr(self, name) for name in names}

    def to_export(self) -> dict[str, Any]:
        """The exported shape (no document fields, no orphan flag; the verdict fields when set)."""
        names = (*EXPORT_FIELDS, *VERDICT_FIELDS) if self.has_verdict else EXPORT_FIELDS
        return {name: getattr(self, name) for name in names}

    def revised(
        self,
        *,
        stamp: str,
        note: str | None = None,
        speaker: str | None = None,
        verdict: str | None = None,
        review_url: str | None = None,
    ) -> Annotation:
        """This annotation edited at `stamp`; None leaves a field as it is, "" clears speaker, verdict
        or review URL. `reviewed` follows the verdict: stamped when it changes, cleared with it.
        Unchanged, it is returned as it is (same `modified`)."""
        new_verdict = self.verdict if verdict is None else (verdict or None)
        new = replace(
            self,
            note=self.note if note is None else note,
            speaker=self.speaker if speaker is None else (speaker or None),
            verdict=new_verdict,
            review_url=self.review_url if review_url is None else (review_url.strip() or None),
        )
        if new_verdict != self.verdict:
            new = replace(new, reviewed=stamp if new_verdict else "")
        return self if new == self else replace(new, modified=stamp)

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
            verdict=_optional(data.get("verdict")),
            review_url=_optional(data.get("review_url")),
            reviewed=str(data.get("reviewed") or ""),
        )


def _optional(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


_FIELDS = tuple(f.name for f in fields(Annotation))
_PLAIN_FIELDS = tuple(name for name in _FIELDS if name not in VERDICT_FIELDS)


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
