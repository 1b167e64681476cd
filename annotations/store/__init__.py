"""The annotation store: one TinyDB file per document plus small index files, all written atomically.

`Store` (facade.py) is the public API; the modules beside it each hold one part: layout.py (file
names, reading a document file), lock.py, index.py (shards and caches), transaction.py (one
document change), history.py (undo), attach.py (renames and re-anchoring), maintenance.py.
"""

from annotations.storage import StoreError
from annotations.store.facade import MergeReport, Store
from annotations.store.lock import StoreBusy

__all__ = ["MergeReport", "Store", "StoreBusy", "StoreError"]
