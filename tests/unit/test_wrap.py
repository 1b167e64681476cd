"""The article view's own line wrapping: rows are exact slices, in order, never wider than asked."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.widgets.wrap import wrap

# Words of ASCII, wide (CJK) and combining characters, with runs of spaces between them.
words = st.text(alphabet=st.sampled_from("abcXYZ.,漢字éü\u0301"), min_size=1, max_size=30)
texts = st.lists(st.tuples(words, st.sampled_from([" ", "  ", "   "])), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts).strip(" ")
)


@given(texts, st.integers(1, 50), st.integers(0, 5))
def test_rows_are_ordered_exact_slices_within_the_width(text: str, width: int, pad: int) -> None:
    padded = "x" * pad + text + "y" * pad  # rows of a paragraph inside a larger text
    start, end = pad, pad + len(text)
    rows = wrap(padded, start, end, width)
    if not text:
        assert rows == []
        return
    assert rows[0][0] == start and rows[-1][1] == end
    for (a, b), (c, _) in pairwise(rows):
        assert a < b <= c
        assert padded[b:c].strip(" ") == ""  # only the spaces at a break are left out
    for a, b in rows:
        assert start <= a < b <= end
        assert cell_len(padded[a:b]) <= width or b - a == 1  # one character wider than a row still shows


@given(texts, st.integers(2, 50))
def test_no_text_is_lost(text: str, width: int) -> None:
    rows = wrap(text, 0, len(text), width)
    shown = "".join(text[a:b] for a, b in rows)
    assert shown.replace(" ", "") == text.replace(" ", "")


def test_breaks_at_spaces_when_it_can() -> None:
    text = "the quick brown fox jumps"
    assert [text[a:b] for a, b in wrap(text, 0, len(text), 10)] == ["the quick", "brown fox", "jumps"]


def test_a_word_longer_than_the_row_is_cut() -> None:
    text = "abcdefghij kl"
    assert [text[a:b] for a, b in wrap(text, 0, len(text), 4)] == ["abcd", "efgh", "ij", "kl"]


def test_wide_characters_count_two_cells() -> None:
    text = "漢字漢字漢字"
    assert [text[a:b] for a, b in wrap(text, 0, len(text), 5)] == ["漢字", "漢字", "漢字"]
