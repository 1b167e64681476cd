"""`reader export --include-suggestions`, run as a user runs it: real files, real store, real processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from annotations import DocumentRef, Store
from reader.services.open_suggestions import SUGGESTER, pending
from reader.text.corpus import read_document
from reader.text.suggestion_engine import Suggestion

SCHEMA = Path(__file__).resolve().parents[2] / "annotations" / "schema" / "reader.annotations.v1.schema.json"
TAGGED = "tagged.txt"  # has a tag and a dismissal in the store
UNTAGGED = "untagged.txt"  # only in the corpus


def reader(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120
    )


def suggested(file: Path) -> list[Suggestion]:
    done = reader("suggest", "--json", str(file))
    assert done.returncode == 0, done.stderr
    return [Suggestion(**s) for s in json.loads(done.stdout)]


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seeds_dir / "001_2431c36a0108d05d.txt", folder / TAGGED)
    shutil.copy(seeds_dir / "002_3f438ba1181fc859.txt", folder / UNTAGGED)
    return folder


@pytest.fixture
def setup(tmp_path: Path, corpus: Path) -> tuple[Path, Suggestion, Suggestion]:
    """alice tags the first quote suggestion (as the whole sentence around it) and dismisses the second."""
    folder = tmp_path / "store"
    document = read_document(corpus / TAGGED)
    ref = DocumentRef(document.id, TAGGED, document.text)
    quotes = [s for s in suggested(corpus / TAGGED) if s.label == "quote"]
    tagged, dismissed = quotes[0], quotes[1]
    with Store.open(folder, annotator="alice") as store:
        store.add(ref, "quote", max(0, tagged.start - 1), tagged.end)
        store.dismiss_suggestion(ref, "quote", dismissed.start, dismissed.end)
    return folder, tagged, dismissed


def export(store: Path, corpus: Path, *extra: str) -> dict:
    done = reader("export", "--store", str(store), "--corpus", str(corpus), *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_path(data: dict) -> dict[str, dict]:
    return {d["path"]: d for d in data["documents"]}


def test_without_the_flag_no_suggestion_is_exported(setup, corpus: Path) -> None:
    store, _, _ = setup
    data = export(store, corpus)
    assert [d["path"] for d in data["documents"]] == [TAGGED]
    assert [a["annotator"] for a in data["documents"][0]["annotations"]] == ["alice"]


def test_the_flag_adds_the_open_suggestions_marked_as_such(setup, corpus: Path) -> None:
    store, tagged, dismissed = setup
    data = export(store, corpus, "--include-suggestions")
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    docs = by_path(data)
    assert list(docs) == [TAGGED, UNTAGGED]
    assert docs[UNTAGGED]["title"]  # a corpus-only document gets its title too
    for path, doc in docs.items():
        text = read_document(corpus / path).text
        expected = suggested(corpus / path)
        if path == TAGGED:
            expected = pending(
                expected,
                dismissed={("quote", dismissed.start, dismissed.end)},
                tagged=[("quote", max(0, tagged.start - 1), tagged.end)],
            )
            assert tagged not in expected and dismissed not in expected
        got = [a for a in doc["annotations"] if a["annotator"] == SUGGESTER]
        assert [(a["label"], a["start"], a["end"], a["speaker"]) for a in got] == [
            (s.label, s.start, s.end, s.speaker) for s in expected
        ]
        assert [a["note"] for a in got] == ["suggested: " + s.reason for s in expected]
        for a in got:
            assert text[a["start"] : a["end"]] == a["text"]
        starts = [(a["start"], a["end"]) for a in doc["annotations"]]
        assert starts == sorted(starts)
    assert [a["annotator"] for a in docs[TAGGED]["annotations"]].count("alice") == 1
    # Exporting again gives the same suggestion ids.
    again = by_path(export(store, corpus, "--include-suggestions"))
    assert [a["id"] for a in again[TAGGED]["annotations"]] == [a["id"] for a in docs[TAGGED]["annotations"]]


def test_filters_apply_to_suggestions(setup, corpus: Path) -> None:
    store, _, _ = setup
    quotes = export(store, corpus, "--include-suggestions", "--label", "quote")
    labels = {a["label"] for d in quotes["documents"] for a in d["annotations"]}
    assert labels == {"quote"}
    assert sum(a["annotator"] == SUGGESTER for d in quotes["documents"] for a in d["annotations"]) > 3
    alice = export(store, corpus, "--include-suggestions", "--annotator", "alice")
    assert {a["annotator"] for d in alice["documents"] for a in d["annotations"]} == {"alice"}


def test_w3c_suggestions_are_tagging_with_the_reason_as_a_comment(setup, corpus: Path) -> None:
    store, _, _ = setup
    done = reader(
        "export", "--store", str(store), "--corpus", str(corpus), "--format", "w3c", "--include-suggestions"
    )
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)["first"]["items"]
    ours = [i for i in items if i.get("creator", {}).get("nickname") == SUGGESTER]
    assert ours and len(ours) < len(items)
    for item in ours:
        assert item["motivation"] == "tagging"
        purposes = {b["purpose"]: b["value"] for b in item["body"]}
        assert purposes["tagging"] in ("claim", "quote", "fact")
        assert purposes["commenting"].startswith("suggested: ")
    plain = reader("export", "--store", str(store), "--corpus", str(corpus), "--format", "w3c")
    assert SUGGESTER not in plain.stdout


def test_w3c_suggestions_pass_the_w3c_annotation_musts(setup, corpus: Path, shared_data: Path) -> None:
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    root = shared_data / "w3c-annotation-schemas"
    registry: Registry = Registry()
    for file in sorted((root / "definitions").glob("*.json")):
        schema = json.loads(file.read_text())
        registry = registry.with_resource(
            schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)
        )
    names = json.loads((root / "annotations" / "annotationMusts.test").read_text())["assertions"]
    validators = [
        (
            n,
            Draft4Validator(
                json.loads((root / n).read_text()), registry=registry, format_checker=FormatChecker()
            ),
        )
        for n in names
    ]
    store, _, _ = setup
    done = reader(
        "export", "--store", str(store), "--corpus", str(corpus), "--format", "w3c", "--include-suggestions"
    )
    items = json.loads(done.stdout)["first"]["items"]
    ours = [i for i in items if i.get("creator", {}).get("nickname") == SUGGESTER]
    assert len(validators) > 40 and ours
    for item in ours:
        for name, v in validators:
            assert list(v.iter_errors(item)) == [], name


def test_label_studio_predictions_end_to_end(setup, corpus: Path, tmp_path: Path) -> None:
    """`--format label-studio --include-suggestions` as a user runs it, on the seeds and on a copy of one
    with CRLF line ends and an astral flag at its start: every task's annotations and predictions pass
    label-studio-sdk's checks against the config `--ls-config` prints, every region's offsets slice its
    `value.text` out of `data.text` (code points), and the predictions are the open suggestions."""
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    crlf = "crlf.txt"
    text = read_document(corpus / UNTAGGED).text
    (corpus / crlf).write_bytes(("\U0001f1e7\U0001f1fe " + text.replace("\n", "\r\n")).encode("utf-8"))
    store, tagged, dismissed = setup
    out = tmp_path / "tasks.json"
    done = reader(
        "export", "--store", str(store), "--corpus", str(corpus), "--format", "label-studio",
        "--include-suggestions", "--output", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    config = reader("export", "--store", str(store), "--ls-config")
    assert config.returncode == 0, config.stderr
    interface = sdk.LabelInterface(config.stdout)
    tasks = {t["data"]["path"]: t for t in json.loads(out.read_text(encoding="utf-8"))}
    assert sorted(tasks) == sorted([TAGGED, UNTAGGED, crlf])
    ours = by_path(export(store, corpus, "--include-suggestions"))  # the JSON export of the same run
    for path, task in tasks.items():
        text = task["data"]["text"]
        assert text == read_document(corpus / path).text
        assert [p["model_version"] for p in task["predictions"]] == [SUGGESTER]
        prediction = task["predictions"][0]
        assert interface.validate_prediction(prediction, return_errors=True) == []
        for annotation in task["annotations"]:
            assert interface.validate_annotation(annotation)
        regions = [r for r in prediction["result"] if r["type"] == "labels"]
        for region in regions + [
            r for a in task["annotations"] for r in a["result"] if r["type"] == "labels"
        ]:
            value = region["value"]
            assert text[value["start"] : value["end"]] == value["text"]
        expected = [a for a in ours[path]["annotations"] if a["annotator"] == SUGGESTER]
        assert sorted(
            (r["value"]["labels"][0], r["value"]["start"], r["value"]["end"]) for r in regions
        ) == sorted((a["label"], a["start"], a["end"]) for a in expected)
        assert len(regions) > 3
    assert [a["completed_by"]["email"] for a in tasks[TAGGED]["annotations"]] == ["alice"]
    assert tasks[UNTAGGED]["annotations"] == [] and tasks[crlf]["annotations"] == []
    spans = {
        (r["value"]["labels"][0], r["value"]["start"], r["value"]["end"])
        for r in tasks[TAGGED]["predictions"][0]["result"]
        if r["type"] == "labels"
    }
    assert ("quote", dismissed.start, dismissed.end) not in spans and (
        "quote",
        tagged.start,
        tagged.end,
    ) not in spans
    # In the CRLF copy, spans after the flag and after line ends (each two code points) still slice
    # their text (checked above): Label Studio's unit, not UTF-16 and not with CRLF read as one.
    crlf_text = tasks[crlf]["data"]["text"]
    after = [
        r for r in tasks[crlf]["predictions"][0]["result"] if r["value"]["start"] > crlf_text.index("\r\n")
    ]
    assert "\r\n" in crlf_text and len(after) > 3
