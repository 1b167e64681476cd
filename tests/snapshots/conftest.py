"""Apps for snapshot tests: the same on every machine and every day.

Each test runs in its own temporary folder (the current folder, so the store is shown as the relative
`store`), on a copy of the seeds, with a store whose annotations come in through the real importer
from a file with fixed ids and timestamps, and with the clock's time zone set to UTC.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from annotations.importer import import_file
from annotations.model import DocumentRef, context
from annotations.store import Store
from reader.app import ReaderApp
from reader.text.corpus import discover, read_document
from reader.text.pipeline import analyse_path

ANNOTATOR = "tester"
STAMP = "2026-03-14T12:00:00+00:00"  # midday UTC: the same calendar day in almost every time zone

# (file, sentence index, label, note, speaker, annotator): a few tags in three of the five seeds, so the
# library shows progress bars and the annotations screen has rows of each label and two annotators.
TAGS: tuple[tuple[str, int, str, str, str | None, str], ...] = (
    ("001_2431c36a0108d05d.txt", 0, "claim", "", None, ANNOTATOR),
    ("001_2431c36a0108d05d.txt", 1, "claim", "check the date of the speech", None, ANNOTATOR),
    ("001_2431c36a0108d05d.txt", 2, "quote", "", "Alexander Lukashenko", ANNOTATOR),
    ("001_2431c36a0108d05d.txt", 4, "fact", "", None, ANNOTATOR),
    ("001_2431c36a0108d05d.txt", 5, "fact", "", None, "maria"),
    ("003_ac7b1f2213b4f8e1.txt", 1, "quote", "", "Belta news agency", ANNOTATOR),
    ("003_ac7b1f2213b4f8e1.txt", 3, "claim", "", None, "maria"),
    ("004_0926400b2f17a2d6.txt", 2, "quote", "", "Alexander Lukashenko", ANNOTATOR),
)


def _load_ui_helpers() -> ModuleType:
    """The UI tests' waiting helpers (`settle`, `open_document`), loaded by path: one copy of them."""
    path = Path(__file__).resolve().parents[1] / "ui" / "conftest.py"
    spec = importlib.util.spec_from_file_location("_reader_ui_helpers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ui = _load_ui_helpers()


def write_export(corpus_dir: Path, target: Path) -> None:
    """A `reader export` JSON file of TAGS, with fixed ids and times (what an import reads back)."""
    documents: dict[str, dict[str, object]] = {}
    annotations: dict[str, list[dict[str, object]]] = {}
    for n, (name, index, label, note, speaker, annotator) in enumerate(TAGS, 1):
        file = corpus_dir / name
        analysis = analyse_path(file)
        text = analysis.document.text
        sentence = analysis.sentences[index]
        prefix, suffix = context(text, sentence.start, sentence.end)
        documents.setdefault(
            name,
            {
                "id": analysis.document.id,
                "path": name,
                "title": analysis.title,
                "date": analysis.date,
                "annotations": annotations.setdefault(name, []),
            },
        )
        annotations[name].append(
            {
                "id": f"00000000-0000-4000-8000-{n:012d}",
                "label": label,
                "start": sentence.start,
                "end": sentence.end,
                "text": text[sentence.start : sentence.end],
                "prefix": prefix,
                "suffix": suffix,
                "note": note,
                "speaker": speaker,
                "annotator": annotator,
                "created": STAMP,
                "modified": STAMP,
            }
        )
    envelope = {
        "format": "reader.annotations",
        "version": 1,
        "exported": STAMP,
        "documents": list(documents.values()),
    }
    target.write_text(json.dumps(envelope, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_dir: Path) -> Iterator[Path]:
    """tmp_path as the current folder, with `articles/` (a copy of the seeds) and the clock in UTC."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # the export dialog's default folder: home, no Documents
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    folder = tmp_path / "articles"
    shutil.copytree(seeds_dir, folder)
    for file in folder.iterdir():
        file.chmod(0o644)
    yield tmp_path
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def store(workdir: Path) -> Iterator[Store]:
    """A real store at the relative path `store`, holding TAGS imported through the real importer."""
    opened = Store.open(Path("store"), annotator=ANNOTATOR)
    export = workdir / "tags.json"
    write_export(workdir / "articles", export)
    corpus = discover([Path("articles")])
    refs = []
    for file in corpus.files:
        document = read_document(file)
        refs.append(DocumentRef(document.id, corpus.relative(file), document.text))
    report = import_file(opened, export, refs)
    assert report.added == len(TAGS) and not report.orphans
    yield opened
    opened.close()


@pytest.fixture
def make_app(
    workdir: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., ReaderApp]]:
    """Apps that look the same whatever the developer's terminal settings (NO_COLOR, TEXTUAL_THEME)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    apps: list[ReaderApp] = []

    def make(folder: str = "articles") -> ReaderApp:
        app = ReaderApp(discover([Path(folder)]), store, cache_dir=Path("cache"))
        app.theme = "textual-dark"
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close_writer()


class Steps:
    """What a `run_before` does, a fixture so no test imports a conftest module by name."""

    settle = staticmethod(_ui.settle)  # until no worker runs and no store write is queued
    press = staticmethod(_ui.press)  # keys, then settle
    open_document = staticmethod(_ui.open_document)  # from the library, the n-th row, analysed

    @staticmethod
    def steady_cursors(pilot: Pilot) -> None:
        """No blinking text cursor: a snapshot taken half a second later must look the same."""
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False


@pytest.fixture
def steps() -> type[Steps]:
    return Steps
