"""The progress screen's figures: per document and for the corpus, annotations per label and per
annotator, sentences tagged of those there are to tag, open suggestions, and annotations per day.

Read in the screen's thread worker, one document at a time (`tally_documents`), so a big store shows
its figures as they are counted; the open suggestions, which need each document analysed, come after
(`count_suggestions`). No Textual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.export import parse_time
from reader.services.entries import Entry, tagged_count

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store

DAYS = 56
"""Days the per-day line covers (the last eight weeks, today included)."""


@dataclass
class Tally:
    """Counts for one document, or (added up) for the corpus."""

    labels: Counter[str] = field(default_factory=Counter)
    annotators: Counter[str] = field(default_factory=Counter)
    days: Counter[date] = field(default_factory=Counter)  # local dates the annotations were made
    orphans: int = 0
    tagged: int = 0  # sentences with at least one annotation
    taggable: int = 0  # sentences there are to tag
    suggestions: int | None = None  # open suggestions; None until counted

    @property
    def annotations(self) -> int:
        return sum(self.labels.values())

    def count(self, annotations: Iterable[Annotation]) -> None:
        for a in annotations:
            if a.orphan:
                self.orphans += 1
                continue
            self.labels[a.label] += 1
            self.annotators[a.annotator or "?"] += 1
            made = parse_time(a.created) if a.created else None
            if made is not None:
                self.days[made.astimezone().date()] += 1

    def add(self, other: Tally) -> None:
        self.labels.update(other.labels)
        self.annotators.update(other.annotators)
        self.days.update(other.days)
        self.orphans += other.orphans
        self.tagged += other.tagged
        self.taggable += other.taggable
        if other.suggestions is not None:
            self.suggestions = (self.suggestions or 0) + other.suggestions

    def per_day(self, today: date | None = None, days: int = DAYS) -> list[int]:
        """Annotations made on each of the last `days` days, oldest first (today last)."""
        today = today or date.today()
        return [self.days.get(today - timedelta(days=n), 0) for n in range(days - 1, -1, -1)]


@dataclass(frozen=True)
class DocumentTally:
    document_id: str
    path: str  # corpus-relative
    title: str | None
    tally: Tally


def tally_documents(
    store: Store, entries: Sequence[Entry], cancelled: Callable[[], bool] = lambda: False
) -> Iterator[DocumentTally]:
    """Every corpus document (the library's entries) with its counts; then stored documents the
    corpus does not hold (their sentences unknown). One document file read at a time."""
    seen: set[str] = set()
    for entry in entries:
        if cancelled():
            return
        if entry.error or not entry.document_id:
            continue
        seen.add(entry.document_id)
        annotations = store.annotations(entry.document_id)
        tally = Tally(taggable=entry.sentences)
        tally.count(annotations)
        spans = sorted({(a.start, a.end) for a in annotations if not a.orphan})
        tally.tagged = tagged_count(entry.spans, spans)
        yield DocumentTally(entry.document_id, entry.relpath, entry.title, tally)
    for document_id in store.document_ids():
        if cancelled():
            return
        if document_id in seen:
            continue
        annotations = store.annotations(document_id)
        if not annotations:
            continue
        tally = Tally()
        tally.count(annotations)
        yield DocumentTally(document_id, annotations[0].path, None, tally)


class SuggestionCounter:
    """Open suggestions (not dismissed, not tagged) per corpus document, analysed as the app does."""

    def __init__(self, store: Store, corpus_files: Sequence[Path], entries: Iterable[Entry]) -> None:
        from annotations.model import DocumentRef
        from reader.services.open_suggestions import Suggester

        documents = {
            e.document_id: (DocumentRef(e.document_id, e.relpath, ""), Path(e.path))
            for e in entries
            if e.document_id and not e.error
        }
        self._suggester = Suggester(store, corpus_files, documents, "")

    def count(self, document_id: str) -> int | None:
        """None when the document is not in the corpus or cannot be read as it was tagged."""
        found = self._suggester.analysed(document_id)
        if found is None:
            return None
        analysis, ref = found
        return len(self._suggester.annotations(document_id, analysis, ref))
