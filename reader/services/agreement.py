"""Agreement on a store and a corpus: the units fed from the store's finished marks and annotations,
and the corpus's taggable sentences (no Textual; `reader agree` and the agreement screen share it).

The sentences come from the catalog (the library's cache of what the pipeline found in each file), so
a second run reads them instead of running the pipeline on every document.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotations.agreement import Agreement, DocumentWork, TaggedSpan, Tally
from annotations.model import Annotation
from reader.services.entries import Entry

if TYPE_CHECKING:
    from annotations.store import Store

FinishedBy = Callable[[str], Collection[str]]
SpansOf = Callable[[str], Mapping[str, Sequence[TaggedSpan]]]  # document id -> annotator -> spans


@dataclass(frozen=True)
class Selection:
    """What the user chose: labels, annotators (all when empty), documents (text ids or corpus paths;
    all when empty)."""

    labels: tuple[str, ...]
    annotators: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()

    def wants_document(self, entry: Entry) -> bool:
        return not self.documents or entry.document_id in self.documents or entry.relpath in self.documents

    def coders(self, finished: Collection[str]) -> frozenset[str]:
        return frozenset(c for c in finished if not self.annotators or c in self.annotators)


@dataclass
class Outcome:
    agreement: Agreement
    finished_by_one: int = 0  # documents only one chosen annotator finished (no units)
    finished_coders: frozenset[str] = field(default_factory=frozenset)  # everyone who finished anything
    document_ids: dict[str, str] = field(default_factory=dict)  # path -> document id, for the screen


def taggable_spans(entry: Entry) -> Sequence[tuple[int, int]]:
    """The sentences annotators are asked to tag: the units."""
    return entry.taggable_spans


def works(
    entries: Iterable[Entry],
    selection: Selection,
    finished_by: FinishedBy,
    spans_of: SpansOf,
    outcome: Outcome,
) -> Iterator[DocumentWork]:
    """The documents two or more chosen annotators finished, one at a time (a million annotations
    never sit in memory together)."""
    seen: set[str] = set()
    everyone: set[str] = set()
    for entry in entries:
        document_id = entry.document_id
        if document_id is None or entry.error or not entry.scanned:  # no sentences known (yet)
            continue
        if document_id in seen or not selection.wants_document(entry):
            continue
        seen.add(document_id)
        coders = selection.coders(finished_by(document_id))
        everyone.update(coders)
        if len(coders) < 2:
            outcome.finished_by_one += bool(coders)
            continue
        outcome.document_ids[entry.relpath] = document_id
        yield DocumentWork(entry.relpath, taggable_spans(entry), coders, spans_of(document_id))
    outcome.finished_coders = frozenset(everyone)


def spans_from(annotations_of: Callable[[str], Sequence[Annotation]]) -> SpansOf:
    """Spans straight from the store (no cache): each annotator's anchored annotations."""

    def spans_of(document_id: str) -> Mapping[str, Sequence[TaggedSpan]]:
        by: dict[str, list[TaggedSpan]] = {}
        for a in annotations_of(document_id):
            if not a.orphan:
                by.setdefault(a.annotator, []).append((a.label, a.start, a.end))
        return by

    return spans_of


def measure(
    entries: Sequence[Entry],
    selection: Selection,
    finished_by: FinishedBy,
    spans_of: SpansOf,
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> Outcome:
    """The figures; `progress(entries seen)` is called every `every` entries (for a screen)."""
    tally = Tally(selection.labels, selection.annotators or None)
    outcome = Outcome(agreement=tally.result())
    counted = _counting(entries, progress, every) if progress else entries
    for doc in works(counted, selection, finished_by, spans_of, outcome):
        tally.add(doc)
    outcome.agreement = tally.result()
    return outcome


def _counting(entries: Sequence[Entry], progress: Callable[[int], None], every: int) -> Iterator[Entry]:
    for n, entry in enumerate(entries, 1):
        yield entry
        if n % every == 0:
            progress(n)
    progress(len(entries))


def finished_marks(store: Store) -> FinishedBy:
    """Who marked each document finished, from the store's summary (its local index: one read for
    every document, instead of every annotator file of every document)."""
    summary = store.summary()

    def finished_by(document_id: str) -> Collection[str]:
        entry = summary.get(document_id)
        return entry.finished if entry is not None else ()

    return finished_by
