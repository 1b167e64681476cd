"""`reader import` of doccano, Label Studio, Prodigy and brat files: real files, real processes.

The article has CRLF line ends, an astral flag (🇧🇾: two code points, four UTF-16 units), curly
quotes and a combining accent, so every way of counting offsets gives a different number.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations import Store
from annotations.imports import documents
from annotations.imports.records import text_id
from annotations.imports.streaming import json_array
from reader.text.corpus import read_document
from reader.text.document import document_id

TEXT = (
    "Minsk 🇧🇾 report\r\n"
    "The minister said “we will not attack first.” Cafe\u0301 owners agreed.\r\n"
    "Nobody knows.\r\n"
)
QUOTE = (TEXT.index("“we"), TEXT.index("”") + 1)
CAFE = (TEXT.index("Cafe"), TEXT.index("Cafe") + len("Cafe\u0301"))
NOBODY = (TEXT.index("Nobody"), TEXT.index("Nobody") + len("Nobody"))


def u16(i: int) -> int:
    return len(TEXT[:i].encode("utf-16-le")) // 2


def reader(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "minsk.txt").write_bytes(TEXT.encode("utf-8"))
    return folder


def stored(store: Path) -> list[tuple[str, int, int, str, str, str]]:
    with Store.open(store) as s:
        out = []
        for document in s.document_ids():
            for a in s.annotations(document):
                assert a.text == TEXT[a.start : a.end]
                out.append((a.label, a.start, a.end, a.text, a.annotator, a.note))
    return sorted(out)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def imported(tmp_path: Path, corpus: Path, source: Path, *extra: str) -> list[tuple]:
    store = tmp_path / "store"
    first = reader("import", str(source), "--store", str(store), "--corpus", str(corpus), *extra)
    assert first.returncode == 0, first.stderr
    before = snapshot(store)
    again = reader("import", str(source), "--store", str(store), "--corpus", str(corpus), *extra)
    assert again.returncode == 0, again.stderr
    assert "imported 0 annotations" in again.stdout
    assert snapshot(store) == before  # importing twice changes nothing
    return stored(store)


def span(label: str, where: tuple[int, int], who: str, note: str = "") -> tuple:
    return (label, where[0], where[1], TEXT[where[0] : where[1]], who, note)


def doccano_line(text: str, labels: list, **extra: object) -> str:
    return json.dumps({"text": text, "label": labels, **extra}, ensure_ascii=False) + "\n"


def ls_task(text: str, annotations: list, **extra: object) -> dict:
    return {"data": {"text": text}, "annotations": annotations, **extra}


def ls_result(start: int, end: int, text: str, labels: list[str], rid: str = "r") -> dict:
    value = {"start": start, "end": end, "text": text, "labels": labels}
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


# ---------------------------------------------------------------- each format through the CLI


def test_doccano_utf16_offsets_and_the_annotator_field(tmp_path: Path, corpus: Path) -> None:
    source = tmp_path / "doccano.jsonl"
    labels = [[u16(QUOTE[0]), u16(QUOTE[1]), "quote"], [u16(CAFE[0]), u16(CAFE[1]), "fact"]]
    source.write_text(
        doccano_line(TEXT, labels, annotator="dora")
        + doccano_line(TEXT, [[u16(NOBODY[0]), u16(NOBODY[1]), "claim"]]),
        encoding="utf-8",
    )
    assert imported(tmp_path, corpus, source, "--annotator", "zed") == sorted(
        [span("quote", QUOTE, "dora"), span("fact", CAFE, "dora"), span("claim", NOBODY, "zed")]
    )


def test_label_studio_both_units_notes_annotators_and_skipped_predictions(
    tmp_path: Path, corpus: Path
) -> None:
    q = QUOTE
    old = ls_result(
        u16(q[0]), u16(q[1]), TEXT[q[0] : q[1]], ["quote", "claim"], "r1"
    )  # an old release: UTF-16
    new = ls_result(CAFE[0], CAFE[1], TEXT[CAFE[0] : CAFE[1]], ["fact"], "r2")  # a newer one: code points
    note = {"id": "r1", "from_name": "c", "to_name": "text", "type": "textarea", "value": {"text": ["check"]}}
    tasks = [
        ls_task(
            TEXT,
            [
                {"completed_by": {"id": 3, "email": "lee@example.org"}, "result": [old, note, new]},
                {"completed_by": 7, "result": [ls_result(NOBODY[0], NOBODY[1], "Nobody", ["claim"])]},
                {"completed_by": 8, "was_cancelled": True, "result": [ls_result(0, 5, "Minsk", ["claim"])]},
            ],
            predictions=[{"result": [ls_result(0, 5, "Minsk", ["fact"])]}],
        )
    ]
    source = tmp_path / "ls.json"
    source.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    assert imported(tmp_path, corpus, source) == sorted(
        [
            span("quote", QUOTE, "lee@example.org", "check"),
            span("claim", QUOTE, "lee@example.org", "check"),
            span("fact", CAFE, "lee@example.org"),
            span("claim", NOBODY, "label-studio:7"),
        ]
    )


def test_label_studio_with_crlf_counted_as_one(tmp_path: Path, corpus: Path) -> None:
    lf = TEXT.replace("\r\n", "\n")  # what a browser may count in
    s = lf.index("Nobody")
    source = tmp_path / "ls.json"
    task = ls_task(TEXT, [{"completed_by": 1, "result": [ls_result(s + 4, s + 10, "Nobody", ["claim"])]}])
    source.write_text(json.dumps([task]), encoding="utf-8")  # +4: the flag's two extra UTF-16 units
    assert imported(tmp_path, corpus, source) == [span("claim", NOBODY, "label-studio:1")]


def test_prodigy_accepted_only(tmp_path: Path, corpus: Path) -> None:
    source = tmp_path / "prodigy.jsonl"
    accepted = {
        "text": TEXT,
        "spans": [{"start": CAFE[0], "end": CAFE[1], "label": "fact"}],
        "answer": "accept",
    }
    rejected = {"text": TEXT, "spans": [{"start": 0, "end": 5, "label": "fact"}], "answer": "reject"}
    lines = [dict(accepted, _annotator_id="news-ann"), dict(rejected, _annotator_id="news-ann")]
    source.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    assert imported(tmp_path, corpus, source) == [span("fact", CAFE, "news-ann")]


def test_brat_folder_discontinuous_spans_and_notes(tmp_path: Path, corpus: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "minsk.txt").write_bytes(TEXT.encode("utf-8"))
    q, c, n = QUOTE, CAFE, NOBODY
    cafe = f"{c[0]} {c[0] + 4};{c[0] + 4} {c[1]}"  # a whitespace-free gap: one span
    split = f"{n[0]} {n[1]};{q[0]} {q[0] + 3}"  # a gap with words in it: two spans
    (folder / "minsk.bob.ann").write_text(
        f"T1\tquote {q[0]} {q[1]}\t{TEXT[q[0] : q[1]]}\n"
        f"T2\tfact {cafe}\tCafe \u0301\n"
        f"T3\tclaim {split}\tNobody “we\n"
        "#1\tAnnotatorNotes T1\tcheck the speaker\n"
        "R1\tCites Arg1:T1 Arg2:T2\n",
        encoding="utf-8",
    )
    (folder / "minsk.ann").write_text(f"T1\tfact {u16(c[0])} {u16(c[1])}\tCafe\u0301\n", encoding="utf-8")
    assert imported(tmp_path, corpus, folder, "--annotator", "zed") == sorted(
        [
            span("quote", q, "bob", "check the speaker"),
            span("fact", c, "bob"),
            span("claim", n, "bob"),
            span("claim", (q[0], q[0] + 3), "bob"),
            span("fact", c, "zed"),  # read as UTF-16: code points would not give back its text
        ]
    )


# ---------------------------------------------------------------- documents the corpus lacks, bad input


def test_a_text_not_in_the_corpus_needs_into(tmp_path: Path, corpus: Path) -> None:
    other = "Another article, “quoted”.\r\n"
    source = tmp_path / "d.jsonl"
    source.write_text(doccano_line(other, [[17, 25, "quote"]], path="news/other.txt"), encoding="utf-8")
    store = tmp_path / "store"
    refused = reader("import", str(source), "--store", str(store), "--corpus", str(corpus))
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1 and "--into" in refused.stderr
    assert "news/other.txt" in refused.stderr and not store.exists()

    into = tmp_path / "into"
    (into / "news").mkdir(parents=True)
    (into / "news" / "other.txt").write_text("someone else's file", encoding="utf-8")
    args = ("import", str(source), "--store", str(store), "--corpus", str(corpus), "--into", str(into))
    assert reader(*args).returncode == 0
    assert (into / "news" / "other.txt").read_text(encoding="utf-8") == "someone else's file"  # kept
    [written] = [p for p in (into / "news").iterdir() if p.name != "other.txt"]
    assert read_document(written).id == document_id(other) == text_id(other)
    files = snapshot(into)
    assert "imported 0 annotations" in reader(*args).stdout and snapshot(into) == files
    with Store.open(store) as s:
        [a] = s.annotations(document_id(other))
    assert (a.text, a.path) == ("“quoted”", f"news/{written.name}")


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        (
            "d.jsonl",
            doccano_line(TEXT, [[0, 5, "claim"]]) + '{"text": "x", "label": [[0, 9, "claim"]]}\n',
            ":2: $.label[0]",
        ),
        ("d.jsonl", doccano_line(TEXT, [[0, 5, "claim"]]) + '{"text": "x", "label": [[0, 1\n', ":2:"),
        (
            "ls.json",
            json.dumps([ls_task(TEXT, [{"result": [{"type": "labels", "value": {"start": 0}}]}])]),
            "$[0]",
        ),
        ("ls.json", '[{"data": {"text": "abc"}},\n{"data": ', "ls.json:2:"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_store_alone(
    tmp_path: Path, corpus: Path, name: str, content: str, where: str
) -> None:
    store = tmp_path / "store"
    Store.open(store).close()
    before = snapshot(store)
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = reader("import", str(source), "--store", str(store), "--corpus", str(corpus))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and where in result.stderr, result.stderr
    assert snapshot(store) == before


def test_bad_brat_line_names_its_line(tmp_path: Path, corpus: Path) -> None:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "minsk.txt").write_bytes(TEXT.encode("utf-8"))
    (folder / "minsk.ann").write_text("T1\tclaim 0 5\tMinsk\nT2\tclaim five 9\tx\n", encoding="utf-8")
    result = reader("import", str(folder), "--store", str(tmp_path / "store"), "--corpus", str(corpus))
    assert result.returncode == 2 and "minsk.ann:2:" in result.stderr
    assert not (tmp_path / "store").exists()


# ---------------------------------------------------------------- streaming


def test_label_studio_tasks_are_read_before_the_rest_is_written(tmp_path: Path) -> None:
    pipe = tmp_path / "tasks.json"
    os.mkfifo(pipe)
    first_read = threading.Event()
    waited: list[bool] = []

    def write() -> None:
        with open(pipe, "w", encoding="utf-8") as out:
            out.write("[" + json.dumps(ls_task(TEXT, [])) + ",\n")
            out.flush()
            waited.append(first_read.wait(20))  # the reader must get task 0 while the array is open
            out.write(json.dumps(ls_task("second", [])) + "]")

    writer = threading.Thread(target=write)
    writer.start()
    seen = []
    for index, task in json_array(pipe):
        seen.append(task["data"]["text"])
        if index == 0:
            first_read.set()
    writer.join()
    assert waited == [True] and seen == [TEXT, "second"]


# ---------------------------------------------------------------- property: our writers' spans come back


astral_text = st.text(
    alphabet=st.sampled_from([*"ab \r\n“”e\u0301", "🇧", "🇾", "😀"]), min_size=1, max_size=40
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), text=astral_text)
def test_written_spans_come_back(tmp_path: Path, data: st.DataObject, text: str) -> None:
    spans = data.draw(
        st.lists(
            st.tuples(
                st.integers(0, len(text) - 1), st.integers(1, len(text)), st.sampled_from(["claim", "fact"])
            )
            .map(lambda t: (min(t[0], t[1] - 1), t[1], t[2]))
            .filter(lambda t: t[0] < t[1]),
            max_size=5,
        )
    )

    def units(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    work = Path(tempfile.mkdtemp(dir=tmp_path))
    doccano = work / "d.jsonl"
    doccano.write_text(
        doccano_line(text, [[units(s), units(e), lab] for s, e, lab in spans]), encoding="utf-8"
    )
    utf16 = data.draw(st.booleans(), label="label studio counts UTF-16")
    result = [
        ls_result(units(s) if utf16 else s, units(e) if utf16 else e, text[s:e], [lab]) for s, e, lab in spans
    ]
    ls = work / "ls.json"
    ls.write_text(json.dumps([ls_task(text, [{"completed_by": 1, "result": result}])]), encoding="utf-8")
    for fmt, path in (("doccano", doccano), ("label-studio", ls)):
        [doc] = list(documents(fmt, path))
        got = [(sp.start, sp.end, sp.label) for sp in doc.spans]
        if fmt == "doccano":
            assert got == spans
        else:  # a span is checked by its text: an equal text elsewhere is not wrong, an orphan is
            assert all(
                sp.orphan is None and text[sp.start : sp.end] == text[s:e]
                for sp, (s, e, _) in zip(doc.spans, spans, strict=True)
            )
            assert [g for g, w in zip(got, spans, strict=True) if g != w] == [
                g
                for g, (s, e, lab) in zip(got, spans, strict=True)
                if (g[0], g[1]) != (s, e) and text[g[0] : g[1]] == text[s:e]
            ]
