"""A folder written whole or not at all, for the exports that are a folder of files (brat, doccano)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from annotations.reasons import os_reason
from annotations.storage import StoreError, fsync_dir


def check_folder(path: Path) -> None:
    """A folder export goes to a new folder or an empty one, never among other files; StoreError if not."""
    if path.is_dir():
        try:
            empty = not any(path.iterdir())
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({os_reason(exc)})") from None
        if not empty:
            raise StoreError(f"{path}: is a folder with files in it; name a new or empty folder")
    elif path.exists() or path.is_symlink():
        raise StoreError(f"{path}: is a file; this format writes a folder (name a new or empty folder)")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"{path}: no such folder {parent}")


@contextlib.contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """A hidden folder beside `path` to write into; renamed to `path` once the block completes,
    removed (with everything in it) if it fails."""
    path = Path(path)
    check_folder(path)
    parent = path.parent if str(path.parent) else Path(".")
    tmp = parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        tmp.mkdir()
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({os_reason(exc)})") from None
    try:
        yield tmp
        if path.is_dir():
            path.rmdir()  # empty, checked above; fails (and keeps it) if something appeared meanwhile
        os.replace(tmp, path)
        fsync_dir(parent)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"{path}: cannot write ({os_reason(exc)}); nothing was written") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
