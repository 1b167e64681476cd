"""Each export format read back into flat records, the way its consumer would read it.

For tests/unit/test_format_losses.py: a record holds what the format kept of one annotation, under
our own field names (`label`, `text`, `annotator`, `note`, `speaker`, `verdict`, `id`, `created`…).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from annotations.export.interchange import utf16_slice

Record = dict[str, Any]


def _json(path: Path) -> list[Record]:
    docs = json.loads(path.read_text(encoding="utf-8"))["documents"]
    return [
        {**a, "orphan": key == "orphans"}
        for d in docs
        for key in ("annotations", "orphans")
        for a in d.get(key, [])
    ]


def _jsonl(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _unguarded(cell: str) -> str:
    """A cell as written before the formula guard: `'` was put before = + - @ tab CR (README)."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def _csv(path: Path) -> list[Record]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [{k: _unguarded(v) for k, v in r.items()} for r in csv.DictReader(f)]
    blank = {"speaker", "verdict", "review_url"}  # CSV has no null: an empty cell
    return [
        {k: (None if k in blank and v == "" else v) for k, v in r.items()} | {"orphan": r["orphan"] == "true"}
        for r in rows
    ]


def _w3c(path: Path) -> list[Record]:
    out = []
    for item in json.loads(path.read_text(encoding="utf-8"))["first"]["items"]:
        body = {b["purpose"]: b["value"] for b in item["body"]}
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote = selectors["TextQuoteSelector"]
        out.append(
            {
                "id": item["id"].removeprefix("urn:uuid:").replace("-", ""),
                "label": body["tagging"],
                "text": quote["exact"],
                "prefix": quote.get("prefix", ""),
                "suffix": quote.get("suffix", ""),
                "note": body.get("commenting", ""),
                "speaker": item.get("reader:speaker"),
                "annotator": item["creator"]["nickname"],
                "created": item["created"],
                "modified": item["modified"],
                "verdict": body.get("assessing"),
                "review_url": item.get("reader:reviewUrl"),
                "reviewed": item.get("reader:reviewed", ""),
                "orphan": item.get("reader:orphan", False),
            }
        )
    return out


def _doccano(path: Path) -> list[Record]:
    return [
        {"label": label, "text": utf16_slice(r["text"], s, e), "annotator": r["annotator"]}
        for r in _jsonl(path)
        for s, e, label in r["label"]
    ]


def _label_studio(path: Path) -> list[Record]:
    out: list[Record] = []
    for task in json.loads(path.read_text(encoding="utf-8")):
        for annotation in task["annotations"]:
            areas = {
                (r["id"], r["from_name"]): r["value"]["text"][0]
                for r in annotation["result"]
                if r["type"] == "textarea"
            }
            for r in annotation["result"]:
                if r["type"] == "labels":
                    out.append(
                        {
                            "id": r["id"],
                            "label": r["value"]["labels"][0],
                            "text": task["data"]["text"][r["value"]["start"] : r["value"]["end"]],
                            "annotator": annotation["completed_by"]["email"],
                            "note": areas.get((r["id"], "note"), ""),
                            "speaker": areas.get((r["id"], "speaker")),
                        }
                    )
    return out


def _brat(folder: Path) -> list[Record]:
    out: list[Record] = []
    for ann in sorted(folder.glob("*/*.ann")):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        notes = {}
        spans = {}
        for line in ann.read_text(encoding="utf-8").splitlines():
            key, middle, value = line.split("\t")
            if key.startswith("T"):
                label, offsets = middle.split(" ", 1)
                fragments = [tuple(map(int, f.split())) for f in offsets.split(";")]
                spans[key] = (label, text[fragments[0][0] : fragments[-1][1]])
            else:
                notes[middle.split(" ")[1]] = value
        for key, (label, span_text) in spans.items():
            out.append(
                {"label": label, "text": span_text, "annotator": ann.parent.name, "note": notes.get(key, "")}
            )
    return out


