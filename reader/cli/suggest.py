"""Suggest claim/quote/fact tags for one file, with the reason for each (see reader/guidelines.md)."""

from __future__ import annotations

import argparse
import json
import sys

from annotations.model import DEFAULT_LABELS
from reader.cli import analyse_file
from reader.text.sanitize import display_safe
from reader.text.suggestion_engine import Suggestion, suggest


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a text file or saved web page")
    parser.add_argument(
        "--json",
        action="store_true",
        help='machine-readable: [{"start", "end", "text", "label", "speaker", "reason"}], '
        "offsets as in `reader inspect`",
    )


def run(args: argparse.Namespace) -> int:
    analysis = analyse_file(args.file, "suggest")
    suggestions = suggest(analysis)
    if args.json:
        json.dump([s.to_json() for s in suggestions], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(suggestions))
    return 0


def render(suggestions: list[Suggestion]) -> str:
    """One block per suggestion; article text is made display-safe, never sent raw."""
    if not suggestions:
        return "no suggestions\n"
    out = []
    for s in suggestions:
        speaker = f"  speaker: {display_safe(s.speaker)}" if s.speaker else ""
        text = display_safe(s.text)
        if len(text) > 100:
            text = text[:99] + "…"
        out.append(f"? {s.label:<5} {s.start}-{s.end}{speaker}\n  {text}\n  ({display_safe(s.reason)})")
    counts = {label: sum(s.label == label for s in suggestions) for label in DEFAULT_LABELS}
    out.append(", ".join(f"{n} {label}{'s' if n != 1 else ''}" for label, n in counts.items()))
    return "\n".join(out) + "\n"
