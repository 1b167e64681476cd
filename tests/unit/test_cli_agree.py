"""`reader agree` as a user runs it: a real store with finished marks, a real corpus, a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import DocumentRef, Store
from annotations.agreement import DocumentWork, agreement
from reader.text.corpus import read_document
from reader.text.pipeline import analyse_path


def reader(*args: str, cache: Path) -> subprocess.CompletedProcess:
    unset = ("READER_STORE", "READER_ANNOTATOR", "READER_LABELS")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env={**env, "READER_CACHE": str(cache)},
        timeout=120,
    )


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for name, seed in zip(("first.txt", "second.txt", "third.txt"), seeds, strict=False):
        shutil.copy(seed, folder / name)
    return folder


def sentences(path: Path) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in analyse_path(path).sentences if s.taggable]


def ref(corpus: Path, name: str) -> DocumentRef:
    d = read_document(corpus / name)
    return DocumentRef(d.id, name, d.text)


# who tags which taggable sentence with what, per document; fact is rare (one tag in all)
TAGS = {
    "ann": {
        "first.txt": [(0, "claim"), (1, "quote"), (2, "claim")],
        "second.txt": [(0, "claim"), (3, "quote")],
    },
    "bob": {
        "first.txt": [(0, "claim"), (1, "claim"), (4, "fact")],
        "second.txt": [(0, "claim"), (3, "quote")],
    },
    "cat": {"first.txt": [(0, "claim"), (1, "quote")], "third.txt": [(0, "claim")]},
}
FINISHED = {"ann": ["first.txt", "second.txt"], "bob": ["first.txt", "second.txt"], "cat": ["first.txt"]}


@pytest.fixture
def store_dir(tmp_path: Path, corpus: Path) -> Path:
    folder = tmp_path / "store"
    for name, docs in TAGS.items():
        with Store.open(folder, annotator=name) as store:
            for doc, tags in docs.items():
                spans = sentences(corpus / doc)
                for i, label in tags:
                    store.add(ref(corpus, doc), label, *spans[i])
            for doc in FINISHED[name]:
                store.set_finished(ref(corpus, doc), True)
    return folder


def expected(
    corpus: Path,
    annotators: set[str] | None = None,
    docs: tuple[str, ...] = ("first.txt", "second.txt"),
    tags: dict | None = None,
):
    """The same figures computed in-process from the pipeline's sentences (not the catalog's)."""
    works = []
    for doc in docs:
        spans = sentences(corpus / doc)

        anns = {n: [(label, *spans[i]) for i, label in (tags or TAGS)[n].get(doc, [])] for n in TAGS}
        finished = {n for n, ds in FINISHED.items() if doc in ds}
        works.append(DocumentWork(doc, spans, finished, anns))
    return agreement(works, ("claim", "quote", "fact"), annotators)


def test_json_shape_and_figures(corpus: Path, store_dir: Path, tmp_path: Path) -> None:
    done = reader("agree", "--store", str(store_dir), "--corpus", str(corpus), "--json", cache=tmp_path / "c")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"documents", "units", "annotators", "labels", "masi_alpha", "pairs", "per_document"}
    want = expected(corpus)
    assert out["documents"] == 2 and out["annotators"] == ["ann", "bob", "cat"]
    assert out["units"] == len(sentences(corpus / "first.txt")) + len(sentences(corpus / "second.txt"))
    assert set(out["labels"]) == {"claim", "quote", "fact"}
    for label, figures in out["labels"].items():
        assert set(figures) == {"alpha", "units", "present"}
        assert figures["alpha"] == pytest.approx(want.labels[label].alpha)
        assert figures["present"] == want.labels[label].present
    assert out["masi_alpha"] == pytest.approx(want.masi_alpha)
    assert [(p["a"], p["b"]) for p in out["pairs"]] == [("ann", "bob"), ("ann", "cat"), ("bob", "cat")]
    for pair in out["pairs"]:
        assert set(pair) == {"a", "b", "kappa", "span_f1"} and set(pair["kappa"]) == {
            "claim",
            "quote",
            "fact",
        }
    ann_bob = out["pairs"][0]
    assert ann_bob["span_f1"] == pytest.approx(2 * 3 / (5 + 5))  # claim 0, both of second.txt agree
    assert [d["path"] for d in out["per_document"]] == ["first.txt", "second.txt"]
    # second.txt: ann and bob agree on everything; fact never occurs there: undefined, null
    second = out["per_document"][1]
    assert second["alpha"]["claim"] == 1.0 and second["alpha"]["fact"] is None
    # fact: one tag in the units, under 5%: a note on stderr
    assert "fact is present in" in done.stderr and "unstable" in done.stderr


def test_table_and_choices(corpus: Path, store_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    done = reader("agree", "--store", str(store_dir), "--corpus", str(corpus), cache=cache)
    assert done.returncode == 0, done.stderr
    assert "2 documents" in done.stdout and "rare: alpha unstable" in done.stdout
    assert "ann / bob" in done.stdout and "per document, weakest first" in done.stdout
    chosen = reader(
        "agree", "--store", str(store_dir), "--corpus", str(corpus), "--json",
        "--annotator", "ann", "--annotator", "cat", "--label", "claim", cache=cache,
    )  # fmt: skip
    assert chosen.returncode == 0, chosen.stderr
    out = json.loads(chosen.stdout)
    assert out["annotators"] == ["ann", "cat"] and out["documents"] == 1 and list(out["labels"]) == ["claim"]
    want = expected(corpus, {"ann", "cat"}, ("first.txt",))
    assert out["labels"]["claim"]["alpha"] == pytest.approx(want.labels["claim"].alpha)
    one = reader(
        "agree",
        "--store",
        str(store_dir),
        "--corpus",
        str(corpus),
        "--json",
        "--document",
        "second.txt",
        cache=cache,
    )
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["documents"] == 1


def test_a_second_run_sees_every_change(corpus: Path, store_dir: Path, tmp_path: Path) -> None:
    """The second run reads unchanged documents from its cache; a changed annotator file is read again."""
    args = ("agree", "--store", str(store_dir), "--corpus", str(corpus), "--json")
    first = json.loads(reader(*args, cache=tmp_path / "c").stdout)
    spans, doc = sentences(corpus / "first.txt"), ref(corpus, "first.txt")
    with Store.open(store_dir, annotator="bob") as bob:  # bob's claim on sentence 1 becomes a quote
        bob.toggle(doc, "claim", *spans[1])
        bob.add(doc, "quote", *spans[1])
    second = json.loads(reader(*args, cache=tmp_path / "c").stdout)
    tags = {**TAGS, "bob": {**TAGS["bob"], "first.txt": [(0, "claim"), (1, "quote"), (4, "fact")]}}
    want = expected(corpus, tags=tags)
    assert second["labels"]["quote"]["alpha"] == pytest.approx(want.labels["quote"].alpha)
    assert second["labels"]["quote"]["alpha"] != first["labels"]["quote"]["alpha"]
    assert second["masi_alpha"] == pytest.approx(want.masi_alpha)


def test_fewer_than_two_annotators_is_one_line_exit_2(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "alone"
    with Store.open(folder, annotator="ann") as store:
        spans = sentences(corpus / "first.txt")
        store.add(ref(corpus, "first.txt"), "claim", *spans[0])
        store.set_finished(ref(corpus, "first.txt"), True)
    with Store.open(folder, annotator="bob") as store:
        store.add(ref(corpus, "first.txt"), "claim", *spans[0])  # tagged, never finished
    done = reader("agree", "--store", str(folder), "--corpus", str(corpus), cache=tmp_path / "c")
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "fewer than two annotators" in done.stderr
    assert "finished: ann" in done.stderr


def test_documents_outside_the_corpus_are_named(corpus: Path, store_dir: Path, tmp_path: Path) -> None:
    """The default corpus is the bundled seeds: finished documents elsewhere are said, not silently lost."""
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(corpus / "third.txt", other / "third.txt")  # nobody finished it
    done = reader("agree", "--store", str(store_dir), "--corpus", str(other), cache=tmp_path / "c")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "2 documents two or more annotators finished are not in the corpus (pass --corpus)" in done.stderr
    shutil.copy(corpus / "first.txt", other / "first.txt")
    done = reader("agree", "--store", str(store_dir), "--corpus", str(other), cache=tmp_path / "c")
    assert (
        done.returncode == 0
        and "1 documents two or more annotators finished are not in the corpus" in done.stderr
    )


def test_bad_input_is_one_line(corpus: Path, store_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    for args, words in [
        (["--label", "opinion"], "unknown label"),
        (["--document", "nowhere.txt"], "not a document of the corpus"),
        (["--corpus", str(tmp_path / "missing")], "missing"),
    ]:
        done = reader("agree", "--store", str(store_dir), "--corpus", str(corpus), *args, cache=cache)
        assert done.returncode == 2, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_the_apps_background_count_hands_its_figures_over_with_one_line(
    corpus: Path, store_dir: Path, tmp_path: Path
) -> None:
    """`--outcome-file` (the app's child): the figures are in the file when the child says so on
    stdout, and the stats cache is written by the time it exits. It counts the documents the catalog's
    cache lists (the app's, written by its scan), as they stand."""
    from reader.services.agreement_cache import NOTHING_TO_COUNT, stats_dir
    from reader.services.agreement_warmup import READY, load_outcome
    from reader.services.catalog import Catalog
    from reader.text.corpus import discover

    handoff = tmp_path / "handoff.pickle"
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    env["READER_CACHE"] = str(tmp_path / "c")
    command = [sys.executable, "-m", "reader", "agree", "--store", str(store_dir), "--corpus", str(corpus)]
    command += ["--outcome-file", str(handoff)]
    alone = subprocess.run(command, capture_output=True, env=env, timeout=120)
    # no catalog cache yet: nothing it may count without reading the files itself (the app, whose
    # listing differs, sums itself)
    assert alone.returncode == 2 and b"fewer than two" in alone.stderr
    empty = load_outcome(str(handoff))
    assert empty is not None and empty[1].agreement.documents == 0
    assert not (stats_dir(store_dir) / NOTHING_TO_COUNT).exists()  # the store has a team
    for _ in Catalog(discover([corpus]), cache_dir=tmp_path / "c").scan():  # the app's scan
        pass
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stdout is not None and child.stderr is not None
    with child.stdout, child.stderr:
        said = child.stdout.readline()
        kept = load_outcome(str(handoff))  # read at once, as the app does
        rest = child.stdout.read()
        assert child.wait(120) == 0, child.stderr.read()
    assert said == READY.encode() and rest == b""
    assert kept is not None
    figures = kept[1].agreement
    want = expected(corpus)
    assert figures.documents == 2 and figures.masi_alpha == pytest.approx(want.masi_alpha)
    assert any(stats_dir(store_dir).glob("stats-*"))
