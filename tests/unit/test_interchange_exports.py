"""The exports for other annotation tools, each proven by its consumer, offline, on one hard fixture.

The fixture (conftest.py `interchange`) has CRLF line ends, an astral flag, curly quotes, a combining
accent, three annotators, overlapping spans, a span across a CRLF, notes and an orphan.
Label Studio: its SDK validates every annotation and converts the tasks to JSON_MIN. brat: each T line's
offsets slice its text out of the .txt bytes decoded as UTF-8. doccano: the shape of its own example,
offsets in UTF-16 units slicing the record's text. CoNLL: every span rebuilt from its B/I tags.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotations import Store
from annotations import export as exporting
from annotations.export import ExportDocument
from annotations.export import conll as conll_format
from annotations.export.interchange import SUGGESTER, Utf16, utf16_slice
from annotations.export.label_studio import label_config
from reader.services.exporting import ExportReport, export_to_file
from tests.unit.conftest import Interchange

STAMP = "2026-11-23T14:00:00+00:00"
Key = tuple[str, str, str]  # (annotator, label, text)


def export(ic: Interchange, fmt: str, path: Path, **kw: Any) -> tuple[int, ExportReport]:
    report = ExportReport()
    with Store.open(ic.store, annotator="reader-test") as store:
        count = export_to_file(store, fmt, path, [ic.corpus], report=report, **kw)
    return count, report


def stored(ic: Interchange) -> dict[str, list[dict[str, Any]]]:
    """Our own JSON export, by path: what every other format is compared with."""
    with Store.open(ic.store, annotator="reader-test") as store:
        docs = list(exporting.documents(store))
    return {d.path: [a.to_json() for a in d.annotations] for d in docs}


def keys(anns: list[dict[str, Any]]) -> set[Key]:
    return {(a["annotator"], a["label"], a["text"]) for a in anns}


def reader(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR", "READER_LABELS")
    }
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120
    )


# Label Studio


def test_label_studio_tasks_validate_and_convert_with_the_sdk(
    interchange: Interchange, tmp_path: Path
) -> None:
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    converter = pytest.importorskip("label_studio_sdk.converter")
    out = tmp_path / "tasks.json"
    count, report = export(interchange, "label-studio", out)
    assert (count, report.offered) == (10, 11)  # the orphan has no place in the text
    tasks = json.loads(out.read_text(encoding="utf-8"))
    config = label_config(["claim", "quote", "fact"])
    interface = sdk.LabelInterface(config)
    expected = stored(interchange)
    for task in tasks:
        text = task["data"]["text"]
        assert set(task["data"]) == {"text", "document_id", "path", "title"}
        seen: set[Key] = set()
        for annotation in task["annotations"]:
            assert interface.validate_annotation(annotation), interface.validate_prediction(annotation, True)
            for region in annotation["result"]:
                value = region["value"]
                assert (
                    text[value["start"] : value["end"]]
                    == (  # code points, the unit Label Studio reads
                        value["text"] if region["type"] == "labels" else text[value["start"] : value["end"]]
                    )
                )
                if region["type"] == "labels":
                    seen.add((annotation["completed_by"]["email"], value["labels"][0], value["text"]))
        assert seen == keys(expected[task["data"]["path"]])
    minsk = tasks[0]["data"]["text"]
    assert minsk == interchange.text  # exact: CRLF kept, accent not composed
    # The flag is two code points: a span after it starts two before where UTF-16 would put it.
    bob = next(a for a in tasks[0]["annotations"] if a["completed_by"]["email"] == "bob")
    cafe = next(
        r["value"]
        for r in bob["result"]
        if r["value"].get("text") == "Cafe\u0301 owners say prices rose 12% in a year."
    )
    assert Utf16(minsk)(cafe["start"]) == cafe["start"] + 2
    notes = [r for a in tasks[0]["annotations"] for r in a["result"] if r["from_name"] == "note"]
    assert {n["value"]["text"][0] for n in notes} == {"checked\r\nagainst the video", "same as alice"}

    # The converter reads Label Studio's own exports, whose tasks have the ids it gives them on import.
    imported = tmp_path / "as-imported.json"
    imported.write_text(json.dumps([{"id": n, **task} for n, task in enumerate(tasks, 1)]), encoding="utf-8")
    converter.Converter(config, project_dir=str(tmp_path)).convert(
        str(imported), str(tmp_path / "min"), "JSON_MIN", is_dir=False
    )
    rows = json.loads((tmp_path / "min" / "result.json").read_text(encoding="utf-8"))
    assert sorted(r["annotator"] for r in rows) == ["alice", "alice", "bob", "carol o'neil"]
    for row in rows:
        for span in row["label"]:
            assert row["text"][span["start"] : span["end"]] == span["text"]


def test_label_studio_suggestions_are_predictions(interchange: Interchange) -> None:
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    from reader.services.open_suggestions import SUGGESTER as SUGGESTER_OF_THE_APP

    assert SUGGESTER == SUGGESTER_OF_THE_APP
    with Store.open(interchange.store, annotator="reader-test") as store:
        doc = next(exporting.documents(store))
    text = interchange.text
    suggested = next(a for a in doc.annotations if a.annotator == "bob")
    from dataclasses import replace

    doc = replace(
        doc, text=text, annotations=(*doc.annotations, replace(suggested, id="s1", annotator=SUGGESTER))
    )
    out = io.StringIO()
    exporting.writer("label-studio")(out, iter([doc]), STAMP)
    task = json.loads(out.getvalue())[0]
    assert [p["model_version"] for p in task["predictions"]] == [SUGGESTER]
    assert SUGGESTER not in {a["completed_by"]["email"] for a in task["annotations"]}
    interface = sdk.LabelInterface(label_config(["claim", "quote", "fact"]))
    assert interface.validate_prediction(task["predictions"][0], return_errors=True) == []


def test_ls_config_prints_the_label_set_and_refuses_other_formats(interchange: Interchange) -> None:
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    done = reader("export", "--store", str(interchange.store), "--ls-config")
    assert done.returncode == 0, done.stderr
    assert "<Labels" in done.stdout and 'value="$text"' in done.stdout
    interface = sdk.LabelInterface(done.stdout)
    assert set(interface.get_control("label").labels) == {"claim", "quote", "fact"}
    bad = reader("export", "--store", str(interchange.store), "--ls-config", "--format", "csv")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "label-studio" in bad.stderr


# brat


def test_brat_offsets_slice_the_txt_bytes_and_the_conf_lists_every_label(
    interchange: Interchange, tmp_path: Path
) -> None:
    out = tmp_path / "brat"
    count, _ = export(interchange, "brat", out)
    assert count == 10
    expected = stored(interchange)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    entities = conf.split("[entities]\n")[1].split("\n\n")[0].split()
    seen: dict[str, set[Key]] = {}
    for ann_file in sorted(out.glob("*/*.ann")):
        annotator = ann_file.parent.name
        data = ann_file.with_suffix(".txt").read_bytes()
        text = data.decode("utf-8")  # brat reads UTF-8; offsets are characters of that text
        path = "politics/minsk.txt" if ann_file.stem == "politics__minsk" else "second.txt"
        assert data == (interchange.corpus / path).read_bytes()  # byte-exact, CRLF kept
        for line in ann_file.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                assert line.split("\t")[1].startswith("AnnotatorNotes T")
                assert "\r" not in line
                continue
            _, middle, quoted = line.split("\t", 2)
            label, offsets = middle.split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            assert " ".join(text[s:e] for s, e in pieces) == quoted  # brat's own check (DISCONT_SEP)
            assert label in entities
            whole = text[pieces[0][0] : pieces[-1][1]]
            seen.setdefault(path, set()).add((annotator, label, whole))
    names = {"alice": "alice", "bob": "bob", "carol_o_neil": "carol o'neil"}
    for path, anns in expected.items():
        assert {(k, lab, t) for k, lab, t in seen[path]} == {
            (a.replace(" ", "_").replace("'", "_"), lab, t) for a, lab, t in keys(anns)
        }
    assert set(names) == {p.name for p in out.iterdir() if p.is_dir()}
    minsk = (out / "alice" / "politics__minsk.ann").read_text(encoding="utf-8")
    assert "claim 64 75;77 89\ton Tuesday. Cafe\u0301 owners" in minsk  # across the CRLF: two fragments
    assert "#1\tAnnotatorNotes T2\tchecked against the video" in minsk


def brat_spans(out: Path, read: Any) -> list[tuple[str, str, bool]]:
    """(file, quoted text, whether the T line's offsets slice it out of the text `read` gives)."""
    found = []
    for ann_file in sorted(out.glob("*/*.ann")):
        text = read(ann_file.with_suffix(".txt"))
        for line in ann_file.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                _, middle, quoted = line.split("\t", 2)
                pieces = [tuple(map(int, p.split())) for p in middle.split(" ", 1)[1].split(";")]
                found.append((ann_file.name, quoted, " ".join(text[s:e] for s, e in pieces) == quoted))
    return found


def as_brats_server_reads(txt: Path) -> str:
    """brat's server opens a .txt with universal newlines (annotation.py open_textfile, mode "rU"):
    Python 3's default newline=None is that mode."""
    with open(txt, encoding="utf-8") as f:
        return f.read()


def test_brat_newlines_lf_gives_the_offsets_brats_web_view_counts(
    interchange: Interchange, tmp_path: Path
) -> None:
    kept, lf = tmp_path / "kept", tmp_path / "lf"
    for out, extra in ((kept, []), (lf, ["--brat-newlines", "lf"])):
        done = reader(
            "export", "--store", str(interchange.store), "--corpus", str(interchange.corpus),
            "--format", "brat", "--output", str(out), *extra,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    # Byte-exact .txt (the default): right for tools reading the bytes, shifted after a CRLF in brat's
    # web view (brat issue #853): some span no longer slices its text there.
    assert all(ok for _, _, ok in brat_spans(kept, lambda p: p.read_bytes().decode("utf-8")))
    assert not all(ok for _, _, ok in brat_spans(kept, as_brats_server_reads))
    # --brat-newlines lf: the same spans, right both ways; the text is the source with LF line ends.
    for read in (lambda p: p.read_bytes().decode("utf-8"), as_brats_server_reads):
        assert all(ok for _, _, ok in brat_spans(lf, read))
    assert [(n, q) for n, q, _ in brat_spans(lf, as_brats_server_reads)] == [
        (n, q) for n, q, _ in brat_spans(kept, lambda p: p.read_bytes().decode("utf-8"))
    ]
    minsk = (lf / "alice" / "politics__minsk.txt").read_bytes()
    assert b"\r" not in minsk and minsk.decode("utf-8") == interchange.text.replace("\r\n", "\n")
    bad = reader("export", "--store", str(interchange.store), "--format", "json", "--brat-newlines", "lf")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--format brat" in bad.stderr


def test_brat_refuses_a_file_and_a_missing_output(interchange: Interchange, tmp_path: Path) -> None:
    file = tmp_path / "x.ann"
    file.write_text("keep")
    for args in (["--output", str(file)], []):
        done = reader(
            "export",
            "--store",
            str(interchange.store),
            "--corpus",
            str(interchange.corpus),
            "--format",
            "brat",
            *args,
        )
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert file.read_text() == "keep"
    full = tmp_path / "full"
    full.mkdir()
    (full / "mine.txt").write_text("mine")
    done = reader(
        "export",
        "--store",
        str(interchange.store),
        "--corpus",
        str(interchange.corpus),
        "--format",
        "brat",
        "--output",
        str(full),
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "new or empty" in done.stderr
    assert sorted(p.name for p in full.iterdir()) == ["mine.txt"]


# doccano


def check_doccano_record(record: dict[str, Any]) -> None:
    """The shape of doccano's sequence-labelling example (doccano/doccano: backend/data_export/pipeline/
    examples/sequence_labeling/example.jsonl; the import's default keys "text" and "label" are in
    backend/data_import/pipeline/readers.py): a string under "text", [start, end, label] lists (int,
    int, str) under "label"; doccano keeps any other key as the example's metadata."""
    assert isinstance(record["text"], str)
    for item in record["label"]:
        assert isinstance(item, list) and len(item) == 3
        start, end, label = item
        assert isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and 0 <= start < end


def test_doccano_one_file_has_one_record_per_document_and_annotator(
    interchange: Interchange, tmp_path: Path
) -> None:
    out = tmp_path / "doccano.jsonl"
    count, _ = export(interchange, "doccano", out)
    assert count == 10
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    seen: dict[str, set[Key]] = {}
    for record in records:
        check_doccano_record(record)
        assert {"document_id", "path", "annotator"} <= set(record)
        for start, end, label in record["label"]:
            # UTF-16 units, what doccano's annotator counts: JavaScript's slice gives the span back
            seen.setdefault(record["path"], set()).add(
                (record["annotator"], label, utf16_slice(record["text"], start, end))
            )
    assert len(records) == 4  # minsk: alice, bob, carol; second: alice
    assert seen == {path: keys(anns) for path, anns in stored(interchange).items()}
    bob = next(r for r in records if r["annotator"] == "bob")
    assert [6, 17, "claim"] in bob["label"]  # "🇧🇾 report": 9 code points, 11 UTF-16 units


def test_doccano_folder_has_one_file_per_annotator(interchange: Interchange, tmp_path: Path) -> None:
    out = tmp_path / "per-annotator"
    count, _ = export(interchange, "doccano", out, as_folder=True)
    assert count == 10
    assert sorted(p.name for p in out.iterdir()) == ["alice.jsonl", "bob.jsonl", "carol_o_neil.jsonl"]
    lines = (out / "alice.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["path"] for line in lines] == ["politics/minsk.txt", "second.txt"]


# CoNLL


def rebuild(conll: str, texts: dict[str, str]) -> dict[str, set[Key]]:
    """Every span from its B/I tags, its offsets found by walking the tokens through the text."""
    found: dict[str, set[Key]] = {}
    for block in conll.split("-DOCSTART-")[1:]:
        lines = block.split("\n")
        path = next(line.split(" = ", 1)[1] for line in lines if line.startswith("# path = "))
        found[path] = rebuild_document(lines, texts[path])
    return found


def rebuild_document(lines: list[str], text: str) -> set[Key]:
    columns = next(line for line in lines if line.startswith("# columns = ")).split(" = ", 1)[1].split("\t")
    at = 0
    open_spans: dict[int, tuple[int, int]] = {}
    spans: set[Key] = set()

    def close(col: int) -> None:
        s, e = open_spans.pop(col)
        annotator, label = columns[col].rsplit("/", 1)
        spans.add((annotator, label, text[s:e]))

    for line in lines:
        if not line or line.startswith(("#", "\t")):
            continue
        token, *tags = line.split("\t")
        start = text.index(token, at)
        assert not text[at:start].strip()  # only white space between tokens
        at = start + len(token)
        for col, tag in enumerate(tags, 1):
            if tag[:2] != "I-" and col in open_spans:
                close(col)
            if tag.startswith("B-"):
                open_spans[col] = (start, at)
            elif tag.startswith("I-"):
                open_spans[col] = (open_spans[col][0], at)
    for col in list(open_spans):
        close(col)
    return spans


def test_conll_spans_come_back_from_their_tags(interchange: Interchange, tmp_path: Path) -> None:
    out = tmp_path / "out.conll"
    count, report = export(interchange, "conll", out)
    texts = {
        "politics/minsk.txt": interchange.text,
        "second.txt": (interchange.corpus / "second.txt").read_text(),
    }
    found = rebuild(out.read_text(encoding="utf-8"), texts)
    expected = {path: keys(anns) for path, anns in stored(interchange).items()}
    dropped = {  # one BIO layer cannot hold a span that overlaps another of the same annotator and label
        ("alice", "claim", "on Tuesday.\r\nCafe\u0301 owners"),
        ("bob", "claim", "prices rose"),
    }
    assert found["politics/minsk.txt"] == expected["politics/minsk.txt"] - dropped
    assert found["second.txt"] == expected["second.txt"]
    assert (count, report.offered) == (8, 11)


def test_conll_tokens_keep_clusters_and_cut_at_span_boundaries() -> None:
    text = "Cafe\u0301 \U0001f1e7\U0001f1fe\u201cquoted\u201d"
    toks = [text[s:e] for s, e in conll_format.tokens(text)]
    assert toks == ["Cafe\u0301", "\U0001f1e7\U0001f1fe", "\u201c", "quoted", "\u201d"]
    assert [text[s:e] for s, e in conll_format.tokens(text, [2])] == ["Ca", "fe\u0301", *toks[1:]]


# Streaming, and what the others keep


def documents_with_text(ic: Interchange) -> list[ExportDocument]:
    from dataclasses import replace

    with Store.open(ic.store, annotator="reader-test") as store:
        docs = list(exporting.documents(store))
    return [replace(d, text=(ic.corpus / d.path).read_bytes().decode("utf-8")) for d in docs]


@pytest.mark.parametrize("fmt", ["doccano", "label-studio", "conll"])
def test_stream_formats_write_before_the_last_document_is_read(interchange: Interchange, fmt: str) -> None:
    out = io.StringIO()
    seen: list[int] = []

    def docs() -> Iterator[ExportDocument]:
        for doc in documents_with_text(interchange):
            seen.append(len(out.getvalue()))
            yield doc

    exporting.writer(fmt)(out, docs(), STAMP)
    assert len(seen) == 2 and seen[1] > seen[0], fmt


@pytest.mark.parametrize("fmt", ["brat", "doccano"])
def test_folder_formats_write_files_as_they_go(interchange: Interchange, tmp_path: Path, fmt: str) -> None:
    seen: list[int] = []
    folder = tmp_path / "out"
    folder.mkdir()

    def docs() -> Iterator[ExportDocument]:
        for doc in documents_with_text(interchange):
            seen.append(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()))
            yield doc

    exporting.folder_writer(fmt)(folder, docs(), STAMP)
    assert len(seen) == 2 and seen[1] > seen[0], fmt


def test_a_document_whose_text_is_gone_is_skipped_and_said(interchange: Interchange, tmp_path: Path) -> None:
    (interchange.corpus / "second.txt").unlink()
    out = tmp_path / "out.jsonl"
    done = reader(
        "export",
        "--store",
        str(interchange.store),
        "--corpus",
        str(interchange.corpus),
        "--format",
        "doccano",
        "--output",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "skipped 1 documents whose text is not in the corpus" in done.stderr
    assert {json.loads(line)["path"] for line in out.read_text().splitlines()} == {"politics/minsk.txt"}


def test_our_json_export_is_unchanged_by_the_text_lookup(interchange: Interchange, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export(interchange, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [list(d) for d in data["documents"]] == [
        ["id", "path", "title", "date", "annotations"],
        ["id", "path", "title", "date", "annotations", "orphans"],
    ]
