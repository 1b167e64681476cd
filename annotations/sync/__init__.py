"""`reader sync`: a store folder is a git repository; each sync commits this machine's changed files,
fetches, merges and pushes, and says in one line what went out and what came in, from whom.

Each annotator writes only their own files, so git merges without conflicts; the one exception is an
annotator name used on two machines, where the two versions of a file are merged by uuid
(`team_files.merge`: newer `modified` wins, nothing dropped).

Git never writes the store's files itself. The merge is made from objects alone (`git merge-tree
--write-tree`), and the files it changes are then written here, each atomically (temp file, fsync,
rename), under the store's lock: a reader sees every file old or new, never half-checked-out, and a
writer waits. A marker (`.git/reader-sync-pending`, written before the first file) lets a sync that
was killed half-way finish the same merge on the next run, so no file of another annotator is ever
mistaken for a local change. Pushes that lose a race to another annotator's are retried after
merging theirs.
"""

from annotations.sync.report import SyncError, SyncReport
from annotations.sync.run import sync

__all__ = ["SyncError", "SyncReport", "sync"]
