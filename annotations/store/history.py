"""Undo and redo, kept per document inside its own file so that a change and its step land together.

Each annotator has their own history (a row of the history table naming them), so that Alice's `u`
never takes back Bob's tag and each finds their own history after a restart. A store written before
per-annotator histories has one shared row (no `annotator`); its steps stay undoable, each by whoever
made it, read from the annotators of the annotations it holds, and a step without annotations (a line
marked as boilerplate) by anyone. A step taken from the shared row moves to the taker's own row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from annotations.model import Annotation
from annotations.store.transaction import DocTx

HISTORY_LIMIT = 100  # undo steps kept per annotator and document: bounds the size (and cost) of its file

Row = dict[str, Any]


def _rows(rows: Mapping[int, Row], annotator: str) -> tuple[int | None, Row, int | None, Row | None]:
    """(id, row) of this annotator's history (empty if none yet) and of the older shared one."""
    mine: tuple[int | None, Row] = (None, {"annotator": annotator, "undo": [], "redo": []})
    shared: tuple[int | None, Row | None] = (None, None)
    for row_id, row in rows.items():
        if "annotator" not in row:
            shared = (row_id, {"undo": list(row["undo"]), "redo": list(row["redo"])})
        elif row["annotator"] == annotator:
            mine = (row_id, {"annotator": annotator, "undo": list(row["undo"]), "redo": list(row["redo"])})
    return mine[0], mine[1], shared[0], shared[1]


def _owned(step: Row, annotator: str) -> bool:
    """A step of the shared history belongs to the annotators of its annotations, or to anyone."""
    if "annotator" in step:
        return bool(step["annotator"] == annotator)
    owners = {a.get("annotator", "") for a in (*step["added"], *step["removed"])}
    return not owners or annotator in owners


def _last_owned(steps: list[Row], annotator: str) -> int | None:
    return next((i for i in range(len(steps) - 1, -1, -1) if _owned(steps[i], annotator)), None)


def available(rows: Mapping[int, Row], annotator: str) -> tuple[bool, bool]:
    """Whether this annotator has something to undo, and to redo."""
    _, mine, _, shared = _rows(rows, annotator)
    return tuple(  # type: ignore[return-value]
        bool(mine[kind]) or (shared is not None and _last_owned(shared[kind], annotator) is not None)
        for kind in ("undo", "redo")
    )


def record(
    tx: DocTx,
    annotator: str,
    description: str,
    removed: Sequence[Annotation],
    added: Sequence[Annotation],
    overrides: Sequence[tuple[str, bool | None, bool | None]] = (),
    dismissals: Sequence[tuple[str, int, int, bool]] = (),
) -> None:
    """Push an undo step on this annotator's history (and clear their redo: a new change forks it)."""
    mine_id, mine, shared_id, shared = _rows(tx.history_rows(), annotator)
    mine["undo"].append(
        {
            "description": description,
            "annotator": annotator,
            "removed": [a.to_json() for a in removed],
            "added": [a.to_json() for a in added],
            "overrides": [list(o) for o in overrides],
            # (label, start, end, dismissed after the step): a dismissed suggestion comes back on undo
            **({"dismissals": [list(d) for d in dismissals]} if dismissals else {}),
        }
    )
    del mine["undo"][:-HISTORY_LIMIT]
    mine["redo"] = []
    tx.put_history(mine_id, mine)
    if shared is not None and _last_owned(shared["redo"], annotator) is not None:
        shared["redo"] = [s for s in shared["redo"] if not _owned(s, annotator)]
        tx.put_history(shared_id, shared)


def step(tx: DocTx, annotator: str, *, backwards: bool) -> str | None:
    """Undo (or redo) this annotator's last step; what it did, or None when there is nothing to take back.

    An annotation is restored only if neither its id nor its span and label came back meanwhile
    (another process or an import may have added it again).
    """
    mine_id, mine, shared_id, shared = _rows(tx.history_rows(), annotator)
    source, target = ("undo", "redo") if backwards else ("redo", "undo")
    if mine[source]:
        last = mine[source].pop()
    else:
        found = None if shared is None else _last_owned(shared[source], annotator)
        if shared is None or found is None:
            return None
        last = shared[source].pop(found)
        tx.put_history(shared_id, shared)
    drop, put = (last["added"], last["removed"]) if backwards else (last["removed"], last["added"])
    tx.remove(d["id"] for d in drop)
    present = tx.annotations()
    ids = {a.id for a in present}
    keys = {a.key for a in present if not a.orphan}
    restore = [a for a in map(Annotation.from_json, put) if a.id not in ids and a.key not in keys]
    tx.insert(restore)
    for line, before, after in last.get("overrides", []):
        tx.set_override(line, before if backwards else after)
    for label, start, end, dismissed in last.get("dismissals", []):
        if dismissed != backwards:
            tx.dismiss(label, start, end)
        else:
            tx.undismiss(label, start, end)
    mine[target].append(last)
    tx.put_history(mine_id, mine)
    return ("undid " if backwards else "redid ") + last["description"]
