"""Which of the engine's suggestions are still open: not dismissed, and not already tagged.

Shared by the reading screen (what it shows with a `?`) and `reader export --include-suggestions`
(what it writes, marked as suggested). No Textual here: the rule is the same wherever it is used.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.export import ExportDocument
from annotations.model import Annotation, DocumentRef, context
from reader.text.corpus import read_document
from reader.text.document import DocumentError
from reader.text.folders import FolderContext
from reader.text.pipeline import Analysis, analyse
from reader.text.spans import Span, SpanSet

if TYPE_CHECKING:  # the engine compiles its patterns on import: loaded where it runs, off the UI thread
    from reader.text.suggestion_engine import Suggestion

SUGGESTER = "reader-suggest"  # the annotator of an exported suggestion
NOTE_PREFIX = "suggested: "


class Tagged:
    """The tagged spans of each label, for "does this span overlap a tag of that label"."""

    def __init__(self, tags: Iterable[tuple[str, int, int]]) -> None:
        by_label: dict[str, list[Span]] = {}
        for label, start, end in tags:
            by_label.setdefault(label, []).append((start, end))
        self._sets = {label: SpanSet(spans) for label, spans in by_label.items()}

    def overlaps(self, label: str, start: int, end: int) -> bool:
        spans = self._sets.get(label)
        return spans is not None and spans.overlaps(start, end)


def pending(
    suggestions: Iterable[Suggestion],
    *,
    dismissed: Collection[tuple[str, int, int]] = (),
    tagged: Iterable[tuple[str, int, int]] = (),
    labels: Collection[str] | None = None,
    in_order: bool = False,
) -> list[Suggestion]:
    """The suggestions left to decide on, in text order.

    A suggestion goes once its exact (label, start, end) is dismissed, or once the user has tagged any
    overlapping text with the same label (a quote tagged as the whole sentence still answers the
    suggested quote inside it). `labels`: the store's label set; other labels cannot be accepted.
    """
    done = Tagged(tagged)
    gone = set(dismissed)
    left = [
        s
        for s in suggestions
        if (labels is None or s.label in labels)
        and (s.label, s.start, s.end) not in gone
        and not done.overlaps(s.label, s.start, s.end)
    ]
    if not in_order:  # `in_order`: the caller sorted them once (the reading screen, per document)
        left.sort(key=text_order)
    return left


def text_order(suggestion: Suggestion) -> tuple[int, int, str]:
    return suggestion.start, suggestion.end, suggestion.label


def as_annotation(suggestion: Suggestion, document_id: str, path: str, text: str, stamp: str) -> Annotation:
    """A suggestion written out beside the real tags: annotator `reader-suggest`, note "suggested: why".

    The id is derived from the document and span, so exporting twice gives the same ids.
    """
    s = suggestion
    prefix, suffix = context(text, s.start, s.end)
    key = f"{document_id}|{s.label}|{s.start}|{s.end}"
    return Annotation(
        id=uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-reader-suggestion:" + key).hex,
        document_id=document_id,
        path=path,
        label=s.label,
        start=s.start,
        end=s.end,
        text=text[s.start : s.end],
        prefix=prefix,
        suffix=suffix,
        note=NOTE_PREFIX + s.reason,
        speaker=s.speaker,
        annotator=SUGGESTER,
        created=stamp,
        modified=stamp,
    )


class Suggester:
    """The open suggestions of each corpus document, as export annotations (for --include-suggestions).

    Each document is analysed as the app analyses it: with the repetition of its folder's corpus files
    and the user's line overrides, so the offsets and sentences are the ones shown on screen.
    """

    def __init__(
        self,
        store: Any,
        corpus_files: Sequence[Path],
        documents: Mapping[str, tuple[DocumentRef, Path]],
        stamp: str,
    ) -> None:
        self.store = store
        self.documents = documents
        self.stamp = stamp
        self.folders = FolderContext(corpus_files)
        self.count = 0  # suggestions handed out so far

    def analysed(self, document_id: str) -> tuple[Analysis, DocumentRef] | None:
        found = self.documents.get(document_id)
        if found is None:
            return None
        ref, file = found
        try:
            document = read_document(file)
        except DocumentError:
            return None
        if document.id != document_id:  # the file changed since the corpus was read
            return None
        overrides = self.store.line_overrides(document_id) or None
        return analyse(document, folder=self.folders.stats_for(file), overrides=overrides), ref

    def annotations(self, document_id: str, analysis: Analysis, ref: DocumentRef) -> list[Annotation]:
        """Not dismissed, not overlapping a stored tag of the same label (whoever did either)."""
        from reader.text.suggestion_engine import suggest

        stored = self.store.annotations(document_id)
        open_ones = pending(
            suggest(analysis),
            dismissed=self.store.dismissed_suggestions(document_id),
            tagged=((a.label, a.start, a.end) for a in stored if not a.orphan),
            labels=self.store.labels,
        )
        return [as_annotation(s, document_id, ref.path, ref.text, self.stamp) for s in open_ones]


def _order(a: Annotation) -> tuple[int, int, str, str, str]:
    return (a.start, a.end, a.label, a.annotator, a.id)


def with_suggestions(
    docs: Iterable[ExportDocument], suggester: Suggester, select: Callable[[Annotation], bool]
) -> Iterator[ExportDocument]:
    """The stored documents with their open suggestions added, then the corpus documents that have
    only suggestions (in path order after the stored ones: the stored ones still stream)."""
    seen: set[str] = set()
    for doc in docs:
        seen.add(doc.id)
        found = suggester.analysed(doc.id)
        extra = [a for a in suggester.annotations(doc.id, *found) if select(a)] if found else []
        suggester.count += len(extra)
        if extra:
            doc = replace(doc, annotations=tuple(sorted((*doc.annotations, *extra), key=_order)))
        yield doc
    rest = sorted(
        ((ref.path, document_id) for document_id, (ref, _) in suggester.documents.items()),
    )
    wanted = getattr(select, "document_ids", None)  # `--document`, or the dialog's "this document"
    for path, document_id in rest:
        if document_id in seen or (wanted is not None and document_id not in wanted):
            continue
        found = suggester.analysed(document_id)
        if found is None:
            continue
        analysis, ref = found
        extra = [a for a in suggester.annotations(document_id, analysis, ref) if select(a)]
        if not extra:
            continue
        suggester.count += len(extra)
        yield ExportDocument(
            id=document_id,
            path=path,
            title=analysis.title,
            date=analysis.date,
            annotations=tuple(sorted(extra, key=_order)),
            text=ref.text,  # the formats that do not need it drop it with the document
        )
