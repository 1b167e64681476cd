"""The library's entries: what the pipeline found in each file, cached so a second start is instant.

Pure Python (no Textual): the library screen runs `Catalog.scan` in a worker thread and streams the
batches it yields into its table. The cache maps a file's absolute path to its entry and is trusted
only while the file's size and mtime are unchanged and the pipeline's code is the same.
"""

from __future__ import annotations

import ast
import binascii
import hashlib
import importlib.util
import os
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from annotations.location import APP_NAME
from annotations.reasons import os_reason
from annotations.store import StoreError
from reader.services.catalog_cache import CacheLog
from reader.services.entries import Entry, SpanList, entry_from_analysis
from reader.services.gc_pause import collector_paused
from reader.text.corpus import Corpus, read_document
from reader.text.document import Document, DocumentError
from reader.text.folders import FolderContext

# A document whose store file cannot be read: listed with this reason, never cached (the file gets fixed).
STORE_PROBLEM = "its annotation file in the store is unreadable: run `reader stats --recover`"

if TYPE_CHECKING:
    from reader.services.title_pass import Analysed, Found, PassPool
    from reader.text.boilerplate import FolderStats
    from reader.text.pipeline import Analysis

# The pipeline (and dateutil) load on first use, in the scan worker: the first paint does not wait.

CACHE_FORMAT = 4  # 4: entries say which sentences are not taggable; 3: the log of catalog_cache.py
PROCESSES_FROM = 2000
FIRST_FRAME_LIMIT = 3000  # reading 3,000 cached entries takes a few hundredths of a second
Overrides = Callable[[str], Mapping[str, bool]]
Miss = tuple[str, str, int, int]  # path, relpath, size, mtime_ns: a file the cache cannot answer for


def default_cache_dir() -> Path:
    """$READER_CACHE, else the per-user cache folder (named like the store's folder; a cache left under
    the old name "news-reader" is simply not read, and the library is rescanned once)."""
    env = os.environ.get("READER_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


# An entry (title, date, sentence spans, why a file is unreadable) is what these modules compute; the
# cache is keyed on their source and on what they import, never on the rest of reader/text (a change
# to the suggestion engine must not rescan a 100,000-file library).
ENTRY_MODULES = ("reader.text.pipeline", "reader.text.folders")


def _pipeline_fingerprint() -> tuple[str, dict[str, list[int]]]:
    """Changes whenever the code an entry depends on does, so a new version never reads stale entries;
    with the (size, mtime) of each source file, which lets the next start trust it without parsing."""
    digest = hashlib.sha256(str(CACHE_FORMAT).encode())
    stamps: dict[str, list[int]] = {}
    for name, source in sorted(entry_sources(stamps=stamps).items()):
        digest.update(name.encode())
        digest.update(source)
    return digest.hexdigest()[:16], stamps


def _stamps_hold(stamps: object) -> bool:
    """Every source file named still has its recorded size and mtime (so the fingerprint holds)."""
    if not isinstance(stamps, dict) or not stamps:
        return False
    for origin, stamp in stamps.items():
        try:
            stat = os.stat(origin)
        except OSError:
            return False
        if stamp != [stat.st_size, stat.st_mtime_ns]:
            return False
    return True


def entry_sources(
    roots: Sequence[str] = ENTRY_MODULES, stamps: dict[str, list[int]] | None = None
) -> dict[str, bytes]:
    """The source of `roots` and of every reader.text module they import, at any depth, read from
    their import statements (deferred imports inside functions included) without running them.
    `stamps` receives each file's (size, mtime), taken before it is read (an edit in between shows)."""
    sources: dict[str, bytes] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in sources:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
            continue
        if stamps is not None:
            stat = os.stat(spec.origin)
            stamps[spec.origin] = [stat.st_size, stat.st_mtime_ns]
        sources[name] = Path(spec.origin).read_bytes()
        for node in ast.walk(ast.parse(sources[name])):
            if isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names if alias.name.startswith(_TEXT))
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module == _TEXT.rstrip("."):  # `from reader.text import boilerplate`
                    todo.extend(_TEXT + alias.name for alias in node.names)
                elif node.module.startswith(_TEXT):
                    todo.append(node.module)
    return sources


_TEXT = "reader.text."


