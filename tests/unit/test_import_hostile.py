"""`reader import` and `reader export` fed what a careless user has at hand, through the real CLI.

Each bad input gets one line on stderr that names the file and the place, exit 2, and a store
left byte for byte as it was; a good one in an unusual dress (a BOM, UTF-16, a blank JSONL line) is
imported. Never a traceback, never half an import.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotations import DocumentRef, Store
from reader.text.corpus import read_document

TEXT = "Minsk, Belarus\nThe minister said nothing at all. Prices rose 5% in May.\nNobody knows.\n"
SPAN = "Prices rose 5% in May."
STAMP = "2026-11-23T14:00:00+00:00"


def reader(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> DocumentRef:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    doc = read_document(tmp_path / "corpus" / "a.txt")
    return DocumentRef(doc.id, "a.txt", doc.text)


@pytest.fixture
def store(tmp_path: Path, corpus: DocumentRef) -> Path:
    """A store that already holds one annotation, so 'untouched' means something."""
    with Store.open(tmp_path / "store", annotator="alice") as s:
        s.add(corpus, "fact", 0, len("Minsk, Belarus"))
    return tmp_path / "store"


def record(doc: DocumentRef, **changes: Any) -> dict[str, Any]:
    start = doc.text.index(SPAN)
    a = {
        "id": "0123456789abcdef0123456789abcdef",
        "label": "claim",
        "start": start,
        "end": start + len(SPAN),
        "text": SPAN,
        "prefix": doc.text[start - 32 : start],
        "suffix": doc.text[start + len(SPAN) :][:32],
        "note": "",
        "speaker": None,
        "annotator": "bob",
        "created": STAMP,
        "modified": STAMP,
    }
    a.update(changes)
    return a


def export(doc: DocumentRef, *records: dict[str, Any], **top: Any) -> str:
    document = {"id": doc.id, "path": doc.path, "title": None, "date": None, "annotations": list(records)}
    return json.dumps({"format": "reader.annotations", "version": 1, "documents": [document], **top})


def jsonl(doc: DocumentRef, *records: dict[str, Any]) -> str:
    return "".join(
        json.dumps({"document_id": doc.id, "path": doc.path, **r, "orphan": False}) + "\n" for r in records
    )


def w3c(doc: DocumentRef, selector: list[dict[str, Any]] | None = None) -> str:
    a = record(doc)
    item = {
        "id": "urn:uuid:01234567-89ab-cdef-0123-456789abcdef",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}],
        "target": {"source": "urn:x", **({"selector": selector} if selector is not None else {})},
        "reader:documentId": doc.id,
        "reader:path": doc.path,
        "created": STAMP,
        "modified": STAMP,
    }
    if selector == []:
        item["target"]["selector"] = [{"type": "TextQuoteSelector", "exact": a["text"]}]
    return json.dumps({"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [item]}})


Content = Callable[[DocumentRef, Path], str | bytes | None]  # None: the case made the path itself

# (case id, content, expected exit, text expected in the one line: stderr for 2, stdout for 0)
CASES: list[tuple[str, Content, int, str]] = [
    ("empty file", lambda d, p: "", 0, "imported 0 annotations"),
    ("only whitespace", lambda d, p: "\n  \n", 0, "imported 0 annotations"),
    ("a folder", lambda d, p: p.mkdir(), 2, "a folder without .ann files"),
    ("a missing file", lambda d, p: None, 2, "cannot read (No such file or directory)"),
    # Other tools' formats are read by their own streaming readers, as strictly as ours.
    (
        "doccano with a 5,000-digit offset",
        lambda d, p: '{"text": "abc", "label": [[0, ' + "9" * 5000 + ', "claim"]]}\n',
        2,
        "is out of range (at most 20 digits)",
    ),
    (
        "Label Studio nested 5,000 deep",
        lambda d, p: '[{"data": {"text": "abc"}, "annotations": []}, ' + "[" * 5000 + "]" * 5000 + "]",
        2,
        "nested more than 64 levels deep",
    ),
    (
        "Label Studio with NaN",
        lambda d, p: '[{"data": {"text": "abc"}, "annotations": [], "x": NaN}]',
        2,
        "NaN is not a JSON number",
    ),
    ("a binary file", lambda d, p: bytes(range(256)) * 4, 2, "not UTF-8 text (bad byte at offset 128)"),
    ("NUL bytes in UTF-8", lambda d, p: b'{"a": 1}\x00\x00', 2, "binary file (it holds NUL bytes)"),
    ("UTF-16 without a BOM", lambda d, p: export(d, record(d)).encode("utf-16-le"), 2, "binary file"),
    ("a 5 MB line of prose", lambda d, p: "x" * 5_000_000, 2, ":1:1: not JSON (Expecting value)"),
    ("a 2 MB note (accepted)", lambda d, p: export(d, record(d, note="n" * 2_000_000)), 0, "imported 1"),
    ("deeply nested JSON", lambda d, p: "[" * 100_000, 2, ":1:65: nested more than 64 levels deep"),
    (
        "deep nesting in a JSONL line",
        lambda d, p: jsonl(d, record(d)) + '{"x": ' + "[" * 50_000 + "\n",
        2,
        ":2:70: nested more than 64 levels deep",
    ),
    (
        "a 5,000-digit start",
        lambda d, p: export(d, record(d)).replace('"start": 49', '"start": ' + "9" * 5000),
        2,
        "the number 99999",
    ),
    (
        "a 5,000-digit number in JSONL",
        lambda d, p: (
            jsonl(d, record(d)) + jsonl(d, record(d, id="x")).replace('"end": 71', '"end": -' + "7" * 5000)
        ),
        2,
        ":2:",
    ),
    ("start as a string", lambda d, p: export(d, record(d, start="3")), 2, ".start: expected int, got str"),
    ("start negative", lambda d, p: export(d, record(d, start=-1)), 2, "bad span start=-1"),
    ("start a float", lambda d, p: export(d, record(d, start=49.0)), 2, ".start: expected int, got float"),
    ("start true", lambda d, p: export(d, record(d, start=True)), 2, ".start: expected an integer, got True"),
    ("end before start", lambda d, p: export(d, record(d, end=10)), 2, "bad span"),
    (
        "a 1e999 offset",
        lambda d, p: export(d, record(d)).replace('"start": 49', '"start": 1e999'),
        2,
        "1e999",
    ),
    (
        "end beyond the text (kept as an orphan)",
        lambda d, p: export(d, record(d, start=1000, end=1006, text="zzzzzz")),
        0,
        "1 could not be anchored and were kept as orphans",
    ),
    ("label a number", lambda d, p: export(d, record(d, label=42)), 2, ".label: expected str, got int"),
    ("label empty", lambda d, p: export(d, record(d, label="")), 2, ".label: empty label"),
    ("label with ESC", lambda d, p: export(d, record(d, label="cl\x1b[2Jaim")), 2, "character U+001B"),
    ("label of 10,000 chars", lambda d, p: export(d, record(d, label="c" * 10_000)), 2, "(at most 64)"),
    ("id empty", lambda d, p: export(d, record(d, id="")), 2, ".id: empty id"),
    ("annotator with a newline", lambda d, p: export(d, record(d, annotator="a\nb")), 2, "U+000A"),
    ("speaker a list", lambda d, p: export(d, record(d, speaker=["x"])), 2, ".speaker: expected str"),
    ("prefix of 5,000 chars", lambda d, p: export(d, record(d, prefix="p" * 5000)), 2, ".prefix: 5000"),
    ("text not its span's length", lambda d, p: export(d, record(d, text="x")), 2, ".text: its length 1"),
    ("NaN", lambda d, p: export(d, record(d)).replace('"start": 49', '"start": NaN'), 2, "NaN is not"),
    ("-Infinity", lambda d, p: export(d, record(d)).replace('"end": 71', '"end": -Infinity'), 2, "Infinity"),
    (
        "a UTF-16 file with a BOM (accepted)",
        lambda d, p: export(d, record(d)).encode("utf-16"),
        0,
        "imported 1",
    ),
    (
        "a UTF-8 BOM (accepted)",
        lambda d, p: codecs.BOM_UTF8 + export(d, record(d)).encode(),
        0,
        "imported 1",
    ),
    (
        "duplicate keys",
        lambda d, p: export(d, record(d)).replace('"label": "claim"', '"label": "claim", "label": "fact"'),
        2,
        "duplicate key 'label' in one object",
    ),
    ("a top-level array", lambda d, p: json.dumps([json.loads(export(d, record(d)))]), 2, "$: not a reader"),
    ("an object of something else", lambda d, p: '{"name": "x"}', 2, "$: not a reader export"),
    (
        "documents not a list",
        lambda d, p: json.dumps({"format": "reader.annotations", "version": 1, "documents": {"a": 1}}),
        2,
        "$.documents: expected list, got dict",
    ),
    ("version 2", lambda d, p: export(d, record(d), version=2), 2, "unsupported version 2"),
    ("a 10,000-char format", lambda d, p: json.dumps({"format": "f" * 10_000}), 2, "unknown format 'fff"),
    ("JSONL with a blank line (accepted)", lambda d, p: "\n" + jsonl(d, record(d)) + "\n\n", 0, "imported 1"),
    ("JSONL with a comment line", lambda d, p: jsonl(d, record(d)) + "# done\n", 2, ":2:1: not JSON"),
    (
        "a JSONL line that is an array",
        lambda d, p: jsonl(d, record(d)) + "[1]\n",
        2,
        ":2: expected an object",
    ),
    (
        "W3C without a selector",
        lambda d, p: w3c(d),
        2,
        "needs a TextQuoteSelector and a TextPositionSelector",
    ),
    ("W3C with a quote only", lambda d, p: w3c(d, []), 2, "needs a TextQuoteSelector"),
    ("a CSV export", lambda d, p: "document_id,path,id\n", 2, "a CSV export cannot be imported"),
    (
        "created out of range",
        lambda d, p: export(d, record(d, created="0001-01-01T00:00:00+14:00")),
        2,
        ".created: not an ISO 8601 date-time with a UTC offset between 1970 and 9999",
    ),
    (
        "created without offset",
        lambda d, p: export(d, record(d, created="2026-01-01T10:00:00")),
        2,
        "created",
    ),
    (
        "modified a date only",
        lambda d, p: export(d, record(d, modified="2026-01-01")),
        2,
        ".modified: not an",
    ),
    ("created in 1900", lambda d, p: export(d, record(d, created="1900-01-01T00:00:00+00:00")), 2, "created"),
    (
        "one id in two documents",
        lambda d, p: json.dumps(
            {
                "format": "reader.annotations",
                "version": 1,
                "documents": [
                    {"id": d.id, "path": d.path, "annotations": [record(d)]},
                    {"id": "sha256:" + "0" * 64, "path": "b.txt", "annotations": [record(d)]},
                ],
            }
        ),
        2,
        "is used in documents 'a.txt' and 'b.txt'",
    ),
    ("one id twice in a document", lambda d, p: export(d, record(d), record(d, label="fact")), 2, "twice"),
    (
        "a document id with ESC",
        lambda d, p: export(d, record(d)).replace("sha256:", "\\u001bsha"),
        2,
        "U+001B",
    ),
]


@pytest.mark.parametrize(("content", "code", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_careless_import(
    tmp_path: Path, corpus: DocumentRef, store: Path, content: Content, code: int, expected: str
) -> None:
    file = tmp_path / "in put.json"
    data = content(corpus, file)
    if isinstance(data, str):
        file.write_text(data, encoding="utf-8")
    elif isinstance(data, bytes):
        file.write_bytes(data)
    before = snapshot(store)
    done = reader("import", file, "--store", store, "--corpus", tmp_path / "corpus")
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr, done.stderr
    assert done.returncode == code, done.stderr
    if code == 2:
        assert done.stderr.count("\n") == 1 and done.stdout == "", done.stderr
        assert done.stderr.startswith(f"reader: error: {file}"), done.stderr
        assert expected in done.stderr, done.stderr
        assert snapshot(store) == before
    else:
        assert expected in done.stdout, done.stdout


def test_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path, store: Path) -> None:
    file = tmp_path / "two\nlines\x1b[2J.json"
    file.write_text("nope", encoding="utf-8")
    done = reader("import", file, "--store", store)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "\x1b" not in done.stderr
    assert ":1:1: not JSON" in done.stderr


def test_an_id_the_store_holds_in_another_document_is_refused(
    tmp_path: Path, corpus: DocumentRef, store: Path
) -> None:
    with Store.open(store) as s:
        held = s.annotations(corpus.id)[0]
    other = DocumentRef("sha256:" + "1" * 64, "elsewhere.txt", "")
    file = tmp_path / "other.json"
    file.write_text(export(other, record(corpus, id=held.id)), encoding="utf-8")
    before = snapshot(store)
    done = reader("import", file, "--store", store, "--corpus", tmp_path / "corpus")
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"reader: error: {file}: annotation id {held.id!r} is already in the store")
    assert snapshot(store) == before
