"""An import that could not see its document's text is checked the first time the document opens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotations.store import Store
from reader.services.catalog import Catalog
from reader.services.opening import open_entry
from reader.text.corpus import discover, read_document

TEXT = "First paragraph here.\n\nThe mayor said crime fell by forty percent last year.\n\nLast one.\n"


def _export(document_id: str, start: int, end: int, text: str, prefix: str, suffix: str) -> dict:
    stamp = "2026-01-05T10:00:00+00:00"
    annotation = {
        "id": "a" * 32, "label": "claim", "start": start, "end": end, "text": text, "prefix": prefix,
        "suffix": suffix, "note": "", "speaker": None, "annotator": "alice",
        "created": stamp, "modified": stamp,
    }  # fmt: skip
    return {
        "format": "reader.annotations",
        "version": 1,
        "exported": stamp,
        "documents": [{"id": document_id, "path": "article.txt", "annotations": [annotation]}],
    }


def test_an_unverified_import_is_placed_on_the_text_when_the_document_opens(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(TEXT, encoding="utf-8")
    document = read_document(corpus / "article.txt")
    sentence = "The mayor said crime fell by forty percent last year."
    at = TEXT.index(sentence)
    # Exported from an older copy of the text: the offsets are 5 off, the context is right.
    wrong = _export(
        document.id, at + 5, at + 5 + len(sentence), sentence, TEXT[at - 20 : at], TEXT[at + 53 :]
    )
    export = tmp_path / "export.json"
    export.write_text(json.dumps(wrong), encoding="utf-8")
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text("Nothing to do with it.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "READER_STORE"}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(export), "--store", str(tmp_path / "store"),
         "--corpus", str(elsewhere)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    store = Store.open(tmp_path / "store", annotator="alice")
    (stored,) = store.annotations(document.id)
    assert TEXT[stored.start : stored.end] != stored.text  # kept as exported: nothing to check it with
    catalog = Catalog(discover([corpus]), cache_dir=tmp_path / "cache")
    entry = next(e for batch in catalog.scan() for e in batch)
    opening = open_entry(entry, catalog, store, lambda fn, *args, **kw: fn(*args, **kw))
    (placed,) = opening.state.annotations
    assert not placed.orphan and (placed.start, placed.end) == (at, at + len(sentence))
    assert TEXT[placed.start : placed.end] == placed.text
    assert store.annotations(document.id) == [placed]  # in the store, not only on screen
    store.close()
