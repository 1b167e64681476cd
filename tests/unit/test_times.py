"""Times in records: one check in the model, and no bad time in a store stops an export of the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import DocumentRef, Store
from annotations.model import Annotation, check_time, parse_time
from reader.text.corpus import read_document

TEXT = "Minsk, Belarus\nThe minister said nothing at all. Prices rose 5% in May.\nNobody knows.\n"
BAD = "0001-01-01T00:00:00+14:00"


def reader(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("READER_STORE", "READER_ANNOTATOR")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(
    "value",
    [
        BAD,
        "9999-12-31T23:59:59-12:00",
        "1969-12-31T23:59:59+00:00",
        "2026-01-01",
        "2026-01-01T00:00:00",
        "",
        "x",
    ],
)
def test_times_a_record_cannot_hold(value: str) -> None:
    assert parse_time(value) is None
    with pytest.raises(ValueError, match="not an ISO 8601 date-time with a UTC offset"):
        check_time(value)


def test_times_a_record_holds() -> None:
    assert check_time("2026-01-01T10:00:00Z") == "2026-01-01T10:00:00+00:00"
    assert check_time("1970-01-01T05:00:00+05:00") == "1970-01-01T05:00:00+05:00"
    assert parse_time("2026-01-01T10:00:00+02:00").isoformat() == "2026-01-01T08:00:00+00:00"  # type: ignore[union-attr]


@pytest.mark.parametrize("clock", ["1e18", "-1e18", "-5.0", "float('nan')", "253402300800.0"])
def test_an_absurd_clock_still_gives_a_readable_time(clock: str) -> None:
    code = (
        f"import time; time.time = lambda: {clock}\n"
        "from annotations.model import now_iso, check_time\n"
        "from annotations.export import now_utc\n"
        "print(check_time(now_iso())); print(check_time(now_utc()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture
def store_with_a_bad_time(tmp_path: Path) -> tuple[Path, Path]:
    """A store written before times were checked: one annotation created in year 1 at +14:00."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    doc = read_document(tmp_path / "corpus" / "a.txt")
    ref = DocumentRef(doc.id, "a.txt", doc.text)
    with Store.open(tmp_path / "store", annotator="alice") as store:
        store.add(ref, "fact", 0, 14)
        good = store.annotations(doc.id)[0]
        s = TEXT.index("Prices")
        bad = Annotation(
            "f" * 32, doc.id, "a.txt", "claim", s, s + 6, "Prices", "", "", created=BAD, modified=BAD
        )
        store.merge(doc.id, "a.txt", [bad])
        assert {a.created for a in store.annotations(doc.id)} == {good.created, BAD}
    return tmp_path / "store", tmp_path / "corpus"


@pytest.mark.parametrize("fmt", ["w3c", "json", "jsonl", "csv"])
def test_a_bad_time_in_the_store_does_not_stop_the_export(
    store_with_a_bad_time: tuple[Path, Path], fmt: str
) -> None:
    store, corpus = store_with_a_bad_time
    done = reader("export", "--store", store, "--corpus", corpus, "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.count("Prices") >= 1 and done.stdout.count("Minsk") >= 1
    if fmt == "w3c":
        items = json.loads(done.stdout)["first"]["items"]
        assert len(items) == 2 and BAD in {i["created"] for i in items}
        assert done.stderr.count("\n") == 1 and "written as stored" in done.stderr


def test_a_bad_time_in_the_store_does_not_stop_a_dated_export(
    store_with_a_bad_time: tuple[Path, Path],
) -> None:
    store, corpus = store_with_a_bad_time
    done = reader(
        "export", "--store", store, "--corpus", corpus, "--since", "2000-01-01", "--format", "jsonl"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and "Minsk" in done.stdout
