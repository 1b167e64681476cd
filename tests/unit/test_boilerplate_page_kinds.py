"""Boilerplate rules for kinds of page (issue 10, second batch of fresh pages): each test is a small
page of one kind, written for the rule, with what must be kept and what must go."""

from __future__ import annotations

from reader.text.boilerplate import HEADLINE, Decision, classify
from reader.text.lines import split_lines

P = [
    "The council approved the new budget on Tuesday after a debate that lasted almost four hours.",
    "Spending on roads will rise by a tenth, while the library service will keep its opening hours.",
    "Opposition members said the plan relied on optimistic forecasts for business rates next year.",
    "The budget takes effect in April, and a review of the figures is due in the autumn session.",
]


def run(*lines: str) -> dict[str, Decision]:
    parsed = split_lines("\n".join(lines))
    return {ln.text: d for ln, d in zip(parsed, classify(parsed), strict=True)}


def kept(result: dict[str, Decision]) -> set[str]:
    return {t for t, d in result.items() if d.kept}


def test_deal_boxes_after_the_intro_are_the_article_but_not_their_shop_buttons() -> None:
    boxes = []
    for name, price in (("Acme Buds", "$99.00"), ("Acme Watch", "$149.00"), ("Acme Pad", "$329.00")):
        boxes += [name, "Up to 30 hours of battery life", "Water resistant for swimming", price]
        boxes += ["Available from Amazon", "Site may receive a commission", "Buy Now"]
    result = run("Deals", "Best early deals on Acme gadgets", *P[:2], *boxes, "Privacy Policy")
    assert {"Acme Watch", "Water resistant for swimming", "Up to 30 hours of battery life"} <= kept(result)
    assert not result["Buy Now"].kept and not result["Site may receive a commission"].kept


def test_a_list_under_a_short_heading_after_the_story_is_kept_an_info_box_is_not() -> None:
    rows = [
        f"{team} (Group {g}): {n} appearance"
        for team, g, n in (("Spain", "F", "11th"), ("Wales", "E", "Second"), ("Italy", "J", "10th"))
    ]
    result = run(*P, "Qualified teams", *rows)
    assert {"Qualified teams", *rows} <= kept(result)
    box = ["Director: Ana Lopez", "Cast: Tom Reed, Mia Chen", "Running time: 1hr 52min", "Certificate: 15"]
    result = run(*P, *box)
    assert not kept(result) & set(box)


def test_a_counted_thread_heading_ends_the_article_however_long_the_thread() -> None:
    comments = []
    for i, name in enumerate(("Gaye", "Jan Smith", "Anita", "Tom"), 1):
        comments += [f"{i}. {name}", "August 8, 2018 at 3:17 pm"]
        comments += [
            "Thanks so much for writing this, it really helped me think about my own plans for the year."
        ] * 2
    result = run(*P, "4 thoughts on “How the council spends its money and why it matters to you”", *comments)
    assert set(P) <= kept(result)
    assert not result[comments[2]].kept


def test_a_share_bars_comments_link_is_not_a_thread() -> None:
    footer = [
        "Quotes are delayed by at least fifteen minutes, and market data is provided by a partner firm.",
        "Legal statement: this material may not be published, broadcast or rewritten in any form.",
    ]
    result = run(
        "Markets", *footer, "Earnings", "Facebook", "Twitter", "Comments", "Print", "Email", *P, "About"
    )
    assert set(P) <= kept(result)


def test_a_press_releases_about_section_and_contact_go() -> None:
    about = (
        "Acme Storage builds and runs battery sites across North America. Founded in 2016, it has 40 sites."
    )
    result = run(*P, "About Acme Storage", about, "Media contact: press@acme.example")
    assert set(P) <= kept(result)
    assert not result["About Acme Storage"].kept and not result[about].kept


def test_a_ticker_above_the_story_is_never_its_headline() -> None:
    result = run(
        "News",
        "BREAKING: Road closed after lorry overturns on the budget bypass",
        "Council approves the new budget after four hours",
        "By Amira Shah",
        *P,
    )
    assert result["Council approves the new budget after four hours"].role == HEADLINE
    assert result["BREAKING: Road closed after lorry overturns on the budget bypass"].role != HEADLINE


def test_teasers_with_kickers_inside_the_article_go() -> None:
    teasers = [
        "RANDY ANDY",
        "Prince seen at party despite claims",
        "TIME TRAVELLER",
        "Fans say they spotted star in old photo",
        "‘NAÏVE AND TRUSTING’",
        "Man has arm removed after oil injections",
    ]
    result = run(*P[:2], *teasers, *P[2:])
    assert set(P) <= kept(result)
    assert not kept(result) & set(teasers)


def test_the_first_sections_heading_above_the_story_is_kept() -> None:
    result = run(
        "News",
        "In brief: council budget and news from around the county",
        "May 8, 2023",
        "Millbrook: Bridge repairs to close Main Street",
        P[0],
        "Carlton: Library extends weekend hours",
        P[1],
        "Deer Lake: Fishing derby raises money",
        P[2],
    )
    assert result["In brief: council budget and news from around the county"].role == HEADLINE
    assert result["Millbrook: Bridge repairs to close Main Street"].kept


def test_widgets_of_kinds_of_page_go() -> None:
    widgets = [
        "Was this article helpful? Yes No",
        "Have news from your town? Email newsroom@herald.example.",
        "Johnston C, et al. (2005). The effect of chilling the feet. Family Practice.",
        "This content is for information only and is not a substitute for professional medical advice.",
        "Sign the guest book",
        "You are receiving this email because you signed up to the Morning Briefing.",
        "Maggie Hart has written the Dear Maggie column since 2009.",
        "Imogen Carr is a historian at the University of Leeds and the author of three books on trade.",
        "Clara travelled as a guest of the Ljubljana Tourist Board.",
        "This is what we do. We are funded by readers. If you value our journalism, support us from £1.",
        "Buy the book: Amazon | Bookshop | Waterstones",
        "Try Tidyflow free for 14 days. No credit card required.",
        "I agree that CBS Sports can send me the Pick Six newsletter.",
        "Please check the opt-in box to acknowledge that you would like to subscribe.",
    ]
    for widget in widgets:
        result = run(*P[:2], widget, *P[2:])
        assert not result[widget].kept, widget
        assert set(P) <= kept(result)


def test_a_words_and_pictures_byline_is_no_headline() -> None:
    result = run(
        "Destinations",
        "A weekend in the budget capital: castles, cafés and a slow river",
        "Words and photographs by Clara Voss",
        *P,
    )
    assert result["A weekend in the budget capital: castles, cafés and a slow river"].role == HEADLINE
    assert not result["Words and photographs by Clara Voss"].kept


def test_a_related_label_with_teasers_inside_the_story_goes() -> None:
    teasers = [
        "Related",
        "How the budget vote went in the neighbouring county",
        "Five things the new mayor promised",
    ]
    result = run(*P[:2], *teasers, *P[2:])
    assert set(P) <= kept(result)
    assert not kept(result) & set(teasers)
