"""Undo and redo, said by the text they changed ("Undid claim: 'Russia and Belarus are set to…'")
rather than by offsets, and where the change is, so the reading screen can show it.

Pure (no Textual): `step` runs on the writer thread, beside the store's own undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.services.tagging import quoted

if TYPE_CHECKING:
    from annotations.model import Annotation


class Undoable(Protocol):
    def annotations(self, document_id: str) -> Sequence[Annotation]: ...

    def undo(self, document_id: str) -> str | None: ...

    def redo(self, document_id: str) -> str | None: ...

    def dismissed_suggestions(self, document_id: str) -> set[tuple[str, int, int]]: ...


@dataclass(frozen=True)
class StepReport:
    backwards: bool
    description: str | None  # the store's own words; None: nothing to undo (or redo)
    changed: tuple[Annotation, ...] = ()  # the annotations the step took away, brought back or edited
    edited: bool = False
    suggestions: tuple[tuple[str, int, int], ...] = ()  # dismissed or brought back by the step
    dismissed: frozenset[tuple[str, int, int]] = frozenset()  # the document's dismissed ones after it
    text: str = ""  # the document's text, to name a suggestion by

    @property
    def offset(self) -> int | None:
        """Where the change starts in the text (None: no anchored annotation changed, e.g. a line mark)."""
        starts = [a.start for a in self.changed if not a.orphan] + [s for _, s, _ in self.suggestions]
        return min(starts) if starts else None

    def message(self) -> str:
        verb = "Undid" if self.backwards else "Redid"
        if self.description is None:
            return "Nothing to undo." if self.backwards else "Nothing to redo."
        if not self.changed and self.suggestions:
            label, start, end = min(self.suggestions, key=lambda s: s[1])
            n = len(self.suggestions)
            whose = f"{n} suggestions" if n > 1 else f"the {label} suggestion"
            act = "dismissal of" if self.description.split(" ", 2)[1:2] == ["dismiss"] else "restoring"
            return f"{verb} {act} {whose}: {quoted(self.text[start:end])}"
        if not self.changed:
            return f"{verb} {self.description.removeprefix('undid ').removeprefix('redid ')}."
        first = min(self.changed, key=lambda a: (a.orphan, a.start))
        labels = list(dict.fromkeys(a.label for a in self.changed))
        several = f"{len(self.changed)} tags ({', '.join(labels)})"
        what = first.label if len(self.changed) == 1 else several
        if self.edited:
            what = f"edit of {what}"
        return f"{verb} {what}: {quoted(first.text)}"


def step(store: Undoable, document_id: str, text: str, *, backwards: bool) -> StepReport:
    """Undo (or redo) and compare the annotations (by id) and the dismissed suggestions before and after."""
    before = {a.id: a for a in store.annotations(document_id)}
    was_dismissed = store.dismissed_suggestions(document_id)
    description = (store.undo if backwards else store.redo)(document_id)
    if description is None:
        return StepReport(backwards, None, dismissed=frozenset(was_dismissed))
    after = {a.id: a for a in store.annotations(document_id)}
    dismissed = store.dismissed_suggestions(document_id)
    gone = [a for i, a in before.items() if i not in after]
    back = [a for i, a in after.items() if i not in before]
    edited = [a for i, a in after.items() if i in before and before[i] != a]
    only_edits = bool(edited) and not (gone or back)
    return StepReport(
        backwards,
        description,
        tuple(gone + back + edited),
        edited=only_edits,
        suggestions=tuple(sorted(dismissed ^ was_dismissed)),
        dismissed=frozenset(dismissed),
        text=text,
    )
