"""The headline and the publication date a page states.

The title is the line the boilerplate step marked as the headline (even after menus); without one, the
first content sentence, shortened. The date is looked for only at the top of the page, on byline-like
lines and at the very start of the first paragraphs (a dateline), never inside an article sentence or
in the teasers below; it must give day, month and year explicitly, and dateutil parses it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from dateutil import parser as dateparser

from reader.text.boilerplate import HEADLINE, R_READER_COMMENT, Decision
from reader.text.document import Document
from reader.text.language import DAY_FIRST
from reader.text.language import detect as detect_language
from reader.text.lines import Line

TITLE_MAX = 300  # characters; only a runaway first sentence (no headline, no full stop) is cut

# ---------------------------------------------------------------- title


_LEAD_DATE = re.compile(
    r"^\s*(?:date|dated|published|posted|updated)?\s*[:/|-]?\s*\d{4}-\d{2}-\d{2}\s+", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def _shorten(text: str, limit: int = TITLE_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    cut = cut if cut > limit // 2 else limit
    return text[:cut].rstrip(" ,;:–—-") + "…"


_DATELINE_DASH = re.compile(r"\s[–—-]{1,2}\s")


def _strip_dateline(text: str) -> str:
    """ "KYIV, Feb 17 (Reuters) - Ukraine said..." -> "Ukraine said...": the dateline is not the story."""
    match = _DATELINE_DASH.search(text, 0, 60)
    if match and all(
        w[:1].isupper() or w[:1].isdigit() or w[:1] == "(" for w in text[: match.start()].split()
    ):
        return text[match.end() :]
    return text


def _first_sentence(text: str) -> str:
    text = _strip_dateline(_LEAD_DATE.sub("", text, count=1))
    match = _SENTENCE_END.search(text, 0, 2000)
    sentence = text[: match.start()] if match else text[:2000]
    return sentence.strip()


# A page saved as Markdown (a web clipper, html2text): "# Headline #", "**Headline**". The title drops
# the marks; the text keeps them (it is the file's text, and offsets point into it).
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)(?:\s+#+)?$")
_MARKDOWN_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")


def _without_markdown(title: str) -> str:
    match = _MARKDOWN_HEADING.match(title)
    if match:
        title = match.group(1)
    match = _MARKDOWN_EMPHASIS.match(title)
    if match and match.group(2).strip():
        title = match.group(2).strip()
    return title


def find_title(document: Document, lines: Sequence[Line], decisions: Sequence[Decision]) -> str | None:
    """The extractor's title, else the headline line, else the first content sentence shortened."""
    hint = " ".join(document.hints.get("title", "").split())
    if hint:
        return hint
    for line, decision in zip(lines, decisions, strict=True):
        if decision.role == HEADLINE:
            # a headline is never cut, two sentences or not
            return _without_markdown(" ".join(line.text[:2000].split()))
    fallback = None
    for line, decision in zip(lines, decisions, strict=True):
        if decision.kept:
            sentence = _first_sentence(line.text)
            if sentence.endswith(".") and not sentence.endswith(".."):
                sentence = sentence[:-1].rstrip()
            if len(sentence.split()) >= 4:  # a sentence, not a stray "1" or a list marker
                return _shorten(sentence)
            if fallback is None and any(c.isalnum() for c in sentence):
                fallback = _shorten(sentence)
    return fallback


# ---------------------------------------------------------------- date

