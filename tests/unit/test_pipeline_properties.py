"""Properties of the text pipeline on arbitrary text: exact offsets, order, no text lost, no crash."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.document import Document
from reader.text.lines import split_lines
from reader.text.pipeline import analyse
from reader.text.sentences import split_sentences

# Pieces that exercise the segmenter's rules, mixed with arbitrary characters below.
TOKENS = [
    "Mr.",
    "Gen.",
    "St.",
    "No.",
    "U.S.",
    "a.m.",
    "p.m.",
    "e.g.",
    "A.",
    "1.",
    "2.)",
    "b)",
    "$1.2bn",
    "(€1.1bn)",
    "Kyiv",
    "said",
    "The",
    "he",
    "asked",
    "...",
    ". . .",
    "…",
    "?",
    "!",
    "?!",
    ".",
    ",",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "(",
    ")",
    "[...]",
    "•",
    "⁃",
    "—",
    "https://example.org/a.b?c=1.",
    "jane.doe@example.com.",
    "\u0301",  # a combining accent, alone
    "\U0001f44b",  # an emoji outside the BMP
    "\x00",
    "\x1b[31m",
    "\x85",
    "\ufeff",
]
SPACES = [" ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u2028", "\u2029", "\x0b", "\x1c", "\u3000"]

token = st.one_of(
    st.sampled_from(TOKENS),
    st.text(min_size=1, max_size=8),
    st.builds(lambda c, n: c * n, st.sampled_from("a.x“?"), st.integers(50, 3000)),  # very long words
)
piece = st.tuples(token, st.sampled_from([*SPACES, "", " ", " "])).map("".join)
texts = st.one_of(st.lists(piece, max_size=60).map("".join), st.text(max_size=300))

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts, st.booleans())
def test_pipeline_offsets_are_exact_ordered_and_inside_kept_lines(text: str, keep_all: bool) -> None:
    # Keeping every line (as a user's overrides can) makes the segmenter see every line.
    overrides = {ln.text: True for ln in split_lines(text)} if keep_all else None
    analysis = analyse(Document.from_text(text), overrides=overrides)
    for line in analysis.lines:
        assert text[line.start : line.end] == line.text
        assert line.text and line.text == line.text.strip()
    for first, second in itertools.pairwise(analysis.lines):
        assert first.end <= second.start
    for sentence in analysis.sentences:
        assert sentence.start < sentence.end
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        line = analysis.lines[sentence.line]
        assert line.kept
        assert line.start <= sentence.start and sentence.end <= line.end
    for first, second in itertools.pairwise(analysis.sentences):
        assert first.end <= second.start
        assert first.line <= second.line


@SETTINGS
@given(texts)
def test_pipeline_is_deterministic(text: str) -> None:
    first = analyse(Document.from_text(text))
    second = analyse(Document.from_text(text))
    assert first == second
    assert first.to_json() == second.to_json()


@SETTINGS
@given(texts, st.integers(-5, 400), st.integers(-5, 400) | st.none())
def test_split_sentences_loses_no_text(text: str, start: int, end: int | None) -> None:
    spans = split_sentences(text, start, end)
    low = max(0, min(start, len(text)))
    high = len(text) if end is None else max(0, min(end, len(text)))
    for a, b in spans:
        assert low <= a < b <= high
        piece = text[a:b]
        assert piece == piece.strip()
    for (_, b), (c, _) in itertools.pairwise(spans):
        assert b <= c
    # Every non-space character of the range lies in exactly one sentence.
    inside = "".join(text[a:b] for a, b in spans)
    expected = text[low:high] if low < high else ""
    assert "".join(inside.split()) == "".join(expected.split())
    gaps = [text[b:c] for (_, b), (c, _) in itertools.pairwise(spans)]
    assert all(not gap or gap.isspace() for gap in gaps)


@SETTINGS
@given(texts)
def test_split_sentences_of_a_line_equals_split_of_the_line_alone(text: str) -> None:
    """Offsets are relative to the whole text, never to the slice."""
    line = text.strip()
    offset = text.find(line) if line else 0
    whole = split_sentences(text, offset, offset + len(line))
    alone = split_sentences(line)
    assert [(a - offset, b - offset) for a, b in whole] == alone
