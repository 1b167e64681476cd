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
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

V = TypeVar("V", bound=Hashable)
Distance = Callable[[Any, Any], float]
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
    counted = units if isinstance(units, dict) else Counter(units)
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


# (label, start, end) of one annotation: a tuple, or a list as JSON gives it. Plain sequences rather than
# objects: a million annotation objects cost a second to build for three fields each.
TaggedSpan = Sequence[Any]


class Held(NamedTuple):
    """A document's anchored spans as the store's index groups them (`annotations.store.index.HELD`):
    label -> "s,e,h,s,e,h", each distinct span once with who drew it (bit p of h: `annotators`[p])."""

    annotators: Sequence[str]
    by_label: Mapping[str, str]


@dataclass(frozen=True)
class DocumentWork:
    """One document as agreement sees it, whatever the store's layout.

    `sentences` are the taggable sentences' (start, end), in order; `finished` the annotators who
    marked the document finished; `annotations` each annotator's anchored annotations (no orphans) as
    (label, start, end), or as the store's local index holds them (`Held`).
    """

    path: str
    sentences: Sequence[tuple[int, int]]
    finished: Collection[str]
    annotations: Mapping[str, Sequence[TaggedSpan]] | Held


def _bits(mask: int) -> Iterator[int]:
    """The positions of the set bits of `mask`, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


class _Key(NamedTuple):
    """What one (finished coders, values) key means: per label, how many hold it; the label-set histogram.
    A named tuple: a first count builds one per distinct key (a frozen dataclass took 4x longer)."""

    coders: int  # how many coders finished
    sets: tuple[tuple[int, int], ...]  # (label-set bits, coders with that set)
    held: tuple[int, ...]  # per label, how many coders hold it
    disagree: tuple[float, ...]  # per label, the unit's observed disagreement: 2k(m-k)/(m-1)
    masi_disagree: float  # the unit's observed MASI disagreement (ordered pairs of sets, over m-1)


class _Coding:
    """Coders and labels as bits: coder k's label j is bit k * L + j of a sentence's value mask, so a
    unit is two ints (finished coders, values), counted in a dict, decoded once per distinct pair."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = tuple(labels)
        self.width = len(self.labels)
        self.label_index = {label: j for j, label in enumerate(self.labels)}
        self.coders: list[str] = []
        self.coder_index: dict[str, int] = {}
        self.keys: dict[tuple[int, int], _Key] = {}  # what `key` worked out so far
        self._masi: dict[tuple[int, int], float] = {}
        self._masi_rows: list[list[float]] | None = None
        self.spread: dict[int, int] = {}  # coder bits -> value bits of label 0 (`spread_bits`)
        self._holders: dict[tuple[int | str, ...], tuple[tuple[int, ...], dict[int, int]]] = {}

    def spread_bits(self, coders: int) -> int:
        """Coder bit k moved to bit k * width (label 0 of coder k's value), remembered."""
        value = self.spread.get(coders)
        if value is None:
            value = 0
            for k in _bits(coders):
                value |= 1 << (k * self.width)
            self.spread[coders] = value
        return value

    def holders_of(self, annotators: Sequence[str]) -> tuple[tuple[int, ...], dict[int, int]]:
        """For one list of annotators (an index entry's), their coder bits (0 for one who is not a
        coder), and a table index holders bits -> coder bits, filled in as holders are met: most
        documents of a store have the same annotators, so one table serves them all."""
        index = self.coder_index
        key: tuple[int | str, ...] = (len(index), *annotators)  # a coder added since: other bits
        found = self._holders.get(key)
        if found is None:
            bits = tuple(1 << index[a] if a in index else 0 for a in annotators)
            found = self._holders[key] = (bits, {})
        return found

    def coder(self, name: str) -> int:
        k = self.coder_index.get(name)
        if k is None:
            k = self.coder_index[name] = len(self.coders)
            self.coders.append(name)
        return k

    def key(self, finished: int, values: int) -> _Key:
        found = self.keys.get((finished, values))
        if found is None:
            width, full = self.width, (1 << self.width) - 1
            sets: dict[int, int] = {}
            m = 0
            for k in _bits(finished):
                m += 1
                mine = (values >> (k * width)) & full
                sets[mine] = sets.get(mine, 0) + 1
            spread = self.spread_bits(finished)
            held = tuple((values & (spread << j)).bit_count() for j in range(width))
            pairs = m - 1 if m > 1 else 1
            disagree = tuple(2 * k * (m - k) / pairs for k in held)
            items = tuple(sets.items())
            rows = self.masi_rows()
            if rows is not None:  # d(a, a) is 0
                masi = sum(na * sum(nb * rows[a][b] for b, nb in items) for a, na in items) / pairs
            else:
                masi = sum(na * nb * self.masi(a, b) for a, na in items for b, nb in items if a != b) / pairs
            found = _Key(m, items, held, disagree, masi)
            self.keys[finished, values] = found
        return found

    def holders(self, finished: int, values: int, j: int) -> int:
        """The coder bits holding label `j` in a unit's value bits (kappa's tables need who, not how many)."""
        width = self.width
        return sum(1 << k for k in _bits(finished) if values >> (k * width + j) & 1)

    def label_set(self, bits: int) -> frozenset[str]:
        return frozenset(self.labels[j] for j in _bits(bits))

    def masi_rows(self) -> list[list[float]] | None:
        """`masi` for every pair of label sets as a table (rows[a][b]), for up to 6 labels (64 sets);
        None with more labels (the table would outgrow what it saves)."""
        if self._masi_rows is None and self.width <= 6:
            sets = range(1 << self.width)
            self._masi_rows = [[self.masi(a, b) if a != b else 0.0 for b in sets] for a in sets]
        return self._masi_rows

    def masi(self, a: int, b: int) -> float:
        """`masi_distance` between two label sets given as bits (cached: there are few sets)."""
        d = self._masi.get((a, b))
        if d is None:
            d = self._masi[a, b] = masi_distance(self.label_set(a), self.label_set(b))
        return d


