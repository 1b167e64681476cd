"""Opening a document for reading: read, analyse, attach the store's annotations, read their state.

Run from the reading screen's thread worker (a 1 MB article must not freeze the screen); every
store call goes through `write`, the app's single writer thread. No Textual import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from annotations.model import DocumentRef
from reader.services.catalog import Catalog
from reader.services.entries import Entry, entry_from_analysis
from reader.services.tag_state import TagState, read_state
from reader.text.corpus import read_document

if TYPE_CHECKING:
    from annotations.store import Store
    from reader.text.pipeline import Analysis

T = TypeVar("T")


@dataclass(frozen=True)
class Opening:
    """What the reading screen shows: the entry as analysed now, the analysis and the store's state."""

    entry: Entry
    analysis: Analysis
    ref: DocumentRef
    state: TagState


def note_document(store: Store, ref: DocumentRef, analysis: Analysis, relpath: str) -> None:
    """`Store.note_document` of what the pipeline found (for `write`, which passes arguments on as they
    are): title, date, author, outlet and URL, so that every export carries them without the corpus."""
    store.note_document(
        ref,
        title=analysis.title,
        date=analysis.date,
        relpath=relpath,
        author=analysis.author,
        outlet=analysis.outlet,
        url=analysis.url,
    )


def open_entry(entry: Entry, catalog: Catalog, store: Store, write: Callable[..., Any]) -> Opening:
    """Raises `DocumentError` for a file that cannot be read, anything else for a store or pipeline
    failure; a changed title or date goes into the catalog (for a scanned entry) as it is found."""
    document = read_document(Path(entry.path))
    analysis = catalog.analyse(document, store.line_overrides(document.id))
    ref = DocumentRef(document.id, entry.relpath, document.text)
    write(store.attach, ref)
    # Title, date, byline and corpus path go into the store, so an export carries them without the corpus.
    write(note_document, store, ref, analysis, entry.relpath)
    state: TagState = write(read_state, store, document.id)
    if any(not a.orphan and ref.text[a.start : a.end] != a.text for a in state.annotations):
        # Imported without this text (not in the corpus then): placed on it now, or orphaned.
        write(store.verify_texts, ref)
        state = write(read_state, store, document.id)
    new_entry = entry_from_analysis(analysis, entry.path, entry.relpath, entry.size, entry.mtime_ns)
    if new_entry != entry and entry.scanned:
        catalog.update(new_entry)
    return Opening(new_entry, analysis, ref, state)
