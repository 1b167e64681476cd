"""What the tag keys do on the reading screen: toggle, clear, undo, redo, the note and the verdict,
each one store write through the screen's single write path (`ReadingScreen.change`), so a tag shows
only once it is durable. The screen owns one `TagKeys` and its actions call it; nothing here is a
message handler."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from annotations.verdicts import VERDICT_LABEL
from reader import commands
from reader.services.tagging import apply, decide, message, quoted
from reader.services.team_view import EVERYONE
from reader.services.undo_report import step as undo_step
from reader.text.sanitize import snippet

if TYPE_CHECKING:
    from annotations.model import Annotation, DocumentRef
    from reader.screens.reading import ReadingScreen


class TagKeys:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen

    def toggle(self, label: str) -> Coroutine[Any, Any, None] | None:
        """A label key: add the label, or remove the annotation of it the target lies in (`tagging`).

        Decided now, at the key press, and written by the coroutine returned: a worker starts it only
        after the keys already typed (a `j` right after `c` would otherwise move the target first)."""
        screen = self._screen
        target = screen.view.target
        ref = screen.ref
        if target is None or ref is None:
            return None
        store = screen.reader.store
        # What the screen showed decides; `apply` re-checks it against the store under the write. The
        # tags over the target are enough (`decide` looks at no other), found by bisection when every
        # annotator's are shown (review mode may hide some).
        here = screen.marks.over(*target) if screen.review.who == EVERYONE else screen.state.annotations
        shown = decide(here, store.annotator, label, target)
        return self._toggle(label, ref, target, shown, screen.store_watch.revision)

    async def _toggle(
        self, label: str, ref: DocumentRef, target: tuple[int, int], shown: Any, revision: Any
    ) -> None:
        screen = self._screen
        store = screen.reader.store
        outcome = await screen.change(apply, store, ref, label, target, shown, revision)
        if outcome is None:
            return
        if outcome.done:
            screen.view.clear_selection()
        screen.show_status()
        keys = dict(zip(store.labels, commands.label_keys(store.labels, screen.reader.keymap), strict=False))
        text = ref.text[target[0] : target[1]]
        said = message(outcome, text, remove_key=keys.get(label, ""))
        if outcome.done:  # in the status line: the gutter shows the tag, this says which sentence
            screen.say(said)
        else:  # refused: a toast, to catch the eye
            screen.notify(said, markup=False)

    def clear(self) -> Coroutine[Any, Any, None] | None:
        """The clear key: its target is taken now, at the key press (see `toggle`)."""
        target = self._screen.view.target
        ref = self._screen.ref
        if target is None or ref is None:
            return None
        return self._clear(ref, target)

    async def _clear(self, ref: DocumentRef, target: tuple[int, int]) -> None:
        screen = self._screen
        removed = await screen.change(screen.reader.store.remove_overlapping, ref, *target)
        screen.view.clear_selection()
        if not removed:
            screen.notify("Nothing to remove here.", markup=False)
            return
        order = {label: n for n, label in enumerate(screen.reader.store.labels)}
        labels = ", ".join(sorted({a.label for a in removed}, key=lambda x: (order.get(x, 99), x)))
        text = ref.text[target[0] : target[1]]
        screen.say(f"Cleared {labels}: {quoted(text)}")

    async def step(self, *, backwards: bool) -> None:
        """Undo (backwards) or redo this annotator's last change here; say it by its text and show it
        (in the status line, after the cursor has gone to it: a move hushes the line)."""
        screen = self._screen
        if screen.ref is None:
            return
        store = screen.reader.store
        report = await screen.change(undo_step, store, screen.ref.id, screen.ref.text, backwards=backwards)
        if report is None:
            return
        screen.suggestions.dismissed_now(report.dismissed)
        if report.description is None:  # nothing to undo: a toast, like a refused tag
            screen.notify(report.message(), markup=False)
            return
        offset = report.offset
        view = screen.view
        if offset is not None and view.sentences and not view.offset_visible(offset):
            view.move_to(view.sentence_at(offset))
            screen.follow_cursor()
        screen.say(report.message())

    async def after_writes(self, then: Callable[[], None]) -> None:
        """Run `then` once the store writes queued before it have returned and been shown (the writer
        thread takes them in order, so a no-op queued now returns after them)."""
        await self._screen.reader.write(lambda: None)
        then()

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

        def update(note: str, speaker: str | None) -> Annotation | None:
            if not any(a.id == annotation.id for a in store.annotations(ref.id)):
                return None  # removed meanwhile (this window or another): nothing to write the note on
            return store.update(ref, annotation.id, note=note, speaker=speaker)

        async def write(note: str, speaker: str | None) -> None:
            saved = await screen.change(update, note, speaker)
            if saved is None:
                if screen.ref is ref and not screen.state.annotation_for(target, store.annotator):
                    screen.notify("Not saved: the tag was removed meanwhile.", markup=False)
                return
            if screen.ref is not ref:
                return  # another document by now: its status line is not about this note
            what = "Note saved" if saved.note else "Note removed"
            who = f" (speaker: {snippet(saved.speaker, 40)})" if saved.speaker else ""
            screen.say(f"{what} on {saved.label}{who}: {quoted(saved.text)}")

        def save(result: tuple[str, str | None] | None) -> None:
            if result is None or screen.ref is not ref:
                return
            screen.run_worker(write(*result), group="writes")

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
