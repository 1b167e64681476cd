"""The reading screen's marks, kept up to date change by change, against the same marks built afresh
and against brute force over the annotations."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.model import Annotation
from reader.services.entries import tagged_count
from reader.services.tag_marks import LONG, Intervals, Marks

LABELS = ("claim", "quote", "fact")
SENTENCES = [(n * 10, n * 10 + 9) for n in range(30)]  # 0-9, 10-19, ... with a gap between them
UNTAGGABLE = {0, 7}


def tag(n: int, label: str, start: int, end: int, who: str = "me", note: str = "", orphan: bool = False):
    return Annotation(
        id=f"a{n}",
        document_id="sha256:x",
        path="a.txt",
        label=label,
        start=start,
        end=end,
        text="t",
        prefix="",
        suffix="",
        note=note,
        annotator=who,
        orphan=orphan,
    )


def brute(annotations: list[Annotation], me: str = "me") -> dict[str, object]:
    anchored = [a for a in annotations if not a.orphan]
    taggable = [s for n, s in enumerate(SENTENCES) if n not in UNTAGGABLE]

    def over(a: Annotation, s: int, e: int) -> bool:
        return a.start < e and s < a.end

    gutter = []
    for s, e in SENTENCES:
        here = [a for a in anchored if over(a, s, e)]
        mine = {a.label for a in here if a.annotator == me}
        theirs = {a.label for a in here if a.annotator != me}
        whose = "" if not theirs else "both" if mine else "theirs"
        gutter.append(
            (
                [label for label in LABELS if label in mine | theirs],
                whose,
                any(a.note for a in here),
                sorted(a.id for a in here),
            )
        )
    counts = {label: 0 for label in LABELS}
    for a in anchored:
        counts[a.label] = counts.get(a.label, 0) + 1
    return {
        "gutter": gutter,
        "counts": counts,
        "orphans": sum(a.orphan for a in annotations),
        "tagged": tagged_count(taggable, sorted((a.start, a.end) for a in anchored)),
        "telling": sum(1 for a in anchored if a.note or a.annotator != me),
    }


def seen(marks: Marks) -> dict[str, object]:
    gutter = [
        (
            [label for label in marks.labels_at(s, e) if label in LABELS],  # "opinion" is outside the set
            marks.whose(s, e),
            marks.note_over(s, e),
            sorted(a.id for a in marks.over(s, e)),
        )
        for s, e in SENTENCES
    ]
    return {
        "gutter": gutter,
        "counts": marks.counts,
        "orphans": marks.orphans,
        "tagged": marks.tagged,
        "telling": marks.telling,
    }


@settings(max_examples=60, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.booleans(),  # True: add one, False: remove one
            st.sampled_from((*LABELS, "opinion")),
            st.integers(0, 300),
            st.sampled_from((1, 5, 9, 25, LONG + 5)),
            st.sampled_from(("me", "bob")),
            st.sampled_from(("", "a note")),
            st.integers(0, 6),
        ),
        max_size=40,
    )
)
def test_marks_kept_up_by_differences_match_brute_force(steps) -> None:
    marks = Marks(LABELS, "me", SENTENCES, UNTAGGABLE)
    held: list[Annotation] = []
    for n, (add, label, start, length, who, note, pick) in enumerate(steps):
        if add or not held:
            held.append(tag(n, label, start, start + length, who, note, orphan=pick == 6))
        else:
            held.pop(pick % len(held))
        ordered = sorted(held, key=lambda a: (a.start, a.end, a.label, a.annotator, a.id))
        changed = marks.update(ordered)
        assert changed is not None  # one annotation at a time: never a rebuild
        assert seen(marks) == brute(ordered)
    fresh = Marks(LABELS, "me", SENTENCES, UNTAGGABLE)
    fresh.update(held)
    assert seen(fresh) == seen(marks)


def test_a_large_difference_rebuilds_and_reports_no_spans() -> None:
    marks = Marks(LABELS, "me", SENTENCES, UNTAGGABLE)
    many = [tag(n, "claim", n % 300, n % 300 + 3) for n in range(400)]
    assert marks.update(many) is None
    assert marks.counts["claim"] == 400
    assert marks.update([*many, tag(999, "fact", 5, 8)]) == [(5, 8)]


def test_the_same_objects_are_no_change() -> None:
    a, b = tag(1, "claim", 0, 9), tag(2, "quote", 10, 19, who="bob")
    marks = Marks(LABELS, "me", SENTENCES, UNTAGGABLE)
    marks.update([a, b])
    assert marks.update((a, b)) == []
    assert marks.whose(0, 9) == "" and marks.whose(10, 19) == "theirs"
    assert marks.update([a, b, tag(3, "quote", 10, 19)]) == [(10, 19)]
    assert marks.whose(10, 19) == "both"


def test_intervals_find_long_spans_and_empty_queries() -> None:
    long = tag(1, "claim", 0, LONG * 3)
    short = tag(2, "claim", 50, 60)
    found = Intervals([long, short])
    assert found.overlapping(55, 56) == [short, long]
    assert found.overlaps(LONG * 2, LONG * 2)  # an empty span: what lies around its offset
    assert not found.overlaps(LONG * 3, LONG * 3 + 5)
    found.remove(long)
    assert found.overlapping(0, LONG * 3) == [short]
