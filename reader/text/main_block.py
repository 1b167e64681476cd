"""The main text block of a page and its headline, from per-line features.

The block is the run of lines with the best balance of sentence-like lines (positive weight) against
short, menu-like or pitch lines (negative weight), found in one linear pass (max subarray); live-page
stamps and a list the article announces at its end are added to it. The headline is the title-like
line above it that shares the most words with its first paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.text.line_features import PICTURE_REASONS, Features, title_like
from reader.text.lines import Line
from reader.text.words import ORG_WORDS, TITLES, WORD

# Weights: how much a line pulls the main block towards itself (positive) or away (negative).
W = {
    "strong": -3.0,
    "picture": -1.0,  # captions and galleries sit inside articles: dropped, but they do not end one
    "section_end": -8.0,
    "repeated": -3.0,
    "repeated_prose": 0.5,
    "inline": -1.0,
    "ui": -1.5,
    "byline": -1.0,
    "dated": -3.0,
    "stamp": -0.2,
    "run2": -1.0,  # extra cost of a run of two or more non-sentence lines (teaser and comment rhythm)
    "min_block": 4.0,  # a block before the comments wins if it weighs this much
    "early_share": 0.2,  # ... and this share of the best block's weight
    "comment_author": -6.0,
    "sentence_base": 1.0,
    "sentence_per_word": 1 / 12,
    "sentence_cap": 60,
    "ends_medium": 0.3,
    "bullet_medium": 0.2,
    "medium": -0.8,
    "medium_lower": 0.0,
    "short": -1.0,
}


def weight(f: Features) -> float:
    if f.section_end:
        return W["section_end"]
    if f.comment_author:
        return W["comment_author"]
    if f.strong:
        return W["picture"] if f.strong in PICTURE_REASONS else W["strong"]
    if f.ui:
        return W["ui"]
    if f.stamp:
        return W["stamp"]
    if f.dated:
        return W["dated"]
    if f.byline or f.credit or f.date_only:
        return W["byline"]
    if f.sentence:
        return W["sentence_base"] + min(f.words, W["sentence_cap"]) * W["sentence_per_word"]
    if f.ends and f.words >= 4:
        return W["ends_medium"]
    if f.bullet and f.words >= 4:
        return W["bullet_medium"]
    if f.words >= 4 and f.lowerish:
        return W["medium_lower"]
    if f.words >= 4:
        return W["medium"]
    return W["short"]


def prose(f: Features) -> bool:
    return f.sentence and not f.strong


def main_block(
    weights: Sequence[float],
    markers: Sequence[int],
    authors: frozenset[int] = frozenset(),
    threads: frozenset[int] = frozenset(),
) -> tuple[int, int]:
    """The [start, end) run with the best balance of article lines (Kadane, one linear pass).

    Comment threads follow the article and can outweigh a short one, so when the best run lies after a
    comment marker, the best run before the first such marker wins if it carries a fair share of weight.
    """
    n = len(weights)
    marker_set = set(markers)
    prefix: dict[int, tuple[float, int, int]] = {}  # best run strictly before each marker
    best, best_start, best_end = 0.0, 0, 0
    run, run_start = 0.0, 0
    for i in range(n):
        if i in marker_set:
            prefix[i] = (best, best_start, best_end)
        if run <= 0:
            run, run_start = 0.0, i
        run += weights[i]
        if run > best:
            best, best_start, best_end = run, run_start, i + 1
    floor = max(W["min_block"], W["early_share"] * best)
    for m in markers:
        if best_start < m < best_end and m in threads:
            # A thread's heading inside the best run ("10 thoughts on ..."): the comments outweighed it.
            if sum(weights[best_start:m]) >= floor:
                # ... and ends where its weight peaks: share bars and the author box before the thread go.
                total, top, top_end = 0.0, 0.0, m
                for k in range(best_start, m):
                    total += weights[k]
                    if total > top:
                        top, top_end = total, k + 1
                return best_start, top_end
            break
    for m in markers:
        if m > best_start:
            break
        early, e_start, e_end = prefix[m]
        # A real thread (two commenters' name lines after the marker): the post before it is the article
        # however short it is beside the comments.
        thread = sum(1 for k in markers if k >= m and k in authors) >= 2 if authors else False
        if early >= floor or (thread and early >= W["min_block"]):
            return e_start, e_end
    return best_start, best_end


def extend_live_entry(feats: Sequence[Features], texts: Sequence[str], start: int, end: int) -> int:
    """On a live page (stamped entries), the first entry's stamp and heading belong to the block."""
    if sum(1 for i in range(start, min(end, start + 200)) if feats[i].stamp) < 2:
        return start
    if start >= 1 and feats[start - 1].stamp:
        return start - 1
    if start >= 2 and feats[start - 2].stamp and title_like(feats[start - 1], texts[start - 1]):
        return start - 2
    return start