# Month names other languages write (nominative and genitive), by month number.
FOREIGN_MONTHS: dict[int, str] = {
    1: "января январь січня січень студзеня студзень stycznia styczeń januar jänner janvier enero gennaio "
    "janeiro",
    2: "февраля февраль лютого лютий лютага люты lutego luty februar février febrero febbraio fevereiro",
    3: "марта март березня березень сакавіка сакавік marca marzec märz mars marzo março",
    4: "апреля апрель квітня квітень красавіка красавік kwietnia kwiecień april avril abril aprile",
    5: "мая май травня травень мая травень maja maj mai mayo maggio maio",
    6: "июня июнь червня червень чэрвеня чэрвень czerwca czerwiec juni juin junio giugno junho",
    7: "июля июль липня липень ліпеня ліпень lipca lipiec juli juillet julio luglio julho",
    8: "августа август серпня серпень жніўня жнівень sierpnia sierpień august août agosto",
    9: "сентября сентябрь вересня вересень верасня верасень września wrzesień september septembre "
    "septiembre setiembre settembre setembro",
    10: "октября октябрь жовтня жовтень кастрычніка кастрычнік października październik oktober octobre "
    "octubre ottobre outubro",
    11: "ноября ноябрь листопада листопад лістапада лістапад listopada listopad november novembre "
    "noviembre novembro",
    12: "декабря декабрь грудня грудень снежня снежань grudnia grudzień dezember décembre diciembre "
    "dicembre dezembro",
}
# Turkish, Greek (genitive and nominative), Arabic (the Egyptian and Gulf names, and the Levantine ones
# of one word), Hindi, Hebrew (also with the prefix "in": "24 בפברואר 2023"), Dutch and Indonesian.
_MORE_MONTHS: dict[int, str] = {
    1: "ocak ιανουαρίου ιανουάριος يناير जनवरी ינואר בינואר januari",
    2: "şubat φεβρουαρίου φεβρουάριος فبراير شباط फ़रवरी फरवरी פברואר בפברואר februari",
    3: "mart μαρτίου μάρτιος مارس آذار मार्च מרץ מרס במרץ במרס maart maret",
    4: "nisan απριλίου απρίλιος أبريل ابريل إبريل نيسان अप्रैल אפריל באפריל",
    5: "mayıs μαΐου μάιος μαίου مايو أيار मई מאי במאי mei",
    6: "haziran ιουνίου ιούνιος يونيو يونيه حزيران जून יוני ביוני",
    7: "temmuz ιουλίου ιούλιος يوليو يوليه تموز जुलाई יולי ביולי",
    8: "ağustos αυγούστου αύγουστος أغسطس اغسطس آب अगस्त אוגוסט באוגוסט augustus agustus",
    9: "eylül σεπτεμβρίου σεπτέμβριος سبتمبر أيلول सितंबर सितम्बर ספטמבר בספטמבר",
    10: "ekim οκτωβρίου οκτώβριος أكتوبر اكتوبر अक्टूबर अक्तूबर אוקטובר באוקטובר",
    11: "kasım νοεμβρίου νοέμβριος نوفمبر नवंबर नवम्बर נובמבר בנובמבר",
    12: "aralık δεκεμβρίου δεκέμβριος ديسمبر दिसंबर दिसम्बर דצמבר בדצמבר desember",
}
for _n, _names in _MORE_MONTHS.items():
    FOREIGN_MONTHS[_n] += " " + _names
