"""What a label key does on the reading screen, decided from what the screen shows and re-checked
against the store at write time, so that no key sequence leaves one annotator two overlapping
annotations with the same label.

- The target (the cursor's sentence or the selection) lies inside an annotation of that label by this
  annotator: the key removes that annotation (the innermost, when old data holds several).
- The target overlaps such an annotation without lying inside it: nothing is written; the message
  names the annotation in the way (joining two tags silently would lose a note or a speaker).
- Otherwise the label is added over the target; another annotator's tag of the label there stays, and
  the message says that the new one is this annotator's.

Pure (no Textual): the reading screen calls `decide` on its state and `apply` on the writer thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.text.sanitize import display_safe

if TYPE_CHECKING:
    from annotations.model import Annotation, DocumentRef

Span = tuple[int, int]


@dataclass(frozen=True)
class Add:
    label: str
    start: int
    end: int
    others: tuple[str, ...] = ()  # other annotators with this label over the target


@dataclass(frozen=True)
class Remove:
    annotation: Annotation


@dataclass(frozen=True)
class Blocked:
    label: str
    blocking: Annotation  # this annotator's annotation of the label that the target only partly covers


Decision = Add | Remove | Blocked


class TagWriter(Protocol):
    """The store, as far as a label key needs it."""

    annotator: str

    def annotations(self, document_id: str) -> Sequence[Annotation]: ...

    def revision(self, document_id: str) -> object: ...

    def toggle(
        self, doc: DocumentRef, label: str, start: int, end: int, *, seen: bool | None = None
    ) -> Annotation | None: ...


def decide(annotations: Sequence[Annotation], annotator: str, label: str, target: Span) -> Decision:
    start, end = target
    over = [a for a in annotations if not a.orphan and a.label == label and a.start < end and start < a.end]
    mine = [a for a in over if a.annotator == annotator]
    around = [a for a in mine if a.start <= start and end <= a.end]
    if around:
        return Remove(min(around, key=lambda a: (a.end - a.start, a.start)))
    if mine:
        return Blocked(label, min(mine, key=lambda a: a.start))
    others = tuple(sorted({a.annotator for a in over}))
    return Add(label, start, end, others)


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    done: bool  # False: the store no longer matched what the screen showed, nothing was written


def apply(
    store: TagWriter,
    doc: DocumentRef,
    label: str,
    target: Span,
    shown: Decision,
    shown_revision: object = None,
) -> Outcome:
    """On the writer thread: write `shown` only if the store, read now, leads to the same decision.

    A window that is behind (another window or process tagged meanwhile) thus never removes a tag it
    did not show nor adds one that would overlap a tag it did not show. When the document's revision
    (one stat) is still `shown_revision`, the state on screen is the store's and is not read again (a
    read is a third of a key's write on a long article). The toggle's `seen` guards the exact span
    against a write landing between this check and the toggle.
    """
    if shown_revision is not None and store.revision(doc.id) == shown_revision:
        fresh = shown
    else:
        fresh = decide(store.annotations(doc.id), store.annotator, label, target)
    if isinstance(shown, Blocked) or not _same(fresh, shown):
        return Outcome(fresh, False)
    if isinstance(fresh, Remove):
        a = fresh.annotation
        store.toggle(doc, a.label, a.start, a.end, seen=True)
        return Outcome(fresh, True)
    assert isinstance(fresh, Add)
    added = store.toggle(doc, label, fresh.start, fresh.end, seen=False)
    return Outcome(fresh, added is not None)


def _same(fresh: Decision, shown: Decision) -> bool:
    if isinstance(fresh, Remove) and isinstance(shown, Remove):
        return fresh.annotation.id == shown.annotation.id
    return isinstance(fresh, Add) and isinstance(shown, Add)


def first_words(text: str, width: int = 40) -> str:
    """The start of a sentence for a message, cut at a word with an ellipsis: 'Russia and Belarus…'."""
    flat = " ".join(display_safe(text[: width * 4]).split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ") if flat[width - 1] != " " else len(cut)
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


def quoted(text: str, width: int = 40) -> str:
    return f"'{first_words(text, width)}'"


def message(outcome: Outcome, text: str, *, remove_key: str = "") -> str:
    """What a label key did, by the text it did it to (the status line; a refusal is a toast)."""
    decision = outcome.decision
    if not outcome.done:
        if isinstance(decision, Blocked):
            how = f" ({remove_key} inside it removes it)" if remove_key else ""
            return f"Not tagged: it overlaps your {decision.label} {quoted(decision.blocking.text)}{how}."
        return "Not changed: another window changed this tag; it is shown as it is now."
    if isinstance(decision, Remove):
        return f"Removed {decision.annotation.label}: {quoted(decision.annotation.text)}"
    assert isinstance(decision, Add)
    also = f" (yours; {', '.join(decision.others)} tagged it too)" if decision.others else ""
    return f"{decision.label.capitalize()}{also}: {quoted(text)}"
