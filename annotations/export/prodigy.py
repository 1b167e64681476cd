"""Prodigy's span format (JSONL, as `spans.manual` saves it): one task a line per document and annotator.

Offsets are code points (Python `str` indices, as spaCy counts). Each line has the document `text`;
its `tokens` (`annotations/export/tokens.py`, the same tokens the spaCy export builds its Doc from)
with `start`, `end`, `id` and `ws`; the annotator's `spans` with `start`, `end`, `label` and
`token_start`/`token_end` (inclusive, as Prodigy counts); `answer: "accept"`; `_annotator_id` (our
annotator name); and `meta` with our document id and path (Prodigy shows `meta` under the task).
Prodigy computes `_input_hash`/`_task_hash` itself on `db-in`. Orphans are left out (their offsets
point into an older text), and so is a document whose text is not in the corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from json.encoder import encode_basestring  # the C string encoder json.dumps(ensure_ascii=False) uses
from typing import Any, TextIO

from annotations.export import ExportDocument, dumps, has_surrogate
from annotations.export.tokens import TokenIndex, Tokens, tokenize
from annotations.model import Annotation


def document_tokens(text: str, annotations: Iterable[Annotation]) -> Tokens:
    spans = list(annotations)
    return tokenize(text, {a.start for a in spans}, {a.end for a in spans})


def spans_json(index: TokenIndex, spans: list[Annotation]) -> list[dict[str, Any]]:
    out = []
    for a in spans:
        first, last = index(a.start, a.end)
        out.append(
            {"start": a.start, "end": a.end, "label": a.label, "token_start": first, "token_end": last}
        )
    return out


def task_json(
    doc: ExportDocument, text: str, tokens: Tokens, index: TokenIndex, annotator: str, spans: list[Annotation]
) -> dict[str, Any]:
    return {
        "text": text,
        "tokens": [
            {"text": t.text, "start": t.start, "end": t.end, "id": i, "ws": t.ws}
            for i, t in enumerate(tokens)
        ],
        **rest_json(doc, index, annotator, spans),
    }


def rest_json(
    doc: ExportDocument, index: TokenIndex, annotator: str, spans: list[Annotation]
) -> dict[str, Any]:
    return {
        "spans": spans_json(index, spans),
        "answer": "accept",
        "_annotator_id": annotator,
        "meta": {
            "id": doc.id,
            "path": doc.path,
            **({"title": doc.title} if doc.title else {}),
            **doc.byline(),
        },
    }


def tokens_json(tokens: Tokens) -> str:
    """The `tokens` list as `dumps` writes it, formatted directly: building a dict per token and
    encoding them was most of this export's time."""
    items = zip(range(len(tokens)), tokens.text, tokens.start, tokens.end, tokens.ws, strict=True)
    return (
        "["
        + ", ".join(
            [
                f'{{"text": {encode_basestring(t)}, "start": {s}, "end": {e}, "id": {i}, '
                f'"ws": {"true" if w else "false"}}}'
                for i, t, s, e, w in items
            ]
        )
        + "]"
    )


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    count = 0
    for doc in documents:
        if doc.text is None or not doc.annotations:
            continue
        # One tokenisation per document, cut at every annotator's spans, so all its lines share tokens.
        tokens = document_tokens(doc.text, doc.annotations)
        index = tokens.index()
        head = '{"text": ' + encode_basestring(doc.text) + ', "tokens": ' + tokens_json(tokens) + ", "
        by_annotator = sorted(doc.annotations, key=lambda a: (a.annotator, a.start, a.end, a.label))
        for annotator, group in groupby(by_annotator, key=lambda a: a.annotator):
            spans = list(group)
            line = head + dumps(rest_json(doc, index, annotator, spans))[1:]  # = dumps(task_json(...))
            if has_surrogate(line):  # a lone surrogate from a broken file: `dumps` escapes the whole line
                line = dumps(task_json(doc, doc.text, tokens, index, annotator, spans))
            out.write(line)
            out.write("\n")
            count += len(spans)
    return count
