"""Regenerate the README's key table from reader/commands/.

    python tests/tools/update_readme_keys.py          # rewrite README.md's table
    python tests/tools/update_readme_keys.py --check  # exit 1 if it is stale, change nothing

tests/unit/test_readme.py only compares (importing this file); this is the one thing that writes
README.md. Run as a script it builds the table from this checkout's reader/commands/, not from
whatever copy of `reader` is installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
README = PROJECT / "README.md"
BEGIN, END = "<!-- keys: generated from reader/commands/ -->", "<!-- /keys -->"
COMMAND = "python tests/tools/update_readme_keys.py"


def key_table() -> str:
    from reader.commands import SCOPES, display_keys

    rows = ["| keys | command | what it does |", "|---|---|---|"]
    for scope, commands in SCOPES:
        rows.append(f"| **{scope}** | | |")
        for c in commands:
            keys = " ".join(f"`{k}`" for k in display_keys(c).split()) if c.keys else "palette (`ctrl+p`)"
            rows.append(f"| {keys} | {c.title} | {c.help.replace('|', '/')} |")
    return "\n".join(rows)


def split(text: str) -> tuple[str, str, str]:
    """(everything up to and including BEGIN, the table between the markers, END and the rest)."""
    head, rest = text.split(BEGIN, 1)
    current, tail = rest.split(END, 1)
    return head + BEGIN, current, END + tail


def regenerated(text: str) -> str:
    """`text` (the README) with its key table rebuilt."""
    head, _, tail = split(text)
    return head + "\n" + key_table() + "\n" + tail


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(PROJECT))  # this checkout's reader/, even beside a non-editable install
    text = README.read_text(encoding="utf-8")
    new = regenerated(text)
    if new == text:
        print("README key table is up to date")
        return 0
    if "--check" in argv:
        print(f"README key table is stale: run `{COMMAND}`", file=sys.stderr)
        return 1
    README.write_text(new, encoding="utf-8")
    print("README key table regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
