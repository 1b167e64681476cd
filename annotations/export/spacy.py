"""spaCy: a `DocBin` (binary; `reader export --format spacy --output FILE`), one `Doc` per document.

Needs spaCy (`pip install 'news-reader[spacy]'`), imported only when this format is asked for. Each Doc
is `Doc(vocab, words, spaces)` of the tokens in `annotations/export/tokens.py` (cut at every span start
and end, so every span aligns: `doc.char_span(start, end, alignment_mode="strict")` is never None).
Offsets are code points, which is what spaCy's `char_span` and `token.idx` count.

Spans go in `doc.spans["sc"]` (every annotator's, the key spancat trains on) and in one group per
annotator, `doc.spans["sc:<annotator>"]`: span groups survive a DocBin round trip, span extension
attributes do not. A claim's verdict is kept in `doc.user_data["verdicts"]` as
[start, end, annotator, verdict, review_url] rows. `doc.user_data` also keeps our `id`, `path`,
`title`, and the article's `author`, `outlet` and `url` when known (a DocBin stores user_data with
`store_user_data=True`). Orphans and documents whose text is
not in the corpus are left out.

The DocBin is written as it goes, never held whole: `DocBin.to_bytes` is zlib(msgpack({version,
attrs, tokens, spaces, lengths, strings, cats, flags, span_groups, user_data})), so each document's
share of every column is appended to a temporary file beside the output, and at the end the msgpack
map is assembled from those files (headers written here, bodies copied) through one zlib stream.
Only the set of distinct strings stays in memory. `to_doc` is the Doc a document stands for; the
columns are computed from the tokens without building it (tests/unit compares the bytes with
spaCy's own `DocBin.add` of `to_doc`). `--output FOLDER` writes parts (`part-00001.spacy`, ... of
PART documents each), which spaCy's corpus reader and `spacy train` read as one corpus.
"""

from __future__ import annotations

import contextlib
import struct
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, TextIO

from annotations.export import ExportDocument
from annotations.export.prodigy import document_tokens

SPAN_KEY = "sc"
PART = 50  # documents in one file of a folder export
COLUMNS = ("tokens", "spaces", "lengths", "cats", "flags", "span_groups", "user_data")
_SPAN = struct.Struct(">QQQllll")  # a span in a serialized SpanGroup: id, kb_id, label, tokens, chars


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


def user_data(doc: ExportDocument) -> dict[str, Any]:
    """What a Doc's user_data keeps of the document (and its verdict rows)."""
    data: dict[str, Any] = {"id": doc.id, "path": doc.path, "title": doc.title, **doc.byline()}
    verdicts = [
        [a.start, a.end, a.annotator, a.verdict, a.review_url]
        for a in doc.annotations
        if a.verdict or a.review_url
    ]
    if verdicts:
        data["verdicts"] = verdicts
    return data


def to_doc(vocab: Any, doc: ExportDocument, text: str) -> Any:
    """The spaCy Doc a document stands for in the DocBin (the writer computes its columns directly)."""
    from spacy.tokens import Doc

    tokens = document_tokens(text, doc.annotations)
    out = Doc(vocab, words=tokens.text, spaces=tokens.ws)
    groups: dict[str, list[Any]] = {SPAN_KEY: []}
    for a in doc.annotations:
        span = out.char_span(a.start, a.end, label=a.label, alignment_mode="strict")
        if span is None:  # cannot happen: the tokens are cut at every span boundary
            raise ValueError(f"{doc.path}: span {a.start}-{a.end} does not align with the tokens")
        groups[SPAN_KEY].append(span)
        groups.setdefault(f"{SPAN_KEY}:{a.annotator}", []).append(span)
    for key, spans in groups.items():
        out.spans[key] = spans
    out.user_data.update(user_data(doc))
    return out


def new_docbin() -> Any:
    """A DocBin of the one token attribute these Docs have (ORTH; spaces are always kept): the default
    eleven columns of mostly zeros made a million-annotation DocBin several GB while it was built."""
    from spacy.tokens import DocBin

    return DocBin(attrs=["ORTH"], store_user_data=True)


def _bin_header(size: int) -> bytes:
    if size < 1 << 8:
        return b"\xc4" + size.to_bytes(1, "big")
    if size < 1 << 16:
        return b"\xc5" + size.to_bytes(2, "big")
    if size < 1 << 32:
        return b"\xc6" + size.to_bytes(4, "big")
    raise ValueError("the DocBin is too large for one file (msgpack holds 4 GB a column); export to a folder")


def _array_header(count: int) -> bytes:
    if count < 16:
        return bytes([0x90 | count])
    if count < 1 << 16:
        return b"\xdc" + count.to_bytes(2, "big")
    return b"\xdd" + count.to_bytes(4, "big")


