"""The document: the decoded text every offset in the project points into."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


def document_id(text: str) -> str:
    """Stable id from the text alone, so a renamed or moved file keeps its annotations."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class DocumentError(Exception):
    """A file that cannot become a document; `reason` is one human line."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Document:
    """Decoded text with the BOM removed and no newline translation."""

    path: Path
    text: str
    encoding: str
    id: str
    kind: str = "text"  # "text" or "html"
    # Metadata an HTML extractor found ("title", "date"); the metadata step prefers them.
    hints: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        path: Path | str = "<memory>",
        encoding: str = "utf-8",
        kind: str = "text",
        hints: dict[str, str] | None = None,
    ) -> Document:
        return cls(Path(path), text, encoding, document_id(text), kind, dict(hints or {}))
