"""Each named rule of the suggestion engine on its own (`reader.text.suggestion_engine.SENTENCE_RULES`).

The whole engine is tested end to end in test_suggestions.py; here each rule gets a small paragraph
and a hand-set `Reading`, so a failure names the rule that changed.
"""

from __future__ import annotations

from reader.text.claims import is_heading, label_sentence
from reader.text.names import Names
from reader.text.pipeline import LineInfo, Sentence
from reader.text.quotes import Quotation
from reader.text.suggestion_engine import (
    SENTENCE_RULES,
    Paragraph,
    Reading,
    Suggestion,
    follow_subject,
    introduce_next_quote,
    label_claim_or_fact,
    label_quotes,
    remember_subject,
    skip_quoted_sentence,
)


def paragraph(text: str, *bounds: tuple[int, int], quotations: tuple[Quotation, ...] = ()) -> Paragraph:
    """One line holding all of `text`, split into sentences at `bounds` (the whole text by default)."""
    spans = bounds or ((0, len(text)),)
    sentences = [Sentence(a, b, text[a:b], 0) for a, b in spans]
    line = LineInfo(0, len(text), text, True, "")
    return Paragraph(0, line, sentences, [s.start for s in sentences], list(quotations), prev_end=0)


def test_the_rules_run_in_this_order() -> None:
    assert [rule.__name__ for rule in SENTENCE_RULES] == [
        "label_factcheck_box",
        "follow_subject",
        "label_quotes",
        "remember_subject",
        "skip_quoted_sentence",
        "label_claim_or_fact",
        "introduce_next_quote",
    ]


# --- follow_subject -------------------------------------------------------------------------------


def test_follow_subject_finds_who_the_sentence_is_about() -> None:
    text = "First Minister Mark Drakeford chaired a meeting on Monday."
    reading, para = Reading(text), paragraph(text)
    assert follow_subject(reading, para, para.sentences[0]) is False
    assert reading.subject == "Mark Drakeford"


def test_follow_subject_context_is_the_last_speaker_when_they_spoke_after_the_previous_sentence() -> None:
    text = "The meeting ended."
    reading, para = (
        Reading(text, last_speaker="Ann Lee", last_speaker_at=5, previous_start=0),
        paragraph(text),
    )
    reading.previous_subject = "Bob Ray"
    follow_subject(reading, para, para.sentences[0])
    assert reading.context == "Ann Lee"


def test_follow_subject_context_falls_back_to_the_previous_sentences_subject() -> None:
    text = "The meeting ended."
    reading, para = (
        Reading(text, last_speaker="Ann Lee", last_speaker_at=5, previous_start=9),
        paragraph(text),
    )
    reading.previous_subject = "Bob Ray"
    follow_subject(reading, para, para.sentences[0])
    assert reading.context == "Bob Ray"


# --- label_quotes ---------------------------------------------------------------------------------


def test_label_quotes_labels_a_quote_with_its_speaker_and_remembers_them() -> None:
    text = "“We will rebuild every bridge,” Mayor Anna Kovacs said."
    q = Quotation(0, text.index("”") + 1, True)
    reading, para = Reading(text), paragraph(text, quotations=(q,))
    assert label_quotes(reading, para, para.sentences[0]) is False
    [found] = reading.out
    assert (found.label, found.speaker) == ("quote", "Anna Kovacs")
    assert para.covered == [(q.start, q.end)]
    assert (reading.last_speaker, reading.context) == ("Anna Kovacs", "Anna Kovacs")


def test_label_quotes_leaves_quotations_that_start_in_a_later_sentence() -> None:
    text = "The mayor spoke. “We will rebuild every bridge,” she said."
    q = Quotation(text.index("“"), text.index("”") + 1, True)
    reading = Reading(text)
    para = paragraph(text, (0, 16), (17, len(text)), quotations=(q,))
    label_quotes(reading, para, para.sentences[0])
    assert reading.out == [] and para.quote_at == 0


def test_label_quotes_names_an_open_quote_from_the_paragraph_where_it_ends() -> None:
    text = "“Part two of the statement is here,” the minister Jan Novak said."
    q = Quotation(0, text.index("”") + 1, True)
    reading = Reading(text, unnamed_line=-1)
    reading.out.append(Suggestion(0, 0, "", "quote", None, "quotation marks, speaker not found"))
    reading.unnamed = [0]
    para = paragraph(text, quotations=(q,))
    label_quotes(reading, para, para.sentences[0])
    assert reading.out[0].speaker == "Jan Novak"
    assert reading.out[0].reason == "quotation marks, speaker from where it ends: Jan Novak"
    assert reading.unnamed == []


# --- remember_subject -----------------------------------------------------------------------------


def test_remember_subject_hands_this_sentence_subject_to_the_next() -> None:
    text = "Ann Lee arrived."
    reading, para = Reading(text, subject="Ann Lee"), paragraph(text)
    assert remember_subject(reading, para, para.sentences[0]) is False
    assert (reading.previous_subject, reading.previous_start) == ("Ann Lee", 0)


# --- skip_quoted_sentence -------------------------------------------------------------------------


def test_skip_quoted_sentence_stops_at_a_sentence_holding_a_labelled_quote() -> None:
    text = "He said “no way at all.” Officials said the road was closed."
    para = paragraph(text, (0, 24), (25, len(text)))
    para.covered = [(8, 24)]
    reading = Reading(text)
    assert skip_quoted_sentence(reading, para, para.sentences[0]) is True
    assert skip_quoted_sentence(reading, para, para.sentences[1]) is False


# --- label_claim_or_fact --------------------------------------------------------------------------


def test_label_claim_or_fact_labels_an_attributed_sentence_and_carries_its_speaker() -> None:
    text = "Mayor Anna Kovacs said the bridge would reopen in March."
    reading, para = Reading(text), paragraph(text)
    assert label_claim_or_fact(reading, para, para.sentences[0]) is True
    [found] = reading.out
    assert (found.label, found.start, found.end) == ("claim", 0, len(text))
    assert reading.last_speaker == "Anna Kovacs"
    assert reading.last_speaker_at == len(text)


def test_label_claim_or_fact_lets_an_unlabelled_sentence_through() -> None:
    text = "It was a nice day out there."
    reading, para = Reading(text), paragraph(text)
    assert label_claim_or_fact(reading, para, para.sentences[0]) is False
    assert reading.out == []


# --- introduce_next_quote -------------------------------------------------------------------------


def test_introduce_next_quote_takes_the_speaker_of_a_sentence_ending_in_a_colon() -> None:
    text = "President Volodymyr Zelensky wrote on Telegram:"
    reading, para = Reading(text), paragraph(text)
    assert introduce_next_quote(reading, para, para.sentences[0]) is True
    assert reading.last_speaker == "Volodymyr Zelensky"
    assert reading.out == []


def test_introduce_next_quote_ignores_other_sentences() -> None:
    text = "President Volodymyr Zelensky wrote on Telegram."
    reading, para = Reading(text), paragraph(text)
    introduce_next_quote(reading, para, para.sentences[0])
    assert reading.last_speaker is None


# --- claims ---------------------------------------------------------------------------------------


def test_is_heading_means_no_final_punctuation() -> None:
    assert is_heading("Bridge to reopen in March")
    assert not is_heading("The bridge will reopen in March.")


def test_label_sentence_fact_names_its_specifics() -> None:
    found = label_sentence("The bridge reopened on Monday after three weeks of repairs.", Names())
    assert found is not None and found.label == "fact"
    assert found.reason == "own voice + specifics: date 'Monday', quantity 'three'"
