"""Suggested tags on the reading screen: dimmed with a `?` mark, `a` accepts, `d` dismisses.

`Suggesting` is a mixin of `ReadingScreen`: the engine (`reader.text.suggestions`) runs in a thread
worker once a document has opened; the dismissed ones are read from the store on the writer thread;
what is shown is what `reader.services.open_suggestions.pending` leaves, recomputed after every store
change (an accepted suggestion is a tag, so it goes; undo brings it back). Accepting goes through the screen's
`_change`, the same single writer as the tag keys, so it is durable before the screen shows it and
`u` undoes it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader import commands
from reader.services.open_suggestions import pending
from reader.text.sanitize import display_safe
from reader.widgets.article_view import ArticleView, Overlay, mark_for

if TYPE_CHECKING:
    from annotations.model import DocumentRef
    from reader.text.pipeline import Analysis
    from reader.text.suggestions import Suggestion

ACTIONS = frozenset({"accept_suggestion", "dismiss_suggestion", "accept_all", "toggle_suggestions"})

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


def describe(s: Suggestion) -> Text:
    """One line: `?q quote · the reason` (the reason names the speaker when there is one)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"?{mark_for(s.label).lower()} {s.label}", style="bold")
    line.append(" · ")
    line.append(display_safe(" ".join(s.reason.split())))
    if s.speaker and s.speaker not in s.reason:
        line.append(f" · speaker: {display_safe(s.speaker)}")
    line.append("  (a accept · d dismiss)", style="dim")
    return line


