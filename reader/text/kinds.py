"""What each line of a page is (headline, paragraph, caption, ...) and which sentences can be tagged.

A headline, a sub-heading or a picture caption is the page's furniture, not a statement someone made:
its sentences are shown but not counted or offered for tagging. A kind is given to dropped lines too,
so a line the user keeps with `s` already says what it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.text.boilerplate import HEADLINE, R_CAPTION, R_COMMENT, R_READER_COMMENT, R_STANDFIRST, Decision
from reader.text.line_features import Features, cached_features, title_like
from reader.text.lines import Line

HEADLINE_KIND = "headline"
STANDFIRST = "standfirst"
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list item"
CAPTION = "caption"
FACTCHECK = "factcheck"
COMMENT = "comment"
KINDS = (HEADLINE_KIND, STANDFIRST, HEADING, PARAGRAPH, LIST_ITEM, CAPTION, FACTCHECK, COMMENT)
UNTAGGABLE = frozenset({HEADLINE_KIND, HEADING, CAPTION})

# The labelled lines of a fact-check box: "Claim: ...", "Rating: False", "Our ruling", "Verdict: ...".
FACTCHECK_LINE = re.compile(
    r"^(?:the\s+)?(?:claim|claims|rating|verdict|our\s+ruling|ruling|what'?s\s+true|what'?s\s+false"
    r"|fact\s*check|conclusion|утверждение|вердикт|твердження|вердикт|twierdzenie|werdykt|ocena"
    r"|behauptung|bewertung|affirmation|verdict|afirmación|veredicto)\s*[:：—–-]",
    re.IGNORECASE,
)
# A scraped metadata prefix at the start of a line ("date 2023-01-13 ", "Published: 2023-01-13 "): it
# says when, it is not said by anyone.
METADATA_PREFIX = re.compile(
    r"(?:date|dated|published|posted|updated)\s*[:/|-]?\s*\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?\s+(?=\S)",
    re.IGNORECASE,
)
_CAPTION_REASONS = frozenset({R_CAPTION, "photo caption", "picture gallery"})
_COMMENT_REASONS = frozenset({R_COMMENT, R_READER_COMMENT})
_STANDFIRST_WINDOW = 3  # lines below the headline a standfirst may sit


def line_kinds(lines: Sequence[Line], decisions: Sequence[Decision]) -> list[str]:
    """One kind per line, in order; linear, from the features the boilerplate step already computed."""
    kinds: list[str] = []
    headline = next((i for i, d in enumerate(decisions) if d.role == HEADLINE), None)
    standfirst = _standfirst(lines, decisions, headline)
    for i, (line, decision) in enumerate(zip(lines, decisions, strict=True)):
        kinds.append(_kind(i, line.text, decision, headline, standfirst))
    return kinds


def _kind(i: int, text: str, decision: Decision, headline: int | None, standfirst: int | None) -> str:
    if text.endswith(":") and decision.kept:
        return PARAGRAPH  # it introduces what follows ("Zelensky wrote on Telegram:"), even at the top
    if i == headline:
        return HEADLINE_KIND
    if i == standfirst:
        return STANDFIRST
    if FACTCHECK_LINE.match(text):
        return FACTCHECK
    reason = decision.reason
    if reason in _COMMENT_REASONS or decision.role == "comment":
        return COMMENT
    f = cached_features(text)
    if reason in _CAPTION_REASONS or f.credit or (f.strong in ("photo caption", "picture gallery")):
        return CAPTION
    if f.bullet:
        return LIST_ITEM
    if f.sentence:
        return PARAGRAPH
    if title_like(f, text) and not f.ends:
        return HEADING
    if f.words <= 20 and not f.ends:
        return LIST_ITEM
    return PARAGRAPH


def _standfirst(lines: Sequence[Line], decisions: Sequence[Decision], headline: int | None) -> int | None:
    """The summary right under the headline: a kept line of some length that does not end like the
    story's sentences do ("Belarus says it is ready" with no full stop), before the first paragraph."""
    if headline is None:
        return None
    for i in range(headline + 1, min(len(lines), headline + 1 + _STANDFIRST_WINDOW)):
        if not decisions[i].kept:
            continue
        if decisions[i].reason == R_STANDFIRST:
            return i
        f: Features = cached_features(lines[i].text)
        if 8 <= f.words <= 60 and not f.ends and not f.bullet and not FACTCHECK_LINE.match(lines[i].text):
            return i
        return None
    return None


def metadata_prefix(text: str) -> int:
    """Length of a scraped metadata prefix at the start of `text` (0 when there is none)."""
    match = METADATA_PREFIX.match(text)
    return match.end() if match else 0
