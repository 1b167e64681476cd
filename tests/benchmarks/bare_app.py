"""The baseline app: a bare Textual App with a stock DataTable of given rows, and nothing else.

    python tests/benchmarks/bare_app.py ROWS.json

ROWS.json is a list of [file, title, date]; the benchmarks time it from its process start, as the
reader is timed, in a real terminal and headless.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.widgets import DataTable


class BareApp(App[None]):
    def __init__(self, rows: Sequence[Sequence[str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Title", "Date", "File")
        table.add_rows([(title, date, file) for file, title, date in self.rows])


def load_rows(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


if __name__ == "__main__":
    BareApp(load_rows(sys.argv[1])).run()
