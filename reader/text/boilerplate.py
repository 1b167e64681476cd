"""Article content or web boilerplate, decided line by line with a human reason.

Text-only rules that worked on real saved pages:
1. The main text block: the run of lines with the best balance of sentence-like lines (positive weight)
   against short, menu-like or pitch lines (negative weight), found in one linear pass (max subarray).
   Lines outside it are boilerplate; short lines inside it (sub-headings, list items) are kept.
2. Strong phrase lists (cookie notices, subscription pitches, share widgets, related links, chat widgets)
   on lines of any length, and generic interface words only when they make up a short line.
3. The headline: the title-like line above the main block that shares the most words with its first
   paragraphs (menus, bylines, credits and teasers share none).
4. Repetition across the files of one folder: a line most files hold is a site widget, unless it is a
   sentence of the article that does not address the reader (a shared quotation, a story saved twice).
5. Structure inside the block: bylines, picture credits and the captions above them, comment threads
   after it, live-page time stamps kept with their entries.

Everything is linear in the size of the text: each line costs a bounded amount of work (phrases are
searched only near its start, behind cheap trigger-word checks), and the block is one Kadane pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.text import phrases
from reader.text.lines import Line
from reader.text.words import READER_PRONOUNS


@dataclass(frozen=True, slots=True)
class Decision:
    kept: bool
    reason: str
    role: str = ""  # "headline" for the page headline; empty otherwise


@dataclass(frozen=True)
class FolderStats:
    """How many files of one folder hold each line (by `line_key`), the classified file included.

    `classify` treats a line held by most files (and at least two) of a folder of three or more as a
    site widget, and a short line held by three files and a fifth of the folder as one too.
    """

    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)


_KEY_CHARS = 300  # two lines that agree this far are the same widget


def line_key(text: str) -> str:
    """Case- and space-insensitive identity of a line, bounded so huge lines stay cheap."""
    return " ".join(text[:_KEY_CHARS].split()).casefold()


def folder_stats(files_lines: Iterable[Iterable[str]]) -> FolderStats:
    """Count each line once per file: a widget repeated on one page is still one file's widget."""
    counts: Counter[str] = Counter()
    files = 0
    for lines in files_lines:
        files += 1
        counts.update({line_key(t) for t in lines})
    return FolderStats(files, dict(counts))


HEADLINE = "headline"

# Reasons, in words a reader understands.
R_SENTENCE = "article text: sentence-like line in the main text block"
R_SHORT_IN_BLOCK = "short line inside the main text block (sub-heading or list item)"
R_HEADLINE = "headline: title-like line just before the main text block"
R_OUTSIDE = "outside the main text block"
R_NAV = "navigation: short line without sentence punctuation"
R_UI = "navigation: interface words only"
R_COMMENT = "comment thread: commenter's name line"
R_BYLINE = "byline or credit line"
R_CAPTION = "photo caption (followed by a picture credit)"
R_STAMP = "time stamp of an entry inside the main text block"
R_NO_BLOCK = "no main text block on this page: kept, as no widget rule rejects it"
R_SEPARATOR = "separator: no letters or digits"
R_DATE_ONLY = "date or time stamp outside the article"

