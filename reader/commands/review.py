"""The reading screen's team commands: review mode (who tagged what, whose tags are shown) and the
finished mark. Their own scope, beside `READING`, so the help lists them together."""

from __future__ import annotations

from reader.commands.command import Command

REVIEW: tuple[Command, ...] = (
    Command(
        id="reading.review",
        keys="R",
        action="review",
        title="Review mode",
        help="Who tagged each sentence (a letter per annotator), counts per annotator",
        footer="review",
        show=False,
    ),
    Command(
        id="reading.whose",
        keys="w",
        action="whose",
        title="Whose tags",
        help="Show everyone's tags, then yours, then each other annotator's",
        footer="whose",
        show=False,
    ),
    Command(
        id="reading.finish",
        keys="F",
        action="finish",
        title="Mark finished",
        help="Mark the document finished (untagged: none of the labels); again unmarks",
        footer="finished",
        show=False,
    ),
)
