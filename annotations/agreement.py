"""How much annotators agree: Krippendorff's alpha, Cohen's kappa and exact-span F1 (no Textual).

Two halves, kept apart so either can be checked alone:

* the math (`alpha`, `binary_alpha`, `kappa`, `masi_distance`) on coincidence counts, proven against
  NLTK's `nltk.metrics.agreement` in the tests;
* the units (`Tally`): the taggable sentences of each document that two or more annotators marked
  finished. Annotator c's value on a sentence is the set of labels of c's annotations overlapping it;
  in a document c finished an untagged sentence is the empty set ("none"), in one c did not finish c
  is missing. Missing values are left out, never passed as a value (NLTK issue #2865: a `None`
  counted as a category turns 0.743 into 0.577 on Krippendorff's own example).

A million annotations must be counted in seconds, so units are never compared pair by pair: each is
reduced to who holds which label ("holders") among the annotators who finished its document, and
identical reductions are counted once.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

V = TypeVar("V", bound=Hashable)
Distance = Callable[[Any, Any], float]
LabelSet = frozenset[str]
Coders = frozenset[str]
# A unit reduced to its values and how many coders gave each: {(value, count), ...}.
Histogram = frozenset[tuple[Any, int]]

RARE = 0.05  # under this share of units, alpha on a label is unstable: the report says so


# ---------------------------------------------------------------------------------------------- math


def nominal_distance(a: object, b: object) -> float:
    return 0.0 if a == b else 1.0


def masi_distance(a: Collection[str], b: Collection[str]) -> float:
    """Passonneau's MASI distance between two label sets, with her weights (2/3, 1/3), as NLTK 3.9+ has them.

    Two empty sets ("none" and "none") agree: distance 0, where NLTK's divides by zero.
    """
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 0.0
    inter = len(sa & sb)
    union = len(sa | sb)
    if len(sa) == len(sb) == inter:
        monotonicity = 1.0
    elif inter == min(len(sa), len(sb)):
        monotonicity = 2 / 3
    elif inter > 0:
        monotonicity = 1 / 3
    else:
        monotonicity = 0.0
    return 1.0 - inter / union * monotonicity


def histogram(values: Iterable[Hashable]) -> Histogram:
    """One unit's values (one per coder who gave one) as a histogram."""
    return frozenset(Counter(values).items())


def alpha(
    units: Mapping[Histogram, int] | Iterable[Histogram], distance: Distance = nominal_distance
) -> float | None:
    """Krippendorff's alpha from unit histograms (a mapping: histogram -> how many such units).

    Units with fewer than two values are not pairable and are left out. None when alpha is undefined:
    no pairable values, or no variation at all (every value the same), where 1 - 0/0 has no answer.
    """
    counted = units if isinstance(units, Mapping) else Counter(units)
    observed: dict[tuple[Any, Any], float] = defaultdict(float)
    for hist, times in counted.items():
        m = sum(n for _, n in hist)
        if m < 2 or not times:
            continue
        items = list(hist)
        for i, (v, nv) in enumerate(items):
            for j, (w, nw) in enumerate(items):
                pairs = nv * (nv - 1) if i == j else nv * nw
                if pairs:
                    observed[v, w] += times * pairs / (m - 1)
    marginals: dict[Any, float] = defaultdict(float)
    for (v, _), o in observed.items():
        marginals[v] += o
    n = sum(marginals.values())
    if n < 2:
        return None
    disagreement = sum(o * distance(v, w) for (v, w), o in observed.items())
    values = list(marginals.items())
    expected = sum(nv * nw * distance(v, w) for v, nv in values for w, nw in values) / (n - 1)
    if expected == 0:
        return None
    return 1.0 - disagreement / expected


def binary_alpha(units: Mapping[tuple[int, int], int]) -> float | None:
    """Nominal alpha for present / absent, from {(coders who said present, coders), how many units}.

    The closed form of `alpha` for two values: the coincidence marginals are the counts themselves.
    """
    present = total = 0
    disagreement = 0.0
    for (k, m), times in units.items():
        if m < 2:
            continue
        present += k * times
        total += m * times
        disagreement += times * 2 * k * (m - k) / (m - 1)
    if total < 2:
        return None
    expected = 2 * present * (total - present) / (total - 1)
    if expected == 0:
        return None
    return 1.0 - disagreement / expected