_CLOSERS = "\"'”’»)]」』）"
_ENDERS = frozenset(".!?…。！？")
_BULLET = re.compile(r"^([-–—•*·▪►‣+]|\d{1,2}[.)])\s+\S")
_BREADCRUMB = re.compile(r"\s[>»›|]\s|[a-z][|][A-Z]")
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|author|posted by|story by|text by|reporting by)\s*:?\s+[A-Z\u00C0-\u024F]"
)
_BY_NAME = re.compile(r"\b(?i:by) [A-Z]")
# Comment threads: "jsmith says:", "Anna on May 3, 2019 at 5:23 pm said:".
_COMMENT_AUTHOR = re.compile(r"^(\d+\.\s+)?\S+(\s\S+){0,3} says:?$|\b(said|says|wrote):$", re.IGNORECASE)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_HAS_DATE = re.compile(
    rf"\b{_MONTH} \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}}(st|nd|rd|th)? {_MONTH},? \d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}:\d{2}\s*([ap]\.?m\.?)?"
    r"|\b\d+ (min|mins|minutes?|hours?|hrs?|days?|weeks?) ago\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(getty images|shutterstock|istock|\bafp\b|\bap photo\b|\breuters\b|\bepa\b|\bimago\b|\balamy\b"
    r"|^\(?(photo|image|picture|photograph|illustration|credit|source|video)s?( credit)?\s*:"
    r"|^\(?(photo|image)s? by\b|\bcredits?\s*(:|\.\.\.|…)|associated press\)?$)",
    re.IGNORECASE,
)
# A line made only of date and time tokens ("18 NOV 2019", "Nov 19, 2019 at 9:08 GMT", "5 min read"),
# checked token by token so no input can make the pattern backtrack.
_DATE_TOKEN = re.compile(
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|\d{1,4}(st|nd|rd|th|am|pm|h|m|s)?|[apm]"
    r"|(gmt|utc)\d*|[a-z]{2,4}t|[a-z]{0,6}day|mon|tue|wed|thu|fri|sat|sun|updated|published|posted|on|at|ago"
    r"|min|mins|minutes?|hours?|hrs?|days?|weeks?|read|last|edited|modified",
    re.IGNORECASE,
)
_DATE_SEPARATORS = re.compile(r"[\s,./|:·•()-]+")


def _date_only(text: str) -> bool:
    tokens = [t for t in _DATE_SEPARATORS.split(text) if t]
    return bool(tokens) and all(_DATE_TOKEN.fullmatch(t) for t in tokens)


