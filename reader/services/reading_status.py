"""What the reading screen's status line says, in the order the status widget fits it to the width."""

from __future__ import annotations

from collections.abc import Mapping

from reader.services.status_fit import Part


def status_parts(
    *,
    location: object,
    annotator: str,
    cursor: int,
    total: int,
    tagged: int,
    counts: Mapping[str, int],
    marks: Mapping[str, str],
    taggable: int | None = None,
    orphans: int = 0,
    selected: int = 0,
    hits: int = 0,
    hit: int | None = None,
) -> list[Part]:
    """What the last key changed first (selection, hit n of N, the per-label counts with `marks`
    giving each label's gutter letter, orphans) and the progress; then the cursor's position, the
    annotator and the store, optional: at 80 columns they give way (the last first), the rest stays."""
    parts = []
    if selected:
        parts.append(Part(f"selected {selected}"))
    if hits:
        parts.append(Part(f"hit {hit + 1}/{hits}" if hit is not None else f"{hits} hits"))
    parts += [
        Part(" ".join(f"{marks[label]} {n}" for label, n in counts.items())),
        Part(f"{orphans} orphaned" if orphans else ""),
        Part(f"tagged {tagged}/{total if taggable is None else taggable}"),
        Part(f"sentence {cursor + 1}/{total}" if total else "no sentences", optional=True),  # ▶ shows it
        Part(f"annotator {annotator}", optional=True),
        Part(f"store {location}", optional=True),
    ]
    return parts


def meta_line(date: str | None, path: str, sentences: int) -> str:
    """The line under the title: date, file, sentence count."""
    return f"{date or 'no date'} · {path} · {sentences} sentence{'' if sentences == 1 else 's'}"
