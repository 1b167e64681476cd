"""Where the reader should go: a span in a document, handed from a list screen to the reading screen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class JumpTarget:
    """A span to open and scroll to; `path` is relative to the corpus root, offsets are code points."""

    document_id: str
    path: str
    start: int
    end: int
