"""The reading screen's tag state alone: what the store's snapshot says, without an app."""

from __future__ import annotations

from annotations.model import Annotation
from reader.services.tag_state import EMPTY, TagState, read_state

LABELS = ("claim", "quote", "fact")


def tag(label: str, start: int, end: int, annotator: str = "me", *, orphan: bool = False) -> Annotation:
    return Annotation(
        id=f"{label}-{start}-{end}-{annotator}",
        document_id="sha256:x",
        path="a.txt",
        label=label,
        start=start,
        end=end,
        text="t",
        prefix="",
        suffix="",
        annotator=annotator,
        orphan=orphan,
    )


def state(*annotations: Annotation) -> TagState:
    return TagState(annotations, False, False)


def test_spans_skip_orphans_and_keep_every_label() -> None:
    s = state(tag("claim", 0, 5), tag("quote", 10, 20, orphan=True), tag("opinion", 30, 40))
    assert s.spans(LABELS) == {"claim": [(0, 5)], "quote": [], "fact": [], "opinion": [(30, 40)]}
    assert EMPTY.spans(LABELS) == {"claim": [], "quote": [], "fact": []}


def test_counts_per_label_and_orphans_apart() -> None:
    s = state(tag("claim", 0, 5), tag("claim", 6, 9), tag("fact", 10, 20, orphan=True))
    assert s.counts(LABELS) == ({"claim": 2, "quote": 0, "fact": 0}, 1)


def test_the_note_target_is_mine_exact_first_then_a_quote() -> None:
    theirs = tag("claim", 0, 10, annotator="other")
    assert state(theirs).annotation_for((0, 10), "me") is None
    claim, quote = tag("claim", 0, 10), tag("quote", 0, 10)
    assert state(claim, quote).annotation_for((0, 10), "me") is quote
    wider = tag("fact", 0, 30)
    assert state(wider, claim).annotation_for((0, 10), "me") is claim  # the exact span wins
    assert state(wider).annotation_for((5, 8), "me") is wider  # else anything of mine over it
    assert state(tag("claim", 0, 10, orphan=True)).annotation_for((0, 10), "me") is None
    assert state(claim).annotation_for((10, 20), "me") is None  # touching is not overlapping


def test_tagged_is_my_anchored_tags() -> None:
    s = state(tag("claim", 0, 5), tag("quote", 6, 9, annotator="other"), tag("fact", 1, 2, orphan=True))
    assert list(s.tagged("me")) == [("claim", 0, 5)]


def test_read_state_asks_the_store_for_one_document() -> None:
    class Store:
        def annotations(self, document_id: str) -> list[Annotation]:
            return [tag("claim", 0, 5)] if document_id == "sha256:x" else []

        def can_undo(self, document_id: str) -> bool:
            return True

        def can_redo(self, document_id: str) -> bool:
            return False

        def finished_by(self, document_id: str) -> list[str]:
            return ["bob"]

    assert read_state(Store(), "sha256:x") == TagState((tag("claim", 0, 5),), True, False, ("bob",))