def figures(coding: _Coding, units: Mapping[tuple[int, int], int]) -> tuple[list[float | None], float | None]:
    """Alpha per label (nominal, present or not) and alpha over label sets (MASI) of some units.

    `binary_alpha` and `alpha` with the MASI distance, summed from what each distinct key holds
    (`_Key`), so a document's figures cost a few additions per distinct key, not a count per unit.
    """
    width = coding.width
    present = [0] * width
    disagree = [0.0] * width
    masi_disagree = 0.0
    marginals: dict[int, int] = {}
    total = 0
    known = coding.keys
    for unit, times in units.items():
        key = known.get(unit)
        if key is None:
            key = coding.key(*unit)
        if key.coders < 2:
            continue
        total += key.coders * times
        held, split = key.held, key.disagree
        for j in range(width):
            present[j] += held[j] * times
            disagree[j] += split[j] * times
        masi_disagree += key.masi_disagree * times
        for labels, n in key.sets:
            marginals[labels] = marginals.get(labels, 0) + n * times
    if total < 2:
        return [None] * width, None
    alphas: list[float | None] = []
    for j in range(width):
        expected = 2 * present[j] * (total - present[j]) / (total - 1)
        alphas.append(None if expected == 0 else 1.0 - disagree[j] / expected)
    items = list(marginals.items())
    rows = coding.masi_rows()  # the distance table: a few list lookups per pair, per document
    if rows is not None:
        pairs = 0.0
        for a, na in items:  # d(a, a) is 0
            row = rows[a]
            pairs += na * sum([nb * row[b] for b, nb in items])
    else:
        pairs = sum(na * nb * coding.masi(a, b) for a, na in items for b, nb in items if a != b)
    expected = pairs / (total - 1)
    return alphas, None if expected == 0 else 1.0 - masi_disagree / expected


