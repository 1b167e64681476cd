"""The exports' fast paths against the plain definitions they replace: the tokenizers (spaCy/Prodigy
and CoNLL) are regular expressions and must cut exactly where the per-character definition, written
out here, cuts; the W3C writer's shortcuts for stored times and ids give what the general path gives;
the spaCy writer's DocBin `add` gives spaCy's bytes."""

from __future__ import annotations

import sys
import unicodedata
import uuid
from collections.abc import Collection, Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.export import ExportDocument, conll, w3c
from annotations.export.tokens import tokenize
from annotations.model import Annotation, parse_time

# Characters where the rules differ: ASCII classes, CRLF and other breaks, marks, joiners, flags,
# skin tones, variation selectors, curly quotes, a no-break space.
ALPHABET = [
    *"ab Z9_ \r\n\t.,'-+",
    *"\u201c\u201d\u00a0\u2028\u20ac\u00df\u00e9",
    "\u0301",
    "\u0300",
    "\u200d",
    "\ufe0f",
    "\U0001f1e7",
    "\U0001f1fe",
    "\U0001f3fd",
    "\U0001f600",
]


def kind(char: str) -> str:
    if char.isspace():
        return "space"
    category = unicodedata.category(char)
    if category[0] == "M":
        return "mark"
    if category[0] in "LN" or char == "_":
        return "word"
    return "punct" if category[0] == "P" else "other"


def reference_tokens(
    text: str, starts: Collection[int], ends: Collection[int]
) -> list[tuple[str, int, int, bool]]:
    """tokens.py's definition, a character at a time: runs of one kind (punctuation one character a
    piece, a mark taking the kind before it), cut at every span offset; a single space after a token
    is its `ws` unless a span starts at it or ends just after it."""
    cuts = {*starts, *ends}
    pieces: list[tuple[int, int, str]] = []
    start, current = 0, ""
    for i, char in enumerate(text):
        this = kind(char)
        if this == "mark" and current and current != "space":
            this = current
        if i and (this != current or this == "punct" or i in cuts):
            pieces.append((start, i, current))
            start = i
        current = this
    if text:
        pieces.append((start, len(text), current))
    out: list[tuple[str, int, int, bool]] = []
    for s, e, k in pieces:
        if (
            k == "space"
            and out
            and not out[-1][3]
            and out[-1][2] == s
            and text[s] == " "
            and s not in starts
            and s + 1 not in ends
            and not out[-1][0].isspace()
        ):
            out[-1] = (*out[-1][:3], True)
            s += 1
            if s == e:
                continue
        out.append((text[s:e], s, e, False))
    return out


def reference_conll(text: str, cuts: Sequence[int]) -> list[tuple[int, int]]:
    """conll.py's definition: clusters (a flag pair, marks, variation selectors, skin tones, a ZWJ and
    the character after it), runs of word clusters merged, white space dropped, then cut."""

    def joins(c: str) -> bool:
        return (
            unicodedata.category(c)[0] == "M"
            or "\ufe00" <= c <= "\ufe0f"
            or "\U0001f3fb" <= c <= "\U0001f3ff"
        )

    def regional(c: str) -> bool:
        return "\U0001f1e6" <= c <= "\U0001f1ff"

    merged: list[tuple[int, int]] = []
    i, n, last_word = 0, len(text), False
    while i < n:
        j = i + 1
        if regional(text[i]) and j < n and regional(text[j]):
            j += 1
        while j < n and (joins(text[j]) or text[j] == "\u200d" or text[j - 1] == "\u200d"):
            j += 1
        if text[i].isspace():
            last_word = False
        else:
            word = text[i].isalnum() or text[i] == "_"
            if word and last_word and merged and merged[-1][1] == i:
                merged[-1] = (merged[-1][0], j)
            else:
                merged.append((i, j))
            last_word = word
        i = j
    out = []
    for s, e in merged:
        for cut in (c for c in cuts if s < c < e):
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out


texts = st.lists(st.sampled_from(ALPHABET), max_size=24).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_tokens_cut_where_the_definition_cuts(text: str, data: st.DataObject) -> None:
    starts = data.draw(st.sets(st.integers(0, len(text))))
    ends = data.draw(st.sets(st.integers(0, len(text))))
    assert [tuple(t) for t in tokenize(text, starts, ends)] == reference_tokens(text, starts, ends)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_conll_tokens_cut_where_the_definition_cuts(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)))))
    assert conll.tokens(text, cuts) == reference_conll(text, cuts)


