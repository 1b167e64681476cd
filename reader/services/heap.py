"""The long-lived objects of an open document (a 10 MB article: 100,000 sentences, their rows, tens of
thousands of suggestions) moved out of the cyclic garbage collector's sight.

Python's full collection walks every tracked object; with a long article open one took 0.45 s, and it
fell on whichever keystroke happened to allocate last. Frozen objects are skipped by collections (they
are still freed by reference counting), so a keystroke's cost no longer grows with the article.
"""

from __future__ import annotations

import gc


def settle() -> None:
    """After a document has opened and painted: collect what the previous one left, then freeze the
    rest (the previous document's frozen objects are unfrozen first, so they can be collected)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def keep() -> None:
    """After a large batch of long-lived objects arrived (a document's suggestions): freeze them too."""
    gc.freeze()
