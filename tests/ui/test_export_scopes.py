"""Export what you see: this document, what the annotations screen shows, or everything; with the
open suggestions or not; to the user's documents folder by default; Enter exports from any field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from reader.screens.annotations import AnnotationsScreen
from reader.screens.export import ExportDialog
from reader.services.export_folder import default_export_folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with a localised documents folder named in the XDG user dirs file."""
    folder = tmp_path / "home"
    (folder / ".config").mkdir(parents=True)
    (folder / "Dokumente").mkdir()
    (folder / ".config" / "user-dirs.dirs").write_text(
        '# written by xdg-user-dirs-update\nXDG_DOCUMENTS_DIR="$HOME/Dokumente"\nXDG_DOWNLOAD_DIR="$HOME/"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


def test_the_default_folder_is_documents_then_downloads_then_home(tmp_path: Path) -> None:
    home = tmp_path / "h"
    home.mkdir()
    env: dict[str, str] = {}
    assert default_export_folder(home, env) == home
    (home / "Downloads").mkdir()
    assert default_export_folder(home, env) == home / "Downloads"
    (home / "Documents").mkdir()
    assert default_export_folder(home, env) == home / "Documents"
    (home / ".config").mkdir()
    (home / "Docs FR").mkdir()
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Docs FR"\n', encoding="utf-8")
    assert default_export_folder(home, env) == home / "Docs FR"


async def _export(app, pilot, ui) -> ExportDialog:  # type: ignore[no-untyped-def]
    await app.run_action("export")
    await ui.settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def _tag_three_documents(app, pilot, ui) -> None:  # type: ignore[no-untyped-def]
    for row in range(3):
        await ui.open_document(app, pilot, row)
        await ui.press(app, pilot, "c", "j", "q")  # a claim and a quote in each
        await ui.press(app, pilot, "escape")


async def test_the_filtered_annotations_screen_exports_what_it_shows(ui, make_app, home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await _tag_three_documents(app, pilot, ui)
        await ui.press(app, pilot, "A")
        screen = app.screen
        assert isinstance(screen, AnnotationsScreen)
        screen.query_one("#filter-label", Input).value = "quote"
        await ui.settle(app, pilot)
        shown = {a.id for a in screen.visible_annotations()}
        assert len(shown) == 3
        dialog = await _export(app, pilot, ui)
        assert dialog.scope.name == "shown"  # the narrowest offered is chosen
        field = dialog.query_one("#export-path", Input)
        assert field.value.startswith("~/Dokumente/annotations-")  # the folder, shown before writing
        await ui.press(app, pilot, "enter")
        written = home / "Dokumente" / field.value.removeprefix("~/Dokumente/")
        data = json.loads(written.read_text(encoding="utf-8"))
    exported = {a["id"] for d in data["documents"] for a in d["annotations"]}
    assert exported == shown


async def test_this_document_with_suggestions_enter_on_the_checkbox(ui, make_app, home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await _tag_three_documents(app, pilot, ui)
        reading = await ui.open_document(app, pilot, 1)
        document_id = reading.ref.id
        dialog = await _export(app, pilot, ui)
        assert [s.name for s in dialog.scopes] == ["document", "all"]
        box = dialog.query_one("#export-suggestions", Checkbox)
        box.focus()
        await ui.press(app, pilot, "space")
        assert box.value is True
        await ui.press(app, pilot, "enter")  # Enter on the box exports, as from every field
        assert not isinstance(app.screen, ExportDialog)
        (written,) = (home / "Dokumente").glob("annotations-*.json")
        data = json.loads(written.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == [document_id]
    annotations = data["documents"][0]["annotations"]
    assert {a["label"] for a in annotations if a.get("annotator") == "tester"} == {"claim", "quote"}
    assert len(annotations) > 2  # the document's open suggestions came too


async def test_everything_is_always_offered(ui, make_app, home: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await _tag_three_documents(app, pilot, ui)
        dialog = await _export(app, pilot, ui)
        assert [s.name for s in dialog.scopes] == ["all"]
        await ui.press(app, pilot, "enter")
        (written,) = (home / "Dokumente").glob("annotations-*.json")
        data = json.loads(written.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 3


LONG_TITLE = (
    "The minister of finance said on Tuesday that the long-awaited reform of the pension system "
    "would be delayed until the next parliament"
)
ARTICLE = (
    f"{LONG_TITLE}\n\nPublished 12 March 2025\n\nPrices rose by four percent last year. The bank said so.\n"
)


async def test_an_export_without_the_corpus_names_each_document_in_full(  # type: ignore[no-untyped-def]
    ui, make_app, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    folder = tmp_path / "elsewhere" / "feed"
    folder.mkdir(parents=True)
    (folder / "pensions.txt").write_text(ARTICLE, encoding="utf-8")
    app = make_app(tmp_path / "elsewhere")
    async with app.run_test(size=ui.size) as pilot:
        reading = await ui.open_document(app, pilot, 0)
        title, day = reading.analysis.title, reading.analysis.date
        await ui.press(app, pilot, "j", "c")
        await ui.press(app, pilot, "ctrl+q")
    assert title and len(title) > 100 and day
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])  # this checkout, from any folder
    done = subprocess.run(  # no --corpus: the default corpus (the bundled seeds) does not hold it
        [sys.executable, "-m", "reader", "export", "--store", str(tmp_path / "store")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (document,) = json.loads(done.stdout)["documents"]
    assert document["title"] == title and "…" not in document["title"]
    assert document["date"] == day
    assert document["path"] == "feed/pensions.txt"
