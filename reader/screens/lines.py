"""Every line of the file with the pipeline's call and reason; `s` overrules the call, in the store.

The override is one quick write on the store's writer thread; the pipeline then runs again in a
worker of this screen, so tag writes queued behind the override never wait for an analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader import commands
from reader.app import ReaderApp
from reader.text.pipeline import Analysis
from reader.text.sanitize import display_safe
from reader.widgets.key_bar import KeyBar
from reader.widgets.status import StatusLine

if TYPE_CHECKING:
    from annotations.model import DocumentRef
    from reader.text.document import Document

SHOWN = 300  # characters of a line shown; a 1 MB line is still one option


def line_prompt(text: str, kept: bool, reason: str) -> Text:
    shown = display_safe(text[:SHOWN]).replace("\t", " ")
    if len(text) > SHOWN:
        shown += "…"
    prompt = Text()
    prompt.append("+ " if kept else "- ", style="bold" if kept else "dim")
    prompt.append(shown, style="" if kept else "dim")
    prompt.append(f"\n    {'kept' if kept else 'stripped'}: {reason}", style="italic dim")
    return prompt


@dataclass
class Reanalysed(Message):
    """The pipeline's new calls, after the overrides `flips` flips had made."""

    analysis: Analysis
    flips: int


class LinesScreen(Screen[bool]):
    """Dismissed with True when a line was flipped, so the reading screen re-analyses."""

    CSS_PATH = "reading.tcss"

    BINDINGS = commands.bindings(commands.LINES)
    COMMAND_SET = commands.LINES
    AUTO_FOCUS = "#lines"

    def __init__(self, analysis: Analysis, ref: DocumentRef) -> None:
        super().__init__()
        self.analysis = analysis
        self.ref = ref
        self.changed = False
        # The store's overrides as of the last flip: fresher than `analysis` while it is recomputed.
        self._overrides: dict[str, bool] = {}
        self._flips = 0

    reader = getters.app(ReaderApp)

    def compose(self) -> ComposeResult:
        yield Static(
            Text("Lines of the file: stripped ones dimmed, each with its reason. s flips a line."),
            id="lines-heading",
        )
        yield OptionList(id="lines")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        options = OptionList
        lines = self.query_one("#lines", options)
        highlighted = lines.highlighted
        lines.set_options(
            Option(line_prompt(line.text, line.kept, line.reason), id=str(n))
            for n, line in enumerate(self.analysis.lines)
        )
        if highlighted is not None and self.analysis.lines:
            lines.highlighted = min(highlighted, len(self.analysis.lines) - 1)
        elif self.analysis.lines:
            # Start on the first stripped line: the ones a reader comes here to check.
            stripped = (n for n, line in enumerate(self.analysis.lines) if not line.kept)
            lines.highlighted = next(stripped, 0)
        kept = sum(line.kept for line in self.analysis.lines)
        self.query_one(StatusLine).show(
            f"{kept} kept of {len(self.analysis.lines)} lines", f"{len(self.analysis.sentences)} sentences"
        )

    def action_move(self, step: int) -> None:
        """j and k, as in every list."""
        lines = self.query_one("#lines", OptionList)
        if step > 0:
            lines.action_cursor_down()
        else:
            lines.action_cursor_up()

    async def action_flip(self) -> None:
        index = self.query_one("#lines", OptionList).highlighted
        if index is None or not 0 <= index < len(self.analysis.lines):
            return
        line = self.analysis.lines[index]
        store = self.reader.store
        ref = self.ref
        kept = self._overrides.get(line.text, line.kept)

        def flip_then_read() -> dict[str, bool]:
            store.set_line_override(ref, line.text, not kept)
            return store.line_overrides(ref.id)

        try:
            self._overrides = await self.reader.write(flip_then_read)
        except Exception as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False, timeout=8)
            return
        self.changed = True
        self._flips += 1
        self._analyse(self.analysis.document, self._overrides, self._flips)

    @work(thread=True, exclusive=True, group="lines-analyse", exit_on_error=False, name="analysis")
    def _analyse(self, document: Document, overrides: dict[str, bool], flips: int) -> None:
        """The whole pipeline again, off the writer thread: a 1 MB article takes a second or more."""
        analysis = self.reader.catalog.analyse(document, overrides)
        self.post_message(Reanalysed(analysis, flips))

    def on_reanalysed(self, message: Reanalysed) -> None:
        if message.flips != self._flips:
            return  # another flip came since: its analysis follows
        self.analysis = message.analysis
        self._fill()

    def action_back(self) -> None:
        self.dismiss(self.changed)