class Columns:
    """A DocBin being written: each document's share of every column is appended to its own file.

    `add` gives what `DocBin.add(to_doc(...))` would keep (same hashes, strings and span group bytes);
    `write` gives the bytes `DocBin.to_bytes` would."""

    def __init__(self, vocab: Any, files: dict[str, IO[bytes]]) -> None:
        import srsly

        self.vocab = vocab
        self.files = files
        self.count = 0
        self.strings: set[str] = set()
        self.hashes: dict[str, int] = {}  # word -> its ORTH hash, looked up in the vocab once
        self.labels: dict[str, int] = {}
        self.packer = srsly.msgpack.Packer(use_bin_type=True)  # one, not one a call (msgpack_dumps)
        template = new_docbin()
        self.version, self.attrs = template.version, template.attrs
        self.flags = self.packer.pack({"has_unknown_spaces": False})  # words and spaces given

    def _hash(self, word: str) -> int:
        value = self.vocab.strings.add(word)
        self.hashes[word] = value
        self.strings.add(word)
        self.strings.add(self.vocab[word].norm_)  # DocBin.add keeps each token's norm string
        return value  # type: ignore[no-any-return]

    def _label(self, label: str) -> int:
        self.labels[label] = value = self.vocab.strings.add(label)
        self.strings.add(label)
        return value  # type: ignore[no-any-return]

    def add(self, doc: ExportDocument, text: str) -> None:
        tokens = document_tokens(text, doc.annotations)
        known = self.hashes.get
        orths = array("Q", [known(w) or self._hash(w) for w in tokens.text])
        self.files["tokens"].write(orths.tobytes())
        self.files["spaces"].write(bytes(tokens.ws))
        self.files["lengths"].write(array("i", [len(orths)]).tobytes())
        self.files["cats"].write(b"\x80")  # {}
        self.files["flags"].write(self.flags)
        if len(orths):
            self.strings.add("")  # the tag, lemma, morphology, dependency and entity strings
        index = tokens.index()
        groups: dict[str, list[bytes]] = {SPAN_KEY: []}
        for a in doc.annotations:
            first, last = index.by_start.get(a.start), index.by_end.get(a.end)
            if first is None or last is None or last < first:  # cannot happen: cut at every boundary
                raise ValueError(f"{doc.path}: span {a.start}-{a.end} does not align with the tokens")
            label = self.labels.get(a.label) or self._label(a.label)
            span = _SPAN.pack(0, 0, label, first, last + 1, a.start, a.end)
            groups[SPAN_KEY].append(span)
            groups.setdefault(f"{SPAN_KEY}:{a.annotator}", []).append(span)
        pack = self.packer.pack
        span_groups: dict[bytes, list[str]] = {}
        for key, spans in groups.items():  # SpanGroups.to_bytes: {SpanGroup.to_bytes(): [key]}
            span_groups.setdefault(pack({"name": key, "attrs": {}, "spans": spans}), []).append(key)
        self.files["span_groups"].write(pack(pack(span_groups)))
        self.files["user_data"].write(pack(pack(user_data(doc))))
        self.count += 1

    def write(self, out: IO[bytes]) -> None:
        """The DocBin's bytes: its msgpack map, assembled from the column files, through zlib."""
        zipper = zlib.compressobj()
        pack = self.packer.pack

        def put(data: bytes) -> None:
            out.write(zipper.compress(data))

        def copy(name: str) -> None:
            column = self.files[name]
            column.flush()
            column.seek(0)
            while chunk := column.read(1 << 20):
                put(chunk)

        put(b"\x8a" + pack("version") + pack(self.version) + pack("attrs") + pack(self.attrs))
        for name in ("tokens", "spaces", "lengths"):
            put(pack(name) + _bin_header(self.files[name].tell()))
            copy(name)
        put(pack("strings") + pack(sorted(self.strings)))
        for name in ("cats", "flags", "span_groups", "user_data"):
            put(pack(name) + _array_header(self.count))
            copy(name)
        out.write(zipper.flush())


def _vocab() -> Any:
    """The vocab of spaCy's multi-language class, as `spacy.blank("xx").vocab` has it (same norms:
    tests/unit compares the bytes), without building a pipeline and its tokenizer (a quarter second)."""
    require_spacy()
    from spacy.lang.xx import MultiLanguage
    from spacy.vocab import create_vocab

    return create_vocab("xx", MultiLanguage.Defaults)


@contextlib.contextmanager
def _temporary_columns(output: object) -> Iterator[dict[str, IO[bytes]]]:
    """One unnamed temporary file a column, beside the output file (/tmp may be held in memory); in
    the temporary folder when the output is not a file in a folder we can write to (a pipe, a device)."""
    with contextlib.ExitStack() as stack:
        named = getattr(output, "name", None)
        folder = Path(named).parent if isinstance(named, str) and named else None
        try:
            first = stack.enter_context(tempfile.TemporaryFile(dir=folder, prefix=".spacy-column-"))
        except OSError:
            folder = None
            first = stack.enter_context(tempfile.TemporaryFile(prefix=".spacy-column-"))
        files: dict[str, IO[bytes]] = {COLUMNS[0]: first}
        for name in COLUMNS[1:]:
            files[name] = stack.enter_context(tempfile.TemporaryFile(dir=folder, prefix=".spacy-column-"))
        yield files


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    """Writes the DocBin's bytes to `out.buffer` (the text stream of an atomically written file)."""
    vocab = _vocab()
    count = 0
    with _temporary_columns(out) as files:
        columns = Columns(vocab, files)
        for doc in documents:
            if doc.text is None or not doc.annotations:
                continue
            columns.add(doc, doc.text)
            count += len(doc.annotations)
        out.flush()
        columns.write(out.buffer)
    return count


def write_folder(folder: Path, documents: Iterable[ExportDocument], exported: str) -> int:
    """`part-NNNNN.spacy` files of PART documents each in `folder` (which exists), one at a time."""
    import io

    vocab = _vocab()
    count = parts = 0

    def fresh() -> Columns:
        return Columns(vocab, {name: io.BytesIO() for name in COLUMNS})

    columns = fresh()

    def flush() -> None:
        nonlocal columns, parts
        if columns.count:
            parts += 1
            with open(folder / f"part-{parts:05d}.spacy", "wb") as part:
                columns.write(part)
            columns = fresh()

    for doc in documents:
        if doc.text is None or not doc.annotations:
            continue
        columns.add(doc, doc.text)
        count += len(doc.annotations)
        if columns.count >= PART:
            flush()
    flush()
    return count
