"""The agreement exercise on the five seeds: two annotators who followed reader/guidelines.md
independently, put in a fresh store as two annotators who finished every seed, then `reader agree`.

  annotator A  "seed-gold": tests/data/seed_tags_gold.json (made with the guidelines by an earlier
               session; the suggestion benchmark's gold)
  annotator B  "helper-b": tests/data/agreement_exercise/annotator_b.json (a blind second pass)
  annotators C, D  "ann-c", "ann-d": tests/data/agreement_exercise/annotator_{c,d}.json, two fresh
               sessions that read only the guidelines and `reader inspect`'s sentences, each alone
               (rows [label, start, end] or ["quote", start, end, speaker] in the seed's text)

  PYTHONPATH=. python tests/tools/agreement_exercise.py [--json] [--keep DIR] [--annotator NAME]...

`--annotator` limits `reader agree` to those annotators (e.g. `--annotator ann-c --annotator ann-d`
for the two independent passes alone).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotations.model import DocumentRef  # noqa: E402
from annotations.store import Store  # noqa: E402
from reader.text.corpus import read_document  # noqa: E402
from reader.text.pipeline import analyse  # noqa: E402

SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seed_tags_gold.json"
SECOND = ROOT / "tests" / "data" / "agreement_exercise" / "annotator_b.json"
OFFSET_PASSES = {
    "ann-c": ROOT / "tests" / "data" / "agreement_exercise" / "annotator_c.json",
    "ann-d": ROOT / "tests" / "data" / "agreement_exercise" / "annotator_d.json",
}


def second_pass_spans(name: str, rows: list[list[object]]) -> list[tuple[str, int, int, str | None]]:
    """annotator_b.json's rows as (label, start, end, speaker) on the seed's text."""
    analysis = analyse(read_document(SEEDS / name))
    text = analysis.document.text
    out: list[tuple[str, int, int, str | None]] = []
    for row in rows:
        label = str(row[0])
        if label == "quote":
            first, last, speaker = str(row[1]), str(row[2]), str(row[3])
            start = text.index(first)
            end = text.index(last, start) + len(last)
            out.append((label, start, end, speaker))
        else:
            first = str(row[1])
            [sentence] = [s for s in analysis.sentences if s.text.startswith(first)]
            out.append((label, sentence.start, sentence.end, None))
    return out


def offset_spans(rows: list[list[object]]) -> list[tuple[str, int, int, str | None]]:
    """An offsets pass's rows as (label, start, end, speaker)."""
    out: list[tuple[str, int, int, str | None]] = []
    for row in rows:
        speaker = row[3] if len(row) > 3 else None
        who = None if speaker is None else str(speaker)
        out.append((str(row[0]), int(str(row[1])), int(str(row[2])), who))
    return out


def build(store_dir: Path) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    second = json.loads(SECOND.read_text(encoding="utf-8"))
    for annotator, file in OFFSET_PASSES.items():
        if file.exists():
            rows = json.loads(file.read_text(encoding="utf-8"))
            with Store.open(store_dir, annotator=annotator) as store:
                for path in sorted(SEEDS.iterdir()):
                    document = read_document(path)
                    ref = DocumentRef(document.id, path.name, document.text)
                    for label, start, end, speaker in offset_spans(rows[path.name]):
                        store.add(ref, label, start, end, speaker=speaker)
                    store.set_finished(ref, True)
    for annotator, source in (("seed-gold", "gold"), ("helper-b", "second")):
        with Store.open(store_dir, annotator=annotator) as store:
            for path in sorted(SEEDS.iterdir()):
                document = read_document(path)
                ref = DocumentRef(document.id, path.name, document.text)
                if source == "gold":
                    items = [(r["label"], r["start"], r["end"], r.get("speaker")) for r in gold[path.name]]
                else:
                    items = second_pass_spans(path.name, second[path.name])
                for label, start, end, speaker in items:
                    store.add(ref, label, start, end, speaker=speaker)
                store.set_finished(ref, True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    parser.add_argument("--annotator", action="append", default=[], help="only these annotators")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="agreement-exercise-"))
    build(folder / "store")
    command = [
        sys.executable,
        "-m",
        "reader",
        "agree",
        "--store",
        str(folder / "store"),
        "--corpus",
        str(SEEDS),
    ]
    for name in args.annotator:
        command += ["--annotator", name]
    subprocess.run([*command, *(["--json"] if args.json else [])], check=True)


if __name__ == "__main__":
    main()
