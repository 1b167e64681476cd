"""The verdict dialog: a claim's verdict on the scale, its claimant (the speaker) and the review URL.

The reading screen (`V` on a claim) and the annotations screen (`V` on a row) open the same dialog
and save its result as one store write (`Store.update`), so `u` takes it back like any change.
Styles are in dialogs.tcss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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

if TYPE_CHECKING:
    from annotations.model import Annotation

NO_VERDICT = "(no verdict)"


@dataclass(frozen=True)
class VerdictChoice:
    """What the dialog returns; "" clears the verdict, the claimant or the URL (`Store.update`)."""

    verdict: str
    speaker: str
    review_url: str

    def as_update(self) -> dict[str, str]:
        return {"verdict": self.verdict, "speaker": self.speaker, "review_url": self.review_url}


class VerdictDialog(ModalScreen[VerdictChoice | None]):
    """Pick the verdict (Enter on the list moves on), type the claimant and the URL; Enter saves."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def __init__(self, annotation: Annotation, scale: Sequence[str]) -> None:
        super().__init__()
        self.annotation = annotation
        # A verdict set under an older scale stays offered, so opening the dialog never loses it.
        extra = [annotation.verdict] if annotation.verdict and annotation.verdict not in scale else []
        self.choices: list[str] = [*scale, *extra, NO_VERDICT]

    def compose(self) -> ComposeResult:
        a = self.annotation
        with Vertical(id="verdict-dialog"):
            quoted = display_safe(a.text[:240]) + ("…" if len(a.text) > 240 else "")
            yield Static(Text(f"{a.label}: {quoted}"), id="verdict-target")
            yield Label("Verdict")
            yield OptionList(*(Option(Text(c), id=str(n)) for n, c in enumerate(self.choices)), id="verdicts")
            yield Label("Claimant")
            yield Input(a.speaker or "", placeholder="who made the claim", id="claimant")
            yield Label("Review URL")
            yield Input(
                a.review_url or "", placeholder="https://… where the fact-check is published", id="url"
            )
            cancel = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"Enter picks, then saves · {cancel} cancels"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#verdicts", OptionList)
        current = self.annotation.verdict
        options.highlighted = self.choices.index(current) if current in self.choices else 0
        options.focus()

    @on(OptionList.OptionSelected, "#verdicts")
    def picked(self) -> None:
        self.query_one("#claimant", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "claimant":
            self.query_one("#url", Input).focus()
            return
        self.save()

    def save(self) -> None:
        index = self.query_one("#verdicts", OptionList).highlighted
        chosen = self.choices[index] if index is not None else NO_VERDICT
        self.dismiss(
            VerdictChoice(
                verdict="" if chosen == NO_VERDICT else chosen,
                speaker=self.query_one("#claimant", Input).value.strip(),
                review_url=self.query_one("#url", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
