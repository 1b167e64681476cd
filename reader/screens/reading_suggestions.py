"""Suggested tags on the reading screen: dimmed with a `?` mark, `a` accepts, `d` dismisses.

`SuggestionLayer` is an object the reading screen owns and calls from its own handlers and actions
(nothing here is a message handler). The engine (`reader.text.suggestion_engine`) runs in a thread worker
once a document has opened; the dismissed ones are read from the store on the writer thread; what is
shown is what `reader.services.open_suggestions.pending` leaves, recomputed after every store change
(an accepted suggestion is a tag, so it goes; undo brings it back). Accepting goes through the
screen's `change`, the same single writer as the tag keys, so it is durable before the screen shows
it and `u` undoes it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.message import Message
from textual.worker import get_current_worker

from reader import commands
from reader.screens.dialogs import ConfirmDialog, LabelPicker
from reader.services import heap
from reader.services.open_suggestions import pending, text_order
from reader.services.suggestion_process import PROCESS_FROM, suggest_apart
from reader.services.tagging import quoted
from reader.services.team_view import EVERYONE
from reader.text.sanitize import display_safe
from reader.widgets.article_view import ArticleView, Overlay, mark_for

if TYPE_CHECKING:
    from annotations.model import DocumentRef
    from reader.screens.reading import ReadingScreen
    from reader.text.pipeline import Analysis
    from reader.text.suggestion_engine import Suggestion

ACTIONS = frozenset(
    {"accept_suggestion", "dismiss_suggestion", "accept_all", "toggle_suggestions", "restore_suggestions"}
)
"""The screen's actions that this layer answers `check_action` for."""

# Hidden or shown is remembered for the app's session, across documents.
_SHOWN: WeakKeyDictionary[App[Any], bool] = WeakKeyDictionary()


@dataclass
class Suggested(Message):
    """The engine's output for one document and what the store says was dismissed there."""

    document_id: str
    suggestions: tuple[Suggestion, ...]
    dismissed: frozenset[tuple[str, int, int]]


def overlay_style(label: str) -> str:
    """The label's colour under the suggestion's dim italic (ArticleView combines the classes)."""
    own = f"article-view--{label}"
    return (
        f"{own} article-view--suggestion"
        if own in ArticleView.COMPONENT_CLASSES
        else "article-view--suggestion"
    )


