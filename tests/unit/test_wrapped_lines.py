"""Hard-wrapped text (a text browser's dump at 80 columns, a "save as text", an e-mail): each
paragraph's lines are joined into one logical line, with exact offsets; any other text keeps a line
per line."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.document import Document
from reader.text.lines import logical_lines, split_lines, wrap_width
from reader.text.pipeline import analyse
from reader.text.sentences import split_sentences

PARAGRAPHS = [
    "Flood defences on the River Calder gave way shortly before midnight on Saturday, sending water "
    "into more than 300 homes in Hexley and neighbouring villages, the Environment Agency said.",
    "Emergency services used boats to reach residents trapped on upper floors, and a rest centre was "
    "opened at the town's leisure centre, where about 120 people spent the night.",
    "The agency said the river peaked at 5.2 metres at the Hexley gauge, the highest level since "
    "records began in 1984, after more than a month's rain fell in 36 hours.",
    "Rail operators cancelled services between Hexley and Brinford, and several roads remained closed "
    "on Sunday morning as Council workers Cleared debris from the town centre.",
]
MENU = ["Home", "News", "Sport", "Sign in"]


def page(width: int, indent: str = "") -> str:
    body = "\n\n".join(
        textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent) for p in PARAGRAPHS
    )
    return "\n".join(MENU) + "\n\nRiver breaches defences as storm batters northern towns\n\n" + body + "\n"


def test_a_wrapped_page_is_read_a_paragraph_a_line() -> None:
    for width, indent in ((80, ""), (72, ""), (78, "   ")):  # w3m, a mail client, lynx (indented)
        text = page(width, indent)
        assert wrap_width(text, split_lines(text)) is not None
        lines = logical_lines(text)
        assert [ln.text for ln in lines][: len(MENU) + 1] == [*MENU, MENU and lines[len(MENU)].text]
        joined = [ln for ln in lines if ln.wrapped]
        assert len(joined) == len(PARAGRAPHS)
        for line, paragraph in zip(joined, PARAGRAPHS, strict=True):
            assert text[line.start : line.end] == line.text
            assert " ".join(line.text.split()) == paragraph
        analysis = analyse(Document.from_text(text))
        kept = [" ".join(ln.text.split()) for ln in analysis.lines if ln.kept]
        assert kept[-len(PARAGRAPHS) :] == PARAGRAPHS
        assert analysis.title == "River breaches defences as storm batters northern towns"
        # One sentence per paragraph, whatever capital starts a wrapped line ("Cleared", "Saturday").
        assert [" ".join(s.text.split()) for s in analysis.sentences[-len(PARAGRAPHS) :]] == PARAGRAPHS


def test_a_page_of_one_paragraph_per_line_is_left_as_it_is() -> None:
    """Long lines without blank lines between them, lengths all over, each ending a sentence."""
    text = "\n".join([*MENU, "River breaches defences", *PARAGRAPHS, *PARAGRAPHS])
    assert wrap_width(text, split_lines(text)) is None
    assert logical_lines(text) == split_lines(text)


def test_line_breaks_in_a_wrapped_paragraph_are_not_sentence_ends() -> None:
    text = "The council said on\nSaturday that the bridge\nWould reopen. Then it rained."
    assert len(split_sentences(text)) == 4  # a line break before a capital ends a sentence...
    spans = split_sentences(text, wrapped=True)  # ...but not the wrapper's
    assert [text[a:b] for a, b in spans] == [
        "The council said on\nSaturday that the bridge\nWould reopen.",
        "Then it rained.",
    ]


words = st.text(alphabet="abcdefghij", min_size=1, max_size=9)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(words, min_size=1, max_size=60), min_size=1, max_size=12),
    st.integers(30, 120),
    st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]),
)
def test_logical_lines_are_runs_of_whole_lines_with_exact_offsets(
    paragraphs: list[list[str]], width: int, gap: str
) -> None:
    text = gap.join(textwrap.fill(" ".join(p), width) for p in paragraphs)
    raw = split_lines(text)
    lines = logical_lines(text)
    starts = {ln.start for ln in raw}
    ends = {ln.end for ln in raw}
    covered = []
    for line in lines:
        assert text[line.start : line.end] == line.text
        assert line.start in starts and line.end in ends
        covered += [r for r in raw if line.start <= r.start and r.end <= line.end]
        assert line.wrapped == (sum(1 for r in raw if line.start <= r.start and r.end <= line.end) > 1)
    assert covered == raw
