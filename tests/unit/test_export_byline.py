"""Every export that has a place for them carries the article's author and outlet, as the pipeline
found them when the document was opened (reader/services/opening.py -> Store.note_document), on the
seeds: 001 has a byline (Chris Stevenson), 002 an outlet (Newsweek)."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from annotations import Store
from annotations import export as exporting
from reader.services.catalog import Catalog
from reader.services.exporting import export_to_file
from reader.services.opening import open_entry
from reader.text.corpus import discover

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
AUTHORED, PUBLISHED = "001_2431c36a0108d05d.txt", "002_3f438ba1181fc859.txt"
SCHEMA = Path(exporting.__file__).resolve().parent.parent / "schema" / "reader.annotations.v1.schema.json"
FORMATS = ("json", "jsonl", "csv", "label-studio", "doccano", "prodigy", "spacy", "claimreview")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two seeds opened as the app opens them and a claim with a verdict tagged in each; then every
    format exported with the corpus, and json once more without it (the store alone knows the byline)."""
    tmp = tmp_path_factory.mktemp("byline")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name in (AUTHORED, PUBLISHED):
        shutil.copy(SEEDS / name, corpus / name)
    files = discover([corpus])
    catalog = Catalog(files, cache_dir=tmp / "cache")
    out: dict[str, Path] = {}
    with Store.open(tmp / "store", annotator="alice") as store:
        for name in (AUTHORED, PUBLISHED):
            opening = open_entry(catalog.title_entry(corpus / name), catalog, store, lambda fn, *a: fn(*a))
            sentence = opening.analysis.sentences[1]
            claim = store.add(opening.ref, "claim", sentence.start, sentence.end)
            store.update(opening.ref, claim.id, verdict="false")
        for fmt in FORMATS:
            if fmt == "spacy" and not _has_spacy():
                continue
            out[fmt] = tmp / f"out-{fmt}"
            options = {"publisher": "Desk"} if fmt == "claimreview" else None
            export_to_file(store, fmt, out[fmt], files, options=options)
        out["json-alone"] = tmp / "alone.json"
        (tmp / "elsewhere").mkdir()
        (tmp / "elsewhere" / "other.txt").write_text("Another article.\n", encoding="utf-8")
        export_to_file(store, "json", out["json-alone"], [tmp / "elsewhere"])
    return out


def _has_spacy() -> bool:
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return True


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def by_name(records: list[dict[str, Any]], path_of: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    return {Path(path_of(r)).name: r for r in records}


def check(found: dict[str, Any], author: Callable[[Any], Any], outlet: Callable[[Any], Any]) -> None:
    assert author(found[AUTHORED]) == "Chris Stevenson"
    assert outlet(found[PUBLISHED]) == "Newsweek"


def test_json_documents_carry_them_and_validate(exported: dict[str, Path]) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    for key in ("json", "json-alone"):
        data = json.loads(exported[key].read_text(encoding="utf-8"))
        validator.validate(data)
        docs = by_name(data["documents"], lambda d: d["path"])
        check(docs, lambda d: d["author"], lambda d: d["outlet"])
        assert "outlet" not in docs[AUTHORED] and "author" not in docs[PUBLISHED]  # unknown: left out
    alone = json.loads(exported["json-alone"].read_text(encoding="utf-8"))["documents"]
    assert all(d["title"] for d in alone)  # recorded on opening as well


def test_line_formats_carry_them(exported: dict[str, Path]) -> None:
    check(
        by_name(lines(exported["jsonl"]), lambda r: r["path"]), lambda r: r["author"], lambda r: r["outlet"]
    )
    with exported["csv"].open(encoding="utf-8", newline="") as f:
        rows = by_name(list(csv.DictReader(f)), lambda r: r["path"])
    check(rows, lambda r: r["author"], lambda r: r["outlet"])
    assert rows[AUTHORED]["outlet"] == "" and rows[PUBLISHED]["author"] == ""


def test_other_tools_formats_carry_them(exported: dict[str, Path]) -> None:
    tasks = by_name(
        json.loads(exported["label-studio"].read_text(encoding="utf-8")), lambda t: t["data"]["path"]
    )
    check(tasks, lambda t: t["data"]["author"], lambda t: t["data"]["outlet"])
    doccano = by_name(lines(exported["doccano"]), lambda r: r["path"])
    check(doccano, lambda r: r["author"], lambda r: r["outlet"])
    prodigy = by_name(lines(exported["prodigy"]), lambda r: r["meta"]["path"])
    check(prodigy, lambda r: r["meta"]["author"], lambda r: r["meta"]["outlet"])


def test_claimreview_names_the_article_byline_and_outlet_in_its_appearance(exported: dict[str, Path]) -> None:
    reviews = by_name(lines(exported["claimreview"]), lambda r: r["itemReviewed"]["appearance"]["url"])
    check(
        reviews,
        lambda r: r["itemReviewed"]["appearance"]["author"]["name"],
        lambda r: r["itemReviewed"]["appearance"]["publisher"]["name"],
    )
    assert reviews[AUTHORED]["itemReviewed"]["appearance"]["author"]["@type"] == "Person"
    assert reviews[PUBLISHED]["itemReviewed"]["appearance"]["publisher"] == {
        "@type": "Organization",
        "name": "Newsweek",
    }


def test_spacy_docs_keep_them_in_user_data(exported: dict[str, Path]) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    docs = DocBin().from_disk(exported["spacy"]).get_docs(spacy.blank("xx").vocab)
    found = by_name([d.user_data for d in docs], lambda u: u["path"])
    check(found, lambda u: u["author"], lambda u: u["outlet"])
