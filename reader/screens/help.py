"""The keys of every screen (from `reader.commands`) and the labelling guidelines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from annotations.model import DEFAULT_LABELS
from reader import commands
from reader.widgets.article_view import mark_for


def key_table(keymap: Mapping[str, str] | None = None) -> Table:
    """Every scope's keys (after the user's `keymap`) and what they do."""
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("keys", style="bold", no_wrap=True, width=14)
    table.add_column("what", ratio=1)
    for scope, group in commands.SCOPES:
        table.add_row(Text(""), Text(""))
        table.add_row(Text(scope, style="bold underline"), Text(""))
        for command in group:
            keys = commands.display_keys(command, keymap) if command.keys else "palette"
            table.add_row(Text(keys), Text(command.help))
    return table


def legend(labels: Sequence[str], keymap: Mapping[str, str] | None = None) -> Text:
    """The label set as the gutter marks it, each with the key that tags it: ` C  claim (c)`."""
    text = Text("Labels: ")
    for label, key in zip(labels, commands.label_keys(labels, keymap), strict=False):
        text.append(f" {mark_for(label)} ", style="reverse")
        text.append(f" {label} ({key})  ")
    return text


def guidelines() -> str | None:
    """`reader/guidelines.md`, shipped in the package, when present."""
    try:
        return resources.files("reader").joinpath("guidelines.md").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            store = getattr(self.app, "store", None)
            keymap = getattr(self.app, "keymap", None)
            close = commands.or_list(commands.display_keys(commands.HELP[0], keymap).split())
            title = f"Keys ({close} closes this help; ctrl+p: command palette)"
            yield Static(Text(title, style="bold"), id="help-title")
            yield Static(legend(store.labels if store else DEFAULT_LABELS, keymap), id="legend")
            yield Static(key_table(keymap), id="keys")
            text = guidelines()
            if text:
                yield Markdown(text, id="guidelines")
            else:
                yield Static(Text("(The labelling guidelines are not installed.)", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
