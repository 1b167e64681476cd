"""The suggestion engine for a long document, in a worker process.

The engine is pure Python: on a 10 MB article it ran for half a minute in a thread of the app, and
every keystroke in that time waited for the interpreter lock (`c` took seconds to show). From
`PROCESS_FROM` characters the reading screen asks a spawned process instead, which analyses the same
document with the same folder context and overrides (the pipeline is deterministic, so the offsets
agree) and sends back only the suggestions. Pure Python, no Textual: this module is what the worker
imports.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from reader.services.title_pass import start_resource_tracker

if TYPE_CHECKING:
    from reader.text.boilerplate import FolderStats
    from reader.text.document import Document
    from reader.text.suggestion_engine import Suggestion

PROCESS_FROM = 250_000  # characters: below, the engine's thread holds the GIL for under half a second


def suggest_apart(
    document: Document,
    folder: FolderStats | None,
    overrides: Mapping[str, bool] | None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Suggestion, ...] | None:
    """`suggest(analyse(document, ...))`, computed in a new process; None once `cancelled()` says so
    (the process is then stopped: leaving the article, or quitting, must not wait for it). Raises
    what the process raised, or why it could not start (the caller then computes in its thread)."""
    start_resource_tracker()
    pool = multiprocessing.get_context("spawn").Pool(1)
    try:
        pending = pool.apply_async(_suggest, (document, folder, dict(overrides or {})))
        while not cancelled():  # asked before each wait: a result nobody wants any more is dropped
            try:
                return pending.get(timeout=0.2)
            except multiprocessing.TimeoutError:
                pass
        return None
    finally:
        pool.terminate()


def _suggest(
    document: Document, folder: FolderStats | None, overrides: Mapping[str, bool]
) -> tuple[Suggestion, ...]:
    # Below the app's priority: on two cores a 10 MB article's half minute of analysis took the CPU
    # the reading screen needs for the keys typed meanwhile (c p50 80 ms while it ran, 36 ms after).
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(10)
    from reader.text.pipeline import analyse
    from reader.text.suggestion_engine import suggest

    return tuple(suggest(analyse(document, folder=folder, overrides=overrides or None)))