def _pair_tables(counter: Mapping[tuple[int, int], int]) -> dict[tuple[int, int], list[int]]:
    """For every coder pair (a, b), a < b: [both hold it, only a, only b, units both coded]."""
    tables: dict[tuple[int, int], list[int]] = {}
    for (finished, held), times in counter.items():
        present = list(_bits(finished))
        for x, a in enumerate(present):
            for b in present[x + 1 :]:
                table = tables.get((a, b))
                if table is None:
                    table = tables[a, b] = [0, 0, 0, 0]
                ina, inb = held >> a & 1, held >> b & 1
                if ina and inb:
                    table[0] += times
                elif ina:
                    table[1] += times
                elif inb:
                    table[2] += times
                table[3] += times
    return tables


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

    def only(self, labels: Sequence[str]) -> Agreement:
        """These figures for `labels` alone, in that order (the label sets' alpha is not touched: count
        with the other labels' bits left out, `project`, for that)."""
        return Agreement(
            documents=self.documents,
            units=self.units,
            annotators=self.annotators,
            labels={x: self.labels[x] for x in labels},
            masi_alpha=self.masi_alpha,
            pairs=tuple(
                PairFigures(p.a, p.b, {x: p.kappa[x] for x in labels}, p.span_f1) for p in self.pairs
            ),
            per_document=tuple(
                DocumentFigures(d.path, d.units, {x: d.alpha[x] for x in labels}, d.masi_alpha)
                for d in self.per_document
            ),
        )

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


@dataclass(frozen=True)
class DocumentCounts:
    """What one document adds to the figures, all of it additive: `finished` the coder bits who
    finished it, `n` its units, `units` {(finished, value bits): units}, `spans`
    {(label index, finished, coders who drew it): spans}. Bits as in `_Coding`; every figure
    (`Tally.result`) is a function of these sums, which is why they can be cached per document."""

    finished: int
    n: int
    units: Mapping[tuple[int, int], int]
    spans: Mapping[tuple[int, int, int], int]


def count_document(coding: _Coding, names: Iterable[str], doc: DocumentWork) -> DocumentCounts:
    """The counts of one document for the coders `names` (who finished it)."""
    finished = 0
    for name in names:
        finished |= 1 << coding.coder(name)
    return count_finished(coding, finished, doc)


def count_finished(coding: _Coding, finished: int, doc: DocumentWork) -> DocumentCounts:
    """`count_document` for coders already given as their bits (`finished`)."""
    held = doc.annotations
    if isinstance(held, Held):
        drawn = _from_held(coding, held, finished)
    else:
        drawn = _from_lists(coding, finished, held)
    sentences = doc.sentences
    n = len(sentences)
    flat = getattr(sentences, "flat", None)  # a catalog's SpanList: its offsets as one list, at C speed
    if flat is None:
        flat = [x for span in sentences for x in span]
    starts, ends = flat[0::2], flat[1::2]
    first = dict(zip(starts, range(n), strict=True))
    masks = [0] * n
    spans: dict[tuple[int, int, int], int] = {}
    spread = coding.spread
    for start, end, j, holders in drawn:
        key = (j, finished, holders)
        spans[key] = spans.get(key, 0) + 1
        value = spread.get(holders)  # the dict itself first: this runs for every span of every document
        if value is None:
            value = coding.spread_bits(holders)
        value <<= j
        i = first.get(start)
        if i is not None and end <= ends[i]:
            masks[i] |= value  # the common case: a tag on one sentence
            continue
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        while i < n and starts[i] < end:
            if ends[i] > start:
                masks[i] |= value
            i += 1
    units = {(finished, values): times for values, times in Counter(masks).items()}
    return DocumentCounts(finished, n, units, spans)


Drawn = list[tuple[int, int, int, int]]  # (start, end, label index, coder bits of who drew it), distinct


