"""The export dialog: pick what to export, a format and a file, and the store's own exporter writes it.

The dialog only asks and reports; the writing is the same library call `reader export` makes, run in
a thread so a large store never freezes the screen. What: this document (from the reading screen),
what the annotations screen shows (its filters), or everything; with the open suggestions or not, as
`reader export --include-suggestions`. The file goes to the user's documents (or downloads) folder by
default, shown in full before anything is written. Every format is offered; ClaimReview also asks for
the publishing organisation (kept for the session by the app) and rates on the app's verdict scale.
Enter exports from any field.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, LoadingIndicator, RadioSet, Static

from annotations.export import DIALOG_FORMATS, Format
from annotations.reasons import one_line, os_reason
from annotations.verdicts import default_verdicts
from reader import commands
from reader.services.export_folder import default_export_folder
from reader.text.corpus import Corpus
from reader.text.sanitize import display_safe
from reader.widgets.choice import Choice, ChoiceButton

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store

Select = Callable[["Annotation"], bool]
"""Which annotations an export takes (an `annotations.export.Selection`, or the screen's filter)."""


@dataclass(frozen=True)
class Scope:
    """One choice of what to export: its label in the dialog and its selection (None: everything)."""

    name: str  # "document", "shown" or "all"
    title: str
    select: Select | None = None


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


def tilde(path: Path) -> str:
    """A path under the home folder written from `~/`, as people read it (and `check_target` takes)."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):
        return str(path)


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


def scopes_under(stack: Sequence[Screen[Any]]) -> list[Scope]:
    """What the screens under the dialog show, narrowest first: the document being read, then what
    the annotations screen lists (each only when that screen is open)."""
    from annotations.export import Selection
    from reader.screens.annotations import AnnotationsScreen
    from reader.screens.reading import ReadingScreen

    scopes: dict[str, Scope] = {}
    for screen in reversed(stack):
        if isinstance(screen, AnnotationsScreen) and "shown" not in scopes:
            title = f"What the annotations screen shows: {screen.shown_summary()}"
            scopes["shown"] = Scope("shown", title, screen.shown_selection())
        if isinstance(screen, ReadingScreen) and screen.ref is not None and "document" not in scopes:
            name = " ".join((screen.entry.title or screen.entry.relpath).split())
            short = name if len(name) <= 40 else name[:39] + "…"
            select = Selection(document_ids=frozenset({screen.ref.id}))
            scopes["document"] = Scope("document", f"This document: {display_safe(short)}", select)
    return list(scopes.values())


class SubmitCheckbox(Checkbox, inherit_bindings=False):
    """A checkbox where Space ticks and Enter submits the dialog (as in every other field)."""

    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.EXPORT_OPTIONS)
    BUTTON_INNER = " "  # Textual draws X ticked or not, telling them apart by colour alone

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()
        self.refresh()

    @dataclass
    class Submitted(Message):
        checkbox: SubmitCheckbox

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))


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

    def __init__(
        self,
        store: Store,
        corpus_paths: Corpus | Sequence[Path] | None = None,
        *,
        verdicts: Sequence[str] | None = None,
        publisher: str = "",
        scopes: Sequence[Scope] = (),
        folder: Path | None = None,
    ) -> None:
        """`corpus_paths`: the corpus (or its files), where the export finds each document's title and date.

        None exports without titles and dates (the CLI's default, the bundled seeds, would be wrong here).
        `verdicts`: the scale ClaimReview rates on (default: `--verdicts`/$READER_VERDICTS, else ours);
        `publisher`: the organisation last typed, offered again. `scopes`: the narrower choices of what
        to export (this document, what the annotations screen shows), offered before "Everything"; the
        first is chosen. `folder`: where the file goes by default (the user's documents folder).
        """
        super().__init__()
        self._store = store
        self._corpus = corpus_paths if corpus_paths is not None else Corpus(Path.cwd(), ())
        self._verdicts = tuple(verdicts) if verdicts else default_verdicts()
        self.publisher = publisher  # what the publisher field holds: the app keeps it for the next export
        self._format = DIALOG_FORMATS[0]
        self._confirm: Path | None = None  # an existing file the user was asked about
        self._busy = False
        self.exported: int | None = None  # how many annotations the finished export wrote
        self.scopes: tuple[Scope, ...] = (*scopes, Scope("all", "Everything in the store"))
        self._scope = self.scopes[0]
        self.folder = folder if folder is not None else default_export_folder()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog") as dialog:
            dialog.border_title = "Export annotations"
            yield Label("What", id="export-scope-label")
            with Choice(id="export-scope"):
                for scope in self.scopes:
                    label = Text(scope.title)  # a document's title is data, never markup
                    yield ChoiceButton(label, value=scope is self._scope, id=f"scope-{scope.name}")
            yield SubmitCheckbox("Include open suggestions", id="export-suggestions")
            yield Label("Format", id="export-format-label")
            with Choice(id="export-format"):
                for fmt in DIALOG_FORMATS:
                    yield ChoiceButton(fmt.title, value=fmt is self._format, id=f"format-{fmt.name}")
            yield Label("File")
            yield Input(tilde(self.folder / default_name(self._format)), id="export-path")
            with Vertical(id="export-publisher-row"):
                yield Label("Publisher (the organisation publishing the verdicts)")
                yield Input(self.publisher, id="export-publisher", placeholder="e.g. Example Fact Check")
            yield Static(id="export-message", markup=False)
            cancel = commands.hint_key("export.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"Enter exports · {cancel} cancels"), id="export-hint")
            with Horizontal(id="export-buttons"):
                yield LoadingIndicator(id="export-spinner")
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self._say("")
        self._show_publisher()
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

    @property
    def scope(self) -> Scope:
        return self._scope

    @property
    def include_suggestions(self) -> bool:
        return self.query_one("#export-suggestions", Checkbox).value

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        name = (event.pressed.id or "").removeprefix("scope-")
        self._scope = next((s for s in self.scopes if s.name == name), self._scope)

    @on(Choice.Submitted, "#export-scope")
    def _scope_submitted(self, event: Choice.Submitted) -> None:
        if event.pressed is not None:
            name = (event.pressed.id or "").removeprefix("scope-")
            self._scope = next((s for s in self.scopes if s.name == name), self._scope)
        self.action_export()

    @on(SubmitCheckbox.Submitted)
    def _checkbox_submitted(self) -> None:
        self.action_export()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._choose(event.pressed.id)

    @on(Choice.Submitted, "#export-format")
    def _format_submitted(self, event: Choice.Submitted) -> None:
        if event.pressed is not None:
            self._choose(event.pressed.id)
        self.action_export()

    def _choose(self, button_id: str | None) -> None:
        self._format = _BY_NAME.get((button_id or "").removeprefix("format-"), self._format)
        field = self.query_one("#export-path", Input)
        field.value = with_suffix(field.value, self._format)
        self._show_publisher()

    def _show_publisher(self) -> None:
        self.query_one("#export-publisher-row").display = self._format.needs_publisher

    @on(Input.Changed, "#export-publisher")
    def _publisher_changed(self, event: Input.Changed) -> None:
        self.publisher = event.value

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        if self._confirm is not None:
            self._confirm = None
            self._say("")

    @on(Input.Submitted, "#export-path")
    @on(Input.Submitted, "#export-publisher")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        if self._busy:
            return
        if self._format.needs_publisher and not self.publisher.strip():
            self._say(f"{self._format.title} needs a publisher: type the organisation", error=True)
            self.query_one("#export-publisher", Input).focus()
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
        for widget in self.query("RadioSet, Input, Button, Checkbox"):
            widget.disabled = True
        self._say(f"Exporting to {shown(path)}…")
        self.refresh_bindings()
        self._export(path, self._format, self._options(self._format), self._scope, self.include_suggestions)

    def _options(self, fmt: Format) -> dict[str, Any]:
        """The format's own options, as `reader export` builds them from its flags."""
        if not fmt.needs_publisher:
            return {}
        return {"publisher": self.publisher.strip(), "scale": self._verdicts, "organisations": frozenset()}

    @work(thread=True, exclusive=True, group="export")
    def _export(
        self, path: Path, fmt: Format, options: Mapping[str, Any], scope: Scope, suggestions: bool
    ) -> None:
        try:
            count = write_export(
                self._store,
                fmt.name,
                path,
                self._corpus,
                options,
                select=scope.select,
                include_suggestions=suggestions,
            )
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
        for widget in self.query("RadioSet, Input, Button, Checkbox"):
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


def write_export(
    store: Store,
    fmt: str,
    path: Path,
    corpus: Corpus | Sequence[Path] | None = None,
    options: Mapping[str, Any] | None = None,
    *,
    select: Select | None = None,
    include_suggestions: bool = False,
) -> int:
    """The export `reader export --output` runs (atomic replace); returns how many annotations it wrote."""
    from reader.services.exporting import export_to_file  # loaded on first export, not at start-up

    return export_to_file(
        store, fmt, path, corpus, options=options, select=select, include_suggestions=include_suggestions
    )
