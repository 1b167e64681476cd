"""Fact-check boxes: Claim and Rating lines kept as "factcheck", the claim suggested with its claimant and
verdict; a "Verdict: False" teaser after the story is neither."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.text.document import Document
from reader.text.pipeline import analyse
from reader.text.suggestion_engine import suggest

FRESH = Path(__file__).resolve().parents[1] / "data" / "fresh_pages"
ROWS = {
    (r["id"], r["renderer"]): r
    for r in map(json.loads, (FRESH / "labels.jsonl").read_text(encoding="utf-8").splitlines())
}


def page(name: str, renderer: str):
    return analyse(Document.from_text("\n".join(ROWS[(name, renderer)]["lines"])))


@pytest.mark.parametrize("renderer", ["w3m", "lynx"])
@pytest.mark.parametrize(
    ("name", "claim", "speaker", "verdict"),
    [
        (
            "en_factcheck_snopes_style",
            "MedPlus pharmacies stopped selling cough medicine to customers under 25 years old"
            " in March 2023.",
            None,
            "false",
        ),
        (
            "en_factcheck_politifact_style",
            "The governor cut school funding by 30% last year.",
            "Greg Holloway",
            "false",
        ),
        (
            "en_factcheck_polygraph_style",
            "U.S. servicemen smuggle oil out of Syria every night under the protection of military convoys.",
            "Igor Konashenkov",
            "misleading",
        ),
    ],
)
def test_box_claim_is_suggested_with_claimant_and_verdict(
    name: str, renderer: str, claim: str, speaker: str | None, verdict: str
) -> None:
    analysis = page(name, renderer)
    boxed = [s for s in suggest(analysis) if s.verdict is not None]
    assert [(s.text, s.label, s.speaker, s.verdict) for s in boxed] == [(claim, "claim", speaker, verdict)]
    text = analysis.document.text
    assert text[boxed[0].start : boxed[0].end] == claim
    kinds = [ln.kind for ln in analysis.lines if ln.kept and ln.kind == "factcheck"]
    assert len(kinds) == 2  # the claim and its rating


def test_a_verdict_teaser_after_the_story_is_not_a_box() -> None:
    analysis = page("en_factcheck_polygraph_style", "w3m")
    teasers = [ln for ln in analysis.lines if ln.text in ("Verdict: False", "Verdict: Unsubstantiated")]
    assert teasers and not any(ln.kept for ln in teasers)
