"""Real processes: SIGKILL in the middle of writes, and two writers on one store at once."""

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


def spawn(tmp_path: Path, *args: object) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.slow
def test_sigkill_mid_write_loses_no_acknowledged_write(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    rng = random.Random(20261123)
    acked: dict[str, set[str]] = {}
    rounds = 40
    first = 0
    for _round in range(rounds):
        child = spawn(tmp_path, store_dir, "crash", 3, 1, first)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        lines: list[str] = []
        reader = threading.Thread(target=lambda c=child, out=lines: out.extend(c.stdout))
        reader.start()
        waited = time.monotonic()
        while not lines and time.monotonic() - waited < 60:  # the child has started writing
            time.sleep(0.001)
        time.sleep(rng.uniform(0.0, 0.2))  # then a random moment, most likely inside a write
        child.send_signal(signal.SIGKILL)
        child.wait()
        reader.join()
        last = first
        for line in lines:
            if line.startswith("ok ") and line.count(" ") == 3:
                _, doc_id, ann_id, i = line.split()
                acked.setdefault(doc_id, set()).add(ann_id)
                last = max(last, int(i) + 1)
        first = last + 1  # never reuse a span the killed child may have written unacknowledged
        # The store opens cleanly after every kill and holds every acknowledged write.
        with Store.open(store_dir) as store:
            for doc_id, ids in acked.items():
                present = {a.id for a in store.annotations(doc_id)}
                missing = ids - present
                assert not missing, f"round {_round}: {len(missing)} acknowledged writes lost"
    with Store.open(store_dir) as store:
        assert store.problems() == []
        assert (
            sum(len(v) for v in acked.values()) >= rounds
        )  # every child acknowledged writes before its kill
        assert not [p for p in store_dir.rglob("*.json") if p.stat().st_size == 0]


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
