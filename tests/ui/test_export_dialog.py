"""The export dialog writes real files through the store's exporter, on a real store over the seeds."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.widgets import Button, Input, Static

from annotations.export import DIALOG_FORMATS as FORMATS  # the formats the dialog offers
from annotations.export import Format
from annotations.model import DocumentRef
from annotations.store import Store
from reader.screens.export import ExportDialog, check_target, default_name, with_suffix
from reader.text.corpus import Corpus, discover, read_document
from reader.text.pipeline import analyse
from reader.text.sanitize import has_controls


@pytest.fixture
def corpus(seeds_dir: Path) -> Corpus:
    return discover([seeds_dir])


@pytest.fixture
def tagged(tmp_path: Path, corpus: Corpus) -> Iterator[Store]:
    """Two sentences of each of the first three seeds tagged; the store stays open for the test."""
    opened = Store.open(tmp_path / "store", annotator="alice")
    for file in corpus.files[:3]:
        analysis = analyse(read_document(file))
        doc = analysis.document
        ref = DocumentRef(doc.id, corpus.relative(file), doc.text)
        first, second = analysis.sentences[:2]
        opened.add(ref, "claim", first.start, first.end, note='=HYPERLINK("x") [b]n[/b]')
        opened.add(ref, "quote", second.start, second.end, speaker="A. Person")
    yield opened
    opened.close()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The dialog's default file goes to the user's documents folder, else home: with neither a
    Documents folder nor user dirs, home; make that (and the current folder) a temporary one."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


class DialogApp(App[None]):
    def __init__(self, store: Store, corpus: Corpus | None) -> None:
        super().__init__()
        self.store = store
        self.corpus = corpus
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(self.store, self.corpus), self.results.append)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _message(app: App[None]) -> str:
    return str(app.screen.query_one("#export-message", Static).render())


def _exported_ids(fmt: str, path: Path) -> list[str]:
    """The annotation ids a file holds, read the way a user's tool would read it (for the formats of
    other tools, which have no ids: one entry per span)."""
    if fmt == "brat":
        lines = (line for ann in sorted(path.glob("*/*.ann")) for line in ann.read_text().splitlines())
        return [line for line in lines if line.startswith("T")]
    if fmt == "spacy":
        spacy = pytest.importorskip("spacy")
        from spacy.tokens import DocBin

        docs = DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)
        return [f"{span.start_char}:{span.label_}" for doc in docs for span in doc.spans["sc"]]
    text = path.read_text(encoding="utf-8")
    if fmt == "doccano":
        return [json.dumps(span) for line in text.splitlines() for span in json.loads(line)["label"]]
    if fmt == "label-studio":
        results = (r for task in json.loads(text) for a in task["annotations"] for r in a["result"])
        return [r["id"] for r in results if r["type"] == "labels"]
    if fmt == "conll":
        return [line for line in text.splitlines() if "\tB-" in line]
    if fmt == "json":
        data = json.loads(text)
        assert data["format"] == "reader.annotations"
        return [a["id"] for d in data["documents"] for a in (*d["annotations"], *d.get("orphans", []))]
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in text.splitlines()]
    if fmt == "prodigy":
        return [json.dumps(span) for line in text.splitlines() for span in json.loads(line)["spans"]]
    if fmt == "csv":
        return [row["id"] for row in csv.DictReader(text.splitlines())]
    data = json.loads(text)
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items)
    return [json.dumps(item) for item in items]


async def test_enter_exports_json_to_the_dated_default(tagged: Store, corpus: Corpus, workdir: Path) -> None:
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        assert field.value == f"~/annotations-{date.today():%Y%m%d}.json"  # home: no Documents here
        assert app.focused is field
        await _settle(pilot)
        assert _message(app) == "6 annotations in 3 documents"
        await pilot.press("enter")
        await _settle(pilot)
        written = workdir / f"annotations-{date.today():%Y%m%d}.json"
        assert app.results == [written]
        assert isinstance(app.screen, ExportDialog) is False
    ids = _exported_ids("json", written)
    assert sorted(ids) == sorted(a.id for a in tagged.iter_all())
    assert len(ids) == 6


# ClaimReview writes only rated claims and needs a publisher: tests/ui/test_export_dialog_formats.py.
@pytest.mark.parametrize("fmt", [f for f in FORMATS if not f.needs_publisher], ids=lambda f: f.name)
async def test_each_format_writes_every_annotation(
    tagged: Store, corpus: Corpus, workdir: Path, fmt: Format
) -> None:
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.click(f"#format-{fmt.name}")
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        assert field.value.endswith(fmt.suffix)
        await pilot.press("ctrl+s")
        await _settle(pilot)
        (written,) = app.results
    assert written is not None and written.suffix == fmt.suffix and written.parent == workdir
    ids = _exported_ids(fmt.name, written)
    assert len(ids) == 6
    if fmt.name in ("json", "jsonl", "csv"):
        assert sorted(ids) == sorted(a.id for a in tagged.iter_all())


async def test_an_existing_file_is_replaced_only_after_a_second_yes(
    tagged: Store, corpus: Corpus, workdir: Path
) -> None:
    target = workdir / "mine.json"
    target.write_text("precious", encoding="utf-8")
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = "mine.json"
        await pilot.press("enter")
        await _settle(pilot)
        assert app.results == []
        assert "exists" in _message(app) and "\n" not in _message(app)
        assert str(app.screen.query_one("#export-go", Button).label) == "Overwrite"
        assert target.read_text(encoding="utf-8") == "precious"

        # Editing the path withdraws the question; asking again and confirming replaces the file.
        field.value = "mine.jsonx"
        await pilot.pause()
        assert "exists" not in _message(app)
        field.value = "mine.json"
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in _message(app)
        await pilot.click("#export-go")
        await _settle(pilot)
        assert app.results == [target]
    assert len(_exported_ids("json", target)) == 6


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "type the name of the file to write"),
        ("no/such/folder/out.json", "no such folder"),
        (".", "is a folder"),
    ],
)
async def test_a_bad_path_is_one_line_in_the_dialog(
    tagged: Store, corpus: Corpus, workdir: Path, typed: str, expected: str
) -> None:
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = typed
        await pilot.press("enter")
        await _settle(pilot)
        assert expected in _message(app) and "\n" not in _message(app)
        assert app.results == []
        assert isinstance(app.screen, ExportDialog)
    assert list(workdir.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, where no file can be created")
async def test_a_failed_write_is_reported_and_the_dialog_stays_usable(
    tagged: Store, corpus: Corpus, workdir: Path
) -> None:
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        field.value = "/proc/annotations.json"
        await pilot.press("enter")
        await _settle(pilot)
        assert "cannot write" in _message(app) and "\n" not in _message(app)
        assert app.results == []
        assert not field.disabled
        field.value = "fine.json"
        await pilot.press("enter")
        await _settle(pilot)
        assert app.results == [workdir / "fine.json"]


async def test_an_empty_store_is_said_before_exporting(tmp_path: Path, corpus: Corpus, workdir: Path) -> None:
    empty = Store.open(tmp_path / "empty-store")
    app = DialogApp(empty, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        assert "no annotations" in _message(app)
        await pilot.press("enter")
        await _settle(pilot)
        (written,) = app.results
    empty.close()
    assert written is not None and _exported_ids("json", written) == []


async def test_without_a_corpus_documents_have_no_title(tagged: Store, workdir: Path) -> None:
    app = DialogApp(tagged, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        (written,) = app.results
    assert written is not None
    documents = json.loads(written.read_text(encoding="utf-8"))["documents"]
    assert len(documents) == 3 and all(d["title"] is None for d in documents)


async def test_with_the_corpus_documents_have_their_titles(
    tagged: Store, corpus: Corpus, workdir: Path
) -> None:
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        (written,) = app.results
    assert written is not None
    documents = json.loads(written.read_text(encoding="utf-8"))["documents"]
    assert len(documents) == 3 and all(d["title"] for d in documents)


async def test_escape_cancels_and_writes_nothing(tagged: Store, corpus: Corpus, workdir: Path) -> None:
    app = DialogApp(tagged, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
    assert list(workdir.iterdir()) == []


def test_the_extension_follows_the_format_unless_the_user_chose_one() -> None:
    by_name = {f.name: f for f in FORMATS}
    assert with_suffix("annotations-20260101.json", by_name["csv"]) == "annotations-20260101.csv"
    assert with_suffix("out/today.jsonl", by_name["w3c"]) == "out/today.jsonld"
    assert with_suffix("report", by_name["jsonl"]) == "report.jsonl"
    assert with_suffix("report.txt", by_name["csv"]) == "report.txt"
    assert with_suffix("", by_name["csv"]) == ""
    assert default_name(by_name["csv"], date(2026, 1, 13)) == "annotations-20260113.csv"


def test_check_target_resolves_against_the_current_folder(workdir: Path) -> None:
    assert check_target(" out.json ") == workdir / "out.json"
    with pytest.raises(ValueError, match="no such folder"):
        check_target("missing/out.json")


async def test_in_the_app_the_export_command_writes_the_file_and_says_so(  # type: ignore[no-untyped-def]
    ui, make_app, store, articles, workdir: Path
) -> None:
    file = sorted(articles.glob("*.txt"))[0]
    analysis = analyse(read_document(file))
    ref = DocumentRef(analysis.document.id, file.name, analysis.document.text)
    for sentence in analysis.sentences[:3]:
        store.add(ref, "claim", sentence.start, sentence.end)
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        await ui.settle(app, pilot)
        await app.run_action("export")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#export-path", Input).value = "from-the-app.json"
        await pilot.press("enter")
        await ui.settle(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
        messages = [n.message for n in app._notifications]
        assert any("from-the-app.json" in m for m in messages)
    data = json.loads((workdir / "from-the-app.json").read_text(encoding="utf-8"))
    (document,) = data["documents"]
    assert document["path"] == file.name and len(document["annotations"]) == 3
    assert document["title"] == analysis.title


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=30), st.sampled_from(FORMATS))
def test_following_the_format_is_idempotent_and_keeps_the_folder(typed: str, fmt: Format) -> None:
    once = with_suffix(typed, fmt)
    assert with_suffix(once, fmt) == once
    if typed.strip() and once != typed:
        assert once.endswith(fmt.suffix)
        assert Path(once).parent == Path(typed).parent


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.text(alphabet="ab/\n\r\t.~ ", max_size=20),
        st.builds(lambda n: "a" * n + ".json", st.integers(200, 5000)),
    )
)
def test_any_typed_path_is_a_file_to_write_or_one_clean_line(typed: str) -> None:
    try:
        path = check_target(typed)
    except ValueError as exc:
        assert len(str(exc).splitlines()) == 1 and not has_controls(str(exc))
    else:
        assert path.is_absolute() and not path.is_dir()
