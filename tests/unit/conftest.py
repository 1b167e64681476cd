"""Fixtures shared by the unit tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ARTICLE = "A Headline For The Test\n\nThe first sentence of the article is long enough to be kept here.\n"


@pytest.fixture
def fifo_folder(tmp_path: Path) -> Path:
    """A folder with an article (good.txt) beside a FIFO named like one (pipe.txt)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path
