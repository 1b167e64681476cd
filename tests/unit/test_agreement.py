"""Agreement figures against published values and against NLTK's `nltk.metrics.agreement`."""

from __future__ import annotations

import itertools
import math
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotations.agreement import (
    DocumentWork,
    Held,
    Tally,
    _Coding,
    agreement,
    alpha,
    binary_alpha,
    count_document,
    histogram,
    kappa,
    masi_distance,
)
from annotations.store.index import entry_held, summary_entry
from annotations.store.journal import State

nltk_agreement = pytest.importorskip("nltk.metrics.agreement", reason="nltk is in the test extra")
nltk_distance = pytest.importorskip("nltk.metrics.distance")

NAN = None  # a missing value: left out of the unit, never passed on


def units_from_rows(rows: list[list[object]]) -> list:
    """Reliability data (one row per coder, one column per unit) as unit histograms."""
    return [histogram(v for v in column if v is not NAN) for column in zip(*rows, strict=True)]


# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the 4-coder, 12-unit example.
KRIPPENDORFF = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]
# fast-krippendorff's tests (tests/test_krippendorff.py): the 3-coder, 15-unit example.
FAST_NOMINAL = [
    [NAN, NAN, NAN, NAN, NAN, 3, 4, 1, 2, 1, 1, 3, 3, NAN, 3],
    [1, NAN, 2, 1, 3, 3, 4, 3, NAN, NAN, NAN, NAN, NAN, NAN, NAN],
    [NAN, NAN, 2, 1, 3, 4, 4, NAN, 2, 1, 1, 3, 3, NAN, 4],
]


def test_krippendorff_published_example_nominal() -> None:
    assert round(alpha(units_from_rows(KRIPPENDORFF)), 3) == 0.743


def test_missing_values_left_out_not_passed_as_none() -> None:
    """NLTK issue #2865: a None rating counted as a category gives 0.577; left out it is 0.743."""
    data = [
        (f"c{c}", f"u{u}", v) for c, row in enumerate(KRIPPENDORFF) for u, v in enumerate(row) if v is not NAN
    ]
    assert round(nltk_agreement.AnnotationTask(data=data).alpha(), 3) == 0.743
    with_none = [(f"c{c}", f"u{u}", v) for c, row in enumerate(KRIPPENDORFF) for u, v in enumerate(row)]
    assert round(nltk_agreement.AnnotationTask(data=with_none).alpha(), 3) != 0.743


def test_fast_krippendorff_values() -> None:
    assert round(alpha(units_from_rows(FAST_NOMINAL)), 6) == 0.691358
    interval = alpha(units_from_rows(FAST_NOMINAL), lambda a, b: (a - b) ** 2)
    assert round(interval, 6) == 0.810845
    ratio = alpha(units_from_rows(KRIPPENDORFF), lambda a, b: ((a - b) / (a + b)) ** 2)
    assert round(ratio, 3) == 0.797
    strings = [["pos", "neg", "neu", NAN], ["pos", "neg", "neu", "pos"], ["pos", "neg", "pos", "pos"]]
    assert round(alpha(units_from_rows(strings)), 6) == 0.722222
    absolute = alpha(units_from_rows([[1, 2, 3], [1, 2, 4]]), lambda a, b: abs(a - b))
    assert round(absolute, 6) == 0.761905
    assert alpha(units_from_rows([[1, 2, 3, 4]] * 3)) == 1.0


def test_undefined_alpha_is_none() -> None:
    assert alpha(units_from_rows([[1, 1], [1, 1]])) is None  # one value: no variation
    assert alpha(units_from_rows([[1, NAN], [NAN, 2]])) is None  # no unit with two values
    assert binary_alpha({(0, 3): 10}) is None
    assert kappa(0, 0, 0, 10) is None
    assert kappa(5, 0, 0, 5) == 1.0


def test_masi_distance_of_two_empty_sets_is_zero() -> None:
    assert masi_distance(frozenset(), frozenset()) == 0.0
    with pytest.raises(ZeroDivisionError):
        nltk_distance.masi_distance(set(), set())
    for a, b in [
        ({"quote", "claim"}, {"quote"}),
        ({"quote"}, {"claim"}),
        ({"fact"}, set()),
        ({"a", "b"}, {"b", "c"}),
    ]:
        assert masi_distance(a, b) == pytest.approx(nltk_distance.masi_distance(set(a), set(b)), abs=1e-12)
    # quote+claim against quote gets partial credit
    assert 0 < masi_distance({"quote", "claim"}, {"quote"}) < masi_distance({"claim"}, {"quote"}) == 1.0


# ------------------------------------------------------------------------------------------ units


class Span(NamedTuple):
    """(label, start, end), as the units take an annotation."""

    label: str
    start: int
    end: int


LABELS = ("claim", "quote", "fact")


