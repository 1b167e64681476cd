"""Where the store and the config file live and who is tagging, when nobody said."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

from annotations.model import DEFAULT_LABELS

APP_NAME = "reader"  # one name for every per-user folder: data (the store), cache, config


def default_store_dir() -> Path:
    """$READER_STORE, else the per-user data folder (the seeds may sit in a read-only site-packages)."""
    env = os.environ.get("READER_STORE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "store"


def default_config_file() -> Path:
    """$READER_CONFIG, else `config.toml` in the per-user config folder (it need not exist)."""
    env = os.environ.get("READER_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_annotator() -> str:
    """$READER_ANNOTATOR, else the login name (a container may have no passwd entry)."""
    env = os.environ.get("READER_ANNOTATOR", "").strip()
    if env:
        return env
    try:
        return getpass.getuser() or "anonymous"
    except (OSError, KeyError):
        return "anonymous"


def parse_labels(value: str) -> tuple[str, ...]:
    """A comma-separated label set ("claim,quote,fact,opinion"); duplicates and blanks dropped."""
    labels = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not labels:
        raise ValueError(f"no labels in {value!r}: give a comma-separated list such as claim,quote,fact")
    return labels


def default_labels() -> tuple[str, ...]:
    """$READER_LABELS, else claim, quote and fact."""
    env = os.environ.get("READER_LABELS", "").strip()
    return parse_labels(env) if env else DEFAULT_LABELS
