"""What each export format keeps and drops, as the README's table of formats says, checked on one file.

The fixture has CRLF line ends, an astral flag (🇧🇾), curly quotes, a combining accent, two annotators,
notes, speakers, a claim's verdict with its review URL, overlapping spans (across labels, across
annotators, and one claim inside another claim of the same annotator) and an orphan. Each format's
output is read back into flat records (`view`); what a format keeps must come back exactly, and what
it drops must be in no record and, for the fields that hold our own strings, nowhere in its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from annotations import DocumentRef, Store
from annotations.export import FORMAT_NAMES
from annotations.model import Annotation
from reader.services.exporting import export_to_file
from reader.text.corpus import read_document
from tests.unit.format_views import VIEWS, Record, raw, view

TEXT = (
    "Minsk \U0001f1e7\U0001f1fe talks\r\n"
    "\r\n"
    "The minister said \u201cwe will not cut pensions\u201d on Tuesday.\r\n"
    "Cafe\u0301 owners say prices rose 12% in a year.\r\n"
)
OLD = "A second article.\nThe quote that will disappear from this text.\nMore text follows.\n"
NEW = "A second article.\nSomething else now.\nMore text follows.\n"
NOTES = ("watch the video at 2:10 \U0001f1e7\U0001f1fe", "bob disagrees")
SPEAKER = "Minister \u014cne"
VERDICT, URL = "mostly false", "https://checks.example/r/1"
ORPHAN = "The quote that will disappear from this text."

# The README's table, as sets: what each format keeps and what it drops. An aspect in neither does
# not apply (ClaimReview has no offsets, so overlaps mean nothing there).
ALL = {"spans", "annotators", "notes", "speakers", "verdicts", "reviewed", "ids", "times", "orphans"}
ALL |= {"overlaps", "context"}
TOOLS = {"spans", "annotators", "overlaps"}
TABLE: dict[str, tuple[set[str], set[str]]] = {
    "json": (ALL, set()),
    "jsonl": (ALL, set()),
    "w3c": (ALL, set()),
    "csv": (ALL, set()),
    "doccano": (TOOLS, ALL - TOOLS),
    "label-studio": (TOOLS | {"notes", "speakers", "ids"}, ALL - TOOLS - {"notes", "speakers", "ids"}),
    "brat": (TOOLS | {"notes"}, ALL - TOOLS - {"notes"}),
    "conll": (TOOLS - {"overlaps"}, ALL - TOOLS | {"overlaps"}),  # overlaps within one layer
    "spacy": (TOOLS | {"verdicts"}, ALL - TOOLS - {"verdicts"}),
    "prodigy": (TOOLS, ALL - TOOLS),
    "claimreview": (
        {"verdicts", "reviewed", "speakers"},
        ALL - {"verdicts", "reviewed", "speakers", "overlaps"},
    ),
}


@dataclass
class Fixture:
    store: Path
    corpus: Path
    anns: list[Annotation]  # every stored annotation, the orphan included


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    root = tmp_path_factory.mktemp("losses")
    corpus = root / "corpus"
    (corpus / "politics").mkdir(parents=True)
    (corpus / "politics" / "minsk.txt").write_bytes(TEXT.encode("utf-8"))
    (corpus / "second.txt").write_bytes(OLD.encode("utf-8"))

    def ref(relative: str) -> DocumentRef:
        d = read_document(corpus / relative)
        return DocumentRef(d.id, relative, d.text)

    minsk, second = ref("politics/minsk.txt"), ref("second.txt")
    assert minsk.text == TEXT
    with Store.open(root / "store", annotator="alice") as alice:
        quote = _span(TEXT, "\u201cwe will not cut pensions\u201d")
        alice.add(minsk, "quote", *quote, speaker=SPEAKER, note=NOTES[0])
        claim = alice.add(
            minsk, "claim", *_span(TEXT, "The minister said \u201cwe will not cut pensions\u201d")
        )
        alice.update(minsk, claim.id, speaker=SPEAKER, verdict=VERDICT, review_url=URL)
        alice.add(minsk, "claim", *_span(TEXT, "Cafe\u0301 owners say prices rose 12% in a year."))
        alice.add(minsk, "claim", *_span(TEXT, "prices rose"))  # inside her own claim: one layer
        alice.add(minsk, "fact", *_span(TEXT, "prices rose 12% in a year"))
        alice.add(second, "quote", *_span(OLD, ORPHAN))
    with Store.open(root / "store", annotator="bob") as bob:
        bob.add(minsk, "claim", *_span(TEXT, "Minsk \U0001f1e7\U0001f1fe talks"), note=NOTES[1])
        bob.add(minsk, "quote", *quote)  # the same span as alice's
    (corpus / "second.txt").write_bytes(NEW.encode("utf-8"))
    with Store.open(root / "store", annotator="alice") as alice:
        assert len(alice.attach(ref("second.txt")).orphans) == 1
        anns = list(alice.iter_all())
    return Fixture(root / "store", corpus, anns)


# ---------------------------------------------------------------- the checks


def _key(r: Record | Annotation) -> tuple[str, str]:
    return (r["label"], r["text"]) if isinstance(r, dict) else (r.label, r.text)


FIELDS = {
    "notes": ("note",),
    "speakers": ("speaker",),
    "verdicts": ("verdict", "review_url"),
    "reviewed": ("reviewed",),
    "ids": ("id",),
    "times": ("created", "modified"),
    "context": ("prefix", "suffix"),
}


def _same(field: str, value: Any, stored: Any) -> bool:
    if value in (None, "") and stored in (None, ""):
        return True  # a field left out of a record that has none
    if field in ("created", "modified", "reviewed"):
        return str(value)[:26] == str(stored)[:26]  # w3c writes Z where we store +00:00
    return bool(value == stored)


def markers(aspect: str, anns: list[Annotation]) -> set[str]:
    """Our own strings an aspect puts in a file: dropped, none of them may be anywhere in it."""
    if aspect == "notes":
        return set(NOTES)
    if aspect == "speakers":
        return {SPEAKER}
    if aspect == "verdicts":
        return {VERDICT, URL}
    if aspect == "ids":
        return {a.id for a in anns} | {f"{a.id[:8]}-{a.id[8:12]}" for a in anns}
    if aspect == "orphans":
        return {ORPHAN}
    if aspect == "annotators":
        return {"alice", "bob"}
    return set()


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_each_format_keeps_and_drops_what_the_readme_says(fixture: Fixture, tmp_path: Path, fmt: str) -> None:
    keeps, drops = TABLE[fmt]
    assert not keeps & drops and (keeps | drops) <= ALL
    out = tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")
    options = (
        {"publisher": "Checks Ltd", "scale": ("true", VERDICT, "false")} if fmt == "claimreview" else None
    )
    with Store.open(fixture.store, annotator="reader-test") as store:
        export_to_file(store, fmt, out, [fixture.corpus], options=options)
    records = view(fmt, out, {"politics/minsk.txt": TEXT, "second.txt": NEW})
    text = raw(fmt, out)
    placed = [a for a in fixture.anns if not a.orphan]
    nested = next(a for a in placed if a.text == "prices rose")  # inside alice's own, longer claim
    by_key: dict[tuple[str, str], list[Annotation]] = {}
    for a in fixture.anns:
        by_key.setdefault(_key(a), []).append(a)

    got = {_key(r) for r in records if not r.get("orphan")}
    if "spans" in keeps:
        expected = {_key(a) for a in placed if "overlaps" in keeps or a is not nested}
        assert got == expected
    if "spans" in drops:  # ClaimReview: only the claims with a verdict
        assert got == {_key(a) for a in placed if a.verdict}
    if "overlaps" in keeps:
        assert _key(nested) in got
    if "overlaps" in drops:
        assert _key(nested) not in got
    if "annotators" in keeps:
        assert {(r["annotator"], *_key(r)) for r in records if not r.get("orphan")} == {
            (a.annotator, *_key(a)) for a in placed if "overlaps" in keeps or a is not nested
        }
    if "orphans" in keeps:
        assert [r["text"] for r in records if r.get("orphan")] == [ORPHAN]
    for aspect, fields in FIELDS.items():
        for r in records:
            (stored,) = [a for a in by_key[_key(r)] if r.get("annotator", a.annotator) == a.annotator]
            for name in fields:
                if aspect in keeps:
                    assert _same(name, r.get(name), getattr(stored, name)), (aspect, r)
                elif aspect in drops:
                    assert r.get(name) in (None, ""), (aspect, r)
    for aspect in drops:
        for marker in markers(aspect, fixture.anns):
            assert marker not in text, (aspect, marker)
    for aspect in keeps - {"ids"}:  # ids are checked record by record (w3c writes them as URNs)
        for marker in markers(aspect, fixture.anns):
            assert marker in text, (aspect, marker)


def test_the_table_covers_every_format() -> None:
    assert set(TABLE) == set(FORMAT_NAMES) == {*VIEWS, "conll"}


# How the README's Drops column names each aspect.
WORDS = {
    "spans": "every tag",
    "annotators": "annotators",
    "notes": "notes",
    "speakers": "speakers",
    "verdicts": "verdicts",
    "reviewed": "verdict",
    "ids": "ids",
    "times": "times",
    "orphans": "orphans",
    "overlaps": "overlapping",
    "context": "context",
}


def readme_rows() -> dict[str, list[str]]:
    """The README's table of formats: format -> [keeps, drops, offset unit, tested with]."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Export formats: what each keeps and drops", 1)[1].split("\n### ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in section.splitlines() if line.startswith("| `")]
    return {row[0].strip(" `"): [cell.strip() for cell in row[1:]] for row in rows}


def test_the_readme_table_lists_every_format_and_says_what_it_drops() -> None:
    rows = readme_rows()
    assert list(rows) == list(FORMAT_NAMES)
    for fmt, (_, drops) in TABLE.items():
        keeps_cell, drops_cell, unit, tested = rows[fmt]
        assert keeps_cell and unit and tested, fmt
        for aspect in drops:
            assert WORDS[aspect] in drops_cell, (fmt, aspect, drops_cell)
        if not drops:
            assert drops_cell.startswith("nothing") or "document titles and dates" in drops_cell, fmt