def test_every_code_point_is_classed_as_the_definition_says() -> None:
    """The regexes' character classes against unicodedata, on every 29th code point (the full range,
    checked once by hand, takes a minute), each beside letters, itself, a space, a full stop and a mark."""
    codes = range(0, sys.maxunicode + 1, 29)
    for base in range(0, len(codes), 2048):
        text = "".join(
            chr(c) + "a" + chr(c) + chr(c) + " ." + chr(c) + "\u0301" for c in codes[base : base + 2048]
        )
        assert [tuple(t) for t in tokenize(text, {5}, {9})] == reference_tokens(text, {5}, {9})
        assert conll.tokens(text, [5, 9]) == reference_conll(text, [5, 9])


# The W3C writer's shortcuts for the store's own forms give what the general path gives.


@settings(max_examples=200, deadline=None)
@given(st.datetimes(timezones=st.just(timezone.utc)))
def test_w3c_times_in_the_stored_form_convert_as_any_other(moment: datetime) -> None:
    stored = moment.isoformat(timespec="microseconds")
    parsed = parse_time(stored)
    expected = None if parsed is None else parsed.isoformat(timespec="microseconds").replace("+00:00", "Z")
    assert w3c.utc_z(stored) == expected


def test_w3c_times_that_only_look_right_are_refused() -> None:
    assert w3c.utc_z("2026-04-31T00:00:00.000000+00:00") is None  # no 31 April
    assert w3c.utc_z("1969-12-31T23:59:59.000000+00:00") is None  # before EARLIEST
    assert w3c.utc_z("2026-01-01T02:00:00.000000+02:00") == "2026-01-01T00:00:00.000000Z"


@given(st.uuids())
def test_w3c_annotation_iris_are_uuid_urns(value: uuid.UUID) -> None:
    assert w3c.annotation_iri(value.hex) == value.urn
    assert w3c.annotation_iri(value.hex.upper()) == value.urn  # through uuid.UUID, as before


def test_spacy_columns_give_the_bytes_docbin_add_gives(tmp_path: Path) -> None:
    """The writer computes each Doc's columns from the tokens and streams them through temporary
    files; the file it writes is, byte for byte, what spaCy's own `DocBin.add` of each `to_doc` Doc and
    `to_bytes` give (a spaCy release that changes the DocBin layout fails here). Twenty documents: the
    per-document lists need msgpack's 16-bit array headers."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from annotations.export import spacy as spacy_format

    vocab = spacy.blank("xx").vocab
    texts = [
        "Cafe\u0301 \U0001f1e7\U0001f1fe \u201cquoted\u201d\r\nMinsk: prices rose.",
        "Second text, with  two spaces.",
    ] * 10
    docs = []
    for n, text in enumerate(texts):
        spans = [
            (0, 5, "claim", "alice"),
            (7, 9, "quote", "bob"),
            (len(text) - 6, len(text) - 1, "fact", "alice"),
        ]
        anns = tuple(
            Annotation(
                f"a{n}{k}",
                "d",
                "p.txt",
                label,
                s,
                e,
                text[s:e],
                "",
                "",
                annotator=who,
                verdict="false" if label == "claim" else None,
            )
            for k, (s, e, label, who) in enumerate(spans)
        )
        docs.append(ExportDocument(f"d{n}", f"p{n}.txt", "T", None, anns, text=text))
    theirs = spacy_format.new_docbin()
    for doc in docs:
        assert doc.text is not None
        theirs.add(spacy_format.to_doc(vocab, doc, doc.text))
    out = tmp_path / "out.spacy"
    with open(out, "w", encoding="utf-8") as stream:
        assert spacy_format.write(stream, iter(docs), "2026-01-01T00:00:00+00:00") == 3 * len(docs)
    assert out.read_bytes() == theirs.to_bytes()
    loaded = list(DocBin().from_disk(out).get_docs(vocab))
    assert [d.user_data["path"] for d in loaded] == [d.path for d in docs]
    for doc, back in zip(docs, loaded, strict=True):
        for a, span in zip(doc.annotations, back.spans["sc"], strict=True):
            assert back.char_span(a.start, a.end, label=a.label, alignment_mode="strict") == span
            assert (span.start_char, span.end_char, span.label_) == (a.start, a.end, a.label)
    assert not list(tmp_path.glob(".spacy-column-*"))  # the column files are gone
