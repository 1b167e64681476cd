"""What a hostile corpus or a careless --output can do to the terminal and the file system, and
what we do instead: real files, real processes, a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotations.model import DocumentRef
from annotations.store import Store
from reader.text.sanitize import display_safe

HOSTILE = (
    "Intro.\n\nThe pane title \x1b]2;pwned\x07 and a clear \x1b[2J and \x9b31m red and \u202eevil\u202c.\n"
)


def reader(*args: str, **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run([sys.executable, "-m", "reader", *args], env=env, timeout=120, **kw)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    store = Store.open(folder, annotator="alice")
    ref = DocumentRef("sha256:" + "e" * 64, "hostile.txt", HOSTILE)
    start = HOSTILE.index("The pane")
    store.toggle(ref, "claim", start, HOSTILE.index("\n", start))
    store.close()
    return folder


def _run_on_a_terminal(args: list[str]) -> bytes:
    """The command's stdout as a terminal receives it (a real pseudo-terminal)."""
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "READER_STORE"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *args], stdout=child, stderr=subprocess.PIPE, env=env
    )
    os.close(child)
    out = b""
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(main)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return out


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "w3c"])
def test_an_export_to_a_terminal_shows_escapes_instead_of_running_them(store_dir: Path, fmt: str) -> None:
    seen = _run_on_a_terminal(["export", "--store", str(store_dir), "--format", fmt]).decode("utf-8")
    assert "\x1b" not in seen and "\x9b" not in seen and "\x07" not in seen and "\u202e" not in seen
    assert "evil" in seen and "pwned" in seen  # shown, not dropped


def test_an_export_to_a_pipe_stays_exact(store_dir: Path) -> None:
    done = reader("export", "--store", str(store_dir), capture_output=True, text=True)
    (annotation,) = json.loads(done.stdout)["documents"][0]["annotations"]
    assert "\x1b]2;pwned\x07" in annotation["text"] and "\u202e" in annotation["text"]


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(
    store_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    done = reader("export", "--store", str(store_dir), "--output", str(link), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "reader.annotations"


def test_output_to_a_fifo_or_a_link_to_one_streams_into_it(store_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout-like"
    link.symlink_to(fifo)  # as /dev/stdout is a link to the process's descriptor
    received: list[bytes] = []
    reading = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reading.start()
    done = reader("export", "--store", str(store_dir), "--output", str(link), capture_output=True, text=True)
    reading.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(received[0])["format"] == "reader.annotations"
    assert link.is_symlink() and fifo.exists() and not fifo.is_file()  # neither was replaced


def test_output_onto_a_folder_is_one_line(store_dir: Path, tmp_path: Path) -> None:
    done = reader(
        "export", "--store", str(store_dir), "--output", str(tmp_path), capture_output=True, text=True
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "is a folder" in done.stderr


def test_a_symlink_loop_in_the_corpus_is_listed_as_unreadable(store_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "fine.txt").write_text("A plain article.\n\nIt has two paragraphs.\n", encoding="utf-8")
    (corpus / "a.txt").symlink_to(corpus / "b.txt")
    (corpus / "b.txt").symlink_to(corpus / "a.txt")
    stats = reader(
        "stats", "--store", str(store_dir), "--corpus", str(corpus), capture_output=True, text=True
    )
    assert stats.returncode == 0, stats.stderr
    assert "unreadable: a.txt: too many levels of symbolic links" in stats.stdout
    export = tmp_path / "export.json"
    assert reader("export", "--store", str(store_dir), "-o", str(export), capture_output=True).returncode == 0
    done = reader("import", str(export), "--store", str(tmp_path / "other"), "--corpus", str(corpus),
                  capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "skipped unreadable a.txt" in done.stderr and "fine.txt" not in done.stderr
    assert "imported 1 annotations" in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\u202eb", "a\u2194b"),  # right-to-left override
        ("\u2066x\u2069", "\u2194x\u2194"),  # isolates
        ("x\u200fy\u200ez\u061c", "x\u2194y\u2194z\u2194"),  # RLM, LRM, ALM
        ("zero\u200bwidth\u2060joined\ufeff", "zero\u2423width\u2423joined\u2423"),
        ("👨\u200d👩 \u0645\u200c\u0646", "👨\u200d👩 \u0645\u200c\u0646"),  # ZWJ and ZWNJ are needed: kept
    ],
)
def test_bidi_and_invisible_characters_are_shown_one_for_one(raw: str, shown: str) -> None:
    assert display_safe(raw) == shown and len(display_safe(raw)) == len(raw)