_FOREIGN = "|".join(
    sorted({w for ws in FOREIGN_MONTHS.values() for w in ws.split()}, key=lambda w: (-len(w), w))
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    rf"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|{_FOREIGN})\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|\.)?"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_END = r"(?:\b|(?=\d{1,2}:\d{2}))"  # pages glue the time on: "Nov 20 20194:29 AM"
# Each form gives day, month and year explicitly; named groups say how to read the numbers.
_DATE = re.compile(
    rf"(?P<iso>\b{_YEAR}([-/.])(?:0[1-9]|1[0-2])\2(?:[12]\d|3[01]|0[1-9]))(?!\d)"
    rf"|(?P<dmy>\b{_DAY}\s*(?:de\s+)?{_MONTHS},?\s+(?:de\s+)?{_YEAR}{_YEAR_END})"
    rf"|(?P<mdy>\b{_MONTHS}\s+{_DAY},?\s+{_YEAR}{_YEAR_END})"
    r"|(?P<num>\b(?:[12]\d|3[01]|0?[1-9])[/.](?:[12]\d|3[01]|0?[1-9])[/.](?:(?:19|20)\d{2}|\d{2})\b)"
    # Chinese and Japanese 2023年2月24日, Korean 2023년 2월 24일
    rf"|(?P<ymd>(?<!\d){_YEAR}\s*[年년]\s*(?:1[0-2]|0?[1-9])\s*[月월]\s*(?:[12]\d|3[01]|0?[1-9])\s*[日일])",
    re.IGNORECASE,
)
# Every `_DATE` form holds a year ("19xx"/"20xx") or a numeric day/month pair: no hint, no date.
_DATE_HINT = re.compile(r"(?:19|20)\d\d|\d[/.]\d")  # also every ymd form
_PUBLISHED = re.compile(
    r"\b(published|posted|first published|date|dated|released|on sale|publié|publicado|pubblicato"
    r"|veröffentlicht|opublikowano|опубликовано|опубліковано|апублікавана)\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"\b(updated|modified|last edited|edited|revised|mis à jour|actualizado|aggiornato|aktualisiert|stand"
    r"|aktualizacja|zaktualizowano|обновлено|оновлено|абноўлена)\b",
    re.IGNORECASE,
)
# Lines whose date is not the page's: a claim box's source, a rating, a line of code.
_NOT_PUBLICATION = re.compile(
    r"^\s*(?:sources?|claim(?:ed)?|rating|verdict|our ruling|#|//|>>>|[\w.]+\s*=\s*\S|[\w.]+\()",
    re.IGNORECASE,
)
_SENTENCE_END_PUNCT = re.compile(r"[.!?][\"'”’)]*$")
# What may precede a dateline date at the start of a paragraph: nothing, a marker word, or a place.
_DATELINE_PREFIX = re.compile(
    r"^(?:(?:date|dated|published|posted|updated)\s*[:/|–—-]?\s*"
    r"|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"  # a place: "Vilnius", "HAYWARD, Calif."
    r"(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?\s*[,:–—-]\s*)?$"
)
_NOT_PLACES = frozenset(
    re.findall(
        r"\w+", "on in at by since from until till before after during last next this every monday tuesday"
    )
    + re.findall(r"\w+", "wednesday thursday friday saturday sunday")
)
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.IGNORECASE)
_SCAN_CHARS = 300  # a dateline or byline date sits near the start of its line
_BEFORE_HEADLINE = 12  # lines above the headline still in the page header
_PARAGRAPHS_AFTER = 3  # content lines after the headline still in the top of the page
_MAX_LINES_AFTER = 40  # ... and never further than this, whatever was kept


_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_MONTH_NUMBERS.update({w.casefold(): n for n, ws in FOREIGN_MONTHS.items() for w in ws.split()})
# A matched iso/dmy/mdy date in plain ASCII; anything else (a no-break space, other digits) is dateutil's.
_ISO_PARTS = re.compile(r"(\d{4})[-/.](\d{2})[-/.](\d{2})", re.ASCII)
_DMY_PARTS = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|\.)?\s*(?:de\s+)?([^\W\d_][^\s\d.,]*)\.?,?\s+(?:de\s+)?(\d{4})", re.IGNORECASE
)
_YMD_PARTS = re.compile(r"\d+")
_MDY_PARTS = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.ASCII | re.IGNORECASE)


def _parse(match: re.Match[str], day_first: bool = False) -> date | None:
    """The date a match states. The ISO and named-month forms give every part explicitly, so dateutil
    would return exactly the date they spell: built directly (dateutil took a third of a library scan).
    The numeric form, and any text off the plain ASCII shapes, still goes through dateutil."""
    text = match.group()
    if match.group("iso"):
        parts = _ISO_PARTS.fullmatch(text)
        if parts is None:
            return _parse_dateutil(match, day_first)
        year, month, day = int(parts[1]), int(parts[2]), int(parts[3])
    elif match.group("dmy"):
        parts = _DMY_PARTS.fullmatch(text)
        if parts is None or parts[2].casefold() not in _MONTH_NUMBERS:
            return _parse_dateutil(match, day_first)
        year, month, day = int(parts[3]), _MONTH_NUMBERS[parts[2].casefold()], int(parts[1])
    elif match.group("ymd"):
        year, month, day = (int(x) for x in _YMD_PARTS.findall(text)[:3])
    elif match.group("mdy"):
        parts = _MDY_PARTS.fullmatch(text)
        if parts is None or parts[1].lower() not in _MONTH_NUMBERS:
            return _parse_dateutil(match, day_first)
        year, month, day = int(parts[3]), _MONTH_NUMBERS[parts[1].lower()], int(parts[2])
    else:
        return _parse_dateutil(match, day_first)
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)  # an impossible day ("31 April") fails, as it does in dateutil
    except ValueError:
        return None


def _parse_dateutil(match: re.Match[str], day_first: bool = False) -> date | None:
    """dateutil on the matched text, twice with different defaults: a missing part shows as a change.

    A numeric date is read day first on a page in a language that writes it so ("05/01/2022" is
    5 January in Madrid), when written with dots, or when the first number cannot be a month."""
    text = _ORDINAL.sub("", match.group()).replace(",", " ")
    text = re.sub(r"(?i)\bsept\b", "Sep", text)
    if match.group("num"):
        first, second = (int(p) for p in re.split(r"[/.]", text)[:2])
        dayfirst = day_first or "." in text or first > 12
        if not dayfirst and second > 12 and first > 12:
            return None
    else:
        dayfirst = bool(match.group("dmy"))
    try:
        a = dateparser.parse(text, dayfirst=dayfirst, default=datetime(1904, 1, 1))
        b = dateparser.parse(text, dayfirst=dayfirst, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError):
        return None
    if a.date() != b.date():
        return None
    if not 1900 <= a.year <= 2100:
        return None
    return a.date()


