"""The quick readings of Label Studio and doccano files, the pass-two spool, and where bad input is named.

A well-formed task or line is read without building location strings; anything out of the ordinary
goes to the careful reading. The property: both readings give the same document, or the same error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations import Store
from annotations.importer import ImportFormatError
from annotations.imports import doccano, documents, label_studio, sortedruns
from annotations.imports.offsets import CODEPOINTS, UTF16
from annotations.imports.pipeline import Lookup, annotations_of, spooled, survey
from annotations.imports.records import ForeignDocument, Span
from annotations.imports.spool import Spool
from annotations.model import _FIELDS, _PLAIN_FIELDS, Annotation

TEXT = "Minsk 🇧🇾 report\r\nThe minister said “no”. Cafe\u0301 owners agreed.\r\n"

# values a careless or hostile exporter writes where an offset, a label or an object belongs
odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, len(TEXT) + 3),
    st.sampled_from(["", " ", "claim", "7"]),
    st.just([]),
    st.just({}),
)
offset = st.one_of(st.integers(0, len(TEXT) + 2), odd)
label = st.one_of(st.sampled_from(["claim", "quote", "fact"]), odd)


def outcome(read: Any, *args: Any) -> Any:
    try:
        doc = read(*args)
    except ImportFormatError as exc:
        return ("error", str(exc))
    return (doc.where, doc.text, doc.path, doc.skipped, list(doc.spans))


@st.composite
def ls_tasks(draw: st.DrawFn) -> Any:
    def result() -> Any:
        start = draw(offset)
        end = draw(st.one_of(offset, st.just(start + 5 if isinstance(start, int) else 5)))
        quote = draw(st.one_of(st.none(), st.just("x"), st.integers(0, 3)))
        if quote is None and isinstance(start, int) and isinstance(end, int) and draw(st.booleans()):
            quote = TEXT[start:end]  # a quote that matches, or an empty one
        value = {"start": start, "end": end, "text": quote, "labels": draw(st.lists(label, max_size=2))}
        item = {"id": draw(st.sampled_from(["r1", "r2", 4, "0123456789abcdef0123456789abcdef"]))}
        item["type"] = draw(st.sampled_from(["labels", "labels", "textarea", "choices", None, 3]))
        item["value"] = draw(st.one_of(st.just(value), odd)) if draw(st.integers(0, 9)) == 0 else value
        return draw(st.one_of(st.just(item), odd)) if draw(st.integers(0, 9)) == 0 else item

    annotations = [
        {
            "completed_by": draw(st.sampled_from([1, {"email": "a@x.org"}, None])),
            "was_cancelled": draw(st.sampled_from([False, True, None])),
            "result": [result() for _ in range(draw(st.integers(0, 3)))],
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    task: dict[str, Any] = {"data": {"text": TEXT}, "annotations": annotations}
    if draw(st.integers(0, 9)) == 0:
        task["annotations"] = draw(odd)
    return task


@settings(max_examples=200, deadline=None)
@given(task=ls_tasks(), unit=st.sampled_from([CODEPOINTS, UTF16]))
def test_label_studio_quick_reading_agrees_with_the_careful_one(task: Any, unit: str) -> None:
    quick = outcome(label_studio.document, "f.json: $[3]", task, unit)
    careful = outcome(label_studio.checked_document, "f.json: $[3]", task, unit)
    assert quick == careful


@st.composite
def doccano_lines(draw: st.DrawFn) -> Any:
    def item() -> Any:
        start, end, lab = draw(offset), draw(offset), draw(label)
        shape = draw(st.sampled_from(["list", "list", "dict", "short", "str", "odd"]))
        if shape == "list":
            return [start, end, lab]
        if shape == "dict":
            return {"start_offset": start, "end_offset": end, "label": lab}
        if shape == "short":
            return [start, end]
        return "a category" if shape == "str" else draw(odd)

    record: dict[str, Any] = {"text": draw(st.sampled_from([TEXT, TEXT, 5, None]))}
    for key in draw(st.lists(st.sampled_from(doccano.SPAN_KEYS), max_size=2, unique=True)):
        record[key] = [item() for _ in range(draw(st.integers(0, 4)))] if draw(st.integers(0, 9)) else 7
    if draw(st.booleans()):
        record["annotator"] = draw(st.sampled_from(["dora", "", None, 3]))
    if draw(st.booleans()):
        record["path"] = draw(st.sampled_from(["a.txt", "", None, []]))
    return record


@settings(max_examples=200, deadline=None)
@given(record=doccano_lines(), unit=st.sampled_from([CODEPOINTS, UTF16]))
def test_doccano_quick_reading_agrees_with_the_careful_one(record: Any, unit: str) -> None:
    quick = outcome(doccano.document, "d.jsonl:9", record, unit)
    careful = outcome(doccano.checked_document, "d.jsonl:9", record, unit)
    assert quick == careful


# ---------------------------------------------------------------- the CLI: a bad item deep in a file


def reader(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def texts(n: int) -> list[str]:
    return [f"Article {i} 🇧🇾\r\nThe minister said “no”. Officials agreed.\r\n" for i in range(n)]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(texts(300)):
        (folder / f"a{i:03d}.txt").write_bytes(text.encode("utf-8"))
    return folder


def ls_file(path: Path, bad: tuple[int, int, int] | None = None) -> None:
    tasks = []
    for i, text in enumerate(texts(300)):
        anns = []
        for k in range(2):
            result = []
            for j in range(40):
                s = text.index("The")
                e = s + 1 + (j + k) % 10
                value: dict[str, Any] = {"start": s, "end": e, "text": text[s:e], "labels": ["claim"]}
                if bad == (i, k, j):
                    value["end"] = "twelve"
                result.append({"id": f"r{j}", "type": "labels", "value": value})
            anns.append({"completed_by": {"email": f"user{k}@x.org"}, "result": result})
        tasks.append({"data": {"text": text}, "annotations": anns})
    path.write_text("[\n" + ",\n".join(json.dumps(t, ensure_ascii=False) for t in tasks) + "\n]\n", "utf-8")


def doccano_file(path: Path, bad: tuple[int, int] | None = None) -> None:
    lines = []
    for i, text in enumerate(texts(300)):
        s = text.index("The")
        labels: list[Any] = [[s + 2, s + 3 + j, "claim"] for j in range(12)]  # after the flag: +1 UTF-16
        if bad is not None and bad[0] == i:
            labels[bad[1]] = [s + 2, s + 3, ""]
        lines.append(json.dumps({"text": text, "label": labels}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "write", "where"),
    [
        ("ls.json", lambda p: ls_file(p, (250, 1, 37)), ": $[250].annotations[1].result[37].value.end"),
        ("d.jsonl", lambda p: doccano_file(p, (271, 7)), "d.jsonl:272: $.label[7]"),
    ],
)
def test_a_bad_item_deep_in_a_file_is_named_and_nothing_is_written(
    tmp_path: Path, corpus: Path, name: str, write: Any, where: str
) -> None:
    store = tmp_path / "store"
    Store.open(store).close()
    before = snapshot(store)
    source = tmp_path / name
    write(source)
    result = reader("import", str(source), "--store", str(store), "--corpus", str(corpus))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert where in line, line
    assert snapshot(store) == before


def test_an_import_through_the_spool_leaves_nothing_behind(tmp_path: Path, corpus: Path) -> None:
    source = tmp_path / "ls.json"
    ls_file(source)
    spool_dir = tmp_path / "tmp"
    spool_dir.mkdir()
    store = tmp_path / "store"
    args = ("import", str(source), "--corpus", str(corpus), "--json", "--store", str(store))
    first = reader(*args, TMPDIR=str(spool_dir))
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["added"] == 300 * 2 * 10  # ten distinct spans per annotator
    assert list(spool_dir.iterdir()) == []  # the spool went with the import
    with Store.open(store) as s:
        [a000] = [d for d in s.document_ids() if s.annotations(d)[0].path == "a000.txt"]
        assert len(s.annotations(a000)) == 20


def test_a_spool_on_a_full_disk_is_dropped_and_the_file_read_again(tmp_path: Path) -> None:
    """/dev/full fails every write with ENOSPC, as a full disk does: the spool gives up (pass two
    then reads the file again) and pass one's figures are the same."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system to stand for a full disk")
    source = tmp_path / "d.jsonl"
    doccano_file(source)
    with Spool() as spool:
        assert spool.complete
        spool.close()
        spool._file = open("/dev/full", "w+b")  # noqa: SIM115 (the spool closes it)
        full = survey(documents("doccano", source), Lookup([]), spool)
        assert not spool.complete
    plain = survey(documents("doccano", source), Lookup([]))
    assert (full.documents, full.spans, full.units) == (plain.documents, plain.spans, plain.units)
    assert full.spans == 300 * 12


