"""Every line says what it is, and headlines, headings, captions and metadata are not taggable."""

from __future__ import annotations

from reader.text.document import Document
from reader.text.pipeline import analyse

PAGE = """Home
News
World
Floods close the main road into Lviv as the river rises
Engineers say the river may not fall before the weekend as more rain is forecast
The river rose by two metres overnight and water reached the first floors of houses near the bridge.
Residents were moved to a school on the hill, where volunteers handed out food and blankets on Tuesday.
What happens next
The city council will meet on Wednesday to decide whether to open a second shelter for families.
- sandbags at the bridge
- a pump at the station
Officials said the damage would take months to repair and asked drivers to avoid the area entirely.
"""


def test_kinds_of_a_news_page() -> None:
    analysis = analyse(Document.from_text(PAGE))
    kinds = {ln.text: ln.kind for ln in analysis.lines if ln.kept}
    assert kinds["Floods close the main road into Lviv as the river rises"] == "headline"
    assert (
        kinds["Engineers say the river may not fall before the weekend as more rain is forecast"]
        == "standfirst"
    )
    assert kinds["What happens next"] == "heading"
    assert kinds["- sandbags at the bridge"] == "list item"
    assert (
        kinds[
            "The city council will meet on Wednesday to decide whether to open a second shelter for families."
        ]
        == "paragraph"
    )
    untaggable = {s.text for s in analysis.sentences if not s.taggable}
    assert untaggable == {"Floods close the main road into Lviv as the river rises", "What happens next"}


def test_factcheck_lines_have_their_kind() -> None:
    text = (
        "Did the mayor ban cars from the city centre?\n"
        "Claim: The mayor banned all cars from the city centre from January.\n"
        "Rating: False\n"
        "A post shared thousands of times says the mayor banned cars from the centre in January.\n"
        "The council's own records show that no such decision was taken, and traffic rules are unchanged.\n"
    )
    analysis = analyse(Document.from_text(text))
    kinds = {ln.text: ln.kind for ln in analysis.lines}
    assert kinds["Claim: The mayor banned all cars from the city centre from January."] == "factcheck"
    assert kinds["Rating: False"] == "factcheck"


def test_a_scraped_date_prefix_is_metadata_not_the_first_sentence() -> None:
    text = (
        "date 2023-01-13 Belarus may enter the war if invaded, a Russia-based news agency reported, citing an"
        " official. Russia and Belarus have been running several joint military drills this winter.\n"
    )
    analysis = analyse(Document.from_text(text))
    first = analysis.sentences[0]
    assert (
        first.text
        == "Belarus may enter the war if invaded, a Russia-based news agency reported, citing an official."
    )
    assert first.taggable
    assert analysis.date == "2023-01-13"
