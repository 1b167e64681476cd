"""The four export formats: exact JSON shape and schema, JSON Lines, CSV safety, W3C validity, streaming."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from annotations import DocumentRef, Store
from annotations import export as exporting
from annotations.export import ExportDocument, Selection, atomic_output
from annotations.model import EXPORT_FIELDS

SCHEMA = Path(exporting.__file__).resolve().parent.parent / "schema" / "reader.annotations.v1.schema.json"

TEXT_A = (
    "Headline about tariffs\n"
    "=cmd|' /C calc'!A0 is not a formula here.\n"
    'He said "we will win, no matter what", and left.\n'
    "+1 555 0100 was the hotline. @handle posted it.\n"
)
TEXT_B = "Second article.\nThe quote that will disappear from this text.\nMore text follows here.\n"


def ref(text: str, path: str) -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def span(text: str, needle: str) -> tuple[int, int]:
    s = text.index(needle)
    return s, s + len(needle)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "store", annotator="alice") as s:
        a, b = ref(TEXT_A, "a.txt"), ref(TEXT_B, "sub/b.txt")
        s.add(a, "claim", *span(TEXT_A, "=cmd|' /C calc'!A0 is not a formula here."), note="-2+3")
        s.add(a, "quote", *span(TEXT_A, '"we will win, no matter what"'), speaker="He", note='line1\n"line2"')
        s.add(a, "fact", *span(TEXT_A, "+1 555 0100 was the hotline."), note="@mention")
        s.add(b, "quote", *span(TEXT_B, "The quote that will disappear from this text."))
        s.add(b, "fact", *span(TEXT_B, "More text follows here."))
        s.attach(ref("Second article.\nSomething else now.\nMore text follows here.\n", "sub/b.txt"))
        yield s


def export(store: Store, fmt: str, select: Selection | None = None) -> str:
    out = io.StringIO(newline="" if fmt == "csv" else None)
    meta = {"a.txt": ("Headline about tariffs", "2026-01-13")}
    exporting.writer(fmt)(
        out,
        exporting.documents(
            store, select=select or Selection(), metadata=lambda i, p: meta.get(p, (None, None))
        ),
        "2026-11-23T14:00:00+00:00",
    )
    return out.getvalue()


def test_json_has_exactly_the_documented_shape_and_validates(store: Store) -> None:
    data = json.loads(export(store, "json"))
    assert list(data) == ["format", "version", "exported", "documents"]
    assert (data["format"], data["version"]) == ("reader.annotations", 1)
    docs = {d["path"]: d for d in data["documents"]}
    assert list(docs) == ["a.txt", "sub/b.txt"]  # ordered by path
    a = docs["a.txt"]
    assert list(a) == ["id", "path", "title", "date", "annotations"]
    assert (a["title"], a["date"]) == ("Headline about tariffs", "2026-01-13")
    for ann in a["annotations"]:
        assert tuple(ann) == EXPORT_FIELDS
        assert TEXT_A[ann["start"] : ann["end"]] == ann["text"]
    b = docs["sub/b.txt"]
    assert (b["title"], b["date"]) == (None, None)
    assert [x["label"] for x in b["annotations"]] == ["fact"]
    assert [x["text"] for x in b["orphans"]] == ["The quote that will disappear from this text."]
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(data)) == []


def test_the_schema_rejects_what_is_not_the_format(store: Store) -> None:
    data = json.loads(export(store, "json"))
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data["documents"][0]["annotations"][0]["extra"] = 1
    data["documents"][0]["annotations"][1]["created"] = "yesterday"
    data["version"] = 2
    assert len(list(validator.iter_errors(data))) == 3


def test_selection_by_label_annotator_and_date(store: Store) -> None:
    from datetime import datetime, timezone

    only_quotes = json.loads(export(store, "json", Selection(labels=frozenset({"quote"}))))
    assert {
        x["label"] for d in only_quotes["documents"] for x in d["annotations"] + d.get("orphans", [])
    } == {"quote"}
    nobody = json.loads(export(store, "json", Selection(annotators=frozenset({"bob"}))))
    assert nobody["documents"] == []
    future = Selection(since=datetime(2100, 1, 1, tzinfo=timezone.utc))
    assert json.loads(export(store, "json", future))["documents"] == []
    past = Selection(until=datetime(2000, 1, 1, tzinfo=timezone.utc))
    assert json.loads(export(store, "json", past))["documents"] == []
    everything = Selection(since=datetime(2000, 1, 1, tzinfo=timezone.utc))
    assert sum(len(d["annotations"]) for d in json.loads(export(store, "json", everything))["documents"]) == 4


def test_jsonl_is_one_flat_annotation_a_line(store: Store) -> None:
    lines = export(store, "jsonl").splitlines()
    assert len(lines) == 5
    rows = [json.loads(line) for line in lines]
    for row in rows:
        assert list(row) == ["document_id", "path", *EXPORT_FIELDS, "orphan"]
    assert sum(r["orphan"] for r in rows) == 1


def test_csv_quotes_per_rfc4180_and_defuses_formulas(store: Store) -> None:
    text = export(store, "csv")
    assert text.startswith("document_id,path,title,date,id,label,")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 5
    by_label = {r["label"]: r for r in rows if r["path"] == "a.txt"}
    assert by_label["claim"]["text"] == "'=cmd|' /C calc'!A0 is not a formula here."
    assert by_label["claim"]["note"] == "'-2+3"
    assert by_label["fact"]["text"] == "'+1 555 0100 was the hotline."
    assert by_label["fact"]["note"] == "'@mention"
    assert by_label["quote"]["note"] == 'line1\n"line2"'  # quoting kept the newline and quotes
    assert by_label["quote"]["speaker"] == "He"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))


def test_writers_stream_document_by_document(store: Store) -> None:
    # The formats that carry texts, verdicts or a publisher stream too: test_interchange_exports.py and
    # test_export_new_formats.py.
    plain = [f.name for f in exporting.FORMATS if not (f.binary or f.needs_text or f.needs_publisher)]
    assert {"json", "jsonl", "w3c", "csv"} <= set(plain)
    for fmt in plain:
        out = io.StringIO()
        seen: list[int] = []

        def docs(out: io.StringIO = out, seen: list[int] = seen) -> Iterator[ExportDocument]:
            for doc in exporting.documents(store):
                seen.append(len(out.getvalue()))
                yield doc

        exporting.writer(fmt)(out, docs(), "2026-11-23T14:00:00+00:00")
        # the first document was written out before the second was even read
        assert len(seen) == 2 and seen[1] > seen[0], fmt


def test_atomic_output_replaces_only_a_complete_file(tmp_path: Path, store: Store) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def broken() -> Iterator[ExportDocument]:
        yield from exporting.documents(store)
        raise RuntimeError("disk yanked")

    with pytest.raises(RuntimeError), atomic_output(target) as out:
        exporting.writer("json")(out, broken(), "2026-11-23T14:00:00+00:00")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "store"]  # no temporary file left
    with atomic_output(target) as out:
        exporting.writer("json")(out, exporting.documents(store), "2026-11-23T14:00:00+00:00")
    assert json.loads(target.read_text())["format"] == "reader.annotations"


# ---------------------------------------------------------------- W3C, against the W3C's own schemas


def w3c_validators(root: Path) -> dict[str, list]:
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    registry: Registry = Registry()
    for file in sorted((root / "definitions").glob("*.json")):
        schema = json.loads(file.read_text())
        registry = registry.with_resource(
            schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)
        )

    def load(test_file: Path) -> list:
        names = json.loads(test_file.read_text())["assertions"]
        return [
            (
                name,
                Draft4Validator(
                    json.loads((root / name).read_text()), registry=registry, format_checker=FormatChecker()
                ),
            )
            for name in names
        ]

    return {
        "annotation": load(root / "annotations" / "annotationMusts.test"),
        "collection": load(root / "collections" / "collectionMusts.test"),
        "page": load(root / "collections" / "pages" / "pageMusts.test"),
    }


def test_w3c_export_validates_against_the_w3c_schemas(store: Store, shared_data: Path) -> None:
    validators = w3c_validators(shared_data / "w3c-annotation-schemas")
    assert len(validators["annotation"]) == 54
    data = json.loads(export(store, "w3c"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 5
    for name, v in validators["collection"]:
        assert list(v.iter_errors(data)) == [], name
    for name, v in validators["page"]:  # the suite checks a collection with an embedded page as a whole
        assert list(v.iter_errors(data)) == [], name
    items = data["first"]["items"]
    assert len(items) == 5
    for item in items:
        for name, v in validators["annotation"]:
            assert list(v.iter_errors(item)) == [], name
        # What the suite does not check (README of the shared data):
        assert item["created"].endswith("Z") and item["modified"].endswith("Z")
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and quote["exact"]
        assert position["type"] == "TextPositionSelector" and position["end"] >= position["start"]
        assert position["end"] - position["start"] == len(quote["exact"])
        purposes = [b["purpose"] for b in item["body"]]
        assert purposes[0] == "tagging"
        assert ("commenting" in purposes) == any(b.get("purpose") == "commenting" for b in item["body"])


def test_w3c_validators_do_reject_a_broken_annotation(shared_data: Path, store: Store) -> None:
    validators = w3c_validators(shared_data / "w3c-annotation-schemas")
    item = json.loads(export(store, "w3c"))["first"]["items"][0]
    bad = {**item, "id": "not a uri", "@context": "http://example.org/other"}
    failures = [name for name, v in validators["annotation"] if list(v.iter_errors(bad))]
    assert any("Context" in n for n in failures) and any("Id" in n for n in failures)


def test_empty_store_exports_valid_empty_files(tmp_path: Path, shared_data: Path) -> None:
    with Store.open(tmp_path / "empty") as s:
        assert json.loads(export(s, "json"))["documents"] == []
        assert export(s, "jsonl") == ""
        assert export(s, "csv").count("\r\n") == 1
        data = json.loads(export(s, "w3c"))
    validators = w3c_validators(shared_data / "w3c-annotation-schemas")
    for name, v in validators["collection"]:
        assert list(v.iter_errors(data)) == [], name


def test_an_export_leaves_the_stores_file_cache_as_it_found_it(tmp_path: Path) -> None:
    """Each document is read once: its parsed files are dropped after it, so a long export does not keep
    the cache's 64 documents; a document held before (the one open in the app) stays held."""
    texts = [f"Article {n}. The minister said prices would rise.\n" for n in range(6)]
    with Store.open(tmp_path / "s", annotator="alice") as store:
        for n, text in enumerate(texts):
            store.toggle(ref(text, f"news/{n}.txt"), "claim", 0, 10)
    with Store.open(tmp_path / "s", annotator="alice") as store:
        opened = ref(texts[2], "news/2.txt").id
        store.annotations(opened)  # as the reading screen holds its document
        exported = [(d.path, len(d.annotations)) for d in exporting.documents(store)]
        assert exported == [(f"news/{n}.txt", 1) for n in range(6)]
        assert [store.is_cached(ref(t, "").id) for t in texts] == [n == 2 for n in range(6)]
