"""The Textual app: it owns the corpus, the store and the one thread that writes to the store.

Everything else lives in screens and widgets. Build it with `ReaderApp(corpus, store)`; tests and
the benchmark do so on files in a temporary folder:

    app = ReaderApp(discover([folder]), Store.open(tmp / "store"), cache_dir=tmp / "cache")
    async with app.run_test(size=(100, 30)) as pilot: ...
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App, SystemCommand
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from annotations.verdicts import default_verdicts
from reader import commands
from reader.services.agreement_warmup import AgreementWarmup, store_state, worth_counting
from reader.services.catalog import Catalog
from reader.services.ui_state import UiState, default_state_dir
from reader.text.corpus import Corpus

if TYPE_CHECKING:
    from annotations.store import Store
    from reader.screens.export import ExportDialog
    from reader.screens.sync import SyncFinished, SyncStep, TeamSync
    from reader.services.jump import JumpTarget

T = TypeVar("T")


@dataclass
class StoreBusy(Message):
    """A store write waits for another process (`Store.on_wait`), posted from the writer thread."""

    text: str


class ReaderApp(App[int]):
    """Read saved articles and tag their sentences."""

    CSS_PATH = "app.tcss"
    TITLE = "reader"
    BINDINGS = commands.bindings(commands.GLOBAL)

    def __init__(
        self,
        corpus: Corpus,
        store: Store,
        *,
        cache_dir: Path | None = None,
        catalog: Catalog | None = None,
        keymap: Mapping[str, str] | None = None,
        verdicts: Sequence[str] | None = None,
        state_dir: Path | None = None,
        curator: str = "gold",
    ) -> None:
        """`corpus` from `reader.text.corpus.discover`, `store` from `Store.open`; the app closes neither.

        `state_dir` keeps where the user was (`reader.services.ui_state`); by default the per-user state
        folder, or `cache_dir/state` when only a cache folder is given (tests: one temporary folder).

        `keymap` (binding id -> keys) replaces the user's (config file and $READER_KEYMAP) when given;
        `verdicts` is the claim verdict scale, best first (default: `--verdicts`/$READER_VERDICTS).
        """
        super().__init__()
        self.curator = curator  # the annotator name curation writes the gold layer as (`--curator`)
        self.verdicts: tuple[str, ...] = tuple(verdicts) if verdicts else default_verdicts()
        self.publisher = ""  # the ClaimReview publisher last typed in the export dialog
        self.corpus = corpus
        self.store = store
        problems: tuple[str, ...] = ()
        if keymap is None:
            keymap, problems = commands.user_keymap()
        self.keymap: dict[str, str] = dict(keymap)
        """The keys the user remapped; messages that name a key read it (`commands.key_of`)."""
        self._keymap_problems = problems
        self.catalog = catalog or Catalog(corpus, cache_dir=cache_dir, overrides=store.line_overrides)
        if state_dir is None:
            state_dir = cache_dir / "state" if cache_dir is not None else default_state_dir()
        self.ui_state = UiState(state_dir)
        # Every store write goes through this one thread, so writes land in the order they were asked.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-writer")
        self._pending_writes = 0
        self._team_sync: TeamSync | None = None
        self.agreement_warmup = AgreementWarmup(store.location, corpus.root, self.catalog.cache_dir)

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        # Called on the writer thread when a write waits for another process: say who, at once.
        self.store.on_wait = self._store_busy
        for problem in self._keymap_problems:
            self.notify(problem, title="Keymap", severity="warning", markup=False, timeout=10)
        if getattr(self.store, "migrated", None):  # said once: the next open finds format 2
            self.notify(str(self.store.migrated), title="Store", markup=False, timeout=15)

    def get_default_screen(self) -> Screen:
        # The library is the bottom screen: nothing else is composed or painted before it. Imported
        # here because the screens import this module (their `reader` property names ReaderApp).
        from reader.screens.library import LibraryScreen

        return LibraryScreen()

    # -- the store ---------------------------------------------------------------------------------

    def _store_busy(self, text: str) -> None:
        self.post_message(StoreBusy(text))  # thread-safe; call_from_thread could hang at exit

    def on_store_busy(self, message: StoreBusy) -> None:
        text = message.text[0].upper() + message.text[1:]
        self.notify(f"{text}. Your change is saved when it is free.", severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.store.on_wait = None
        self.agreement_warmup.stop()
        # The writer thread finishes what is queued, then ends: an app run in a test (or a second run in
        # one process) leaves no idle thread behind. `close_writer` still waits for those writes.
        self._writer.shutdown(wait=False)

    def _submit(self, call: Callable[[], T]) -> Future[T]:
        try:
            return self._writer.submit(call)
        except RuntimeError:  # the app is closing (writer shut down): after what was queued, here
            self._writer.shutdown(wait=True)
            done: Future[T] = Future()
            try:
                done.set_result(call())
            except BaseException as exc:
                done.set_exception(exc)
            return done

    async def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call on the writer thread; the result comes back once it is durable."""
        self._pending_writes += 1
        try:
            return await asyncio.wrap_future(self._submit(partial(fn, *args, **kwargs)))
        finally:
            self._pending_writes -= 1

    def write_from_thread(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """The same, from a worker thread (blocks that thread, never the UI)."""
        return self._submit(partial(fn, *args, **kwargs)).result()

    @property
    def writes_pending(self) -> bool:
        return self._pending_writes > 0

    def close_writer(self) -> None:
        """Wait for every queued write to reach the disk (call after `run()` returns)."""
        self._writer.shutdown(wait=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """One place for worker failures: a one-line notice, never a traceback over the screen."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            message = " ".join(str(error).split()) or type(error).__name__
            self.notify(f"{event.worker.name}: {message[:300]}", severity="error", markup=False, timeout=8)

    # -- commands that work everywhere ------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own, then every command that can run now, in the order of `commands.SCOPES`.

        A keyed command is offered when its binding is active (on the screen, the focused widget or
        the app); a palette-only one when its scope is the app's or the screen's `COMMAND_SET`.
        """
        yield from super().get_system_commands(screen)
        active = {
            binding.id: node
            for node, binding, enabled, _ in screen.active_bindings.values()
            if enabled and binding.id
        }
        unkeyed = (*commands.GLOBAL, *getattr(screen, "COMMAND_SET", ()))
        for command in commands.every_command():
            if command.id == "quit":
                continue
            if command.keys:
                node = active.get(command.id)
                if node is None:
                    continue
            elif command in unkeyed:
                node = self if command in commands.GLOBAL else screen
                name, _, _ = command.action.partition("(")
                if not node.check_action(name, ()):  # hidden or disabled now
                    continue
            else:
                continue
            keys = commands.display_keys(command, self.keymap) if command.keys else ""
            help_text = f"{command.help} ({keys})" if keys else command.help
            yield SystemCommand(command.title, help_text, partial(self.run_action, command.action, node))

    async def action_quit(self) -> None:
        """Where the user was is kept before the screens close (the library also looks every second)."""
        from reader.screens.library import LibraryScreen

        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.remember_position()
        await super().action_quit()

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_annotations(self) -> None:
        try:
            from reader.screens.annotations import AnnotationsScreen
        except ImportError:
            self.notify("The annotations screen is not available in this build.", severity="warning")
            return
        if not isinstance(self.screen, AnnotationsScreen):
            entries = self.catalog.entries
            titles = {e.document_id: e.title for e in entries if e.document_id and e.title}
            files = {e.relpath: Path(e.path) for e in entries}
            self.push_screen(AnnotationsScreen(self.store, titles, files=files), self.open_target)

    def action_progress(self) -> None:
        from reader.screens.progress import ProgressScreen
        from reader.screens.reading import ReadingScreen

        if isinstance(self.screen, ProgressScreen):
            return
        reading = next((s for s in reversed(self.screen_stack) if isinstance(s, ReadingScreen)), None)
        current = reading.ref.id if reading is not None and reading.ref is not None else None
        entries = self.catalog.entries
        self.push_screen(ProgressScreen(self.store, entries, self.corpus.files, document_id=current))

    def action_goto_document(self) -> None:
        from reader.screens.goto import GoToDocument
        from reader.screens.library import LibraryScreen

        library = next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)
        entries = library.entries.values() if library is not None else self.catalog.entries
        if not isinstance(self.screen, GoToDocument):
            self.push_screen(GoToDocument(entries), self._go_to)

    def _go_to(self, path: str | None) -> None:
        from reader.screens.library import LibraryScreen

        library = next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)
        if path is not None and library is not None:
            library.go_to(path)

    def action_agreement(self) -> None:
        from reader.screens.agreement import AgreementScreen

        if not isinstance(self.screen, AgreementScreen):
            self.push_screen(AgreementScreen())

    def action_curate(self) -> None:
        """The palette's "Curate this document": curation mode in the reading screen."""
        curation = getattr(self.screen, "curation", None)
        if curation is None:
            self.notify("Open a document first.", markup=False)
        elif not curation.on:
            curation.start()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "curate":  # the document open in the reading screen
            return type(self.screen).__name__ == "ReadingScreen"
        return True

    def action_export(self) -> None:
        try:
            from reader.screens.export import ExportDialog, scopes_under
        except ImportError:
            self.notify("Export is not available in this build.", severity="warning")
            return
        dialog = ExportDialog(
            self.store,
            self.corpus,
            verdicts=self.verdicts,
            publisher=self.publisher,
            scopes=scopes_under(self.screen_stack),
        )
        self.push_screen(dialog, lambda path: self._exported(dialog, path))

    def start_agreement_count(self) -> None:
        """Start bringing the agreement cache up to date while the library's scan checks the files
        (call from its thread, when the catalog's cache knew every file: otherwise the child would
        analyse them beside the scan). Whether two annotators finished a document is the child's to
        find out: reading the store's summary here first held the start back by 0.4 s. Its figures are
        taken by `warm_agreement` once the library has listed, when they were counted on the entries
        it listed."""
        state = store_state(self.store.location, self.store.labels)
        self.agreement_warmup.begin(None, len(self.catalog.corpus.paths), state=state)

    def warm_agreement(self, summary: Mapping[str, Any] | None = None) -> None:
        """Bring the agreement cache up to date in a low-priority child process, so the agreement
        screen opens with its figures (after the library is listed, and after a sync); or take what
        the child `start_agreement_count` started counted."""

        def refresh() -> None:
            known = summary if summary is not None else self.store.summary()
            state = store_state(self.store.location, self.store.labels)
            listed = self.catalog.entries
            if not worth_counting(known, len(listed)):
                return  # a small corpus or no two finishers: the screen counts for itself
            entries = sorted(listed, key=lambda e: e.relpath)
            self.agreement_warmup.refresh(known, len(entries), state=state)
            self.agreement_warmup.wait()  # one started before, or by the agreement screen: sum after it
            self.agreement_warmup.remember(self.store, entries)  # the screen shows them at once

        self.run_worker(
            refresh, name="agreement cache", group="agreement-warmup", thread=True, exit_on_error=False
        )

    # -- the team ----------------------------------------------------------------------------------

    def action_sync(self) -> None:
        """`reader sync` in a worker (reader/screens/sync.py); the screens refresh with what arrived."""
        from reader.screens.sync import TeamSync

        if self._team_sync is None:
            self._team_sync = TeamSync(self)
        self._team_sync.start()

    def on_sync_step(self, message: SyncStep) -> None:
        if self._team_sync is not None:
            self._team_sync.step(message)

    def on_sync_finished(self, message: SyncFinished) -> None:
        if self._team_sync is not None:
            self._team_sync.finished(message)

    def _exported(self, dialog: ExportDialog, path: Path | None) -> None:
        self.publisher = dialog.publisher  # offered again by the next export, for this session
        if path is not None:
            self.notify(f"Exported to {path}", markup=False)

    def open_target(self, target: JumpTarget | None) -> None:
        """Open a document (by id, else by path) at the sentence holding `target.start`."""
        if target is None:
            return
        from reader.screens.library import LibraryScreen

        library = next((s for s in self.screen_stack if isinstance(s, LibraryScreen)), None)
        if library is not None:
            library.open_target(target)
