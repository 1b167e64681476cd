"""Article content or web boilerplate, decided line by line with a human reason.

PLACEHOLDER: the one-line rule; the real classifier replaces it (issue 2).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.text.lines import Line


@dataclass(frozen=True, slots=True)
class Decision:
    kept: bool
    reason: str


@dataclass(frozen=True)
class FolderStats:
    """How many files of one folder hold each line (by `line_key`)."""

    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def line_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def folder_stats(files_lines: Iterable[Iterable[str]]) -> FolderStats:
    counts: Counter[str] = Counter()
    files = 0
    for lines in files_lines:
        files += 1
        counts.update({line_key(t) for t in lines})
    return FolderStats(files, dict(counts))


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def classify(lines: Sequence[Line], *, folder: FolderStats | None = None) -> list[Decision]:
    out = []
    for line in lines:
        if len(line.text.split()) >= 8 and _SENTENCE_END.search(line.text):
            out.append(Decision(True, "sentence-like line"))
        else:
            out.append(Decision(False, "short line without sentence punctuation"))
    return out
