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
from typing import Any, TextIO

from annotations.export import ExportDocument, dumps
from annotations.export.tokens import Token, token_range, tokenize
from annotations.model import Annotation


def document_tokens(text: str, annotations: Iterable[Annotation]) -> list[Token]:
    spans = list(annotations)
    return tokenize(text, {a.start for a in spans}, {a.end for a in spans})


def task_json(
    doc: ExportDocument, text: str, tokens: list[Token], annotator: str, spans: list[Annotation]
) -> dict[str, Any]:
    out_spans = []
    for a in spans:
        first, last = token_range(tokens, a.start, a.end)
        out_spans.append(
            {"start": a.start, "end": a.end, "label": a.label, "token_start": first, "token_end": last}
        )
    return {
        "text": text,
        "tokens": [
            {"text": t.text, "start": t.start, "end": t.end, "id": i, "ws": t.ws}
            for i, t in enumerate(tokens)
        ],
        "spans": out_spans,
        "answer": "accept",
        "_annotator_id": annotator,
        "meta": {"id": doc.id, "path": doc.path, **({"title": doc.title} if doc.title else {})},
    }


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    count = 0
    for doc in documents:
        if doc.text is None or not doc.annotations:
            continue
        # One tokenisation per document, cut at every annotator's spans, so all its lines share tokens.
        tokens = document_tokens(doc.text, doc.annotations)
        by_annotator = sorted(doc.annotations, key=lambda a: (a.annotator, a.start, a.end, a.label))
        for annotator, group in groupby(by_annotator, key=lambda a: a.annotator):
            spans = list(group)
            out.write(dumps(task_json(doc, doc.text, tokens, annotator, spans)))
            out.write("\n")
            count += len(spans)
    return count