def _from_held(coding: _Coding, held: Held, finished: int) -> Drawn:
    """The index's triples, their holders turned into coder bits (only those in `finished`). One parse
    per document by json's C scanner (twice as fast as int() on each piece). Damaged text raises
    ValueError, and the caller reads the files."""
    label_index = coding.label_index
    bits, table = coding.holders_of(held.annotators)
    texts: list[str] = []
    runs: list[tuple[int, int]] = []  # (label, how many numbers) of each text
    for label, text in held.by_label.items():
        j = label_index.get(label)
        if j is not None and text:
            texts.append(text)
            runs.append((j, text.count(",") + 1))
    parsed = json.loads("[" + ",".join(texts) + "]") if texts else []
    if not set(map(type, parsed)) <= {int}:
        raise ValueError("offsets that are not integers")
    limit = 1 << len(bits)
    drawn: Drawn = []
    pos = 0
    for j, c in runs:
        if c % 3:
            raise ValueError("not (start, end, holders) triples")
        for x in range(pos, pos + c, 3):
            h = parsed[x + 2]
            holders = table.get(h)
            if holders is None:
                if not 0 < h < limit:
                    raise ValueError("holders that are not the entry's annotators")
                holders = 0
                for p, b in enumerate(bits):  # OR, not +: a name listed twice is one coder
                    if h >> p & 1:
                        holders |= b
                table[h] = holders
            holders &= finished
            if holders:
                drawn.append((parsed[x], parsed[x + 1], j, holders))
        pos += c
    return drawn


def _from_lists(coding: _Coding, finished: int, by: Mapping[str, Sequence[TaggedSpan]]) -> Drawn:
    """Each annotator's (label, start, end) grouped by span, as the index groups them."""
    label_index, index = coding.label_index, coding.coder_index
    drawn: dict[tuple[int, int, int], int] = {}
    for name, spans in by.items():
        k = index.get(name)
        if k is None or not finished >> k & 1 or not spans:
            continue
        coder = 1 << k
        for label, start, end in spans:
            j = label_index.get(label)
            if j is not None:
                key = (start, end, j)
                drawn[key] = drawn.get(key, 0) | coder
    return [(s, e, j, h) for (s, e, j), h in drawn.items()]


def project(counts: DocumentCounts, coders: int, labels: Collection[int], width: int) -> DocumentCounts:
    """The counts as if only the coder bits `coders` and the label indexes `labels` had been counted:
    a unit's value keeps those coders' bits of those labels, a span counts when one of them drew it.
    Exactly what `count_document` gives on the filtered input (a property the tests check)."""
    finished = counts.finished & coders
    keep = 0
    for k in _bits(finished):
        for j in labels:
            keep |= 1 << (k * width + j)
    units: Counter[tuple[int, int]] = Counter()
    for (f, values), times in counts.units.items():
        units[f & coders, values & keep] += times
    spans: Counter[tuple[int, int, int]] = Counter()
    for (j, f, holders), times in counts.spans.items():
        if j in labels and holders & coders:
            spans[j, f & coders, holders & coders] += times
    return DocumentCounts(finished, counts.n, dict(units), dict(spans))