_ITEM_START = re.compile(
    r"^(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)", re.IGNORECASE
)
_ITEM_MARKERS = (
    ("dash", re.compile(r"\s(–|—|--|-)\s")),
    ("colon", re.compile(r":\s")),
    ("paren", re.compile(r"\(")),
    ("comma", re.compile(r",\s")),
)


def _item_shape(f: Features, text: str) -> tuple[bool, frozenset[str]] | None:
    """(starts with a number or date, its separators), or None when the line cannot be a data row."""
    if f.strong or f.ui or f.comment_author or f.byline or f.sentence or f.words < 2 or f.words > 20:
        return None
    return bool(_ITEM_START.match(text)), frozenset(n for n, p in _ITEM_MARKERS if p.search(text))


def _plain_item(f: Features) -> bool:
    if f.strong or f.ui or f.byline or f.credit or f.dated or f.comment_author or f.sentence:
        return False
    return 3 <= f.words <= 25 and (f.lowerish or f.bullet)


def extend_trailing_list(feats: Sequence[Features], texts: Sequence[str], end: int) -> int:
    """A list the article announces at its end ("Tour dates:", "Qualified teams") belongs to it.

    The announcing line right after the block, then at least three rows of one shape (same start, a
    shared separator: "June 9 – Tampa, FL", "England (Group A): 10th appearance") extend the block.
    """
    n = len(feats)
    if end == 0 or end + 3 >= n:
        return end
    head = feats[end]
    short_heading = 1 <= head.words <= 8 and not head.ends and not head.byline and not head.credit
    announces = texts[end].endswith(":") or (
        (title_like(head, texts[end]) or short_heading) and not head.dated
    )
    if not announces or head.strong or head.ui:
        return end
    if texts[end].endswith(":"):
        # "Dare to Play 3:" over lines of plain words ("Dozens of tricky questions that ..."): its items.
        i = end + 1
        while i < n and _plain_item(feats[i]):
            i += 1
        if i - (end + 1) >= 3:
            return i
    first = _item_shape(feats[end + 1], texts[end + 1])
    if first is None or not first[1]:
        return end
    own = _item_shape(head, texts[end])
    if own is not None and own[0] == first[0] and own[1] & first[1] and not texts[end].endswith(":"):
        return end  # "Director: ..." above "Cast: ...": an info box's first row, not a heading
    i = end + 1
    while i < n:
        shape = _item_shape(feats[i], texts[i])
        if shape is None or shape[0] != first[0] or not (shape[1] & first[1]):
            break
        i += 1
    return i if i - (end + 1) >= 3 else end


_STEM = re.compile(WORD)  # a word of any script, its combining marks included (Hindi vowel signs)
_NAME_LINE = re.compile(
    r"^(?:[A-Z][\w'’.-]*\.?(?: |$)){1,4}(?:(?:and|&|,) ?(?:[A-Z][\w'’.-]*\.?(?: |$)){1,4})*$"
    r"|(?i:associated press|\bstaff writer|\bsports writer|\bcorrespondent\b|\bcontributor\b|\bcolumnist\b"
    r"|\breporter$)"
)


_TICKER = re.compile(r"^(?i:breaking(?: news)?|just in|developing(?: story)?)\s*[:|–—-]\s")
_SCORE_LINE = re.compile(r"^[^\d:]{2,40}\s\d{1,3}\s?[-–:]\s?\d{1,3}\s[^\d:]{2,40}$")
_WHOLE_QUOTE = re.compile(r'^["“«„‘\'][^"“”«»„]*["”»“’\']\W*$')


def _headline_over_byline(
    lines: Sequence[Line], feats: Sequence[Features], best: int, blocked: Sequence[bool], story: set[str]
) -> int:
    """The chosen line sits under a byline or date: the headline is the title-like line just above them
    (the standfirst under the byline echoes the story more, but the headline comes first)."""
    i = best - 1
    if i >= 0 and _name_and_place_over_date(lines, feats, best):
        above = lines[i].text
        plain = not _title_and_name(above) and not _WHOLE_QUOTE.match(above)
        longer = feats[i].words > feats[best].words
        if not blocked[i] and longer and plain and title_like(feats[i], above) and stems(above) & story:
            return i
    if i < 0 or not _byline_or_date(feats[i]):
        return best
    while i >= 0 and best - i <= 4 and _byline_or_date(feats[i]):
        i -= 1
    if i < 0 or blocked[i]:
        return best
    text = lines[i].text
    f = feats[i]
    plain = not _title_and_name(text) and not _WHOLE_QUOTE.match(text)
    if title_like(f, text) and plain and stems(text) & story:
        return i
    return best


