"""Show what the pipeline made of one file: kept and dropped lines, title, date, sentences."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli import analyse_file
from reader.text.pipeline import Analysis
from reader.text.sanitize import display_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a text file or saved web page")
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    analysis = analyse_file(args.file, "inspect")
    if args.json:
        json.dump(analysis.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(analysis))
    return 0


def render(analysis: Analysis) -> str:
    """People-readable report; control characters are made visible, never sent raw."""
    doc = analysis.document
    out = [
        f"path:      {display_safe(str(doc.path))}",
        f"id:        {doc.id}",
        f"encoding:  {doc.encoding}",
        f"title:     {display_safe(analysis.title or '(none)')}",
        f"date:      {analysis.date or '(none)'}",
        f"lines:     {sum(ln.kept for ln in analysis.lines)} kept of {len(analysis.lines)}",
        f"sentences: {len(analysis.sentences)}",
        "",
    ]
    for line in analysis.lines:
        mark = "+" if line.kept else "-"
        text = display_safe(line.text)
        if len(text) > 70:
            text = text[:69] + "…"
        out.append(f"{mark} {line.start:>7}  {text}")
        if not line.kept:
            out.append(f"{'':>11}({line.reason})")
    out.append("")
    for i, sentence in enumerate(analysis.sentences, 1):
        out.append(f"[{i}] {sentence.start}-{sentence.end}  {display_safe(sentence.text)}")
    return "\n".join(out) + "\n"
