"""Go to document…: find a document by title or file name, letters in order (fuzzy, as the command
palette matches), from any screen; Enter opens it. Titles are data: shown as text, never as markup."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader import commands
from reader.text.sanitize import display_safe

if TYPE_CHECKING:
    from reader.services.entries import Entry

SHOWN = 50
"""Matches listed at most (the best first)."""


def label(entry: Entry) -> str:
    """What is matched and shown: the title (when known) and the corpus-relative path."""
    title = " ".join((entry.title or "").split())
    return f"{title} — {entry.relpath}" if title else entry.relpath


class GoToDocument(ModalScreen[str | None]):
    """Dismissed with the chosen document's path (absolute, as the library keys it), or None."""

    CSS_PATH = "goto.tcss"
    AUTO_FOCUS = "#goto-input"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def __init__(self, entries: Iterable[Entry]) -> None:
        super().__init__()
        self.entries = [e for e in entries if not e.error]
        self._labels = {e.path: display_safe(label(e)) for e in self.entries}

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-dialog") as box:
            box.border_title = "Go to document"
            yield Input(placeholder="letters of a title or file name", id="goto-input")
            yield OptionList(id="goto-matches")
            cancel = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"↑↓ move · Enter opens · {cancel} cancels"), classes="hint")

    def on_mount(self) -> None:
        self._fill("")

    def matches(self, typed: str) -> list[str]:
        """The paths of the documents matching `typed`, best first (all, in order, when empty)."""
        if not typed.strip():
            return [e.path for e in self.entries[:SHOWN]]
        matcher = Matcher(typed.strip())
        scored = [(matcher.match(text), path) for path, text in self._labels.items()]
        best = sorted((item for item in scored if item[0] > 0), key=lambda item: -item[0])
        return [path for _, path in best[:SHOWN]]

    def _fill(self, typed: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        matcher = Matcher(typed.strip()) if typed.strip() else None
        for path in self.matches(typed):
            text = self._labels[path]
            shown = matcher.highlight(text) if matcher else Text(text)
            options.add_option(Option(shown, id=path))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#goto-input")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_key(self, event: Key) -> None:
        if event.key in ("up", "down") and self.focused is self.query_one("#goto-input"):
            options = self.query_one(OptionList)
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    @on(Input.Submitted, "#goto-input")
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#goto-matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
