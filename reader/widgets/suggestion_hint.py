"""The line under the article: the reason of the suggestion under the cursor, else how many there are.

Its style is in screens/reading.tcss, beside the article view's: it only ever shows on that screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from reader import commands
from reader.text.sanitize import display_safe
from reader.widgets.article_view import mark_for

if TYPE_CHECKING:
    from reader.text.suggestion_engine import Suggestion


def describe(s: Suggestion, keymap: Mapping[str, str] | None = None) -> Text:
    """One line: `?q quote · the reason` (the reason names the speaker when there is one)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"?{mark_for(s.label).lower()} {s.label}", style="bold")
    line.append(" · ")
    line.append(display_safe(" ".join(s.reason.split())))
    if s.speaker and s.speaker not in s.reason:
        line.append(f" · speaker: {display_safe(s.speaker)}")
    accept, dismiss = commands.key_of("reading.accept", keymap), commands.key_of("reading.dismiss", keymap)
    line.append(f"  ({accept} accept · {dismiss} dismiss)", style="dim")
    return line


class SuggestionHint(Static):
    """Plain text only (a reason quotes the article); hidden while there is nothing to suggest."""

    def __init__(self) -> None:
        super().__init__("", markup=False, id="suggestion-hint")
        self._shown: Text | None = None

    def show(self, text: Text) -> None:
        if text == self._shown:
            return  # called after every key: the same line is not drawn again
        self._shown = text
        self.update(text, layout=False)

    def show_suggestion(self, here: Suggestion | None, count: int) -> None:
        """The reason of the suggestion `here`, else the count of them in the article."""
        keymap = getattr(self.app, "keymap", None)
        if here is not None:
            self.show(describe(here, keymap))
            return
        hide, accept_all = (
            commands.key_of("reading.suggestions", keymap),
            commands.key_of("reading.accept_all", keymap),
        )
        self.show(
            Text(
                f"{count} suggestion{'s' if count != 1 else ''} in this article"
                f" (?c ?q ?f in the gutter; {hide} hides them, {accept_all} accepts all of a label)"
                if count
                else "",
                no_wrap=True,
                overflow="ellipsis",
            )
        )
