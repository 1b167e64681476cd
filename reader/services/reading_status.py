"""What the reading screen's status line says, in the order the status widget fits it to the width."""

from __future__ import annotations

from collections.abc import Mapping


def status_parts(
    *,
    location: object,
    annotator: str,
    cursor: int,
    total: int,
    tagged: int,
    taggable: int | None = None,
    counts: Mapping[str, int],
    marks: Mapping[str, str],
    orphans: int = 0,
    selected: int = 0,
    hits: int = 0,
) -> list[str]:
    """Store and annotator first, then where the cursor is, the progress and the per-label counts
    (`marks` gives each label's gutter letter), then what only some moments have."""
    parts = [
        f"store {location}",
        f"annotator {annotator}",
        f"sentence {cursor + 1}/{total}" if total else "no sentences",
        f"tagged {tagged}/{total if taggable is None else taggable}",
        " ".join(f"{marks[label]} {n}" for label, n in counts.items()),
    ]
    if orphans:
        parts.append(f"{orphans} orphaned")
    if selected:
        parts.append(f"selected {selected}")
    if hits:
        parts.append(f"{hits} hits")
    return parts


def meta_line(date: str | None, path: str, sentences: int) -> str:
    """The line under the title: date, file, sentence count."""
    return f"{date or 'no date'} · {path} · {sentences} sentence{'' if sentences == 1 else 's'}"
