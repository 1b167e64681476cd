"""What the boilerplate rules need to know about one line, computed once and remembered.

Each costly check (a regex) is gated by a cheap one (word count, a trigger word, a digit), so a line
costs a bounded amount of work however long it is; short lines recur across a site's pages, so their
features are kept in a bounded memo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.text import phrases
from reader.text.sentences import GREEK, SENTENCE_END_MARKS
from reader.text.words import READER_PRONOUNS

_KEY_CHARS = 300  # two lines that agree this far are the same widget


def line_key(text: str) -> str:
    """Case- and space-insensitive identity of a line, bounded so huge lines stay cheap."""
    return " ".join(text[:_KEY_CHARS].split()).casefold()


_CLOSERS = "\"'”’»)]」』）"
_ENDERS = frozenset(SENTENCE_END_MARKS)
_GREEK_QUESTION = re.compile(f"[{GREEK}];$")  # "Θα αντέξει η πόλη;": a question
_BULLET = re.compile(r"^([-–—•*·▪►‣+]|\d{1,2}[.)])\s+\S")
_BREADCRUMB = re.compile(r"\s(?:>>|[>»›|])\s|[a-z][|][A-Z]")
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|author|posted by|story by|text by|reporting by|(?:medically )?reviewed by"
    r"|(?:words|text|story|photos?|photographs|pictures)"
    r" and (?:words|text|photos?|photographs|pictures|video) by"
    r"|fact[- ]checked by|von|par|por|autor|autorka"
    r"|автор|авторка|текст|аўтар|tekst"
    r"|(?-i:di))\s*:?\s+[A-Z\u00C0-\u024F\u0400-\u04FF]"  # Italian "di Marco Rinaldi"; never "Di Maria ..."
)
_BY_NAME = re.compile(r"\b(?i:by) [A-Z]")
# Bylines in scripts without capitals, where a name cannot be told by its letters: a word that says
# "by" or "reporter" before or after it. Chinese "记者 李明", "作者：李明"; Japanese "佐藤健記者"; Korean
# "김민수 기자"; Arabic "بقلم: أحمد يوسف"; Hebrew "מאת דנה כהן"; Hindi "लेखक: राहुल शर्मा". The name is
# the group `name`: two to four Chinese characters, or one to four words.
OTHER_SCRIPT_BYLINE = re.compile(
    r"^(?:本报|特约)?记者\s*(?P<name>[\u4e00-\u9fff]{2,3})$"  # w3m drops the space: "记者李明"
    r"|^(?:本报记者|特约记者|记者|記者|作者|撰文|文|编辑|編輯)\s*[:：/／ ]\s*"
    r"(?P<name_sep>[\u4e00-\u9fff]{2,4})$"
    r"|^(?P<name_ja>[\u4e00-\u9fff]{2,5})\s*(?:記者|特派員)$"
    r"|^(?P<name_ko>[\uac00-\ud7a3]{2,4})\s*(?:기자|특파원)$"
    # flat name words (no nested repeat: a line that fails at "$" must fail fast, whatever its length)
    r"|^(?:بقلم|كتب|كتبت|إعداد|מאת|लेखक)\s*[:：]?\s*(?P<name_other>[^\s\d:：,،.!?]+(?:\s+[^\s\d:：,،.!?]+){1,3})$"
)
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
    r"|^\(?(photo|image)s? by\b|\bcredits?\s*(:|\.\.\.|…)|associated press\)?$"
    r"|^\(?(foto|фото|фота|zdjęcie|fot\.|bild|quelle|источник|джерело|крыніца|fuente|source)s?\s*:"
    r"|\b(foto|фото|фота|zdjęcie|bild)\s*:\s*[^.!?]{1,50}$"
    r"|\bdpa\b|\bpap\b|\bunian\b|\bbelta\b|\bria novosti\b|\bтасс\b|\bрия новости\b)",
    re.IGNORECASE,
)
# A photo credit written as "Name Surname/Outlet" ("Jason Cipriani/ZDNet", "Tom Riley/PA").
_NAME_SLASH_OUTLET = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}\s?/\s?[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}$"
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
class Features:
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
PICTURE_REASONS = frozenset(
    {"photo caption", "picture gallery", "shopping link", "advertisement"}
)  # inline widgets
_SECTION_END_REASONS = frozenset({"related links", "comments section", "tags", "reference list"})
# "10 thoughts on “Business Focus: ...”": a counted thread heading ends the article however long it is.
_COUNTED_THREAD = re.compile(r"^\d+ (?:thoughts|comments|responses|replies|reactions)\b", re.IGNORECASE)

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
    " photograph photographs illustration credit credits source video associated press foto фото фота"
    " zdjęcie fot bild quelle источник джерело крыніца fuente dpa pap unian belta ria тасс рия"
)
_BYLINE_STARTS = _wordset(
    "by written words author posted story text reporting medically reviewed fact von par por autor autorka"
    " автор авторка текст аўтар"
    " tekst di"
)


# A teaser: a Title Case headline glued to its summary with no space ("...Strong WR OptionsThe 49ers and").
_GLUED_TEASER = re.compile(
    r"(?:[A-Z0-9][\w'’:,&.-]*\s+){3,12}[A-Z0-9][\w'’&-]*?[a-z]{3}[?!]?(?=[A-Z][a-z]+\s+\S+\s+\S+)"
)


# A teaser: a headline run into its story's datelined lede, the dateline in capitals after a lower-case word
# ("... to fraud scheme in US NEW YORK: An Indian-origin man ..."); the headline has no full stop.
_GLUED_DATELINE = re.compile(r"(?<=[a-z’'\w] )(?:[A-Z]{2,}[.,]? ){0,3}[A-Z]{3,}: [A-Z][a-z]")


# The site asking for letters, tips or news by e-mail ("Have news from your town? Email ...@...").
_CONTACT = re.compile(
    r"\b(email|e-mail|send|write|contact|tip)( us| a letter| your [\w ]{1,20}| it)?"
    r"( to [^@.!?]{1,40})?( at| to)? \S+@\S+\.\w"
)
_CITATION = re.compile(r"\W*[a-z][\w'’-]+,? [a-z]{1,3}\.?,? et al\b[^()]{0,40}\(\d{4}\)")


def _glued_dateline(text: str) -> bool:
    if ": " not in text[15:220]:
        return False
    m = _GLUED_DATELINE.search(text, 15, 220)
    if m is None or _SENTENCE_BREAK.search(text, 0, m.start()):
        return False
    return any(c.islower() for c in text[: m.start()])  # "DEAR CONCERNED SISTER: If you ..." is a letter


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]* |[:;] ")


def _keyword_list(text: str) -> bool:
    """ "stock car 2018, stock car brasil, cascavel, ...": a page's keywords, not a sentence."""
    head = text[:600]
    if _HAS_DIGIT.search(head) or "(" in head:
        return False  # an ingredient list or a table row: "1 cup lettuce, ½ cup tomatoes, ..."
    parts = head.split(",")
    return len(parts) >= 7 and sum(len(p.split()) for p in parts) <= 4 * len(parts)


