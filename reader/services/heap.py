"""The long-lived objects of an open long document (a 10 MB article: 100,000 sentences, their rows,
tens of thousands of suggestions) moved out of the cyclic garbage collector's sight.

Python's full collection walks every tracked object; with a long article open one took 0.45 s, and it
fell on whichever keystroke happened to allocate last. Frozen objects are skipped by collections (they
are still freed by reference counting), so a keystroke's cost no longer grows with the article. A short
document is left alone: its collections are short, and a full collection on every open would cost
more than it saves.
"""

from __future__ import annotations

import gc

LONG = 250_000  # characters: from here a document's objects are frozen once it is open

_frozen = False


def opened(length: int) -> None:
    """After a document has opened and painted. Long: collect what the previous document left, then
    freeze the rest. Short: give the previous long document's objects back to the collector."""
    global _frozen
    if length >= LONG:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen = True
    elif _frozen:
        gc.unfreeze()
        _frozen = False


def keep() -> None:
    """After a large batch of long-lived objects arrived for the long document open (its
    suggestions): freeze them too."""
    if _frozen:
        gc.freeze()