# Arabic-Indic, Persian and Devanagari digits, as Arabic, Persian and Hindi pages write their dates
# ("٨ مارس ٢٠٢٣", "१६ जनवरी २०२३"): read as the ASCII digits they are, one for one (offsets hold).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "0123456789" * 3)
_OTHER_DIGITS = re.compile("[٠-٩۰-۹०-९]")


def _ascii_digits(text: str) -> str:
    return text if text.isascii() or not _OTHER_DIGITS.search(text) else text.translate(_DIGITS)


def parse_date(text: str, *, day_first: bool = False) -> str | None:
    """The first explicit day-month-year date in `text`, as "YYYY-MM-DD", or None."""
    for match in _DATE.finditer(_ascii_digits(text[:_SCAN_CHARS])):
        parsed = _parse(match, day_first)
        if parsed:
            return parsed.isoformat()
    return None


def _is_dateline_prefix(prefix: str) -> bool:
    if not _DATELINE_PREFIX.match(prefix):
        return False
    first = prefix.split(maxsplit=1)[0].casefold().strip(",:") if prefix.strip() else ""
    return first not in _NOT_PLACES


def _line_date(text: str, *, bylineish: bool, day_first: bool = False) -> date | None:
    """A date this line states as its own: anywhere on a byline-like line, else only as a dateline."""
    text = _ascii_digits(text[:_SCAN_CHARS])
    if not _DATE_HINT.search(text, 0, _SCAN_CHARS):
        return None  # most lines: no year and no d/m/y digits, so `_DATE` cannot match (a cheap check)
    for match in _DATE.finditer(text[:_SCAN_CHARS]):
        if not bylineish and not _is_dateline_prefix(text[: match.start()]):
            continue
        parsed = _parse(match, day_first)
        if parsed:
            return parsed
    return None


def _bylineish(text: str) -> bool:
    words = len(text[:400].split())
    if words <= 16 and not _SENTENCE_END_PUNCT.search(text):
        return True
    return words <= 20 and bool(_PUBLISHED.search(text[:80]) or _UPDATED.search(text[:80]))


def _top_zone(decisions: Sequence[Decision]) -> tuple[int, int, int]:
    """(first, anchor, end): the page header around the headline and the first paragraphs."""
    anchor = next((i for i, d in enumerate(decisions) if d.role == HEADLINE), None)
    if anchor is None:
        anchor = next((i for i, d in enumerate(decisions) if d.kept), 0)
    end, seen = anchor + 1, 0
    limit = min(len(decisions), anchor + 1 + _MAX_LINES_AFTER)
    while end < limit and seen < _PARAGRAPHS_AFTER:
        seen += decisions[end].kept
        end += 1
    return max(0, anchor - _BEFORE_HEADLINE), anchor, end


def find_date(
    document: Document, lines: Sequence[Line], decisions: Sequence[Decision], language: str | None = None
) -> str | None:
    """The extractor's date, else the publication date stated near the headline, as "YYYY-MM-DD".

    Never from a fact-check's claim box ("Source: ..., October 26, 2019"), a line of code or a comment:
    no date is better than a wrong one."""
    if language is None:
        language = detect_language(document.text)
    day_first = language in DAY_FIRST
    hint = document.hints.get("date", "")
    if hint:
        parsed = parse_date(hint)
        if parsed:
            return parsed
    if not lines:
        return None
    first, anchor, end = _top_zone(decisions)
    # Candidates: (rank, distance from the headline, date); published beats plain beats updated.
    best: tuple[int, int, date] | None = None
    for i in range(first, end):
        text = lines[i].text
        if _NOT_PUBLICATION.match(text) or decisions[i].reason == R_READER_COMMENT:
            continue
        head = text[:_SCAN_CHARS]
        bylineish = _bylineish(text)
        found = _line_date(text, bylineish=bylineish, day_first=day_first)
        if found is None:
            continue
        if _PUBLISHED.search(head):
            rank = 0
        elif _UPDATED.search(head):
            rank = 2
        else:
            rank = 1
        distance = i - anchor if i >= anchor else (anchor - i) + _BEFORE_HEADLINE
        candidate = (rank, distance, found)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return best[2].isoformat() if best else None
