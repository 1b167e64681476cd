"""Whole-pipeline speed (boilerplate strip + sentence split), stage by stage, with baselines.

Run: python tests/benchmarks/bench_pipeline.py   (prints JSON). MB are 10^6 UTF-8 bytes.
- pipeline: `analyse()` on a 5 MB corpus of documents built by repeating the seeds' texts;
- strippers on the same lines: ours, the one-line rule (>= 8 words, ends in . ! ?), jusText;
  with their line accuracy on the seeds' hand labels (captions not scored);
- segmenters on the lines our stripper keeps: ours, pySBD, blingfire, syntok;
- linearity: a 1 MB single-line article, and MB/s of one `analyse()` call on 5 MB vs 50 MB.
Shared data is only needed for the seed labels; without it that part is skipped.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import previous_rules

from reader.text import boilerplate
from reader.text.document import Document
from reader.text.lines import Line, split_lines
from reader.text.pipeline import analyse
from reader.text.sentences import split_sentences

HERE = Path(__file__).resolve()
SEEDS = HERE.parents[2] / "seeds"
SHARED = Path(os.environ.get("READER_SHARED_DATA", HERE.parents[3] / "shared" / "data"))
MB = 1e6

Stripper = Callable[[list[Line]], list[bool]]


def size_mb(text: str) -> float:
    return len(text.encode("utf-8")) / MB


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def cpu_timed(action: Callable[[], object]) -> float:
    """CPU seconds of this process: on a shared machine other processes stretch wall time, not this."""
    began = time.process_time()
    action()
    return time.process_time() - began


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def repeat_to(texts: list[str], megabytes: float) -> list[str]:
    unit = sum(size_mb(t) for t in texts)
    return texts * int(megabytes / unit + 1)


# --- Strippers --------------------------------------------------------------------------------


def ours_stripper(lines: list[Line]) -> list[bool]:
    return [d.kept for d in boilerplate.classify(lines)]


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def one_line_rule(lines: list[Line]) -> list[bool]:
    return [len(ln.text.split()) >= 8 and _SENTENCE_END.search(ln.text) is not None for ln in lines]


def make_justext() -> Stripper:
    import justext

    stoplist = justext.get_stoplist("English")

    def strip(lines: list[Line]) -> list[bool]:
        # One <p> per line, so each jusText paragraph is one of our lines.
        page = "<html><body>" + "".join(f"<p>{html.escape(ln.text)}</p>" for ln in lines) + "</body></html>"
        paragraphs = justext.justext(page, stoplist)
        kept = [not p.is_boilerplate for p in paragraphs]
        return kept if len(kept) == len(lines) else [False] * len(lines)

    return strip


def strippers() -> dict[str, Stripper]:
    found: dict[str, Stripper] = {"ours": ours_stripper, "one_line_rule": one_line_rule}
    try:
        found["justext"] = make_justext()
    except ImportError as exc:
        print(f"skipping jusText: {exc}", file=sys.stderr)
    return found


def seed_line_accuracy(strip: Stripper) -> dict[str, float] | None:
    labels_path = SHARED / "seed_boilerplate_labels.json"
    if not labels_path.is_file():
        return None
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    right = total = tp = fp = fn = 0
    for name, rows in labels.items():
        lines = split_lines((SEEDS / name).read_text(encoding="utf-8"))
        for kept, row in zip(strip(lines), rows, strict=True):
            if row["label"] == "caption":
                continue
            content = row["label"] == "content"
            total += 1
            right += kept == content
            tp += kept and content
            fp += kept and not content
            fn += content and not kept
    return {
        "accuracy": round(right / total, 3),
        "precision": round(tp / max(1, tp + fp), 3),
        "recall": round(tp / max(1, tp + fn), 3),
    }


# --- Segmenters -------------------------------------------------------------------------------


def segmenters() -> dict[str, Callable[[str], object]]:
    found: dict[str, Callable[[str], object]] = {"ours": split_sentences}
    try:
        import pysbd

        found["pysbd"] = pysbd.Segmenter(language="en", clean=False).segment
    except ImportError as exc:
        print(f"skipping pysbd: {exc}", file=sys.stderr)
    try:
        import blingfire

        found["blingfire"] = blingfire.text_to_sentences
    except ImportError as exc:
        print(f"skipping blingfire: {exc}", file=sys.stderr)
    try:
        from syntok import segmenter

        found["syntok"] = lambda text: [s for p in segmenter.analyze(text) for s in p]
    except ImportError as exc:
        print(f"skipping syntok: {exc}", file=sys.stderr)
    return found


# --- Main -------------------------------------------------------------------------------------


def main() -> int:
    report: dict = {}
    texts = repeat_to(seed_texts(), 5)
    documents = [Document.from_text(t, path=f"seed-copy-{i}.txt") for i, t in enumerate(texts)]
    corpus_mb = sum(size_mb(t) for t in texts)
    report["corpus"] = {"documents": len(documents), "mb": round(corpus_mb, 3)}

    # The pipeline, whole and by stage.
    seconds = min(timed(lambda: [analyse(d) for d in documents]) for _ in range(2))
    # The rules before issue 10 (commit 56276fd), on the same documents in the same run: under load the
    # ratio says more than either figure, so both are also timed in CPU seconds, alternately.
    previous = previous_rules.load()
    previous_seconds = None
    cpu_ours: list[float] = []
    cpu_previous: list[float] = []
    if previous is not None:
        old_docs = [previous.document.Document.from_text(t) for t in texts]
        previous_seconds = min(
            timed(lambda: [previous.pipeline.analyse(d) for d in old_docs]) for _ in range(2)
        )
        for _ in range(3):
            cpu_ours.append(cpu_timed(lambda: [analyse(d) for d in documents]))
            cpu_previous.append(cpu_timed(lambda: [previous.pipeline.analyse(d) for d in old_docs]))
    all_lines = [split_lines(t) for t in texts]
    lines_s = timed(lambda: [split_lines(t) for t in texts])
    classify_s = timed(lambda: [boilerplate.classify(ls) for ls in all_lines])
    kept = [[ln for ln, d in zip(ls, boilerplate.classify(ls), strict=True) if d.kept] for ls in all_lines]
    split_s = timed(
        lambda: [split_sentences(t, ln.start, ln.end) for t, ls in zip(texts, kept, strict=True) for ln in ls]
    )
    kept_mb = sum(size_mb(ln.text) for ls in kept for ln in ls)
    report["pipeline"] = {
        "analyse_mb_per_s": round(corpus_mb / seconds, 3),
        "analyse_mb_per_s_56276fd": round(corpus_mb / previous_seconds, 3) if previous_seconds else None,
        "analyse_cpu_mb_per_s": round(corpus_mb / min(cpu_ours), 3) if cpu_ours else None,
        "analyse_cpu_mb_per_s_56276fd": round(corpus_mb / min(cpu_previous), 3) if cpu_previous else None,
        "cpu_ratio_ours_to_56276fd": round(min(cpu_previous) / min(cpu_ours), 3) if cpu_ours else None,
        "floor_mb_per_s": 1.0,
        "stages_seconds": {
            "split_lines": round(lines_s, 3),
            "boilerplate_classify": round(classify_s, 3),
            "split_sentences_on_kept_lines": round(split_s, 3),
        },
        "stage_mb_per_s": {
            "split_lines": round(corpus_mb / lines_s, 3),
            "boilerplate_classify": round(corpus_mb / classify_s, 3),
            "split_sentences_kept_lines": round(kept_mb / split_s, 3) if split_s else None,
        },
        "kept_share": round(kept_mb / corpus_mb, 3),
    }
    print("pipeline: done", file=sys.stderr)

    # Strippers on the same lines.
    report["strippers"] = {}
    for name, strip in strippers().items():
        share = 10 if name == "justext" else 1  # jusText is slow: time it on a tenth
        part = all_lines[: max(1, len(all_lines) // share)]
        part_mb = sum(size_mb(t) for t in texts[: len(part)])
        row: dict = {"mb_per_s": round(part_mb / timed(lambda s=strip, p=part: [s(ls) for ls in p]), 3)}
        row["seed_lines"] = seed_line_accuracy(strip)
        if share > 1:
            row["timed_on"] = f"1/{share} of the corpus"
        report["strippers"][name] = row
    print("strippers: done", file=sys.stderr)

    # Segmenters on the lines our stripper keeps.
    report["segmenters_on_kept_lines"] = {}
    pieces = [ln.text for ls in kept for ln in ls]
    for name, split in segmenters().items():
        share = {"pysbd": 20, "syntok": 4}.get(name, 1)
        part = pieces[: max(1, len(pieces) // share)]
        part_mb = sum(size_mb(p) for p in part)
        row = {"mb_per_s": round(part_mb / timed(lambda s=split, p=part: [s(x) for x in p]), 3)}
        if share > 1:
            row["timed_on"] = f"1/{share} of the kept lines"
        report["segmenters_on_kept_lines"][name] = row
    print("segmenters: done", file=sys.stderr)

    # Linearity: one 1 MB line; one analyse() call on 5 MB and on 50 MB.
    sentences = [ln.text for t in seed_texts() for ln in split_lines(t) if len(ln.text.split()) >= 8]
    paragraph = " ".join(sentences)
    line = " ".join([paragraph] * int(1 / size_mb(paragraph) + 1))
    one_line = Document.from_text(line + "\n", path="one-line.txt")
    report["linearity"] = {
        "single_line_mb": round(size_mb(line), 3),
        "single_line_split_seconds": round(timed(lambda: split_sentences(line)), 3),
        "single_line_analyse_seconds": round(timed(lambda: analyse(one_line)), 3),
        "single_line_kept": analyse(one_line).lines[0].kept,
        "single_line_limit_seconds": 1.0,
    }
    for megabytes in (5, 50):
        text = "\n".join(repeat_to(seed_texts(), megabytes))
        document = Document.from_text(text, path=f"big-{megabytes}.txt")
        seconds = timed(lambda d=document: analyse(d))
        report["linearity"][f"analyse_one_call_{megabytes}mb_mb_per_s"] = round(size_mb(text) / seconds, 3)
        del text, document
        print(f"linearity {megabytes} MB: done", file=sys.stderr)
    small = report["linearity"]["analyse_one_call_5mb_mb_per_s"]
    large = report["linearity"]["analyse_one_call_50mb_mb_per_s"]
    report["linearity"]["ratio_50mb_to_5mb"] = round(large / small, 3)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
