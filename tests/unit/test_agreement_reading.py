"""`reader agree`'s own reading of the store: the lean annotator-file reader against the store's API
(journals, undo, redo, removals, orphans, a damaged file), and the count shared among worker
processes against the same count in one process."""

from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest

from annotations.model import DocumentRef
from annotations.storage import StoreError
from annotations.store import Store
from annotations.store.layout import Layout
from reader.services import agreement, agreement_cache
from reader.services.agreement import Selection, measure_in_processes
from reader.services.agreement_cache import StatsCache, index_stamps, read_spans
from reader.services.entries import Entry

TEXT = " ".join(f"Sentence number {n} says something." for n in range(40))


def sentence_spans() -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(TEXT):
        end = TEXT.find(".", start) + 1
        spans.append((start, end))
        start = end + 1
    return spans


def from_store(store: Store, document_id: str) -> dict[str, list[list[object]]]:
    by: dict[str, list[list[object]]] = {}
    for a in store.annotations(document_id):
        if not a.orphan:
            by.setdefault(a.annotator, []).append([a.label, a.start, a.end])
    return by


def normal(by: dict[str, list[list[object]]]) -> dict[str, list[tuple[object, ...]]]:
    return {k: sorted(tuple(x) for x in v) for k, v in by.items()}


@pytest.mark.parametrize("read_size", [1 << 16, 64])  # 64: every file takes several reads
def test_lean_reader_equals_the_store_after_journalled_changes(
    tmp_path: Path, read_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(agreement_cache, "READ_SIZE", read_size)
    ref = DocumentRef("sha256:" + "ab" * 32, "doc.txt", TEXT)
    spans = sentence_spans()
    rng = random.Random(3)
    for name in ("ann", "bob"):
        with Store.open(tmp_path / "store", annotator=name) as store:
            for _ in range(25):  # appended journal lines: tags, removals, undo and redo
                start, end = rng.choice(spans)
                action = rng.random()
                if action < 0.6:
                    store.toggle(ref, rng.choice(("claim", "quote", "fact")), start, end)
                elif action < 0.75:
                    store.remove_overlapping(ref, start, end)
                elif action < 0.9:
                    store.undo(ref.id)
                else:
                    store.redo(ref.id)
            store.set_finished(ref, True)
    with Store.open(tmp_path / "store", annotator="ann") as store:
        expected = from_store(store, ref.id)
        assert expected  # the random walk left tags to compare
        assert normal(read_spans(Layout(store.location), ref.id)) == normal(expected)
        tagged = store.summary()[ref.id].annotators  # the index's: their files are opened by name
        assert normal(read_spans(Layout(store.location), ref.id, tagged)) == normal(expected)


def test_a_damaged_file_is_named_in_one_line(tmp_path: Path) -> None:
    ref = DocumentRef("sha256:" + "cd" * 32, "doc.txt", TEXT)
    with Store.open(tmp_path / "store", annotator="ann") as store:
        store.add(ref, "claim", *sentence_spans()[0])
        file = Layout(store.location).annotator_file(ref.id, "ann")
    with file.open("ab") as out:
        out.write(b'{"seq": "not a journal line"}\n')
    with pytest.raises(StoreError, match="ann"):
        read_spans(Layout(tmp_path / "store"), ref.id)


def three_annotators(tmp_path: Path) -> tuple[list[Entry], dict[str, list[str]], Path]:
    """24 documents tagged at random by three annotators, most finished by each."""
    spans = sentence_spans()
    rng = random.Random(5)
    entries = []
    finished: dict[str, list[str]] = {}
    stores = {name: Store.open(tmp_path / "store", annotator=name) for name in ("ann", "bob", "cy")}
    try:
        for n in range(24):
            document_id = f"sha256:{n:064x}"
            ref = DocumentRef(document_id, f"doc{n:02d}.txt", TEXT)
            entries.append(Entry(str(tmp_path / ref.path), ref.path, 0, 0, document_id, spans=tuple(spans)))
            for name, store in stores.items():
                items = [(rng.choice(("claim", "quote", "fact")), *rng.choice(spans), None) for _ in range(6)]
                store.add_many(ref, list({(a, b, c, d) for a, b, c, d in items}))
                if rng.random() < 0.8:
                    finished.setdefault(document_id, []).append(name)
    finally:
        for store in stores.values():
            store.close()
    return entries, finished, tmp_path / "store"


def test_workers_count_what_one_process_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entries, finished, location = three_annotators(tmp_path)
    selection = Selection(("claim", "quote", "fact"))
    with Store.open(location, annotator="ann") as store:
        stamps = index_stamps(store)  # what the cache checks each document against
    assert len(stamps) == 24
    monkeypatch.setattr(agreement, "PROCESSES_FROM", 1)
    forked: list[int] = []
    real = agreement._in_processes

    def spy(job: agreement.Job, workers: int) -> tuple[list[tuple[object, ...]], agreement.Settle] | None:
        shared = real(job, workers)
        forked.append(len(shared[0]) if shared is not None else 0)
        return shared

    monkeypatch.setattr(agreement, "_in_processes", spy)

    def parts(cache: str) -> int:
        return len(list((tmp_path / cache).glob("stats-*")))

    def count(cache: str, processes: int) -> tuple[agreement.Outcome, int]:
        """The figures, and how many cache parts were written when `ready` was handed them."""
        handed: list[tuple[agreement.Outcome, int]] = []
        outcome = measure_in_processes(
            entries, selection, lambda d: finished.get(d, []), location, tmp_path / cache, stamps,
            processes=processes, ready=lambda o: handed.append((o, parts(cache))),
        )  # fmt: skip
        assert len(handed) == 1 and handed[0][0] is outcome
        return outcome, handed[0][1]

    alone, written = count("c1", 1)
    assert written == 0 and parts("c1") > 0  # the figures first, then the cache
    shared, _ = count("c2", 2)
    assert forked == [2]  # two worker processes counted it, not a silent fallback
    assert parts("c2") == parts("c1")  # the workers' parts are written when the call returns
    assert alone.agreement.documents > 10
    assert _close(shared.agreement.to_json(), alone.agreement.to_json())
    # the second run reads the cache parts the workers wrote, and counts the same
    coders = agreement.coder_order(location, ())
    cache = StatsCache(location, stamps, selection.labels, coders, range(8), tmp_path / "c2")
    assert sum(len(docs) for docs in cache.docs.values()) == alone.agreement.documents
    again, _ = count("c2", 2)
    assert forked == [2]  # a filled cache is summed in this process
    assert _close(again.agreement.to_json(), alone.agreement.to_json())


def test_a_damaged_file_read_by_a_worker_raises_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's error crosses back (the CLI prints the store's one-line error, no traceback) and no
    worker is left behind."""
    entries, finished, location = three_annotators(tmp_path)
    with Store.open(location, annotator="ann") as store:
        stamps = index_stamps(store)
    damaged = Layout(location).annotator_file(entries[3].document_id or "", "bob")
    with damaged.open("ab") as out:
        out.write(b'{"seq": "not a journal line"}\n')
    stamps = {d: ("changed", s) for d, s in stamps.items()}  # not the index's: every file is read
    monkeypatch.setattr(agreement, "PROCESSES_FROM", 1)
    raised: list[BaseException] = []
    real = agreement._in_processes

    def spy(job: agreement.Job, workers: int) -> object:
        try:
            return real(job, workers)
        except BaseException as exc:
            raised.append(exc)
            raise

    monkeypatch.setattr(agreement, "_in_processes", spy)
    with pytest.raises(StoreError, match="bob"):
        measure_in_processes(
            entries, Selection(("claim", "quote", "fact")), lambda d: finished.get(d, []), location,
            tmp_path / "cache", stamps, processes=2,
        )  # fmt: skip
    assert [type(e) for e in raised] == [StoreError]  # from the worker, not a count again in this process
    assert not multiprocessing.active_children()


def _close(a: object, b: object) -> bool:
    """Equal, floats to 1e-12 (the workers' sums are added in another order)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) < 1e-12
    return a == b


COUNT_IN_A_CHILD = """
import pickle, sys, time
sys.path.insert(0, sys.argv[1])
from reader.services import agreement
from reader.services.agreement import Selection, measure_in_processes

entries, finished, location, stamps = pickle.load(open(sys.argv[2], "rb"))
agreement.PROCESSES_FROM = 1
real = agreement._count

def slow(job, parts):  # a big store's worker: a while counting, then a partial larger than a pipe holds
    partial, settle = real(job, parts)
    time.sleep(1.0)
    return (*partial[:-1], {**partial[-1], "padding": "x" * 400_000}), settle

agreement._count = slow
print("counting", flush=True)
measure_in_processes(entries, Selection(("claim", "quote", "fact")), lambda d: finished.get(d, []),
                     location, location / "cache", stamps, processes=2)
"""


def test_workers_whose_parent_is_killed_neither_hang_nor_hold_its_stdout(tmp_path: Path) -> None:
    """The app ends its child with a signal (`AgreementWarmup.stop`; an OOM kill is the same): the
    child's workers must not keep the pipe the app reads the child's line from (the app would wait
    for ever), nor block for ever sending a partial nobody reads."""
    import os
    import pickle
    import select
    import signal
    import subprocess
    import sys
    import time

    entries, finished, location = three_annotators(tmp_path)
    with Store.open(location, annotator="ann") as store:
        stamps = index_stamps(store)
    job = tmp_path / "job.pickle"
    job.write_bytes(pickle.dumps((entries, finished, location, stamps)))
    script = tmp_path / "count.py"
    script.write_text(COUNT_IN_A_CHILD)
    root = str(Path(__file__).resolve().parents[2])
    child = subprocess.Popen([sys.executable, str(script), root, str(job)], stdout=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stdout.readline() == b"counting\n"
    workers: list[int] = []
    deadline = time.monotonic() + 20
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = [int(p) for p in os.listdir("/proc") if p.isdigit() and _parent(int(p)) == child.pid]
    assert len(workers) == 2
    child.send_signal(signal.SIGKILL)  # the child alone, as `kill` would: not its process group
    started = time.monotonic()
    ready, _, _ = select.select([child.stdout], [], [], 5)
    assert ready and child.stdout.read() == b""  # end of file at once: no worker holds the child's stdout
    child.stdout.close()
    child.wait(10)
    assert time.monotonic() - started < 1.0
    while any(_alive(p) for p in workers) and time.monotonic() - started < 15:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)  # their send failed: they ended, cache unwritten


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
