"""Shared fixtures: the project's seeds and the team's shared data (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
SHARED_DATA = Path(os.environ.get("READER_SHARED_DATA", PROJECT.parent / "shared" / "data"))


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def shared_data() -> Path:
    """`../shared/data` beside the clone; a user's clone has none, so those tests skip."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA} (only CI and the team have it)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _no_user_keymap(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see the default keys: never the developer's own config.toml or $READER_KEYMAP."""
    monkeypatch.setenv("READER_CONFIG", str(tmp_path_factory.getbasetemp() / "no-config.toml"))
    monkeypatch.delenv("READER_KEYMAP", raising=False)
