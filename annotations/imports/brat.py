"""brat standoff folders: `X.txt` beside `X.ann` (or `X.<annotator>.ann`, one file per annotator).

`T` lines are spans: `T1<TAB>Label 120 130;131 180<TAB>text`. A discontinuous span whose gaps are
whitespace only (a line break inside a name) becomes one annotation from the first start to the last
end; otherwise each fragment becomes its own annotation, so no annotation covers text the annotator
left out. `#` lines `AnnotatorNotes T1<TAB>note` become the note. Relations, events, attributes and
normalizations (R, E, A, M, N, *) are not spans: skipped and counted. Offsets: see offsets.py.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

from annotations.importer import ImportFormatError
from annotations.imports.offsets import CODEPOINTS, UNITS, TextUnits
from annotations.imports.records import ForeignDocument, Span, label_of, locate, offsets
from annotations.reasons import os_reason


def ann_files(folder: Path) -> list[Path]:
    """Every .ann file under `folder`, hidden folders left out, in a stable order."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath, n) for n in sorted(filenames) if n.endswith(".ann") and n[0] != ".")
    return found


def text_file(ann: Path) -> tuple[Path, str]:
    """(the .txt the annotations are on, the annotator the file name gives, or "")."""
    stem = ann.name[: -len(".ann")]
    if (ann.parent / f"{stem}.txt").is_file():
        return ann.parent / f"{stem}.txt", ""
    base, _, who = stem.rpartition(".")
    if base and (ann.parent / f"{base}.txt").is_file():
        return ann.parent / f"{base}.txt", who
    raise ImportFormatError(f"{ann}: no {stem}.txt beside it (brat keeps the text in X.txt, spans in X.ann)")


def read(root: Path, unit: str | None = None) -> Iterator[ForeignDocument]:
    folder = root if root.is_dir() else root.parent
    for ann in ann_files(root) if root.is_dir() else [root]:
        txt, annotator = text_file(ann)
        yield document(
            ann, _read_text(txt), txt.relative_to(folder).as_posix(), annotator, unit or CODEPOINTS
        )


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read ({os_reason(exc)})") from None
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None


def document(ann: Path, text: str, doc_path: str, annotator: str, unit: str) -> ForeignDocument:
    doc = ForeignDocument(str(ann), text, doc_path)
    units = TextUnits(text)
    spans: list[tuple[str, str, list[tuple[int, int]], str]] = []  # (T id, where, fragments, quote)
    labels: dict[str, str] = {}
    notes: dict[str, str] = {}
    for lineno, line in enumerate(_read_text(ann).split("\n"), 1):
        line = line.rstrip("\r")
        where = f"{ann}:{lineno}"
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T"):
            if len(fields) < 3:
                raise ImportFormatError(f"{where}: a T line is 'T1<TAB>Label start end<TAB>text'")
            kind, _, ranges = fields[1].partition(" ")
            labels[fields[0]] = label_of(where, kind)
            spans.append((fields[0], where, _fragments(where, ranges), "\t".join(fields[2:])))
        elif line.startswith("#") and len(fields) >= 3 and fields[1].startswith("AnnotatorNotes "):
            target = fields[1].split(" ", 1)[1].strip()
            notes[target] = (notes[target] + "\n" if target in notes else "") + "\t".join(fields[2:])
        else:
            doc.skipped += 1
    for tid, where, fragments, quote in spans:
        for start, end, how, orphan in _place(units, where, fragments, quote, unit):
            doc.spans.append(
                Span(
                    labels[tid],
                    start,
                    end,
                    annotator=annotator,
                    note=notes.get(tid, ""),
                    unit=how,
                    orphan=orphan,
                )
            )
    return doc


def _fragments(where: str, ranges: str) -> list[tuple[int, int]]:
    out = []
    for part in ranges.split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            raise ImportFormatError(f"{where}: bad offsets {ranges!r} (expected 'start end[;start end...]')")
        out.append(offsets(where, int(bits[0]), int(bits[1])))
    return out


def _place(
    units: TextUnits, where: str, fragments: list[tuple[int, int]], quote: str, unit: str
) -> list[tuple[int, int, str, str | None]]:
    if len(fragments) == 1:
        return [locate(units, where, fragments[0][0], fragments[0][1], quote, unit)]
    for reading in (unit, *[u for u in UNITS if u != unit]):
        placed = [units.span(s, e, reading) for s, e in fragments]
        if all(p is not None for p in placed):
            pieces = [p for p in placed if p is not None]
            if " ".join(units.text[s:e] for s, e in pieces) == quote:
                return _join(units.text, pieces, reading)
    # No reading gives back the fragments' text (brat joins them with a space): an orphan.
    s = fragments[0][0]
    return [(s, s + len(quote), "", quote)]


def _join(text: str, pieces: list[tuple[int, int]], how: str) -> list[tuple[int, int, str, str | None]]:
    pieces = sorted(pieces)
    if all(not text[a_end:b_start].strip() for (_, a_end), (b_start, _) in itertools.pairwise(pieces)):
        return [(pieces[0][0], max(e for _, e in pieces), how, None)]
    return [(s, e, how, None) for s, e in pieces]
