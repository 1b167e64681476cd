"""Each document's agreement counts, cached, so that `reader agree` and the agreement screen read one
small file per part and count only the documents that changed, instead of 300,000 annotator files.

Every figure is built from sums over units, so a document's sufficient statistics (`DocumentCounts`:
its units' coder/label bits, its spans' holders) add up to the whole store's. They are cached under
the store's `.local/agreement/` (never synced), split into `PARTS` files by document id so worker
processes each read and write their own; a row holds the document's annotator-file stamp (the local
index's `Store.file_stamps`: any write, undo or sync changes it), its finished coders and a fingerprint
of its sentences, and is counted again when any of them differ. Derived: a missing, damaged or foreign
part is counted again, never an error; parts are written atomically.

A stale document's spans come from its local index entry (`annotations.store.index.entry_held`: each
label's distinct anchored spans with who drew them, built with the entry) when the entry's stamp is the
files' stamp, so a first count reads 4,096 index shards instead of 300,000 annotator files. Otherwise
(an entry an older version wrote, or one lagging its files) they are read lean: `read_spans` takes
the three fields agreement needs straight from each file's snapshot line and replays its journal, and
falls back to the store's full, validating parse when anything looks unusual (that parse names a
damaged file).
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import tempfile
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.agreement import DocumentCounts, Held
from annotations.store import journal
from annotations.store.index import INDEX_FORMAT, INDEX_VERSION, entry_held
from annotations.store.layout import SHARD, SUFFIX, Layout, doc_hex, encode_name
from reader.services.entries import SpanList

if TYPE_CHECKING:
    from annotations.store import Store

STATS_FORMAT = 3  # 2: parts by index shard; 3: marshal (a fifth of JSON's time to write and read)
# marshal's format is this machine's Python's: .local/ never leaves it, and another format reads as empty
STATS_MAGIC = f"reader.agreement.stats {STATS_FORMAT} ".encode() + bytes([marshal.version])
PART_SUFFIX = ".marshal"
TEMP_PREFIX = ".agreement-"  # a part being written (`_write_atomically`)
PARTS = 8
READ_SIZE = 1 << 16  # one read holds most annotator files

Spans = dict[str, list[list[Any]]]  # annotator -> [[label, start, end], ...] (anchored only)


def part_of(document_id: str) -> int:
    """Which cache part (and so which worker) a document belongs to: stable across processes, and by
    index shard (the first hex digits of the document's folder), so a worker reads only its own shards."""
    return int(doc_hex(document_id)[:SHARD], 16) % PARTS


class StatsCache:
    """Each document's agreement counts (`DocumentCounts`: the additive sums every figure is built
    from) and its own figures, from the cache when its annotator files, finished coders and sentences
    are unchanged; otherwise counted from its files (`read_spans`) and remembered.

    Bits are positions in `coders` (the cache's own list, only ever appended to, so a part written
    with a shorter list is still right) and the store's labels. Only the parts a worker asks for
    are loaded. A part that is missing, damaged, of another format or labels, or written with coders
    that are not a prefix of ours is simply empty: the cache is derived, never an error."""

    def __init__(
        self,
        location: Path,
        stamps: Mapping[str, Any],
        labels: Sequence[str],
        coders: Sequence[str],
        parts: Iterable[int] = (),
        cache_dir: Path | None = None,
    ) -> None:
        self.stamps = stamps
        self.layout = Layout(location)
        self.labels = list(labels)
        self.coders = list(coders)
        self.cache_dir = cache_dir if cache_dir is not None else stats_dir(location)
        self.docs: dict[int, dict[str, list[Any]]] = {p: self._load(p) for p in parts}
        self.changed: set[int] = set()
        self.counted = 0  # documents counted (not from the cache)
        self.from_files = 0  # ...of which from their annotator files (not from the index)
        self._shards: dict[str, dict[str, Any]] = {}  # index shard stem -> its entries (read once)
        self._index_dir = str(self.layout.index_dir)

    def file(self, part: int) -> Path:
        return self.cache_dir / f"stats-{part}{PART_SUFFIX}"

    def _load(self, part: int) -> dict[str, list[Any]]:
        try:
            raw = self.file(part).read_bytes()
        except OSError:
            return {}
        if not raw.startswith(STATS_MAGIC):
            return {}
        try:
            data = marshal.loads(memoryview(raw)[len(STATS_MAGIC) :])
        except Exception:  # a damaged part (marshal raises several kinds): counted again
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != STATS_FORMAT
            or data.get("labels") != self.labels
            or not isinstance(data.get("coders"), list)
            or data["coders"] != self.coders[: len(data["coders"])]
            or not isinstance(data.get("docs"), dict)
        ):
            return {}
        return data["docs"]  # type: ignore[no-any-return]

    def lookup(
        self, document_id: str, finished: int, fingerprint: Callable[[], int]
    ) -> tuple[DocumentCounts, list[Any]] | None:
        """The cached counts and figures [alphas, masi] of a document, if still right. `fingerprint`
        is called only for a row whose stamp and finished coders match: hashing every document's
        sentences cost a first count (an empty cache) a tenth of its time for nothing."""
        part = part_of(document_id)
        docs = self.docs.get(part)
        if docs is None:
            docs = self.docs[part] = self._load(part)
        row = docs.get(document_id)
        stamp = self.stamps.get(document_id)
        if stamp is None or row is None:
            return None
        try:
            r_stamp, r_sig, r_finished, n, flat_units, flat_spans, figures = row
            if r_stamp != stamp or r_finished != finished or r_sig != fingerprint():
                return None
            units = {
                (flat_units[i], flat_units[i + 1]): flat_units[i + 2] for i in range(0, len(flat_units), 3)
            }
            spans = {
                (flat_spans[i], flat_spans[i + 1], flat_spans[i + 2]): flat_spans[i + 3]
                for i in range(0, len(flat_spans), 4)
            }
            return DocumentCounts(finished, n, units, spans), figures
        except (TypeError, ValueError, IndexError):
            return None  # a damaged row: counted again

    def remember(
        self,
        document_id: str,
        fingerprint: int,
        counts: DocumentCounts,
        figures: list[Any],
    ) -> None:
        stamp = self.stamps.get(document_id)
        if stamp is None:
            return  # not in the index: nothing to check a cached row against
        part = part_of(document_id)
        docs = self.docs.setdefault(part, {})
        docs[document_id] = [
            stamp,
            fingerprint,
            counts.finished,
            counts.n,
            # flat: marshal reads a list of small ints faster than dicts of tuples (0.3 s at 30,000)
            [x for key, times in counts.units.items() for x in (*key, times)],
            [x for key, times in counts.spans.items() for x in (*key, times)],
            figures,
        ]
        self.changed.add(part)
        self.counted += 1

    def spans(self, document_id: str, tagged: Collection[str] | None = None) -> Spans | Held:
        """What a stale document's annotators drew: from its local index entry when that was built from
        the files as they are now (its stamp is the one `stamps` holds) and holds them (`entry_held`: an
        index written by an older version does not), else from its files (`files`)."""
        stem = doc_hex(document_id)[:SHARD]
        entries = self._shards.get(stem)
        if entries is None:  # a plain string: 4,096 Paths cost a tenth of reading the shards
            entries = self._shards[stem] = index_entries(f"{self._index_dir}/{stem}.json")
        entry = entries.get(document_id)
        stamp = self.stamps.get(document_id)
        if isinstance(entry, dict) and stamp is not None and entry.get("stamp") == stamp:
            held = entry_held(entry)
            if held is not None:
                return Held(*held)
        return self.files(document_id, tagged)

    def files(self, document_id: str, tagged: Collection[str] | None = None) -> Spans:
        """What a document's annotators drew, from its annotator files as they are now."""
        self.from_files += 1
        return read_spans(self.layout, document_id, tagged)

    def save(self) -> None:
        """Each changed part atomically; a cache that cannot be written only costs time next run."""
        for part in sorted(self.changed):
            data = {
                "format": STATS_FORMAT,
                "labels": self.labels,
                "coders": self.coders,
                "docs": self.docs[part],
            }
            _write_atomically(self.file(part), STATS_MAGIC + marshal.dumps(data))
        self.changed.clear()


