"""brat standoff: a folder with one `<annotator>/<document>.txt` + `.ann` pair per document and annotator.

Each `.txt` is the document text byte for byte as we decoded it, written as UTF-8 (`\\r\\n` kept; a lone
surrogate from a broken file becomes U+FFFD, one character for one, so offsets hold). Each `.ann` has a
`T` line per span, `T1<TAB>quote 120 180<TAB>text`, with offsets in Unicode characters (code points) of
the `.txt` decoded as UTF-8, as the standoff format defines them. A span that crosses a line break
becomes brat's discontinuous form, `120 130;131 180`, fragments joined by a space in the text field
(brat's own rule): the text field cannot hold a line break. A note is `#1<TAB>AnnotatorNotes T1<TAB>note`
(line breaks in it become spaces). `annotation.conf` at the top lists every label, and lets spans of any
type overlap (`<OVERLAP>`); brat reads it from the document's folder or any folder above it.

Dropped: orphans, speakers, ids, times; a span that is only line breaks.

brat's own server reads a `.txt` with universal newlines (`open_textfile` in server/src/annotation.py,
mode "rU"): `\\r\\n` becomes one `\\n` before it counts, so in brat's web view every span after a CRLF
shows shifted one character per CRLF (brat issue #853, open since 2012; its users convert the files
to LF). `newlines="lf"` (`reader export --format brat --brat-newlines lf`) writes what that server
reads: each `.txt` with `\\r\\n` and a lone `\\r` as `\\n`, and the offsets counted in that text, so they
are right both in brat's web view and for tools that read the files as they are. The default keeps
the `.txt` byte for byte (our import then matches it by its hash).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from annotations.export import ExportDocument, printable
from annotations.export.interchange import (
    Names,
    by_annotator,
    line_fragments,
    one_line,
    placed,
    safe_name,
    text_order,
)
from annotations.model import Annotation

_TYPE_UNSAFE = re.compile(r"[^\w\-]+")


def brat_type(label: str) -> str:
    """brat types are single tokens: spaces and punctuation other than `-` and `_` become `_`."""
    return _TYPE_UNSAFE.sub("_", label).strip("_") or "label"


def ann_lines(text: str, anns: Sequence[Annotation]) -> tuple[list[str], int]:
    """The .ann lines of one annotator's spans on one text, and how many spans they hold."""
    lines: list[str] = []
    t = notes = 0
    for a in anns:
        pieces = line_fragments(text, a.start, a.end)
        if not pieces:
            continue
        t += 1
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        quoted = " ".join(text[s:e] for s, e in pieces)
        lines.append(f"T{t}\t{brat_type(a.label)} {offsets}\t{quoted}")
        if a.note:
            notes += 1
            lines.append(f"#{notes}\tAnnotatorNotes T{t}\t{one_line(a.note)}")
    return lines, t


def annotation_conf(labels: Iterable[str]) -> str:
    entities = sorted({brat_type(label) for label in labels})
    return (
        "# Written by `reader export --format brat`.\n"
        "[entities]\n" + "".join(f"{e}\n" for e in entities) + "\n[relations]\n"
        "# Spans of any type may overlap, as tags do.\n"
        "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n"
        "\n[events]\n\n[attributes]\n"
    )


def document_name(path: str) -> str:
    """`politics/a.html` -> `politics__a`: one flat, safe name per document path."""
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return "__".join(safe_name(part) for part in stem.split("/") if part) or "document"


NEWLINES = ("keep", "lf")
_CR = re.compile("\r\n?")


def as_brat_serves(text: str, anns: Sequence[Annotation]) -> tuple[str, list[Annotation]]:
    """`text` as brat's server reads it (universal newlines: `\\r\\n` and `\\r` become `\\n`), and the
    annotations moved onto it: an offset loses one for every `\\r\\n` that starts before it."""
    dropped = [m.start() for m in _CR.finditer(text) if m.end() - m.start() == 2]  # each CRLF's \\r
    served = _CR.sub("\n", text)
    moved = []
    for a in anns:
        start = a.start - bisect_left(dropped, a.start)
        end = a.end - bisect_left(dropped, a.end)
        moved.append(replace(a, start=start, end=end, text=served[start:end]))
    return served, moved


def write_folder(
    folder: Path, documents: Iterable[ExportDocument], exported: str, newlines: str = "keep"
) -> int:
    """Writes each document's files as it comes; `annotation.conf` last, when every label is known.

    `newlines`: "keep" (the `.txt` byte for byte) or "lf" (as brat's web view reads it: see above)."""
    if newlines not in NEWLINES:
        raise ValueError(f"newlines must be one of {', '.join(NEWLINES)}, not {newlines!r}")
    count = 0
    labels: set[str] = set()
    folders: dict[str, Path] = {}
    folder_names = Names()
    folder_names("annotation.conf")  # an annotator of that name gets annotation.conf-2/
    file_names: dict[str, Names] = {}
    for doc in documents:
        if doc.text is None:
            continue
        text = printable(doc.text)
        for annotator, anns in by_annotator(
            placed(sorted(doc.annotations, key=text_order), doc.text)
        ).items():
            if annotator not in folders:
                folders[annotator] = folder / folder_names(safe_name(annotator, "unknown"))
                folders[annotator].mkdir()
                file_names[annotator] = Names()
            written = text
            if newlines == "lf":
                written, anns = as_brat_serves(text, anns)
            lines, n = ann_lines(written, anns)
            name = file_names[annotator](document_name(doc.path))
            (folders[annotator] / f"{name}.txt").write_bytes(written.encode("utf-8"))
            ann = "".join(f"{printable(line)}\n" for line in lines)
            (folders[annotator] / f"{name}.ann").write_bytes(ann.encode("utf-8"))
            labels.update(a.label for a in anns)
            count += n
    (folder / "annotation.conf").write_text(annotation_conf(labels), encoding="utf-8")
    return count
