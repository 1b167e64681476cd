"""What suggestions add to the reading screen on a 1 MB article, beside what a tag keystroke already costs.

After every store change the screen recomputes which suggestions are still open (`pending`: dismissed
and already tagged ones left out). Baseline, in the same run: the work `_apply` already did per change
before suggestions (merge the tagged spans and count the tagged sentences). The engine itself runs once
per opened document, in a thread worker; its time is printed for scale.

Run: python tests/benchmarks/bench_suggestion_layer.py  (prints JSON)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from reader.screens.reading_suggestions import overlay_style
from reader.services.entries import tagged_count
from reader.services.open_suggestions import pending
from reader.text.corpus import bundled_seeds
from reader.text.pipeline import analyse
from reader.text.suggestion_engine import suggest
from reader.widgets.article_view import Overlay

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_suggestions import big_article


def best_ms(fn: Any, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(min(times), 2)


def main() -> None:
    document = big_article(bundled_seeds())
    analysis = analyse(document)
    t0 = time.perf_counter()
    found = suggest(analysis)
    engine_ms = round((time.perf_counter() - t0) * 1000, 1)
    sentences = [(s.start, s.end) for s in analysis.sentences]
    # A heavily tagged article: every other suggestion accepted, every tenth dismissed.
    tagged = [(s.label, s.start, s.end) for s in found[::2]]
    dismissed = {(s.label, s.start, s.end) for s in found[1::10]}

    def baseline() -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for label, a, b in tagged:
            spans.setdefault(label, []).append((a, b))
        tagged_count(sentences, sorted(span for items in spans.values() for span in items))

    def refilter() -> None:
        pending(found, dismissed=dismissed, tagged=tagged, labels=("claim", "quote", "fact"))

    def refilter_and_overlays() -> None:
        shown = pending(found, dismissed=dismissed, tagged=tagged, labels=("claim", "quote", "fact"))
        overlays = [Overlay(s.start, s.end, overlay_style(s.label), "?" + s.label[0]) for s in shown]
        sorted(overlays, key=lambda o: (o.start, o.end))  # what ArticleView.set_overlays does

    result = {
        "article_chars": len(document.text),
        "sentences": len(sentences),
        "suggestions": len(found),
        "tags": len(tagged),
        "engine_once_per_open_ms (worker thread)": engine_ms,
        "per_store_change_ms": {
            "baseline: merge tags + count tagged sentences": best_ms(baseline),
            "suggestions: pending() refilter": best_ms(refilter),
            "suggestions: refilter + overlays for the view": best_ms(refilter_and_overlays),
        },
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
