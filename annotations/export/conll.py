"""CoNLL-style BIO columns: a token a line, then one tag column per (annotator, label) layer.

BIO cannot hold two spans over one token in one column, so each annotator's each label is its own layer
(`alice/claim`, `alice/quote`, `bob/claim`…): overlapping tags of different labels or annotators all
survive. Each document opens with `-DOCSTART-` (its tag columns `O`), then comment lines naming it and
its columns (`# columns = token<TAB>alice/claim…`), then its tokens, tab-separated; a blank line ends a
sentence at each line break that no span crosses.

Tokens: a run of letters, digits and `_` (with their combining marks, so "é" written as e + U+0301 stays
one token) or any other single character cluster (an emoji flag, a ZWJ sequence, a curly quote); white
space separates and is in no token. Every span start and end is also a token boundary, so each span is
exactly a run of tokens. There are no offsets, so there is no offset unit: a span is its tokens.

Dropped: orphans; notes, speakers, ids, times; a span's leading and trailing white space (not in any
token) and a span of white space only; within one layer, a span overlapping one kept before it (spans
taken in text order, the longer first when they start together).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import TextIO

from annotations.export import ExportDocument, printable
from annotations.export.interchange import LINE_BREAKS, placed, text_order
from annotations.model import Annotation

Token = tuple[int, int]
Layer = tuple[str, str]  # (annotator, label)
_ZWJ = "\u200d"


def _joins(c: str) -> bool:
    """Characters that join the cluster before them: combining marks, variation selectors, skin tones."""
    return (
        unicodedata.category(c).startswith("M")
        or "\ufe00" <= c <= "\ufe0f"
        or "\U0001f3fb" <= c <= "\U0001f3ff"
    )


def _regional(c: str) -> bool:
    return "\U0001f1e6" <= c <= "\U0001f1ff"


def clusters(text: str) -> Iterable[Token]:
    """A simple approximation of user-perceived characters: enough to keep a flag or an accent whole."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if _regional(text[i]) and j < n and _regional(text[j]):
            j += 1
        while j < n and (_joins(text[j]) or text[j] == _ZWJ or text[j - 1] == _ZWJ):
            j += 1
        yield i, j
        i = j


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def tokens(text: str, cuts: Sequence[int] = ()) -> list[Token]:
    """The tokens of `text`, also cut at every offset in `cuts` (sorted)."""
    merged: list[Token] = []
    last_word = False
    for s, e in clusters(text):
        if text[s].isspace():
            last_word = False
            continue
        word = _is_word(text[s])
        if word and last_word and merged and merged[-1][1] == s:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
        last_word = word
    out: list[Token] = []
    for s, e in merged:
        at = s
        for cut in cuts[bisect_right(cuts, s) : bisect_right(cuts, e - 1)]:
            out.append((at, cut))
            at = cut
        out.append((at, e))
    return out


def layer_spans(anns: Iterable[Annotation]) -> tuple[dict[Layer, list[Annotation]], int]:
    """The kept spans of each layer, without overlaps, and how many were dropped for overlapping."""
    layers: dict[Layer, list[Annotation]] = {}
    dropped = 0
    for a in sorted(anns, key=text_order):
        kept = layers.setdefault((a.annotator, a.label), [])
        if kept and a.start < kept[-1].end:  # kept spans do not overlap: the last one ends last
            dropped += 1
            continue
        kept.append(a)
    return dict(sorted(layers.items())), dropped


def tag_columns(toks: Sequence[Token], spans: Sequence[Annotation], label: str) -> tuple[list[str], int]:
    tags = ["O"] * len(toks)
    starts = [s for s, _ in toks]
    written = 0
    for a in spans:
        inside = []
        k = bisect_left(starts, a.start)  # every span offset is a token boundary: its tokens are a run
        while k < len(toks) and toks[k][1] <= a.end:
            inside.append(k)
            k += 1
        if not inside:
            continue
        tags[inside[0]] = "B-" + label
        for k in inside[1:]:
            tags[k] = "I-" + label
        written += 1
    return tags, written


def document_lines(doc: ExportDocument, text: str) -> tuple[list[str], int]:
    layers, _ = layer_spans(placed(doc.annotations, text))
    cuts = sorted({x for spans in layers.values() for a in spans for x in (a.start, a.end)})
    toks = tokens(text, cuts)
    columns: list[list[str]] = []
    count = 0
    for (_, label), spans in layers.items():
        tags, written = tag_columns(toks, spans, label)
        columns.append(tags)
        count += written
    names = [f"{annotator}/{label}" for annotator, label in layers]
    lines = ["\t".join(["-DOCSTART-", *(["O"] * len(layers))])]
    lines += [
        f"# document_id = {doc.id}",
        f"# path = {doc.path}",
        "# columns = " + "\t".join(["token", *names]),
    ]
    lines.append("")
    depth = list(accumulate(_coverage(text, layers)))
    for k, (s, e) in enumerate(toks):
        if k and _breaks(text, toks[k - 1][1], s) and depth[toks[k - 1][1]] == 0:
            lines.append("")
        lines.append("\t".join([text[s:e], *(col[k] for col in columns)]))
    lines.append("")
    return [printable(line) for line in lines], count


def _coverage(text: str, layers: dict[Layer, list[Annotation]]) -> list[int]:
    """+1 at each span start, -1 at its end: summed, how many spans cover each offset."""
    delta = [0] * (len(text) + 1)
    for spans in layers.values():
        for a in spans:
            delta[a.start] += 1
            delta[a.end] -= 1
    return delta


def _breaks(text: str, start: int, end: int) -> bool:
    return any(c in LINE_BREAKS for c in text[start:end])


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    count = 0
    for doc in documents:
        if doc.text is None:
            continue
        lines, n = document_lines(doc, doc.text)
        out.write("\n".join(lines) + "\n")
        count += n
    return count
