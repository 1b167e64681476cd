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
