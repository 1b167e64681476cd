"""A radio set whose choice shows without colour, and whose Enter chooses and submits.

Textual's RadioButton draws the same ● on every button and tells the chosen one by colour alone: on a
monochrome terminal, or to a colour-blind reader, every format looked chosen. Here the chosen button
shows ● and the others ○. Enter in the set picks the highlighted button and posts `Choice.Submitted`,
so a dialog can treat Enter the same in every field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import RadioButton, RadioSet

from reader import commands

CHOSEN = "\u25cf"  # ●
NOT_CHOSEN = "\u25cb"  # ○


class ChoiceButton(RadioButton):
    """A radio button drawn ● when chosen and ○ when not."""

    BUTTON_INNER = NOT_CHOSEN

    def __init__(self, label: str | Text, value: bool = False, *, id: str | None = None) -> None:
        """A `str` label is markup (ours); pass a `Text` for anything from an article (a title)."""
        super().__init__(label, value, id=id)
        self.BUTTON_INNER = CHOSEN if value else NOT_CHOSEN

    def watch_value(self) -> None:
        self.BUTTON_INNER = CHOSEN if self.value else NOT_CHOSEN
        super().watch_value()
        self.refresh()


class Choice(RadioSet):
    """A RadioSet of ChoiceButtons; Enter chooses the highlighted one and submits."""

    # Only Enter is ours: the arrows move and Space chooses, as in any RadioSet.
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.EXPORT_FORMATS)

    @dataclass
    class Submitted(Message):
        choice: Choice
        pressed: RadioButton | None  # the chosen button (the set's own `pressed_button` lags a message)

        @property
        def control(self) -> Choice:
            return self.choice

    def action_submit(self) -> None:
        pressed = self.pressed_button
        if self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton):
                button.value = True  # the set then posts Changed and un-chooses the others
                pressed = button
        self.post_message(self.Submitted(self, pressed))
