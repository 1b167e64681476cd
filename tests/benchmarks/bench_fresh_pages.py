"""Fresh pages nobody tuned to: content-line F1 and title/date/author/outlet, beside the baselines.

Data: tests/data/fresh_pages (47 hand-written pages of 40 kinds in 8 languages; groups en2 and en3 are
the second and third batches of English pages (13 and 10), rendered by w3m -dump,
lynx -dump -nolist and trafilatura's extractor; see its README for how they were made and labelled).
Baselines in the same run: our rules at commit 56276fd (previous_rules), jusText with the page
language's stoplist, and the one-line rule (>= 8 words ending in . ! ?). Prints one JSON object.

    python tests/benchmarks/bench_fresh_pages.py
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import previous_rules
from bench_boilerplate import Score, one_line_rule

from reader.text.document import Document
from reader.text.pipeline import analyse

ROOT = Path(__file__).resolve().parents[2]
FRESH = ROOT / "tests" / "data" / "fresh_pages"
STOPLISTS = {
    "en": "English", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "de": "German",
    "be": "Belarusian", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "tr": "Turkish", "el": "Greek", "he": "Hebrew", "ar": "Arabic", "hi": "Hindi", "ko": "Korean",
}  # fmt: skip
# jusText has no stoplist for Chinese or Japanese (no spaces between words): its rule keeps nothing there.


def justext_rule(lines: Sequence[str], lang: str) -> list[bool]:
    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</body></html>"
    stoplist = justext.get_stoplist(STOPLISTS[lang]) if lang in STOPLISTS else frozenset()
    paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
    if len(paragraphs) == len(lines):
        return [not p.is_boilerplate for p in paragraphs]
    kept = {" ".join(p.text.split()) for p in paragraphs if not p.is_boilerplate}
    return [" ".join(t.split()) in kept for t in lines]


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def rows() -> list[dict[str, Any]]:
    with (FRESH / "labels.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _kept(module: ModuleType | None, text: str) -> Any:
    if module is None:
        return analyse(Document.from_text(text))
    return module.pipeline.analyse(module.document.Document.from_text(text))


def line_scores(data: list[dict[str, Any]], prev: ModuleType | None) -> dict[str, Any]:
    methods: dict[str, Callable[[list[str], str], list[bool]]] = {
        "ours": lambda lines, lang: [ln.kept for ln in _kept(None, "\n".join(lines)).lines],
        "justext": justext_rule,
        "one_line_rule": lambda lines, lang: one_line_rule(lines),
    }
    if prev is not None:
        methods["ours_56276fd"] = lambda lines, lang: [ln.kept for ln in _kept(prev, "\n".join(lines)).lines]
    out: dict[str, Any] = {}
    groups: dict[str, Callable[[dict[str, Any]], bool]] = {
        "en": lambda r: r["lang"] == "en" and r.get("batch", 1) == 1,
        "en2": lambda r: r["lang"] == "en" and r.get("batch", 1) == 2,
        "en3": lambda r: r["lang"] == "en" and r.get("batch", 1) == 3,
        "other": lambda r: r["lang"] != "en" and r.get("batch", 1) == 1,
        "paywalled": lambda r: r.get("batch", 1) == 4,
        "scripts": lambda r: r.get("batch", 1) == 5,  # zh ja ko ar hi tr el he
    }
    for group, member in groups.items():
        for renderer in ("w3m", "lynx", "trafilatura"):
            pages = [r for r in data if r["renderer"] == renderer and member(r)]
            entry: dict[str, Any] = {"pages": len(pages), "lines": sum(len(r["lines"]) for r in pages)}
            for name, method in methods.items():
                score = Score()
                for r in pages:
                    score.add(method(r["lines"], r["lang"]), [bool(x) for x in r["labels"]])
                entry[name] = score.as_dict()
            out[f"{group}_{renderer}"] = entry
    return out


def _field(analysis: Any, name: str) -> str | None:
    return getattr(analysis, name, None)


def metadata_scores(data: list[dict[str, Any]], prev: ModuleType | None) -> dict[str, Any]:
    """Title/date/author/outlet against each page's own meta tags, on the w3m and lynx renderings."""
    out: dict[str, Any] = {}
    versions: list[tuple[str, ModuleType | None]] = [("ours", None)]
    if prev is not None:
        versions.append(("ours_56276fd", prev))
    for name, module in versions:
        tally: dict[str, dict[str, int]] = {
            k: {"right": 0, "wrong": 0, "none": 0} for k in ("title", "date", "author", "outlet")
        }
        misses: list[str] = []
        for r in data:
            if r["renderer"] == "trafilatura":
                continue
            analysis = _kept(module, "\n".join(r["lines"]))
            meta = r["meta"]
            for key, want in (("title", meta["title"]), ("date", meta["date"]), ("author", meta["author"]),
                              ("outlet", meta["site"])):  # fmt: skip
                got = _field(analysis, key)
                if not got:
                    tally[key]["none"] += 1
                elif _norm(got) == _norm(want):
                    tally[key]["right"] += 1
                else:
                    tally[key]["wrong"] += 1
                    misses.append(f"{r['id']}.{r['renderer']} {key}: {got!r}")
        out[name] = {
            "pages": sum(1 for r in data if r["renderer"] != "trafilatura"),
            **tally,
            "misses": misses,
        }
    return out


def _status(got: str | None, want: str | None) -> str:
    return "none" if not got else "right" if _norm(got) == _norm(want) else "wrong"


def byline_scores(data: list[dict[str, Any]]) -> dict[str, Any]:
    """Author and outlet per rendering (trafilatura's too) and on the .html pages themselves (extracted
    by our HTML path, whose meta tags give trafilatura's author and site name), against the meta tags."""
    from reader.text.html import extract_article

    out: dict[str, Any] = {}
    for renderer in ("w3m", "lynx", "trafilatura"):
        tally = {k: {"right": 0, "wrong": 0, "none": 0} for k in ("author", "outlet")}
        for r in data:
            if r["renderer"] != renderer:
                continue
            analysis = _kept(None, "\n".join(r["lines"]))
            for key, want in (("author", r["meta"]["author"]), ("outlet", r["meta"]["site"])):
                tally[key][_status(_field(analysis, key), want)] += 1
        out[renderer] = tally
    tally = {k: {"right": 0, "wrong": 0, "none": 0} for k in ("author", "outlet")}
    for meta in {r["id"]: r["meta"] for r in data}.items():
        path = FRESH / "html" / f"{meta[0]}.html"
        analysis = analyse(extract_article(path, path.read_text(encoding="utf-8"), "utf-8"))
        for key, want in (("author", meta[1]["author"]), ("outlet", meta[1]["site"])):
            tally[key][_status(_field(analysis, key), want)] += 1
    out["html"] = tally
    return out


def main() -> int:
    data = rows()
    prev = previous_rules.load()
    result = {
        "data": "tests/data/fresh_pages (63 pages, 3 renderings each; en2/en3: English batches 2 and 3; "
        "paywalled: batch 4 in eight languages; scripts: batch 5, Chinese, Japanese, Korean, Arabic, Hindi, "
        "Turkish, Greek, Hebrew)",
        "lines": line_scores(data, prev),
        "metadata": metadata_scores(data, prev),
        "author_outlet": byline_scores(data),
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
