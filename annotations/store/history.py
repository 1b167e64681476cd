"""Undo and redo, kept per document inside its own file so that a change and its step land together."""

from __future__ import annotations

from collections.abc import Sequence

from annotations.model import Annotation
from annotations.store.transaction import DocTx

HISTORY_LIMIT = 100  # undo steps kept per document: bounds the size (and cost) of its file


def record(
    tx: DocTx,
    description: str,
    removed: Sequence[Annotation],
    added: Sequence[Annotation],
    overrides: Sequence[tuple[str, bool | None, bool | None]] = (),
) -> None:
    """Push an undo step (and clear redo: a new change forks the history)."""
    history = tx.history
    history["undo"].append(
        {
            "description": description,
            "removed": [a.to_json() for a in removed],
            "added": [a.to_json() for a in added],
            "overrides": [list(o) for o in overrides],
        }
    )
    del history["undo"][:-HISTORY_LIMIT]
    history["redo"] = []
    tx.set_history(history)


def step(tx: DocTx, *, backwards: bool) -> str | None:
    """Undo (or redo) the last step; what it did, or None when there is nothing to take back.

    An annotation is restored only if neither its id nor its span and label came back meanwhile
    (another process or an import may have added it again).
    """
    history = tx.history
    source, target = ("undo", "redo") if backwards else ("redo", "undo")
    if not history[source]:
        return None
    last = history[source].pop()
    drop, put = (last["added"], last["removed"]) if backwards else (last["removed"], last["added"])
    tx.remove(d["id"] for d in drop)
    present = tx.annotations()
    ids = {a.id for a in present}
    keys = {a.key for a in present if not a.orphan}
    restore = [a for a in map(Annotation.from_json, put) if a.id not in ids and a.key not in keys]
    tx.insert(restore)
    for line, before, after in last.get("overrides", []):
        tx.set_override(line, before if backwards else after)
    history[target].append(last)
    tx.set_history(history)
    return ("undid " if backwards else "redid ") + last["description"]
