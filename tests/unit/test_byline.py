"""Author, outlet and URL as a page states them; None rather than a guess."""

from __future__ import annotations

from reader.text.document import Document
from reader.text.pipeline import analyse

STORY = (
    "The river rose by two metres overnight and water reached the first floors of houses near the bridge.\n"
    "Residents were moved to a school on the hill, where volunteers handed out food on Tuesday night.\n"
    "The city council will meet on Wednesday to decide whether to open a second shelter for families.\n"
)


def page(*top: str, bottom: str = "") -> Document:
    return Document.from_text("\n".join(["Home", "News", *top]) + "\n" + STORY + bottom)


def test_byline_names_with_roles_and_two_authors() -> None:
    a = analyse(
        page(
            "Floods close the road as the river rises at the bridge",
            "By Helen Marsh, Environment correspondent",
        )
    )
    assert a.author == "Helen Marsh"
    a = analyse(page("Floods close the road as the river rises", "By Olena Harmash and Tom Balmforth"))
    assert a.author == "Olena Harmash and Tom Balmforth"
    a = analyse(page("Floods close the road as the river rises", "Автор: Оксана Мельник"))
    assert a.author == "Оксана Мельник"


def test_no_byline_no_author_and_an_organisation_is_no_author() -> None:
    assert analyse(page("Floods close the road as the river rises")).author is None
    assert (
        analyse(page("Floods close the road as the river rises", "Russian Defense Ministry")).author is None
    )


def test_outlet_from_syndication_and_copyright_lines() -> None:
    a = analyse(
        page(
            "Floods close the road as the river rises", bottom="The post Floods appeared first on Newsweek.\n"
        )
    )
    assert a.outlet == "Newsweek"
    a = analyse(page("Floods close the road", bottom="© 2024 The Northern Ledger. All rights reserved.\n"))
    assert a.outlet == "The Northern Ledger"
    assert analyse(page("Floods close the road")).outlet is None


def test_url_from_a_source_line() -> None:
    a = analyse(
        page("Source: https://example.org/news/floods.html", "Floods close the road as the river rises")
    )
    assert a.url == "https://example.org/news/floods.html"
    assert analyse(page("Floods close the road")).url is None


def test_language_is_detected_per_document() -> None:
    assert analyse(page("Floods close the road")).language == "en"
    text = "В понедельник в Минске прошли учения, в которых приняли участие более двух тысяч человек.\n" * 3
    assert analyse(Document.from_text(text)).language == "ru"
    text = (
        "У суботу у Львові відкрили новий центр допомоги для переселенців, повідомили в міській раді.\n" * 3
    )
    assert analyse(Document.from_text(text)).language == "uk"


HEADLINE = "Floods close the road as the river rises at the bridge"


def test_kinds_of_byline_line() -> None:
    """One case per kind of byline line; each fails without its rule in reader/text/byline.py."""
    # A role after the name without a comma ("Local Democracy Reporter").
    assert analyse(page(HEADLINE, "Amira Shah Local Democracy Reporter")).author == "Amira Shah"
    assert analyse(page(HEADLINE, "Liam Dwyer Court Reporter", "17:44, 17 FEB 2023")).author == "Liam Dwyer"
    # An honorific is part of the name.
    assert analyse(page(HEADLINE, "Written by Dr. Hannah Cole")).author == "Dr. Hannah Cole"
    # "Words and photographs by".
    assert analyse(page(HEADLINE, "Words and photographs by Clara Voss")).author == "Clara Voss"
    # A reporter "at" the ground, beside the date line ...
    dated = page(HEADLINE, "Danny Shields at Harbour Park", "Saturday 23 November 2024 17:05")
    assert analyse(dated).author == "Danny Shields"
    # ... but without a date beside it the same shape is a caption ("Keir Starmer at Downing Street").
    assert analyse(page(HEADLINE, "Keir Starmer at Downing Street")).author is None
    # Collective bylines: an editorial board anywhere near the headline, a team only with a date.
    assert analyse(page(HEADLINE, "The Editorial Board")).author == "The Editorial Board"
    assert analyse(page(HEADLINE, "Tidyflow Team · April 18, 2024 · 3 min read")).author == "Tidyflow Team"
    assert analyse(page(HEADLINE, "Our Support Team")).author is None
    assert analyse(page(HEADLINE, "By HNN Staff | November 18, 2019 at 2:26 PM HST")).author == "HNN Staff"
    # A middle initial before a role: "Bruce Y. Lee Senior Contributor".
    assert analyse(page(HEADLINE, "Bruce Y. Lee Senior Contributor")).author == "Bruce Y. Lee"


def test_a_person_in_the_news_is_not_the_byline() -> None:
    """A caption naming someone with their age ("Mark Hollis, 34, was jailed") is never the author."""
    caption = "Mark Hollis, 34, was jailed for six years (Image: West Midlands Police)"
    assert analyse(page(HEADLINE, caption)).author is None


