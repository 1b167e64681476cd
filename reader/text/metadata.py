"""The headline and the publication date a page states.

PLACEHOLDER: the real rules replace it (issue 2).
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.text.boilerplate import Decision
from reader.text.document import Document
from reader.text.lines import Line


def find_title(document: Document, lines: Sequence[Line], decisions: Sequence[Decision]) -> str | None:
    if document.hints.get("title"):
        return document.hints["title"]
    for line, decision in zip(lines, decisions, strict=True):
        if decision.kept:
            return line.text
    return None


def find_date(document: Document, lines: Sequence[Line], decisions: Sequence[Decision]) -> str | None:
    return None
