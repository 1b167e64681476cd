"""Keeping the agreement cache warm, so the agreement screen opens with its figures on a big store.

A first count of 30,000 documents takes seconds even from the store's index; summing the per-document
cache (`.local/agreement/`) takes about one. So on a big corpus, as soon as the library's first rows
are painted when its catalog knew every file (the scan then only checks them), again when it has
finished listing, and after a sync, the app runs `reader agree` in a child process at low priority
(nice 10): it counts only what changed since the cache was written, hands the app its figures as
soon as they are known (a pickle in a file the app made under the store's `.local/agreement/`, then a
line on stdout), then leaves the cache current. The app keeps them when the child counted the app's
own corpus (`corpus_key`, checked when the library has listed) and nothing changed in the store while
it counted (`store_state`), and sums from the cache otherwise.
If the child is still running when the screen opens, the screen waits for it rather than count the
same documents twice. No Textual: the app runs `refresh` in a thread worker, or `begin` from the
library's scan thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.store.index import writes_pending
from annotations.store.layout import Layout

if TYPE_CHECKING:  # the counting modules are imported when first needed: not on the app's start
    from annotations.store import Store
    from reader.services.agreement import Outcome
    from reader.services.entries import Entry

FILL_FROM = 2000  # documents: on fewer, the agreement screen counts an empty cache in its own thread

NICE = 10
# The child lowers its own priority to `nice` (not by it: an app already at nice 10 gives nice 10, not
# 20), then runs the CLI: no preexec_fn (unsafe beside the app's threads) and no `nice` program needed.
_CHILD = (
    "import os, runpy, sys; os.nice(max(0, {nice} - os.nice(0))); sys.argv = ['reader', *sys.argv[1:]]; "
    "runpy.run_module('reader', run_name='__main__', alter_sys=True)"
)


def big_enough(documents: int) -> bool:
    """A corpus on which the screen's own count would take seconds."""
    return documents >= FILL_FROM


def two_finished(summary: Mapping[str, Any]) -> bool:
    """The store's summary has a document two or more annotators finished: something to count."""
    return any(len(s.finished) >= 2 for s in summary.values())


def worth_counting(summary: Mapping[str, Any], documents: int) -> bool:
    """A big corpus (`big_enough`) whose store has a document two or more annotators finished
    (otherwise there is nothing to count)."""
    return big_enough(documents) and two_finished(summary)


def index_mtime(location: Path) -> int | None:
    """The store's local index folder's mtime (it moves with every index entry written), or None."""
    try:
        return os.stat(Layout(location).index_dir).st_mtime_ns
    except OSError:
        return None


def cache_is_current(location: Path) -> bool:
    """Written after the store's index last changed (or the index found with nothing to count as it
    stands: `nothing_to_count`), with no write waiting to reach the index: nothing to count. The index
    folder's mtime moves with every entry written (a sync, an import, another process); a tag appends
    to its file at once and updates its entry later, leaving a marker in `.local/dirty/` meanwhile."""
    from reader.services.agreement_cache import PART_SUFFIX, nothing_to_count, stats_dir

    local = Layout(location).local
    index = index_mtime(location)
    try:
        if index is None or writes_pending(local):
            return False
        if nothing_to_count(location, index):
            return True
        with os.scandir(stats_dir(location)) as found:
            newest = max((e.stat().st_mtime_ns for e in found if e.name.endswith(PART_SUFFIX)), default=None)
    except OSError:
        return False
    return newest is not None and newest > index


def store_state(location: Path, labels: Sequence[str]) -> tuple[Any, ...]:
    """The store's part of `state_key`: its index (its folder's mtime, and whether a write waits to
    reach it) and the labels. What a child's figures are kept under: the corpus it counted is checked
    apart, and more strictly (`corpus_key`)."""
    try:
        pending = writes_pending(Layout(location).local)
    except OSError:
        pending = False
    return (index_mtime(location), pending, tuple(labels))


def state_key(location: Path, entries: Sequence[Entry], labels: Sequence[str]) -> tuple[Any, ...]:
    """What the figures depend on, cheaply: the store (`store_state`) and the corpus's documents.
    Equal keys, equal figures."""
    return (*store_state(location, labels), len(entries), sum(e.mtime_ns for e in entries))


HANDOFF_PREFIX = "handoff-"
HANDOFF_AGE = 3600  # seconds: a hand-off file (or a cache part's temporary file) this old was left by
# a process killed meanwhile


