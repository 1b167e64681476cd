"""Who wrote a page and where it appeared: the byline's person names, the outlet, the page's URL.

Read from the lines around the headline ("By Helen Marsh, Environment correspondent", "Автор: Оксана
Мельник", a bare "Jordan Ellis" under the headline), from syndication and copyright lines ("The post
... appeared first on Newsweek", "© 2024 The Northern Ledger. All rights reserved.") and from a text
file's own "Source:"/"URL:" line. None when the page does not say: a guess would be worse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.text.boilerplate import HEADLINE, Decision
from reader.text.document import Document
from reader.text.line_features import OTHER_SCRIPT_BYLINE
from reader.text.lines import Line
from reader.text.words import MONTHS, ORG_WORDS, RIGHTS_RESERVED, TITLES, UI_WORDS, alternation, word_set

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐЎΆΈ-ΫΆ"
_LOWER = "a-zß-öø-ÿā-žа-яёіїєґўά-ώ'’-"
_NAME_WORD = rf"(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]\.)"
_PARTICLE = r"(?:de|da|di|del|van|von|der|bin|al|ibn|le|la)"
_HONORIFIC = r"(?:(?:Dr|Prof|Rev)\.?\s+|(?:Professor|Sir|Dame)\s+)"
_LEADING_HONORIFIC = re.compile(rf"^{_HONORIFIC}")
_NAME = rf"{_HONORIFIC}?{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_AND = r"(?:,\s*|\s+(?:and|&|und|et|y|e|i|и|і|та| і)\s+)"
_NAMES = re.compile(rf"^({_NAME}(?:{_AND}{_NAME}){{0,3}})(?=$|\s*[,|·•/–—(]|\s+-\s|\s+\d)")
# "Mark Hollis, 34, was jailed ...": a person in the news (a caption), never the byline.
_AGED = re.compile(rf"^{_NAME},\s*\d")
# "Amira Shah Local Democracy Reporter", "Liam Dwyer Court Reporter": a role after the name, no comma.
_ROLE_ENDINGS = ("Reporter", "Correspondent", "Editor", "Writer", "Columnist", "Contributor", "Journalist",
                 "Producer", "Critic")  # fmt: skip
_TRAILING_ROLE = re.compile(
    rf"^({_NAME_WORD}(?:\s+[{_UPPER}]\.)?\s+{_NAME_WORD})\s+(?:[A-Z][a-z]+\s+){{0,3}}(?:Reporter|Correspondent|Editor|Writer|Columnist|Contributor|Journalist"
    r"|Producer|Critic)$"
)
# "Danny Shields at Harbour Park": a match or court reporter's byline, trusted only beside the date line.
_AT_PLACE = re.compile(r"\s+at\s+(?:[A-Z][\w'’-]+\s*){1,3}$")
# "The Editorial Board", "Tidyflow Team · April 18, 2024": a collective byline; a team or desk only with
# a date on its line or beside it (elsewhere "Our Team" is a menu item).
_COLLECTIVE = re.compile(
    r"(?:(?P<board>(?:The\s+)?Editorial\s+Board|The\s+Editors)|(?P<team>(?:[A-Z][\w-]+\s+){1,2}(?:Team|Desk|Staff)))"
    r"(?=$|\s*[·|•,–—]\s)"
)
_DATE_HINT = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:.]\d\d\b")
_BYLINE_START = re.compile(
    r"^(?:by|written by|words by"
    r"|words and (?:photographs|photos|pictures) by|text and photos by|posted by|story by|text by"
    r"|reporting by|von|par|por|(?-i:di)|autor|autorka|автор"
    r"|авторка|текст|аўтар|tekst)\s*:?\s+",
    re.IGNORECASE,
)
_SPLIT_NAMES = re.compile(_AND)
_NOT_NAME_WORDS = frozenset(w.casefold() for w in TITLES | ORG_WORDS | MONTHS) | UI_WORDS
_ROLE_WORDS = word_set(
    "writer editor correspondent reporter contributor contributing columnist journalist staff producer "
    "photographer agency press news desk team service wire senior chief political"
)
# A firm's name is no person's ("Digital Marketing Aganecy" above a spam re-post, "Bright Media Solutions").
_BUSINESS_WORDS = word_set(
    "digital marketing media solutions consulting consultancy services technologies technology studio "
    "studios labs seo agency marketplace online web software enterprises holdings ventures partners"
)
_AROUND_HEADLINE = 4  # lines above and below the headline a byline may sit


def _names(text: str) -> str | None:
    """ "Olena Harmash and Tom Balmforth" from the start of `text`, or None."""
    match = _NAMES.match(text)
    if not match:
        return None
    names: list[str] = []
    for name in (n.strip() for n in _SPLIT_NAMES.split(match.group(1))):
        words = [w.casefold().strip(".") for w in _LEADING_HONORIFIC.sub("", name).split()]
        if not name or any(w in _NOT_NAME_WORDS or w in _ROLE_WORDS or w in _BUSINESS_WORDS for w in words):
            break  # "Russian Defense Ministry", "Contributing Writer", "March 2023": the names end here
        names.append(name)
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _dated_beside(lines: Sequence[Line], i: int) -> bool:
    """A short line with a year or a clock time right above or below line i: the byline's date line."""
    return any(
        len(lines[k].text) < 60 and _DATE_HINT.search(lines[k].text)
        for k in (i - 1, i + 1)
        if 0 <= k < len(lines)
    )


