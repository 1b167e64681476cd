"""The reading screen and another writer: a tag written by another process shows without a key press,
and a store held by a stopped process leaves the app responsive (it says who holds it, ctrl+q quits)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from annotations import Store

PROJECT = Path(__file__).resolve().parents[2]

OTHER_WINDOW = textwrap.dedent(
    """
    import sys
    from annotations import DocumentRef, Store
    store_dir, doc_id, path, start, end = sys.argv[1:6]
    text = sys.stdin.read()
    with Store.open(store_dir, annotator="tester") as store:
        store.toggle(DocumentRef(doc_id, path, text), "fact", int(start), int(end))
    """
)

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

ENV = {**os.environ, "PYTHONPATH": str(PROJECT)}


async def test_a_tag_written_by_another_process_shows_without_a_key(ui, make_app, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        ref = screen.ref
        start, end = screen.view.target
        assert "fact" not in screen.view.labels_at(start, end)
        subprocess.run(
            [sys.executable, "-c", OTHER_WINDOW, str(store.location), ref.id, ref.path, str(start), str(end)],
            input=ref.text, text=True, env=ENV, timeout=60, check=True,
        )  # fmt: skip
        waited = time.monotonic()
        while "fact" not in screen.view.labels_at(start, end) and time.monotonic() - waited < 5:
            await pilot.pause(0.1)
        assert time.monotonic() - waited < 2.5, "the screen did not follow the store within ~2 s"
        assert [a.label for a in screen.state.annotations] == ["fact"]
        # and the stale-window case: `f` on what the screen now shows removes it (it was seen)
        await ui.press(app, pilot, "f")
        assert store.annotations(ref.id) == []


async def test_a_stopped_holder_is_named_and_the_app_still_quits(
    ui, make_app, store: Store, tmp_path: Path
) -> None:
    store._lock.timeout = 3  # the write gives up soon after the test ends
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    holder = subprocess.Popen(
        [sys.executable, str(script), str(store.location)], stdout=subprocess.PIPE, text=True, env=ENV
    )
    app = make_app()
    try:
        async with app.run_test(size=ui.size) as pilot:
            screen = await ui.open_document(app, pilot)
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            holder.send_signal(signal.SIGSTOP)
            await pilot.press("f")  # a write that has to wait
            waited = time.monotonic()
            while not app._notifications and time.monotonic() - waited < 5:
                await pilot.pause(0.1)
            (note,) = [n.message for n in app._notifications]
            assert note.startswith(f"The store is busy: pid {holder.pid}, reader import, since ")
            await pilot.press("j")  # keys still work
            await pilot.pause()
            assert screen.view.cursor == 1
            await pilot.press("ctrl+q")
            await pilot.pause()
            quit_at = time.monotonic()
        assert time.monotonic() - quit_at < 2
        assert app.return_code in (0, None)
    finally:
        holder.send_signal(signal.SIGCONT)
        holder.kill()
        holder.wait()
    app.close_writer()  # the waiting write gave up (its timeout) or saved once the holder died


def _writer_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name.startswith("store-writer")]


async def test_the_store_writer_thread_ends_with_the_app_and_a_late_write_still_lands(
    ui, make_app, store: Store
) -> None:
    """Every app run in one process (tests, a second run) used to leave an idle writer thread behind."""
    before = _writer_threads()
    app = make_app()
    async with app.run_test(size=ui.size) as pilot:
        screen = await ui.open_document(app, pilot)
        await ui.press(app, pilot, "c")
        assert len(_writer_threads()) == len(before) + 1
        ref = screen.ref
    waited = time.monotonic()
    while _writer_threads() != before and time.monotonic() - waited < 5:
        time.sleep(0.05)
    assert _writer_threads() == before
    assert [a.label for a in store.annotations(ref.id)] == ["claim"]
    # a write asked for after the app closed (a worker finishing late) runs where it is asked
    assert app.write_from_thread(store.set_finished, ref) is True
    assert store.finished_by(ref.id) == [store.annotator]
    app.close_writer()
