"""How well suggestions agree with hand labels: precision/recall per label and speaker accuracy.

Matching (documented in the benchmark output): a quote matches only a gold quote with exactly the
same span; a claim or fact matches a gold span of the same label when the suggestion equals it or
covers at least half of it (overlap >= 50% of the gold span's length). Each gold span is matched
at most once. A found quote's speaker is right when, after lower-casing and dropping articles,
honorifics and possessives, one name's words contain the other's ("Polishchuk" ~ "Aleksey Polishchuk").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotations.model import DEFAULT_LABELS

LABELS = DEFAULT_LABELS
_DROP = frozenset(["the", "a", "an", "mr", "ms", "mrs", "dr", "sir"])


def _span_match(label: str, s: tuple[int, int], g: tuple[int, int]) -> bool:
    if label == "quote":
        return s == g
    overlap = min(s[1], g[1]) - max(s[0], g[0])
    return s == g or overlap * 2 >= g[1] - g[0] > 0


def _name_words(name: str | None) -> list[str]:
    if not name:
        return []
    name = re.sub(r"[’']s\b", "", name.lower())
    return [w for w in re.findall(r"\w+", name) if w not in _DROP]


def speaker_matches(found: str | None, gold: str | None) -> bool:
    a, b = _name_words(found), _name_words(gold)
    if not a or not b:
        return a == b
    return set(a) <= set(b) or set(b) <= set(a)


def score(pairs: Iterable[tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]]) -> dict[str, Any]:
    """`pairs` = (gold rows, suggested rows) per document; rows have start, end, label, speaker."""
    counts = {label: {"tp": 0, "suggested": 0, "gold": 0, "found": 0} for label in LABELS}
    speakers_right = speakers_exact = quotes_found = 0
    for gold, suggested in pairs:
        for label in LABELS:
            g_rows = [g for g in gold if g["label"] == label]
            s_rows = [s for s in suggested if s["label"] == label]
            counts[label]["gold"] += len(g_rows)
            counts[label]["suggested"] += len(s_rows)
            used: set[int] = set()
            for s in s_rows:
                for i, g in enumerate(g_rows):
                    if i not in used and _span_match(label, (s["start"], s["end"]), (g["start"], g["end"])):
                        used.add(i)
                        counts[label]["tp"] += 1
                        if label == "quote":
                            quotes_found += 1
                            speakers_right += speaker_matches(s.get("speaker"), g.get("speaker"))
                            speakers_exact += _name_words(s.get("speaker")) == _name_words(g.get("speaker"))
                        break
            counts[label]["found"] += len(used)
    out: dict[str, Any] = {}
    for label, c in counts.items():
        out[label] = {
            "precision": round(c["tp"] / c["suggested"], 3) if c["suggested"] else None,
            "recall": round(c["found"] / c["gold"], 3) if c["gold"] else None,
            "suggested": c["suggested"],
            "gold": c["gold"],
        }
    out["speaker_accuracy"] = round(speakers_right / quotes_found, 3) if quotes_found else None
    out["speaker_exact"] = round(speakers_exact / quotes_found, 3) if quotes_found else None
    return out
