"""The agreement exercise's annotator files stay usable: every span slices the seed's own text, and
the exercise's tool builds a store `reader agree` reads with every annotator in it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.corpus import read_document

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "data" / "agreement_exercise"
QUOTE_MARKS = "\"“”'‘’"


@pytest.mark.parametrize("name", ["annotator_c.json", "annotator_d.json"])
def test_offset_passes_slice_the_seeds(name: str) -> None:
    rows = json.loads((EXERCISE / name).read_text(encoding="utf-8"))
    seeds = sorted(p.name for p in (ROOT / "seeds").iterdir())
    assert sorted(k for k in rows if k != "about") == seeds
    for seed in seeds:
        text = read_document(ROOT / "seeds" / seed).text
        for row in rows[seed]:
            label, start, end = row[0], row[1], row[2]
            assert label in {"claim", "quote", "fact"}
            assert 0 <= start < end <= len(text)
            span = text[start:end]
            assert span == span.strip(), (seed, row)
            if label == "quote":
                assert span[0] in QUOTE_MARKS and span.rstrip(",.")[-1] in QUOTE_MARKS, (seed, span)


def test_exercise_tool_runs_agree_on_every_annotator(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests/tools/agreement_exercise.py"), "--json", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result = json.loads(out.stdout)
    assert result["annotators"] == ["ann-c", "ann-d", "helper-b", "seed-gold"]
    assert result["documents"] == 5
    assert len(result["pairs"]) == 6
    assert all(p["span_f1"] is not None for p in result["pairs"])
