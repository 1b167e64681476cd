"""Sentence segmenters side by side: accuracy on the shared cases and speed on the same text.

Run: python tests/benchmarks/bench_sentences.py   (prints JSON; needs the bench extra and numpy
for blingfire). Accuracy: Golden Rules (pySBD's 48-case subset), the 44 news cases, and the gold
spans of the seeds' content lines. Speed: MB/s (UTF-8 bytes) splitting the seeds' lines one at a
time, as the pipeline does, and one long paragraph (every content line joined) per segmenter.
Linearity: MB/s on a small and a large paragraph per segmenter, and ours on pathological input.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reader.text.lines import split_lines
from reader.text.sentences import split_sentences

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[2] / "seeds"
SHARED = Path(os.environ.get("READER_SHARED_DATA", HERE.parents[3] / "shared" / "data"))

Segmenter = Callable[[str], list[str]]


def ours(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


_NAIVE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def naive(text: str) -> list[str]:
    """The placeholder this module replaced: split after every . ! ? and whitespace."""
    return _NAIVE.split(text)


def make_pysbd() -> Segmenter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: list(segmenter.segment(text))


def make_blingfire() -> Segmenter:
    import blingfire

    return lambda text: blingfire.text_to_sentences(text).split("\n") if text.strip() else []


def make_syntok() -> Segmenter:
    from syntok import segmenter

    def split(text: str) -> list[str]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                if sentence:
                    start = sentence[0].offset
                    last = sentence[-1]
                    out.append(text[start : last.offset + len(last.value)])
        return out

    return split


def segmenters() -> dict[str, Segmenter]:
    found: dict[str, Segmenter] = {"ours": ours, "naive_regex": naive}
    for name, make in (("pysbd", make_pysbd), ("blingfire", make_blingfire), ("syntok", make_syntok)):
        try:
            found[name] = make()
        except ImportError as exc:
            print(f"skipping {name}: {exc}", file=sys.stderr)
    return found


def scored(split: Segmenter, text: str) -> list[str]:
    return [s for s in (x.strip() for x in split(text)) if s]


def case_score(split: Segmenter, cases: list[dict], key: str) -> tuple[int, list]:
    failed = [case[key] for case in cases if scored(split, case["text"]) != case["sentences"]]
    return len(cases) - len(failed), failed


def spans_in(line: str, sentences: list[str]) -> list[tuple[int, int]]:
    """Locate each returned sentence in the line, in order (libraries return strings)."""
    spans, cursor = [], 0
    for sentence in sentences:
        sentence = sentence.strip()
        at = line.find(sentence, cursor) if sentence else -1
        if at >= 0:
            spans.append((at, at + len(sentence)))
            cursor = at + len(sentence)
    return spans


def seed_content() -> tuple[list[tuple[str, list[tuple[int, int]]]], int]:
    """Each content line of the seeds with its gold spans (relative to the line)."""
    gold = json.loads((SHARED / "seed_sentences_gold.json").read_text(encoding="utf-8"))
    labels = json.loads((SHARED / "seed_boilerplate_labels.json").read_text(encoding="utf-8"))
    out, total = [], 0
    for name, spans in gold.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        for line, row in zip(split_lines(text), labels[name], strict=True):
            if row["label"] != "content":
                continue
            inside = [(s["start"] - line.start, s["end"] - line.start) for s in spans]
            inside = [(a, b) for a, b in inside if 0 <= a < len(line.text)]
            out.append((line.text, inside))
            total += len(inside)
    return out, total


def seed_score(split: Segmenter, content: list[tuple[str, list[tuple[int, int]]]]) -> int:
    return sum(len(set(gold) & set(spans_in(line, split(line)))) for line, gold in content)


def mb_per_s(split: Segmenter, pieces: list[str], repeat: int = 3) -> float:
    size = sum(len(p.encode("utf-8")) for p in pieces) / 1e6
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for piece in pieces:
            split(piece)
        best = min(best, time.perf_counter() - began)
    return round(size / best, 3)


# Inputs that make careless segmenters quadratic: long runs of punctuation, quotes, abbreviations.
PATHOLOGICAL = {
    "dots": ".",
    "spaced_dots": ". ",
    "closing_quotes": "?” ",
    "opening_quotes": "“",
    "abbreviations": "Mr. ",
    "initials": "A. ",
    "lowercase_after_period": "a. ",
    "list_items": "1. a 2. b 3. c ",
    "bullets": "• ",
    "one_word": "a",
}


def seconds_for(split: Segmenter, text: str) -> float:
    began = time.perf_counter()
    split(text)
    return time.perf_counter() - began


def scaling(split: Segmenter, paragraph: str, small: int, large: int) -> dict[str, float]:
    """MB/s on one paragraph of `small` and of `large` characters; a ratio near 1 is linear."""
    text = (paragraph + " ") * (large // len(paragraph) + 1)
    repeat = 1 if small < 50_000 else 3  # the slow one runs once
    fast = {n: n / 1e6 / min(seconds_for(split, text[:n]) for _ in range(repeat)) for n in (small, large)}
    return {
        f"mb_per_s_{small // 1000}k": round(fast[small], 3),
        f"mb_per_s_{large // 1000}k": round(fast[large], 3),
        "ratio": round(fast[large] / fast[small], 3),
    }


def pathological() -> dict[str, dict[str, float]]:
    out = {}
    for name, unit in PATHOLOGICAL.items():
        small, large = (unit * (n // len(unit)) for n in (250_000, 1_000_000))
        per_mb = {n: seconds_for(ours, t) / (len(t) / 1e6) for n, t in (("small", small), ("large", large))}
        out[name] = {
            "seconds_1mb": round(per_mb["large"], 3),
            "seconds_per_mb_ratio_1mb_to_250k": round(per_mb["large"] / per_mb["small"], 3),
        }
    return out


LANG_CASES = HERE.parents[1] / "data" / "sentences"


def language_cases() -> dict[str, dict[str, str]]:
    """Ours beside pySBD on pySBD's own per-language test cases (the cases whose sentences are slices of
    the text; pySBD in the mode each list was written for) and on our Ukrainian/Belarusian cases
    (pySBD has no rules for those two: its Russian rules stand in)."""
    import pysbd

    from reader.text.sentences import split_sentences

    out: dict[str, dict[str, str]] = {}
    for name, plang_of in (("pysbd_lang_cases.json", None), ("uk_be_cases.json", {"uk": "ru", "be": "ru"})):
        data = json.loads((LANG_CASES / name).read_text(encoding="utf-8"))
        for lang, cases in data["languages"].items():
            plang = (plang_of or {}).get(lang, lang)
            plain = pysbd.Segmenter(language=plang, clean=False)
            clean = pysbd.Segmenter(language=plang, clean=True)
            usable = [c for c in cases if all(x in c["text"] for x in c["sentences"])]
            ours_ok = sum(
                [c["text"][a:b].strip() for a, b in split_sentences(c["text"])] == c["sentences"]
                for c in usable
            )
            theirs_ok = sum(
                [x.strip() for x in (clean if "CLEAN" in c.get("list", "") else plain).segment(c["text"])]
                == c["sentences"]
                for c in usable
            )
            key = f"{lang} ({'pySBD cases' if plang_of is None else 'our cases'})"
            out[key] = {"ours": f"{ours_ok}/{len(usable)}", f"pysbd_{plang}": f"{theirs_ok}/{len(usable)}"}
    return out


def main() -> int:
    if not SHARED.is_dir():
        print(f"shared data not found at {SHARED}; set READER_SHARED_DATA to run this benchmark")
        return 0
    golden = [
        c
        for c in json.loads((SHARED / "golden_rules_en.json").read_text(encoding="utf-8"))
        if c["in_pysbd_benchmark"]
    ]
    news = json.loads((SHARED / "news_sbd_cases_en.json").read_text(encoding="utf-8"))
    content, gold_total = seed_content()

    # Speed text: every seed line (boilerplate included), repeated to about 1 MB, one call per
    # line; and the content lines joined into one paragraph of about 200 KB, one call.
    seed_lines = [ln.text for p in sorted(SEEDS.glob("*.txt")) for ln in split_lines(p.read_text("utf-8"))]
    unit = sum(len(t.encode("utf-8")) for t in seed_lines)
    lines = seed_lines * (1_000_000 // unit + 1)
    paragraph = " ".join(line for line, _ in content)
    paragraph = " ".join([paragraph] * (200_000 // len(paragraph.encode("utf-8")) + 1))
    slow = {"pysbd": 10, "syntok": 2}  # time the slow ones on a slice, still reported in MB/s

    report: dict = {
        "speed_text": {
            "lines_mb": round(sum(len(t.encode("utf-8")) for t in lines) / 1e6, 3),
            "paragraph_mb": round(len(paragraph.encode("utf-8")) / 1e6, 3),
        },
        "segmenters": {},
    }
    for name, split in segmenters().items():
        golden_ok, golden_failed = case_score(split, golden, "id")
        news_ok, news_failed = case_score(split, news, "id")
        share = slow.get(name, 1)
        row = {
            "golden_rules": f"{golden_ok}/{len(golden)}",
            "golden_rules_failed": golden_failed,
            "news_cases": f"{news_ok}/{len(news)}",
            "news_cases_failed": news_failed,
            "seed_gold_found": f"{seed_score(split, content)}/{gold_total}",
            "mb_per_s_lines": mb_per_s(split, lines[: len(lines) // share], 1 if share > 1 else 3),
            "mb_per_s_paragraph": mb_per_s(
                split, [paragraph[: len(paragraph) // share]], 1 if share > 1 else 3
            ),
        }
        if share > 1:
            row["timed_on"] = f"1/{share} of the speed text"
        report["segmenters"][name] = row
        print(f"{name}: done", file=sys.stderr)
    # Linearity: one growing paragraph per segmenter (pySBD on smaller sizes, it is quadratic),
    # and our segmenter on pathological input.
    report["scaling_one_paragraph"] = {}
    for name, split in segmenters().items():
        small, large = (10_000, 40_000) if name == "pysbd" else (100_000, 800_000)
        report["scaling_one_paragraph"][name] = scaling(split, paragraph, small, large)
    report["pathological_ours"] = pathological()
    report["languages"] = language_cases()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
