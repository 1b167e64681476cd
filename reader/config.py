"""The user's settings: today the keymap, from `config.toml` and `$READER_KEYMAP`. No Textual here.

    # config.toml in the per-user config folder (`reader --bindings` prints where)
    [keymap]
    "reading.claim" = "C"
    "reading.quote" = "Q,ctrl+q"

    READER_KEYMAP="reading.claim=C,reading.quote=Q"   # wins over the file, id by id

Problems never stop the reader: each is one line (a notification in the app, a warning on the
command line), and a bad entry does not stop the good ones.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotations.location import default_config_file
from annotations.reasons import one_line

KEYMAP_ENV = "READER_KEYMAP"


@dataclass(frozen=True)
class Keymap:
    """Binding id -> keys (Textual key names, comma separated), and what was wrong on the way."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def load_keymap(
    known: Collection[str], path: Path | None = None, environ: Mapping[str, str] | None = None
) -> Keymap:
    """The config file's `[keymap]` table, then `$READER_KEYMAP` over it; ids not in `known` are dropped."""
    environ = os.environ if environ is None else environ
    path = default_config_file() if path is None else path
    from_file, problems = _file_keymap(path)
    from_env, env_problems = parse_keymap(environ.get(KEYMAP_ENV, ""), KEYMAP_ENV)
    keys: dict[str, str] = {}
    unknown: list[str] = []
    for binding_id, value in {**from_file, **from_env}.items():
        if binding_id in known:
            keys[binding_id] = value
        else:
            unknown.append(binding_id)
    all_problems = [*problems, *env_problems]
    if unknown:
        all_problems.append(
            f"keymap: unknown binding id{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            "(reader --bindings lists them)"
        )
    return Keymap(keys, tuple(all_problems))


def parse_keymap(value: str, source: str) -> tuple[dict[str, str], list[str]]:
    """`reading.claim=C,reading.quote=Q` -> {id: keys}; a key list uses `+` only, so `,` splits entries.

    To give one command two keys in the variable, name it twice: `reading.claim=C,reading.claim=1`.
    """
    keys: dict[str, list[str]] = {}
    problems: list[str] = []
    for part in value.split(","):
        if not part.strip():
            continue
        binding_id, sep, key = (s.strip() for s in part.partition("="))
        if not sep or not binding_id or not key:
            problems.append(f"{source}: {part.strip()!r} is not id=key (e.g. reading.claim=C)")
            continue
        keys.setdefault(binding_id, []).append(key)
    return {binding_id: ",".join(k) for binding_id, k in keys.items()}, problems


def _file_keymap(path: Path) -> tuple[dict[str, str], list[str]]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:  # the usual case: no TOML parser loaded on the way to the first frame
        return {}, []
    except OSError as exc:
        return {}, [f"{path}: not read ({one_line(exc)}); the default keys apply"]
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: not read ({one_line(exc)}); the default keys apply"]
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, [f'{path}: [keymap] must be a table of "id" = "keys"']
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in table.items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            problems.append(f'{path}: keymap {binding_id!r} must be a key string such as "C" or "ctrl+k,K"')
            continue
        keys[str(binding_id)] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return keys, problems
