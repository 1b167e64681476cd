"""The README's key table is generated from reader/commands/, so the two never drift apart.

This test only compares; after changing a command, `python tests/tools/update_readme_keys.py`
rewrites the table.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "update_readme_keys.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("update_readme_keys", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_key_table_matches_the_commands() -> None:
    tool = load_tool()
    text = tool.README.read_text(encoding="utf-8")
    _, current, _ = tool.split(text)
    assert current == "\n" + tool.key_table() + "\n", f"README key table is stale: run `{tool.COMMAND}`"


def test_the_tool_rebuilds_a_stale_table_without_touching_the_rest() -> None:
    tool = load_tool()
    stale = f"intro\n{tool.BEGIN}\n| old | table |\n{tool.END}\noutro\n"
    new = tool.regenerated(stale)
    assert new.startswith(f"intro\n{tool.BEGIN}\n") and new.endswith(f"\n{tool.END}\noutro\n")
    assert "| old | table |" not in new and tool.key_table() in new
    assert tool.regenerated(new) == new
