"""`reader --bindings`: every id with its keys after the user's keymap, by scope; problems are one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reader import commands

PROJECT = Path(__file__).resolve().parents[2]


def bindings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    base["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), base.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "reader", "--bindings"],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=60,
        check=False,
    )


def test_every_id_by_scope_with_the_keymap_applied(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"reading.claim" = "C"\n"reading.quote" = "Q"\n')
    done = bindings({"READER_CONFIG": str(config), "READER_KEYMAP": "reading.quote=ctrl+k"})
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    for scope, group in commands.SCOPES:
        assert f"{scope}:" in lines
        for command in group:
            if command.keys:
                assert any(line.split()[:1] == [command.id] for line in lines), command.id
    row = {line.split()[0]: line.split() for line in lines if line.startswith("  ")}
    assert row["reading.claim"][1:3] == ["C", "*"]
    assert row["reading.quote"][1:3] == ["ctrl+k", "*"]
    assert row["reading.fact"][1] == "f"
    assert row["help"][1:3] == ["?", "f1"]
    assert str(config) in done.stdout


def test_a_bad_config_is_a_warning_line_not_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[keymap\n")
    done = bindings({"READER_CONFIG": str(config), "READER_KEYMAP": "reading.nope=x,reading.claim=C"})
    assert done.returncode == 0
    warnings = done.stderr.splitlines()
    assert len(warnings) == 2 and all(line.startswith("reader: warning: ") for line in warnings)
    assert "Traceback" not in done.stderr
    assert "reading.nope" in warnings[1]
    assert any(line.split()[:2] == ["reading.claim", "C"] for line in done.stdout.splitlines())
