"""Every other scope's commands (the app, the library, the lists, the dialogs), and `SCOPES`: the
order in which the help screen, the README table and `reader --bindings` list them all."""

from __future__ import annotations

from reader.commands.agreement import AGREEMENT, CURATION
from reader.commands.command import Command
from reader.commands.reading import READING
from reader.commands.review import REVIEW

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
        id="agreement",
        keys="K",
        action="agreement",
        title="Agreement",
        help="How much the annotators agree, per label and per document",
        footer="agreement",
        show=False,
    ),
    Command(
        id="curate",
        keys="",
        action="curate",
        title="Curate this document",
        help="Walk the open document's disagreements and choose the gold version",
    ),
    Command(
        id="export",
        keys="",
        action="export",
        title="Export annotations...",
        help="Write the annotations to a file, in any export format",
    ),
    Command(
        id="progress",
        keys="P",
        action="progress",
        title="Progress",
        help="Tagging progress per label, annotator and day, corpus and documents",
        footer="progress",
    ),
    Command(
        id="goto_document",
        keys="",
        action="goto_document",
        title="Go to document...",
        help="Find a document by title or file name (fuzzy) and open it",
    ),
    Command(
        id="sync",
        keys="",
        action="sync",
        title="Sync",
        help="Send your tags to the team's git remote and take everyone else's (reader sync)",
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
        group="sort",  # "d/t/p sort": the library's key bar on one line at 100 columns
    ),
    Command(
        id="library.sort_title",
        keys="t",
        action="sort('title')",
        title="By title",
        help="Sort by title (again: reverse)",
        footer="by title",
        group="sort",  # "d/t/p sort": the library's key bar on one line at 100 columns
    ),
    Command(
        id="library.sort_progress",
        keys="p",
        action="sort('progress')",
        title="By progress",
        help="Sort by tagged share (again: reverse)",
        footer="by progress",
        group="sort",  # "d/t/p sort": the library's key bar on one line at 100 columns
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

LINES: tuple[Command, ...] = (
    Command(
        id="lines.down",
        keys="j",
        action="move(1)",
        title="Down",
        help="Next line (the arrows too)",
        show=False,
    ),
    Command(
        id="lines.up",
        keys="k",
        action="move(-1)",
        title="Up",
        help="Previous line",
        show=False,
    ),
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
        help="Filter by text, label, speaker, annotator, document, verdict, date",
        key_display="/",
    ),
    Command(
        id="annotations.clear_filters",
        keys="ctrl+l",
        action="clear_filters",
        title="Clear filters",
        help="Empty every filter field",
    ),
    Command(
        id="annotations.edit",
        keys="e",
        action="edit",
        title="Edit...",
        help="Change the highlighted annotation's label, note and speaker",
        footer="edit",
    ),
    Command(
        id="annotations.delete",
        keys="d,delete",
        action="delete",
        title="Delete",
        help="Delete the highlighted annotation, orphans too (u undoes)",
        key_display="d",
        footer="delete",
    ),
    Command(
        id="annotations.reattach",
        keys="r",
        action="reattach",
        title="Re-attach...",
        help="Attach the highlighted orphan to a sentence of its document",
        footer="re-attach",
    ),
    Command(
        id="annotations.delete_shown",
        keys="D",
        action="delete_shown",
        title="Delete all shown...",
        help="Delete every annotation the filters show, after a yes (u undoes)",
        footer="delete shown",
    ),
    Command(
        id="annotations.undo",
        keys="u",
        action="undo",
        title="Undo",
        help="Take back the last change made on this screen",
        footer="undo",
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
    Command(
        id="annotations.verdict",
        keys="V",
        action="verdict",
        title="Verdict...",
        help="Set the highlighted claim's verdict, claimant and review URL",
    ),
    Command(id="annotations.up", keys="up,k", action="move(-1)", title="Up", help="Previous row", show=False),
    Command(
        id="annotations.down", keys="down,j", action="move(1)", title="Down", help="Next row", show=False
    ),
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

EXPORT_FORMATS: tuple[Command, ...] = (
    # The export dialog's list of formats: the arrows move, Space chooses (the radio set's own keys).
    Command(
        id="export.choose",
        keys="enter",
        action="submit",
        title="Choose and export",
        help="Choose the highlighted format and write the file",
        show=False,
    ),
)

EXPORT_OPTIONS: tuple[Command, ...] = (
    # The export dialog's "include suggestions" box: Space ticks it, Enter exports as everywhere else.
    Command(
        id="export.tick",
        keys="space",
        action="toggle_button",
        title="Tick",
        help="Tick or untick the box",
        show=False,
    ),
    Command(
        id="export.submit",
        keys="enter",
        action="submit",
        title="Export",
        help="Write the file (Enter exports from any field of the dialog)",
        show=False,
    ),
)

PROGRESS: tuple[Command, ...] = (
    Command(
        id="progress.close",
        keys="escape,P",
        action="close",
        title="Close",
        help="Back to where you were",
        key_display="esc",
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
    ("Reviewing (reading screen)", REVIEW),
    ("Annotation panel", PANEL),
    ("Stripped lines", LINES),
    ("Annotations", ANNOTATIONS),
    ("Annotation table", ANNOTATION_TABLE),
    ("Progress", PROGRESS),
    ("Export dialog", EXPORT),
    ("Export formats", EXPORT_FORMATS),
    ("Export options", EXPORT_OPTIONS),
    ("Note and label dialogs", DIALOG),
    ("Confirm dialog", CONFIRM),
    ("Help", HELP),
    ("Agreement", AGREEMENT),
    ("Curation mode (reading screen)", CURATION),
)
