"""Agreement on a store and a corpus: the units fed from the store's finished marks and annotations,
and the corpus's taggable sentences (no Textual; `reader agree` and the agreement screen share it).

The sentences come from the catalog (the library's cache of what the pipeline found in each file), so
a second run reads them instead of running the pipeline on every document.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotations.agreement import (
    Agreement,
    DocumentCounts,
    DocumentFigures,
    DocumentWork,
    TaggedSpan,
    Tally,
    count_finished,
    figures,
    project,
)
from annotations.model import Annotation
from reader.services.agreement_cache import (
    PART_SUFFIX,
    PARTS,
    StatsCache,
    coder_order,
    part_of,
    stats_dir,
    units_fingerprint,
)
from reader.services.entries import Entry
from reader.services.gc_pause import collector_paused

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from annotations.store import Store

FinishedBy = Callable[[str], Collection[str]]
SpansOf = Callable[[str], Mapping[str, Sequence[TaggedSpan]]]  # document id -> annotator -> spans


@dataclass(frozen=True)
class Selection:
    """What the user chose: labels, annotators (all when empty), documents (text ids or corpus paths;
    all when empty)."""

    labels: tuple[str, ...]
    annotators: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()

    def wants_document(self, entry: Entry) -> bool:
        return not self.documents or entry.document_id in self.documents or entry.relpath in self.documents

    def coders(self, finished: Collection[str]) -> frozenset[str]:
        if not self.annotators:
            return frozenset(finished)
        return frozenset(c for c in finished if c in self.annotators)


@dataclass
class Outcome:
    agreement: Agreement
    finished_by_one: int = 0  # documents only one chosen annotator finished (no units)
    finished_coders: frozenset[str] = field(default_factory=frozenset)  # everyone who finished anything
    document_ids: dict[str, str] = field(default_factory=dict)  # path -> document id, for the screen


def taggable_spans(entry: Entry) -> Sequence[tuple[int, int]]:
    """The sentences annotators are asked to tag: the units."""
    return entry.taggable_spans


@dataclass(frozen=True)
class Planned:
    """A document to count: its taggable sentences and who finished it (two or more chosen)."""

    path: str
    document_id: str
    entry: Entry
    coders: frozenset[str]
    tagged: Collection[str] | None = None  # who has anchored annotations (the index's), when known
    everyone: frozenset[str] = frozenset()  # everyone who finished it, chosen or not (the cache counts all)
    part: int = 0  # its cache part (`part_of`), worked out once before the workers share the parts

    @property
    def sentences(self) -> Sequence[tuple[int, int]]:
        """Worked out when a document is counted (a cached one needs only its fingerprint)."""
        return taggable_spans(self.entry)

    @functools.cached_property
    def fingerprint(self) -> int:
        """Of the document's sentences and which are taggable: what its units are."""
        return units_fingerprint(self.entry.spans, self.entry.untaggable)


def plan(
    entries: Iterable[Entry],
    selection: Selection,
    finished_by: FinishedBy,
    outcome: Outcome,
    tagged_by: FinishedBy | None = None,
) -> Iterator[Planned]:
    """The documents two or more chosen annotators finished, in order, without reading annotations."""
    seen: set[str] = set()
    everyone: set[str] = set()
    for entry in entries:
        document_id = entry.document_id
        if document_id is None or entry.error or not entry.scanned:  # no sentences known (yet)
            continue
        if document_id in seen or not selection.wants_document(entry):
            continue
        seen.add(document_id)
        finished = frozenset(finished_by(document_id))
        coders = selection.coders(finished)
        everyone.update(coders)
        if len(coders) < 2:
            outcome.finished_by_one += bool(coders)
            continue
        outcome.document_ids[entry.relpath] = document_id
        tagged = tagged_by(document_id) if tagged_by is not None else None
        yield Planned(entry.relpath, document_id, entry, coders, tagged, finished, part_of(document_id))
    outcome.finished_coders = frozenset(everyone)


def works(
    entries: Iterable[Entry],
    selection: Selection,
    finished_by: FinishedBy,
    spans_of: SpansOf,
    outcome: Outcome,
) -> Iterator[DocumentWork]:
    """The documents to count with their annotations, one at a time (a million annotations never sit
    in memory together)."""
    for p in plan(entries, selection, finished_by, outcome):
        yield DocumentWork(p.path, p.sentences, p.coders, spans_of(p.document_id))


def spans_from(annotations_of: Callable[[str], Sequence[Annotation]]) -> SpansOf:
    """Spans straight from the store (no cache): each annotator's anchored annotations."""

    def spans_of(document_id: str) -> Mapping[str, Sequence[TaggedSpan]]:
        by: dict[str, list[TaggedSpan]] = {}
        for a in annotations_of(document_id):
            if not a.orphan:
                by.setdefault(a.annotator, []).append((a.label, a.start, a.end))
        return by

    return spans_of


