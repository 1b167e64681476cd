"""The suggestion engine in a worker process (a long article) gives exactly what it gives in a thread."""

from __future__ import annotations

from pathlib import Path

from reader.text.corpus import read_document
from reader.text.pipeline import analyse


def test_suggestions_from_a_worker_process_are_the_threads(seeds_dir: Path) -> None:
    """A long article's suggestions come from a spawned process that analyses it again: the same."""
    from reader.services.suggestion_process import suggest_apart
    from reader.text.folders import FolderContext
    from reader.text.suggestion_engine import suggest

    path = sorted(seeds_dir.glob("*.txt"))[0]
    document = read_document(path)
    folder = FolderContext().stats_for(path)
    assert suggest_apart(document, folder, None) == tuple(suggest(analyse(document, folder=folder)))


def test_a_cancelled_computation_stops_at_once(seeds_dir: Path) -> None:
    """Leaving the article (or quitting) must not wait for the engine: the process is stopped."""
    import multiprocessing

    from reader.services.suggestion_process import suggest_apart

    document = read_document(sorted(seeds_dir.glob("*.txt"))[0])
    assert suggest_apart(document, None, None, cancelled=lambda: True) is None
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]
