"""The direct date builder in `metadata._parse` must answer exactly what dateutil answered before it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.text import metadata

MONTHS = [
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
    "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
    "december", "Mon", "Janu", "mayo", "Auguſt",
]  # fmt: skip
WEEKDAYS = ["", "Monday, ", "Fri ", "Tuesday ", "Updated: ", "Published ", "KYIV, "]
TIMES = ["", " 10:15", " at 4:29 PM", " 20:05 GMT", "4:29 AM", ", updated 09:00", " (Reuters) - The"]
SPACES = [" ", "  ", "\u00a0", "\t"]
DIGITS = st.one_of(
    st.integers(0, 39).map(str),
    st.integers(0, 9).map(lambda n: f"0{n}"),
    st.sampled_from(["1\u0663", "\u0661\u0663", "13"]),  # other scripts' digits: dateutil's business
)


FOREIGN = frozenset(w for words in metadata.FOREIGN_MONTHS.values() for w in words.split())


def _english(match: re.Match[str]) -> bool:
    """dateutil reads English month names only, and no 2012년 11월 06일 (read directly only); the other
    languages' are checked in their own test."""
    if match.group("ymd"):
        return False
    return not any(w.casefold().strip(".,") in FOREIGN for w in match.group().split())


def cased(word: str, style: int) -> str:
    return (word, word.upper(), word.capitalize(), word.lower())[style % 4]


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    day = draw(DIGITS) + draw(st.sampled_from(["", "st", "nd", "rd", "th", "TH"]))
    month = cased(draw(st.sampled_from(MONTHS)), draw(st.integers(0, 3))) + draw(st.sampled_from(["", "."]))
    year = str(draw(st.integers(1890, 2110)))
    sp1, sp2 = draw(st.sampled_from(SPACES)), draw(st.sampled_from(SPACES))
    comma = draw(st.sampled_from(["", ","]))
    form = draw(st.integers(0, 3))
    if form == 0:
        core = f"{day}{sp1}{month}{comma}{sp2}{year}"
    elif form == 1:
        core = f"{month}{sp1}{day}{comma}{sp2}{year}"
    elif form == 2:
        mm, dd = draw(st.integers(0, 13)), draw(st.integers(0, 32))
        core = f"{year}-{mm:02d}-{dd:02d}"
    else:
        a, b = draw(st.integers(0, 32)), draw(st.integers(0, 32))
        core = f"{a}{draw(st.sampled_from(['/', '.']))}{b}{draw(st.sampled_from(['/', '.']))}{year[-2:]}"
    return draw(st.sampled_from(WEEKDAYS)) + core + draw(st.sampled_from(TIMES))


@pytest.mark.slow
@settings(max_examples=3000)
@given(date_texts())
@example("Jan. 13, 2023")
@example("13 January 2023")
@example("Monday, January 13th, 2023 at 4:29 PM")
@example("2023-02-29")
@example("31 April 2023")
@example("Nov 20 20194:29 AM")
@example("Sept. 3, 2021")
@example("13\u00a0January 2023")
def test_direct_dates_agree_with_dateutil(text: str) -> None:
    matches = list(metadata._DATE.finditer(text))
    for match in matches:
        if _english(match):
            assert metadata._parse(match) == metadata._parse_dateutil(match), match.group()


def test_the_fast_forms_are_taken_without_dateutil() -> None:
    """The forms the library sees most are built directly (what makes the scan fast), and agree."""
    for text, iso in (
        ("2023-01-13", "2023-01-13"),
        ("13 January 2023", "2023-01-13"),
        ("January 13, 2023", "2023-01-13"),
        ("Jan. 13, 2023", "2023-01-13"),
        ("Friday 13th Jan 2023 10:15", "2023-01-13"),
        ("31 April 2023", None),
    ):
        assert metadata.parse_date(text) == iso
        match = next(metadata._DATE.finditer(text))
        assert metadata._parse_dateutil(match) == metadata._parse(match)


def test_direct_dates_agree_on_real_pages(shared_data: Path, seeds_dir: Path) -> None:
    """Every date-like text in the saved pages and the seeds parses the same both ways."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds_dir.iterdir())]
    with (shared_data / "boilerplate_lines.jsonl").open(encoding="utf-8") as fh:
        texts.extend("\n".join(json.loads(raw)["lines"]) for raw in fh)
    seen = 0
    for text in texts:
        for line in text.splitlines():
            for match in filter(_english, metadata._DATE.finditer(line)):
                assert metadata._parse(match) == metadata._parse_dateutil(match), match.group()
                seen += 1
    assert seen >= 50


def test_other_languages_month_names_and_orders() -> None:
    for text, iso in (
        ("12 октября 2020", "2020-10-12"),
        ("10 грудня 2022 р.", "2022-12-10"),
        ("20 мая 2021 г.", "2021-05-20"),
        ("15 marca 2023", "2023-03-15"),
        ("31. Oktober 2023", "2023-10-31"),
        ("Publié le 18 janvier 2023 à 19h30", "2023-01-18"),
        ("5 de enero de 2022", "2022-01-05"),
        ("31. October, 2023", "2023-10-31"),
        ("2021/09/19", "2021-09-19"),
    ):
        assert metadata.parse_date(text) == iso, text
    assert metadata.parse_date("05/01/2022", day_first=True) == "2022-01-05"
    assert metadata.parse_date("05/01/2022") == "2022-05-01"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年2月24日 09:30", "2023-02-24"),  # Chinese, Japanese
        ("于2023年2月24日正式开通", "2023-02-24"),  # glued to the words around it
        ("2022年9月5日 18時12分", "2022-09-05"),
        ("입력 2012년 11월 06일", "2012-11-06"),  # Korean (a real page's form, in ../shared/data)
        ("12 Haziran 2023 Pazartesi 14:20", "2023-06-12"),  # Turkish
        ("19 Απριλίου 2023, 12:05", "2023-04-19"),  # Greek genitive
        ("1 Μάιος 2023", "2023-05-01"),  # ... and nominative (final sigma, case-folded)
        ("الأربعاء 8 مارس 2023 - 11:45", "2023-03-08"),  # Arabic
        ("21 شباط 2010", "2010-02-21"),  # Levantine month name
        ("अपडेटेड: 16 जनवरी 2023, 04:15 PM IST", "2023-01-16"),  # Hindi (vowel signs inside the name)
        ("24 בפברואר 2023", "2023-02-24"),  # Hebrew, with the prefix "in"
        ("2 mei 2023", "2023-05-02"),  # Dutch, Indonesian
        ("2023年13月40日", None),  # no such month or day
        ("الأربعاء ٨ مارس ٢٠٢٣ - ١١:٤٥", "2023-03-08"),  # Arabic-Indic digits
        ("१६ जनवरी २०२३", "2023-01-16"),  # Devanagari digits
        ("۲۴ فوریه ۲۰۲۳", None),  # Persian digits, but a Persian month name is not known
    ],
)
def test_dates_in_other_scripts(text: str, iso: str | None) -> None:
    assert metadata.parse_date(text) == iso
