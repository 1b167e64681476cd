"""Boilerplate line classifier: content-line precision/recall/F1 and speed, beside two baselines.

Baselines measured in the same run on the same lines: jusText (each line wrapped in <p>, English
stoplist) and the one-line rule (>= 8 words and ends in . ! ?). Data: the five seeds with their hand
labels (folder rule off and on), and the English pages of boilerplate_lines.jsonl (headline lines count
as content). Speed: MB/s of split_lines + classify on each jsonl page as its own document, on 100,000
short lines and on a single 1 MB line, in CPU time of this process (one core; other processes on a
shared machine distort it less than wall time), best of three. Prints one JSON object.

    python tests/benchmarks/bench_boilerplate.py
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import previous_rules

from reader.text.boilerplate import classify, clear_memo, folder_stats
from reader.text.lines import split_lines

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("READER_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
SEEDS = ROOT / "seeds"

_END = re.compile(r"[.!?][\"'”’)]*$")


def one_line_rule(lines: Sequence[str]) -> list[bool]:
    return [len(t.split()) >= 8 and bool(_END.search(t)) for t in lines]


def justext_rule(lines: Sequence[str]) -> list[bool]:
    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    kept = {" ".join(p.text.split()) for p in paragraphs if not p.is_boilerplate}
    if len(paragraphs) == len(lines):
        return [not p.is_boilerplate for p in paragraphs]
    return [" ".join(t.split()) in kept for t in lines]


def ours(lines: Sequence[str]) -> list[bool]:
    return [d.kept for d in classify(split_lines("\n".join(lines)))]


_PREVIOUS = previous_rules.load()


def previous(lines: Sequence[str]) -> list[bool]:
    """Our rules at 56276fd (before issue 10), on the same lines."""
    assert _PREVIOUS is not None
    module = _PREVIOUS.boilerplate
    return [d.kept for d in module.classify(_PREVIOUS.lines.split_lines("\n".join(lines)))]


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.page_f1: list[float] = []

    def add(self, predicted: Sequence[bool], gold: Sequence[bool | None]) -> None:
        tp = fp = fn = 0
        for p, g in zip(predicted, gold, strict=True):
            if g is None:
                continue
            tp += p and g
            fp += p and not g
            fn += g and not p
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn
        self.page_f1.append(_f1(tp, fp, fn))

    def as_dict(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(_f1(self.tp, self.fp, self.fn), 4),
            "f1_page_mean": round(sum(self.page_f1) / len(self.page_f1), 4) if self.page_f1 else 0.0,
            "content_lines_dropped": self.fn,
            "boilerplate_lines_kept": self.fp,
        }


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def seeds_benchmark() -> dict[str, object]:
    labels = json.loads((DATA / "seed_boilerplate_labels.json").read_text(encoding="utf-8"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    stats = folder_stats([ln.text for ln in split_lines(t)] for t in texts.values())
    scores = {
        "ours_folder_off": Score(),
        "ours_folder_on": Score(),
        "justext": Score(),
        "one_line_rule": Score(),
        "ours_56276fd_folder_off": Score(),
    }
    for name, text in texts.items():
        lines = split_lines(text)
        rows = labels[name]
        gold: list[bool | None] = [None if r["label"] == "caption" else r["label"] == "content" for r in rows]
        plain = [ln.text for ln in lines]
        scores["ours_folder_off"].add([d.kept for d in classify(lines)], gold)
        scores["ours_folder_on"].add([d.kept for d in classify(lines, folder=stats)], gold)
        scores["justext"].add(justext_rule(plain), gold)
        scores["one_line_rule"].add(one_line_rule(plain), gold)
        if _PREVIOUS is not None:
            scores["ours_56276fd_folder_off"].add(previous(plain), gold)
    return {k: v.as_dict() for k, v in scores.items()}


def jsonl_pages(english: bool = True) -> list[tuple[list[str], list[bool]]]:
    pages = []
    with (DATA / "boilerplate_lines.jsonl").open(encoding="utf-8") as fh:
        for raw in fh:
            page = json.loads(raw)
            if (page["lang"] == "en") != english:
                continue
            gold = [bool(x) for x in page["labels"]]
            for i in page.get("headline_idx") or []:
                gold[i] = True
            pages.append((page["lines"], gold))
    return pages


def jsonl_benchmark(pages: list[tuple[list[str], list[bool]]]) -> dict[str, object]:
    methods: dict[str, Callable[[Sequence[str]], list[bool]]] = {
        "ours": ours,
        "justext": justext_rule,
        "one_line_rule": one_line_rule,
    }
    if _PREVIOUS is not None:
        methods["ours_56276fd"] = previous
    out: dict[str, object] = {"pages": len(pages), "lines": sum(len(p[0]) for p in pages)}
    for name, method in methods.items():
        score = Score()
        for lines, gold in pages:
            score.add(method(lines), gold)
        out[name] = score.as_dict()
    return out


def _rate(texts: Sequence[str], method: Callable[[str], object], repeat: int = 3, memo: bool = True) -> float:
    """MB/s (UTF-8 megabytes per CPU second) of `method` run on each text as its own document.

    Each run starts with an empty line memo; with memo=False it is emptied before every document, so
    nothing learnt on one page helps the next.
    """
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        clear_memo()
        t0 = time.process_time()
        for text in texts:
            if not memo:
                clear_memo()
            method(text)
        best = min(best, time.process_time() - t0)
    return round(size / best, 2)


def _ours_on(text: str) -> object:
    return classify(split_lines(text))


def _rule_on(text: str) -> object:
    return one_line_rule([ln.text for ln in split_lines(text)])


def speed_benchmark(pages: list[tuple[list[str], list[bool]]]) -> dict[str, object]:
    documents = ["\n".join(lines) for lines, _ in pages]
    many = [
        "\n".join(
            f"Menu item {i}" if i % 3 else f"This is sentence number {i} of a page." for i in range(100_000)
        )
    ]
    huge = [("word " * 200_000).strip() + "."]
    cases = {"jsonl_pages_one_by_one": documents, "100k_lines": many, "one_1mb_line": huge}
    return {
        "jsonl_text_mb": round(sum(len(d.encode("utf-8")) for d in documents) / 1e6, 2),
        "ours_mb_per_s": {name: _rate(texts, _ours_on) for name, texts in cases.items()},
        "ours_mb_per_s_no_memo_across_pages": _rate(documents, _ours_on, memo=False),
        "one_line_rule_mb_per_s": {name: _rate(texts, _rule_on) for name, texts in cases.items()},
    }


def main() -> int:
    if not (DATA / "boilerplate_lines.jsonl").is_file():
        print(f"shared data not found at {DATA}; nothing to measure", file=sys.stderr)
        return 0
    pages = jsonl_pages()
    result = {
        "seeds": seeds_benchmark(),
        "jsonl_english": jsonl_benchmark(pages),
        # jusText with its English stoplist here too: the set's language tags are crude guesses.
        "jsonl_other_languages": jsonl_benchmark(jsonl_pages(english=False)),
        "speed": speed_benchmark(pages),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