def index_entries(file: str | Path) -> dict[str, Any]:
    """An index shard's entries, read without the store's lock or checks: a shard replaced meanwhile is
    caught by the stamps, and one this version cannot read only sends its documents to their files."""
    try:
        with open(file, "rb") as raw:
            data = json.loads(raw.read())
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != INDEX_FORMAT
        or data.get("version") != INDEX_VERSION
        or not isinstance(data.get("documents"), dict)
    ):
        return {}
    return data["documents"]  # type: ignore[no-any-return]


def units_fingerprint(spans: Sequence[Sequence[int]], untaggable: Sequence[int]) -> int:
    """A fingerprint of a document's sentences and which are taggable (a changed file or line
    override moves them): a digest of the offsets as int64s, the same in every process and for a
    catalog's compact `SpanList` as for tuples (hashing their tuples took a third of a warm count)."""
    flat = spans.flat if isinstance(spans, SpanList) else [x for span in spans for x in span]
    data = array("q", flat).tobytes() + b"|" + array("q", untaggable).tobytes()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def stats_dir(location: Path) -> Path:
    """Under the store's `.local/`: never synced, ignored by git, one machine's."""
    return Layout(location).local / "agreement"


NOTHING_TO_COUNT = "nothing-to-count"  # a count found no document two annotators finished


def mark_nothing_to_count(location: Path, index: int | None) -> None:
    """Leave a mark that the store, as its index stood at `index` (`agreement_warmup.index_mtime`,
    taken before the summary was read), has nothing to count: the app's background count is not
    started again on every start of a big library without a team, until the index moves
    (`nothing_to_count`)."""
    if index is not None:
        _write_atomically(stats_dir(location) / NOTHING_TO_COUNT, str(index))


