"""The store lock against people and signals: a deleted `lock` file, a stopped holder, a waiter's message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from annotations import Store

PROJECT = Path(__file__).resolve().parents[2]

# One writer: `reopen` opens the store for every tag (like a run of `reader import`), else once (like
# the app). Each acknowledged tag is printed after the call has returned.
TAGGER = textwrap.dedent(
    """
    import hashlib, sys
    from annotations import DocumentRef, Store

    store_dir, name, count, reopen = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
    text = "shared document " + "lorem ipsum dolor sit amet " * 200
    doc = DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), "shared.txt", text)
    store = None if reopen else Store.open(store_dir, annotator=name)
    for i in range(count):
        s = Store.open(store_dir, annotator=name) if reopen else store
        if i % 3 == 2:  # a toggle that removes and adds back: the tag must end up present
            s.toggle(doc, "quote", i, i + 1)
            s.toggle(doc, "quote", i, i + 1)
            s.toggle(doc, "quote", i, i + 1)
        else:
            s.add(doc, "claim", i, i + 1)
        print(f"ok {i}", flush=True)
        if reopen:
            s.close()
    """
)


def run_script(tmp_path: Path, name: str, source: str, *args: object) -> subprocess.Popen[str]:
    script = tmp_path / f"{name}.py"
    script.write_text(source)
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )


def delete_lock_repeatedly(lock: Path, stop: threading.Event) -> int:
    """The user who removes `lock` as stale, again and again; how many times it was gone."""
    deleted = 0
    while not stop.is_set():
        try:
            lock.unlink()
            deleted += 1
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    return deleted


def lost_updates(tmp_path: Path, count: int) -> tuple[int, int]:
    """(acknowledged tags missing afterwards, acknowledged tags) with `lock` deleted all along."""
    store_dir = tmp_path / "store"
    Store.open(store_dir).close()
    writers = [
        run_script(tmp_path, "tagger", TAGGER, store_dir, "alice", count, 1),
        run_script(tmp_path, "tagger", TAGGER, store_dir, "bob", count, 0),
    ]
    stop = threading.Event()
    deleted: list[int] = []
    deleter = threading.Thread(
        target=lambda: deleted.append(delete_lock_repeatedly(store_dir / ".local" / "lock", stop))
    )
    deleter.start()
    outputs = []
    try:
        for writer in writers:
            out, err = writer.communicate(timeout=600)
            assert writer.returncode == 0, err
            outputs.append(out.split())
    finally:
        stop.set()
        deleter.join()
    assert deleted[0] > 10  # the lock file really was deleted under the writers
    acked = {(name, int(i)) for name, out in zip(("alice", "bob"), outputs, strict=True) for i in out[1::2]}
    with Store.open(store_dir) as store:
        doc_id = next(iter(store.summary()))
        present = {(a.annotator, a.start) for a in store.annotations(doc_id)}
        assert store.problems() == []
    return len(acked - present), len(acked)


def test_a_deleted_lock_file_loses_no_update(tmp_path: Path) -> None:
    lost, acked = lost_updates(tmp_path, 200)
    print(f"lost updates with the lock file deleted: {lost} of {acked}")
    assert acked == 400
    assert lost == 0


def test_open_removes_only_the_temp_files_of_dead_writers(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    Store.open(store_dir).close()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid, live_pid = int(dead.stdout), os.getpid()
    docs = store_dir / "docs"
    old = time.time() - 3600
    files = {
        "dead": [
            docs / f".{'a' * 64}.json.{dead_pid}.0123abcd.tmp",
            docs / f".{'a' * 64}.json.{dead_pid}.0a1b2c3d.bak-tmp",
        ],
        "dead, older version": [
            docs / f".{'b' * 64}.json.89abcdef.bak-tmp",
            store_dir / ".local" / "paths" / f".abc.json.{dead_pid}.00000000.tmp",
        ],
        "live": [
            docs / f".{'c' * 64}.json.{live_pid}.0123abcd.tmp",
            store_dir / ".local" / "index" / f".abc.json.{live_pid}.0123abcd.tmp",
        ],
    }
    for group in files.values():
        for file in group:
            file.write_text("{half a write")
            os.utime(file, (old, old))
    young = docs / f".{'d' * 64}.json.{dead_pid}.0123abcd.tmp"  # perhaps a live writer on another host
    young.write_text("{")
    store = Store.open(store_dir)
    store.close()
    assert store.temp_files == (4, 3)
    assert not any(f.exists() for f in files["dead"] + files["dead, older version"])
    assert all(f.exists() for f in files["live"]) and young.exists()
    done = subprocess.run(
        [sys.executable, "-m", "reader", "stats", "--store", str(store_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "temp files:  0 left by crashed writers (removed), 3 of running writers" in done.stdout


HOLDER = textwrap.dedent(
    """
    import sys, time
    from annotations import Store
    from annotations.store.lock import set_process

    set_process("reader import")
    store = Store.open(sys.argv[1])
    with store._locked():
        print("locked", flush=True)
        time.sleep(600)
    """
)


def stopped_holder(tmp_path: Path, store_dir: Path) -> subprocess.Popen[str]:
    """A process holding the store lock, stopped as Ctrl-Z stops `reader import`."""
    child = run_script(tmp_path, "holder", HOLDER, store_dir)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    child.send_signal(signal.SIGSTOP)
    return child


def test_a_stopped_holder_is_named_and_the_cli_gives_up_with_exit_2(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    Store.open(store_dir).close()
    child = stopped_holder(tmp_path, store_dir)
    try:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "reader", "stats", "--store", str(store_dir)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT), "READER_LOCK_TIMEOUT": "2"},
            timeout=60,
        )
        took = time.monotonic() - started
    finally:
        child.send_signal(signal.SIGCONT)
        child.kill()
        child.wait()
    assert done.returncode == 2, done.stderr
    assert took < 10
    waiting, gave_up = done.stderr.splitlines()
    assert waiting.startswith(f"reader: the store is busy: pid {child.pid}, reader import, since ")
    assert "(stopped: resume it with" in waiting and waiting.endswith("waiting for it (up to 2 s)")
    assert gave_up.startswith(f"reader: error: the store is busy: pid {child.pid}, reader import")
    assert gave_up.endswith("gave up after 2 s")
    # once the holder is gone the store is free at once
    assert (
        subprocess.run(
            [sys.executable, "-m", "reader", "stats", "--store", str(store_dir)],
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT), "READER_LOCK_TIMEOUT": "2"},
            timeout=60,
        ).returncode
        == 0
    )