def corpus_key(entries: Sequence[Entry]) -> str:
    """Which documents the figures were counted on, as the app and the child each listed them: a child
    run on the app's corpus folder also counts files the app was not given, or a file edited since the
    app listed it; then the keys differ and the app sums its own entries instead."""
    digest = hashlib.blake2b(digest_size=16)
    for e in entries:
        digest.update(
            f"{e.relpath}\0{e.mtime_ns}\0{e.size}\0{e.document_id}\0{e.scanned}\0{bool(e.error)}\n".encode()
        )
    return digest.hexdigest()


READY = "figures ready\n"  # the child's line on stdout once `save_outcome` wrote its figures


def save_outcome(file: str, outcome: Outcome, corpus: str) -> bool:
    """The child's figures and its `corpus_key` for the app (`reader agree --outcome-file`): written to
    the file the app made and holds open, read once by `load_outcome`. False when the file cannot be
    written (the app then sums itself)."""
    try:
        with open(file, "wb") as out:
            pickle.dump((corpus, outcome), out, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        return False
    return True


def load_outcome(handle: int | str) -> tuple[str, Outcome] | None:
    """What `save_outcome` wrote, read through the descriptor the app kept from `mkstemp` (so a file
    put in its place meanwhile is never read), or from a path (tests); None for no file, an empty or
    cut-short one, or anything else (the app sums instead)."""
    from reader.services.agreement import Outcome
    from reader.services.gc_pause import collector_paused

    try:
        if isinstance(handle, int):
            os.lseek(handle, 0, os.SEEK_SET)
            raw = os.fdopen(os.dup(handle), "rb")
        else:
            raw = open(handle, "rb")  # noqa: SIM115 (closed by the with below)
        with raw, collector_paused():  # 30,000 documents' figures, no cycles
            kept = pickle.load(raw)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], str)):
        return None
    return (kept[0], kept[1]) if isinstance(kept[1], Outcome) else None


def _handoff_file(location: Path) -> tuple[int, str] | None:
    """A new hand-off file under the store's `.local/agreement/` (never synced), after removing any an
    app killed while its child counted left behind (and a cache part's temporary file a child killed
    while writing it left); None when none can be made (a full disk, a read-only store): the app then
    sums the cache itself."""
    from reader.services.agreement_cache import TEMP_PREFIX, stats_dir

    folder = stats_dir(location)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        old = time.time() - HANDOFF_AGE
        with os.scandir(folder) as found:
            for e in found:
                if e.name.startswith((HANDOFF_PREFIX, TEMP_PREFIX)) and e.stat().st_mtime < old:
                    with contextlib.suppress(OSError):
                        os.unlink(e.path)
        return tempfile.mkstemp(prefix=HANDOFF_PREFIX, suffix=".pickle", dir=folder)
    except OSError:
        return None


def current_figures(store: Store, entries: Sequence[Entry]) -> Outcome:
    """The figures summed from the cache in this thread, counting only what changed (the screen's)."""
    from reader.services.agreement import Selection, finished_marks, measure_in_processes, tagged_marks
    from reader.services.agreement_cache import index_stamps

    return measure_in_processes(
        entries,
        Selection(store.labels),
        finished_marks(store),  # brings the store's index up to date
        store.location,
        None,
        index_stamps(store),
        processes=1,
        tagged_by=tagged_marks(store),
        store_labels=store.labels,
    )


