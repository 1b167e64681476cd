"""Fact-check boxes (Snopes, PolitiFact, Polygraph and the like): the claim, who made it, the verdict.

A box is a few short lines above the story: "Claim: ...", "Rating: False"; or a claimant ("Greg
Holloway" / "stated on September 28, 2022 in a campaign ad:"), the claim in quotation marks, then
"Rating:" or "Verdict:". The claim is the page's subject, so it is suggested as a claim with the
claimant as speaker and the rating as its verdict, for the claim-verdict work that follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.text.words import ORG_WORDS, TITLES

CLAIM_LABEL = re.compile(
    r"^(?:the\s+)?(?:claim|claims|what was claimed|утверждение|твердження|сцвярджэнне|twierdzenie"
    r"|behauptung|affirmation|afirmación)\s*[:：—–-]\s*",
    re.IGNORECASE,
)
RATING_LABEL = re.compile(
    r"^(?:our\s+)?(?:rating|verdict|ruling|truth-o-meter|вердикт|оценка|оцінка|ацэнка|werdykt|ocena"
    r"|bewertung|urteil|verdicto|veredicto)\s*[:：—–-]\s*(?P<verdict>[^.!?]{1,40})[.!]?$",
    re.IGNORECASE,
)
_WHOLE_QUOTE = re.compile(r'^["“«„][^"“”«»„]{10,}["”»“]\W*$')
_CLAIMANT_TAIL = re.compile(r"^(?:stated|said|claimed|posted|wrote|tweeted)\b.*:$", re.IGNORECASE)
_NAME = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐЎ][\w'’.-]*\s+){0,5}[A-ZА-ЯЁІЇЄҐЎ][\w'’.-]*$")
BOX_REACH = 4  # lines between a claim and its rating, or a claim and its claimant


class Spanned(Protocol):
    """A line with its offsets: `lines.Line` or the pipeline's `LineInfo`."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Box:
    claim_line: int  # index into the page's lines
    claim_start: int  # offsets of the claim itself (without "Claim:" or its quotation marks)
    claim_end: int
    claimant: str | None
    verdict: str | None


def rating_line(text: str) -> str | None:
    """ "Rating: False" -> "false"; None for any other line."""
    match = RATING_LABEL.match(text)
    return " ".join(match.group("verdict").split()).casefold().strip(" !") if match else None


def is_box_line(text: str) -> bool:
    return bool(CLAIM_LABEL.match(text) or RATING_LABEL.match(text))


def find_boxes(lines: Sequence[Spanned], upto: int) -> list[Box]:
    """The boxes among the first `upto` lines (a "Verdict: False" teaser after the story is none)."""
    boxes: list[Box] = []
    for i in range(min(upto, len(lines))):
        text = lines[i].text
        label = CLAIM_LABEL.match(text)
        quoted = label is None and _WHOLE_QUOTE.match(text) is not None
        if not label and not quoted:
            continue
        verdict = next(
            (
                v
                for k in range(i + 1, min(len(lines), i + 1 + BOX_REACH))
                if (v := rating_line(lines[k].text))
            ),
            None,
        )
        if quoted and verdict is None:
            continue  # a pull quote, not a box
        start = lines[i].start + (label.end() if label else 1)
        end = lines[i].end
        if quoted:
            end = lines[i].start + max(text.rfind(c) for c in '"”»“')
        boxes.append(Box(i, start, end, _claimant(lines, i), verdict))
    return boxes


def _claimant(lines: Sequence[Spanned], claim: int) -> str | None:
    """The person (or body) above the claim: "Greg Holloway" over "stated on ... in a campaign ad:",
    or "Spokesman Major General Igor Konashenkov" (titles dropped) under "Russian Defense Ministry"."""
    for k in range(claim - 1, max(-1, claim - 1 - BOX_REACH), -1):
        text = lines[k].text.strip()
        if _CLAIMANT_TAIL.match(text):
            continue
        if not _NAME.match(text) or len(text.split()) > 6:
            return None
        words = text.split()
        while words and words[0].strip(".") in TITLES:
            words = words[1:]
        if not words:
            return None
        if any(w in ORG_WORDS for w in words):
            return " ".join(text.split())  # a body speaks as itself: "Russian Defense Ministry"
        return " ".join(words)
    return None