def test_a_firm_is_not_the_byline() -> None:
    """A spam re-post's "Digital Marketing Aganecy" line under the headline names a firm, not a person."""
    assert analyse(page(HEADLINE, "Digital Marketing Aganecy", "Minsk, Belarus")).author is None
    assert analyse(page(HEADLINE, "Bright Media Solutions")).author is None


def test_kinds_of_outlet_statement() -> None:
    """One case per kind of line naming the outlet; each fails without its rule in reader/text/byline.py."""
    # "Copyright ©" twice over is one prefix, not the outlet "Copyright".
    assert analyse(page(HEADLINE, bottom="Copyright © 2024 Metro Courier\n")).outlet == "Metro Courier"
    # The site naming itself: part of a group, a kind of website, a charity, a disclaimer, cookies, an app.
    bottom = (
        "Privacy policy\nSoundCheck is part of Future Audio Ltd, an international media group."
        " Visit our corporate site.\n© Future Audio Ltd 2024\n"
    )
    assert analyse(page(HEADLINE, bottom=bottom)).outlet == "SoundCheck"
    bottom = "Polygraph Watch is a fact-checking website. The views expressed here are its own.\n"
    assert analyse(page(HEADLINE, bottom=bottom)).outlet == "Polygraph Watch"
    bottom = "University of Westbrook is a registered charity\n"
    assert analyse(page(HEADLINE, bottom=bottom)).outlet == "University of Westbrook"
    bottom = (
        "The views expressed are the author's own and do not necessarily reflect those of The Civic Review.\n"
    )
    assert analyse(page(HEADLINE, bottom=bottom)).outlet == "The Civic Review"
    assert analyse(page("Cookies on GOV Portal", HEADLINE)).outlet == "GOV Portal"
    assert analyse(page("Download the Daily Courier app", HEADLINE)).outlet == "Daily Courier"


def test_wrong_outlets_go_to_none() -> None:
    """A company owning the site, a news agency, a person: none rather than a wrong outlet."""
    # A company's copyright names the owner, often of many sites, not the outlet; a dotted name is one name.
    assert analyse(page(HEADLINE, bottom="Reach plc © 2024\n")).outlet is None
    assert analyse(page(HEADLINE, bottom="© 1995 - 2023 by FactFile Media, LLC\n")).outlet is None
    bottom = "Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved.\n"
    assert analyse(page(HEADLINE, bottom=bottom)).outlet is None
    bottom = "Copyright © 2019 Business Insider Deutschland / finanzen.net GmbH\n"
    assert analyse(page(HEADLINE, bottom=bottom)).outlet is None
    # "Copyright Policy" is a footer link (no © and no year).
    assert analyse(page(HEADLINE, bottom="Privacy Policy\nCopyright Policy\n")).outlet is None
    # A supplier described as a news agency is not the site.
    bottom = "The Local Democracy Reporting Service is a public service news agency funded by the BBC.\n"
    assert analyse(page(HEADLINE, bottom=bottom)).outlet is None
    # The byline's person owning the copyright is the author, not the outlet.
    assert analyse(page(HEADLINE, "By Helen Marsh", bottom="© 2024 Helen Marsh\n")).outlet is None


def test_an_html_pages_site_name_comes_before_a_copyright_owner() -> None:
    doc = Document.from_text(
        "\n".join(["Tidyflow 4.2 released", STORY, "© 2024 Tidyflow Inc."]),
        kind="html",
        hints={"outlet": "Tidyflow Blog"},
    )
    assert analyse(doc).outlet == "Tidyflow Blog"


def test_a_story_sentence_about_a_paper_is_not_the_outlet() -> None:
    story = (
        "The Glasgow Herald is a newspaper founded in 1783, and its owners said on Monday it would close.\n"
    )
    assert analyse(page(HEADLINE, bottom=story * 2)).outlet is None


def test_a_phrase_of_common_words_is_not_a_bare_byline() -> None:
    """A name-shaped line whose words the page also writes in lower case is a phrase ("Order Reprints")."""
    doc = page(HEADLINE, "Order Reprints", bottom="To order reprints of this story, call the desk.\n")
    assert analyse(doc).author is None
    # A name also written inside an address is still a name.
    doc = page(HEADLINE, "Trevor Daugherty", bottom="Write to trevor.daugherty@example.com\n")
    assert analyse(doc).author == "Trevor Daugherty"


def test_what_a_copyright_line_names_that_is_no_site() -> None:
    """Words in lower case ("This site", "The Republic unless otherwise noted"), the word Copyright itself,
    a company form (ООО, Pvt) and what follows the year are not the outlet's name."""
    for line in (
        "© 2019 This site is protected by copyright.",
        "© 2019 The Republic unless otherwise noted.",
        "IPSO Regulated Copyright © 2019",
        "© 2019 ООО «Хёрст Шкулёв Паблишинг»",
    ):
        assert analyse(page(HEADLINE, bottom=line + "\n")).outlet is None, line
    assert analyse(page(HEADLINE, bottom="© Inexhibit 2019 - ISSN: 2283-5474\n")).outlet == "Inexhibit"
    assert analyse(page(HEADLINE, bottom="© 2021 Гродзенскія навіны\n")).outlet == "Гродзенскія навіны"
