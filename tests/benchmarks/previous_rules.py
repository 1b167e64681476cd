"""The text pipeline as it was at an earlier commit, importable beside today's for same-run baselines.

`load()` copies reader/text/*.py of that commit (via `git show`) into a temporary package `prev_reader`
with its imports renamed, so both versions run in one process on the same input.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS = "56276fd"  # the rules before issue 10


def load(commit: str = PREVIOUS) -> ModuleType | None:
    """`prev_reader.text` (its `pipeline` imported), or None when git or the commit is unavailable."""
    try:
        names = subprocess.run(
            ["git", "ls-tree", "--name-only", commit, "reader/text/"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    base = Path(tempfile.mkdtemp(prefix="prev_reader_"))
    package = base / "prev_reader" / "text"
    package.mkdir(parents=True)
    (base / "prev_reader" / "__init__.py").write_text("", encoding="utf-8")
    for name in names:
        if not name.endswith(".py"):
            continue
        source = subprocess.run(
            ["git", "show", f"{commit}:{name}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        source = source.replace("from reader.text", "from prev_reader.text").replace(
            "import reader.text", "import prev_reader.text"
        )
        (package / Path(name).name).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(base))
    importlib.import_module("prev_reader.text.pipeline")
    return importlib.import_module("prev_reader.text")
