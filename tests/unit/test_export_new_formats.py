"""The verdict fields in json/jsonl/w3c/csv, and the spacy, prodigy and claimreview formats, on a CRLF
article with an astral emoji, curly quotes and a combining accent (offsets are code points)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from annotations import DocumentRef, Store
from annotations import export as exporting
from annotations.export.tokens import tokenize
from annotations.model import Annotation
from reader.services.exporting import ExportError, export_to_file
from reader.text.corpus import discover, read_document

ARTICLE = (
    "Minsk talks stall again\r\n"
    "\r\n"
    "The minister said “unemployment fell by half in 🇧🇾 last year,” and left.\r\n"
    "Critics at the cafe\u0301 called it “nonsense”.  Nobody checked the figures.\r\n"
)
SCHEMA = Path(exporting.__file__).resolve().parent.parent / "schema" / "reader.annotations.v1.schema.json"
CONTEXT_FILE = Path(__file__).resolve().parent.parent / "data" / "jsonld" / "schema-org-context.jsonld"


@dataclass
class Setup:
    store: Store
    corpus: Path
    ref: DocumentRef
    claim: Annotation  # alice's, with a verdict
    plain: Annotation  # bob's claim, no verdict


def span(needle: str) -> tuple[int, int]:
    start = ARTICLE.index(needle)
    return start, start + len(needle)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    file = corpus / "minsk.txt"
    file.write_bytes(ARTICLE.encode("utf-8"))  # CRLF kept as written
    document = read_document(file)
    assert document.text == ARTICLE
    ref = DocumentRef(document.id, "minsk.txt", document.text)
    with Store.open(tmp_path / "store", annotator="alice") as store:
        claim = store.add(
            ref, "claim", *span("unemployment fell by half in 🇧🇾 last year,"), speaker="The minister"
        )
        claim = store.update(ref, claim.id, verdict="mostly false", review_url="https://checks.example/r/1")
        store.add(ref, "quote", *span("“unemployment fell by half in 🇧🇾 last year,”"), speaker="The minister")
        store.add(ref, "fact", *span("cafe\u0301 called"))  # ends inside a line, after a combining accent
        store.add(ref, "quote", *span("“nonsense”.  "))  # ends after two spaces
    with Store.open(tmp_path / "store", annotator="bob") as store:
        plain = store.add(ref, "claim", *span("Nobody checked the figures."))
        store.add(ref, "claim", *span("unemployment fell by half in 🇧🇾 last year,"))
        yield Setup(store, corpus, ref, claim, plain)


def export(setup: Setup, fmt: str, tmp_path: Path, **options: Any) -> Path:
    out = tmp_path / f"out.{fmt}"
    export_to_file(setup.store, fmt, out, discover([setup.corpus]), options=options)
    return out


# -- the verdict in the existing formats ----------------------------------------------------------------


def test_json_and_jsonl_carry_the_verdict_and_validate(setup: Setup, tmp_path: Path) -> None:
    data = json.loads(export(setup, "json", tmp_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        json.loads(SCHEMA.read_text()), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(data)) == []
    (doc,) = data["documents"]
    rated = [a for a in doc["annotations"] if "verdict" in a]
    assert [(a["verdict"], a["review_url"], a["speaker"]) for a in rated] == [
        ("mostly false", "https://checks.example/r/1", "The minister")
    ]
    assert rated[0]["reviewed"] == setup.claim.reviewed
    assert ARTICLE[rated[0]["start"] : rated[0]["end"]] == rated[0]["text"]  # code points
    assert list(
        validator.iter_errors({**data, "documents": [{**doc, "annotations": [{**rated[0], "verdict": 3}]}]})
    )
    rows = [json.loads(line) for line in export(setup, "jsonl", tmp_path).read_text().splitlines()]
    assert [r.get("verdict") for r in rows if r["label"] == "claim"].count("mostly false") == 1


def test_w3c_has_an_assessing_body_and_csv_has_verdict_columns(setup: Setup, tmp_path: Path) -> None:
    items = json.loads(export(setup, "w3c", tmp_path).read_text())["first"]["items"]
    (rated,) = [i for i in items if any(b["purpose"] == "assessing" for b in i["body"])]
    assert {"type": "TextualBody", "purpose": "assessing", "value": "mostly false"} in rated["body"]
    assert rated["reader:reviewUrl"] == "https://checks.example/r/1" and rated["reader:reviewed"].endswith(
        "Z"
    )
    with export(setup, "csv", tmp_path).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[-6:] == ["verdict", "review_url", "reviewed", "author", "outlet", "url"]
    assert sorted(r["verdict"] for r in rows) == ["", "", "", "", "", "mostly false"]


# -- prodigy and spacy ------------------------------------------------------------------------------------


def test_tokens_join_back_and_cut_at_every_boundary() -> None:
    starts, ends = {10, 30}, {25, 60}
    tokens = tokenize(ARTICLE, starts, ends)
    assert "".join(t.text + (" " if t.ws else "") for t in tokens) == ARTICLE
    assert starts <= {t.start for t in tokens} and ends <= {t.end for t in tokens}
    assert [t.text for t in tokens if t.start <= 25 < t.end + 1][-2:] == ["\r\n", "\r\n"]  # cut at 25
    assert "🇧🇾" in [t.text for t in tokens]
    assert "cafe\u0301" in [t.text for t in tokens]  # the accent stays on its letter


def test_prodigy_lines_per_annotator_with_aligned_tokens(setup: Setup, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    tasks = [json.loads(line) for line in export(setup, "prodigy", tmp_path).read_text().splitlines()]
    assert [t["_annotator_id"] for t in tasks] == ["alice", "bob"]
    assert [len(t["spans"]) for t in tasks] == [4, 2]
    for task in tasks:
        assert task["text"] == ARTICLE and task["answer"] == "accept"
        assert task["meta"] == {"id": setup.ref.id, "path": "minsk.txt", "title": "Minsk talks stall again"}
        tokens = task["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        for s in task["spans"]:
            covered = [t for t in tokens if t["start"] >= s["start"] and t["end"] <= s["end"]]
            assert (covered[0]["id"], covered[-1]["id"]) == (s["token_start"], s["token_end"])
            assert (covered[0]["start"], covered[-1]["end"]) == (s["start"], s["end"])
        doc = Doc(
            spacy.blank("xx").vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens]
        )
        assert doc.text == ARTICLE
        assert [(t.text, t.idx, t.idx + len(t.text)) for t in doc] == [
            (t["text"], t["start"], t["end"]) for t in tokens
        ]
        for s in task["spans"]:
            got = doc.char_span(s["start"], s["end"], alignment_mode="strict")
            assert got is not None and (got.start, got.end - 1) == (s["token_start"], s["token_end"])


def test_spacy_docbin_round_trips_with_strict_spans(setup: Setup, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = export(setup, "spacy", tmp_path)
    nlp = spacy.blank("xx")
    (doc,) = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert doc.text == ARTICLE
    assert doc.user_data["id"] == setup.ref.id and doc.user_data["path"] == "minsk.txt"
    assert doc.user_data["title"] == "Minsk talks stall again"
    stored = [*setup.store.annotations(setup.ref.id)]
    assert len(doc.spans["sc"]) == len(stored) == 6
    for a in stored:
        expected = doc.char_span(a.start, a.end, alignment_mode="strict")
        assert expected is not None and expected.text == a.text
        group = doc.spans[f"sc:{a.annotator}"]
        where = (expected.start, expected.end, a.label)
        assert where in {(s.start, s.end, s.label_) for s in doc.spans["sc"]}
        assert where in {(s.start, s.end, s.label_) for s in group}
    assert [list(row) for row in doc.user_data["verdicts"]] == [  # msgpack gives tuples back
        [setup.claim.start, setup.claim.end, "alice", "mostly false", "https://checks.example/r/1"]
    ]


def test_spacy_to_a_folder_writes_parts_that_spacy_reads_as_one_corpus(
    setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DocBin is held whole until written: a folder export writes it in parts, so memory is bounded
    by a part; every part loads, and together they hold every document once."""
    spacy = pytest.importorskip("spacy")
    from dataclasses import replace

    from spacy.tokens import DocBin

    from annotations.export import spacy as spacy_format

    monkeypatch.setattr(spacy_format, "PART", 2)
    first = replace(next(exporting.documents(setup.store)), text=ARTICLE)
    docs = [replace(first, id=f"sha256:{n:064x}", path=f"d{n}.txt") for n in range(5)]
    folder = tmp_path / "parts"
    folder.mkdir()
    written = spacy_format.write_folder(folder, iter(docs), "2026-11-23T14:00:00+00:00")
    parts = sorted(folder.glob("*.spacy"))
    assert [p.name for p in parts] == ["part-00001.spacy", "part-00002.spacy", "part-00003.spacy"]
    nlp = spacy.blank("xx")
    loaded = [d for part in parts for d in DocBin().from_disk(part).get_docs(nlp.vocab)]
    assert [d.user_data["path"] for d in loaded] == [f"d{n}.txt" for n in range(5)]
    assert written == 5 * len(first.annotations) == sum(len(d.spans["sc"]) for d in loaded)
    # Through the export service: an existing folder as --output gets the parts.
    out = tmp_path / "service"
    out.mkdir()
    export_to_file(setup.store, "spacy", out, discover([setup.corpus]))
    assert [p.name for p in out.glob("*.spacy")] == ["part-00001.spacy"]


