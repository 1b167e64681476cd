"""Imports from other annotation tools: doccano, Label Studio, brat and Prodigy files, streamed.

`detect(path)` names the format; `documents(fmt, path)` reads it one document at a time as
ForeignDocument records whose spans are already code points into the document's own text;
`pipeline` matches them to the corpus and merges them into a store. Our own exports (json, jsonl,
w3c) stay with `annotations.importer`, which `detect` answers "reader" for.
"""

from __future__ import annotations

import codecs
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from annotations.importer import ImportFormatError
from annotations.imports import brat, doccano, label_studio, prodigy, streaming
from annotations.imports.records import ForeignDocument

FOREIGN = ("doccano", "label-studio", "brat", "prodigy")
READER = "reader"  # one of our own exports: annotations.importer reads it


def detect(path: Path) -> str:
    """The format of a file or folder, from its first record (never the whole file)."""
    if path.is_dir():
        if not brat.ann_files(path):
            raise ImportFormatError(f"{path}: a folder without .ann files (only brat folders are imported)")
        return "brat"
    if path.suffix == ".ann":
        return "brat"
    with streaming.open_binary(path) as handle:
        head = handle.readline()
    head = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if head.startswith(b"["):
        try:
            with contextlib.closing(streaming.json_array(path)) as elements:
                for _, first in elements:
                    return "label-studio" if label_studio.looks_like(first) else READER
        except ImportFormatError:
            pass  # our own reader reads it again and says where it breaks
        return READER
    if head.startswith(b"{"):
        try:
            first = json.loads(head)
        except (ValueError, RecursionError):  # not JSON, too deep, a 5,000-digit number: ours says where
            return READER  # one JSON document over many lines: ours (json or w3c)
        if prodigy.looks_like(first):
            return "prodigy"
        if doccano.looks_like(first):
            return "doccano"
    return READER


def documents(fmt: str, path: Path, unit: str | None = None) -> Iterator[ForeignDocument]:
    """The documents of a foreign file, one at a time; `unit` overrides the format's offset unit."""
    readers = {
        "doccano": doccano.read,
        "label-studio": label_studio.read,
        "brat": brat.read,
        "prodigy": prodigy.read,
    }
    return readers[fmt](path, unit)
