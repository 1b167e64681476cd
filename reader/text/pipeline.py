"""The whole text pipeline for one document: lines, decisions, title, date, sentences."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.text import boilerplate, byline, kinds, metadata
from reader.text.boilerplate import FolderStats
from reader.text.corpus import read_document
from reader.text.document import Document
from reader.text.language import detect as detect_language
from reader.text.lines import Line, logical_lines
from reader.text.sentences import split_sentences

OVERRIDE_REASONS = {True: "marked as content by you", False: "marked as boilerplate by you"}


@dataclass(frozen=True, slots=True)
class LineInfo:
    start: int
    end: int
    text: str
    kept: bool
    reason: str
    kind: str = "paragraph"  # one of kinds.KINDS


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    line: int  # index into Analysis.lines
    taggable: bool = True  # False for headlines, headings, captions and scraped metadata


@dataclass(frozen=True)
class Analysis:
    document: Document
    title: str | None
    date: str | None  # ISO 8601 date
    lines: tuple[LineInfo, ...]
    sentences: tuple[Sentence, ...]
    author: str | None = None  # the byline's person names, "A and B"
    outlet: str | None = None
    url: str | None = None
    language: str = "und"  # ISO 639-1, from reader.text.language

    def to_json(self) -> dict[str, Any]:
        """The `reader inspect --json` shape."""
        return {
            "path": str(self.document.path),
            "encoding": self.document.encoding,
            "id": self.document.id,
            "title": self.title,
            "date": self.date,
            "author": self.author,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "lines": [
                {
                    "start": ln.start,
                    "end": ln.end,
                    "text": ln.text,
                    "kept": ln.kept,
                    "reason": ln.reason,
                    "kind": ln.kind,
                }
                for ln in self.lines
            ],
            "sentences": [
                {"start": s.start, "end": s.end, "text": s.text, "taggable": s.taggable}
                for s in self.sentences
            ],
        }


def analyse(
    document: Document,
    *,
    folder: FolderStats | None = None,
    overrides: Mapping[str, bool] | None = None,
) -> Analysis:
    """Run every step; `overrides` maps a line's text to the user's content/boilerplate call."""
    text = document.text
    lines, decisions = _decide(text, folder, overrides)
    infos = tuple(
        LineInfo(ln.start, ln.end, ln.text, d.kept, d.reason, k)
        for ln, d, k in zip(lines, decisions, kinds.line_kinds(lines, decisions), strict=True)
    )
    sentences: list[Sentence] = []
    first = True
    for index, (line, raw) in enumerate(zip(infos, lines, strict=True)):
        if not line.kept:
            continue
        start = line.start
        if first:
            first = False
            prefix = kinds.metadata_prefix(line.text)
            if prefix:
                start += prefix  # "date 2023-01-13 " before the story: it gives the date, nobody said it
        taggable = line.kind not in kinds.UNTAGGABLE
        sentences.extend(
            Sentence(a, b, text[a:b], index, taggable)
            for a, b in split_sentences(text, start, line.end, wrapped=raw.wrapped)
        )
    language = detect_language(_language_sample(text, infos))
    return Analysis(
        document=document,
        title=metadata.find_title(document, lines, decisions),
        date=metadata.find_date(document, lines, decisions, language),
        lines=infos,
        sentences=tuple(sentences),
        author=(author := byline.find_author(document, lines, decisions)),
        outlet=byline.find_outlet(document, lines, decisions, author),
        url=byline.find_url(document, lines),
        language=language,
    )


def _language_sample(text: str, lines: tuple[LineInfo, ...], size: int = 1500) -> str:
    """The article's own words (kept lines) are the best sample of its language; menus are short and
    often in English whatever the page."""
    parts: list[str] = []
    total = 0
    for line in lines:
        if line.kept:
            parts.append(line.text[: size - total])
            total += len(parts[-1])
            if total >= size:
                break
    return "\n".join(parts) if total >= 200 else text[:size]


def _decide(
    text: str, folder: FolderStats | None, overrides: Mapping[str, bool] | None
) -> tuple[list[Line], list[boilerplate.Decision]]:
    lines = logical_lines(text)
    decisions = boilerplate.classify(lines, folder=folder)
    if overrides:
        decisions = [
            boilerplate.Decision(overrides[ln.text], OVERRIDE_REASONS[overrides[ln.text]], d.role)
            if ln.text in overrides
            else d
            for ln, d in zip(lines, decisions, strict=True)
        ]
    return lines, decisions


def title_and_date(
    document: Document,
    *,
    folder: FolderStats | None = None,
    overrides: Mapping[str, bool] | None = None,
) -> tuple[str | None, str | None]:
    """`analyse(...)`'s title and date without splitting sentences: the library lists them first."""
    lines, decisions = _decide(document.text, folder, overrides)
    return metadata.find_title(document, lines, decisions), metadata.find_date(document, lines, decisions)


def analyse_path(path: Path, *, use_folder: bool = True) -> Analysis:
    """Analyse one file, with its folder's siblings as repetition context."""
    document = read_document(path)
    if not use_folder:
        return analyse(document)
    from reader.text.folders import FolderContext

    return analyse(document, folder=FolderContext().stats_for(path))
