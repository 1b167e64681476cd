"""The folder repetition context: one memoised object for the catalog, the suggester and inspect."""

from __future__ import annotations

from pathlib import Path

from reader.services.catalog import Catalog, default_cache_dir, entry_sources
from reader.services.open_suggestions import Suggester
from reader.text.corpus import discover, read_document
from reader.text.folders import FolderContext
from reader.text.pipeline import analyse, analyse_path

MENU = "Home | World | Politics | Sport"


def _folder(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i}.txt").write_text(
            f"{MENU}\n\nStory {i} headline here\n\nThe council voted {i} times on the budget this week, "
            "officials said on Monday.\n",
            encoding="utf-8",
        )
    return folder


def test_a_folder_is_read_once_and_the_same_object_answers_every_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    files = sorted(folder.iterdir())
    context = FolderContext(files)
    first = context.stats_for(files[0])
    assert first is not None and first is context.stats_for(files[1])
    (folder / "a0.txt").unlink()  # memoised: not read again
    assert context.stats_for(files[2]) is first


def test_a_lone_file_has_no_context_and_inspect_reads_the_disk(tmp_path: Path) -> None:
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "only.txt").write_text(f"{MENU}\n\nA story.\n", encoding="utf-8")
    assert FolderContext().stats_for(lone / "only.txt") is None
    folder = _folder(tmp_path)
    assert FolderContext().stats_for(folder / "a1.txt") is not None  # siblings found on disk


def test_catalog_suggester_and_inspect_see_the_same_kept_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    corpus = discover([folder])
    file = corpus.files[1]
    document = read_document(file)
    catalog = Catalog(corpus, cache_dir=tmp_path / "cache")
    by_catalog = catalog.analyse(document)
    suggester = Suggester(None, corpus.files, {}, "now")
    by_suggester = analyse(document, folder=suggester.folders.stats_for(file))
    by_inspect = analyse_path(file)
    assert by_catalog.to_json()["lines"] == by_suggester.to_json()["lines"] == by_inspect.to_json()["lines"]
    assert by_catalog.sentences == by_suggester.sentences == by_inspect.sentences
    assert all(MENU not in s.text for s in by_catalog.sentences)


def test_the_library_cache_is_keyed_on_what_entries_are_computed_by() -> None:
    modules = set(entry_sources())
    needed = ("pipeline", "boilerplate", "metadata", "sentences", "corpus", "decode", "folders")
    assert {f"reader.text.{name}" for name in needed} <= modules
    # The suggestion engine and display helpers do not change an entry: editing them keeps the cache.
    assert not {m for m in modules if "suggest" in m or m.endswith((".quotes", ".speakers", ".sanitize"))}


def test_every_per_user_folder_has_the_application_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from annotations.location import APP_NAME

    monkeypatch.delenv("READER_CACHE", raising=False)
    assert APP_NAME == "reader"
    assert default_cache_dir().name == APP_NAME or APP_NAME in default_cache_dir().parts
