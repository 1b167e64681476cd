"""Fitting a status line to its width: optional parts give way whole, the last first, so the parts that
change with the last key are never cut ("sele…" at 80 columns). Pure; the StatusLine widget uses it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

SEPARATOR = " · "


class Part(NamedTuple):
    text: str
    optional: bool = False


def fit(parts: list[Part], width: int, cells: Callable[[str], int] = len) -> str:
    """The parts joined, without the optional ones (last first) that do not fit in `width` cells
    (`cells` measures a string: the widget passes Rich's, which counts wide characters twice)."""
    shown = [p for p in parts if p.text]
    optional = [n for n, p in enumerate(shown) if p.optional]
    while optional and cells(SEPARATOR.join(p.text for p in shown)) > width:
        del shown[optional.pop()]
    return SEPARATOR.join(p.text for p in shown)
