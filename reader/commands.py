"""Every user command, declared once: the key binding, the footer, the help screen and the palette.

Each screen, dialog and widget with keys has a scope here (`READING`, `ANNOTATION_TABLE`, `DIALOG`...)
and sets `BINDINGS = bindings(SCOPE)`; the app's palette provider, the help screen, the README table
and `reader --bindings` read the same tuples, so a key, its description and its help never drift apart.
Every binding has an `id` (`reading.claim`), so a user keymap can remap it (`reader.config`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from annotations.model import DEFAULT_LABELS


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

GLOBAL: tuple[Command, ...] = (
    Command(
        id="help",
        keys="question_mark,f1",
        action="help",
        title="Help",
        help="The keys and the labelling guidelines",
        key_display="?",
        footer="help",
    ),
    Command(
        id="quit",
        keys="ctrl+q",
        action="quit",
        title="Quit",
        help="Leave the reader (every tag is already saved)",
        priority=True,
        footer="quit",
    ),
    Command(
        id="annotations",
        keys="A",
        action="annotations",
        title="Annotations",
        help="Every annotation in the store; Enter opens it",
        footer="all tags",
    ),
    Command(
        id="export",
        keys="",
        action="export",
        title="Export annotations...",
        help="Write the annotations to JSON, JSONL, W3C or CSV",
    ),
)

LIBRARY: tuple[Command, ...] = (
    Command(
        id="library.open",
        keys="enter",
        action="open",
        title="Open",
        help="Read the highlighted document",
        show=False,
    ),
    Command(
        id="library.filter",
        keys="slash",
        action="filter",
        title="Filter",
        help="Filter the documents as you type",
        key_display="/",
        footer="filter",
    ),
    Command(
        id="library.sort_date",
        keys="d",
        action="sort('date')",
        title="By date",
        help="Sort by date (again: reverse)",
        footer="by date",
    ),
    Command(
        id="library.sort_title",
        keys="t",
        action="sort('title')",
        title="By title",
        help="Sort by title (again: reverse)",
        footer="by title",
    ),
    Command(
        id="library.sort_progress",
        keys="p",
        action="sort('progress')",
        title="By progress",
        help="Sort by tagged share (again: reverse)",
        footer="by progress",
    ),
    Command(
        id="library.clear_filter",
        keys="escape",
        action="clear_filter",
        title="Clear filter",
        help="Show every document again",
        footer="clear filter",
    ),
)

READING: tuple[Command, ...] = (
    Command(
        id="reading.next",
        keys="j,down",
        action="move(1)",
        title="Next",
        help="Next sentence",
        key_display="j ↓",
        group="sentence",
    ),
    Command(
        id="reading.previous",
        keys="k,up",
        action="move(-1)",
        title="Previous",
        help="Previous sentence",
        key_display="k ↑",
        group="sentence",
    ),
    Command(
        id="reading.page_down",
        keys="pagedown,space",
        action="page(1)",
        title="Page down",
        help="A page down",
        key_display="PgDn space",
        group="page",
    ),
    Command(
        id="reading.page_up",
        keys="pageup",
        action="page(-1)",
        title="Page up",
        help="A page up",
        key_display="PgUp",
        group="page",
    ),
    Command(
        id="reading.first",
        keys="g,home",
        action="first",
        title="First",
        help="First sentence",
        key_display="g",
        group="ends",
    ),
    Command(
        id="reading.last",
        keys="G,end",
        action="last",
        title="Last",
        help="Last sentence",
        key_display="G",
        group="ends",
    ),
    Command(
        id="reading.claim",
        keys="c",
        action="tag('claim')",
        title="Claim",
        help="Toggle claim on the sentence or selection",
        key_display="c",
        group="tag",
    ),
    Command(
        id="reading.quote",
        keys="q",
        action="tag('quote')",
        title="Quote",
        help="Toggle quote on the sentence or selection",
        key_display="q",
        group="tag",
    ),
    Command(
        id="reading.fact",
        keys="f",
        action="tag('fact')",
        title="Fact",
        help="Toggle fact on the sentence or selection",
        key_display="f",
        group="tag",
    ),
    # Number keys tag by position in the label set (--labels), so any label set is one key away.
    *(
        Command(
            id=f"reading.label{n}",
            keys=str(n),
            action=f"tag_nth({n - 1})",
            title=f"Label {n}",
            help=f"Toggle label {n} of the label set" + (f" ({default})" if default else ""),
            # In the footer's tag group only when the label has no letter key (`key_bar_action`).
            group="tag",
        )
        for n, default in zip(range(1, 10), (*DEFAULT_LABELS, *[""] * (9 - len(DEFAULT_LABELS))), strict=True)
    ),
    Command(
        id="reading.select",
        keys="v",
        action="select",
        title="Select",
        help="Start or extend a selection over several sentences",
        footer="select",
    ),
    Command(
        id="reading.note",
        keys="e",
        action="note",
        title="Note",
        help="Write or edit the note (and a quote's speaker)",
        footer="note",
    ),
    Command(
        id="reading.clear",
        keys="x",
        action="clear",
        title="Clear",
        help="Remove the labels of the sentence or selection",
        footer="clear",
    ),
    Command(
        id="reading.undo",
        keys="u",
        action="undo",
        title="Undo",
        help="Undo the last change in this document",
        group="undo",
    ),
    Command(
        id="reading.redo",
        keys="ctrl+r",
        action="redo",
        title="Redo",
        help="Redo what was undone",
        key_display="^r",
        group="undo",
    ),
    Command(
        id="reading.next_untagged",
        keys="right_square_bracket",
        action="untagged(1)",
        title="Next untagged",
        help="Next untagged sentence",
        key_display="]",
        group="untagged",
    ),
    Command(
        id="reading.previous_untagged",
        keys="left_square_bracket",
        action="untagged(-1)",
        title="Prev untagged",
        help="Previous untagged sentence",
        key_display="[",
        group="untagged",
    ),
    Command(
        id="reading.next_document",
        keys="right_curly_bracket",
        action="document(1)",
        title="Next doc",
        help="Next document",
        key_display="}",
        group="doc",
    ),
    Command(
        id="reading.previous_document",
        keys="left_curly_bracket",
        action="document(-1)",
        title="Prev doc",
        help="Previous document",
        key_display="{",
        group="doc",
    ),
    Command(
        id="reading.search",
        keys="slash",
        action="search",
        title="Search",
        help="Search the text",
        key_display="/",
        footer="find",
    ),
    Command(
        id="reading.next_hit",
        keys="n",
        action="hit(1)",
        title="Next hit",
        help="Next search hit",
        group="hit",
    ),
    Command(
        id="reading.previous_hit",
        keys="N",
        action="hit(-1)",
        title="Prev hit",
        help="Previous search hit",
        group="hit",
    ),
    Command(
        id="reading.lines",
        keys="b",
        action="lines",
        title="Stripped",
        help="The stripped lines, each with its reason; s flips one",
        footer="lines",
    ),
    Command(
        id="reading.panel",
        keys="tab",
        action="panel",
        title="Panel",
        help="This document's annotations beside the text",
        footer="panel",
    ),
    Command(
        id="reading.accept",
        keys="a",
        action="accept_suggestion",
        title="Accept",
        help="Accept the suggestion (?c ?q ?f) on the sentence: a real tag, speaker filled in",
        group="suggestion",
    ),
    Command(
        id="reading.dismiss",
        keys="d",
        action="dismiss_suggestion",
        title="Dismiss",
        help="Dismiss the suggestion on the sentence (it stays gone)",
        group="suggestion",
    ),
    Command(
        id="reading.accept_all",
        keys="ctrl+a",
        action="accept_all",
        title="Accept all suggestions of a label...",
        help="Accept every suggestion of one label in this article (asks first)",
        key_display="^a",
        show=False,
    ),
    Command(
        id="reading.suggestions",
        keys="S",
        action="toggle_suggestions",
        title="Show/hide suggestions",
        help="Show or hide the suggested tags (for this session)",
        show=False,
    ),
    Command(
        id="reading.back",
        keys="escape",
        action="back",
        title="Library",
        help="Cancel the selection, else back to the library",
        footer="back",
    ),
)

LINES: tuple[Command, ...] = (
    Command(
        id="lines.flip",
        keys="s",
        action="flip",
        title="Flip",
        help="Flip the line between content and boilerplate",
        footer="flip",
    ),
    Command(
        id="lines.back", keys="escape,b", action="back", title="Back", help="Back to the text", footer="back"
    ),
)

DOCUMENT_TABLE: tuple[Command, ...] = (
    Command(
        id="documents.down", keys="down,j", action="cursor(1)", title="Down", help="Next document", show=False
    ),
    Command(
        id="documents.up", keys="up,k", action="cursor(-1)", title="Up", help="Previous document", show=False
    ),
    Command(
        id="documents.page_down",
        keys="pagedown",
        action="page(1)",
        title="Page down",
        help="A page of documents down",
        show=False,
    ),
    Command(
        id="documents.page_up",
        keys="pageup",
        action="page(-1)",
        title="Page up",
        help="A page of documents up",
        show=False,
    ),
    Command(
        id="documents.first",
        keys="home,g",
        action="edge(0)",
        title="First",
        help="First document",
        show=False,
    ),
    Command(
        id="documents.last", keys="end,G", action="edge(1)", title="Last", help="Last document", show=False
    ),
)

PANEL: tuple[Command, ...] = (
    # The annotation panel beside the text (tab) is an OptionList: the arrows and Enter are its own.
    Command(
        id="panel.down",
        keys="j",
        action="cursor_down",
        title="Down",
        help="Next annotation in the panel (Enter goes to it)",
        show=False,
    ),
    Command(
        id="panel.up",
        keys="k",
        action="cursor_up",
        title="Up",
        help="Previous annotation in the panel",
        show=False,
    ),
)

ANNOTATIONS: tuple[Command, ...] = (
    Command(
        id="annotations.close",
        keys="escape",
        action="close",
        title="Close",
        help="Back to where you were",
    ),
    Command(
        id="annotations.filter",
        keys="slash",
        action="focus_filters",
        title="Filter",
        help="Filter by label, annotator, document or date (arrows still move the table)",
        key_display="/",
    ),
    Command(
        id="annotations.clear_filters",
        keys="ctrl+l",
        action="clear_filters",
        title="Clear filters",
        help="Empty every filter field",
    ),
)

ANNOTATION_TABLE: tuple[Command, ...] = (
    Command(
        id="annotations.open",
        keys="enter",
        action="open",
        title="Open",
        help="Open the annotation in its document, at its sentence",
    ),
    Command(id="annotations.up", keys="up", action="move(-1)", title="Up", help="Previous row", show=False),
    Command(id="annotations.down", keys="down", action="move(1)", title="Down", help="Next row", show=False),
    Command(
        id="annotations.page_up",
        keys="pageup",
        action="page(-1)",
        title="Page up",
        help="A page of rows up",
        show=False,
    ),
    Command(
        id="annotations.page_down",
        keys="pagedown",
        action="page(1)",
        title="Page down",
        help="A page of rows down",
        show=False,
    ),
    Command(
        id="annotations.first",
        keys="home",
        action="move(-1_000_000_000)",
        title="First",
        help="First row",
        show=False,
    ),
    Command(
        id="annotations.last",
        keys="end",
        action="move(1_000_000_000)",
        title="Last",
        help="Last row",
        show=False,
    ),
)

EXPORT: tuple[Command, ...] = (
    Command(
        id="export.cancel", keys="escape", action="cancel", title="Cancel", help="Close without exporting"
    ),
    Command(
        id="export.run",
        keys="ctrl+s",
        action="export",
        title="Export",
        help="Write the file (Enter in the file name does the same)",
    ),
)

DIALOG: tuple[Command, ...] = (
    # The note dialog and the label picker: Enter saves or picks (their input's own key).
    Command(
        id="dialog.cancel", keys="escape", action="cancel", title="Cancel", help="Close, changing nothing"
    ),
)

CONFIRM: tuple[Command, ...] = (
    Command(id="confirm.yes", keys="enter,y", action="answer(True)", title="Yes", help="Yes, do it"),
    Command(id="confirm.no", keys="escape,n", action="answer(False)", title="No", help="No, change nothing"),
)

HELP: tuple[Command, ...] = (
    Command(
        id="help.close",
        keys="escape,question_mark,q",
        action="close",
        title="Close",
        help="Close the help",
    ),
)

SCOPES: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", GLOBAL),
    ("Library", LIBRARY),
    ("Document list", DOCUMENT_TABLE),
    ("Reading", READING),
    ("Annotation panel", PANEL),
    ("Stripped lines", LINES),
    ("Annotations", ANNOTATIONS),
    ("Annotation table", ANNOTATION_TABLE),
    ("Export dialog", EXPORT),
    ("Note and label dialogs", DIALOG),
    ("Confirm dialog", CONFIRM),
    ("Help", HELP),
)


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
