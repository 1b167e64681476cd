"""What one `reader sync` did, and the one line that says it; the changes git reports between two trees."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotations import team_files


class SyncError(Exception):
    """A sync that could not be done: one line for the user; the store is as it was."""


@dataclass(frozen=True)
class Change:
    path: str
    old: str | None  # blob ids; None where the file is absent
    new: str | None
    mode: str


@dataclass
class SyncReport:
    """What one sync did; `line()` is what the user reads."""

    sent: team_files.Delta = field(default_factory=team_files.Delta)
    sent_documents: int = 0
    sent_files: int = 0
    received: dict[str, team_files.Delta] = field(default_factory=dict)
    received_documents: dict[str, int] = field(default_factory=dict)
    received_files: int = 0
    merged: list[str] = field(default_factory=list)  # files changed on two machines, merged by uuid
    kept_ours: list[str] = field(default_factory=list)  # shared files that differed (ours kept)
    retries: int = 0
    setup: str = ""  # "created the team store at URL" / "joined the team store at URL"
    recovered: bool = False  # finished a sync that was killed half-way
    restored: int = 0  # other annotators' files gone here, put back from the last commit
    unreadable: list[str] = field(default_factory=list)  # others' files cut short here: not committed
    documents: set[str] = field(default_factory=set)  # document folders (hex) that changed here

    def line(self) -> str:
        parts: list[str] = []
        if self.setup:
            parts.append(self.setup)
        if self.recovered:
            parts.append("finished the sync that was interrupted")
        if self.sent_files:
            what = tags_text(self.sent, self.sent_documents, self.sent_files)
            parts.append(f"sent {what}")
        if self.received:
            who = ", ".join(
                f"{name} {tags_text(d, self.received_documents.get(name, 0), 0)}"
                for name, d in sorted(self.received.items())
            )
            parts.append(f"received from {who}")
        elif self.received_files:
            parts.append(f"received {self.received_files} file(s)")
        if self.merged:
            parts.append(
                f"merged {len(self.merged)} file(s) changed under one annotator name on two machines "
                "(by uuid, newer modified wins, nothing dropped)"
            )
        if self.kept_ours:
            parts.append(f"kept this store's {', '.join(sorted(self.kept_ours))} (differed from the team's)")
        if self.restored:
            parts.append(f"put back {self.restored} file(s) of other annotators that were gone here")
        if self.unreadable:
            parts.append(
                f"left {len(self.unreadable)} unreadable file(s) of other annotators out "
                "(reader stats --recover puts back the last good version)"
            )
        if self.retries:
            parts.append(f"pushed after {self.retries} race(s) with other annotators")
        if not self.sent_files and not self.received_files and not self.merged:
            parts.append("up to date: nothing to send or receive")
        return "sync: " + "; ".join(parts)


def tags_text(delta: team_files.Delta, documents: int, files: int) -> str:
    plural = "s" if documents != 1 else ""
    if delta:
        return f"{delta.text()} in {documents} document{plural}"
    if documents:
        return f"changes in {documents} document{plural}"
    return f"{files} file(s)"


def parse_raw(raw: bytes) -> list[Change]:
    """`git diff-tree/diff-index -z --raw` output as changes."""
    fields = raw.split(b"\0")
    out: list[Change] = []
    for i in range(0, len(fields) - 1, 2):
        meta = fields[i].decode()
        if not meta.startswith(":"):
            break
        old_mode, new_mode, old, new, _status = meta[1:].split()
        path = fields[i + 1].decode("utf-8", "surrogateescape")
        gone, absent = set(new) == {"0"}, set(old) == {"0"}
        out.append(
            Change(path, None if absent else old, None if gone else new, old_mode if gone else new_mode)
        )
    return out
