"""How much the annotators agree: Krippendorff's alpha per label and over label sets (MASI), Cohen's
kappa and exact-span F1 per pair, and per document, on the taggable sentences of the documents two or
more annotators marked finished."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from annotations.agreement import RARE, Agreement
from annotations.store import Store, StoreError
from reader.cli import CommandError
from reader.cli.storeopts import add_corpus_argument, add_store_argument, load_corpus, open_store
from reader.services.agreement import (
    Outcome,
    Selection,
    finished_marks,
    measure_in_processes,
    tagged_marks,
)
from reader.services.agreement_cache import index_stamps, mark_nothing_to_count
from reader.services.agreement_warmup import index_mtime, two_finished
from reader.services.catalog import Catalog
from reader.services.entries import Entry
from reader.text.corpus import read_document
from reader.text.sanitize import display_safe


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_corpus_argument(parser, "whose sentences are the units")
    parser.add_argument(
        "--label", metavar="L", action="append", help="only this label (repeatable; default: every label)"
    )
    parser.add_argument(
        "--annotator", metavar="A", action="append", help="only these annotators (repeatable; default: all)"
    )
    parser.add_argument(
        "--document",
        metavar="PATH",
        action="append",
        help="only this document, by its path in the corpus (repeatable; default: all)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    # The app's background count: the figures for the app to show as they are, instead of summing again.
    parser.add_argument("--outcome-file", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    corpus = load_corpus(args.corpus)
    store = open_store(argparse.Namespace(store=args.store))
    try:
        labels = tuple(args.label or store.labels)
        unknown = [x for x in labels if x not in store.labels]
        if unknown:
            raise CommandError(f"unknown label {unknown[0]!r} (labels: {', '.join(store.labels)})")
        # The app's background count (`--outcome-file`) takes the catalog's cache and the store's index
        # as they stand: the app checks the files itself (a quarter of a second at 30,000 documents)
        # and takes the figures only when they were counted on what it lists (`corpus_key`) and the
        # store did not move (`store_state`).
        background = bool(args.outcome_file)
        catalog = Catalog(corpus, overrides=store.line_overrides)
        if background:  # the cache's entries, unchecked: a file it lacks or that changed fails `corpus_key`
            catalog.cached()
        else:
            for _ in catalog.scan():
                pass
        entries = sorted(catalog.entries, key=lambda e: e.relpath)
        documents = frozenset(_document_key(corpus, d) for d in args.document or ())
        known = {e.relpath for e in entries} | {e.document_id for e in entries if e.document_id}
        missing = sorted(documents - known)
        if missing:
            raise CommandError(f"--document {missing[0]}: not a document of the corpus")
        selection = Selection(labels, frozenset(args.annotator or ()), documents)
        seen = index_mtime(store.location)  # before the summary is read: a mark made of it holds till then
        finished = finished_marks(store, check=not background)  # with the check: the index up to date
        stamps = index_stamps(store, check=not background)
        outcome = measure_in_processes(
            entries,
            selection,
            finished,
            store.location,
            None,
            stamps,
            tagged_by=tagged_marks(store, check=not background),
            store_labels=store.labels,
            ready=_hand_over(args.outcome_file, entries) if args.outcome_file else None,
        )
        elsewhere = 0 if background else outside_corpus(store, entries, selection)
        team = two_finished(store.summary(check=not background))
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    result = outcome.agreement
    missing_note = (
        f"{elsewhere} documents two or more annotators finished are not in the corpus (pass --corpus)"
        if elsewhere
        else ""
    )
    if len(result.annotators) < 2:
        if not team:
            mark_nothing_to_count(store.location, seen)
        who = ", ".join(sorted(outcome.finished_coders)) or "nobody"
        raise CommandError(
            f"fewer than two annotators have finished the same documents (finished: {display_safe(who)}); "
            + (missing_note or "agreement needs two (mark documents finished in the app or `reader finish`)")
        )
    if missing_note:
        print(f"reader: note: {missing_note}; left out", file=sys.stderr)
    for line in warnings(result):
        print(f"reader: note: {line}", file=sys.stderr)
    if args.outcome_file:
        return 0  # the app's background count: the figures are in the file, nobody reads stdout
    if args.json:
        # One line: json's C encoder (indent= falls back to the Python one: 30,000 documents took seconds)
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return 0
    sys.stdout.write(render(result, outcome))
    return 0


def _hand_over(file: str, entries: list[Entry]) -> Callable[[Outcome], None]:
    """The app's background count: the figures go to the app's file as soon as they are known, and
    a line on stdout tells it so, while the counted documents are still being written to the cache."""
    from reader.services.agreement_warmup import READY, corpus_key, save_outcome

    def ready(outcome: Outcome) -> None:
        if save_outcome(file, outcome, corpus_key(entries)):
            sys.stdout.write(READY)
            sys.stdout.flush()

    return ready


def _document_key(corpus: Any, name: str) -> str:
    """A --document as a file (its text's id, as `reader export` names documents), else as a path in
    the corpus (relative, posix)."""
    from pathlib import Path

    from reader.text.document import DocumentError

    for candidate in (Path(name), corpus.root / name):
        if candidate.is_file():
            try:
                return str(read_document(candidate).id)
            except DocumentError as exc:
                raise CommandError(f"--document {name}: {exc.reason}") from None
    return name


def outside_corpus(store: Store, entries: list[Entry], selection: Selection) -> int:
    """Documents of the store that two or more chosen annotators finished and the corpus lacks."""
    if selection.documents:
        return 0
    known = {e.document_id for e in entries if e.document_id}
    return sum(
        1
        for document_id, doc in store.summary().items()
        if document_id not in known and len(selection.coders(doc.finished)) >= 2
    )


def warnings(result: Agreement) -> list[str]:
    return [
        f"{label} is present in {_percent(f.present, f.units)} of units (under {RARE:.0%}): "
        "its alpha is unstable"
        for label, f in result.labels.items()
        if f.rare
    ]


def figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def render(result: Agreement, outcome: Outcome) -> str:
    safe = display_safe
    labels = list(result.labels)
    out = [
        f"{result.documents} documents, {result.units} units (taggable sentences of documents two or "
        f"more annotators finished), annotators: {safe(', '.join(result.annotators))}",
    ]
    if outcome.finished_by_one:
        out.append(f"({outcome.finished_by_one} documents finished by one annotator only are left out)")
    width = max([len(x) for x in labels] + [10])
    out += ["", f"{'label':<{width}}  {'alpha':>6}  {'units':>7}  present"]
    for label, f in result.labels.items():
        rare = "  rare: alpha unstable" if f.rare else ""
        out.append(
            f"{safe(label):<{width}}  {figure(f.alpha):>6}  {f.units:>7}  "
            f"{f.present} ({_percent(f.present, f.units)}){rare}"
        )
    out.append(f"{'label sets':<{width}}  {figure(result.masi_alpha):>6}  (MASI distance)")
    out += ["", "pairs (Cohen's kappa per label, exact-span F1):"]
    names = [safe(f"{p.a} / {p.b}") for p in result.pairs]
    pw = max([len(n) for n in names] + [4])
    out.append(
        f"  {'pair':<{pw}}  " + "  ".join(f"{safe(x):>{max(len(x), 6)}}" for x in labels) + "  span F1"
    )
    for name, p in zip(names, result.pairs, strict=True):
        cells = "  ".join(f"{figure(p.kappa[x]):>{max(len(x), 6)}}" for x in labels)
        out.append(f"  {name:<{pw}}  {cells}  {figure(p.span_f1):>7}")
    out += ["", "per document, weakest first (alpha per label, then over label sets):"]
    out.append("  " + "  ".join(f"{safe(x):>{max(len(x), 6)}}" for x in labels) + "    sets  units  path")
    for d in sorted(result.per_document, key=_weakness):
        cells = "  ".join(f"{figure(d.alpha[x]):>{max(len(x), 6)}}" for x in labels)
        out.append(f"  {cells}  {figure(d.masi_alpha):>6}  {d.units:>5}  {safe(d.path)}")
    return "\n".join(out) + "\n"


def _weakness(d: Any) -> tuple[int, float, str]:
    """Defined figures first, lowest first; undefined (no variation) last."""
    return (d.masi_alpha is None, d.masi_alpha if d.masi_alpha is not None else 0.0, d.path)
