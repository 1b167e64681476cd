"""What the tag keys do on the reading screen: toggle, clear, undo, redo, the note and the verdict,
each one store write through the screen's single write path (`ReadingScreen.change`), so a tag shows
only once it is durable. The screen owns one `TagKeys` and its actions call it; nothing here is a
message handler."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.verdicts import VERDICT_LABEL
from reader import commands

if TYPE_CHECKING:
    from reader.screens.reading import ReadingScreen


class TagKeys:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen

    async def toggle(self, label: str) -> None:
        screen = self._screen
        target = screen.view.target
        if target is None or screen.ref is None:
            return
        store = screen.reader.store
        # What the screen showed decides: if another window changed this tag meanwhile, nothing changes.
        seen = any(
            (a.label, a.start, a.end) == (label, *target) for a in screen.state.annotations
            if a.annotator == store.annotator and not a.orphan
        )  # fmt: skip
        await screen.change(store.toggle, screen.ref, label, *target, seen=seen)
        screen.view.clear_selection()
        screen.show_status()

    async def clear(self) -> None:
        screen = self._screen
        target = screen.view.target
        if target is None or screen.ref is None:
            return
        removed = await screen.change(screen.reader.store.remove_overlapping, screen.ref, *target)
        screen.view.clear_selection()
        if not removed:
            screen.notify("Nothing to remove here.", markup=False)

    async def step(self, *, backwards: bool) -> None:
        """Undo (backwards) or redo the last change in this document, and say what it was."""
        screen = self._screen
        if screen.ref is None:
            return
        store = screen.reader.store
        what = await screen.change(store.undo if backwards else store.redo, screen.ref.id)
        nothing = "Nothing to undo." if backwards else "Nothing to redo."
        screen.notify(what.capitalize() if what else nothing, markup=False)

    def note(self) -> None:
        """The note dialog for the annotation under the cursor; saved through the same write path."""
        screen = self._screen
        target = screen.view.target
        if target is None or screen.ref is None:
            return
        store = screen.reader.store
        annotation = screen.state.annotation_for(target, store.annotator)
        if annotation is None:
            keys = commands.tag_keys_hint(store.labels, screen.reader.keymap)
            screen.notify(f"Tag the sentence first ({keys}), then write its note.", markup=False)
            return
        from reader.screens.dialogs import NoteDialog

        ref = screen.ref

        def save(result: tuple[str, str | None] | None) -> None:
            if result is None or screen.ref is not ref:
                return
            note, speaker = result
            screen.run_worker(
                screen.change(store.update, ref, annotation.id, note=note, speaker=speaker), group="writes"
            )

        screen.app.push_screen(NoteDialog(annotation), save)

    def verdict(self) -> None:
        """The verdict dialog for this annotator's claim under the cursor; one write, undoable with `u`."""
        screen = self._screen
        target = screen.view.target
        if target is None or screen.ref is None:
            return
        store = screen.reader.store
        start, end = target
        claims = [
            a
            for a in screen.state.annotations
            if a.label == VERDICT_LABEL and not a.orphan and a.annotator == store.annotator
            if a.start < end and start < a.end
        ]
        claim = next((a for a in claims if (a.start, a.end) == target), claims[0] if claims else None)
        if claim is None:
            key = commands.key_of("reading.claim", screen.reader.keymap)
            screen.notify(f"Tag the sentence as a claim first ({key}), then give its verdict.", markup=False)
            return
        from reader.screens.verdict import VerdictChoice, VerdictDialog

        ref = screen.ref

        def save(choice: VerdictChoice | None) -> None:
            if choice is None or screen.ref is not ref:
                return
            screen.run_worker(
                screen.change(store.update, ref, claim.id, **choice.as_update()), group="writes"
            )

        screen.app.push_screen(VerdictDialog(claim, screen.reader.verdicts), save)
