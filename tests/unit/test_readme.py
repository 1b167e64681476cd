"""The README's key table is generated from reader/commands.py, so the two never drift apart.

After changing a command: `UPDATE_README=1 pytest tests/unit/test_readme.py`.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.commands import SCOPES, display_keys

README = Path(__file__).resolve().parents[2] / "README.md"
BEGIN, END = "<!-- keys: generated from reader/commands.py -->", "<!-- /keys -->"


def key_table() -> str:
    rows = ["| keys | command | what it does |", "|---|---|---|"]
    for scope, commands in SCOPES:
        rows.append(f"| **{scope}** | | |")
        for c in commands:
            keys = " ".join(f"`{k}`" for k in display_keys(c).split()) if c.keys else "palette (`ctrl+p`)"
            rows.append(f"| {keys} | {c.title} | {c.help.replace('|', '/')} |")
    return "\n".join(rows)


def test_readme_key_table_matches_the_commands() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    expected = "\n" + key_table() + "\n"
    if os.environ.get("UPDATE_README") and current != expected:
        README.write_text(head + BEGIN + expected + END + tail, encoding="utf-8")
        current = expected
    assert current == expected, "README key table is stale: UPDATE_README=1 pytest tests/unit/test_readme.py"
