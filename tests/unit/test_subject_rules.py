"""Each named rule of `_parse_subject` on its own (`reader.text.speakers.SUBJECT_RULES`).

End-to-end speaker finding is tested in test_suggestions.py; here each rule sees one subject phrase,
so a failure names the rule that changed.
"""

from __future__ import annotations

from reader.text.names import Names
from reader.text.speakers import (
    SUBJECT_RULES,
    Speaker,
    SubjectPhrase,
    bare_name_segment,
    clause_before_and,
    clause_or_stray_word,
    described_role,
    issuing_document,
    no_subject_segment,
    no_words,
    pronoun,
    too_long,
    trailing_name,
    unnamed_role,
)


def phrase(text: str, names: Names | None = None) -> SubjectPhrase:
    found = SubjectPhrase.of(text, names or Names())
    assert found is not None
    return found


def test_the_rules_run_in_this_order() -> None:
    assert [rule.__name__ for rule in SUBJECT_RULES] == [
        "bare_name_segment",
        "no_subject_segment",
        "pronoun",
        "no_words",
        "clause_before_and",
        "too_long",
        "trailing_name",
        "described_role",
        "unnamed_role",
        "issuing_document",
        "clause_or_stray_word",
    ]


def test_subject_phrase_drops_appositives_and_opening_phrases() -> None:
    p = phrase("In a statement, Andrii Cherniak, a representative of the agency,")
    assert p.kept == ["Andrii Cherniak"]
    assert SubjectPhrase.of(" , ", Names()) is None


def test_bare_name_segment() -> None:
    assert bare_name_segment(phrase("Andrii Cherniak, a representative of the agency,")) == Speaker(
        "Andrii Cherniak", "person", "Andrii Cherniak"
    )
    names = Names()
    names.learn("Ryan Suter", person=True)
    assert bare_name_segment(phrase("Suter", names)) == Speaker("Suter", "person", "Suter")
    assert bare_name_segment(phrase("the minister")) is None


def test_no_subject_segment() -> None:
    assert no_subject_segment(phrase("in a statement")) == Speaker(None, "none", "in a statement")
    assert no_subject_segment(phrase("the minister")) is None


def test_pronoun() -> None:
    assert pronoun(phrase("She")) == Speaker(None, "pronoun", "She")
    assert pronoun(phrase("the minister")) is None


def test_no_words() -> None:
    assert no_words(phrase("the .")) == Speaker(None, "none", "the .")
    assert no_words(phrase("the minister")) is None


def test_clause_before_and() -> None:
    assert clause_before_and(phrase("Zelensky shared a video and")) == Speaker(
        "Zelensky", "body", "Zelensky shared a video and"
    )
    assert clause_before_and(phrase("he asked about it, called it a lie and")) == Speaker(
        None, "pronoun", "he"
    )
    assert clause_before_and(phrase("the minister")) is None


def test_too_long() -> None:
    long = "the man who came to the town on the bus with his dog and his cat and his old friend"
    assert too_long(phrase(long)).kind == "none"  # type: ignore[union-attr]
    assert too_long(phrase("the minister")) is None


def test_trailing_name() -> None:
    assert trailing_name(phrase("the country’s president Alexander Lukashenko")) == Speaker(
        "Alexander Lukashenko", "person", "the country’s president Alexander Lukashenko"
    )
    assert trailing_name(phrase("TASS")) == Speaker("TASS", "outlet", "TASS")
    assert trailing_name(phrase("the Health Ministry")) == Speaker(
        "Health Ministry", "body", "the Health Ministry"
    )
    assert trailing_name(phrase("the minister")) is None


def test_described_role() -> None:
    assert described_role(phrase("the official")) == Speaker(None, "description", "the official")
    assert described_role(phrase("an official")) is None


def test_unnamed_role() -> None:
    assert unnamed_role(phrase("an officer")) == Speaker("an officer", "body", "an officer")
    assert unnamed_role(phrase("the officer")) is None


def test_issuing_document() -> None:
    assert issuing_document(phrase("the statement")) == Speaker(None, "document", "the statement")
    assert issuing_document(phrase("a statement")) is None


def test_clause_or_stray_word() -> None:
    assert clause_or_stray_word(phrase("officials")) == Speaker(None, "none", "officials")
    assert clause_or_stray_word(phrase("it was what they said")).kind == "none"  # type: ignore[union-attr]
    assert clause_or_stray_word(phrase("the board")) is None
