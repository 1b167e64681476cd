"""Reading and tagging one document, sentence by sentence.

The screen shows only what the store holds: a tag key sends the write to the app's writer thread
and the marks change when the write has returned (durable), from the `TagState` read right after.
Suggested tags are a `SuggestionLayer` the screen owns and calls (`reading_suggestions.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, getters, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from annotations.reasons import one_line
from reader import commands
from reader.app import ReaderApp
from reader.screens.reading_curation import Curation
from reader.screens.reading_review import Review
from reader.screens.reading_search import Search
from reader.screens.reading_suggestions import ACTIONS as SUGGESTION_ACTIONS
from reader.screens.reading_suggestions import Suggested, SuggestionLayer
from reader.screens.reading_tags import TagKeys
from reader.screens.reading_watch import StoreChanged, StoreWatch
from reader.screens.sync import StoreArrived
from reader.services import heap
from reader.services.entries import Entry
from reader.services.opening import open_entry
from reader.services.reading_status import meta_line, status_parts
from reader.services.sentence_info import describe as describe_sentence
from reader.services.tag_marks import Marks
from reader.services.tag_state import EMPTY, TagState, read_state
from reader.text.document import DocumentError
from reader.text.pipeline import Analysis
from reader.text.sanitize import display_safe, snippet
from reader.widgets.annotation_panel import AnnotationPanel
from reader.widgets.article_view import ArticleView, Overlay, mark_for
from reader.widgets.key_bar import KeyBar
from reader.widgets.search_box import SearchBox
from reader.widgets.status import StatusLine
from reader.widgets.suggestion_hint import SuggestionHint

if TYPE_CHECKING:
    from annotations.model import DocumentRef

Navigator = Callable[[Entry, int], "Entry | None"]


@dataclass
class Opened(Message):
    entry: Entry
    analysis: Analysis
    ref: DocumentRef
    state: TagState
    offset: int | None


@dataclass
class OpenFailed(Message):
    entry: Entry
    reason: str


class ReadingScreen(Screen[None]):
    """A sentence cursor over the clean text; every command is in `commands.READING`."""

    CSS_PATH = "reading.tcss"

    BINDINGS = commands.bindings((*commands.READING, *commands.REVIEW, *commands.CURATION))
    COMMAND_SET = (*commands.READING, *commands.REVIEW, *commands.CURATION)
    AUTO_FOCUS = "#article"

    reader = getters.app(ReaderApp)

    def __init__(
        self, entry: Entry, *, navigator: Navigator | None = None, offset: int | None = None
    ) -> None:
        super().__init__()
        self.entry = entry
        self.navigator = navigator
        self._initial_offset = offset
        self.analysis: Analysis | None = None
        self.ref: DocumentRef | None = None
        self.state = EMPTY
        self.opening = True
        self.marks = Marks((), "")  # what the view draws of the shown tags, kept up by each change
        self._undo_redo: tuple[bool, bool] | None = None  # the key bar's undo/redo as last shown
        self._suggestion_changes: list[tuple[int, int]] | None = None  # since the last refilter; None: all
        self._suggestions_due = False
        self._cursor_shown = -1  # the sentence the status and info lines were drawn for
        self.analysis_entry = entry  # the entry whose text is on screen
        self.suggestions = SuggestionLayer(self)
        self.tags = TagKeys(self)
        self.search = Search(self)
        self.store_watch = StoreWatch(self)
        self.review = Review(self)  # who tagged what (reading_review.py)
        self.curation = Curation(self)  # the disagreements and the gold layer (reading_curation.py)

    def compose(self) -> ComposeResult:
        with Vertical(id="heading"):
            yield Static(Text(snippet(self.entry.title or self.entry.relpath, 200)), id="title", markup=False)
            yield Static("", id="meta", markup=False)
        with Horizontal(id="body"):
            yield ArticleView(id="article", labels=self.reader.store.labels)
            yield AnnotationPanel(id="panel")
        close = commands.hint_key("reading.back", self.reader.keymap)
        yield SearchBox(placeholder=f"search the text (Enter: go, {close}: close)", id="search")
        hint = SuggestionHint()
        hint.display = False  # until the document has suggestions, or a note to show
        yield hint
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.open_document(self.entry, self._initial_offset)
        self.store_watch.start()

    def on_screen_resume(self) -> None:
        self.store_watch.check()  # another window may have written while this one was behind a dialog

    def on_store_changed(self, message: StoreChanged) -> None:
        if self.store_watch.changed(message):
            self._apply(message.state)

    def on_store_arrived(self, _message: StoreArrived) -> None:
        self.store_watch.check()  # a sync brought changes: look now, not at the next tick

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    # -- opening -----------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_document(self, entry: Entry, offset: int | None = None) -> None:
        """Read, analyse and attach off the UI thread; a 1 MB article must not freeze the screen."""
        app = self.reader
        try:
            opening = open_entry(entry, app.catalog, app.store, app.write_from_thread)
        except DocumentError as exc:
            self.post_message(OpenFailed(entry, exc.reason))
        except Exception as exc:  # a store or pipeline failure: one line, and the app stays up
            self.post_message(OpenFailed(entry, one_line(exc)))
        else:
            self.post_message(Opened(opening.entry, opening.analysis, opening.ref, opening.state, offset))

    def on_opened(self, message: Opened) -> None:
        self.entry, self.analysis, self.ref = message.entry, message.analysis, message.ref
        self.analysis_entry = message.entry
        self.opening = False
        view = self.view
        paragraphs = [(line.start, line.end) for line in message.analysis.lines if line.kept]
        sentences = [(s.start, s.end) for s in message.analysis.sentences]
        untaggable = [n for n, s in enumerate(message.analysis.sentences) if not s.taggable]
        store = self.reader.store
        self.marks = Marks(store.labels, store.annotator, sentences, untaggable)
        self.marks.update(self.review.visible(message.state).annotations)
        view.set_marks(self.marks)  # before the text: the gutter's width is known for its one wrap
        view.load(message.analysis.document.text, paragraphs, sentences)
        view.set_untaggable(untaggable)
        self.search.hits = []
        view.set_overlays(())
        if message.offset is not None:
            view.move_to(view.sentence_at(message.offset))
        self._apply(message.state)
        title = message.analysis.title or self.entry.relpath
        self.query_one("#title", Static).update(Text(snippet(title, 200)))
        meta = meta_line(message.analysis.date, display_safe(self.entry.relpath), len(sentences))
        byline = " · ".join(x for x in (message.analysis.author, message.analysis.outlet) if x)
        if byline:  # who wrote it and where, under the title
            meta = f"{display_safe(byline)} · {meta}"
        self.query_one("#meta", Static).update(Text(meta))
        library = next((s for s in self.app.screen_stack if hasattr(s, "update_entry")), None)
        if library is not None:
            library.update_entry(self.entry)
        if not sentences:
            lines_key = commands.key_of("reading.lines", self.reader.keymap)
            self.notify(
                f"No sentences were found in this document ({lines_key} shows the stripped lines).",
                markup=False,
            )
        # After the frame that shows the text: the engine's thread would hold the GIL while it paints.
        self.call_after_refresh(self.suggestions.document_opened, message.analysis, message.ref)
        # Keys after this do not pay for collecting a long article's objects (reader/services/heap.py).
        self.call_after_refresh(heap.opened, len(message.analysis.document.text))

    def on_suggested(self, message: Suggested) -> None:
        self.suggestions.received(message)

    def on_open_failed(self, message: OpenFailed) -> None:
        self.opening = False
        self.notify(f"{message.entry.relpath}: {message.reason}", severity="error", markup=False)
        if self.analysis is None:
            self.dismiss(None)  # nothing to show: back to the library
        else:
            self.entry = self.analysis_entry  # `}` onto a broken file: stay on the one shown

    # -- showing the store's state -----------------------------------------------------------------

    def _apply(self, state: TagState) -> None:
        self.state = state
        self.show_state()
        self.curation.state_changed(state)  # curation mode: its disagreements and panel follow

    def show_state(self) -> None:
        """Draw `self.state` as review mode's filter lets it through (everyone's tags when it is off).

        Only what changed is redrawn: `marks` follows the difference (a key adds or removes one
        annotation of thousands) and the view repaints the rows of the spans that changed."""
        shown = self.review.visible(self.state)
        self.view.set_who(*self.review.gutter(shown))
        changed = self.marks.update(shown.annotations)
        self.view.set_marks(self.marks, changed)
        if changed is None or self._suggestion_changes is None:
            self._suggestion_changes = None
        else:
            self._suggestion_changes += changed
        self._fill_panel()
        self.show_status()
        undo_redo = (self.state.can_undo, self.state.can_redo)
        if changed is None or undo_redo != self._undo_redo:  # the key bar shows u, ctrl+r when they can run
            self._undo_redo = undo_redo
            self.refresh_bindings()
        # An accepted suggestion is a tag now; an undone one comes back. Refiltered after the frame
        # that shows the tag: on a long article with thousands of suggestions it takes longer than
        # the keystroke itself.
        if not self._suggestions_due:
            self._suggestions_due = True
            self.call_after_refresh(self._refilter_suggestions)

    def _refilter_suggestions(self) -> None:
        self._suggestions_due = False
        changes, self._suggestion_changes = self._suggestion_changes, []
        self.suggestions.refresh(changes)

    def show_overlays(self) -> None:
        """The open suggestions and the search hits: the view has one overlay layer for both."""
        hits = (Overlay(a, b, "article-view--hit") for a, b in self.hits)
        self.view.set_overlays([*self.suggestions.overlays(), *hits, *self.curation.overlays()])

    def _fill_panel(self) -> None:
        panel = self.query_one("#panel", AnnotationPanel)
        if panel.display:
            panel.show(self.review.visible(self.state).annotations, who=self.review.who_of)

    def show_status(self) -> None:
        store, view = self.reader.store, self.view
        counts, orphans = self.marks.counts, self.marks.orphans
        selected = view.selection[1] - view.selection[0] + 1 if view.selection else 0
        self.query_one(StatusLine).show(
            *self.review.status(self.state),  # first: the status is cut at the right edge
            *status_parts(
                location=store.location,
                annotator=store.annotator,
                cursor=view.cursor,
                total=len(view.sentences),
                taggable=self.marks.taggable,
                tagged=self.marks.tagged,
                counts=counts,
                marks={label: mark_for(label) for label in counts},
                orphans=orphans,
                selected=selected,
                hits=len(self.hits),
                hit=self.search.current(),
            ),
        )

    def show_info(self) -> None:
        """The info line: the cursor sentence's notes, speakers and others' tags, else its suggestion."""
        hint = self.query_one(SuggestionHint)
        view = self.view
        info = None
        has_info = self.marks.telling > 0  # a tag has a note, a speaker or another annotator
        if has_info and view.sentences:
            store = self.reader.store
            sentence = view.sentences[view.cursor]
            info = describe_sentence(
                self.marks.over(*sentence),
                sentence,
                annotator=store.annotator,
                labels=store.labels,
                mark=mark_for,
            )
        if info is not None:
            hint.show(Text(info, no_wrap=True, overflow="ellipsis"))
        else:
            hint.show_suggestion(self.suggestions.here(), len(self.suggestions.shown))
        visible = has_info or bool(self.suggestions.shown)
        if hint.display != visible:
            hint.display = visible

    def say(self, message: str) -> None:
        """What a key's store write did (a tag, clear, undo, accept, dismiss...), in the status line
        until the cursor moves. Refusals, warnings and errors stay toasts: they must not be missed."""
        self.query_one(StatusLine).say(message)

    @on(ArticleView.CursorMoved)
    def cursor_moved(self) -> None:
        if self.view.cursor != self._cursor_shown:  # a click, or a move the action did not follow
            self.follow_cursor()

    def follow_cursor(self) -> None:
        """The status and info lines for the cursor's sentence. The move keys call it at once, so
        the key's frame shows them with the cursor: waiting for `CursorMoved` drew a second frame."""
        self._cursor_shown = self.view.cursor
        self.query_one(StatusLine).hush()
        self.show_status()
        self.suggestions.cursor_moved()  # and the info line

    # -- commands ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "curate":
            return self.curation.allows(parameters)
        if self.curation.shadows(action):  # curation mode's keys (n, 1-9, u, esc...) win while it is on
            return False
        if action in SUGGESTION_ACTIONS:
            return self.suggestions.check_action(action)
        if action == "undo":
            return True if self.state.can_undo else None
        if action == "redo":
            return True if self.state.can_redo else None
        if action == "hit":
            return True if self.hits else None
        if action == "tag":
            return parameters[0] in self.reader.store.labels if parameters else True
        if action == "tag_nth":
            index = parameters[0] if parameters else None
            return isinstance(index, int) and index < len(self.reader.store.labels)
        return True

    def key_bar_action(self, action: str) -> str:
        """What a key stands for in the key bar: key 1 is `tag('claim')` when claim is label 1."""
        match = re.fullmatch(r"tag_nth\((\d+)\)", action)
        labels = self.reader.store.labels
        if match and int(match[1]) < len(labels):
            return f"tag({labels[int(match[1])]!r})"
        return action

    def action_move(self, step: int) -> None:
        view = self.view
        view.move_to(view.cursor + step)
        self.follow_cursor()

    def action_page(self, direction: int) -> None:
        self.view.page(direction)
        self.follow_cursor()

    def action_first(self) -> None:
        self.view.move_to(0)
        self.follow_cursor()

    def action_last(self) -> None:
        self.view.move_to(len(self.view.sentences) - 1)
        self.follow_cursor()

    def action_select(self) -> None:
        self.view.start_or_extend_selection()
        self.show_status()

    async def change(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """One store write, then the fresh state, both on the writer thread; the screen follows."""
        store = self.reader.store
        ref = self.ref
        if ref is None:
            return None

        def write_then_read() -> tuple[Any, TagState, tuple[int, int, int] | None]:
            result = fn(*args, **kwargs)
            return result, read_state(store, ref.id), store.revision(ref.id)

        try:
            result, state, revision = await self.reader.write(write_then_read)
        except Exception as exc:  # e.g. a full disk: say so, keep the screen as the store has it
            self.notify(f"Not saved: {one_line(exc)}", severity="error", markup=False, timeout=8)
            self.store_watch.check()
            return None
        if self.ref is ref:
            self.store_watch.shown(revision)
            self._apply(state)
        return result

    # A write runs as a worker: a key handler awaiting a busy store would hold up every key, ctrl+q too.
    def _write(self, job: Coroutine[Any, Any, None] | None) -> None:
        """Run a key's write, decided at the key press, in the writes group (keys typed meanwhile
        are handled before the worker starts: they must not change what this key meant)."""
        if job is not None:
            self.run_worker(job, group="writes")

    def action_tag(self, label: str) -> None:
        self._write(self.tags.toggle(label))

    def action_tag_nth(self, index: int) -> None:
        labels = self.reader.store.labels
        if 0 <= index < len(labels):
            self.action_tag(labels[index])

    def action_clear(self) -> None:
        self._write(self.tags.clear())

    def action_undo(self) -> None:
        self.run_worker(self.tags.step(backwards=True), group="writes")

    def action_redo(self) -> None:
        self.run_worker(self.tags.step(backwards=False), group="writes")

    # After the writes already queued: `q` then `e` typed fast opens the note of the new quote.
    def action_note(self) -> None:
        self.run_worker(self.tags.after_writes(self.tags.note), group="writes")

    def action_verdict(self) -> None:
        self.run_worker(self.tags.after_writes(self.tags.verdict), group="writes")

    def action_untagged(self, step: int) -> None:
        view = self.view
        index = view.cursor + step
        while 0 <= index < len(view.sentences):
            if view.is_taggable(index) and not view.labels_at(*view.sentences[index]):
                view.move_to(index)
                return
            index += step
        self.notify("No untagged sentence " + ("below." if step > 0 else "above."), markup=False)

    def action_document(self, step: int) -> None:
        following = self.navigator(self.entry, step) if self.navigator else None
        if following is None:
            self.notify("This is the " + ("last" if step > 0 else "first") + " document.", markup=False)
            return
        self.entry = following
        self.opening = True
        self.query_one("#title", Static).update(Text(snippet(following.title or following.relpath, 200)))
        self.open_document(following)

    # -- search ------------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one(SearchBox).open()

    def on_key(self, event: events.Key) -> None:
        if self.query_one(SearchBox).take(event, self.active_bindings):  # `/` and what follows it
            event.stop()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.search.find(event.value)
        self.query_one(SearchBox).close()
        self.view.focus()

    def action_hit(self, step: int) -> None:
        self.search.step(step)

    @property
    def hits(self) -> list[tuple[int, int]]:
        return self.search.hits

    # -- suggestions (the layer decides; the bindings call these) ---------------------------------

    def action_accept_suggestion(self) -> None:
        self._write(self.suggestions.accept())

    def action_dismiss_suggestion(self) -> None:
        self._write(self.suggestions.dismiss())

    def action_restore_suggestions(self, sentence_only: bool) -> None:
        self._write(self.suggestions.restore(sentence_only=sentence_only))

    def action_accept_all(self) -> None:
        self.suggestions.accept_all()

    def action_toggle_suggestions(self) -> None:
        self.suggestions.toggle()

    # -- panels and screens ------------------------------------------------------------------------

    def action_panel(self) -> None:
        shown = self.review.visible(self.state).annotations
        if not self.query_one(AnnotationPanel).toggle(shown, who=self.review.who_of):
            self.view.focus()

    # -- review mode and the finished mark (reading_review.py) ----------------------------------

    def action_review(self) -> None:
        self.review.toggle()

    def action_whose(self) -> None:
        self.review.cycle()

    def action_finish(self) -> None:
        self.run_worker(self.review.finish(), group="writes")

    # -- curation mode (reading_curation.py) ------------------------------------------------------

    def action_curate(self, what: str, arg: int = 0) -> None:
        self.curation.run(what, arg)

    def on_unmount(self) -> None:
        self.curation.close()

    @property
    def taggable(self) -> list[tuple[int, int]]:
        """The taggable sentences' spans (curation's units)."""
        return self.marks.taggable_spans

    def on_annotation_panel_chosen(self, event: AnnotationPanel.Chosen) -> None:
        self.view.move_to(self.view.sentence_at(event.annotation.start))
        self.view.focus()

    def action_lines(self) -> None:
        if self.analysis is None or self.ref is None:
            return
        from reader.screens.lines import LinesScreen

        offset = self.view.sentences[self.view.cursor][0] if self.view.sentences else 0

        def done(changed: bool | None) -> None:
            if changed:
                self.open_document(self.entry, offset)

        self.app.push_screen(LinesScreen(self.analysis, self.ref), done)

    def action_copy(self, what: str) -> None:
        """`y`: the sentence, or the quote covering it with its speaker; `Y`: the citation. Through the
        terminal (OSC 52), so it works over ssh and in tmux (with `set -g set-clipboard on`)."""
        from reader.services.citation import citation, sentence_copy

        if self.analysis is None or self.ref is None or not self.view.sentences:
            return
        if what == "citation":
            text = citation(self.analysis.title, self.analysis.date, self.ref.path)
        else:
            start, end = self.view.sentences[self.view.cursor]
            text = sentence_copy(self.ref.text, start, end, self.state.annotations)
        self.app.copy_to_clipboard(text)
        shown = display_safe(text if len(text) <= 60 else text[:59] + "…")
        self.notify(f"Copied: {shown}", markup=False)

    def action_back(self) -> None:
        search = self.query_one(SearchBox)
        if search.is_open:
            search.close()
            self.view.focus()
        elif self.view.selection is not None:
            self.view.clear_selection()
            self.show_status()
        elif self.query_one("#panel").has_focus:
            self.action_panel()
        else:
            self.dismiss(None)