def _entry_of(row: list[Any]) -> Entry | None:
    """The entry of a cache line; None for a garbled one (the file is read again)."""
    try:
        return Entry.from_row(row)
    except (ValueError, TypeError, IndexError, binascii.Error):
        return None


class Catalog:
    """The corpus's entries, computed by the pipeline once and then read from the cache."""

    def __init__(
        self,
        corpus: Corpus,
        *,
        cache_dir: Path | None = None,
        overrides: Overrides | None = None,
    ) -> None:
        self.corpus = corpus
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
        self.overrides = overrides
        key = hashlib.sha256(str(corpus.root).encode()).hexdigest()[:16]
        self.cache_file = self.cache_dir / f"catalog-{key}.jsonl"
        self._log = CacheLog(self.cache_file, str(corpus.root))
        self._entries: dict[str, Entry] = {}
        self._lock = threading.Lock()  # the scan thread writes entries while the UI reads them
        self._folders: FolderContext | None = None  # grouped on first use, in the scan worker
        self._cached: dict[str, Any] | None = None  # the cache file as read, for title_entry
        self._fingerprint_value: str | None = None
        self._stamps: dict[str, list[int]] = {}
        self._root_prefix = os.path.join(str(corpus.root), "")
        # From this many new files, the scan's passes run in worker processes (they take a second
        # to start: fewer files are done sooner in the scan's own thread).
        self.processes_from = PROCESSES_FROM
        # Up to this many files, the library's first frame shows the cached titles (read at once).
        self.first_frame_limit = FIRST_FRAME_LIMIT
        self.titled_in_processes = 0  # how many files the last scan's workers titled (the rest: this thread)
        self.analysed_in_processes = 0  # and how many they analysed in full

    # -- the cache ---------------------------------------------------------------------------------

    @property
    def _fingerprint(self) -> str:
        """Computed on first use (25 ms or more: it parses the pipeline's modules)."""
        if self._fingerprint_value is None:
            self._fingerprint_value, self._stamps = _pipeline_fingerprint()
        return self._fingerprint_value

    def _load(self) -> dict[str, Any]:
        if self._fingerprint_value is None:
            # The log's own fingerprint while none of the files it was computed from changed: a
            # start (and its first frame) need not parse the pipeline's modules.
            header = self._log.header()
            if header is not None and _stamps_hold(header.get("sources")):
                self._fingerprint_value, self._stamps = str(header["fingerprint"]), header["sources"]
        return self._log.load(self._fingerprint)

    def cached_files(self) -> dict[str, dict[str, Any]]:
        """path -> the cached entry as JSON (what the next start trusts while a file is unchanged)."""
        return {path: Entry.from_row(row).to_json() for path, row in self._load().items()}

    def save(self) -> None:
        """Rewrite the cache with every complete entry (a compaction); a cache that cannot be written
        only costs speed. A scan appends as it goes: this is for the end of one, or for tests."""
        entries = self._cacheable(entry for _, entry in self._snapshot())
        self._log.rewrite(entries, self._fingerprint, self._stamps)

    @staticmethod
    def _cacheable(entries: Iterable[Entry]) -> list[Entry]:
        return [entry for entry in entries if entry.scanned and entry.error != STORE_PROBLEM]

    def _append(self, entries: Iterable[Entry]) -> None:
        self._log.append(self._cacheable(entries), self._fingerprint, self._stamps)

    def _compact(self) -> None:
        """Rewrite the log when replaced lines (changed or deleted files) outnumber half the live ones."""
        live = len(self._entries)
        if self._log.lines > live + max(1000, live // 2):
            self.save()

    # -- entries -----------------------------------------------------------------------------------

    def _snapshot(self) -> list[tuple[str, Entry]]:
        with self._lock:
            return list(self._entries.items())

    def _put(self, entry: Entry) -> None:
        with self._lock:
            self._entries[entry.path] = entry

    def _put_all(self, entries: Iterable[Entry]) -> None:
        with self._lock:
            self._entries.update((entry.path, entry) for entry in entries)

    @property
    def entries(self) -> list[Entry]:
        return [entry for _, entry in self._snapshot()]

    def placeholders(self) -> list[Entry]:
        """One entry per file, named but not yet read: what the library shows at once."""
        return [Entry(path, self.relative(path), -1, -1, scanned=False) for path in self.corpus.paths]

    def placeholder(self, path: str) -> Entry:
        return Entry(path, self.relative(path), -1, -1, scanned=False)

    def first_entries(self, limit: int | None = None) -> list[Entry]:
        """What the library's first frame shows: for a corpus of up to `limit` files, each file's
        cached entry while the file is unchanged (the titles, at once), else its placeholder. A larger
        corpus with a cache gets nothing: reading the cache takes longer than a frame, and the scan's
        first batch brings it sooner than placeholders built first and replaced (at 100,000 files,
        each costs a second); without a cache (a first start), placeholders: the names at once.
        What the cache says is kept, so the scan does not read it twice."""
        try:
            cached = self.cache_file.stat().st_size > 0
        except OSError:
            cached = False
        if not cached:
            return self.placeholders()
        if len(self.corpus.paths) > (self.first_frame_limit if limit is None else limit):
            return []
        placeholders = self.placeholders()
        if self._cached is None:
            self._cached = self._load()
        out = []
        for entry in placeholders:
            hit = self._hit(entry.path, self._cached.get(entry.path))
            out.append(hit if isinstance(hit, Entry) else entry)
        return out

    def _hit(self, path: str, row: list[Any] | None) -> Entry | os.stat_result | OSError:
        """The cached entry when the file is unchanged, else the file's stat (or why it has none)."""
        try:
            stat = os.stat(path)
        except OSError as exc:
            return exc
        if row is not None and row[2] == stat.st_size and row[3] == stat.st_mtime_ns:
            return _entry_of(row) or stat  # a garbled line: read the file again
        return stat

    def relative(self, path: Path | str) -> str:
        """`Corpus.relative` without a `resolve()` per file (discovered paths are resolved already)."""
        text = str(path)
        if text.startswith(self._root_prefix):
            text = text[len(self._root_prefix) :]
            return text if os.sep == "/" else text.replace(os.sep, "/")
        return self.corpus.relative(Path(path))

    def scan(self, batch_size: int = 250, batch_seconds: float = 0.25) -> Generator[list[Entry], None, None]:
        """Yield entries in batches: first what the cache says of every file it knows (one batch, before
        any file is looked at), then the files that are new, changed or gone since: when many are new,
        the pipeline's title and date of each (`titled`, not yet `scanned`: sentences are not counted),
        then each complete entry. Complete entries are appended to the cache as they are yielded.

        The cached entries go out unchecked, so a second start lists them at once: a stat per file cost
        most of a 100,000-file start. Each file is checked right after; a changed one is read again and
        its new entry replaces the cached one in a later batch."""
        listed, order = self._from_cache()
        if listed:
            yield listed
        del listed
        gone: list[Entry] = []
        misses: list[Miss] = []
        for item in order:
            path = item if isinstance(item, str) else item.path
            try:
                stat = os.stat(path)
            except OSError as exc:  # bare reasons, as read_document gives them
                missing = isinstance(exc, FileNotFoundError)  # e.g. a dangling link
                reason = "file not found" if missing else os_reason(exc).lower()
                gone.append(Entry(path, self.relative(path), -1, -1, error=reason))
                continue
            if isinstance(item, Entry) and item.size == stat.st_size and item.mtime_ns == stat.st_mtime_ns:
                continue  # the cached entry holds
            misses.append((path, self.relative(path), stat.st_size, stat.st_mtime_ns))
        del order
        if gone:
            self._put_all(gone)
            yield gone
        if not misses:
            self._compact()
            return
        try:
            yield from self._scan_misses(misses, batch_size, batch_seconds)
        finally:  # also when the app closes mid-scan: what is complete was appended as it came
            self._compact()

    def cached(self) -> list[Entry]:
        """What the cache says of the files it knows, unchecked (the first batch `scan` yields): for a
        process that trusts the cache as it stands (the app's background agreement count)."""
        return self._from_cache()[0]

    def _from_cache(self) -> tuple[list[Entry], list[Entry | str]]:
        """The cache's entries of the corpus's files (now this catalog's entries), and every file in
        order: its cached entry, else its path."""
        listed: list[Entry] = []
        order: list[Entry | str] = []
        with collector_paused():
            cached = self._cached if self._cached is not None else self._load()
            self._cached = None  # the scan's entries supersede it; title_entry reads the log again
            from_row = _entry_of
            for path in self.corpus.paths:
                row = cached.get(path)
                entry = from_row(row) if row is not None else None
                if entry is None:
                    order.append(path)
                else:
                    listed.append(entry)
                    order.append(entry)
            del cached
        if listed:
            self._put_all(listed)
        return listed, order

    def _scan_misses(
        self, misses: list[Miss], batch_size: int, batch_seconds: float
    ) -> Iterator[list[Entry]]:
        pending: list[Entry] = []
        last = time.monotonic()
        pool = self._pool(misses) if len(misses) > batch_size else None
        try:
            if len(misses) > batch_size:
                # Splitting sentences is a third of the pipeline's work: every file's title and date first.
                rest = []
                for item, entry in self._titles(misses, pool):
                    self._put(entry)
                    pending.append(entry)
                    if not entry.scanned:
                        rest.append(item)
                    now = time.monotonic()
                    if len(pending) >= 4 * batch_size or now - last >= batch_seconds:
                        self._append(pending)
                        yield pending
                        pending = []
                        last = now
                if pending:
                    self._append(pending)
                    yield pending
                    pending = []
                misses = rest
            for entry in self._analysed(misses, pool):
                self._put(entry)
                pending.append(entry)
                now = time.monotonic()
                if len(pending) >= batch_size or now - last >= batch_seconds:
                    self._append(pending)
                    yield pending
                    pending = []
                    last = now
            if pending:
                self._append(pending)
                yield pending
        finally:
            if pool is not None:
                pool.close()

    def _pool(self, misses: list[Miss]) -> PassPool | None:
        """Worker processes for a large scan (the app's thread keeps its core); None when there are
        few files, one core, or processes cannot be started here (a sandbox, no semaphores)."""
        if len(misses) < self.processes_from or (os.cpu_count() or 1) < 2:
            return None
        try:
            from reader.services.title_pass import PassPool

            representatives = {os.path.dirname(item[0]): item[0] for item in misses}
            folders = {Path(p).parent: self.folder_stats(Path(p)) for p in representatives.values()}
            return PassPool(folders)
        except Exception:
            return None

    def _titles(self, misses: list[Miss], pool: PassPool | None) -> Iterator[tuple[Miss, Entry]]:
        """The first pass over `misses`, in order: in `pool` when there is one, else, or when the
        workers fail, in this thread."""
        done = 0
        if pool is not None:
            try:
                for found_chunk in pool.titles([item[0] for item in misses]):
                    for found in found_chunk:
                        item = misses[done]
                        done += 1
                        yield item, self._title_found(item, found)
            except Exception:  # the workers died: this thread does the rest
                pass
            self.titled_in_processes = done
        for item in misses[done:]:
            yield item, self._title_one(*item)

    def _analysed(self, misses: list[Miss], pool: PassPool | None) -> Iterator[Entry]:
        """The second pass (complete entries), in order: in `pool` when there is one, as `_titles`."""
        done = 0
        if pool is not None and misses:
            try:
                for chunk in pool.analysed([item[0] for item in misses]):
                    for found in chunk:
                        item = misses[done]
                        done += 1
                        yield self._analysed_found(item, found)
            except Exception:
                pass
            self.analysed_in_processes = done
        for item in misses[done:]:
            yield self._scan_one(*item)

    def _analysed_found(self, item: Miss, found: Analysed) -> Entry:
        path, relpath, size, mtime_ns = item
        if found is None:  # the pipeline failed on it: this thread records how
            return self._scan_one(*item)
        document_id, title, date, flat, error, untaggable = found
        if error is not None:
            return Entry(path, relpath, size, mtime_ns, error=error)
        if self.overrides is not None and self._has_overrides(document_id or ""):
            return self._scan_one(*item)  # the user's line calls live in the store: decided here
        return Entry(
            path,
            relpath,
            size,
            mtime_ns,
            document_id,
            title=title,
            date=date,
            spans=SpanList(flat),
            untaggable=tuple(untaggable),
        )

    def _title_found(self, item: Miss, found: Found) -> Entry:
        path, relpath, size, mtime_ns = item
        if found is None:  # the pipeline failed on it: the second pass records how
            return Entry(path, relpath, size, mtime_ns, scanned=False)
        document_id, title, date, error = found
        if error is not None:
            return Entry(path, relpath, size, mtime_ns, error=error)
        if self.overrides is not None and self._has_overrides(document_id or ""):
            return self._title_one(*item)  # the user's line calls live in the store: decided here
        return Entry(
            path, relpath, size, mtime_ns, document_id, title=title, date=date, scanned=False, titled=True
        )

    def _has_overrides(self, document_id: str) -> bool:
        """True also when the store cannot say: the thread's own pass then meets (and reports) the problem."""
        assert self.overrides is not None
        try:
            return bool(self.overrides(document_id))
        except StoreError:
            return True

    def title_entry(self, file: Path) -> Entry:
        """`file`'s title and date without a scan: the cached entry while the file is unchanged, else
        the scan's first pass on it (each folder's repetition context computed once for all files)."""
        try:
            stat = os.stat(file)
        except OSError as exc:
            return Entry(str(file), self.relative(file), -1, -1, error=os_reason(exc).lower())
        if self._cached is None:
            self._cached = self._load()
        row = self._cached.get(str(file))
        if row is not None and row[2] == stat.st_size and row[3] == stat.st_mtime_ns:
            entry = _entry_of(row)
            if entry is not None:
                return entry
        return self._title_one(str(file), self.relative(file), stat.st_size, stat.st_mtime_ns)

    def _title_one(self, path: str, relpath: str, size: int, mtime_ns: int) -> Entry:
        """The first pass: the pipeline's title and date; a file that cannot be read is complete already."""
        try:
            document = read_document(Path(path))
        except DocumentError as exc:
            return Entry(path, relpath, size, mtime_ns, error=exc.reason)
        from reader.text.pipeline import title_and_date

        try:
            overrides = self.overrides(document.id) if self.overrides is not None else None
            title, date = title_and_date(
                document, folder=self.folder_stats(document.path), overrides=overrides or None
            )
        except Exception:  # the second pass records the failure, as the full analysis meets it
            return Entry(path, relpath, size, mtime_ns, document_id=document.id, scanned=False)
        return Entry(
            path, relpath, size, mtime_ns, document.id, title=title, date=date, scanned=False, titled=True
        )

    def _scan_one(self, path: str, relpath: str, size: int, mtime_ns: int) -> Entry:
        try:
            document = read_document(Path(path))
        except DocumentError as exc:
            return Entry(path, relpath, size, mtime_ns, error=exc.reason)
        try:
            analysis = self.analyse(document)
        except StoreError:  # the store's file, not the article, is bad
            return Entry(path, relpath, size, mtime_ns, document_id=document.id, error=STORE_PROBLEM)
        except Exception as exc:  # a pipeline bug on one file must not hide the rest of the library
            return Entry(
                path, relpath, size, mtime_ns, document_id=document.id, error=f"analysis failed: {exc}"
            )
        return entry_from_analysis(analysis, path, relpath, size, mtime_ns)

    @property
    def folders(self) -> FolderContext:
        """Grouping 100,000 paths by folder takes a while: done on first use, not as the app starts."""
        with self._lock:
            if self._folders is None:
                self._folders = FolderContext(self.corpus.files)
            return self._folders

    def folder_stats(self, path: Path) -> FolderStats | None:
        """Repetition across the corpus files of one folder, computed once per folder."""
        return self.folders.stats_for(path)

    def analyse(self, document: Document, overrides: Mapping[str, bool] | None = None) -> Analysis:
        """The same analysis for the library and the reading screen (same folder context)."""
        if overrides is None and self.overrides is not None:
            overrides = self.overrides(document.id)
        from reader.text.pipeline import analyse

        return analyse(document, folder=self.folder_stats(document.path), overrides=overrides or None)

    def update(self, entry: Entry) -> None:
        """Record what the reading screen found (after a line override), and keep it for next time."""
        self._put(entry)
        self._append([entry])

    def refresh(self, analysis: Analysis) -> Entry | None:
        """Update the entry of an analysed document; returns the new entry."""
        path = str(analysis.document.path)
        with self._lock:
            old = self._entries.get(path)
        if old is None:
            return None
        entry = entry_from_analysis(analysis, path, old.relpath, old.size, old.mtime_ns)
        self.update(entry)
        return entry
