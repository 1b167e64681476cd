"""The palette's "Sync": `reader sync` in a worker, its steps in a small dialog, the result as a notice.

The sync belongs to the app, not to the dialog: Escape hides the dialog and the sync goes on (the
reading screen stays usable; a tag made meanwhile waits for the store's lock a moment, or goes out
with the next sync). When it ends, every open screen is told (`StoreArrived`), so the open document
and the library show what came in at once, without waiting for their next look at the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static

from reader import commands

if TYPE_CHECKING:
    from reader.app import ReaderApp


@dataclass
class SyncStep(Message):
    """What the sync is doing now ("fetching"); posted from the worker thread."""

    text: str


@dataclass
class SyncFinished(Message):
    line: str
    ok: bool


class StoreArrived(Message):
    """Changes reached the store from outside (a sync): screens read what they show again."""


class SyncDialog(ModalScreen[None]):
    """The steps of the running sync; Escape hides it (the sync goes on)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = commands.bindings(commands.DIALOG)

    def compose(self) -> ComposeResult:
        with Vertical(id="sync-dialog"):
            yield Static(Text("Syncing with the team's remote"), id="sync-title")
            yield LoadingIndicator()
            yield Static(Text("starting"), id="sync-step")
            hide = commands.hint_key("dialog.cancel", getattr(self.app, "keymap", None))
            yield Static(Text(f"{hide} hides this; the sync goes on"), classes="hint")

    def step(self, text: str) -> None:
        self.query_one("#sync-step", Static).update(Text(text + "…"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class TeamSync:
    """The app's sync: at most one at a time."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self.running = False
        self.dialog: SyncDialog | None = None

    def start(self) -> None:
        if self.running:
            if self.dialog is None or not self.dialog.is_attached:
                self._show()
            return
        self.running = True
        self._show()
        self.app.run_worker(self._run, thread=True, group="sync", name="Sync", exit_on_error=False)

    def _show(self) -> None:
        self.dialog = SyncDialog()
        self.app.push_screen(self.dialog)

    def _run(self) -> None:
        from annotations.storage import StoreError
        from annotations.sync import SyncError, sync

        app = self.app

        def step(text: str) -> None:
            app.post_message(SyncStep(text))

        try:
            report = sync(app.store, None, step)
        except (SyncError, StoreError) as exc:
            app.post_message(SyncFinished(str(exc), ok=False))
        except Exception as exc:  # one line, never a traceback over the screen
            from annotations.reasons import one_line

            app.post_message(SyncFinished(f"sync failed: {one_line(exc)}", ok=False))
        else:
            app.post_message(SyncFinished(report.line(), ok=True))

    def step(self, message: SyncStep) -> None:
        if self.dialog is not None and self.dialog.is_attached:
            self.dialog.step(message.text)

    def finished(self, message: SyncFinished) -> None:
        self.running = False
        if self.dialog is not None and self.dialog.is_attached and self.app.screen is self.dialog:
            self.dialog.dismiss(None)
        self.dialog = None
        self.app.notify(
            message.line,
            title="Sync" if message.ok else "Sync failed",
            severity="information" if message.ok else "error",
            markup=False,
            timeout=10,
        )
        for screen in self.app.screen_stack:
            screen.post_message(StoreArrived())
        if message.ok:
            self.app.warm_agreement()  # others' tags and finished marks: the agreement to recount
