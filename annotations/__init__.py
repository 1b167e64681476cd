"""The annotation store: pure Python (no Textual, no `reader` imports), usable on its own."""

from annotations.model import DEFAULT_LABELS, Annotation, AttachReport, DocSummary, DocumentRef
from annotations.store import Store, StoreError

__all__ = ["DEFAULT_LABELS", "Annotation", "AttachReport", "DocSummary", "DocumentRef", "Store", "StoreError"]
