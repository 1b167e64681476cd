"""One module per subcommand: each has `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.text.pipeline import Analysis

SUBCOMMANDS = ("inspect", "export", "import", "stats", "suggest", "finish", "sync", "agree")


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def load_subcommand(name: str) -> ModuleType:
    module = "import_" if name == "import" else name
    return importlib.import_module(f"reader.cli.{module}")


def analyse_file(name: str, command: str) -> Analysis:
    """The pipeline on one file named on the command line; a bad file is a one-line CommandError."""
    from reader.text.document import DocumentError
    from reader.text.pipeline import analyse_path

    path = Path(name)
    if path.is_dir():
        raise CommandError(f"{name}: is a folder; {command} takes one file")
    try:
        return analyse_path(path)
    except DocumentError as exc:
        raise CommandError(f"{name}: {exc.reason}") from None
