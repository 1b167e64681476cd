"""The annotation store: pure Python (no Textual, no `reader` imports), usable on its own.

`Store` and `StoreError` load on first use, so `annotations.model` (the label set, the records) is
cheap to import from the text pipeline and the CLI's start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotations.model import DEFAULT_LABELS, Annotation, AttachReport, DocSummary, DocumentRef

if TYPE_CHECKING:
    from annotations.store import Store, StoreError

__all__ = ["DEFAULT_LABELS", "Annotation", "AttachReport", "DocSummary", "DocumentRef", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "StoreError"):
        from annotations import store

        return getattr(store, name)
    raise AttributeError(f"module 'annotations' has no attribute {name!r}")
