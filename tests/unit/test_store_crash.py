"""Real processes: SIGKILL in the middle of writes (with the lock file deleted under them and another
annotator undoing beside them), and two writers on one store at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from annotations import Store

PROJECT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import hashlib, sys
    from annotations import DocumentRef, Store

    store_dir, name = sys.argv[1], sys.argv[2]
    docs, step, first = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    store = Store.open(store_dir, annotator=name)
    refs = []
    for d in range(docs):
        text = f"document {d} " + "lorem ipsum dolor sit amet " * 400
        refs.append(DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), f"doc{d}.txt", text))
    print("ready", flush=True)
    i = first
    while i < 10_000:
        doc = refs[i % docs]
        a = store.add(doc, "claim", i, i + 1, note=name)
        print(f"ok {doc.id} {a.id} {i}", flush=True)  # acknowledged: the call has returned
        i += step
    """
)


# Another annotator on the same documents: tags a span and undoes it, again and again.
UNDOER = textwrap.dedent(
    """
    import hashlib, sys
    from annotations import DocumentRef, Store

    store_dir, first = sys.argv[1], int(sys.argv[2])
    store = Store.open(store_dir, annotator="undoer")
    refs = []
    for d in range(3):
        text = f"document {d} " + "lorem ipsum dolor sit amet " * 400
        refs.append(DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), f"doc{d}.txt", text))
    print("ready", flush=True)
    for i in range(first, first + 10_000):
        doc = refs[i % 3]
        a = store.toggle(doc, "quote", i, i + 2)
        print(f"tagged {doc.id} {a.id} {i}", flush=True)
        assert store.undo(doc.id) == f"undid tag quote {i}-{i + 2}"
        print(f"undone {doc.id} {a.id} {i}", flush=True)
    """
)


def spawn(tmp_path: Path, *args: object, source: str = WRITER) -> subprocess.Popen[str]:
    script = tmp_path / ("writer.py" if source is WRITER else "undoer.py")
    script.write_text(source)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def start(child: subprocess.Popen[str]) -> tuple[threading.Thread, list[str]]:
    """Wait for `ready`, then gather the child's acknowledgements in a thread."""
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(child.stdout))  # type: ignore[arg-type]
    reader.start()
    return reader, lines


@pytest.mark.slow
def test_sigkill_mid_write_loses_no_acknowledged_write(tmp_path: Path) -> None:
    """Each round a writer and an undoing annotator run side by side, the lock file is deleted under
    them at a random moment, and both are killed at another."""
    store_dir = tmp_path / "store"
    rng = random.Random(20261123)
    acked: dict[str, set[str]] = {}
    undone: dict[str, set[str]] = {}
    rounds = 40
    first = 0
    undo_first = 0  # its tags have another annotator and label than the writer's: no clash
    for _round in range(rounds):
        child = spawn(tmp_path, store_dir, "crash", 3, 1, first)
        undoer = spawn(tmp_path, store_dir, undo_first, source=UNDOER)
        reader, lines = start(child)
        undo_reader, undo_lines = start(undoer)
        waited = time.monotonic()
        while not (lines and undo_lines) and time.monotonic() - waited < 60:  # both are writing
            assert child.poll() is None and undoer.poll() is None, undoer.stderr.read()  # type: ignore[union-attr]
            time.sleep(0.001)
        time.sleep(rng.uniform(0.0, 0.1))
        (store_dir / "lock").unlink(missing_ok=True)  # a user removes the "stale" lock file
        time.sleep(rng.uniform(0.0, 0.1))  # then a random moment, most likely inside a write
        child.send_signal(signal.SIGKILL)
        undoer.send_signal(signal.SIGKILL)
        for proc, thread in ((child, reader), (undoer, undo_reader)):
            proc.wait()
            thread.join()
        last = first
        for line in lines:
            if line.startswith("ok ") and line.count(" ") == 3:
                _, doc_id, ann_id, i = line.split()
                acked.setdefault(doc_id, set()).add(ann_id)
                last = max(last, int(i) + 1)
        first = last + 1  # never reuse a span the killed child may have written unacknowledged
        for line in undo_lines:
            if line.count(" ") == 3:
                kind, doc_id, ann_id, i = line.split()
                if kind == "undone":
                    undone.setdefault(doc_id, set()).add(ann_id)
                undo_first = max(undo_first, int(i) + 3)
        undo_first += 3  # skip the span the undoer may have tagged unacknowledged when it was killed
        # The store opens cleanly after every kill, holds every acknowledged write, and no undo of
        # the other annotator took one back.
        with Store.open(store_dir) as store:
            for doc_id, ids in acked.items():
                present = {a.id for a in store.annotations(doc_id)}
                missing = ids - present
                assert not missing, f"round {_round}: {len(missing)} acknowledged writes lost"
            for doc_id, ids in undone.items():
                back = ids & {a.id for a in store.annotations(doc_id)}
                assert not back, f"round {_round}: {len(back)} acknowledged undos lost"
    with Store.open(store_dir) as store:
        assert store.problems() == []
        assert (
            sum(len(v) for v in acked.values()) >= rounds
        )  # every child acknowledged writes before its kill
        assert sum(len(v) for v in undone.values()) >= rounds
        assert not [p for p in store_dir.rglob("*.json") if p.stat().st_size == 0]
    print(
        f"{rounds} rounds, {2 * rounds} kills, {sum(len(v) for v in acked.values())} tags and "
        f"{sum(len(v) for v in undone.values())} undos acknowledged, none lost"
    )


def test_two_writer_processes_lose_no_update_and_share_no_id(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    per_child = 150
    children = [spawn(tmp_path, store_dir, name, 2, 2, k) for k, name in enumerate(("even", "odd"))]
    outputs = []
    for child in children:
        # each child writes spans first, first+2, ... until 10_000: stop it after per_child writes
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        lines = []
        for line in child.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if len(lines) >= per_child:
                break
        child.kill()
        child.wait()
        outputs.append(lines)
    acked = [line.split()[2] for lines in outputs for line in lines]
    assert len(acked) == 2 * per_child
    with Store.open(store_dir) as store:
        anns = [a for doc_id in store.summary() for a in store.annotations(doc_id)]
        ids = [a.id for a in anns]
        assert len(ids) == len(set(ids))  # no duplicate ids
        assert set(acked) <= set(ids)  # no lost update
        assert {a.note for a in anns} == {"even", "odd"}
        for doc_id, summary in store.summary().items():
            assert summary.annotations == len(store.annotations(doc_id))
        assert store.problems() == []
