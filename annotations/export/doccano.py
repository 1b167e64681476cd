"""doccano sequence labelling JSONL: `{"text": ..., "label": [[start, end, label], ...], ...}` a line.

The shape of doccano's own example (backend/data_import/pipeline/examples/sequence_labeling in the
doccano repository): the text under "text", the spans under "label" as [start, end, label]; every
other key ("document_id", "path", "title", "annotator") is kept by doccano as the example's metadata.

Offsets are UTF-16 code units, what doccano's annotator (v-annotator) counts: it takes the browser's
selection offsets in the JavaScript string as they are unless the project counts grapheme clusters
(doccano issue #2290). They equal our code points unless the text holds an astral character (an emoji).
A project with "count grapheme clusters" on reads other numbers: not supported.

One record per document and annotator. `write` makes one file with an "annotator" key on each record;
`write_folder` one `<annotator>.jsonl` per annotator (doccano imports a file as the user who uploads
it), the key kept there too since a file name cannot hold every name. Dropped:
orphans (no place in the text), notes, speakers, ids and times. doccano keeps overlapping spans only
in a project that allows overlaps; otherwise its import keeps the first of each overlapping run, silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from annotations.export import ExportDocument, dumps
from annotations.export.interchange import Names, Utf16, by_annotator, placed, safe_name, text_order
from annotations.model import Annotation


def records(doc: ExportDocument) -> Iterator[tuple[str, dict[str, Any], int]]:
    """(annotator, record, spans in it) for each annotator of the document; none when its text is unknown."""
    if doc.text is None:
        return
    text = doc.text
    units = Utf16(text)
    for annotator, anns in by_annotator(placed(sorted(doc.annotations, key=text_order), text)).items():
        yield annotator, record(doc, text, units, annotator, anns), len(anns)


def record(
    doc: ExportDocument, text: str, units: Utf16, annotator: str, anns: list[Annotation]
) -> dict[str, Any]:
    return {
        "text": text,
        "label": [[units(a.start), units(a.end), a.label] for a in anns],
        "document_id": doc.id,
        "path": doc.path,
        "title": doc.title,
        **doc.byline(),
        "annotator": annotator,
    }


def write(out: TextIO, documents: Iterable[ExportDocument], exported: str) -> int:
    count = 0
    for doc in documents:
        for _, rec, n in records(doc):
            out.write(dumps(rec))
            out.write("\n")
            count += n
    return count


def write_folder(folder: Path, documents: Iterable[ExportDocument], exported: str) -> int:
    """One `<annotator>.jsonl` per annotator in `folder` (which exists), each opened when first needed."""
    count = 0
    names = Names()
    with ExitStack() as files:
        opened: dict[str, TextIO] = {}
        for doc in documents:
            for annotator, rec, n in records(doc):
                if annotator not in opened:
                    name = names(safe_name(annotator, "unknown"))
                    opened[annotator] = files.enter_context(
                        open(folder / f"{name}.jsonl", "w", encoding="utf-8")
                    )
                opened[annotator].write(dumps(rec) + "\n")
                opened[annotator].flush()  # on disk as it goes, like brat's files
                count += n
    return count
