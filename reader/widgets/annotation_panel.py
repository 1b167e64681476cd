"""The reading screen's side panel: the article's annotations, one option each, in store order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader import commands
from reader.text.sanitize import snippet
from reader.widgets.article_view import mark_for

if TYPE_CHECKING:
    from annotations.model import Annotation


class AnnotationPanel(OptionList):
    """The article's annotations; j/k move in the list (not the article behind it) like everywhere else.

    An option's id is the annotation's index in the list shown, so a choice maps back to it.
    """

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.PANEL)

    @dataclass
    class Chosen(Message):
        """The user picked an annotation: the reading screen moves its cursor there."""

        annotation: Annotation

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Sequence[Annotation] = ()

    def toggle(
        self, annotations: Sequence[Annotation], who: Callable[[Annotation], str] | None = None
    ) -> bool:
        """Open (filled, focused) or close the panel; True when it is open now."""
        self.display = not self.display
        if self.display:
            self.show(annotations, who=who)
            self.focus()
        return bool(self.display)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int(event.option.id or 0)
        if 0 <= index < len(self._shown):
            self.post_message(self.Chosen(self._shown[index]))

    def show(self, annotations: Sequence[Annotation], who: Callable[[Annotation], str] | None = None) -> None:
        """Fill the list; built only while the panel is open (a long article has thousands of tags).

        `who` names the annotator of each (review mode), else nobody is named."""
        self._shown = annotations
        options = []
        for n, annotation in enumerate(annotations):
            prompt = Text()
            prompt.append(mark_for(annotation.label), style="bold")
            prompt.append(" ! " if annotation.orphan else "   ")
            name = who(annotation) if who is not None else ""
            if name:
                prompt.append(f"{snippet(name, 24)}: ", style="italic")
            if annotation.verdict:
                prompt.append(f"[{snippet(annotation.verdict, 20)}] ", style="bold")
            prompt.append(snippet(annotation.text, 80))
            if annotation.speaker:
                prompt.append(f" — {snippet(annotation.speaker, 30)}", style="italic")
            if annotation.note:
                prompt.append(f"\n    {snippet(annotation.note, 80)}", style="dim")
            options.append(Option(prompt, id=str(n)))
        self.set_options(options)
        if options and self.highlighted is None:
            self.highlighted = 0  # so Enter right after tab jumps
