"""Make tests/data/store-format-1: a store written by the release at commit 56276fd (format 1).

Run with that release's code first on the path, so that its Store writes the files:

    PYTHONPATH=/work/main python tests/tools/make_format1_store.py tests/data/store-format-1

Two annotators, tags, a note, a speaker, a verdict, line overrides, a dismissed suggestion, undo
history (with a redo step left) and two documents; the temporary and backup files are removed and
the `lock` file emptied, so the fixture holds what a user's store holds between runs. Times are
rewritten to fixed values so the fixture is the same on every run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

from annotations import DocumentRef, Store

FIRST = (
    "Minsk, Belarus\n"
    "The minister said “we will not attack first.” Prices rose 5% in May.\n"
    "Nobody knows what comes next, analysts said.\n"
)
SECOND = "Share this article\nThe central bank raised rates to 9.5% on Tuesday, its governor said.\n"


def ref(text: str, path: str) -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def main(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    first, second = ref(FIRST, "news/first.txt"), ref(SECOND, "news/second.txt")
    with Store.open(target, annotator="alice") as alice, Store.open(target, annotator="bob") as bob:
        quote = alice.add(first, "quote", *span(FIRST, "“we will not attack first.”"), speaker="the minister")
        claim = alice.add(first, "claim", *span(FIRST, "Nobody knows what comes next, analysts said."))
        alice.update(first, claim.id, note="check the source", verdict="unproven")
        alice.toggle(first, "fact", *span(FIRST, "Prices rose 5% in May."))
        alice.set_line_override(first, "Minsk, Belarus", False)
        alice.toggle(second, "fact", *span(SECOND, "The central bank raised rates to 9.5% on Tuesday"))
        alice.undo(second.id)  # leaves a redo step
        alice.dismiss_suggestion(first, "claim", 0, 14)
        bob.toggle(first, "quote", quote.start, quote.end)
        bob.add(
            second,
            "claim",
            *span(SECOND, "The central bank raised rates to 9.5% on Tuesday, its governor said."),
            note="bob's note",
        )
        bob.set_line_override(second, "Share this article", False)
    for junk in [*target.rglob("*.bak"), *target.rglob(".*.tmp"), *target.rglob(".*.bak-tmp")]:
        junk.unlink()
    (target / "lock").write_text("")
    stamp = "2026-11-30T10:00:00.000000+00:00"
    for file in (target / "docs").glob("*.json"):
        text = file.read_text()
        data = json.loads(text)
        for table in ("annotations",):
            for record in data.get(table, {}).values():
                record["created"] = record["modified"] = stamp
                if record.get("reviewed"):
                    record["reviewed"] = stamp
        for row in data.get("history", {}).values():
            for steps in (row["undo"], row["redo"]):
                for step in steps:
                    for record in (*step["added"], *step["removed"]):
                        record["created"] = record["modified"] = stamp
                        if record.get("reviewed"):
                            record["reviewed"] = stamp
        file.write_text(json.dumps(data, ensure_ascii=True, separators=(",", ":")))
    print(f"wrote {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
