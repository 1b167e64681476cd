"""Every user command, declared once: the key binding, the footer, the help screen and the palette.

Each screen, dialog and widget with keys has a scope here (`READING`, `ANNOTATION_TABLE`, `DIALOG`...)
and sets `BINDINGS = bindings(SCOPE)`; the app's palette provider, the help screen, the README table
and `reader --bindings` read the same tuples, so a key, its description and its help never drift apart.
Every binding has an `id` (`reading.claim`), so a user keymap can remap it (`reader.config`).
"""

from reader.commands.agreement import AGREEMENT, CURATION
from reader.commands.command import (
    Command,
    all_keys,
    bindings,
    current_keys,
    display_keys,
    key_name,
)
from reader.commands.hints import (
    bindable_ids,
    every_command,
    first_key,
    hint_key,
    key_of,
    label_keys,
    or_list,
    tag_keys_hint,
    user_keymap,
)
from reader.commands.reading import READING
from reader.commands.review import REVIEW
from reader.commands.scopes import (
    ANNOTATION_TABLE,
    ANNOTATIONS,
    CONFIRM,
    DIALOG,
    DOCUMENT_TABLE,
    EXPORT,
    EXPORT_FORMATS,
    EXPORT_OPTIONS,
    GLOBAL,
    HELP,
    LIBRARY,
    LINES,
    PANEL,
    PROGRESS,
    SCOPES,
)

__all__ = [
    "AGREEMENT",
    "ANNOTATIONS",
    "ANNOTATION_TABLE",
    "CONFIRM",
    "CURATION",
    "DIALOG",
    "DOCUMENT_TABLE",
    "EXPORT",
    "EXPORT_FORMATS",
    "EXPORT_OPTIONS",
    "GLOBAL",
    "HELP",
    "LIBRARY",
    "LINES",
    "PANEL",
    "PROGRESS",
    "READING",
    "REVIEW",
    "SCOPES",
    "Command",
    "all_keys",
    "bindable_ids",
    "bindings",
    "current_keys",
    "display_keys",
    "every_command",
    "first_key",
    "hint_key",
    "key_name",
    "key_of",
    "label_keys",
    "or_list",
    "tag_keys_hint",
    "user_keymap",
]
