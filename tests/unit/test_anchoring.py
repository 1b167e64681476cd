"""Re-attaching a quote to a changed text: position, then exact quote with context, then fuzzy."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotations.anchoring import anchor, place
from annotations.model import Annotation, DocumentRef, context

words = st.text(alphabet="abcdefghij .,“”\n’é", min_size=0, max_size=60)
quotes = st.text(alphabet="abcdefghij .,“”\n’é", min_size=1, max_size=40)


def selector(text: str, start: int, end: int) -> dict:
    prefix, suffix = context(text, start, end)
    return {"exact": text[start:end], "prefix": prefix, "suffix": suffix, "start": start}


@given(words, quotes, words)
def test_unchanged_text_anchors_at_the_same_place(before: str, quote: str, after: str) -> None:
    text = before + quote + after
    found = anchor(text, **selector(text, len(before), len(before) + len(quote)))
    assert found is not None and (found.start, found.end, found.how) == (
        len(before),
        len(before) + len(quote),
        "position",
    )


@given(words, quotes, words, words, words)
def test_text_added_around_still_finds_the_exact_quote(
    before: str, quote: str, after: str, added_front: str, added_back: str
) -> None:
    old = before + quote + after
    new = added_front + before + quote + after + added_back
    found = anchor(new, **selector(old, len(before), len(before) + len(quote)))
    assert found is not None
    assert new[found.start : found.end] == quote
    if new.count(quote) == 1:
        assert found.start == len(added_front) + len(before)


def test_context_chooses_among_repeated_quotes() -> None:
    old = "He said yes. Later, in court, the witness said yes. Then he left."
    start = old.index("said yes", 10)
    sel = selector(old, start, start + len("said yes"))
    new = "Prologue. " + old.replace("He said yes.", "He said yes, twice: said yes.")
    found = anchor(new, **sel)
    assert found is not None
    assert new[found.start - 8 : found.end] == "witness said yes"


def test_nearest_occurrence_wins_when_context_ties() -> None:
    text = "x said yes y " * 10
    start = text.index("said yes", 60)
    sel = {"exact": "said yes", "prefix": "", "suffix": "", "start": start + 3}
    found = anchor(text, **sel)
    assert found is not None and found.start == start


def test_a_small_edit_inside_the_quote_anchors_fuzzily() -> None:
    old = "Intro. The minister said prices would rise by five percent in May. Outro follows here."
    q = "The minister said prices would rise by five percent in May."
    start = old.index(q)
    new = "New intro line.\n" + old.replace("five percent", "5 percent")
    found = anchor(new, **selector(old, start, start + len(q)))
    assert found is not None and found.how == "fuzzy"
    assert "minister said prices would rise by 5 percent" in new[found.start : found.end]


@settings(max_examples=60)
@given(words, st.text(alphabet="klmnopqrst", min_size=12, max_size=40), words, st.integers(0, 11))
def test_one_changed_character_still_anchors_fuzzily(before: str, quote: str, after: str, k: int) -> None:
    old = before + quote + after
    new = before + quote[:k] + "Z" + quote[k + 1 :] + after
    found = anchor(new, **selector(old, len(before), len(before) + len(quote)))
    assert found is not None
    assert 0 <= found.start < found.end <= len(new)
    # the match overlaps where the quote was
    assert found.start < len(before) + len(quote) and found.end > len(before)


def test_a_quote_that_is_gone_is_not_anchored() -> None:
    old = "Alpha beta gamma. The quoted sentence about tariffs. Delta epsilon."
    q = "The quoted sentence about tariffs."
    start = old.index(q)
    new = "Alpha beta gamma. Delta epsilon. Something else entirely different here."
    assert anchor(new, **selector(old, start, start + len(q))) is None


def test_cost_is_bounded_on_a_large_text_without_the_quote() -> None:
    big = "lorem ipsum dolor sit amet " * 40_000  # about a million code points
    found = anchor(big, "a sentence that is not there at all", "", "", 500_000)
    assert found is None or big[found.start : found.end]


@given(st.text(min_size=0, max_size=50), st.text(min_size=1, max_size=10), st.text(max_size=50))
def test_any_result_is_inside_the_text(before: str, quote: str, after: str) -> None:
    assume(quote.strip())
    text = before + after
    found = anchor(text, quote, "", "", len(before))
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)


def test_place_moves_an_annotation_onto_the_new_text_or_orphans_it() -> None:
    """The one placement the importer and the store's changed-file path share."""
    old_text = "Intro. The minister said taxes will fall. Outro."
    start = old_text.index("taxes")
    end = start + len("taxes will fall")
    prefix, suffix = context(old_text, start, end)
    a = Annotation("a1", "sha256:old", "a.txt", "claim", start, end, old_text[start:end], prefix, suffix)
    new = DocumentRef("sha256:new", "b.txt", "A longer intro. " + old_text)

    moved, found = place(a, new)
    assert found is not None and found.how == "quote"
    assert (moved.document_id, moved.path, moved.orphan) == ("sha256:new", "b.txt", False)
    assert new.text[moved.start : moved.end] == "taxes will fall"
    assert (moved.prefix, moved.suffix) == context(new.text, moved.start, moved.end)

    kept, found = place(a, DocumentRef("sha256:same", "a.txt", old_text))
    assert found is not None and found.how == "position" and (kept.start, kept.end) == (start, end)

    gone, found = place(a, DocumentRef("sha256:gone", "c.txt", "Nothing of the sort here."))
    assert found is None and gone.orphan and (gone.document_id, gone.start) == ("sha256:gone", start)