class Tally:
    """Documents in, figures out: `add` each document, then `result()`."""

    def __init__(
        self, labels: Sequence[str], annotators: Collection[str] | None = None, coders: Sequence[str] = ()
    ) -> None:
        """`coders`: the annotators' bit order, fixed up front when tallies counted apart (one per worker
        process) are to be merged with `absorb`; otherwise coders get bits as they are first seen."""
        self.labels = tuple(labels)
        self.chosen = frozenset(annotators) if annotators else None
        self.coding = _Coding(self.labels)
        for name in coders:
            self.coding.coder(name)
        self.units: Counter[tuple[int, int]] = Counter()  # (finished bits, value bits) -> units
        self.spans: Counter[tuple[int, int]] = Counter()  # (finished bits, coders who drew it) -> spans
        self.total_units = 0
        self.seen = 0  # the coder bits of everyone in a counted document (only they are reported)
        self.per_document: list[DocumentFigures] = []

    def add(self, doc: DocumentWork) -> DocumentFigures | None:
        """Count one document; its own figures, or None when fewer than two chosen annotators finished it."""
        names = [c for c in doc.finished if self.chosen is None or c in self.chosen]
        if len(names) < 2:
            return None
        return self.add_counts(doc.path, count_document(self.coding, names, doc))

    def add_counts(
        self, path: str, counts: DocumentCounts, known: DocumentFigures | None = None
    ) -> DocumentFigures | None:
        """Add one document's counts (`count_document`, perhaps cached and `project`ed); its figures
        are computed unless given (they only depend on the counts). None under two coders."""
        if counts.finished.bit_count() < 2:
            return None
        self.seen |= counts.finished
        self.units.update(counts.units)
        spans = self.spans
        for (_, finished, holders), times in counts.spans.items():
            spans[finished, holders] += times
        self.total_units += counts.n
        if known is None:
            alphas, masi = figures(self.coding, counts.units)
            known = DocumentFigures(
                path=path, units=counts.n, alpha=dict(zip(self.labels, alphas, strict=True)), masi_alpha=masi
            )
        self.per_document.append(known)
        return known

    def partial(self) -> tuple[Any, ...]:
        """What `absorb` needs of this tally (plain data: it crosses process boundaries)."""
        return (
            tuple(self.coding.coders),
            dict(self.units),
            dict(self.spans),
            self.total_units,
            self.seen,
            self.per_document,
            self.coding.keys,  # what each unit key adds up to, worked out already: not again when merged
        )

    def absorb(self, partial: tuple[Any, ...]) -> None:
        """Add another tally's counts (same labels and the same `coders` order) to this one's. The
        documents' own figures are appended: sort `per_document` when the parts interleave."""
        coders, units, spans, total_units, seen, per_document, keys = partial
        if tuple(coders) != tuple(self.coding.coders):
            raise ValueError("tallies with different coder orders cannot be merged")
        self.coding.keys.update(keys)  # same labels and coder bits: the same figures per key
        self.units.update(units)
        self.spans.update(spans)
        self.total_units += total_units
        self.seen |= seen
        self.per_document.extend(per_document)

    def result(self) -> Agreement:
        coding = self.coding
        order = sorted(
            (k for k in range(len(coding.coders)) if self.seen >> k & 1), key=lambda k: coding.coders[k]
        )
        names = tuple(coding.coders[k] for k in order)
        width = coding.width
        # Per label, the units by who holds it: first by the label's value bits alone (a few hundred
        # distinct, however many distinct values), then those turned into coder bits.
        by_bits: list[dict[tuple[int, int], int]] = [{} for _ in self.labels]
        present = [0] * width
        for (finished, values), times in self.units.items():
            spread = coding.spread_bits(finished)
            for j in range(width):
                mine = values & (spread << j)
                reduced = by_bits[j]
                reduced[finished, mine] = reduced.get((finished, mine), 0) + times
                if mine:
                    present[j] += times
        per_label: list[Counter[tuple[int, int]]] = [Counter() for _ in self.labels]
        for j, reduced in enumerate(by_bits):
            for (finished, mine), times in reduced.items():
                per_label[j][finished, coding.holders(finished, mine, j)] += times
        tables = [_pair_tables(counter) for counter in per_label]
        spans = _pair_tables(self.spans)
        pairs = []
        for x, a in enumerate(order):
            for b in order[x + 1 :]:
                pair = (a, b) if a < b else (b, a)  # kappa and F1 are symmetric: the order does not matter
                kappas: dict[str, float | None] = {}
                for j, label in enumerate(self.labels):
                    both, only_lo, only_hi, n = tables[j].get(pair) or [0, 0, 0, 0]
                    kappas[label] = kappa(both, only_lo, only_hi, n - both - only_lo - only_hi)
                matched, only_lo, only_hi, _ = spans.get(pair) or [0, 0, 0, 0]
                pairs.append(
                    PairFigures(
                        coding.coders[a],
                        coding.coders[b],
                        kappas,
                        f1(matched, matched + only_lo, matched + only_hi),
                    )
                )
        alphas, masi = figures(coding, self.units)
        return Agreement(
            documents=len(self.per_document),
            units=self.total_units,
            annotators=names,
            labels={
                label: LabelFigures(alphas[j], self.total_units, present[j])
                for j, label in enumerate(self.labels)
            },
            masi_alpha=masi,
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