def sentences_of(n: int) -> list[tuple[int, int]]:
    return [(i * 10, i * 10 + 9) for i in range(n)]


def test_units_none_and_missing() -> None:
    """An untagged sentence of a finished document is "none"; an unfinished annotator is missing."""
    doc = DocumentWork(
        path="a.txt",
        sentences=sentences_of(4),
        finished={"ann", "bob"},
        annotations={
            "ann": [Span("claim", 0, 9), Span("quote", 10, 29)],  # the quote covers sentences 1 and 2
            "bob": [Span("claim", 2, 5), Span("quote", 10, 19)],
            "cat": [Span("fact", 30, 39)],  # not finished: missing everywhere
        },
    )
    result = agreement([doc], LABELS)
    assert result.documents == 1 and result.units == 4
    assert result.annotators == ("ann", "bob")
    assert result.labels["claim"].present == 1 and result.labels["quote"].present == 2
    assert result.labels["fact"].present == 0 and result.labels["fact"].alpha is None
    # claim: both on sentence 0, none elsewhere: perfect
    assert result.labels["claim"].alpha == 1.0
    (pair,) = result.pairs
    assert pair.kappa["claim"] == 1.0 and pair.kappa["fact"] is None
    # spans: ann {claim 0-9, quote 10-29}, bob {claim 2-5, quote 10-19}: nothing drawn the same
    assert pair.span_f1 == 0.0
    # one document finished by one annotator only is no unit
    alone = DocumentWork("b.txt", sentences_of(3), {"ann"}, {"ann": [Span("claim", 0, 3)]})
    assert agreement([alone], LABELS).documents == 0


def naive_units(
    docs: list[DocumentWork], annotators: set[str] | None
) -> dict[tuple[str, int], dict[str, frozenset[str]]]:
    """The definition, written out slowly: what the fast reduction must agree with."""
    units = {}
    for doc in docs:
        coders = [c for c in doc.finished if annotators is None or c in annotators]
        if len(coders) < 2:
            continue
        for i, (s, e) in enumerate(doc.sentences):
            units[doc.path, i] = {
                c: frozenset(a.label for a in doc.annotations.get(c, ()) if a.start < e and a.end > s)
                for c in coders
            }
    return units


def masi_or_none(a: frozenset[str], b: frozenset[str]) -> float:
    return 0.0 if not a and not b else nltk_distance.masi_distance(set(a), set(b))


def nltk_alpha(data: list[tuple[str, str, object]], distance=nltk_distance.binary_distance) -> float | None:
    pairable = {}
    for _coder, item, value in data:
        pairable.setdefault(item, []).append(value)
    values = {v for vs in pairable.values() if len(vs) >= 2 for v in vs}
    if len(values) < 2:
        return None  # NLTK returns 1 here; alpha is 0/0 (no variation), reported as null
    task = nltk_agreement.AnnotationTask(data=data, distance=distance)
    try:
        return task.alpha()
    except ZeroDivisionError:
        return None


def close(ours: float | None, theirs: float | None) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return math.isclose(ours, theirs, abs_tol=1e-9)


CODERS = ("ann", "bob", "cat", "dan")


@st.composite
def documents(draw: st.DrawFn) -> list[DocumentWork]:
    docs = []
    for d in range(draw(st.integers(1, 4))):
        n = draw(st.integers(0, 6))
        sentences = sentences_of(n)
        finished = set(draw(st.lists(st.sampled_from(CODERS), max_size=4, unique=True)))
        annotations = {}
        for coder in CODERS:
            spans = []
            for _ in range(draw(st.integers(0, 5))):
                start = draw(st.integers(0, max(n * 10 - 1, 0)))
                end = draw(st.integers(start + 1, max(n * 10, start + 1)))
                spans.append(Span(draw(st.sampled_from(LABELS)), start, end))
            annotations[coder] = spans
        docs.append(DocumentWork(f"d{d}.txt", sentences, finished, annotations))
    return docs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from([None, {"ann", "bob", "cat"}]))
