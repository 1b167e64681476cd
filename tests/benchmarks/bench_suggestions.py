"""Suggestion quality on the hand-labelled seeds, and speed on a 1 MB article, against a baseline.

Run: python tests/benchmarks/bench_suggestions.py  (prints JSON). Span matching is described in
reader/text/suggestion_evaluation.py: exact for quotes; >= 50% overlap of the gold span for claims/facts.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from reader.text.corpus import bundled_seeds, read_document
from reader.text.document import Document
from reader.text.pipeline import Analysis, analyse
from reader.text.suggestion_engine import suggest
from reader.text.suggestion_evaluation import score

GOLD = Path(__file__).resolve().parents[1] / "data" / "seed_tags_gold.json"
_SAID = re.compile(r"\bsaid\s+([A-Z][\w’'-]*)")


def baseline(analysis: Analysis) -> list[dict[str, Any]]:
    """Every sentence with a quote mark is a quote (speaker: the capitalised word after 'said'),
    every other sentence with 'said' a claim, every other sentence with a digit a fact."""
    rows = []
    for s in analysis.sentences:
        if re.search(r"[\"“”]", s.text):
            m = _SAID.search(s.text)
            rows.append(
                {"start": s.start, "end": s.end, "label": "quote", "speaker": m.group(1) if m else None}
            )
        elif re.search(r"\bsaid\b", s.text):
            rows.append({"start": s.start, "end": s.end, "label": "claim", "speaker": None})
        elif re.search(r"\d", s.text):
            rows.append({"start": s.start, "end": s.end, "label": "fact", "speaker": None})
    return rows


def big_article(seeds: Path, size: int = 1_000_000) -> Document:
    paragraphs: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        paragraphs.extend(p for p in read_document(path).text.split("\n") if len(p) > 80)
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        out.append(p)
        total += len(p) + 2
        i += 1
    return Document.from_text("\n\n".join(out), path=Path("big.txt"), encoding="utf-8")


def best_ms(fn: Any, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(min(times) * 1000, 1)


def held_out() -> list[tuple[str, list[dict[str, Any]]]]:
    """The hand-written paragraphs of the unit tests (not from the seeds), with offsets."""
    path = Path(__file__).resolve().parents[1] / "unit" / "test_suggestions.py"
    spec = importlib.util.spec_from_file_location("suggestion_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = []
    for text, labels in module.HELD_OUT + module.HELD_OUT_2 + module.HELD_OUT_3:
        rows = []
        for snippet, label, speaker in labels:
            start = text.index(snippet)
            rows.append({"start": start, "end": start + len(snippet), "label": label, "speaker": speaker})
        out.append((text, rows))
    return out


def main() -> int:
    seeds = bundled_seeds()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ours, base = [], []
    for name, rows in sorted(gold.items()):
        analysis = analyse(read_document(seeds / name))
        ours.append((rows, [s.to_json() for s in suggest(analysis)]))
        base.append((rows, baseline(analysis)))
    held_ours, held_base = [], []
    for text, rows in held_out():
        analysis = analyse(Document.from_text(text))
        held_ours.append((rows, [s.to_json() for s in suggest(analysis)]))
        held_base.append((rows, baseline(analysis)))
    doc = big_article(seeds)
    analysis = analyse(doc)
    size_mb = len(doc.text.encode("utf-8")) / 1_000_000
    pathological = {}
    for name, unit in (
        ("one_line_of_quotes", "“We will win this war,” he said and Mr Lee said that “it is over” "),
        ("marks_only", "“”\"‘’' "),
        ("said_without_stops", "officials said that the army said that "),
        ("seeds_as_one_line", ""),
    ):
        text = unit * (1_000_000 // len(unit)) if unit else doc.text.replace("\n", " ")
        analysis_p = analyse(Document.from_text(text, path=Path(name)))
        pathological[name + "_ms_per_mb"] = round(best_ms(lambda a=analysis_p: suggest(a), repeat=1), 1)
    result = {
        "matching": "quote: exact span; claim/fact: suggestion equals or overlaps >= 50% of a gold span",
        "speaker": "speaker_accuracy: names share words (subset, articles/honorifics dropped); "
        "speaker_exact: same words",
        "seeds": {"engine": score(ours), "baseline": score(base)},
        "held_out": {"engine": score(held_ours), "baseline": score(held_base)},
        "speed": {
            "article_mb": round(size_mb, 2),
            "sentences": len(analysis.sentences),
            "engine_ms_per_mb": round(best_ms(lambda: suggest(analysis)) / size_mb, 1),
            "baseline_ms_per_mb": round(best_ms(lambda: baseline(analysis)) / size_mb, 1),
            "analyse_ms_per_mb": round(best_ms(lambda: analyse(doc), repeat=1) / size_mb, 1),
            "pathological_suggest_only": pathological,
        },
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
