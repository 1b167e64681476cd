"""The agreement screen's commands and the reading screen's curation mode's."""

from __future__ import annotations

from reader.commands.command import Command

AGREEMENT: tuple[Command, ...] = (
    Command(
        id="agreement.open",
        keys="enter",
        action="open",
        title="Open at first disagreement",
        help="Read the highlighted document at its first disagreement",
        footer="open",
    ),
    Command(
        id="agreement.curate",
        keys="C",
        action="curate",
        title="Curate",
        help="Walk the highlighted document's disagreements and choose the gold version",
        footer="curate",
    ),
    Command(
        id="agreement.refresh",
        keys="r",
        action="refresh",
        title="Recount",
        help="Count the agreement again (after new tags or finished marks)",
        footer="recount",
    ),
    Command(id="agreement.close", keys="escape", action="close", title="Close", help="Back", footer="back"),
)

CURATION: tuple[Command, ...] = (  # the reading screen's curation mode (reading_curation.py)
    Command(
        id="curation.mode",
        keys="C",
        action="curate('toggle')",
        title="Curation mode",
        help="Walk this document's disagreements and write the gold version (again: leave)",
        footer="curate",
        show=False,
    ),
    Command(
        id="curation.next",
        keys="n,right_square_bracket",
        action="curate('step', 1)",
        title="Next disagreement",
        help="Go to the next disagreement",
        key_display="n",
        footer="next",
    ),
    Command(
        id="curation.previous",
        keys="N,left_square_bracket",
        action="curate('step', -1)",
        title="Previous disagreement",
        help="Go to the previous disagreement",
        key_display="N",
        footer="prev",
    ),
    *(
        Command(
            id=f"curation.take{n}",
            keys=str(n),
            action=f"curate('take', {n - 1})",
            title=f"Take version {n}",
            help=f"Put annotator {n}'s version of this disagreement in the gold layer",
            show=n == 1,
            key_display="1-9" if n == 1 else None,
            footer="take",
        )
        for n in range(1, 10)
    ),
    Command(
        id="curation.none",
        keys="0,x",
        action="curate('none')",
        title="Take none",
        help="No label here in the gold layer",
        key_display="0",
        footer="none",
    ),
    Command(
        id="curation.tag",
        keys="t",
        action="curate('tag')",
        title="Tag anew...",
        help="Choose a label for the whole disagreement in the gold layer (again: remove it)",
        footer="tag",
    ),
    Command(
        id="curation.undo",
        keys="u",
        action="curate('undo')",
        title="Undo gold change",
        help="Take back the last gold change",
        footer="undo",
    ),
    Command(
        id="curation.redo",
        keys="ctrl+r",
        action="curate('redo')",
        title="Redo gold change",
        help="Redo the gold change",
        show=False,
    ),
    Command(
        id="curation.close",
        keys="escape",
        action="curate('leave')",
        title="Leave curation",
        help="Back to reading (the gold layer stays as written)",
        footer="leave",
    ),
)
