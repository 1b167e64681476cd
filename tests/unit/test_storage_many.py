"""atomic_write_many with many files (what a sync brings): written and fsynced side by side, renamed in
order; when one cannot be written, none is replaced and no temporary file is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.storage import StoreError, atomic_write_many


def test_many_files_are_all_replaced(tmp_path: Path) -> None:
    files = [tmp_path / f"d{i}" / "a.jsonl" for i in range(12)]
    for f in files:
        f.parent.mkdir()
        f.write_bytes(b"old")
    atomic_write_many([(f, f"new {i}".encode()) for i, f in enumerate(files)], backup=False)
    assert [f.read_bytes() for f in files] == [f"new {i}".encode() for i in range(12)]
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.jsonl"] * 12


def test_when_one_cannot_be_written_none_is_replaced_and_no_temp_is_left(tmp_path: Path) -> None:
    files = [tmp_path / f"d{i}" / "a.jsonl" for i in range(12)]
    for f in files:
        f.parent.mkdir()
        f.write_bytes(b"old")
    missing = tmp_path / "gone" / "a.jsonl"  # its folder does not exist: its temp file cannot be made
    with pytest.raises(StoreError, match="gone"):
        atomic_write_many(
            [(f, b"new") for f in files[:6]] + [(missing, b"new")] + [(f, b"new") for f in files[6:]]
        )
    assert [f.read_bytes() for f in files] == [b"old"] * 12
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["a.jsonl"] * 12
