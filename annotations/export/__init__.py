"""Exports of the store: what is exported (documents with their annotations) and in which format.

Every writer streams: it takes an iterable of ExportDocument (one document's annotations in memory
at a time) and writes to a text stream, so a million-annotation export never becomes one string.
"""

from __future__ import annotations

import contextlib
import json as _json  # aliased: the submodule annotations.export.json would shadow `json`
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from annotations.model import Annotation, now_iso
from annotations.model import parse_time as parse_time  # where the exports and filters read times
from annotations.reasons import os_reason
from annotations.storage import StoreError, fsync_dir


@dataclass(frozen=True)
class Format:
    """One export format, declared once: `--format` takes the name, the dialog shows the title."""

    name: str
    title: str
    suffix: str  # of the file the dialog proposes ("" for a folder)
    needs_text: bool = False  # its records carry the document text: documents come with `text` set
    target: str = "file"  # "file", "folder" (write_folder only) or "either" (write and write_folder)
    binary: bool = False  # bytes: written to a file (`--output`), never to stdout
    needs_publisher: bool = False  # ClaimReview names who publishes the verdicts (`--publisher`)
    in_dialog: bool = True  # offered by the app's export dialog (every format is, today)

    @property
    def module(self) -> str:
        return "annotations.export." + self.name.replace("-", "_")


FORMATS: tuple[Format, ...] = (
    Format("json", "JSON", ".json"),
    Format("jsonl", "JSON Lines", ".jsonl"),
    Format("w3c", "W3C (JSON-LD)", ".jsonld"),
    Format("csv", "CSV", ".csv"),
    Format("doccano", "doccano", ".jsonl", needs_text=True, target="either"),
    Format("label-studio", "Label Studio", ".json", needs_text=True),
    Format("brat", "brat (folder)", "", needs_text=True, target="folder"),
    Format("conll", "CoNLL BIO", ".conll", needs_text=True),
    Format("spacy", "spaCy DocBin", ".spacy", binary=True, needs_text=True, target="either"),
    Format("prodigy", "Prodigy spans", ".jsonl", needs_text=True),
    Format("claimreview", "ClaimReview", ".jsonld", needs_publisher=True),
)
FORMAT_NAMES = tuple(f.name for f in FORMATS)
BY_NAME = {f.name: f for f in FORMATS}
DIALOG_FORMATS = tuple(f for f in FORMATS if f.in_dialog)
Metadata = Callable[[str, str], tuple[str | None, str | None]]  # (document id, path) -> (title, date)


@dataclass(frozen=True)
class ExportDocument:
    id: str
    path: str
    title: str | None
    date: str | None
    annotations: tuple[Annotation, ...]  # anchored in the current text
    orphans: tuple[Annotation, ...] = ()  # kept, but could not be re-anchored
    # The document text the offsets point into, for the formats that carry it (Format.needs_text);
    # None when the export did not look it up or the corpus no longer holds that text.
    text: str | None = field(default=None, repr=False)
    # The article's byline, outlet and address, as the pipeline found them when the document was
    # opened (Store.note_document); None when unknown. Written by every format that has a place for them.
    author: str | None = None
    outlet: str | None = None
    url: str | None = None

    def byline(self) -> dict[str, str]:
        """{"author", "outlet", "url"}: those that are known."""
        return {k: v for k, v in (("author", self.author), ("outlet", self.outlet), ("url", self.url)) if v}


@dataclass(frozen=True)
class Selection:
    """Which annotations to export; dates compare against `created` (when the tag was made)."""

    labels: frozenset[str] | None = None
    annotators: frozenset[str] | None = None
    since: datetime | None = None  # inclusive, aware
    until: datetime | None = None  # inclusive, aware
    document_ids: frozenset[str] | None = None  # only these documents (`--document`)

    def __call__(self, a: Annotation) -> bool:
        if self.labels is not None and a.label not in self.labels:
            return False
        if self.annotators is not None and a.annotator not in self.annotators:
            return False
        if self.since is not None or self.until is not None:
            created = parse_time(a.created)
            if created is None:
                return False
            if self.since is not None and created < self.since:
                return False
            if self.until is not None and created > self.until:
                return False
        return True


def documents(
    store: object,
    *,
    select: Callable[[Annotation], bool] = lambda a: True,
    metadata: Metadata | None = None,
    progress: Callable[[int, int], None] | None = None,
    details: Callable[[str], Mapping[str, str]] | None = None,
) -> Iterator[ExportDocument]:
    """The store's documents ordered by path, each with its selected annotations; empty ones skipped.

    `details(document id)` gives what the store recorded of the document (`Store.document_info`):
    its author, outlet and URL are taken from it."""
    ids = store.document_ids()  # type: ignore[attr-defined]
    wanted = getattr(select, "document_ids", None)
    if wanted is not None:  # a few documents of a large store: the others are never read
        ids = [document_id for document_id in ids if document_id in wanted]
    # Each document is read once: its parsed files are dropped after it (unless they were held before:
    # the document open in the app), so the store's cache does not keep 64 documents of the export.
    release = getattr(store, "release", None)
    is_cached = getattr(store, "is_cached", None)
    for n, document_id in enumerate(ids, 1):
        held = is_cached(document_id) if is_cached is not None else True
        anns = [a for a in store.annotations(document_id) if select(a)]  # type: ignore[attr-defined]
        if progress:
            progress(n, len(ids))
        if anns:
            yield _document(document_id, anns, metadata, details)
        if release is not None and not held:
            release(document_id)


