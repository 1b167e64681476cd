"""Claim verdicts: the scale a fact-checker rates a claim on, and where a verdict sits on it.

The scale is listed best first (default: true ... false, then misleading and unproven) and is
configurable like the label set (`--verdicts a,b,c`, `$READER_VERDICTS`). A verdict's numeric rating,
as ClaimReview's `reviewRating` wants one, is its rank counted from the bottom of the scale: the first
verdict rates `len(scale)` (bestRating), the last rates 1 (worstRating).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_VERDICTS: tuple[str, ...] = (
    "true",
    "mostly true",
    "mixed",
    "mostly false",
    "false",
    "misleading",
    "unproven",
)
VERDICT_LABEL = "claim"  # the label that can carry a verdict
VERDICTS_ENV = "READER_VERDICTS"


def parse_verdicts(value: str) -> tuple[str, ...]:
    """A comma-separated scale, best first ("true,false,unproven"); duplicates and blanks dropped."""
    scale = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not scale:
        raise ValueError(f"no verdicts in {value!r}: give a comma-separated list such as true,mixed,false")
    return scale


def default_verdicts() -> tuple[str, ...]:
    """$READER_VERDICTS, else the default scale."""
    env = os.environ.get(VERDICTS_ENV, "").strip()
    return parse_verdicts(env) if env else DEFAULT_VERDICTS


@dataclass(frozen=True)
class Rating:
    value: int
    best: int
    worst: int


def rating(verdict: str, scale: Sequence[str] = DEFAULT_VERDICTS) -> Rating | None:
    """Where `verdict` sits on `scale` (None when it is not on it, e.g. set under an older scale)."""
    if verdict not in scale:
        return None
    return Rating(value=len(scale) - list(scale).index(verdict), best=len(scale), worst=1)
