"""The export dialog: pick a format and a file, and the store's own exporter writes it.

The dialog only asks and reports; the writing is the same library call `reader export` makes, run in
a thread so a large store never freezes the screen.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, LoadingIndicator, RadioButton, RadioSet, Static

from annotations.export import DIALOG_FORMATS, Format
from annotations.reasons import one_line, os_reason
from reader import commands
from reader.text.corpus import Corpus
from reader.text.sanitize import display_safe

if TYPE_CHECKING:
    from annotations.store import Store


_BY_NAME = {f.name: f for f in DIALOG_FORMATS}
_SUFFIXES = {f.suffix for f in DIALOG_FORMATS} | {".json"}


def default_name(fmt: Format, today: date | None = None) -> str:
    """`annotations-YYYYMMDD.<ext>`, in the current folder."""
    return f"annotations-{(today or date.today()):%Y%m%d}{fmt.suffix}"


def with_suffix(typed: str, fmt: Format) -> str:
    """The typed path with its extension following the format, unless the user chose another one."""
    path = Path(typed)
    if (
        not typed.strip()
        or typed.endswith(("/", os.sep))
        or path.name in ("", ".", "..")
        or path.name.startswith(".")
    ):
        return typed  # nothing to name yet, a folder, or a hidden file: leave it as typed
    if path.suffix.lower() in _SUFFIXES or not path.suffix:
        return str(path.with_suffix(fmt.suffix))
    return typed


def shown(path: Path | str) -> str:
    """A path as one harmless line: control characters, newlines included, become visible symbols."""
    return display_safe(str(path)).replace("\n", "\u240a").replace("\r", "\u240d").replace("\t", "\u2409")


def check_target(typed: str, *, writes_folder: bool = False) -> Path:
    """The file to write, or ValueError with a one-line reason; an existing file is not an error here.

    `writes_folder`: the format writes a folder (brat), which must be new or empty."""
    if not typed.strip():
        raise ValueError("type the name of the file to write")
    if "\x00" in typed:
        raise ValueError("a file name cannot hold a NUL character")
    raw = typed.strip()
    expanded = os.path.expanduser(raw)
    if expanded.startswith("~"):
        raise ValueError(f"no home folder for {shown(raw.split(os.sep)[0])}")
    path = Path(expanded)
    if not path.is_absolute():
        path = Path.cwd() / path
    try:
        if writes_folder and path.is_dir() and any(path.iterdir()):
            raise ValueError(f"{shown(path)} has files in it: type a new or empty folder")
        if writes_folder and path.exists() and not path.is_dir():
            raise ValueError(f"{shown(path)} is a file: this format writes a folder")
        if not writes_folder and path.is_dir():
            raise ValueError(f"{shown(path)} is a folder: type a file name")
        folder = path.parent
        if not folder.is_dir():
            raise ValueError(f"no such folder: {shown(folder)}")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ValueError(f"cannot write in {shown(folder)}: permission denied")
        if path.exists() and not os.access(path, os.W_OK):
            raise ValueError(f"cannot overwrite {shown(path)}: permission denied")
    except OSError as exc:  # a name too long for the file system, a loop of links…
        raise ValueError(f"cannot use {shown(path)}: {os_reason(exc)}") from None
    return path


@dataclass
class ExportDone(Message):
    path: Path
    count: int


@dataclass
class ExportFailed(Message):
    error: str


@dataclass
class StoreCounted(Message):
    annotations: int
    documents: int
    orphans: int


class ExportDialog(ModalScreen[Path | None]):
    """Dismissed with the written file, or None when cancelled."""

    CSS_PATH = "export.tcss"
    AUTO_FOCUS = "#export-path"

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.EXPORT)

    def __init__(self, store: Store, corpus_paths: Corpus | Sequence[Path] | None = None) -> None:
        """`corpus_paths`: the corpus (or its files), where the export finds each document's title and date.

        None exports without titles and dates (the CLI's default, the bundled seeds, would be wrong here).
        """
        super().__init__()
        self._store = store
        self._corpus = corpus_paths if corpus_paths is not None else Corpus(Path.cwd(), ())
        self._format = DIALOG_FORMATS[0]
        self._confirm: Path | None = None  # an existing file the user was asked about
        self._busy = False
        self.exported: int | None = None  # how many annotations the finished export wrote

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export annotations"
            yield Label("Format", id="export-format-label")
            with RadioSet(id="export-format"):
                for fmt in DIALOG_FORMATS:
                    yield RadioButton(fmt.title, value=fmt is self._format, id=f"format-{fmt.name}")
            yield Label("File")
            yield Input(default_name(self._format), id="export-path")
            yield Static(id="export-message", markup=False)
            cancel = commands.hint_key("export.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"Enter exports · {cancel} cancels"), id="export-hint")
            with Horizontal(id="export-buttons"):
                yield LoadingIndicator(id="export-spinner")
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._say("")
        self._count()

    @work(thread=True, exclusive=True, group="export-count")
    def _count(self) -> None:
        """What an export will hold, from the store's cheap summary, so an empty store is no surprise."""
        try:
            summary = self._store.summary()
        except Exception:  # the export itself will report it
            return
        self.post_message(
            StoreCounted(
                sum(s.annotations for s in summary.values()),
                sum(1 for s in summary.values() if s.annotations),
                sum(s.orphans for s in summary.values()),
            )
        )

    def on_store_counted(self, message: StoreCounted) -> None:
        if self._busy or self._confirm is not None:
            return
        if not message.annotations:
            self._say("The store holds no annotations yet: the file will list none.")
            return
        documents = f"{message.documents} document{'' if message.documents == 1 else 's'}"
        line = f"{message.annotations} annotation{'' if message.annotations == 1 else 's'} in {documents}"
        if message.orphans:
            line += f" ({message.orphans} orphaned, exported apart)"
        self._say(line)

    # What the user does

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        name = (event.pressed.id or "").removeprefix("format-")
        self._format = _BY_NAME.get(name, self._format)
        field = self.query_one("#export-path", Input)
        field.value = with_suffix(field.value, self._format)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        if self._confirm is not None:
            self._confirm = None
            self._say("")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        if self._busy:
            return
        try:
            writes_folder = self._format.target == "folder"
            path = check_target(self.query_one("#export-path", Input).value, writes_folder=writes_folder)
        except ValueError as exc:
            self._say(str(exc), error=True)
            return
        if path.exists() and not path.is_dir() and path != self._confirm:
            self._confirm = path
            self._say(f"{shown(path.name)} exists: Enter again (or Overwrite) replaces it", error=True)
            self.query_one("#export-go", Button).label = "Overwrite"
            return
        self._start(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if not self._busy:
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to cancel or start while the file is being written: it is written whole or not at all.
        return not (action in ("export", "cancel") and self._busy)

    # The work

    def _start(self, path: Path) -> None:
        self._busy = True
        self.set_class(True, "-running")
        for widget in self.query("RadioSet, Input, Button"):
            widget.disabled = True
        self._say(f"Exporting to {shown(path)}…")
        self.refresh_bindings()
        self._export(path, self._format)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, fmt: Format) -> None:
        try:
            count = write_export(self._store, fmt.name, path, self._corpus)
        except OSError as exc:
            self.post_message(ExportFailed(f"cannot write {shown(path)}: {os_reason(exc)}"))
        except Exception as exc:  # the exporter's errors are one line; show any other the same way
            self.post_message(ExportFailed(shown(one_line(exc))))
        else:
            self.post_message(ExportDone(path, count))

    def on_export_done(self, message: ExportDone) -> None:
        self.exported = message.count
        self.dismiss(message.path)

    def on_export_failed(self, message: ExportFailed) -> None:
        self._busy = False
        self._confirm = None
        self.set_class(False, "-running")
        for widget in self.query("RadioSet, Input, Button"):
            widget.disabled = False
        self.query_one("#export-go", Button).label = "Export"
        self.query_one("#export-path", Input).focus()  # disabling took the focus away
        self._say(message.error, error=True)
        self.refresh_bindings()

    def _say(self, line: str, *, error: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.update(Text(shown(line), no_wrap=True, overflow="ellipsis"))
        message.set_class(error, "-error")
        if not error:
            self.query_one("#export-go", Button).label = "Export"


def write_export(store: Store, fmt: str, path: Path, corpus: Corpus | Sequence[Path] | None = None) -> int:
    """The export `reader export --output` runs (atomic replace); returns how many annotations it wrote."""
    from reader.services.exporting import export_to_file  # loaded on first export, not at start-up

    return export_to_file(store, fmt, path, corpus)
