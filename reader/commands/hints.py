"""Keys named in messages and hints ("tag it with c, q or f"), generated from the label set and the
user's keymap so they stay right with `--labels` and a remapped key; and the keymap's ids."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from reader.commands.command import Command, display_keys
from reader.commands.reading import READING
from reader.commands.scopes import SCOPES


def every_command() -> Iterator[Command]:
    """Each command once, in the order of `SCOPES`."""
    for _, scope in SCOPES:
        yield from scope


def bindable_ids() -> frozenset[str]:
    """The ids a keymap may remap: every command with a key (palette-only ones have no binding)."""
    return frozenset(c.id for c in every_command() if c.keys)


# -- keys named in messages ------------------------------------------------------------------------


def label_keys(labels: Sequence[str], keymap: Mapping[str, str] | None = None) -> list[str]:
    """The key that tags each label: its letter key when it has one (c q f), else its number key."""
    letters = {c.action: c for c in READING if c.action.startswith("tag(")}
    numbers = {c.action: c for c in READING if c.action.startswith("tag_nth(")}
    keys: list[str] = []
    for n, label in enumerate(labels[:9]):
        command = letters.get(f"tag({label!r})") or numbers[f"tag_nth({n})"]
        keys.append(first_key(command, keymap))
    return keys


def first_key(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    """The first key of a command after the keymap, as a person writes it (`b`, `esc`, `^a`)."""
    return display_keys(command, keymap).split()[0]


def key_of(command_id: str, keymap: Mapping[str, str] | None = None) -> str:
    return first_key(_BY_ID[command_id], keymap)


def hint_key(command_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """The first key for a hint line: named keys capitalised (`Esc`), letters as they are (`y`, `C`)."""
    key = key_of(command_id, keymap)
    return key[:1].upper() + key[1:] if len(key) > 1 else key


def or_list(words: Sequence[str]) -> str:
    """`c, q or f`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def tag_keys_hint(labels: Sequence[str], keymap: Mapping[str, str] | None = None) -> str:
    """The keys that tag in this label set, for messages: `c, q or f`; `q, f or 3` without claim."""
    return or_list(label_keys(labels, keymap))


_BY_ID: dict[str, Command] = {c.id: c for c in every_command()}


def user_keymap() -> tuple[dict[str, str], tuple[str, ...]]:
    """The user's keymap (config file, then `$READER_KEYMAP`) for the bindable ids, and its problems."""
    from reader.config import load_keymap

    keymap = load_keymap(bindable_ids())
    return keymap.keys, keymap.problems
