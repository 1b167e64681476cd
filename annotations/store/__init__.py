"""The annotation store (format 2): each annotator's files per document, merged on read.

`Store` (facade.py) is the public API; the modules beside it each hold one part: layout.py (file
names, what is local), journal.py (one annotator's file: snapshot and journal), files.py (reading
them with a cache), lock.py, index.py (local shards), attach.py (renames, copies and edits),
maintenance.py (checks, rebuild, recovery), migrate.py (format 1 to 2) and merge.py (two versions of
one annotator file, for `reader sync`).
"""

from annotations.storage import StoreError
from annotations.store.facade import MergeReport, Store
from annotations.store.layout import LOCAL_PATTERNS
from annotations.store.lock import StoreBusy

__all__ = ["LOCAL_PATTERNS", "MergeReport", "Store", "StoreBusy", "StoreError"]
