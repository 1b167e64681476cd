"""A command: one declaration that becomes a key binding (with an id a keymap can remap), a footer
entry, a help line and a palette entry; and how its keys are written for people."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, kw_only=True)
class Command:
    id: str  # unique across scopes: the keymap is one table for the whole app
    keys: str  # Textual key names, comma separated; "" for a palette-only command
    action: str  # run on the screen or widget that declares it
    title: str  # the footer description and the palette title
    help: str  # one line for the help screen and the palette
    key_display: str | None = None
    show: bool = True  # in the footer
    priority: bool = False
    group: str = ""  # commands of one group share one footer entry, e.g. "c/q/f tag"
    footer: str = ""  # a shorter description for the footer (default: the title)


def bindings(commands: Iterable[Command]) -> list[BindingType]:
    return [
        Binding(
            c.keys,
            c.action,
            c.footer or c.title,
            show=c.show,
            key_display=c.key_display,
            id=c.id,
            priority=c.priority,
            group=_group(c.group) if c.group else None,
        )
        for c in commands
        if c.keys
    ]


_GROUPS: dict[str, Binding.Group] = {}


def _group(description: str) -> Binding.Group:
    """One Group object per description: the footer merges bindings whose group is the same."""
    return _GROUPS.setdefault(description, Binding.Group(description, compact=True))


def current_keys(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    """The command's keys after the user's keymap (Textual key names, comma separated)."""
    mapped = (keymap or {}).get(command.id, "").strip()
    return mapped or command.keys


def display_keys(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    """The keys as the help screen writes them (remapped keys as the user wrote them)."""
    if command.key_display and not (keymap or {}).get(command.id):
        return command.key_display
    return all_keys(command, keymap)


def all_keys(command: Command, keymap: Mapping[str, str] | None = None) -> str:
    """Every key of the command after the keymap (`display_keys` may show fewer: `?` for `? f1`)."""
    return " ".join(key_name(k) for k in current_keys(command, keymap).split(",") if k.strip())


def key_name(key: str) -> str:
    """One Textual key name as a person writes it: `question_mark` -> `?`."""
    key = key.strip()
    return _KEY_NAMES.get(key, key)


_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "escape": "esc",
    "enter": "enter",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "space": "space",
    "down": "↓",
    "up": "↑",
}
