"""spaCy: a `DocBin` (binary; `reader export --format spacy --output FILE`), one `Doc` per document.

Needs spaCy (`pip install 'news-reader[spacy]'`), imported only when this format is asked for. Each Doc
is built as `Doc(vocab, words, spaces)` from `annotations/export/tokens.py` (cut at every span start
and end, so every span aligns: `doc.char_span(start, end, alignment_mode="strict")` is never None).
Offsets are code points, which is what spaCy's `char_span` and `token.idx` count.

A DocBin is held whole until it is written, so `--output FOLDER` writes it in parts instead
(`part-00001.spacy`, ... of PART documents each, memory bounded by a part): spaCy's corpus reader and
`spacy train` read every `.spacy` file of a folder.

Spans go in `doc.spans["sc"]` (every annotator's, the key spancat trains on) and in one group per
annotator, `doc.spans["sc:<annotator>"]`: span groups survive a DocBin round trip, span extension
attributes do not. A claim's verdict is kept in `doc.user_data["verdicts"]` as
[start, end, annotator, verdict, review_url] rows. `doc.user_data` also keeps our `id`, `path` and
`title` (a DocBin stores user_data with `store_user_data=True`). Orphans and documents whose text is
not in the corpus are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from annotations.export import ExportDocument
from annotations.export.prodigy import document_tokens

SPAN_KEY = "sc"
PART = 50  # documents in one file of a folder export: a part of long articles holds ~100 MB


class SpacyMissing(RuntimeError):
    """spaCy is not installed: one line saying how to get it."""


def require_spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise SpacyMissing(
            "the spacy format needs spaCy: pip install 'news-reader[spacy]' (or pip install spacy)"
        ) from None
    return spacy


def to_doc(vocab: Any, doc: ExportDocument, text: str) -> Any:
    from spacy.tokens import Doc

    tokens = document_tokens(text, doc.annotations)
    out = Doc(vocab, words=tokens.text, spaces=tokens.ws)
    groups: dict[str, list[Any]] = {SPAN_KEY: []}
    verdicts = []
    for a in doc.annotations:
        span = out.char_span(a.start, a.end, label=a.label, alignment_mode="strict")
        if span is None:  # cannot happen: the tokens are cut at every span boundary
            raise ValueError(f"{doc.path}: span {a.start}-{a.end} does not align with the tokens")
        groups[SPAN_KEY].append(span)
        groups.setdefault(f"{SPAN_KEY}:{a.annotator}", []).append(span)
        if a.verdict or a.review_url:
            verdicts.append([a.start, a.end, a.annotator, a.verdict, a.review_url])
    for key, spans in groups.items():
        out.spans[key] = spans
    out.user_data.update({"id": doc.id, "path": doc.path, "title": doc.title})
    if verdicts:
        out.user_data["verdicts"] = verdicts
    return out


def new_docbin() -> Any:
    """A DocBin of the one token attribute these Docs have (ORTH; spaces are always kept): the default
    eleven columns of mostly zeros made a million-annotation DocBin several GB while it was built."""
    from spacy.tokens import DocBin

    return DocBin(attrs=["ORTH"], store_user_data=True)


def add(docbin: Any, doc: Any) -> None:
    """`docbin.add(doc)` for a Doc made by `to_doc`, giving the same bytes (tests/unit compares them).

    spaCy's `add` reads nine string attributes of every token to collect the strings to store; on
    these Docs (words and spaces only: no tags, lemmas, morphology, dependencies or entities) they
    are each word, its norm and "", collected here once per distinct word. That loop was half of
    this export's time."""
    import numpy
    import srsly
    from spacy.attrs import SPACY

    array = doc.to_array(docbin.attrs)
    if len(array.shape) == 1:
        array = array.reshape((array.shape[0], 1))
    docbin.tokens.append(array)
    spaces = doc.to_array(SPACY)
    docbin.spaces.append(numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool))
    docbin.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    if len(doc):
        words = {doc.vocab.strings[int(orth)] for orth in numpy.unique(array[:, 0])}  # ORTH: attrs[0]
        docbin.strings.update(words)
        docbin.strings.update(doc.vocab[word].norm_ for word in words)
        docbin.strings.add("")  # the tag, lemma, morphology, dependency and entity strings
    docbin.cats.append(doc.cats)
    if docbin.store_user_data:
        docbin.user_data.append(srsly.msgpack_dumps(doc.user_data))
    docbin.span_groups.append(doc.spans.to_bytes())
    for group in doc.spans.values():
        for span in group:
            docbin.strings.add(span.label_)
            if span.kb_id in doc.vocab.strings:
                docbin.strings.add(span.kb_id_)
            if span.id in doc.vocab.strings:
                docbin.strings.add(span.id_)


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    """Writes the DocBin's bytes to `out.buffer` (the text stream of an atomically written file).

    The DocBin is held whole until then (spaCy writes it in one piece): for a large store,
    `write_folder` keeps memory to one part."""
    spacy = require_spacy()

    vocab = spacy.blank("xx").vocab  # multi-language: no language's tokenizer is used anyway
    docbin = new_docbin()
    count = 0
    for doc in documents:
        if doc.text is None or not doc.annotations:
            continue
        add(docbin, to_doc(vocab, doc, doc.text))  # the DocBin keeps arrays, not the Doc objects
        count += len(doc.annotations)
    out.flush()
    out.buffer.write(docbin.to_bytes())
    return count


def write_folder(folder: Path, documents: Iterable[ExportDocument], exported: str) -> int:
    """`part-NNNNN.spacy` files of PART documents each in `folder` (which exists), one at a time."""
    spacy = require_spacy()
    vocab = spacy.blank("xx").vocab
    count = parts = 0
    docbin = new_docbin()

    def flush() -> None:
        nonlocal docbin, parts
        if len(docbin):
            parts += 1
            docbin.to_disk(folder / f"part-{parts:05d}.spacy")
            docbin = new_docbin()

    for doc in documents:
        if doc.text is None or not doc.annotations:
            continue
        add(docbin, to_doc(vocab, doc, doc.text))
        count += len(doc.annotations)
        if len(docbin) >= PART:
            flush()
    flush()
    return count