def test_figures_match_nltk(docs: list[DocumentWork], chosen: set[str] | None) -> None:
    result = agreement(docs, LABELS, chosen)
    units = naive_units(docs, chosen)
    assert result.units == len(units)
    for label in LABELS:
        data = [(c, f"{k}", label in v) for k, by in units.items() for c, v in by.items()]
        assert close(result.labels[label].alpha, nltk_alpha(data)), label
        assert result.labels[label].present == sum(
            1 for by in units.values() if any(label in v for v in by.values())
        )
    data = [(c, f"{k}", v) for k, by in units.items() for c, v in by.items()]
    assert close(result.masi_alpha, nltk_alpha(data, masi_or_none))
    finished = [{c for c in d.finished if chosen is None or c in chosen} for d in docs]
    coders = sorted({c for f in finished if len(f) >= 2 for c in f})
    assert list(result.annotators) == coders
    pairs = {(p.a, p.b): p for p in result.pairs}
    assert set(pairs) == set(itertools.combinations(coders, 2))
    for (a, b), pair in pairs.items():
        common = {k: by for k, by in units.items() if a in by and b in by}
        for label in LABELS:
            rows = [(c, f"{k}", label in by[c]) for k, by in common.items() for c in (a, b)]
            expected = None
            if rows and len({v for _, _, v in rows}) > 1:
                expected = nltk_agreement.AnnotationTask(data=rows).kappa_pairwise(a, b)
            assert close(pair.kappa[label], expected), (a, b, label)
        both_docs = [d for d in docs if a in d.finished and b in d.finished]
        sa = {(d.path, s.start, s.end, s.label) for d in both_docs for s in d.annotations.get(a, ())}
        sb = {(d.path, s.start, s.end, s.label) for d in both_docs for s in d.annotations.get(b, ())}
        f1 = None if not sa and not sb else 2 * len(sa & sb) / (len(sa) + len(sb))
        assert close(pair.span_f1, f1)
    for figures in result.per_document:
        doc_units = {k: by for k, by in units.items() if k[0] == figures.path}
        data = [(c, f"{k}", v) for k, by in doc_units.items() for c, v in by.items()]
        assert close(figures.masi_alpha, nltk_alpha(data, masi_or_none))


def held_by_the_index(doc: DocumentWork) -> Held:
    """The document's spans as the store's index groups them, built by the index's own code from
    annotator states holding the same annotations."""
    states = [
        State(
            "doc",
            coder,
            annotations={
                f"{coder}-{n}": {"label": a.label, "start": a.start, "end": a.end}
                for n, a in enumerate(doc.annotations.get(coder, ()))  # type: ignore[union-attr]
            },
        )
        for coder in CODERS
    ]
    held = entry_held(summary_entry("doc.txt", states, (0, "")))
    assert held is not None
    return Held(*held)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.permutations(CODERS))
def test_the_index_grouping_counts_as_the_spans_do(docs: list[DocumentWork], order: list[str]) -> None:
    """One triple per distinct (label, start, end) with who drew it counts exactly what each
    annotator's own spans count, whatever order the coders got their bits in (unfinished holders and
    duplicates included)."""
    for doc in docs:
        names = [c for c in order if c in doc.finished]
        by_lists, by_held = _Coding(LABELS), _Coding(LABELS)
        for coding in (by_lists, by_held):
            for c in order:
                coding.coder(c)
        grouped = DocumentWork(doc.path, doc.sentences, doc.finished, held_by_the_index(doc))
        assert count_document(by_held, names, grouped) == count_document(by_lists, names, doc)


def test_damaged_index_triples_are_refused() -> None:
    """Text the index could not have written raises ValueError (the caller then reads the files)."""
    coding = _Coding(LABELS)
    for text in ("0,9", "0,9,4", "0,9,0", "0,9,x", "0,9,1.5", "0,9,true"):
        doc = DocumentWork("d.txt", sentences_of(2), {"ann", "bob"}, Held(["ann", "bob"], {"claim": text}))
        with pytest.raises(ValueError):
            count_document(coding, ["ann", "bob"], doc)


def test_a_name_listed_twice_in_an_entry_is_one_coder() -> None:
    """Holder bits are ORed: an entry naming an annotator twice (the index never writes one) counts
    that annotator's span once, never as another coder's."""
    sentences = sentences_of(2)
    twice = DocumentWork("d.txt", sentences, {"ann", "bob"}, Held(["ann", "ann"], {"claim": "0,9,3"}))
    once = DocumentWork("d.txt", sentences, {"ann", "bob"}, Held(["ann"], {"claim": "0,9,1"}))
    counted = [count_document(_Coding(LABELS), ["ann", "bob"], doc) for doc in (twice, once)]
    assert counted[0] == counted[1]


def test_a_coder_first_met_in_a_later_document_counts_in_the_index_form() -> None:
    """The index's holders bits map to coder bits per list of annotators, worked out once: a coder who
    joins later (a tally without a fixed coder order) must not keep the earlier mapping's 0."""
    sentences = [(0, 9), (10, 19)]
    held = Held(["ann", "bob", "cat"], {"claim": "0,9,7"})  # all three drew claim 0-9
    lists = {name: [("claim", 0, 9)] for name in ("ann", "bob", "cat")}
    results = []
    for spans in (held, lists):
        tally = Tally(("claim", "quote"))
        tally.add(DocumentWork("a.txt", sentences, {"ann", "bob"}, spans))
        tally.add(DocumentWork("b.txt", sentences, {"ann", "cat"}, spans))  # cat's first
        results.append(tally.result().to_json())
    assert results[0] == results[1]
    assert [d["alpha"]["claim"] for d in results[0]["per_document"]] == [1.0, 1.0]