def _name_and_place_over_date(lines: Sequence[Line], feats: Sequence[Features], best: int) -> bool:
    """The chosen line is a byline of the form "Name, Place" right above the date line (Hindi "राहुल
    शर्मा, नदीपुर"): in a script without capitals nothing else tells it from a short title."""
    f = feats[best]
    return (
        f.words <= 4
        and "," in lines[best].text
        and not f.ends
        and best + 1 < len(lines)
        and _byline_or_date(feats[best + 1])
    )


def _byline_or_date(f: Features) -> bool:
    return f.byline or f.date_only or (f.dated and f.words <= 8)


_CAPITALISED = re.compile(r"^[A-ZА-ЯЁІЇЄҐЎ][\w'’.-]*$")


def _title_and_name(text: str) -> bool:
    """A person's title and name, or an organisation's ("Spokesman Major General Igor Konashenkov",
    "Russian Defense Ministry"): every word capitalised and a title or body word among them."""
    words = text.split()
    return (
        2 <= len(words) <= 7
        and all(_CAPITALISED.match(w) for w in words)
        and any(w in TITLES or w in ORG_WORDS for w in words)
    )


def stems(text: str) -> frozenset[str]:
    """Content-word stems (first five letters) for cheap overlap between a headline and its story.

    Remembered: the same opening lines are asked for by the headline, the bridges and the kinds. Only
    the first 600 characters count, so they are the key: a whole line as the key kept every long line
    of the last 4,096 alive (76 MB after titling 2,000 one-paragraph articles). The lines asked again
    are one document's, close together, so 512 keys (~1.3 MB full) do: 4,096 held ~10 MB once full,
    which an export with --corpus reached only on big stores (its memory grew with the store)."""
    key = text[:600]
    found = _STEMS.get(key)
    if found is None:
        found = frozenset(w[:5].casefold() for w in _STEM.findall(key) if len(w) >= 4)
        if len(_STEMS) >= 512:
            _STEMS.clear()
        _STEMS[key] = found
    return found


_STEMS: dict[str, frozenset[str]] = {}


def find_headline(
    lines: Sequence[Line],
    feats: Sequence[Features],
    block: tuple[int, int],
    blocked: Sequence[bool],
    page_repeated: Sequence[bool],
    window: int = 30,
) -> int | None:
    """The title-like line above the main block that best shares words with the story's first lines.

    A headline summarises the lede, so word overlap picks it out from menus, bylines, credits and
    teasers; nearness breaks ties. Without any overlap, the nearest longish title-like line is taken.
    """
    start, end = block
    story: set[str] = set()
    for i in range(start, min(end, start + 4)):
        story |= stems(lines[i].text)
    best, best_score, fallback = None, 0.0, None
    n = len(feats)
    for i in range(start - 1, max(-1, start - 1 - window), -1):
        f = feats[i]
        text = lines[i].text
        if blocked[i] or not title_like(f, text):
            continue
        distance = start - i
        if f.words <= 6 and _NAME_LINE.search(text):
            continue  # a byline: "Chris Stevenson", "Tom Davies Associated Press"
        if _WHOLE_QUOTE.match(text):
            continue  # a quotation on its own line: a fact-check's claim or a pull quote
        if f.words <= 8 and _SCORE_LINE.match(text):
            continue  # a scoreboard: "Rovers 2-1 Athletic"
        ticker = bool(_TICKER.match(text))  # "BREAKING: ..." is a headline only when nothing else is
        line_stems = stems(text)
        overlap = len(line_stems & story)
        if overlap:
            score = overlap / (len(line_stems) ** 0.5) - 0.02 * distance - (0.3 if page_repeated[i] else 0.0)
            # A headline sits on top of its byline and date; a name with a title ("Spokesman Major General
            # Igor Konashenkov") or a standfirst's long summary is no headline.
            if any(_byline_or_date(feats[k]) for k in range(i + 1, min(n, i + 3))):
                score += 0.5
            if _title_and_name(text):
                score -= 0.6
            if f.words >= 16:
                score -= 0.3
            if ticker:
                score -= 1.0
            if score > best_score:
                best, best_score = i, score
        elif fallback is None and distance <= 6 and f.words >= 2 and not page_repeated[i]:
            fallback = i
    if best is not None:
        best = _headline_over_byline(lines, feats, best, blocked, story)
    if best is not None and best >= 1:
        # A headline and its standfirst both echo the story; the headline comes first.
        above = best - 1
        if (
            not blocked[above]
            and title_like(feats[above], lines[above].text)
            and not (feats[above].words <= 6 and _NAME_LINE.search(lines[above].text))
            and not _title_and_name(lines[above].text)
            and not _TICKER.match(lines[above].text)
            and feats[above].words <= feats[best].words  # a standfirst is longer than its headline
            and lines[best].text not in lines[above].text  # not a breadcrumb ending in the headline
            and stems(lines[above].text) & story
        ):
            return above
    return best if best is not None else fallback