def _document(
    document_id: str,
    anns: list[Annotation],
    metadata: Metadata | None,
    details: Callable[[str], Mapping[str, str]] | None,
) -> ExportDocument:
    path = anns[0].path
    title, date = metadata(document_id, path) if metadata else (None, None)
    info = details(document_id) if details else {}
    return ExportDocument(
        id=document_id,
        path=path,
        title=title,
        date=date,
        annotations=tuple(a for a in anns if not a.orphan),
        orphans=tuple(a for a in anns if a.orphan),
        author=info.get("author") or None,
        outlet=info.get("outlet") or None,
        url=info.get("url") or None,
    )


def format_named(name: str) -> Format:
    """The declared format of that name; ValueError (one line) for an unknown one."""
    if name not in BY_NAME:
        raise ValueError(f"unknown export format {name!r} (choose from {', '.join(FORMAT_NAMES)})")
    return BY_NAME[name]


def writer(name: str, **options: Any) -> Callable[[TextIO, Iterable[ExportDocument], str], int]:
    """The `write(out, documents, exported) -> annotations written` function of a format.

    `options` are the format's own keyword arguments (ClaimReview's `publisher` and `scale`)."""
    fmt = format_named(name)
    if fmt.target == "folder":
        raise ValueError(f"{name} writes a folder, not a stream")
    from functools import partial
    from importlib import import_module

    write = import_module(fmt.module).write
    return partial(write, **options) if options else write  # type: ignore[no-any-return]


FolderWriter = Callable[[Path, Iterable[ExportDocument], str], int]


def folder_writer(name: str, **options: Any) -> FolderWriter:
    """The `write_folder(folder, documents, exported) -> annotations written` function of a format
    that writes a folder of files (brat, doccano's one file per annotator); `options` are the
    format's own keyword arguments (brat's `newlines`)."""
    fmt = format_named(name)
    if fmt.target == "file":
        raise ValueError(f"{name} writes one file, not a folder")
    from functools import partial
    from importlib import import_module

    write = import_module(fmt.module).write_folder
    return partial(write, **options) if options else write  # type: ignore[no-any-return]


_SURROGATE = re.compile("[\ud800-\udfff]")
_ENCODER = _json.JSONEncoder(ensure_ascii=False)  # one, not one a call as json.dumps(ensure_ascii=False)


def dumps(obj: Any) -> str:
    """Readable UTF-8 JSON; a record holding a lone surrogate (from a broken file) is \\u-escaped
    instead, so the output stays valid UTF-8 and reads back to the same string."""
    text = _ENCODER.encode(obj)
    return _json.dumps(obj) if _SURROGATE.search(text) else text


def has_surrogate(value: str) -> bool:
    """A lone surrogate (from a broken file): `dumps` then escapes the whole record."""
    return _SURROGATE.search(value) is not None


def printable(value: str) -> str:
    """For formats that cannot escape (CSV): a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def now_utc() -> str:
    """The export's stamp: `now_iso` (kept in range when the clock is absurd), to the second."""
    return now_iso()[:19] + "+00:00"


@contextlib.contextmanager
def atomic_output(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A text stream that replaces `path` only when the block completes (temp file, fsync, rename).

    A symlink is written through (the link stays, the file it points to is replaced); a FIFO, a
    terminal or another special file (`/dev/stdout`) is written to as a stream, never replaced.
    """
    named = Path(path)
    path = Path(os.path.realpath(named))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise StoreError(f"{named}: cannot write ({os_reason(exc)})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise StoreError(f"{named}: is a folder; name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        with _stream_to(named, path, newline) as out:
            yield out
        return
    folder = path.parent if str(path.parent) else Path(".")
    tmp = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        stream = open(tmp, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
    except OSError as exc:
        raise StoreError(f"{named}: cannot write ({os_reason(exc)})") from None
    try:
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StoreError(f"{named}: cannot write ({os_reason(exc)}); nothing was replaced") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _stream_to(named: Path, path: Path, newline: str | None) -> Iterator[TextIO]:
    try:
        stream = open(path, "w", encoding="utf-8", newline=newline)  # noqa: SIM115
    except OSError as exc:
        raise StoreError(f"{named}: cannot write ({os_reason(exc)})") from None
    try:
        with stream:
            yield stream
    except OSError as exc:
        raise StoreError(f"{named}: cannot write ({os_reason(exc)})") from None