def measure(
    entries: Sequence[Entry],
    selection: Selection,
    finished_by: FinishedBy,
    spans_of: SpansOf,
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> Outcome:
    """The figures; `progress(entries seen)` is called every `every` entries (for a screen)."""
    tally = Tally(selection.labels, selection.annotators or None)
    outcome = Outcome(agreement=tally.result())
    counted = _counting(entries, progress, every) if progress else entries
    for doc in works(counted, selection, finished_by, spans_of, outcome):
        tally.add(doc)
    outcome.agreement = tally.result()
    return outcome


def _counting(entries: Sequence[Entry], progress: Callable[[int], None], every: int) -> Iterator[Entry]:
    for n, entry in enumerate(entries, 1):
        yield entry
        if n % every == 0:
            progress(n)
    progress(len(entries))


# -- counting in worker processes (`reader agree`) -------------------------------------------------

PROCESSES_FROM = 2000  # stale documents: below this, forking costs more than it saves

# planned, chosen labels, chosen annotators, store labels, cache coder order, store, cache dir, stamps
Job = tuple[
    list[Planned], tuple[str, ...], frozenset[str], tuple[str, ...], list[str], Path, Path, Mapping[str, Any]
]
_JOB: Job | None = None  # what forked workers inherit (nothing of it is pickled)


@collector_paused()  # a decorator too: paused for each call, however it ends
def measure_in_processes(
    entries: Sequence[Entry],
    selection: Selection,
    finished_by: FinishedBy,
    location: Path,
    cache_dir: Path | None,
    stamps: Mapping[str, Any],
    processes: int | None = None,
    tagged_by: FinishedBy | None = None,
    store_labels: Sequence[str] | None = None,
    ready: Callable[[Outcome], None] | None = None,
) -> Outcome:
    """The figures from each document's cached counts (`StatsCache`, under the store's `.local/`
    unless `cache_dir`), counting only the documents whose files, finished marks or sentences changed,
    then summed. The cache always holds every finished coder and every store label, so filters are
    the cached counts `project`ed: the same figures as counting the filtered documents afresh.

    When many documents are stale (a first run), worker processes share them by cache part: each
    reads its documents' annotator files, counts them in its own `Tally` and saves its parts; the
    tallies are merged here.

    `ready(outcome)` is called as soon as the figures are known, before the counted documents are
    written to the cache (a fifth of a first count's time): the app's background count hands its
    figures over then, and the call returns once the cache is saved.

    The cyclic garbage collector is paused throughout (`collector_paused`): counting builds hundreds of
    thousands of small dicts and tuples, none in a cycle, which it kept walking (a fifth of a cold
    count's time)."""
    outcome = Outcome(agreement=Tally(selection.labels).result())
    labels = tuple(store_labels) if store_labels is not None else selection.labels
    planned = list(plan(entries, selection, finished_by, outcome, tagged_by))
    coders = coder_order(location, {c for p in planned for c in p.everyone})
    job: Job = (
        planned,
        selection.labels,
        selection.annotators,
        labels,
        coders,
        location,
        cache_dir if cache_dir is not None else stats_dir(location),
        stamps,
    )
    workers = processes if processes is not None else min(2, os.cpu_count() or 1)
    shared = None
    if workers > 1 and len(planned) >= PROCESSES_FROM and not _filled(job[6]):
        shared = _in_processes(job, workers)  # a first count: the files are read, on every core
    if shared is not None:
        partials, settle = shared
    else:
        partial, settle = _count(job, range(PARTS))
        partials = [partial]
    try:
        tally = Tally(labels, None, coders)
        for partial in partials:
            tally.absorb(partial)
        order = {p.path: n for n, p in enumerate(planned)}
        tally.per_document.sort(key=lambda d: order[d.path])
        result = tally.result()
        outcome.agreement = result if labels == selection.labels else result.only(selection.labels)
        if ready is not None:
            ready(outcome)
    finally:
        settle()
    return outcome


def _filled(cache_dir: Path) -> bool:
    """A cache is there: only changed documents are read, so one process does (forking, pickling the
    tallies back and a second interpreter's start cost more than a warm count)."""
    return any(cache_dir.glob(f"stats-*{PART_SUFFIX}"))


Settle = Callable[[], None]


def _count(job: Job, parts: Iterable[int]) -> tuple[tuple[Any, ...], Settle]:
    """The partial tally of the documents of cache `parts`, and what writes the documents it counted
    to the cache: call it once the figures are out (their rows' fingerprints are worked out there)."""
    planned, chosen_labels, annotators, labels, coders, location, cache_dir, stamps = job
    mine = set(parts)
    cache = StatsCache(location, stamps, labels, coders, mine, cache_dir)
    tally = Tally(labels, None, coders)
    coding = tally.coding
    bit = {name: 1 << k for k, name in enumerate(coders)}
    chosen = sum(bit[c] for c in annotators if c in bit) if annotators else -1
    label_index = {x: j for j, x in enumerate(labels)}
    kept = [label_index[x] for x in chosen_labels]
    whole = len(kept) == len(labels)
    width = len(labels)
    counted: list[tuple[Planned, DocumentCounts, list[Any]]] = []
    for p in planned:
        if p.part not in mine:
            continue
        finished = sum(bit[c] for c in p.everyone)
        hit = cache.lookup(p.document_id, finished, functools.partial(getattr, p, "fingerprint"))
        if hit is None:
            sentences = p.sentences
            try:
                work = DocumentWork(p.path, sentences, p.everyone, cache.spans(p.document_id, p.tagged))
                counts = count_finished(coding, finished, work)
            except (ValueError, TypeError, IndexError):  # a damaged index entry: the files decide
                work = DocumentWork(p.path, sentences, p.everyone, cache.files(p.document_id, p.tagged))
                counts = count_finished(coding, finished, work)
            alphas, masi = figures(coding, counts.units)
            counted.append((p, counts, [alphas, masi]))
        else:
            counts, (alphas, masi) = hit
        if whole and finished & ~chosen == 0:
            mine_figures = DocumentFigures(p.path, counts.n, dict(zip(labels, alphas, strict=True)), masi)
            tally.add_counts(p.path, counts, mine_figures)
        else:
            tally.add_counts(p.path, project(counts, chosen, kept, width))

    def settle() -> None:
        for p, counts, figures_of in counted:
            cache.remember(p.document_id, p.fingerprint, counts, figures_of)
        cache.save()

    return tally.partial(), settle


def _work(share: tuple[int, int], results: Connection, inherited: Sequence[Connection]) -> None:
    """A forked worker: its partial tally sent back first, then its cache parts written.

    It closes the read ends it inherited (its own pipe's and earlier workers'), so a parent that dies
    leaves its send failing instead of blocked on a full pipe, and points its stdout at /dev/null:
    the app waits for its child's line on stdout until the pipe closes, which a worker holding it
    open would put off for as long as the worker runs."""
    for connection in inherited:
        connection.close()
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    worker, workers = share
    assert _JOB is not None
    try:
        partial, settle = _count(_JOB, range(worker, PARTS, workers))
    except BaseException as exc:  # the parent raises it (a damaged store file names itself)
        _send(results, ("error", exc))
        return
    if _send(results, ("partial", partial)):  # else the parent is gone: no cache to write for it
        results.close()
        settle()


def _send(results: Connection, answer: tuple[str, Any]) -> bool:
    """Send a worker's answer; False when the parent is gone. An error that does not pickle goes as
    its text."""
    try:
        results.send(answer)
    except (OSError, EOFError):
        return False
    except Exception:
        if answer[0] != "error":
            raise
        return _send(results, ("error", RuntimeError(str(answer[1]))))
    return True


def _in_processes(job: Job, workers: int) -> tuple[list[tuple[Any, ...]], Settle] | None:
    """The partial tallies of `workers` forked processes, and what waits for them to write their cache
    parts; None when processes cannot be had here (no fork, a sandbox without them). A damaged store
    file raises here as it would in one process; a worker that dies is counted again in this one."""
    global _JOB
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("fork")
    started: list[tuple[BaseProcess, Connection]] = []

    def settle() -> None:
        for process, _ in started:
            process.join()

    _JOB = job
    try:
        for worker in range(workers):
            receive, send = context.Pipe(duplex=False)
            try:
                inherited = [r for _, r in started] + [receive]
                process = context.Process(
                    target=_work, args=((worker, workers), send, inherited), daemon=True
                )
                process.start()
            except BaseException:
                receive.close()
                raise
            finally:
                send.close()
            started.append((process, receive))
    except (OSError, ImportError):
        _stop(started)
        return None
    finally:
        _JOB = None  # the workers have their own copy
    partials = []
    for _, receive in started:
        try:
            with receive:
                kind, value = receive.recv()
        except (EOFError, OSError):  # a worker killed before it answered
            _stop(started)
            return None
        except BaseException:
            _stop(started)
            raise
        if kind == "error":
            _stop(started)
            raise value
        partials.append(value)
    return partials, settle


def _stop(started: Sequence[tuple[BaseProcess, Connection]]) -> None:
    for process, receive in started:
        receive.close()
        if process.is_alive():
            process.terminate()
        process.join()


def cache_is_filled(location: Path) -> bool:
    """Whether a count has written the stats cache (later counts only recount what changed)."""
    return _filled(stats_dir(location))


def tagged_marks(store: Store, *, check: bool = True) -> FinishedBy:
    """Who has anchored annotations in each document, from the store's summary (call after
    `finished_marks`, which brings the index up to date unless `check` is False)."""
    summary = store.summary(check=check)

    def tagged_by(document_id: str) -> Collection[str]:
        entry = summary.get(document_id)
        return entry.annotators if entry is not None else ()

    return tagged_by


def finished_marks(store: Store, *, check: bool = True) -> FinishedBy:
    """Who marked each document finished, from the store's summary (its local index: one read for
    every document, instead of every annotator file of every document). `check=False`: the index as
    it stands, without looking for files changed behind the store (`Store.summary`)."""
    summary = store.summary(check=check)

    def finished_by(document_id: str) -> Collection[str]:
        entry = summary.get(document_id)
        return entry.finished if entry is not None else ()

    return finished_by