def test_sorted_hashes_on_a_full_disk_stay_in_memory() -> None:
    runs = sortedruns.SortedRuns()
    runs._file = open("/dev/full", "w+b")  # noqa: SIM115 (closed below)
    values = list(range(sortedruns.RUN * 2 + 3, 0, -1))
    runs.extend(values)
    assert not runs._disk and list(runs) == sorted(values)
    runs.close()


def kept(store: Store, doc: str) -> list[tuple]:
    """What an import keeps of each annotation, but the time it was made (the import's own time)."""
    return sorted(
        tuple(v for k, v in x.to_json().items() if k not in ("created", "modified"))
        for x in store.annotations(doc)
    )


def test_the_spool_gives_back_what_pass_one_read(tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl"
    doccano_file(source)
    with Spool() as spool:
        survey(documents("doccano", source), Lookup([]), spool)
        again = [(d.where, d.text, d.path, d.skipped, d.id, d.spans) for d in spooled(spool)]
    read = [(d.where, d.text, d.path, d.skipped, d.id, d.spans) for d in documents("doccano", source)]
    assert again == read and len(read) == 300


def test_to_json_keeps_the_field_order() -> None:
    plain = Annotation("i", "d", "p", "claim", 0, 3, "abc", "", "", annotator="a")
    assert tuple(plain.to_json()) == _PLAIN_FIELDS
    assert plain.to_json() == {name: getattr(plain, name) for name in _PLAIN_FIELDS}
    judged = Annotation("i", "d", "p", "claim", 0, 3, "abc", "", "", verdict="false")
    assert tuple(judged.to_json()) == _FIELDS


def test_derived_ids_and_fields_are_those_earlier_versions_wrote() -> None:
    """A store imported by an earlier version finds the same file's annotations present: the ids
    derived from (document, annotator, span, label) are pinned here (computed by the code before the
    positional rewrite of annotations_of)."""
    doc = ForeignDocument(
        "w",
        "Minsk 🇧🇾 report\r\nThe minister said “no”.",
        "a.txt",
        [Span("claim", 18, 35, "ann"), Span("fact", 1, 3, "", orphan="xyz")],
    )
    claim, orphan = annotations_of(doc, "bob", "2026-01-01T00:00:00.000000+00:00")
    assert claim.id == "2430b211638fc1d03435ee0d7ec2f569" and orphan.id == "fb63d1734ec7216029ac6e52947adf0b"
    assert (claim.text, claim.prefix, claim.suffix, claim.annotator) == (
        "he minister said ",
        "Minsk 🇧🇾 report\r\nT",
        "“no”.",
        "ann",
    )
    assert (orphan.text, orphan.prefix, orphan.orphan, orphan.annotator, orphan.path) == (
        "xyz",
        "M",
        True,
        "bob",
        "a.txt",
    )
    assert claim.created == claim.modified == "2026-01-01T00:00:00.000000+00:00"
