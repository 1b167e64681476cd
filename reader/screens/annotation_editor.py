"""The annotations screen's dialogs: edit one annotation (label, note, speaker), and pick the sentence
an orphan is re-attached to. Enter saves or picks from any field; Escape changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader import commands
from reader.text.sanitize import display_safe
from reader.widgets.choice import Choice, ChoiceButton

if TYPE_CHECKING:
    from annotations.model import Annotation


def _quoted(text: str, width: int = 240) -> str:
    text = display_safe(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


class AnnotationEditor(ModalScreen[tuple[str, str, str | None] | None]):
    """Dismissed with (label, note, speaker), speaker None when empty; None when cancelled."""

    CSS_PATH = "annotation_editor.tcss"
    AUTO_FOCUS = "#edit-note"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def __init__(self, annotation: Annotation, labels: Sequence[str]) -> None:
        super().__init__()
        self.annotation = annotation
        self.labels = tuple(labels) if annotation.label in labels else (*labels, annotation.label)
        self._label = annotation.label

    def compose(self) -> ComposeResult:
        a = self.annotation
        with Vertical(id="edit-dialog") as box:
            box.border_title = "Edit annotation"
            yield Static(Text(f"{a.annotator or '?'}: {_quoted(a.text)}"), id="edit-target")
            yield Label("Label")
            with Choice(id="edit-label"):
                for n, label in enumerate(self.labels):
                    yield ChoiceButton(label, value=label == a.label, id=f"label-{n}")
            yield Label("Note")
            yield Input(
                a.note, placeholder="why it matters, what to check…", id="edit-note", select_on_focus=False
            )
            yield Label("Speaker")
            yield Input(a.speaker or "", placeholder="who said it", id="edit-speaker", select_on_focus=False)
            cancel = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"Enter saves (from any field) · {cancel} cancels"), classes="hint")

    def on_mount(self) -> None:
        note = self.query_one("#edit-note", Input)
        note.cursor_position = len(note.value)

    @on(Choice.Changed, "#edit-label")
    def _label_changed(self, event: Choice.Changed) -> None:
        self._label = self.labels[int((event.pressed.id or "label-0").removeprefix("label-"))]

    @on(Choice.Submitted, "#edit-label")
    def _label_submitted(self, event: Choice.Submitted) -> None:
        if event.pressed is not None:
            self._label = self.labels[int((event.pressed.id or "label-0").removeprefix("label-"))]
        self.save()

    @on(Input.Submitted)
    def save(self) -> None:
        note = self.query_one("#edit-note", Input).value
        speaker = self.query_one("#edit-speaker", Input).value.strip() or None
        self.dismiss((self._label, note, speaker))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _overlap(a: str, b: str) -> int:
    return len(set(a.casefold().split()) & set(b.casefold().split()))


class SentencePicker(ModalScreen[tuple[int, int] | None]):
    """The sentences of an orphan's document, the likeliest (most words shared) highlighted; typing
    filters them. Dismissed with the chosen sentence's span, or None."""

    CSS_PATH = "annotation_editor.tcss"
    AUTO_FOCUS = "#pick-filter"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def __init__(self, annotation: Annotation, text: str, spans: Sequence[tuple[int, int]]) -> None:
        super().__init__()
        self.annotation = annotation
        self.text = text
        self.spans = list(spans)

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog") as box:
            box.border_title = "Re-attach to which sentence?"
            yield Static(Text(f"{self.annotation.label}: {_quoted(self.annotation.text)}"), id="pick-target")
            with Horizontal(id="pick-row"):
                yield Label("Filter ")
                yield Input(placeholder="words of the sentence", id="pick-filter")
            yield OptionList(id="pick-sentences")
            cancel = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"↑↓ move · Enter attaches · {cancel} cancels"), classes="hint")

    def on_mount(self) -> None:
        self._fill("")
        best = max(
            range(len(self.spans)),
            key=lambda n: _overlap(self.annotation.text, self.text[slice(*self.spans[n])]),
            default=None,
        )
        if best is not None:
            self.query_one(OptionList).highlighted = best

    def _fill(self, needle: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        words = needle.casefold().split()
        options.add_options(
            Option(Text(_quoted(self.text[start:end], 200)), id=f"{start}-{end}")
            for start, end in self.spans
            if all(w in self.text[start:end].casefold() for w in words)
        )
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#pick-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key in ("up", "down") and self.focused is self.query_one("#pick-filter"):
            options = self.query_one(OptionList)
            if key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()  # type: ignore[attr-defined]

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#pick-sentences")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id:
            start, _, end = option_id.partition("-")
            self.dismiss((int(start), int(end)))

    def action_cancel(self) -> None:
        self.dismiss(None)