def kappa(both: int, only_a: int, only_b: int, neither: int) -> float | None:
    """Cohen's kappa for one label and two coders from their 2x2 table; None when chance agreement
    is total (both said the same thing on every unit: kappa is 0/0)."""
    n = both + only_a + only_b + neither
    if n == 0:
        return None
    observed = (both + neither) / n
    pa, pb = (both + only_a) / n, (both + only_b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def f1(matched: int, size_a: int, size_b: int) -> float | None:
    """Exact-span F1 of two coders (symmetric); None when neither drew a span."""
    return None if size_a + size_b == 0 else 2 * matched / (size_a + size_b)


# --------------------------------------------------------------------------------------------- units


class TaggedSpan(Protocol):
    """What the units need of an annotation (an `Annotation` is one)."""

    @property
    def label(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class DocumentWork:
    """One document as agreement sees it, whatever the store's layout.

    `sentences` are the taggable sentences' (start, end), in order; `finished` the annotators who
    marked the document finished; `annotations` each annotator's anchored annotations (no orphans).
    """

    path: str
    sentences: Sequence[tuple[int, int]]
    finished: Collection[str]
    annotations: Mapping[str, Sequence[TaggedSpan]]


@dataclass
class Counts:
    """The reductions the figures are computed from; adding two Counts adds their units."""

    units: int = 0
    # label -> (finished coders, coders who hold the label) -> units
    holders: dict[str, Counter[tuple[Coders, Coders]]] = field(default_factory=dict)
    masi: Counter[Histogram] = field(default_factory=Counter)
    # (finished coders, coders who drew it) -> spans: exact (start, end, label)
    spans: Counter[tuple[Coders, Coders]] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        self.units += other.units
        for label, counter in other.holders.items():
            self.holders.setdefault(label, Counter()).update(counter)
        self.masi.update(other.masi)
        self.spans.update(other.spans)

    def label_alpha(self, label: str) -> float | None:
        counter = self.holders.get(label, Counter())
        reduced: Counter[tuple[int, int]] = Counter()
        for (finished, held), times in counter.items():
            reduced[len(held), len(finished)] += times
        return binary_alpha(reduced)

    def present(self, label: str) -> int:
        """Units at least one annotator tagged with the label."""
        return sum(t for (_, h), t in self.holders.get(label, Counter()).items() if h)

    def masi_alpha(self) -> float | None:
        return alpha(self.masi, masi_distance)


def pair_tables(
    counter: Counter[tuple[Coders, Coders]], coders: Sequence[str]
) -> dict[tuple[str, str], list[int]]:
    """For every pair (a, b), a < b: [both hold it, only a, only b, units both coded]."""
    tables: dict[tuple[str, str], list[int]] = {
        pair: [0, 0, 0, 0] for pair in itertools.combinations(coders, 2)
    }
    for (finished, held), times in counter.items():
        for a, b in itertools.combinations(sorted(finished), 2):
            table = tables.get((a, b))
            if table is None:
                continue
            ina, inb = a in held, b in held
            if ina and inb:
                table[0] += times
            elif ina:
                table[1] += times
            elif inb:
                table[2] += times
            table[3] += times
    return tables


def document_counts(doc: DocumentWork, labels: Sequence[str], annotators: Collection[str] | None) -> Counts:
    """The units of one document: its taggable sentences when two or more chosen annotators finished."""
    counts = Counts()
    coders = frozenset(c for c in doc.finished if annotators is None or c in annotators)
    if len(coders) < 2:
        return counts
    wanted = set(labels)
    starts = [s for s, _ in doc.sentences]
    values: dict[int, dict[str, set[str]]] = {}
    drawn: dict[tuple[int, int, str], set[str]] = {}
    for coder in coders:
        for a in doc.annotations.get(coder, ()):
            if a.label not in wanted:
                continue
            drawn.setdefault((a.start, a.end, a.label), set()).add(coder)
            i = max(bisect.bisect_right(starts, a.start) - 1, 0)
            while i < len(starts) and starts[i] < a.end:
                if doc.sentences[i][1] > a.start:
                    values.setdefault(i, {}).setdefault(coder, set()).add(a.label)
                i += 1
    m = len(coders)
    total = len(doc.sentences)
    counts.units = total
    empty = total - len(values)
    none: LabelSet = frozenset()
    for label in labels:
        counter: Counter[tuple[Coders, Coders]] = Counter()
        if empty:
            counter[coders, frozenset()] = empty
        counts.holders[label] = counter
    if empty:
        counts.masi[frozenset({(none, m)})] += empty
    for by_coder in values.values():
        for label in labels:
            held = frozenset(c for c, got in by_coder.items() if label in got)
            counts.holders[label][coders, held] += 1
        sets = Counter(frozenset(got) for got in by_coder.values())
        if len(by_coder) < m:
            sets[none] += m - len(by_coder)
        counts.masi[frozenset(sets.items())] += 1
    for holders in drawn.values():
        counts.spans[coders, frozenset(holders)] += 1
    return counts


@dataclass(frozen=True)
class DocumentFigures:
    path: str
    units: int
    alpha: dict[str, float | None]
    masi_alpha: float | None


@dataclass(frozen=True)
class PairFigures:
    a: str
    b: str
    kappa: dict[str, float | None]
    span_f1: float | None


@dataclass(frozen=True)
class LabelFigures:
    alpha: float | None
    units: int
    present: int

    @property
    def rare(self) -> bool:
        return self.units > 0 and self.present / self.units < RARE


@dataclass(frozen=True)
class Agreement:
    documents: int
    units: int
    annotators: tuple[str, ...]
    labels: dict[str, LabelFigures]
    masi_alpha: float | None
    pairs: tuple[PairFigures, ...]
    per_document: tuple[DocumentFigures, ...]

    def to_json(self) -> dict[str, Any]:
        """The `reader agree --json` shape (null where a figure is undefined)."""
        return {
            "documents": self.documents,
            "units": self.units,
            "annotators": list(self.annotators),
            "labels": {
                name: {"alpha": f.alpha, "units": f.units, "present": f.present}
                for name, f in self.labels.items()
            },
            "masi_alpha": self.masi_alpha,
            "pairs": [{"a": p.a, "b": p.b, "kappa": p.kappa, "span_f1": p.span_f1} for p in self.pairs],
            "per_document": [
                {"path": d.path, "alpha": d.alpha, "masi_alpha": d.masi_alpha} for d in self.per_document
            ],
        }


class Tally:
    """Documents in, figures out: `add` each document, then `result()`."""

    def __init__(self, labels: Sequence[str], annotators: Collection[str] | None = None) -> None:
        self.labels = tuple(labels)
        self.chosen = frozenset(annotators) if annotators else None
        self.total = Counts()
        self.per_document: list[DocumentFigures] = []
        self.coders: set[str] = set()

    def add(self, doc: DocumentWork) -> DocumentFigures | None:
        """Count one document; its own figures, or None when fewer than two chosen annotators finished it."""
        coders = {c for c in doc.finished if self.chosen is None or c in self.chosen}
        if len(coders) < 2:
            return None
        counts = document_counts(doc, self.labels, self.chosen)
        self.coders.update(coders)
        self.total.add(counts)
        figures = DocumentFigures(
            path=doc.path,
            units=counts.units,
            alpha={label: counts.label_alpha(label) for label in self.labels},
            masi_alpha=counts.masi_alpha(),
        )
        self.per_document.append(figures)
        return figures

    def result(self) -> Agreement:
        coders = tuple(sorted(self.coders))
        total = self.total
        pairs = []
        tables = {label: pair_tables(total.holders.get(label, Counter()), coders) for label in self.labels}
        spans = pair_tables(total.spans, coders)
        for a, b in itertools.combinations(coders, 2):
            kappas = {}
            for label in self.labels:
                both, only_a, only_b, n = tables[label][a, b]
                kappas[label] = kappa(both, only_a, only_b, n - both - only_a - only_b)
            matched, only_a, only_b, _ = spans[a, b]
            pairs.append(PairFigures(a, b, kappas, f1(matched, matched + only_a, matched + only_b)))
        return Agreement(
            documents=len(self.per_document),
            units=total.units,
            annotators=coders,
            labels={
                label: LabelFigures(total.label_alpha(label), total.units, total.present(label))
                for label in self.labels
            },
            masi_alpha=total.masi_alpha(),
            pairs=tuple(pairs),
            per_document=tuple(self.per_document),
        )


def agreement(
    documents: Iterable[DocumentWork], labels: Sequence[str], annotators: Collection[str] | None = None
) -> Agreement:
    tally = Tally(labels, annotators)
    for doc in documents:
        tally.add(doc)
    return tally.result()
