"""Titles and dates for `reader export --corpus` and `reader stats --corpus`: the library's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations.model import DocumentRef
from annotations.store import Store
from reader.services.catalog import Catalog
from reader.services.corpus_index import index_corpus
from reader.services.entries import Entry
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse_path


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def test_metadata_is_what_the_pipeline_says_with_the_folder_context(corpus: Path) -> None:
    index = index_corpus([corpus])
    lookup = index.metadata()
    for file in sorted(corpus.glob("*.txt")):
        document = read_document(file)
        analysis = analyse_path(file)
        assert lookup(document.id, file.name) == (analysis.title, analysis.date)
    assert lookup("sha256:" + "0" * 64, "missing.txt") == (None, None)


def test_metadata_comes_from_the_library_cache_while_the_file_is_unchanged(corpus: Path) -> None:
    catalog = Catalog(discover([corpus]))
    for _ in catalog.scan():
        pass
    catalog.save()
    file = sorted(corpus.glob("*.txt"))[0]
    document = read_document(file)
    # The cache is trusted while size and mtime hold: a title only the cache knows shows it was read.
    data = catalog.cached_files()[str(file.resolve())]
    row = Entry.from_json(str(file.resolve()), {**data, "title": "From the cache"}).to_row()
    with catalog.cache_file.open("a", encoding="utf-8") as log:  # a later line replaces the earlier one
        log.write(json.dumps(row) + "\n")
    assert index_corpus([corpus]).metadata()(document.id, file.name)[0] == "From the cache"
    file.write_text(file.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = read_document(file)
    assert index_corpus([corpus]).metadata()(changed.id, file.name)[0] != "From the cache"


def test_a_file_changed_since_tagging_gives_no_metadata(corpus: Path, tmp_path: Path) -> None:
    file = sorted(corpus.glob("*.txt"))[1]
    old = read_document(file)
    store = Store.open(tmp_path / "store", annotator="a")
    store.toggle(DocumentRef(old.id, file.name, old.text), "claim", 0, 5)
    store.close()
    file.write_text("Entirely new text.\n", encoding="utf-8")
    assert index_corpus([corpus]).metadata()(old.id, file.name) == (None, None)
