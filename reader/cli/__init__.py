"""One module per subcommand: each has `add_arguments(parser)` and `run(args) -> int`."""

from __future__ import annotations

import importlib
from types import ModuleType

SUBCOMMANDS = ("inspect", "export", "import", "stats", "suggest")


class CommandError(Exception):
    """A user-facing failure: printed as one line, exit `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def load_subcommand(name: str) -> ModuleType:
    module = "import_" if name == "import" else name
    return importlib.import_module(f"reader.cli.{module}")