class AgreementWarmup:
    """One low-priority `reader agree` child at a time, for one store and corpus; and the figures it
    handed over (or summed after it), kept until the store or the corpus changes, so the screen shows
    them at once."""

    def __init__(self, location: Path, corpus: Path, catalog_cache: Path | None) -> None:
        self.location = location
        self.corpus = corpus
        self.catalog_cache = catalog_cache
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._done = threading.Event()  # no child running
        self._done.set()
        self._ready = threading.Event()  # no child, or its figures handed over (it may still be saving)
        self._ready.set()
        self.runs = 0  # children started (tests and the benchmark read it)
        self._memo: tuple[tuple[Any, ...], Outcome] | None = None
        # the last child's figures: (the store_state as it started, the child's corpus_key, figures)
        self._from_child: tuple[tuple[Any, ...], str, Outcome] | None = None
        self._summing = threading.Lock()
        self._stopped = False  # the app is closing: no child is started after `stop`

    def remember(self, store: Store, entries: Sequence[Entry]) -> Outcome:
        """The figures for the screen (call from a worker thread), kept unless the store or the corpus
        changed meanwhile: those the last child handed over when it counted these entries and the
        store did not change since it started, else the cache summed now. One sum at a time: the app's
        and the screen's, asked together, would each take the other's CPU; the second takes the
        first's."""
        with self._summing:
            kept = self.remembered(store, entries)
            if kept is not None:
                return kept
            before = state_key(store.location, entries, store.labels)
            counted = self._from_child
            if (
                counted is not None
                and counted[0] == store_state(store.location, store.labels)
                and counted[1] == corpus_key(entries)
            ):
                self._memo = (before, counted[2])
                return counted[2]
            self._done.wait()  # a child still writing the cache it counted: sum that, not count again
            outcome = current_figures(store, entries)
            if state_key(store.location, entries, store.labels) == before:
                self._memo = (before, outcome)
            return outcome

    def remembered(self, store: Store, entries: Sequence[Entry]) -> Outcome | None:
        """The kept figures, if nothing they depend on changed since."""
        memo = self._memo
        if memo is not None and memo[0] == state_key(store.location, entries, store.labels):
            return memo[1]
        return None

    @property
    def running(self) -> bool:
        return not self._done.is_set()

    def refresh(
        self,
        summary: Mapping[str, Any] | None,
        documents: int,
        *,
        now: bool = False,
        nice: int = NICE,
        state: tuple[Any, ...] | None = None,
    ) -> bool:
        """Count what changed in a child process and wait for it (call from a worker thread). False when
        there was nothing to do (a small corpus, no two finishers, a current cache), a child already
        running (`wait` for it), or no child could be started. `now`: the agreement screen waits for
        it, whatever the corpus's size or the cache's age. `state`: the `store_state` as the child
        starts; the child's figures are kept under it, for `remember` to take when the store is still
        in that state and the child counted the entries `remember` is given. `summary` None: whether
        two annotators finished a document is the child's to find out (when none has, it leaves a mark
        that makes the cache current until the store changes)."""
        if summary is not None and not two_finished(summary):
            return False
        worth = big_enough(documents) if summary is None else worth_counting(summary, documents)
        if not now and (not worth or cache_is_current(self.location)):
            return False
        with self._lock:
            if self.running or self._stopped:
                return False
            command = [sys.executable, "-c", _CHILD.format(nice=nice), "agree", "--json"]
            command += ["--store", str(self.location), "--corpus", str(self.corpus)]
            handed = _handoff_file(self.location) if state is not None else None
            if handed is not None:
                command += ["--outcome-file", handed[1]]
            env = dict(os.environ)
            if self.catalog_cache is not None:
                env["READER_CACHE"] = str(self.catalog_cache)  # the app's catalog: no rescan
            try:
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE if handed is not None else subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                    start_new_session=True,  # its own process group: `stop` ends its workers with it
                )
            except OSError:
                _drop(handed)
                return False
            self._done.clear()
            self._ready.clear()
            self.runs += 1
        process = self._process
        try:
            if handed is not None and process.stdout is not None:
                # The figures are handed over before the child writes the cache it counted (a fifth
                # of a first count): whoever waits takes them then (`wait`), not when it exits.
                with process.stdout:
                    said = process.stdout.readline()
                kept = load_outcome(handed[0]) if said == READY.encode() else None
                if state is not None and kept is not None:
                    self._from_child = (state, *kept)
                self._ready.set()
            return process.wait() == 0
        finally:
            _drop(handed)
            self._ready.set()
            self._done.set()

    def begin(self, summary: Mapping[str, Any] | None, documents: int, *, state: tuple[Any, ...]) -> None:
        """`refresh` without waiting for it (from any thread): the child is waited for in a plain
        thread, which ends with the app (`stop` ends the child)."""
        threading.Thread(
            target=self.refresh,
            args=(summary, documents),
            kwargs={"state": state},
            name="agreement-count",
            daemon=True,
        ).start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until a running child handed its figures over or ended (at once when none runs); False on a
        timeout. It may still be writing the cache: `remember` waits for that before summing."""
        return self._ready.wait(timeout)

    def stop(self) -> None:
        """End a running child and its worker processes (the app is closing): the cache's parts are
        written atomically, so one cut short leaves the previous part or none, and the next count does
        its documents again."""
        with self._lock:  # a child being started now is either seen here or not started at all
            self._stopped = True
            process = self._process
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)  # the group `start_new_session` made
            except OSError:
                process.terminate()


def _drop(handed: tuple[int, str] | None) -> None:
    if handed is not None:
        with contextlib.suppress(OSError):
            os.close(handed[0])
        with contextlib.suppress(OSError):
            os.unlink(handed[1])