@pytest.mark.parametrize("fmt", ["prodigy", "claimreview"])
def test_text_formats_stream_document_by_document(setup: Setup, fmt: str) -> None:
    import io
    from dataclasses import replace

    first = replace(next(exporting.documents(setup.store)), text=ARTICLE)
    out, seen = io.StringIO(), []

    def docs() -> Iterator[exporting.ExportDocument]:
        for path in ("a.txt", "b.txt"):
            seen.append(len(out.getvalue()))
            yield replace(first, path=path)

    options = {"publisher": "Checks Weekly"} if fmt == "claimreview" else {}
    exporting.writer(fmt, **options)(out, docs(), "2026-11-23T14:00:00+00:00")
    assert len(seen) == 2 and seen[1] > seen[0]  # the first document was out before the second was read


def test_spacy_needs_a_file_and_says_so_in_one_line(setup: Setup) -> None:
    with pytest.raises(ExportError, match="binary"):
        export_to_file(setup.store, "spacy", None, discover([setup.corpus]))


# -- claimreview -------------------------------------------------------------------------------------------


def local_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader, serving only our copy of the schema.org terms: nothing is fetched."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the test must not fetch {url}")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(CONTEXT_FILE.read_text()),
    }


def test_claimreview_expands_to_schema_org_and_has_googles_required_properties(
    setup: Setup, tmp_path: Path
) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    out = export(setup, "claimreview", tmp_path, publisher="Checks Weekly")
    (line,) = out.read_text(encoding="utf-8").splitlines()  # bob's claim has no verdict: left out
    review = json.loads(line)
    # Google's fact-check markup guidelines (developers.google.com/search/docs/appearance/structured-data/
    # factcheck, "Structured data type definitions"): ClaimReview requires claimReviewed, reviewRating
    # and url, its Rating requires alternateName; author (the fact-checking organisation) is recommended.
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == setup.claim.text
    assert review["reviewRating"]["alternateName"] == "mostly false"
    assert review["url"] == "https://checks.example/r/1"
    assert review["author"] == {"@type": "Organization", "name": "Checks Weekly"}

    (node,) = jsonld.expand(review, {"documentLoader": local_loader})
    s = "http://schema.org/"
    assert node["@type"] == [s + "ClaimReview"]
    assert node[s + "claimReviewed"] == [{"@value": setup.claim.text}]
    assert node[s + "url"] == [{"@id": "https://checks.example/r/1"}]
    assert node[s + "datePublished"][0]["@value"] == setup.claim.reviewed
    (rating,) = node[s + "reviewRating"]
    assert rating["@type"] == [s + "Rating"]
    assert rating[s + "alternateName"] == [{"@value": "mostly false"}]
    assert [rating[s + k][0]["@value"] for k in ("ratingValue", "bestRating", "worstRating")] == [4, 7, 1]
    (author,) = node[s + "author"]
    assert author["@type"] == [s + "Organization"] and author[s + "name"] == [{"@value": "Checks Weekly"}]
    (claim,) = node[s + "itemReviewed"]
    assert claim["@type"] == [s + "Claim"]
    (claimant,) = claim[s + "author"]
    assert claimant["@type"] == [s + "Person"] and claimant[s + "name"] == [{"@value": "The minister"}]
    (appearance,) = claim[s + "appearance"]
    assert appearance["@type"] == [s + "CreativeWork"]
    assert appearance[s + "url"] == [{"@id": "minsk.txt"}]  # no URL known: the corpus path
    assert appearance[s + "headline"] == [{"@value": "Minsk talks stall again"}]