def _common_words(name: str, text: str) -> bool:
    """A word of the name written in lower case elsewhere in the text ("Enlarge Image", "Order Reprints",
    "Michigan Matters") makes it a phrase, not a person's name."""
    words = [w for w in _LEADING_HONORIFIC.sub("", name).split() if len(w) > 2 and not w.endswith(".")]
    # Not inside an address ("trevor.daugherty@", "/author/trevor-daugherty").
    return any(
        w.lower() in text and re.search(rf"(?<![\w.@/-]){re.escape(w.lower())}(?![\w@/-]|\.\w)", text)
        for w in words
    )


def find_author(document: Document, lines: Sequence[Line], decisions: Sequence[Decision]) -> str | None:
    """The byline's person names ("A and B"), else the extractor's author, else None."""
    anchor = next((i for i, d in enumerate(decisions) if d.role == HEADLINE), None)
    if anchor is None:
        anchor = next((i for i, d in enumerate(decisions) if d.kept), None)
    if anchor is not None:
        first, last = max(0, anchor - _AROUND_HEADLINE), min(len(lines), anchor + _AROUND_HEADLINE + 1)
        bare: str | None = None
        for i in sorted(range(first, last), key=lambda k: (abs(k - anchor), k)):
            if i == anchor:
                continue
            text = lines[i].text
            if len(text) > 120 or ("," in text and _AGED.match(text)):
                continue
            if text.endswith(_ROLE_ENDINGS):
                text = _TRAILING_ROLE.sub(r"\1", text)
            start = _BYLINE_START.match(text)
            if start is None and not text.isascii():
                other = OTHER_SCRIPT_BYLINE.match(text)
                if other:
                    return next(g for g in other.groups() if g)
            collective = (
                _COLLECTIVE.match(text, start.end() if start else 0)
                if "Board" in text or "Editors" in text or "Team" in text or "Desk" in text or "Staff" in text
                else None
            )
            if collective and (collective["board"] or _DATE_HINT.search(text) or _dated_beside(lines, i)):
                return collective.group(0).strip()
            at_place = _AT_PLACE.search(text) if " at " in text else None
            if at_place:
                if not _dated_beside(lines, i):
                    continue
                text = text[: at_place.start()]
            if start and start.end() < len(text):
                found = _names(text[start.end() :])
                if found:
                    return found
            elif bare is None and not decisions[i].kept and len(text.split()) <= 12:
                bare = _names(text)
                if bare and _common_words(bare, document.text[:200_000]):
                    bare = None
        if bare:
            return bare
    names = [n.strip() for n in re.split(r";|,| and ", document.hints.get("author", "")) if n.strip()]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_APPEARED_FIRST = re.compile(r"\bappeared first on\s+(.{2,60}?)\s*\.?$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?(?:by\s+)?((?:[^.|©]|\.(?=\w)){2,60}?)"
    r"\s*(?:\.(?!\w)|\||$)|^([^.|©]{2,60}?)\s*©\s*\d{4}",
    re.IGNORECASE,
)
_RIGHTS = re.compile(rf"(?<!\w)({alternation(frozenset(RIGHTS_RESERVED))})(?!\w).*$", re.IGNORECASE)
# "All rights reserved" before the owner: "版权所有 © 2023 江城日报社", "جميع الحقوق محفوظة © 2023 ...".
_LEADING_RIGHTS = re.compile(
    r"^(?:版权所有|版權所有|著作権所有|جميع الحقوق محفوظة|כל הזכויות שמורות)\s*[:：]?\s*"
)
# A Chinese or Japanese paper's company is its name and 社 ("company"): 北浜新報社 publishes 北浜新報.
_PAPER_COMPANY = re.compile(r"(?<=[報报聞闻])社$")
# A copyright owner that is a company ("Reach plc", "FactFile Media, LLC", "Dow Jones & Company, Inc.",
# "Hearst Communications") owns the outlet rather than being it, often one of many: never the outlet.
_COMPANY = re.compile(
    r"(?:,?\s+(?:llc|inc|ltd|plc|gmbh|pty|private|limited|corp|co|s\.a|sp\. z o\.o)\.?"
    r"|\s+(?:media(?:\s+group)?|group|holdings|publishing|communications|interactive|broadcasting|company"
    r"|corporation))$",
    re.IGNORECASE,
)
# "Copyright Policy", "Copyright Notice": a link, not a copyright line, when it has neither © nor a year.
_COPYRIGHT_LINK = re.compile(r"^copyright\s+\D*$", re.IGNORECASE)
_CAP_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐЎ][\w'’&.-]*"
_OUTLET_NAME = rf"((?:The\s+)?{_CAP_WORD}(?:\s+(?:of\s+|for\s+|the\s+|&\s+)?{_CAP_WORD}){{0,4}})"
# Lines in which a site names itself: "SoundCheck is part of Future Audio Ltd", "Polygraph Watch is a
# fact-checking website", "University of Westbrook is a registered charity", "... do not necessarily reflect
# those of The Civic Review", "Cookies on GOV Portal", "Download the Daily Courier app".
_SELF_NAMED = re.compile(
    rf"^{_OUTLET_NAME}\s+is\s+(?:part\s+of\b|a\s+registered\s+charity\b|an?\s+(?:[\w-]+\s+){{0,3}}"
    r"(?:website|web\s+site|news\s+site|newspaper|magazine|publication)\b)"
    rf"|\bnecessarily\s+(?:reflect|represent)\s+(?:those|the\s+views?|the\s+opinions?|the\s+position)\s+of\s+"
    rf"{_OUTLET_NAME}\s*\.?$"
    rf"|^Cookies\s+on\s+{_OUTLET_NAME}$"
    rf"|^Download\s+the\s+{_OUTLET_NAME}\s+app\b"
)


_NAME_CONNECTORS = word_set("of the and for on at & de da di del la le les des du y e i für von van der")
_OWNER_MARKERS = re.compile(r"(?i:\bcopyright\b)|\b(?:ООО|ОАО|АО|Pvt|Organization|Organisation)\b")


def _clean_outlet(name: str) -> str | None:
    """A site's name, or None for what is not one: "This site", "All contents", "The Republic unless
    otherwise noted" (words in lower case), "IPSO Regulated Copyright", a company ("ООО «...»", "Pvt")."""
    name = _RIGHTS.sub("", name).strip(" .,-–|")
    name = re.sub(r"^(?:copyright|©)\s*", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^\d{4}\s*|,?\s+\d{4}\b.*$", "", name).strip(" .,-–|")
    words = name.split()
    if not 1 <= len(words) <= 6 or not any(c.isalpha() for c in name) or _OWNER_MARKERS.search(name):
        return None
    # Names in Cyrillic are often sentence-cased ("Гродзенскія навіны"); the rule is for Latin-script words.
    if any(w[:1].islower() and w.isascii() and w not in _NAME_CONNECTORS and "." not in w for w in words):
        return None
    return name


def _copyright_owner(name: str) -> str | None:
    """The outlet a copyright line names; None for a company's name."""
    found = _clean_outlet(name)
    if not found or _COMPANY.search(found):
        return None
    return _PAPER_COMPANY.sub("", found)


def find_outlet(
    document: Document,
    lines: Sequence[Line],
    decisions: Sequence[Decision] = (),
    author: str | None = None,
) -> str | None:
    """ "The post … appeared first on X", else the site name an .html page states, else a line where the site
    names itself, else a copyright line's owner. Never the byline's person."""
    tail = lines[-60:] if len(lines) > 60 else lines
    for line in reversed(tail):
        end = line.text[-120:]
        if "first" not in end and "First" not in end and "FIRST" not in end:
            continue  # the phrase's own word, looked for before the pattern
        match = _APPEARED_FIRST.search(end)
        if match:
            found = _clean_outlet(match.group(1))
            if found:
                return found
    hint = document.hints.get("outlet", "").strip()
    if hint:
        return hint  # the page's own og:site_name: the site, where a copyright line may name its owner
    edges = (
        range(len(lines)) if len(lines) <= 100 else [*range(40), *range(len(lines) - len(tail), len(lines))]
    )
    for i in edges:
        if i < len(decisions) and decisions[i].kept:
            continue  # a story's sentence ("The Herald is a newspaper founded in 1783") is about a paper
        text = lines[i].text
        if len(text) > 240 or not (
            " is " in text or "necessarily" in text or text.startswith(("Cookies on", "Download the"))
        ):
            continue  # the patterns' own words, looked for before the pattern
        match = _SELF_NAMED.search(text) if "necessarily" in text else _SELF_NAMED.match(text)
        if match:
            found = _clean_outlet(next(g for g in match.groups() if g))
            if found and found != author:
                return found
    for line in reversed(tail):
        text = line.text
        if len(text) > 200 or not (
            "©" in text or "ⓒ" in text or text[:10].casefold().startswith(("copyright", "(c)"))
        ):
            continue
        text = _LEADING_RIGHTS.sub("", text.replace("ⓒ", "©"))  # Korean sites write a circled c
        if "©" not in text and _COPYRIGHT_LINK.match(text):
            continue
        match = _COPYRIGHT.search(text)
        if match:
            found = _copyright_owner(match.group(1) or match.group(2) or "")
            if found and found != author:
                return found
    return None


_URL_LINE = re.compile(r"^(?:source|url|link|original|canonical)\s*:\s*(https?://\S+)\s*$", re.IGNORECASE)


def find_url(document: Document, lines: Sequence[Line]) -> str | None:
    """An .html page's canonical URL; a text file's own "Source:"/"URL:" line."""
    hint = document.hints.get("url", "").strip()
    if hint:
        return hint
    for line in list(lines[:15]) + list(lines[-15:]):
        match = _URL_LINE.match(line.text)
        if match:
            return match.group(1)
    return None