class SuggestionHint(Static):
    """The line under the article: the reason of the suggestion under the cursor, else a count."""

    DEFAULT_CSS = """
    SuggestionHint {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False, id="suggestion-hint")

    def show(self, text: Text) -> None:
        self.update(text, layout=False)


if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


class Suggesting(_Base):
    """Mixin for ReadingScreen, which supplies `view`, `ref`, `state`, `hits`, `reader` and `_change`."""

    if TYPE_CHECKING:
        ref: DocumentRef | None
        hits: list[tuple[int, int]]
        state: Any

        @property
        def view(self) -> ArticleView: ...

        @property
        def reader(self) -> Any: ...

        async def _change(self, fn: Any, *args: Any, **kwargs: Any) -> Any: ...

    def _key(self, command_id: str) -> str:
        """The key of a reading command after the user's keymap, for a hint."""
        return commands.key_of(command_id, self.reader.keymap)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._suggested_for: str | None = None  # the document the engine's output belongs to
        self._all_suggestions: tuple[Suggestion, ...] = ()
        self._dismissed: set[tuple[str, int, int]] = set()
        self.suggestions: list[Suggestion] = []  # shown now, in text order
        self._suggestion_starts: list[int] = []
        self._suggestion_reach = 0
        self._had_suggestion_here = False

    # -- showing -----------------------------------------------------------------------------------

    @property
    def suggestions_shown(self) -> bool:
        return _SHOWN.get(self.app, True)

    def on_mount(self) -> None:
        from reader.widgets.status import StatusLine

        hint = SuggestionHint()
        hint.display = False
        status = self.query(StatusLine)
        self.mount(hint, before=status.first()) if status else self.mount(hint)

    def on_opened(self, message: Any) -> None:
        """After ReadingScreen.on_opened (the MRO order): forget the old document's, compute the new."""
        self._suggested_for = None
        self._all_suggestions = ()
        self._dismissed = set()
        self.refresh_suggestions()
        self.compute_suggestions(message.analysis, message.ref)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False, name="suggestions")
    def compute_suggestions(self, analysis: Analysis, ref: DocumentRef) -> None:
        from reader.text.suggestions import suggest  # its import (pattern compiling) runs here too

        found = tuple(suggest(analysis))
        app = self.reader
        dismissed = app.write_from_thread(app.store.dismissed_suggestions, ref.id)
        self.post_message(Suggested(ref.id, found, frozenset(dismissed)))

    def on_suggested(self, message: Suggested) -> None:
        if self.ref is None or message.document_id != self.ref.id:
            return  # a document left before its suggestions came
        self._suggested_for = message.document_id
        self._all_suggestions = message.suggestions
        self._dismissed = set(message.dismissed)
        self.refresh_suggestions()

    def refresh_suggestions(self) -> None:
        """What is left to decide on, from the store's state; called after every store change."""
        ref = self.ref
        if ref is None or self._suggested_for != ref.id or not self.suggestions_shown:
            self.suggestions = []
        else:
            annotator = self.reader.store.annotator
            self.suggestions = pending(
                self._all_suggestions,
                dismissed=self._dismissed,
                tagged=(
                    (a.label, a.start, a.end)
                    for a in self.state.annotations
                    if not a.orphan and a.annotator == annotator
                ),
                labels=self.reader.store.labels,
            )
        self._suggestion_starts = [s.start for s in self.suggestions]
        self._suggestion_reach = max((s.end - s.start for s in self.suggestions), default=0)
        self.view.set_overlays(self.overlays())
        self._show_hint(force=True)

    def overlays(self) -> list[Overlay]:
        """The suggestions and the search hits: the view has one overlay layer for both."""
        out = [
            Overlay(s.start, s.end, overlay_style(s.label), f"?{mark_for(s.label).lower()}")
            for s in self.suggestions
        ]
        out.extend(Overlay(a, b, "article-view--hit") for a, b in getattr(self, "hits", ()))
        return out

    def suggestion_here(self) -> Suggestion | None:
        """The suggestion on the cursor's sentence: one that starts in it first, else one over it."""
        view = self.view
        if not self.suggestions or not view.sentences:
            return None
        a, b = view.sentences[view.cursor]
        lo = bisect_left(self._suggestion_starts, a - self._suggestion_reach)
        hi = bisect_left(self._suggestion_starts, b)
        over = [s for s in self.suggestions[lo:hi] if s.end > a]
        return next((s for s in over if s.start >= a), over[0] if over else None)

    def _show_hint(self, force: bool = False) -> None:
        here = self.suggestion_here()
        hints = self.query(SuggestionHint)
        if hints:
            hint = hints.first()
            if here is not None:
                hint.show(describe(here))
            else:
                n = len(self.suggestions)
                hint.show(
                    Text(
                        f"{n} suggestion{'s' if n != 1 else ''} in this article"
                        f" (?c ?q ?f in the gutter; {self._key('reading.suggestions')} hides them,"
                        f" {self._key('reading.accept_all')} accepts all of a label)"
                        if n
                        else "",
                        no_wrap=True,
                        overflow="ellipsis",
                    )
                )
            visible = bool(self.suggestions)
            if hint.display != visible:
                hint.display = visible
        if force or (here is not None) != self._had_suggestion_here:
            self._had_suggestion_here = here is not None
            self.refresh_bindings()

    def on_article_view_cursor_moved(self, message: ArticleView.CursorMoved) -> None:
        self._show_hint()

    # -- commands ----------------------------------------------------------------------------------

    def check_suggestion_action(self, action: str) -> bool | None:
        """For ReadingScreen.check_action: a and d only over a suggestion, accept-all only when any."""
        if action in ("accept_suggestion", "dismiss_suggestion"):
            return True if self.suggestion_here() is not None else None
        if action == "accept_all":
            return True if self.suggestions else None
        return True

    async def action_accept_suggestion(self) -> None:
        here = self.suggestion_here()
        if here is None or self.ref is None:
            return
        added = await self._change(
            self.reader.store.add, self.ref, here.label, here.start, here.end, speaker=here.speaker
        )
        if added is not None:
            who = f" ({display_safe(here.speaker)})" if here.speaker else ""
            self.notify(f"Accepted: {here.label}{who}", markup=False)

    async def action_dismiss_suggestion(self) -> None:
        here = self.suggestion_here()
        ref = self.ref
        if here is None or ref is None:
            return
        try:
            await self.reader.write(
                self.reader.store.dismiss_suggestion, ref, here.label, here.start, here.end
            )
        except Exception as exc:
            self.notify(f"Not saved: {' '.join(str(exc).split())[:300]}", severity="error", markup=False)
            return
        if self.ref is ref:
            self._dismissed.add((here.label, here.start, here.end))
            self.refresh_suggestions()
        self.notify(f"Dismissed the {here.label} suggestion.", markup=False)

    def action_toggle_suggestions(self) -> None:
        _SHOWN[self.app] = not self.suggestions_shown
        self.refresh_suggestions()
        key = self._key("reading.suggestions")
        shown = self.suggestions_shown
        self.notify(
            "Suggestions shown." if shown else f"Suggestions hidden ({key} shows them).", markup=False
        )

    def action_accept_all(self) -> None:
        counts = Counter(s.label for s in self.suggestions)
        if not counts:
            self.notify("No suggestions in this article.", markup=False)
            return
        if len(counts) == 1:
            self._confirm_accept_all(next(iter(counts)))
            return
        self.app.push_screen(LabelPicker(counts), self._confirm_accept_all)

    def _confirm_accept_all(self, label: str | None) -> None:
        if label is None:
            return
        items = [s for s in self.suggestions if s.label == label]
        if not items:
            return
        n = len(items)
        question = f"Accept all {n} {label} suggestion{'s' if n != 1 else ''} in this article?"

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self._accept_all(items), group="writes")

        self.app.push_screen(ConfirmDialog(question), answered)

    async def _accept_all(self, items: Sequence[Suggestion]) -> None:
        """One durable write on the writer thread, and one undo step: `u` takes the whole batch back."""
        store = self.reader.store
        ref = self.ref
        if ref is None:
            return

        def add_all() -> int:
            return len(store.add_many(ref, [(s.label, s.start, s.end, s.speaker) for s in items]))

        added = await self._change(add_all)
        if added:
            self.notify(
                f"Accepted {added} {items[0].label} suggestion{'s' if added != 1 else ''}.", markup=False
            )


class LabelPicker(ModalScreen[str | None]):
    """Which label to accept every suggestion of; Enter picks, Escape cancels."""

    DEFAULT_CSS = """
    LabelPicker { align: center middle; }
    LabelPicker > Vertical {
        width: 56; height: auto; padding: 1 2;
        border: round $primary; background: $panel;
    }
    LabelPicker OptionList { height: auto; max-height: 8; margin-top: 1; }
    LabelPicker .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def __init__(self, counts: Counter[str]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Accept all suggestions of which label?"))
            yield OptionList(
                *(
                    Option(Text(f"?{mark_for(label).lower()} {label} ({n})"), id=label)
                    for label, n in sorted(self.counts.items())
                ),
                id="labels",
            )
            yield Static(Text("Enter picks · Esc cancels"), classes="hint")

    @on(OptionList.OptionSelected, "#labels")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """Yes or no: Enter or y confirms, Escape or n cancels."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: round $warning; background: $panel;
    }
    ConfirmDialog .hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.CONFIRM)

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question), id="question")
            yield Static(Text("Enter or y: yes · Esc or n: no"), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