def _conll(path: Path, texts: Mapping[str, str]) -> list[Record]:
    """Every span rebuilt from its B/I tags, walking the tokens through the document text."""
    out: list[Record] = []
    for block in path.read_text(encoding="utf-8").split("-DOCSTART-")[1:]:
        lines = block.split("\n")
        columns = next(ln for ln in lines if ln.startswith("# columns = ")).split(" = ", 1)[1].split("\t")
        path = next(ln for ln in lines if ln.startswith("# path = ")).split(" = ", 1)[1]
        text = texts[path]
        at, open_spans = 0, {}
        ended: list[tuple[int, int, int]] = []
        for line in lines:
            if not line or line.startswith(("#", "\t")):
                continue
            token, *tags = line.split("\t")
            start = text.index(token, at)
            at = start + len(token)
            for col, tag in enumerate(tags, 1):
                if tag[:2] != "I-" and col in open_spans:
                    ended.append((col, *open_spans.pop(col)))
                if tag.startswith("B-"):
                    open_spans[col] = (start, at)
                elif tag.startswith("I-"):
                    open_spans[col] = (open_spans[col][0], at)
        ended += [(col, *span) for col, span in open_spans.items()]
        for col, s, e in ended:
            annotator, label = columns[col].rsplit("/", 1)
            out.append({"label": label, "text": text[s:e], "annotator": annotator})
    return out


def _spacy(path: Path) -> list[Record]:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out: list[Record] = []
    for doc in DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab):
        rated = {(s, e, who): (v, url) for s, e, who, v, url in doc.user_data.get("verdicts", [])}
        for key, group in doc.spans.items():
            if key.startswith("sc:"):
                who = key.removeprefix("sc:")
                for span in group:
                    verdict, url = rated.get((span.start_char, span.end_char, who), (None, None))
                    out.append(
                        {
                            "label": span.label_,
                            "text": span.text,
                            "annotator": who,
                            "verdict": verdict,
                            "review_url": url,
                        }
                    )
    return out


def _spacy_bytes(path: Path) -> str:
    """What a DocBin holds, as text: its user data and span labels (its bytes are compressed)."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    docs = DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)
    return repr(
        [(d.user_data, {k: [(s.label_, s.text) for s in g] for k, g in d.spans.items()}) for d in docs]
    )


def _prodigy(path: Path) -> list[Record]:
    return [
        {"label": s["label"], "text": t["text"][s["start"] : s["end"]], "annotator": t["_annotator_id"]}
        for t in _jsonl(path)
        for s in t["spans"]
    ]


def _claimreview(path: Path) -> list[Record]:
    return [
        {
            "label": "claim",
            "text": r["claimReviewed"],
            "speaker": r["itemReviewed"].get("author", {}).get("name"),
            "verdict": r["reviewRating"]["alternateName"],
            "review_url": r.get("url"),
            "reviewed": r.get("datePublished", ""),
        }
        for r in _jsonl(path)
    ]


VIEWS: dict[str, Callable[[Path], list[Record]]] = {
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "w3c": _w3c,
    "doccano": _doccano,
    "label-studio": _label_studio,
    "brat": _brat,
    "spacy": _spacy,
    "prodigy": _prodigy,
    "claimreview": _claimreview,
}


def raw(fmt: str, path: Path) -> str:
    if fmt == "spacy":
        return _spacy_bytes(path)
    if path.is_dir():  # brat: the annotators are the folder names
        files = sorted(p for p in path.rglob("*") if p.is_file())
        return "".join(str(p.relative_to(path)) + "\n" + p.read_bytes().decode("utf-8") for p in files)
    return path.read_bytes().decode("utf-8")


def view(fmt: str, path: Path, texts: Mapping[str, str]) -> list[Record]:
    """`fmt`'s output at `path` as flat records; `texts` (path -> document text) for CoNLL's tokens."""
    return _conll(path, texts) if fmt == "conll" else VIEWS[fmt](path)
