"""Fitting a status line to its width: optional parts give way whole, the last first, so the parts that
change with the last key are never cut ("sele…" at 80 columns). Pure; the StatusLine widget uses it."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len

SEPARATOR = " · "


class Part(NamedTuple):
    text: str
    optional: bool = False


def fit(parts: list[Part], width: int) -> str:
    """The parts joined, without the optional ones (last first) that do not fit in `width` cells."""
    shown = [p for p in parts if p.text]
    optional = [n for n, p in enumerate(shown) if p.optional]
    while optional and cell_len(SEPARATOR.join(p.text for p in shown)) > width:
        del shown[optional.pop()]
    return SEPARATOR.join(p.text for p in shown)
