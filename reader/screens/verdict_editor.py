"""Setting a claim's verdict from the annotations screen: the verdict dialog, then one store write.

The screen lists annotations, not open documents, so the write first finds the document's current
text in the corpus (`Store.update` anchors on it, as every change does); all of it runs on the app's
writer thread. A document no longer in the corpus is said in one line, and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotations.model import Annotation, DocumentRef
from annotations.reasons import one_line
from annotations.verdicts import DEFAULT_VERDICTS, VERDICT_LABEL
from reader.screens.verdict import VerdictChoice, VerdictDialog
from reader.services.corpus_index import CorpusIndex

if TYPE_CHECKING:
    from annotations.store import Store
    from reader.screens.annotations import AnnotationsScreen


class VerdictEditor:
    def __init__(self, screen: AnnotationsScreen, store: Store) -> None:
        self._screen = screen
        self._store = store

    def ask(self, annotation: Annotation) -> None:
        screen = self._screen
        if annotation.label != VERDICT_LABEL or annotation.orphan:
            what = "an orphan" if annotation.orphan else f"a {annotation.label}"
            screen.notify(f"Verdicts are for claims in the current text; this is {what}.", markup=False)
            return
        scale = getattr(screen.app, "verdicts", DEFAULT_VERDICTS)

        def save(choice: VerdictChoice | None) -> None:
            if choice is not None:
                screen.run_worker(self._write(annotation, choice), group="writes")

        screen.app.push_screen(VerdictDialog(annotation, scale), save)

    async def _write(self, annotation: Annotation, choice: VerdictChoice) -> None:
        screen, store = self._screen, self._store
        corpus = getattr(screen.app, "corpus", None)

        def write() -> Annotation | None:
            text = CorpusIndex(corpus).text(annotation.document_id, annotation.path) if corpus else None
            if text is None:
                return None
            ref = DocumentRef(annotation.document_id, annotation.path, text)
            return store.update(ref, annotation.id, **choice.as_update())

        runner: Any = getattr(screen.app, "write", None)
        try:
            edited = await runner(write) if runner else write()
        except Exception as exc:  # a full disk, a changed file: say so, keep the row as the store has it
            screen.notify(f"Not saved: {one_line(exc)}", severity="error", markup=False, timeout=8)
            return
        if edited is None:
            screen.notify(f"{annotation.path}: not in the corpus; open it to set the verdict.", markup=False)
            return
        screen.show_edited(edited)