_HAS_DIGIT = re.compile(r"\d")
# A live page's entry stamp: a time of day, maybe with a zone, a short date or "Updated".
_TIME_STAMP = re.compile(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?(?:\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+)?"
    r"(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?$"
    r"|^(?:updated\s+|posted\s+)?\d{1,2}\s?(?:h|hr|hrs|hours?|m|min|mins|minutes?)\s+ago$",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\S+")


@dataclass(slots=True)
class _Features:
    words: int
    chars: int
    ends: bool  # ends with sentence punctuation
    sentence: bool  # sentence-like: long enough and ends like a sentence, or simply long
    strong: str | None  # a strong phrase's reason
    ui: bool
    byline: bool
    credit: bool
    date_only: bool
    dated: bool  # a short line holding a date or time
    stamp: bool  # only a time of day: a live page's entry stamp
    bullet: bool
    comment_author: bool
    lowerish: bool  # most words after the first start in lower case: prose, not a title or a menu
    section_end: bool  # a heading that opens the page's teaser, tag or comment section
    bare: bool = False  # no letter or digit at all: "* * *", "___", "|"


# Widgets written as sentences always talk to the reader ("our newsletter", "you agree"); an article
# sentence that merely mentions subscribing or cookies ("2 million people subscribe to the paper") does not.
_TALKS_TO_READER = frozenset(
    {
        "subscription pitch",
        "social links",
        "chat widget",
        "share buttons",
        "comments section",
        "cookie notice",
        "related links",
        "browser notice",
    }
)
_READER_WORDS = READER_PRONOUNS | {"yours", "ours"}
_PICTURE_REASONS = frozenset({"photo caption", "picture gallery"})
_SECTION_END_REASONS = frozenset({"related links", "comments section", "tags"})

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


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _count_words(text: str, cap: int = 64) -> int:
    """Word count, exact up to `cap`: a megabyte line does not need every word counted.

    Chinese and Japanese write no spaces: there, two characters count as one word.
    """
    if len(text) < 2000:
        n = len(text.split())
    else:
        n = 0
        for _ in _WORDS.finditer(text):
            n += 1
            if n >= cap:
                break
    if n * 8 < len(text) and n < cap:
        n = max(n, min(cap, len(_CJK.findall(text, 0, 2 * cap * 2)) // 2))
    return n


def _lowerish(text: str) -> bool:
    words = text[:200].split()[1:16]
    alpha = [w for w in words if w[0].isalpha()]
    if len(alpha) < 2:
        return False
    return sum(w[0].islower() for w in alpha) * 2 >= len(alpha)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CREDIT_TRIGGERS = _wordset(
    "getty images shutterstock istock afp ap reuters epa imago alamy photo photos image picture pictures"
    " photograph photographs illustration credit credits source video associated press"
)
_BYLINE_STARTS = _wordset("by written words author posted story text reporting")


def _features(text: str) -> _Features:
    """Everything the rules need about one line, each costly check gated by a cheap one."""
    words = _count_words(text)
    ends = text.rstrip(_CLOSERS)[-1:] in _ENDERS
    sentence = (words >= 8 and ends) or words >= 25
    low, wset = phrases.head_words(text)
    strong = phrases.strong_reason(low, wset)
    if strong in _TALKS_TO_READER and words >= 12 and sentence and wset.isdisjoint(_READER_WORDS):
        strong = None  # a long sentence that does not address the reader is reporting, not a widget
    bullet = bool(_BULLET.match(text))
    if words > 20 or len(text) > 200:
        # A long line: none of the short-line checks (menus, bylines, stamps, credits) applies.
        return _Features(
            words, len(text), ends, sentence, strong, False, False, False, False, False, False, bullet, False,
            not sentence and _lowerish(text), False,
        )  # fmt: skip
    if not wset and not any(c.isalnum() for c in text):
        return _Features(
            words, len(text), ends, False, strong, False, False, False, False, False, False, bullet, False,
            False, False, True,
        )  # fmt: skip
    digit = bool(_HAS_DIGIT.search(text))
    dated = digit and bool(_HAS_DATE.search(text))
    first = low.split(None, 1)[0] if low else ""
    return _Features(
        words=words,
        chars=len(text),
        ends=ends,
        sentence=sentence,
        strong=strong,
        ui=words <= 6 and phrases.is_ui_words(wset),  # wset covers the whole of a short line
        byline=(words <= 14 or dated)
        and (
            (first in _BYLINE_STARTS and bool(_BYLINE.match(text))) or (dated and bool(_BY_NAME.search(text)))
        ),
        credit=words <= 12 and not wset.isdisjoint(_CREDIT_TRIGGERS) and bool(_CREDIT.search(text)),
        date_only=digit and _date_only(text),
        dated=dated,
        stamp=digit and words <= 6 and bool(_TIME_STAMP.match(text)),
        bullet=bullet,
        comment_author=words <= 14
        and (text.endswith(":") or low.endswith("says"))
        and bool(_COMMENT_AUTHOR.search(text)),
        lowerish=not sentence and words >= 4 and _lowerish(text),
        section_end=strong in _SECTION_END_REASONS and words <= 6,
    )


# Menus and footers repeat on a page and across the pages of a site (86% of a site's boilerplate lines
# recur on its other pages), so the features of short lines are remembered across calls. Bounded: the
# memo is simply emptied when full. Features depend on the text alone, so sharing them is safe.
_MEMO: dict[str, _Features] = {}
_MEMO_MAX = 50_000
_MEMO_CHARS = 300


def _remember(memo: dict[str, Any], text: str, value: Any) -> None:
    """Keep what a short line gave (long lines rarely recur); the memo is emptied when full."""
    if len(text) <= _MEMO_CHARS:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[text] = value


def _cached_features(text: str) -> _Features:
    f = _MEMO.get(text)
    if f is None:
        f = _features(text)
        _remember(_MEMO, text, f)
    return f


_KEYS: dict[str, str] = {}


def _cached_key(text: str) -> str:
    """`line_key`, remembered for short lines like their features: a site's widgets recur on every page."""
    k = _KEYS.get(text)
    if k is None:
        k = line_key(text)
        _remember(_KEYS, text, k)
    return k


def clear_memo() -> None:
    """Forget remembered lines (for benchmarks that must measure a cold start)."""
    _MEMO.clear()
    _KEYS.clear()


def _weight(f: _Features) -> float:
    if f.section_end:
        return W["section_end"]
    if f.comment_author:
        return W["comment_author"]
    if f.strong:
        return W["picture"] if f.strong in _PICTURE_REASONS else W["strong"]
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


def _prose(f: _Features) -> bool:
    return f.sentence and not f.strong


def _main_block(weights: Sequence[float], markers: Sequence[int]) -> tuple[int, int]:
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
        if m > best_start:
            break
        early, e_start, e_end = prefix[m]
        if early >= floor:
            return e_start, e_end
    return best_start, best_end


def _extend_live_entry(feats: Sequence[_Features], texts: Sequence[str], start: int, end: int) -> int:
    """On a live page (stamped entries), the first entry's stamp and heading belong to the block."""
    if sum(1 for i in range(start, min(end, start + 200)) if feats[i].stamp) < 2:
        return start
    if start >= 1 and feats[start - 1].stamp:
        return start - 1
    if start >= 2 and feats[start - 2].stamp and _title_like(feats[start - 1], texts[start - 1]):
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


def _item_shape(f: _Features, text: str) -> tuple[bool, frozenset[str]] | None:
    """(starts with a number or date, its separators), or None when the line cannot be a data row."""
    if f.strong or f.ui or f.comment_author or f.byline or f.sentence or f.words < 2 or f.words > 20:
        return None
    return bool(_ITEM_START.match(text)), frozenset(n for n, p in _ITEM_MARKERS if p.search(text))


def _extend_trailing_list(feats: Sequence[_Features], texts: Sequence[str], end: int) -> int:
    """A list the article announces at its end ("Tour dates:", "Qualified teams") belongs to it.

    The announcing line right after the block, then at least three rows of one shape (same start, a
    shared separator: "June 9 – Tampa, FL", "England (Group A): 10th appearance") extend the block.
    """
    n = len(feats)
    if end == 0 or end + 3 >= n:
        return end
    head = feats[end]
    announces = texts[end].endswith(":") or (_title_like(head, texts[end]) and not head.dated)
    if not announces or head.strong or head.ui:
        return end
    first = _item_shape(feats[end + 1], texts[end + 1])
    if first is None or not first[1]:
        return end
    i = end + 1
    while i < n:
        shape = _item_shape(feats[i], texts[i])
        if shape is None or shape[0] != first[0] or not (shape[1] & first[1]):
            break
        i += 1
    return i if i - (end + 1) >= 3 else end


def _title_like(f: _Features, text: str) -> bool:
    if f.strong or f.ui or f.byline or f.credit or f.date_only or f.dated or f.bullet or f.comment_author:
        return False
    if not 3 <= f.words <= 30 or f.chars > 250:
        return False
    if text.endswith(".") and not text.endswith("..."):
        return False
    if _BREADCRUMB.search(text):
        return False
    return any(c.isalpha() for c in text[:40])


_STEM = re.compile(r"[^\W\d_]{4,}")
_NAME_LINE = re.compile(
    r"^(?:[A-Z][\w'’.-]*\.?(?: |$)){1,4}(?:(?:and|&|,) ?(?:[A-Z][\w'’.-]*\.?(?: |$)){1,4})*$"
    r"|(?i:associated press|\bstaff writer|\bsports writer|\bcorrespondent\b|\bcontributor\b|\bcolumnist\b)"
)


def _stems(text: str) -> set[str]:
    """Content-word stems (first five letters) for cheap overlap between a headline and its story."""
    return {w[:5].casefold() for w in _STEM.findall(text[:600])}


def _find_headline(
    lines: Sequence[Line],
    feats: Sequence[_Features],
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
        story |= _stems(lines[i].text)
    best, best_score, fallback = None, 0.0, None
    for i in range(start - 1, max(-1, start - 1 - window), -1):
        f = feats[i]
        text = lines[i].text
        if blocked[i] or not _title_like(f, text):
            continue
        distance = start - i
        if f.words <= 6 and _NAME_LINE.search(text):
            continue  # a byline: "Chris Stevenson", "Tom Davies Associated Press"
        stems = _stems(text)
        overlap = len(stems & story)
        if overlap:
            score = overlap / (len(stems) ** 0.5) - 0.02 * distance - (0.3 if page_repeated[i] else 0.0)
            if score > best_score:
                best, best_score = i, score
        elif fallback is None and distance <= 6 and f.words >= 4 and not page_repeated[i]:
            fallback = i
    if best is not None and best >= 1:
        # A headline and its standfirst both echo the story; the headline comes first.
        above = best - 1
        if (
            not blocked[above]
            and _title_like(feats[above], lines[above].text)
            and not (feats[above].words <= 6 and _NAME_LINE.search(lines[above].text))
            and feats[above].words <= feats[best].words  # a standfirst is longer than its headline
            and lines[best].text not in lines[above].text  # not a breadcrumb ending in the headline
            and _stems(lines[above].text) & story
        ):
            return above
    return best if best is not None else fallback


def _repeat_threshold(folder: FolderStats) -> tuple[int, int]:
    """(strong, weak) file counts.

    Strong: most files of the folder; any line but the article's own sentences goes. Weak: three files
    and a fifth of the folder (a site's widgets in a folder that mixes sites); only short lines go.
    """
    strong = max(2, folder.files // 2 + 1)
    weak = min(strong, max(3, -(-folder.files // 5)))
    return strong, weak


def _addresses_reader(text: str) -> bool:
    head = text[:300].casefold()
    if any(q in head for q in '"“”«»'):
        return False
    return bool(re.search(r"\b(you|your|our|us)\b", head))


def classify(lines: Sequence[Line], *, folder: FolderStats | None = None) -> list[Decision]:
    """One Decision per line, in order; linear in the number and length of lines."""
    n = len(lines)
    if n == 0:
        return []
    texts = [ln.text for ln in lines]
    feats = [_cached_features(t) for t in texts]

    page_counts = Counter(texts)  # exact repeats on one page: cheap, and enough to spot header/footer lines
    use_folder = folder is not None and folder.files >= 3
    folder_counts: list[int] = [0] * n
    strong_rep = [False] * n
    weak_rep = [False] * n
    if use_folder:
        assert folder is not None
        strong_t, weak_t = _repeat_threshold(folder)
        for i, k in enumerate(map(_cached_key, texts)):
            c = folder.counts.get(k, 0)
            folder_counts[i] = c
            strong_rep[i] = c >= strong_t
            weak_rep[i] = c >= weak_t

    # A duplicated article (the same story saved twice) repeats its own sentences: then repetition
    # says nothing about those sentences.
    sentence_idx = [i for i in range(n) if feats[i].sentence]
    duplicate_article = bool(sentence_idx) and sum(strong_rep[i] for i in sentence_idx) * 2 > len(
        sentence_idx
    )

    weights = [_weight(f) for f in feats]
    if use_folder and not duplicate_article:
        for i, f in enumerate(feats):
            if strong_rep[i]:
                # A repeated sentence that reads as article text (a shared quotation) neither pulls nor
                # pushes the block; a repeated widget pushes it away.
                prose = f.sentence and not _addresses_reader(texts[i])
                weights[i] = W["repeated_prose"] if prose else W["repeated"]
    run = 0
    for i, f in enumerate(feats):
        if f.stamp:
            continue  # live entries: stamp, heading, text; the stamp is a separator, not a menu item
        run = 0 if f.sentence else run + 1
        if run == 2:
            weights[i] += W["run2"]
    # A widget line sandwiched between two paragraphs is an inline insertion ("Advertisement", a pitch):
    # it is still dropped, but it must not cut the article in two.
    for i in range(1, n - 2):
        sandwiched = feats[i - 1].sentence and _prose(feats[i + 1]) and _prose(feats[i + 2])
        if sandwiched and weights[i] < W["inline"]:
            weights[i] = W["inline"]
    markers = [
        i
        for i, f in enumerate(feats)
        if f.comment_author or (f.section_end and f.strong == "comments section")
    ]
    start, end = _main_block(weights, markers)
    start = _extend_live_entry(feats, texts, start, end)
    end = _extend_trailing_list(feats, texts, end)

    blocked = [False] * n
    page_repeated = [False] * n
    for i in range(max(0, start - 31), start):
        blocked[i] = (strong_rep[i] or weak_rep[i]) and not duplicate_article
        page_repeated[i] = page_counts[texts[i]] > 1
    headline = _find_headline(lines, feats, (start, end), blocked, page_repeated) if end > start else None

    # A page without a single sentence-like run (a poem, a list, a table): rather than show nothing,
    # keep every line no widget rule rejects.
    no_block = end <= start
    out: list[Decision] = []
    append = out.append
    for i, f in enumerate(feats):
        inside = start <= i < end
        if i == headline:
            append(_HEADLINE_DECISION)
        elif f.strong:
            append(_decision(False, f.strong))
        elif f.ui:
            append(_decision(False, R_UI))
        elif f.bare:
            append(_decision(False, R_SEPARATOR))
        elif use_folder and (strong_rep[i] or weak_rep[i]):
            repeated = (
                f"repeated in {folder_counts[i]} of {folder.files if folder else 0} files of this folder"
            )
            if duplicate_article:
                # The same story saved again: repetition says nothing about its lines.
                decision = _inside(f) if inside else _outside(f)
                if decision.kept and f.sentence:
                    decision = _decision(
                        True, f"{R_SENTENCE}, though {repeated} (the same story saved again)"
                    )
                append(decision)
            else:
                append(_repeated(f, inside, texts[i], strong_rep[i], repeated))
        elif inside:
            append(_inside(f))
        elif no_block and not (f.byline or f.credit or f.comment_author or f.date_only or f.dated):
            append(_decision(True, R_NO_BLOCK))
        else:
            append(_outside(f))
    _drop_captions(out, feats, start, end)
    return out


def _decision(kept: bool, reason: str) -> Decision:
    """Decisions are immutable, so one instance per (kept, reason) serves every line."""
    key = (kept, reason)
    found = _DECISIONS.get(key)
    if found is None:
        found = _DECISIONS[key] = Decision(kept, reason)
    return found


_DECISIONS: dict[tuple[bool, str], Decision] = {}
_HEADLINE_DECISION = Decision(True, R_HEADLINE, HEADLINE)


def _inside(f: _Features) -> Decision:
    if f.comment_author:
        return _decision(False, R_COMMENT)
    if f.stamp:
        return _decision(True, R_STAMP)
    if f.sentence:
        return _decision(True, R_SENTENCE)
    if f.byline or f.credit:
        return _decision(False, R_BYLINE)
    return _decision(True, R_SHORT_IN_BLOCK)


def _outside(f: _Features) -> Decision:
    if f.byline or f.credit:
        return _decision(False, R_BYLINE)
    if f.comment_author:
        return _decision(False, R_COMMENT)
    if f.date_only:
        return _decision(False, R_DATE_ONLY)
    if not f.sentence and not f.ends:
        return _decision(False, R_NAV)
    return _decision(False, R_OUTSIDE)


def _repeated(f: _Features, inside: bool, text: str, strong: bool, repeated: str) -> Decision:
    """A line found in other files of the folder: boilerplate, unless it reads as this article's text.

    A sentence inside the main block that does not address the reader ("subscribe", "our site") is
    kept: a quotation shared by several stories of one folder.
    """
    if f.sentence and inside and not (strong and _addresses_reader(text)):
        return _decision(True, f"{R_SENTENCE}, though {repeated}") if strong else _inside(f)
    return _decision(False, repeated)


def _drop_captions(out: list[Decision], feats: Sequence[_Features], start: int, end: int) -> None:
    """A line inside the block followed by a picture credit is that picture's caption."""
    for i in range(max(start, 1), end):
        if feats[i].credit and out[i - 1].kept and out[i - 1].role != HEADLINE and feats[i - 1].words <= 60:
            out[i - 1] = _decision(False, R_CAPTION)
