"""Small modal dialogs: the note (and a quote's speaker) of an annotation."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reader import commands
from reader.text.sanitize import display_safe

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
            yield Input(annotation.note, placeholder="why it matters, what to check…", id="note")
            if annotation.label == "quote":
                yield Label("Speaker")
                yield Input(annotation.speaker or "", placeholder="who said it", id="speaker")
            cancel = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"Enter saves · {cancel} cancels"), classes="hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "note" and self.annotation.label == "quote":
            self.query_one("#speaker", Input).focus()
            return
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
