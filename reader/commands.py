"""Every user command, declared once: the key binding, the footer, the help screen and the palette.

A screen sets `BINDINGS = bindings(READING)` and `COMMANDS = READING`; the app's palette provider and
the help screen read the same tuples, so a key, its description and its help never drift apart.
Each binding has an `id`, so a keymap can remap it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Command:
    id: str
    keys: str  # Textual key names, comma separated; "" for a palette-only command
    action: str  # run on the screen that declares it
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


def display_keys(command: Command) -> str:
    """The keys as the help screen writes them."""
    if command.key_display:
        return command.key_display
    return " ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in command.keys.split(","))


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
        "help",
        "question_mark,f1",
        "help",
        "Help",
        "The keys and the labelling guidelines",
        key_display="?",
        footer="help",
    ),
    Command(
        "quit",
        "ctrl+q",
        "quit",
        "Quit",
        "Leave the reader (every tag is already saved)",
        priority=True,
        footer="quit",
    ),
    Command(
        "annotations",
        "A",
        "annotations",
        "Annotations",
        "Every annotation in the store; Enter opens it",
        footer="all tags",
    ),
    Command(
        "export", "", "export", "Export annotations...", "Write the annotations to JSON, JSONL, W3C or CSV"
    ),
)

LIBRARY: tuple[Command, ...] = (
    Command("library.open", "enter", "open", "Open", "Read the highlighted document", show=False),
    Command(
        "library.filter",
        "slash",
        "filter",
        "Filter",
        "Filter the documents as you type",
        key_display="/",
        footer="filter",
    ),
    Command(
        "library.sort_date", "d", "sort('date')", "By date", "Sort by date (again: reverse)", footer="by date"
    ),
    Command(
        "library.sort_title",
        "t",
        "sort('title')",
        "By title",
        "Sort by title (again: reverse)",
        footer="by title",
    ),
    Command(
        "library.sort_progress",
        "p",
        "sort('progress')",
        "By progress",
        "Sort by tagged share (again: reverse)",
        footer="by progress",
    ),
    Command(
        "library.clear_filter",
        "escape",
        "clear_filter",
        "Clear filter",
        "Show every document again",
        footer="clear filter",
    ),
)

READING: tuple[Command, ...] = (
    Command("reading.next", "j,down", "move(1)", "Next", "Next sentence", "j ↓", group="sentence"),
    Command("reading.previous", "k,up", "move(-1)", "Previous", "Previous sentence", "k ↑", group="sentence"),
    Command(
        "reading.page_down",
        "pagedown,space",
        "page(1)",
        "Page down",
        "A page down",
        "PgDn space",
        group="page",
    ),
    Command("reading.page_up", "pageup", "page(-1)", "Page up", "A page up", "PgUp", group="page"),
    Command("reading.first", "g,home", "first", "First", "First sentence", "g", group="ends"),
    Command("reading.last", "G,end", "last", "Last", "Last sentence", "G", group="ends"),
    Command(
        "reading.claim",
        "c",
        "tag('claim')",
        "Claim",
        "Toggle claim on the sentence or selection",
        "c",
        group="tag",
    ),
    Command(
        "reading.quote",
        "q",
        "tag('quote')",
        "Quote",
        "Toggle quote on the sentence or selection",
        "q",
        group="tag",
    ),
    Command(
        "reading.fact",
        "f",
        "tag('fact')",
        "Fact",
        "Toggle fact on the sentence or selection",
        "f",
        group="tag",
    ),
    # Number keys tag by position in the label set (--labels), so any label set is one key away.
    *(
        Command(
            f"reading.label{n}",
            str(n),
            f"tag_nth({n - 1})",
            f"Label {n}",
            f"Toggle label {n} of the label set" + (f" ({default})" if default else ""),
            show=False,
        )
        for n, default in zip(range(1, 10), ("claim", "quote", "fact", *[""] * 6), strict=True)
    ),
    Command(
        "reading.select",
        "v",
        "select",
        "Select",
        "Start or extend a selection over several sentences",
        footer="select",
    ),
    Command(
        "reading.note", "e", "note", "Note", "Write or edit the note (and a quote's speaker)", footer="note"
    ),
    Command(
        "reading.clear",
        "x",
        "clear",
        "Clear",
        "Remove the labels of the sentence or selection",
        footer="clear",
    ),
    Command("reading.undo", "u", "undo", "Undo", "Undo the last change in this document", group="undo"),
    Command("reading.redo", "ctrl+r", "redo", "Redo", "Redo what was undone", "^r", group="undo"),
    Command(
        "reading.next_untagged",
        "right_square_bracket",
        "untagged(1)",
        "Next untagged",
        "Next untagged sentence",
        "]",
        group="untagged",
    ),
    Command(
        "reading.previous_untagged",
        "left_square_bracket",
        "untagged(-1)",
        "Prev untagged",
        "Previous untagged sentence",
        "[",
        group="untagged",
    ),
    Command(
        "reading.next_document",
        "right_curly_bracket",
        "document(1)",
        "Next doc",
        "Next document",
        "}",
        group="doc",
    ),
    Command(
        "reading.previous_document",
        "left_curly_bracket",
        "document(-1)",
        "Prev doc",
        "Previous document",
        "{",
        group="doc",
    ),
    Command("reading.search", "slash", "search", "Search", "Search the text", "/", footer="find"),
    Command("reading.next_hit", "n", "hit(1)", "Next hit", "Next search hit", group="hit"),
    Command("reading.previous_hit", "N", "hit(-1)", "Prev hit", "Previous search hit", group="hit"),
    Command(
        "reading.lines",
        "b",
        "lines",
        "Stripped",
        "The stripped lines, each with its reason; s flips one",
        footer="lines",
    ),
    Command(
        "reading.panel",
        "tab",
        "panel",
        "Panel",
        "This document's annotations beside the text",
        footer="panel",
    ),
    Command(
        "reading.accept",
        "a",
        "accept_suggestion",
        "Accept",
        "Accept the suggestion (?c ?q ?f) on the sentence: a real tag, speaker filled in",
        group="suggestion",
    ),
    Command(
        "reading.dismiss",
        "d",
        "dismiss_suggestion",
        "Dismiss",
        "Dismiss the suggestion on the sentence (it stays gone)",
        group="suggestion",
    ),
    Command(
        "reading.accept_all",
        "ctrl+a",
        "accept_all",
        "Accept all suggestions of a label...",
        "Accept every suggestion of one label in this article (asks first)",
        "^a",
        show=False,
    ),
    Command(
        "reading.suggestions",
        "S",
        "toggle_suggestions",
        "Show/hide suggestions",
        "Show or hide the suggested tags (for this session)",
        show=False,
    ),
    Command(
        "reading.back",
        "escape",
        "back",
        "Library",
        "Cancel the selection, else back to the library",
        footer="back",
    ),
)

LINES: tuple[Command, ...] = (
    Command(
        "lines.flip", "s", "flip", "Flip", "Flip the line between content and boilerplate", footer="flip"
    ),
    Command("lines.back", "escape,b", "back", "Back", "Back to the text", footer="back"),
)

SCOPES: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", GLOBAL),
    ("Library", LIBRARY),
    ("Reading", READING),
    ("Stripped lines", LINES),
)
