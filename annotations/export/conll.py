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

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import accumulate
from typing import TextIO

from annotations.export import ExportDocument, printable
from annotations.export.interchange import LINE_BREAKS, placed, text_order
from annotations.export.tokens import char_class, not_below_marks
from annotations.model import Annotation

Token = tuple[int, int]
Layer = tuple[str, str]  # (annotator, label)
_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")


@cache
def _token_pattern() -> re.Pattern[str]:
    """A cluster is a character (or a pair of regional indicators: a flag) with what joins it: combining
    marks, variation selectors, skin tones, and a zero-width joiner with the character after it; a
    simple approximation of user-perceived characters, enough to keep a flag or an accent whole."""
    fast = not_below_marks()  # every joining character is at or above the first mark
    joins = rf"(?:{fast}(?:[{char_class('M')}\ufe00-\ufe0f\U0001f3fb-\U0001f3ff]|\u200d+[\s\S]?))*"
    return re.compile(
        rf"(\s{joins})"  # 1: a white-space cluster: in no token
        rf"|(?:\w+{joins})+"  # a run of letter, digit and `_` clusters
        rf"|(?:\u200d+[\s\S]?|[\U0001f1e6-\U0001f1ff]{{2}}|[\s\S]){joins}"  # any other cluster
    )


def tokens(text: str, cuts: Sequence[int] = ()) -> list[Token]:
    """The tokens of `text`, also cut at every offset in `cuts` (sorted)."""
    out: list[Token] = []
    append = out.append
    bounds = [*cuts, len(text) + 1]  # a sentinel: there is always a next cut
    k, nxt = 0, bounds[0]
    for m in _token_pattern().finditer(text):
        if m.lastindex:  # white space
            continue
        s, e = m.span()
        while nxt <= s:
            k += 1
            nxt = bounds[k]
        while nxt < e:
            append((s, nxt))
            s = nxt
            k += 1
            nxt = bounds[k]
        append((s, e))
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
    rows = list(map("\t".join, zip([text[s:e] for s, e in toks], *columns, strict=True)))
    depth = list(accumulate(_coverage(text, layers)))
    at = 0
    for k in range(1, len(toks)):  # a blank line ends a sentence at a line break no span crosses
        gap_start, gap_end = toks[k - 1][1], toks[k][0]
        if gap_start < gap_end and depth[gap_start] == 0 and _BREAK.search(text, gap_start, gap_end):
            lines += rows[at:k]
            lines.append("")
            at = k
    lines += rows[at:]
    lines.append("")
    return lines, count


def _coverage(text: str, layers: dict[Layer, list[Annotation]]) -> list[int]:
    """+1 at each span start, -1 at its end: summed, how many spans cover each offset."""
    delta = [0] * (len(text) + 1)
    for spans in layers.values():
        for a in spans:
            delta[a.start] += 1
            delta[a.end] -= 1
    return delta


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    count = 0
    for doc in documents:
        if doc.text is None:
            continue
        lines, n = document_lines(doc, doc.text)
        out.write(printable("\n".join(lines) + "\n"))
        count += n
    return count
