"""The store an import writes to and its memo (annotations/imports/memo.py), for both import paths."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from annotations.imports import memo
from annotations.store import Store
from reader.cli.storeopts import open_store


class ImportSession:
    """A store that exists is opened first so the memo can answer a repeated import; a new one is made
    only by `begin`, once the file has been read and checked, so a refused file leaves nothing behind.
    Leaving the `with` drops a memo that was not finished and closes the store."""

    def __init__(self, args: argparse.Namespace, known: tuple[str, tuple[int, int, int]] | None) -> None:
        self.args = args
        self.known = known
        self.store: Store | None = open_store(args) if known and Store.is_store(args.store) else None
        self.memory: memo.ImportMemo | None = None

    def recorded(self) -> dict[str, Any] | None:
        """What the memo recorded for this very file, store and corpus, or None."""
        if self.store is None or self.known is None:
            return None
        return memo.ImportMemo(self.store, *self.known).lookup()

    def begin(self) -> tuple[Store, Callable[[str], None] | None]:
        """The store to merge into (made now when new) and the memo's per-document recorder."""
        if self.store is None:
            self.store = open_store(self.args)
        if self.known:
            self.memory = memo.ImportMemo(self.store, *self.known)
            self.memory.start()
        return self.store, self.memory.target if self.memory else None

    def finish(self, path: Path, entry: dict[str, Any]) -> None:
        """Record the memo: the import placed every span as the file gave it."""
        if self.memory is not None:
            self.memory.finish(path, entry)

    def __enter__(self) -> ImportSession:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.memory is not None:
            self.memory.drop()  # nothing recorded unless finished
        if self.store is not None:
            self.store.close()
