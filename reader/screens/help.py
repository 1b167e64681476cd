"""The keys of every screen (from `reader.commands`) and the labelling guidelines."""

from __future__ import annotations

from importlib import resources
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from reader import commands
from reader.widgets.article_view import MARKS


def key_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("keys", style="bold", no_wrap=True, width=14)
    table.add_column("what", ratio=1)
    for scope, group in commands.SCOPES:
        table.add_row(Text(""), Text(""))
        table.add_row(Text(scope, style="bold underline"), Text(""))
        for command in group:
            keys = commands.display_keys(command) if command.keys else "palette"
            table.add_row(Text(keys), Text(command.help))
    return table


def guidelines() -> str | None:
    """`reader/guidelines.md`, shipped in the package, when present."""
    try:
        return resources.files("reader").joinpath("guidelines.md").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close")
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            legend = Text("Labels: ")
            for label, mark in MARKS.items():
                legend.append(f" {mark} ", style="reverse")
                legend.append(f" {label}  ")
            yield Static(Text("Keys (ctrl+p: command palette)", style="bold"), id="help-title")
            yield Static(legend, id="legend")
            yield Static(key_table(), id="keys")
            text = guidelines()
            if text:
                yield Markdown(text, id="guidelines")
            else:
                yield Static(Text("(The labelling guidelines are not installed.)", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
