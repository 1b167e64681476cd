"""Import of our own exports: round trips, idempotence, matching, re-anchoring, and bad input."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations import DocumentRef, Store
from annotations import export as exporting
from annotations.importer import ImportFormatError, import_file, read_export

STAMP = "2026-11-23T14:00:00+00:00"


def ref(text: str, path: str) -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def export_text(store: Store, fmt: str) -> str:
    out = io.StringIO()
    exporting.writer(fmt)(out, exporting.documents(store), STAMP)
    return out.getvalue()


def without_stamp(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported")
    return data


def same_file(fmt: str, text: str) -> object:
    """What must be identical between two exports in `fmt` (w3c names each collection afresh)."""
    if fmt == "jsonl":
        return text
    data = json.loads(text)
    if fmt == "w3c":
        data["id"] = data["first"]["id"] = "a collection"
    return data


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


TEXT = "Minsk, Belarus\nThe minister said “we will not attack first.” Prices rose 5% in May.\nNobody knows.\n"


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Store, DocumentRef]:
    doc = ref(TEXT, "news/a.txt")
    store = Store.open(tmp_path / "one", annotator="alice")
    s = TEXT.index("“we")
    store.add(doc, "quote", s, TEXT.index("”") + 1, speaker="the minister", note="check")
    store.add(doc, "claim", s, TEXT.index("”") + 1)
    p = TEXT.index("Prices")
    store.add(doc, "fact", p, p + len("Prices rose 5% in May."))
    yield store, doc
    store.close()


# ---------------------------------------------------------------- round trips


labels = st.sampled_from(["claim", "quote", "fact"])
notes = st.text(max_size=12)
texts = st.text(min_size=3, max_size=120)
verdicts = st.none() | st.sampled_from(["true", "mostly false", "unproven", "Pants on Fire!", "ложь 🇧🇾"])
review_urls = st.none() | st.sampled_from(
    ["https://checks.example/r/1", "https://faktai.example/é?q=1&x=“2”"]
)


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), docs=st.lists(texts, min_size=1, max_size=3, unique=True))
def test_export_import_export_is_identical(tmp_path: Path, data: st.DataObject, docs: list[str]) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    corpus = [ref(text, f"dir{i}/doc {i}.txt") for i, text in enumerate(docs)]
    with Store.open(work / "a", annotator="alice") as alice, Store.open(work / "a", annotator="bob") as bob:
        alice.durable = bob.durable = False  # durability is tested elsewhere; this is about content
        for _ in range(data.draw(st.integers(0, 8), label="count")):
            doc = data.draw(st.sampled_from(corpus), label="doc")
            start = data.draw(st.integers(0, len(doc.text) - 1), label="start")
            end = data.draw(st.integers(start + 1, len(doc.text)), label="end")
            who = data.draw(st.sampled_from([alice, bob]), label="who")
            speaker = data.draw(st.none() | st.text(max_size=8), label="speaker")
            added = who.add(doc, data.draw(labels), start, end, note=data.draw(notes), speaker=speaker)
            verdict, url = data.draw(verdicts, label="verdict"), data.draw(review_urls, label="url")
            if verdict or url:  # a verdict (with when it was set), a review URL, or both
                who.update(doc, added.id, verdict=verdict, review_url=url)
        first = export_text(alice, "json")
        w3c = export_text(alice, "w3c")
        jsonl = export_text(alice, "jsonl")
    for fmt, content in (("json", first), ("w3c", w3c), ("jsonl", jsonl)):
        file = work / f"export.{fmt}"
        file.write_text(content, encoding="utf-8")
        with Store.open(work / f"from-{fmt}", annotator="carol") as fresh:
            fresh.durable = False
            report = import_file(fresh, file, corpus)
            assert report.format == fmt and report.orphans == () and report.skipped == 0
            assert same_file(fmt, export_text(fresh, fmt)) == same_file(fmt, content)  # verdicts too
            assert without_stamp(export_text(fresh, "json")) == without_stamp(first), fmt


def test_importing_twice_changes_nothing(tmp_path: Path, filled: tuple[Store, DocumentRef]) -> None:
    store, doc = filled
    file = tmp_path / "e.json"
    file.write_text(export_text(store, "json"))
    with Store.open(tmp_path / "two") as target:
        first = import_file(target, file, [doc])
        assert (first.added, first.skipped) == (3, 0)
        before = snapshot(tmp_path / "two")
        second = import_file(target, file, [doc])
        assert (second.added, second.skipped) == (0, 3)
        assert snapshot(tmp_path / "two") == before
    # importing into the store it came from is also a no-op
    before = snapshot(tmp_path / "one")
    assert import_file(store, file, [doc]).added == 0
    assert snapshot(tmp_path / "one") == before


def test_documents_match_by_id_then_by_path_and_reanchor(
    tmp_path: Path, filled: tuple[Store, DocumentRef]
) -> None:
    store, doc = filled
    file = tmp_path / "e.jsonl"
    file.write_text(export_text(store, "jsonl"))
    # the same text under another path: matched by id, takes the corpus path
    moved = ref(TEXT, "elsewhere/renamed.txt")
    with Store.open(tmp_path / "moved") as target:
        import_file(target, file, [moved])
        assert {a.path for a in target.annotations(doc.id)} == {"elsewhere/renamed.txt"}
    # same path, changed text: matched by path, re-anchored by text, the lost quote kept as orphan
    changed_text = (
        "UPDATED\nMinsk, Belarus\nThe ministry said nothing. Prices rose 5% in May.\nNobody knows.\n"
    )
    changed = ref(changed_text, "news/a.txt")
    with Store.open(tmp_path / "changed") as target:
        report = import_file(target, file, [changed])
        assert report.reanchored == 1 and len(report.orphans) == 2
        anns = target.annotations(changed.id)
        fact = next(a for a in anns if a.label == "fact")
        assert changed_text[fact.start : fact.end] == "Prices rose 5% in May." and not fact.orphan
        assert sorted(a.label for a in anns if a.orphan) == ["claim", "quote"]
        assert target.summary()[changed.id].orphans == 2
        again = import_file(target, file, [changed])
        assert again.added == 0


def test_documents_missing_from_the_corpus_are_kept_as_exported(tmp_path: Path, filled) -> None:
    store, _ = filled
    file = tmp_path / "e.json"
    file.write_text(export_text(store, "json"))
    with Store.open(tmp_path / "nocorpus") as target:
        report = import_file(target, file, [])
        assert report.unverified == 3 and report.added == 3
        assert without_stamp(export_text(target, "json")) == without_stamp(file.read_text())


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("not json at all", ":1:1: not JSON"),
        ('{"format": "reader.annotations", "version": 1,\n "documents": [}', ":2:"),
        (
            '{"format": "reader.annotations", "version": 7, "documents": []}',
            "$.version: unsupported version 7",
        ),
        ('{"format": "something.else", "version": 1}', "$.format: unknown format"),
        ('{"format": "reader.annotations", "version": 1}', "$.documents: missing"),
        ("[1, 2, 3]", "$: not a reader export"),
    ],
)
def test_bad_input_gets_a_one_line_error_that_says_where(tmp_path: Path, content: str, where: str) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content)
    with pytest.raises(ImportFormatError) as info:
        read_export(file)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(file)) and where in message


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("verdict", 3, "expected str or null, got int"),
        ("verdict", "false\x1b[2J", "control or invisible character"),
        ("review_url", ["https://x.example"], "expected str or null, got list"),
        ("reviewed", "yesterday", "not an ISO 8601 date-time"),
    ],
)
def test_a_bad_verdict_field_is_located(
    tmp_path: Path, filled: tuple[Store, DocumentRef], field: str, value: object, said: str
) -> None:
    store, _ = filled
    data = json.loads(export_text(store, "json"))
    data["documents"][0]["annotations"][1][field] = value
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data))
    with pytest.raises(ImportFormatError) as info:
        read_export(file)
    assert f"$.documents[0].annotations[1].{field}: " in str(info.value) and said in str(info.value)


def test_a_bad_annotation_deep_inside_is_located_and_nothing_is_written(
    tmp_path: Path, filled: tuple[Store, DocumentRef]
) -> None:
    store, doc = filled
    data = json.loads(export_text(store, "json"))
    data["documents"][0]["annotations"][2]["end"] = "twelve"
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data))
    with Store.open(tmp_path / "target") as target:
        before = snapshot(tmp_path / "target")
        with pytest.raises(
            ImportFormatError, match=r"\$\.documents\[0\]\.annotations\[2\]\.end: expected int"
        ):
            import_file(target, file, [doc])
        assert snapshot(tmp_path / "target") == before


def test_a_bad_jsonl_line_is_located_by_line_number(
    tmp_path: Path, filled: tuple[Store, DocumentRef]
) -> None:
    store, _ = filled
    lines = export_text(store, "jsonl").splitlines()
    lines[2] = lines[2].replace('"label": "', '"labelx": "')
    file = tmp_path / "bad.jsonl"
    file.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFormatError, match=r"bad\.jsonl:3\.label: missing"):
        read_export(file)
    lines[2] = "{oops"
    file.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFormatError, match=r"bad\.jsonl:3:2: not JSON"):
        read_export(file)


def test_text_that_does_not_fit_its_span_is_rejected(
    tmp_path: Path, filled: tuple[Store, DocumentRef]
) -> None:
    store, _ = filled
    data = json.loads(export_text(store, "json"))
    data["documents"][0]["annotations"][0]["text"] += "x"
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data))
    with pytest.raises(ImportFormatError, match=r"annotations\[0\]\.text: its length"):
        read_export(file)


def test_an_empty_jsonl_export_imports_nothing(tmp_path: Path) -> None:
    file = tmp_path / "empty.jsonl"
    file.write_text("")
    with Store.open(tmp_path / "s") as s:
        assert import_file(s, file, []).added == 0


def test_line_separators_inside_jsonl_strings_survive(tmp_path: Path) -> None:
    text = "Before\u2028after the line separator, and a quote here.\n"
    doc = ref(text, "ls.txt")
    with Store.open(tmp_path / "s") as s:
        s.add(doc, "claim", 0, len(text) - 1, note="note\u2029with paragraph separator")
        file = tmp_path / "e.jsonl"
        file.write_text(export_text(s, "jsonl"), encoding="utf-8")
    fmt, parsed = read_export(file)
    assert fmt == "jsonl" and parsed[0].annotations[0].note == "note\u2029with paragraph separator"


def test_annotations_without_annotator_take_the_importers(
    tmp_path: Path, filled: tuple[Store, DocumentRef]
) -> None:
    store, doc = filled
    data = json.loads(export_text(store, "json"))
    for a in data["documents"][0]["annotations"]:
        a["annotator"] = ""
    file = tmp_path / "anon.json"
    file.write_text(json.dumps(data))
    with Store.open(tmp_path / "t", annotator="dave") as target:
        import_file(target, file, [doc])
        assert {a.annotator for a in target.annotations(doc.id)} == {"dave"}


def test_a_lone_surrogate_survives_the_round_trip_as_valid_utf8(tmp_path: Path) -> None:
    text = "Broken \udc80 byte in a saved page, and a quote.\n"
    doc = DocumentRef(
        "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), "b.txt", text
    )
    with Store.open(tmp_path / "s") as s:
        s.add(doc, "claim", 0, 13)
        for fmt in ("json", "jsonl", "w3c", "csv"):
            out = export_text(s, fmt)
            out.encode("utf-8")  # valid UTF-8: no lone surrogate written raw
        file = tmp_path / "e.json"
        file.write_text(export_text(s, "json"), encoding="utf-8")
    with Store.open(tmp_path / "t") as t:
        import_file(t, file, [doc])
        assert t.annotations(doc.id)[0].text == "Broken \udc80 byte"
