"""The annotations screen's filter model: one row per annotation and what the user typed.

Pure (no Textual, no Rich): a row is built once in the loading thread with everything the filters
compare, as plain casefolded strings and an aware datetime, so filtering 50,000 rows as the user types
is one pass of string tests. How a row looks is the table widget's business
(`reader.widgets.annotation_table`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from annotations.export import parse_time

if TYPE_CHECKING:
    from annotations.model import Annotation


class Titled(Protocol):
    """A library entry, as far as the annotations screen cares."""

    @property
    def document_id(self) -> str | None: ...

    @property
    def title(self) -> str | None: ...


def title_map(titles: Mapping[str, str] | Iterable[Titled] | None) -> dict[str, str]:
    """Document id -> title, from a mapping or from library entries (entries without either are skipped)."""
    if titles is None:
        return {}
    if isinstance(titles, Mapping):
        return {str(key): str(value) for key, value in titles.items() if value}
    return {entry.document_id: entry.title for entry in titles if entry.document_id and entry.title}


def created_moment(created: str) -> datetime | None:
    """When an annotation was made, as the export's --since/--until compare it (aware), or None."""
    return parse_time(created) if created else None


@dataclass(frozen=True, slots=True)
class Row:
    """One annotation with what the filters compare, computed once in the loading thread."""

    annotation: Annotation
    document: str  # title, or the path when the title is unknown
    created: datetime | None  # aware; what the from/to fields compare
    label_key: str
    annotator_key: str
    document_key: str  # title and path, for a text match on either
    verdict_key: str = ""  # a claim's verdict, "" when it has none
    text_key: str = ""  # the annotated text and the note
    speaker_key: str = ""  # a quote's speaker, "" when none

    @classmethod
    def build(cls, annotation: Annotation, titles: Mapping[str, str]) -> Row:
        title = titles.get(annotation.document_id) or annotation.path
        return cls(
            annotation,
            title,
            created_moment(annotation.created),
            annotation.label.casefold(),
            annotation.annotator.casefold(),
            f"{title}\n{annotation.path}".casefold(),
            (annotation.verdict or "").casefold(),
            f"{annotation.text}\n{annotation.note}".casefold(),
            (annotation.speaker or "").casefold(),
        )


@dataclass(frozen=True)
class Filter:
    """What the user typed; text fields match case-insensitively anywhere, dates are inclusive."""

    label: str = ""
    annotator: str = ""
    document: str = ""
    verdict: str = ""  # matches anywhere in the verdict; rows without a verdict never match
    text: str = ""  # words in the annotated text or the note
    speaker: str = ""  # matches anywhere in a quote's speaker ("every quote by Lukashenko")
    since: datetime | None = None  # inclusive, aware: the start of the period typed in "from"
    until: datetime | None = None  # inclusive, aware: the end of the period typed in "to"

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    def narrows(self, other: Filter) -> bool:
        """Everything this filter keeps, `other` keeps too (typing one more letter): so only the rows
        `other` kept need looking at again."""
        return (
            other.label in self.label
            and other.annotator in self.annotator
            and other.document in self.document
            and other.verdict in self.verdict
            and other.text in self.text
            and other.speaker in self.speaker
            and (other.since is None or (self.since is not None and self.since >= other.since))
            and (other.until is None or (self.until is not None and self.until <= other.until))
        )

    def matches(self, row: Row) -> bool:
        if self.label and self.label not in row.label_key:
            return False
        if self.annotator and self.annotator not in row.annotator_key:
            return False
        if self.document and self.document not in row.document_key:
            return False
        if self.verdict and self.verdict not in row.verdict_key:
            return False
        if self.speaker and self.speaker not in row.speaker_key:
            return False
        if self.text and not all(word in row.text_key for word in self.text.split()):
            return False
        if self.since or self.until:
            if row.created is None:
                return False
            if self.since and row.created < self.since:
                return False
            if self.until and row.created > self.until:
                return False
        return True


@dataclass(frozen=True)
class FilterSelection:
    """The annotations screen's filter as an export's selection: what the screen shows is exported.

    `document_ids` (the documents the screen lists) lets the export skip every other document file."""

    keep: Filter
    titles: Mapping[str, str]
    document_ids: frozenset[str] | None = None

    def __call__(self, annotation: Annotation) -> bool:
        return self.keep.matches(Row.build(annotation, self.titles))
