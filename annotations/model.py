"""What an annotation is, independent of where it is stored or how it is exported."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

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


# The times a record may carry, in UTC. Converting one to any local time (at most 14 hours either way)
# must stay representable, or the annotations screen and the W3C writer overflow; before 1970 is a
# clock that was never set.
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9999, 12, 31, tzinfo=timezone.utc) - timedelta(days=1)


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 date-time with a UTC offset ("Z" too) as an aware UTC datetime; None when it is not
    one, has no time or no offset, or falls outside EARLIEST..LATEST once in UTC."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
        if parsed.tzinfo is None:
            return None
        utc = parsed.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        return None
    return utc if EARLIEST <= utc <= LATEST else None


def check_time(value: str) -> str:
    """`value` as a record stores it ("Z" written "+00:00"); ValueError, one line, when it cannot be."""
    if parse_time(value) is None:
        shown = value if len(value) <= 40 else value[:39] + "…"
        raise ValueError(
            f"not an ISO 8601 date-time with a UTC offset between {EARLIEST.year} and {LATEST.year}: "
            f"{shown!r}"
        )
    return value[:-1] + "+00:00" if value.endswith("Z") else value


MAX_LABEL = 64  # a label is a key-bar entry and a column value, not a sentence
MAX_NAME = 200  # ids and annotator names


def check_name(kind: str, value: str, limit: int = MAX_NAME) -> str:
    """A label, id or annotator name as a record may hold it; ValueError (one line) otherwise: they are
    shown in the key bar and tables and written to CSV, where a control character would act."""
    if not value.strip():
        raise ValueError(f"empty {kind}")
    if len(value) > limit:
        raise ValueError(f"{kind} of {len(value)} characters (at most {limit})")
    if not value.isprintable():
        bad = next(c for c in value if not c.isprintable())
        raise ValueError(f"{kind} holds the control or invisible character U+{ord(bad):04X}")
    return value


def now_iso() -> str:
    """UTC with an explicit offset: sortable as text, unambiguous when read elsewhere.

    A clock outside EARLIEST..LATEST (unset, or wildly wrong) gives the nearest bound, so every record
    written stays readable by `parse_time`, the importer and the exports.
    """
    try:
        now = datetime.fromtimestamp(time.time(), timezone.utc)
    except (OverflowError, OSError, ValueError):
        now = LATEST if time.time() > 0 else EARLIEST
    return min(max(now, EARLIEST), LATEST).isoformat(timespec="microseconds")


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
        # the instance dict holds the fields in declaration order (the generated __init__ sets them so):
        # copying it is a fifth of the cost of 15 getattr calls, for a million annotations an import
        record = dict(self.__dict__)
        if len(record) != len(_FIELDS):  # something else was kept on the instance: the fields alone
            record = {name: record[name] for name in _FIELDS}
        if not self.has_verdict:
            del record["verdict"], record["review_url"], record["reviewed"]
        return record

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


class DocSummary(NamedTuple):
    """One document's line in the library (from the local index). A named tuple: a store's summary
    makes 30,000 of them on a cold start, each a third of a frozen dataclass's cost."""

    path: str
    annotations: int
    orphans: int
    spans: Sequence[tuple[int, int]]  # distinct (start, end) of non-orphan annotations, sorted
    annotators: tuple[str, ...] = ()  # who holds an anchored annotation in it (sorted)
    finished: tuple[str, ...] = ()  # who marked it finished (sorted)


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
