"""Small modal dialogs: the note (and a quote's speaker) of an annotation; which label to accept
every suggestion of, and a yes-or-no question before doing so. Their styles are in dialogs.tcss."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader import commands
from reader.text.sanitize import display_safe
from reader.widgets.article_view import mark_for

if TYPE_CHECKING:
    from annotations.model import Annotation


class NoteDialog(ModalScreen[tuple[str, str | None] | None]):
    """Enter saves, Escape cancels; dismissed with (note, speaker) where speaker is None unless a quote."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def __init__(self, annotation: Annotation) -> None:
        super().__init__()
        self.annotation = annotation

    def compose(self) -> ComposeResult:
        annotation = self.annotation
        with Vertical(id="note-dialog"):
            quoted = display_safe(annotation.text[:240]) + ("…" if len(annotation.text) > 240 else "")
            yield Static(Text(f"{annotation.label}: {quoted}"), id="note-target")
            yield Label("Note")
            # An existing note opens with the cursor at its end, not selected: the first key adds to it.
            yield Input(
                annotation.note,
                placeholder="why it matters, what to check…",
                id="note",
                select_on_focus=False,
            )
            if annotation.label == "quote":
                yield Label("Speaker")
                yield Input(
                    annotation.speaker or "", placeholder="who said it", id="speaker", select_on_focus=False
                )
            cancel = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            between = " · Tab: speaker" if annotation.label == "quote" else ""
            yield Static(Text(f"Enter saves · {cancel} cancels{between}"), classes="hint")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        """Enter saves from either field, as the hint says (tab moves between them)."""
        self.save()

    def save(self) -> None:
        note = self.query_one("#note", Input).value
        # For a quote, "" clears the speaker (the store's update treats None as "unchanged").
        speaker = (
            self.query_one("#speaker", Input).value.strip() if self.annotation.label == "quote" else None
        )
        self.dismiss((note, speaker))

    def action_cancel(self) -> None:
        self.dismiss(None)


class LabelPicker(ModalScreen[str | None]):
    """Which label to accept every suggestion of; Enter picks, Escape cancels."""

    CSS_PATH = "dialogs.tcss"

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

    CSS_PATH = "dialogs.tcss"

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
