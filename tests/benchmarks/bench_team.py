"""A team's store synced through git, beside plain git on the same repository in the same run.

build             --annotators x --docs annotator files holding --annotations (store_builder.bulk_create)
first_sync        `reader sync --remote` on it: init, commit every file, push to a bare repository
baseline          `git status` and `git fetch` (nothing new) on the store's repository; `git add -A` +
                  `git commit` of the files --tags tags changed
nothing_to_send   sync with nothing to send or receive: floor <= 2 x (git status + git fetch); in-process
                  (`sync_s`, the floor's figure) and as the `reader sync` command (`cli_s`, with
                  Python's start-up)
send_tags         --tags tags by one annotator (Store.toggle, durable), then that machine's sync:
                  floor <= 3 s
receive_tags      the other machine's sync that takes those tags in: floor <= 3 s

A second machine is a copy of the first store's folder after its first sync (as a clone would be).
Medians over --runs where a step can be repeated. Figures taken under load: read the ratios.

  python tests/benchmarks/bench_team.py [--docs 30000] [--annotators 10] [--annotations 1000000]
      [--tags 100] [--runs 3] [--dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from store_builder import bulk_create  # beside this script: tests/benchmarks/ is sys.path[0]

from annotations.model import Annotation, DocumentRef, context
from annotations.store import Store
from annotations.sync import sync

SENTENCE = "The minister said on Tuesday that prices would rise sharply in May, officials confirmed. "
SENTENCES = 40
TEXT = SENTENCE * SENTENCES
SPANS = [(i * len(SENTENCE), (i + 1) * len(SENTENCE) - 1) for i in range(SENTENCES)]
LABELS = ("claim", "quote", "fact")
STAMP = "2026-12-01T10:00:00+00:00"


def doc_id(n: int) -> str:
    return f"sha256:{n:064x}"


def documents(docs: int, annotators: list[str], total: int) -> Iterator[tuple[str, str, list[Annotation]]]:
    """Every document tagged by every annotator; `total` annotations spread evenly."""
    per_file = max(1, total // (docs * len(annotators)))
    rng = random.Random(7)
    for n in range(docs):
        anns = []
        for name in annotators:
            for start, end in rng.sample(SPANS, min(per_file, len(SPANS))):
                prefix, suffix = context(TEXT, start, end)
                anns.append(
                    Annotation(
                        id=uuid.UUID(int=rng.getrandbits(128)).hex,
                        document_id=doc_id(n),
                        path=f"doc{n:05d}.txt",
                        label=rng.choice(LABELS),
                        start=start,
                        end=end,
                        text=TEXT[start:end],
                        prefix=prefix,
                        suffix=suffix,
                        annotator=name,
                        created=STAMP,
                        modified=STAMP,
                    )
                )
        yield doc_id(n), f"doc{n:05d}.txt", anns


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def median_of(runs: int, fn: Callable[[], Any]) -> float:
    return statistics.median(timed(fn)[0] for _ in range(runs))


def tag_some(store: Store, count: int, rng: random.Random, docs: int) -> None:
    """`count` tags by this annotator, one durable write each, on as many documents."""
    for n in rng.sample(range(docs), count):
        ref = DocumentRef(doc_id(n), f"doc{n:05d}.txt", TEXT)
        held = {(a.start, a.end) for a in store.annotations(ref.id) if a.annotator == store.annotator}
        start, end = next(s for s in SPANS if s not in held)
        store.toggle(ref, "claim", start, end)


def run(root: Path, args: argparse.Namespace) -> dict[str, Any]:
    names = [f"ann{n}" for n in range(args.annotators)]
    a_dir, b_dir, bare = root / "a", root / "b", root / "team.git"
    out: dict[str, Any] = {
        "size": {"docs": args.docs, "annotators": args.annotators, "annotations": args.annotations},
        "runs": args.runs,
        "tags": args.tags,
    }
    os.environ["HOME"] = str(root)  # no global git identity: sync sets one in the repository
    with Store.open(a_dir, annotator=names[0]) as a:
        print("building ...", file=sys.stderr)
        out["build_s"] = round(
            timed(lambda: bulk_create(a, documents(args.docs, names, args.annotations)))[0], 2
        )
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
        print("first sync ...", file=sys.stderr)
        seconds, report = timed(lambda: sync(a, bare.as_uri()))
        out["first_sync"] = {"seconds": round(seconds, 2), "line": report.line()}
    shutil.copytree(a_dir, b_dir, symlinks=True)  # the second machine, as after its first sync
    git(b_dir, "update-index", "-q", "--refresh")  # a clone's index knows its files; a copy's must learn

    print("baselines ...", file=sys.stderr)
    status = median_of(args.runs, lambda: git(a_dir, "status", "--porcelain"))
    fetch = median_of(args.runs, lambda: git(a_dir, "fetch", "-q", "origin"))
    with Store.open(a_dir, annotator=names[0]) as a:
        nothing = median_of(args.runs, lambda: sync(a))
        line = sync(a).line()
    command = [sys.executable, "-m", "reader", "sync", "--store", str(a_dir), "--annotator", names[0]]
    cli = median_of(args.runs, lambda: subprocess.run(command, check=True, capture_output=True))
    out["nothing_to_send"] = {
        "sync_s": round(nothing, 3),
        "cli_s": round(cli, 3),  # `reader sync` as a command: Python's start and Store.open included
        "cli_ratio": round(cli / (status + fetch), 2),
        "git_status_s": round(status, 3),
        "git_fetch_s": round(fetch, 3),
        "ratio_to_status_plus_fetch": round(nothing / (status + fetch), 2),
        "floor_ratio": 2.0,
        "met": nothing <= 2 * (status + fetch),
        "line": line,
    }

    print(f"{args.tags} tags ...", file=sys.stderr)
    rng = random.Random(11)
    with Store.open(b_dir, annotator=names[1]) as b:
        tag_s = timed(lambda: tag_some(b, args.tags, rng, args.docs))[0]
        # Baseline: plain git committing the same changed files, then taken back (index only).
        commit = timed(lambda: (git(b_dir, "add", "-A"), git(b_dir, "commit", "-q", "-m", "baseline")))[0]
        git(b_dir, "reset", "-q", "--mixed", "HEAD~1")
        send, report = timed(lambda: sync(b))
        sent_line = report.line()
    with Store.open(a_dir, annotator=names[0]) as a:
        receive, report = timed(lambda: sync(a))
        received_line = report.line()
        summary_ok = sum(s.annotations for s in a.summary().values())
    out["send_tags"] = {
        "tagging_s": round(tag_s, 2),
        "sync_s": round(send, 3),
        "git_add_commit_s": round(commit, 3),
        "floor_s": 3.0,
        "met": send <= 3.0,
        "line": sent_line,
    }
    out["receive_tags"] = {
        "sync_s": round(receive, 3),
        "floor_s": 3.0,
        "met": receive <= 3.0,
        "line": received_line,
        "annotations_after": summary_ok,
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=30_000)
    parser.add_argument("--annotators", type=int, default=10)
    parser.add_argument("--annotations", type=int, default=1_000_000)
    parser.add_argument("--tags", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the stores and the bare repository")
    args = parser.parse_args()
    if shutil.which("git") is None:
        sys.exit("bench_team: git is not installed")
    root = Path(tempfile.mkdtemp(prefix="bench-team-", dir=args.dir))
    try:
        print(json.dumps(run(root, args), indent=2))
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