def nothing_to_count(location: Path, index: int | None) -> bool:
    """The mark says the index, as it stands at `index`, had nothing to count."""
    try:
        return index is not None and (stats_dir(location) / NOTHING_TO_COUNT).read_text() == str(index)
    except (OSError, UnicodeDecodeError):
        return False


def coder_order(location: Path, names: Iterable[str]) -> list[str]:
    """The cache's coder list with any new `names` appended (sorted), written back when it grew."""
    file = stats_dir(location) / "coders.json"
    try:
        known = json.loads(file.read_bytes())
        if not isinstance(known, list) or not all(isinstance(x, str) for x in known):
            known = []
    except (OSError, ValueError):
        known = []
    new = sorted(set(names) - set(known))
    if new:
        known = known + new
        _write_atomically(file, json.dumps(known))
    return known  # type: ignore[no-any-return]


def _write_atomically(file: Path, data: str | bytes) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=file.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data.encode() if isinstance(data, str) else data)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def read_spans(layout: Layout, document_id: str, tagged: Collection[str] | None = None) -> Spans:
    """Every annotator's anchored (label, start, end) of one document, from its files as they are now;
    only the files of `tagged` when given (the index's annotators with anchored annotations).

    Plain strings and `os` calls rather than `Path`: 300,000 files make pathlib a fifth of the time."""
    by: Spans = {}
    folder = f"{layout.docs}/{doc_hex(document_id)}"
    if tagged is not None:
        names = [_file_name(a) for a in tagged]
    else:
        try:
            names = [n for n in os.listdir(folder) if n.endswith(SUFFIX) and not n.startswith(".")]
        except (FileNotFoundError, NotADirectoryError):
            return by
    for name in names:
        file = f"{folder}/{name}"
        try:
            data = _read(file)
        except FileNotFoundError:
            continue  # removed since the listing (an undo of a first tag, a sync)
        except OSError:
            journal.read_bytes(Path(file))  # raises the store's one-line "cannot read" error
            continue
        annotator, records = _records(file, data, document_id)
        mine = [[r["label"], r["start"], r["end"]] for r in records if not r.get("orphan")]
        if mine:
            by.setdefault(annotator, []).extend(mine)
    return by


def _read(file: str) -> bytes:
    """The file's bytes with three system calls: `open()`'s buffered file object costs 40 % more here."""
    fd = os.open(file, os.O_RDONLY)
    try:
        data = os.read(fd, READ_SIZE)
        if len(data) < READ_SIZE:
            return data
        parts = [data]
        while chunk := os.read(fd, 1 << 20):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


@functools.cache
def _file_name(annotator: str) -> str:
    return encode_name(annotator) + SUFFIX


def _records(file: str, data: bytes, document_id: str) -> tuple[str, Iterable[dict[str, Any]]]:
    """The annotator and the annotation records one file holds: the lean path reads the snapshot and
    replays the journal without validating records; anything unexpected takes the store's own parse,
    which validates and raises a one-line StoreError naming a damaged file."""
    try:
        lines, _ = journal.split(data)
        head = json.loads(lines[0].decode("utf-8"))
        if (
            head["format"] != journal.FORMAT
            or head["version"] != journal.VERSION
            or head["document_id"] != document_id
        ):
            raise ValueError("not this document's annotator file")
        s = head["state"]
        annotator = head["annotator"]
        if len(lines) == 1:
            records = s["annotations"].values()
        else:
            state = journal.State(
                document_id,
                annotator,
                annotations=dict(s["annotations"]),
                removed=dict(s.get("removed") or {}),
                overrides=dict(s.get("overrides") or {}),
                dismissed=[list(d) for d in s.get("dismissed") or []],
                undo=list(s.get("undo") or []),
                redo=list(s.get("redo") or []),
                seq=int(head.get("seq", 0)),
            )
            for raw in lines[1:]:
                entry = json.loads(raw.decode("utf-8"))
                if entry["seq"] != state.seq + 1:
                    raise ValueError("journal out of order")
                state.apply(entry)
            records = state.annotations.values()
        for r in records:
            if not (
                isinstance(r["label"], str)
                and type(r["start"]) is int
                and type(r["end"]) is int
                and r["start"] < r["end"]
            ):
                raise ValueError("a malformed record")
        if not isinstance(annotator, str):
            raise ValueError("no annotator")
        return annotator, records
    except Exception:  # the validating parse decides, and names the file if damaged
        state, _ = journal.parse(Path(file), data, document_id)
        return state.annotator, state.annotations.values()


def index_stamps(store: Store, *, check: bool = True) -> dict[str, Any]:
    """Each document's annotator-file stamps as the store's local index records them
    (`Store.file_stamps`: the index brought up to date first unless `check` is False), without
    300,000 stats."""
    return dict(store.file_stamps(check=check))
