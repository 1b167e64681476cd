"""Title and publication date: every stated form, the traps, the fallbacks and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.boilerplate import classify
from reader.text.document import Document
from reader.text.lines import split_lines
from reader.text.metadata import TITLE_MAX, find_date, find_title, parse_date
from reader.text.pipeline import analyse

BODY = (
    "The minister said the talks would resume next week, according to officials familiar with the plans.\n"
    "He added that the government had not yet decided whether to send a delegation to the meeting.\n"
    "Opposition leaders called the decision a mistake and said they would raise it in parliament.\n"
)
MENU = "Home\nNews\nWorld\n"
HEADLINE = "Big talks resume in the capital after a week of delays"


def meta(text: str, hints: dict[str, str] | None = None) -> tuple[str | None, str | None]:
    document = Document.from_text(text, hints=hints)
    lines = split_lines(text)
    decisions = classify(lines)
    return find_title(document, lines, decisions), find_date(document, lines, decisions)


# ---------------------------------------------------------------- dates the page states


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Published / 26 March 2023", "2023-03-26"),
        ("Updated: Jan. 13, 2023 at 9:05 a.m. EST", "2023-01-13"),
        ("Feb 17, 2023", "2023-02-17"),
        ("By Tess Bonn - 11/19/19 06:56 AM EST", "2019-11-19"),
        ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", "2019-11-18"),
        ("Posted 2023-05-04T10:00:00Z", "2023-05-04"),
        ("18 NOV 2019", "2019-11-18"),
        ("September 10, 2018 | by Catherine", "2018-09-10"),
        ("Sept. 3rd, 2021", "2021-09-03"),
        ("February 17, 20233:05 PM GMTUpdated 2 days ago", "2023-02-17"),
    ],
)
def test_byline_dates(byline: str, expected: str) -> None:
    assert meta(MENU + HEADLINE + "\n" + byline + "\n" + BODY) == (HEADLINE, expected)


def test_date_prefix_of_the_first_line() -> None:
    text = (
        " date 2023-01-13 Belarus may enter the Ukraine war if invaded, TASS reported citing an official.\n"
        + BODY
    )
    assert meta(text)[1] == "2023-01-13"


def test_dateline_at_the_start_of_the_first_paragraph() -> None:
    text = (
        MENU
        + HEADLINE
        + "\nVilnius, 18 August 2023 – The minister said the talks would resume soon, officials said.\n"
    )
    assert meta(text + BODY)[1] == "2023-08-18"


def test_dateline_on_its_own_line() -> None:
    assert meta(MENU + HEADLINE + "\nVilnius, 18 August 2023\n" + BODY)[1] == "2023-08-18"


def test_published_beats_updated() -> None:
    text = MENU + HEADLINE + "\nUpdated 14 March 2023\nPublished 12 March 2023\n" + BODY
    assert meta(text)[1] == "2023-03-12"


def test_no_stated_date_is_none() -> None:
    assert meta(MENU + HEADLINE + "\n" + BODY) == (HEADLINE, None)


# ---------------------------------------------------------------- traps


def test_date_inside_an_article_sentence_is_not_the_date() -> None:
    text = (
        MENU + HEADLINE + "\nOn February 18, 2023, the Ministry said that the talks would resume next week.\n"
    )
    assert meta(text + BODY)[1] is None
    text = MENU + HEADLINE + "\nOn February 18, the Ministry said that the talks would resume next week.\n"
    assert meta(text + BODY)[1] is None


def test_date_in_a_teaser_further_down_is_not_the_date() -> None:
    text = (
        MENU
        + HEADLINE
        + "\n"
        + BODY
        + BODY
        + "More on this story\nTalks stall again in the capital 21 March 2023\n"
    )
    assert meta(text)[1] is None


def test_relative_or_partial_dates_are_not_dates() -> None:
    for byline in ("2 hours ago", "March 2023", "February 18", "18/02", "Thursday"):
        assert meta(MENU + HEADLINE + "\n" + byline + "\n" + BODY)[1] is None, byline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26 March 2023", "2023-03-26"),
        ("March 26, 2023", "2023-03-26"),
        ("2023-03-26", "2023-03-26"),
        ("26.03.2023", "2023-03-26"),
        ("03/26/2023", "2023-03-26"),
        ("26/03/2023", "2023-03-26"),
        ("March 2023", None),
        ("March 26", None),
        ("31 February 2023", None),
        ("2023-13-01", None),
        ("", None),
    ],
)
def test_parse_date_requires_day_month_and_year(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_hints_win() -> None:
    hints = {"title": "The extractor's title", "date": "2021-06-30"}
    assert meta(MENU + HEADLINE + "\nFeb 17, 2023\n" + BODY, hints) == ("The extractor's title", "2021-06-30")


def test_unparsable_date_hint_falls_back_to_the_page() -> None:
    assert meta(MENU + HEADLINE + "\nFeb 17, 2023\n" + BODY, {"date": "soon"})[1] == "2023-02-17"


# ---------------------------------------------------------------- titles


def test_headline_after_menus() -> None:
    text = (
        "Get all your news in one place.\n100’s of premium titles.\nOne app.\nStart reading\n"
        + HEADLINE
        + "\n"
    )
    assert meta(text + "AP\n" + BODY)[0] == HEADLINE


def test_without_a_headline_line_the_first_sentence_is_the_title() -> None:
    assert meta(BODY)[0] == (
        "The minister said the talks would resume next week, according to officials familiar with the plans"
    )


def test_fallback_title_drops_the_dateline() -> None:
    text = "KYIV, Feb 17 (Reuters) - Ukraine's military said on Friday it had repelled dozens of attacks.\n"
    assert meta(text + BODY)[0] == "Ukraine's military said on Friday it had repelled dozens of attacks"


def test_fallback_title_skips_stray_short_lines() -> None:
    # No sentence on the page, so plain lines are kept; a short one is the title only if nothing longer is.
    assert (
        meta("1\nIngredients\nA pinch of salt and pepper\n2 cups flour\n")[0] == "A pinch of salt and pepper"
    )
    assert meta("1\nIngredients\n")[0] == "Ingredients"


def test_long_first_sentence_is_the_title_whole() -> None:
    long = "The minister " + "said that the talks would resume next week and " * 4 + "nothing else.\n"
    assert meta(long + BODY)[0] == long.strip()[:-1]


def test_runaway_first_sentence_is_shortened_at_a_word() -> None:
    long = "The minister " + "said that the talks would resume next week and " * 9 + "nothing else.\n"
    title = meta(long + BODY)[0]
    assert title is not None
    assert title.endswith("…")
    assert len(title) <= TITLE_MAX + 1
    assert long.startswith(title[:-1])


def test_empty_document() -> None:
    assert meta("") == (None, None)


SEED_TITLES = {
    "000_42329df675c815be.txt": "Belarus may enter the Ukraine war if invaded, Russia-based news agency",
    "001_2431c36a0108d05d.txt": "Belarus ready to ‘wage war’ alongside Russia in Ukraine if attacked",
    "002_3f438ba1181fc859.txt": "Belarus is in the process of readying missiles for combat",
    "003_ac7b1f2213b4f8e1.txt": "Belarusian President Alexander Lukashenko revealed",
    "004_0926400b2f17a2d6.txt": "Belarus claims it won’t send troops to Ukraine unless it is attacked",
}
SEED_DATES = {"000_42329df675c815be.txt": "2023-01-13"}


@pytest.mark.parametrize("name", sorted(SEED_TITLES))
def test_seed_titles_and_dates(seeds_dir: Path, name: str) -> None:
    title, date = meta((seeds_dir / name).read_text(encoding="utf-8"))
    assert title is not None
    assert title.startswith(SEED_TITLES[name])
    assert "date 2023" not in title
    assert date == SEED_DATES.get(name)


_DATE_PIECES = [*"0123456789 -/.,:", "Jan", "March", "Sept.", "31", "2023", "19", "th", "date ", "On "]
_DATEISH = st.lists(st.sampled_from(_DATE_PIECES), max_size=30).map("".join)


@settings(max_examples=200, deadline=None)
@given(_DATEISH)
def test_parse_date_never_raises_and_returns_iso(text: str) -> None:
    result = parse_date(text)
    if result is not None:
        assert len(result) == 10 and result[4] == "-" and result[7] == "-"
        assert parse_date(result) == result


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_DATEISH, st.text(max_size=80)), max_size=12))
def test_metadata_on_arbitrary_pages(lines: list[str]) -> None:
    title, date = meta("\n".join(lines))
    assert title is None or (title.strip() == title and title)
    assert date is None or parse_date(date) == date


MARKDOWN_CLIPPING = """  * [News](/news)
  * [Sport](/sport)
  * [Sign in](/login)

Home > News > Weather

# River breaches defences as storm batters northern towns #

By Helen Marsh

Flood defences on the River Calder gave way shortly before midnight on Saturday, the agency said.

Emergency services used boats to reach residents trapped on upper floors, officials said.

## Questions over defences

The embankment that failed was repaired in 2019 at a cost of £3.4m, the council said.
"""


def test_a_markdown_clippings_title_has_no_heading_marks_and_its_text_keeps_them() -> None:
    """A page saved as Markdown (a web clipper, html2text): the title is the headline without "# ";
    the text is the file's, marks and all (offsets point into it). All 55 fresh pages rendered by
    html2text had "# " in their title before."""
    analysis = analyse(Document.from_text(MARKDOWN_CLIPPING))
    assert analysis.title == "River breaches defences as storm batters northern towns"
    assert "# River breaches defences as storm batters northern towns #" in analysis.document.text
    story = MARKDOWN_CLIPPING[MARKDOWN_CLIPPING.index("Flood defences") :]
    bold = analyse(Document.from_text(f"**Council votes to close the old bridge**\n\n{story}"))
    assert bold.title == "Council votes to close the old bridge"