def test_claimreview_organisation_claimant_and_scale(setup: Setup, tmp_path: Path) -> None:
    out = export(
        setup,
        "claimreview",
        tmp_path,
        publisher="Checks Weekly",
        scale=("true", "mostly false", "false"),
        organisations=frozenset({"The minister"}),
    )
    review = json.loads(out.read_text())
    assert review["itemReviewed"]["author"]["@type"] == "Organization"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "mostly false",
        "ratingValue": 2,
        "bestRating": 3,
        "worstRating": 1,
    }


def test_claimreview_without_publisher_is_refused(setup: Setup) -> None:
    with pytest.raises(ExportError, match="publisher"):
        export_to_file(setup.store, "claimreview", None, discover([setup.corpus]))


def test_writer_docstrings_say_their_offset_unit() -> None:
    import importlib

    for name in ("spacy", "prodigy", "w3c", "csv", "claimreview"):
        doc = importlib.import_module(f"annotations.export.{name}").__doc__ or ""
        assert "code point" in doc.replace("\n", " ") or "No offsets" in doc, name


# -- the command line --------------------------------------------------------------------------------------


def reader_cli(*args: str, pythonpath: str = "") -> subprocess.CompletedProcess[str]:
    root = str(Path(__file__).resolve().parents[2])
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pythonpath, root) if p)
    return subprocess.run(
        [sys.executable, "-m", "reader", "export", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_claimreview_and_spacy_refuse_in_one_line(setup: Setup, tmp_path: Path) -> None:
    store, corpus = str(tmp_path / "store"), str(setup.corpus)
    done = reader_cli("--store", store, "--corpus", corpus, "--format", "claimreview")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "--publisher" in done.stderr
    done = reader_cli("--store", store, "--corpus", corpus, "--format", "spacy")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "--output" in done.stderr
    out = tmp_path / "reviews.jsonld"
    args = ("--publisher", "Checks Weekly", "--verdicts", "true,mostly false,false", "-o", str(out))
    done = reader_cli("--store", store, "--corpus", corpus, "--format", "claimreview", *args)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["reviewRating"]["bestRating"] == 3


def test_cli_without_spacy_says_how_to_get_it(setup: Setup, tmp_path: Path) -> None:
    blocker = tmp_path / "nospacy"
    (blocker / "spacy").mkdir(parents=True)
    (blocker / "spacy" / "__init__.py").write_text("raise ImportError('spaCy is not installed here')\n")
    out = tmp_path / "out.spacy"
    store, corpus = str(tmp_path / "store"), str(setup.corpus)
    done = reader_cli(
        "--store", store, "--corpus", corpus, "--format", "spacy", "-o", str(out), pythonpath=str(blocker)
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "pip install" in done.stderr and not out.exists()


def test_the_product_never_imports_spacy_unless_asked() -> None:
    code = (
        "import sys, reader.cli.export, reader.services.exporting, annotations.export.spacy, "
        "annotations.export.prodigy, annotations.export.claimreview; print('spacy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.stdout.strip() == "False"
