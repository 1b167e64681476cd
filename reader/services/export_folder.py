"""Where the export dialog offers to write: the user's documents folder, else downloads, else home.

On Linux these are the XDG user dirs (`~/.config/user-dirs.dirs`, written by xdg-user-dirs-update,
localised: "Dokumente", "Téléchargements"); elsewhere, or without that file, `~/Documents` and
`~/Downloads` when they exist. The current folder, the old default, is wherever the app was started
from: often the corpus or a checkout, where an export gets lost or committed. No Textual.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

_KEYS = ("XDG_DOCUMENTS_DIR", "XDG_DOWNLOAD_DIR")
_FALLBACKS = ("Documents", "Downloads")


def user_dirs(home: Path, env: Mapping[str, str]) -> dict[str, Path]:
    """The XDG user dirs file's entries (`XDG_DOCUMENTS_DIR` -> path), `$HOME` expanded; {} without it."""
    config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    try:
        lines = (config / "user-dirs.dirs").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, Path] = {}
    for line in lines:
        name, sep, value = line.strip().partition("=")
        if not sep or name.startswith("#"):
            continue
        try:
            words = shlex.split(value)
        except ValueError:
            continue
        if len(words) != 1:
            continue
        text = words[0]
        if text.startswith("$HOME"):
            text = str(home) + text[len("$HOME") :]
        path = Path(text)
        if path.is_absolute() and path != home:  # "$HOME/" means the folder is switched off
            found[name] = path
    return found


def default_export_folder(home: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The first writable of: documents, downloads (XDG, else ~/Documents, ~/Downloads); else home."""
    env = os.environ if env is None else env
    home = home if home is not None else Path.home()
    xdg = user_dirs(home, env)
    candidates = [xdg[k] for k in _KEYS if k in xdg] + [home / name for name in _FALLBACKS]
    for folder in candidates:
        if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return home