class SuggestionLayer:
    """The suggestions of the reading screen's document: which are open, which is under the cursor.

    The screen calls `document_opened`, `received`, `refresh` (after every store change) and
    `cursor_moved`, and its suggestion actions call `accept`, `dismiss`, `accept_all` and `toggle`.
    """

    def __init__(self, screen: ReadingScreen) -> None:
        self._screen = screen
        self._suggested_for: str | None = None  # the document the engine's output belongs to
        self._all: tuple[Suggestion, ...] = ()
        self._dismissed: set[tuple[str, int, int]] = set()
        self.shown: list[Suggestion] = []  # open now, in text order
        self._starts: list[int] = []
        self._reach = 0
        self._all_starts: list[int] = []  # of `_all`, for the suggestions over a changed span
        self._shown_at: list[int] = []  # the index in `_all` of each suggestion in `shown`
        self._incremental = False  # `shown` follows `_all`, `_dismissed` and the marks: refresh(spans) may
        self._had_one_here = False
        self._overlays: dict[int, Overlay] = {}  # by id() of a suggestion in `_all`
        self._looks: dict[str, tuple[str, str]] = {}  # label -> (style, gutter mark)

    # -- showing -----------------------------------------------------------------------------------

    @property
    def visible(self) -> bool:
        """Not hidden with `S` (for the app's session)."""
        return _SHOWN.get(self._screen.app, True)

    def document_opened(self, analysis: Analysis, ref: DocumentRef) -> None:
        """Forget the old document's suggestions, compute the new one's."""
        self._suggested_for = None
        self._all = ()
        self._overlays = {}
        self._dismissed = set()
        self.refresh()
        self._screen.run_worker(
            partial(self._compute, analysis, ref),
            name="suggestions",
            group="suggest",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def _compute(self, analysis: Analysis, ref: DocumentRef) -> None:
        """In a thread worker; the result goes back to the screen as a `Suggested` message."""
        app = self._screen.reader
        document = analysis.document
        found: tuple[Suggestion, ...] | None = None
        if len(document.text) >= PROCESS_FROM:  # a long article: not in a thread that holds the GIL
            worker = get_current_worker()
            try:
                overrides = app.store.line_overrides(document.id)
                folder = app.catalog.folder_stats(document.path)
                found = suggest_apart(document, folder, overrides, lambda: worker.is_cancelled)
            except Exception:  # no processes here (a sandbox): this thread does it
                found = None
            if worker.is_cancelled:
                return
        if found is None:
            from reader.text.suggestion_engine import suggest  # its import (compiling patterns) runs here

            found = tuple(suggest(analysis))
        dismissed = app.write_from_thread(app.store.dismissed_suggestions, ref.id)
        self._screen.post_message(Suggested(ref.id, found, frozenset(dismissed)))

    def received(self, message: Suggested) -> None:
        ref = self._screen.ref
        if ref is None or message.document_id != ref.id:
            return  # a document left before its suggestions came
        self._suggested_for = message.document_id
        self._all = tuple(sorted(message.suggestions, key=text_order))  # once: `pending` keeps the order
        self._all_starts = [s.start for s in self._all]
        self._overlays = {}
        self._dismissed = set(message.dismissed)
        self.refresh()
        heap.keep()  # tens of thousands on a long article, kept while it is open: out of the GC's walk

    def refresh(self, changed: Sequence[tuple[int, int]] | None = None) -> None:
        """What is left to decide on, from the store's state; called after every store change.

        `changed`: the only spans where tags or dismissals changed since the last refresh; then only
        the suggestions over them are looked at again (a 10 MB article has tens of thousands)."""
        screen = self._screen
        ref = screen.ref
        if changed is not None and self._incremental and screen.review.who == EVERYONE:
            self._refresh_over(changed)
            return
        self._incremental = False
        if ref is None or self._suggested_for != ref.id or not self.visible:
            self.shown = []
        else:
            store = screen.reader.store
            self.shown = pending(
                self._all,
                dismissed=self._dismissed,
                tagged=screen.state.tagged(store.annotator),
                labels=store.labels,
                in_order=True,
            )
            self._incremental = screen.review.who == EVERYONE
        at = {id(s): n for n, s in enumerate(self._all)}
        self._shown_at = [at[id(s)] for s in self.shown]
        self._starts = [s.start for s in self.shown]
        self._reach = max((s.end - s.start for s in self._all), default=0)
        screen.show_overlays()
        self._show_hint(force=True)

    def _refresh_over(self, changed: Sequence[tuple[int, int]]) -> None:
        """Open or close the suggestions over the changed spans; the view redraws their rows only."""
        screen = self._screen
        labels, marks = screen.reader.store.labels, screen.marks
        had_any = bool(self.shown)
        gone: list[Overlay] = []
        new: list[Overlay] = []
        for a, b in changed:
            lo = bisect_left(self._all_starts, a - self._reach)
            hi = bisect_left(self._all_starts, max(b, a + 1))
            for i in range(lo, hi):
                s = self._all[i]
                if s.end <= a:
                    continue
                key = (s.label, s.start, s.end)
                wanted = s.label in labels and key not in self._dismissed and not marks.mine_over(*key)
                j = bisect_left(self._shown_at, i)
                there = j < len(self._shown_at) and self._shown_at[j] == i
                if wanted and not there:
                    self._shown_at.insert(j, i)
                    self.shown.insert(j, s)
                    self._starts.insert(j, s.start)
                    new.append(self._overlay(s))
                elif there and not wanted:
                    del self._shown_at[j], self.shown[j], self._starts[j]
                    gone.append(self._overlay(s))
        if gone or new:
            screen.view.change_overlays(gone, new)
        # The info line (a note or a tag may have changed); the key bar when accept-all turns on or off
        # (a and d follow the suggestion under the cursor in `_show_hint`).
        self._show_hint(force=bool(self.shown) != had_any)

    def overlays(self) -> list[Overlay]:
        """The open suggestions as overlays of the article view (the screen adds its search hits).
        Each is built once per document: a long article has tens of thousands, and rebuilding them
        all after every tag held the screen for longer than the keystroke itself."""
        return [self._overlay(s) for s in self.shown]

    def _overlay(self, s: Suggestion) -> Overlay:
        overlay = self._overlays.get(id(s))
        if overlay is None:
            overlay = self._overlays[id(s)] = Overlay(s.start, s.end, *self._look(s.label))
        return overlay

    def _look(self, label: str) -> tuple[str, str]:
        look = self._looks.get(label)
        if look is None:
            look = self._looks[label] = (overlay_style(label), f"?{mark_for(label).lower()}")
        return look

    def here(self) -> Suggestion | None:
        """The suggestion on the cursor's sentence: one that starts in it first, else one over it."""
        view = self._screen.view
        if not self.shown or not view.sentences:
            return None
        a, b = view.sentences[view.cursor]
        lo = bisect_left(self._starts, a - self._reach)
        hi = bisect_left(self._starts, b)
        over = [s for s in self.shown[lo:hi] if s.end > a]
        return next((s for s in over if s.start >= a), over[0] if over else None)

    def cursor_moved(self) -> None:
        self._show_hint()

    def _show_hint(self, force: bool = False) -> None:
        """The info line follows the cursor (the screen's); the key bar only when a/d turn on or off."""
        here = self.here()
        self._screen.show_info()
        if force or (here is not None) != self._had_one_here:
            self._had_one_here = here is not None
            self._screen.refresh_bindings()

    # -- commands ----------------------------------------------------------------------------------

    def check_action(self, action: str) -> bool | None:
        """For ReadingScreen.check_action: a and d only over a suggestion, accept-all only when any."""
        if action in ("accept_suggestion", "dismiss_suggestion"):
            return True if self.here() is not None else None
        if action == "accept_all":
            return True if self.shown else None
        return True

    def accept(self) -> Coroutine[Any, Any, None] | None:
        """The suggestion under the cursor now, at the key press; the coroutine writes it (a key typed
        right after may move the cursor before a worker starts it)."""
        here = self.here()
        ref = self._screen.ref
        if here is None or ref is None:
            return None
        return self._accept(here, ref)

    async def _accept(self, here: Suggestion, ref: DocumentRef) -> None:
        screen = self._screen
        added = await screen.change(
            screen.reader.store.add, ref, here.label, here.start, here.end, speaker=here.speaker
        )
        if added is not None and screen.ref is ref:
            who = f" ({display_safe(here.speaker)})" if here.speaker else ""
            screen.say(f"Accepted {here.label}{who}: {quoted(ref.text[here.start : here.end])}")

    def dismiss(self) -> Coroutine[Any, Any, None] | None:
        """One store write and one undo step: `u` brings the suggestion back. Which one is decided
        now, at the key press (see `accept`)."""
        here = self.here()
        ref = self._screen.ref
        if here is None or ref is None:
            return None
        return self._dismiss(here, ref)

    async def _dismiss(self, here: Suggestion, ref: DocumentRef) -> None:
        screen = self._screen
        store = screen.reader.store

        def dismiss() -> bool:
            store.dismiss_suggestion(ref, here.label, here.start, here.end)
            return True

        if not await screen.change(dismiss) or screen.ref is not ref:
            return  # not saved (the screen said so), or another document by now
        self._dismissed.add((here.label, here.start, here.end))
        self.refresh([(here.start, here.end)])
        undo = commands.key_of("reading.undo", screen.reader.keymap)
        text = quoted(ref.text[here.start : here.end])
        screen.say(f"Dismissed the {here.label} suggestion ({undo} brings it back): {text}")

    def dismissed_now(self, dismissed: frozenset[tuple[str, int, int]]) -> None:
        """The store's dismissed suggestions after an undo, a redo or a restore: shown again or not."""
        if set(dismissed) != self._dismissed:
            self._dismissed = set(dismissed)
            self.refresh()

    def restore(self, *, sentence_only: bool) -> Coroutine[Any, Any, None] | None:
        """Bring back the dismissed suggestions on the cursor's sentence (or the whole document): the
        cursor's sentence at the key press (see `accept`)."""
        ref = self._screen.ref
        view = self._screen.view
        if ref is None or not view.sentences:
            return None
        return self._restore(ref, view.sentences[view.cursor], sentence_only)

    async def _restore(self, ref: DocumentRef, sentence: tuple[int, int], sentence_only: bool) -> None:
        screen = self._screen
        a, b = sentence
        items = (
            [d for d in self._dismissed if d[1] < b and a < d[2]] if sentence_only else list(self._dismissed)
        )
        where = "on this sentence" if sentence_only else "in this document"
        if not items:
            screen.notify(f"No dismissed suggestions {where}.", markup=False)
            return
        back = await screen.change(screen.reader.store.restore_suggestions, ref, items)
        if back is None or screen.ref is not ref:
            return
        self._dismissed -= set(back)
        self.refresh()
        n = len(back)
        screen.say(f"Restored {n} dismissed suggestion{'s' if n != 1 else ''} {where}.")

    def toggle(self) -> None:
        _SHOWN[self._screen.app] = not self.visible
        self.refresh()
        key = commands.key_of("reading.suggestions", self._screen.reader.keymap)
        shown = "Suggestions shown." if self.visible else f"Suggestions hidden ({key} shows them)."
        self._screen.notify(shown, markup=False)

    def accept_all(self) -> None:
        counts = Counter(s.label for s in self.shown)
        if not counts:
            self._screen.notify("No suggestions in this article.", markup=False)
            return
        if len(counts) == 1:
            self._confirm_accept_all(next(iter(counts)))
            return
        self._screen.app.push_screen(LabelPicker(counts), self._confirm_accept_all)

    def _confirm_accept_all(self, label: str | None) -> None:
        if label is None:
            return
        items = [s for s in self.shown if s.label == label]
        if not items:
            return
        n = len(items)
        question = f"Accept all {n} {label} suggestion{'s' if n != 1 else ''} in this article?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._screen.run_worker(self._accept_all(items), group="writes")

        self._screen.app.push_screen(ConfirmDialog(question), answered)

    async def _accept_all(self, items: Sequence[Suggestion]) -> None:
        """One durable write on the writer thread, and one undo step: `u` takes the whole batch back."""
        screen = self._screen
        store = screen.reader.store
        ref = screen.ref
        if ref is None:
            return

        def add_all() -> int:
            return len(store.add_many(ref, [(s.label, s.start, s.end, s.speaker) for s in items]))

        added = await screen.change(add_all)
        if added and screen.ref is ref:
            screen.say(f"Accepted {added} {items[0].label} suggestion{'s' if added != 1 else ''}.")
