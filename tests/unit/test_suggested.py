"""Which suggestions stay open (`reader.services.open_suggestions.pending`) and how one is written out
for export."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.services.open_suggestions import NOTE_PREFIX, SUGGESTER, Tagged, as_annotation, pending
from reader.text.suggestion_engine import Suggestion

LABELS = ("claim", "quote", "fact")


@st.composite
def spans(draw: st.DrawFn, n: int = 12) -> list[tuple[str, int, int]]:
    out = []
    for _ in range(draw(st.integers(0, n))):
        start = draw(st.integers(0, 200))
        out.append((draw(st.sampled_from((*LABELS, "other"))), start, start + draw(st.integers(1, 40))))
    return out


def as_suggestions(items: list[tuple[str, int, int]]) -> list[Suggestion]:
    return [Suggestion(a, b, "x" * (b - a), label, None, f"why {label}") for label, a, b in items]


@settings(max_examples=200)
@given(suggested=spans(), tagged=spans(), dismiss=st.data())
def test_pending_is_what_is_neither_dismissed_nor_tagged(suggested, tagged, dismiss) -> None:
    items = as_suggestions(suggested)
    dismissed = set(dismiss.draw(st.lists(st.sampled_from(suggested)))) if suggested else set()
    got = pending(items, dismissed=dismissed, tagged=tagged, labels=LABELS)

    def overlaps(s: Suggestion) -> bool:  # brute force
        return any(label == s.label and a < s.end and s.start < b for label, a, b in tagged)

    expected = [
        s
        for s in items
        if s.label in LABELS and (s.label, s.start, s.end) not in dismissed and not overlaps(s)
    ]
    assert sorted(got, key=lambda s: (s.start, s.end, s.label)) == got
    assert sorted(got, key=repr) == sorted(expected, key=repr)
    # Idempotent: what is open stays open when asked again.
    assert pending(got, dismissed=dismissed, tagged=tagged, labels=LABELS) == got


@given(tagged=spans(), label=st.sampled_from(LABELS), start=st.integers(0, 250), length=st.integers(1, 50))
def test_tagged_overlaps_matches_brute_force(tagged, label, start, length) -> None:
    end = start + length
    brute = any(lab == label and a < end and start < b for lab, a, b in tagged)
    assert Tagged(tagged).overlaps(label, start, end) == brute


def test_a_suggestion_touching_a_tag_is_not_hidden() -> None:
    (s,) = as_suggestions([("quote", 10, 20)])
    assert pending([s], tagged=[("quote", 20, 30), ("quote", 0, 10)]) == [s]
    assert pending([s], tagged=[("quote", 19, 30)]) == []
    assert pending([s], tagged=[("claim", 0, 100)]) == [s]  # another label does not answer it


@given(text=st.text(min_size=1, max_size=120), data=st.data())
def test_as_annotation_points_at_the_exact_text(text, data) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    s = Suggestion(start, end, text[start:end], "quote", "Jane Doe", "quotation marks + 'said'")
    a = as_annotation(s, "sha256:" + "0" * 64, "a.txt", text, "2026-11-23T14:00:00+00:00")
    assert a.text == text[a.start : a.end] and (a.start, a.end) == (start, end)
    assert text[: a.start].endswith(a.prefix) and text[a.end :].startswith(a.suffix)
    assert a.annotator == SUGGESTER and a.note == NOTE_PREFIX + s.reason and a.speaker == "Jane Doe"
    again = as_annotation(s, "sha256:" + "0" * 64, "a.txt", text, "2027-01-01T00:00:00+00:00")
    assert again.id == a.id  # stable across exports