def _name_list(text: str) -> bool:
    """Names separated by commas and semicolons, nearly every word capitalised: a list, not a sentence."""
    if text.count(",") + text.count(";") < 6:
        return False
    alpha = [w for w in text.split() if w[0].isalpha()]
    return len(alpha) >= 6 and sum(w[0].isupper() for w in alpha) >= 0.8 * len(alpha)


def _features(text: str) -> Features:
    """Everything the rules need about one line, each costly check gated by a cheap one."""
    words = _count_words(text)
    bare = text.rstrip(_CLOSERS)
    ends = bare[-1:] in _ENDERS or (bare[-1:] == ";" and _GREEK_QUESTION.search(bare) is not None)
    sentence = (words >= 8 and ends) or words >= 25
    if sentence and ";" in text and words <= 60 and _name_list(text):
        sentence = ends = False  # a line-up or a cast: "Rovers: Hale; Dunn, Okafor, Pereira, Mills; ..."
    low, wset = phrases.head_words(text)
    strong = phrases.strong_reason(low, wset)
    if strong is None and "@" in low and words <= 40 and _CONTACT.search(low):
        strong = "contact line"  # "Have news from your town? Email newsroom@...": not a long paragraph
    if strong is None and "et al" in low and _CITATION.match(low):
        strong = "reference list"  # "Johnston C, et al. (2005). The effect of ..."
    if strong in _TALKS_TO_READER and words >= 12 and sentence and wset.isdisjoint(_READER_WORDS):
        strong = None  # a long sentence that does not address the reader is reporting, not a widget
    bullet = bool(_BULLET.match(text))
    if strong is None and not ends and text.count(",") >= 6 and _keyword_list(text):
        strong = "tags"
    if strong is None and ends and 8 <= words <= 80 and _GLUED_TEASER.match(text):
        strong = "related links"  # "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's run was foiled ..."
    if strong is None and 10 <= words <= 120 and _glued_dateline(text):
        strong = "related links"  # "... pleads guilty in US NEW YORK: An Indian-origin man has ..."
    if words > 20 or len(text) > 200:
        # A long line: none of the short-line checks (menus, bylines, stamps, credits) applies.
        return Features(
            words, len(text), ends, sentence, strong, False, False, False, False, False, False, bullet, False,
            not sentence and _lowerish(text), False,
        )  # fmt: skip
    if not wset and not any(c.isalnum() for c in text):
        return Features(
            words, len(text), ends, False, strong, False, False, False, False, False, False, bullet, False,
            False, False, True,
        )  # fmt: skip
    digit = bool(_HAS_DIGIT.search(text))
    dated = digit and bool(_HAS_DATE.search(text))
    first = low.split(None, 1)[0] if low else ""
    return Features(
        words=words,
        chars=len(text),
        ends=ends,
        sentence=sentence,
        strong=strong,
        ui=words <= 6 and phrases.is_ui_words(wset),  # wset covers the whole of a short line
        byline=(words <= 14 or dated)
        and (
            (first in _BYLINE_STARTS and bool(_BYLINE.match(text)))
            or (dated and bool(_BY_NAME.search(text)))
            or (not text.isascii() and bool(OTHER_SCRIPT_BYLINE.match(text)))
        ),
        credit=words <= 12
        and (
            (not wset.isdisjoint(_CREDIT_TRIGGERS) and bool(_CREDIT.search(text)))
            or ("/" in text and words <= 6 and bool(_NAME_SLASH_OUTLET.match(text)))
        ),
        date_only=digit and _date_only(text),
        dated=dated,
        stamp=digit and words <= 6 and bool(_TIME_STAMP.match(text)),
        bullet=bullet,
        comment_author=words <= 14
        and (text.endswith(":") or low.endswith("says"))
        and bool(_COMMENT_AUTHOR.search(text)),
        lowerish=not sentence and words >= 4 and _lowerish(text),
        section_end=strong in _SECTION_END_REASONS
        and (words <= 6 or (strong == "comments section" and bool(_COUNTED_THREAD.match(text)))),
    )


# Menus and footers repeat on a page and across the pages of a site (86% of a site's boilerplate lines
# recur on its other pages), so the features of short lines are remembered across calls. Bounded: the
# memo is simply emptied when full. Features depend on the text alone, so sharing them is safe.
_MEMO: dict[str, Features] = {}
_MEMO_MAX = 50_000
_MEMO_CHARS = 300


def _remember(memo: dict[str, Any], text: str, value: Any) -> None:
    """Keep what a short line gave (long lines rarely recur); the memo is emptied when full."""
    if len(text) <= _MEMO_CHARS:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        memo[text] = value


def cached_features(text: str) -> Features:
    f = _MEMO.get(text)
    if f is None:
        f = _features(text)
        _remember(_MEMO, text, f)
    return f


_KEYS: dict[str, str] = {}


def cached_key(text: str) -> str:
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


def title_like(f: Features, text: str) -> bool:
    if f.strong or f.ui or f.byline or f.credit or f.date_only or f.dated or f.bullet or f.comment_author:
        return False
    if not 3 <= f.words <= 30 or f.chars > 250:
        return False
    if text.endswith(".") and not text.endswith("..."):
        return False
    if _BREADCRUMB.search(text):
        return False
    return any(c.isalpha() for c in text[:40])
