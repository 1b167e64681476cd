"""The reading screen's review mode: who tagged each sentence, and whose tags are shown.

A `Review` the screen owns (as it owns `TagKeys` and `Search`). Off, the screen is as before. On,
the gutter gets a column of annotator letters (readable without colour), the panel names who made
each annotation, the status line counts per annotator, and `w` cycles the view: everyone, mine,
then each other annotator. Tagging keys still act on the user's own tags only, whatever is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader import commands
from reader.services import team_view
from reader.services.tag_state import TagState
from reader.services.team_view import EVERYONE, Letters

if TYPE_CHECKING:
    from annotations.model import Annotation
    from reader.screens.reading import ReadingScreen


class Review:
    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self.on = False
        self.who = EVERYONE
        self._visible: tuple[TagState, str, TagState] | None = None
        self._letters: tuple[TagState, Letters] | None = None

    @property
    def me(self) -> str:
        return self._screen.reader.store.annotator

    def visible(self, state: TagState) -> TagState:
        """The state as the screen draws it: only the annotations the filter lets through.

        Kept for the last (state, filter): the status line asks on every cursor move."""
        if self._visible is not None and self._visible[0] is state and self._visible[1] == self.who:
            return self._visible[2]
        shown = state
        if self.who != EVERYONE:
            annotations = team_view.shown(state.annotations, self.who)
            shown = TagState(annotations, state.can_undo, state.can_redo, state.finished_by)
        self._visible = (state, self.who, shown)
        return shown

    @property
    def letters(self) -> Letters:
        """Each annotator's letter, for the state drawn last: made when review mode asks, not on
        every tag key (a pass over every annotation: 5,000 on a long article)."""
        state = self._visible[0] if self._visible is not None else self._screen.state
        if self._letters is None or self._letters[0] is not state:
            self._letters = (state, Letters.of(team_view.annotators(state.annotations), self.me))
        return self._letters[1]

    def toggle(self) -> None:
        self.on = not self.on
        if not self.on:
            self.who = EVERYONE
        self._redraw()
        self._screen.notify(
            f"Review mode {'on: ' + self.legend() if self.on else 'off'}", markup=False, timeout=4
        )

    def cycle(self) -> None:
        """Everyone, mine, each other annotator; turns review mode on."""
        names = team_view.annotators(self._screen.state.annotations)
        self.on = True
        self.who = team_view.next_filter(self.who, names, self.me)
        self._redraw()
        self._screen.notify(f"Showing {team_view.filter_name(self.who, self.me)}'s tags", markup=False)

    def _redraw(self) -> None:
        self._screen.show_state()

    def legend(self) -> str:
        return self.letters.legend() or "no tags yet"

    def gutter(self, state: TagState) -> tuple[list[tuple[int, int, str]], int]:
        """The letters column for the view and its width (0 when review mode is off)."""
        if not self.on:
            return [], 0
        width = max(1, min(len(self.letters.by_name), 6))
        return team_view.who_marks(state.annotations, self.letters), width

    def who_of(self, annotation: Annotation) -> str:
        return f"{self.letters[annotation.annotator]} {annotation.annotator}" if self.on else ""

    async def finish(self) -> None:
        """Mark the document finished, or not any more (`F` again, or `u`, takes it back)."""
        screen = self._screen
        if screen.ref is None:
            return
        store = screen.reader.store
        finished = self.me not in screen.state.finished_by
        await screen.change(store.set_finished, screen.ref, finished)
        key = commands.hint_key("reading.finish", screen.reader.keymap)
        undo = commands.hint_key("reading.undo", screen.reader.keymap)
        if self.me in screen.state.finished_by:
            screen.notify(
                f"Marked finished: an untagged sentence means none of the labels ({key} or {undo} undoes).",
                markup=False,
            )
        else:
            screen.notify(f"No longer marked finished ({key} marks it again).", markup=False)

    def status(self, state: TagState) -> list[str]:
        """Finished marks always; per-annotator counts and the filter in review mode."""
        finished = [self._finished(state)] if state.finished_by else []
        if not self.on:
            return finished
        counts = team_view.counts_by_annotator(state.annotations)
        per = " ".join(f"{self.letters[name]}:{name} {n}" for name, n in sorted(counts.items()))
        return [*finished, f"review: {team_view.filter_name(self.who, self.me)}", per or "no tags"]

    def _finished(self, state: TagState) -> str:
        names = ["you" if n == self.me else n for n in state.finished_by]
        return "finished by " + ", ".join(names)
