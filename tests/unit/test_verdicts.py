"""Claim verdicts: the scale, the model's revision rules, the store write (one undo step) and old records."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from annotations import DocumentRef, Store
from annotations.model import Annotation
from annotations.verdicts import DEFAULT_VERDICTS, default_verdicts, parse_verdicts, rating

TEXT = "The minister said unemployment fell by half. Nobody checked.\n"


def ref(text: str = TEXT, path: str = "a.txt") -> DocumentRef:
    return DocumentRef("sha256:" + hashlib.sha256(text.encode()).hexdigest(), path, text)


def test_scale_parses_like_labels_and_rates_best_first(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_verdicts(" true, false ,true,,unproven") == ("true", "false", "unproven")
    with pytest.raises(ValueError):
        parse_verdicts(" , ")
    monkeypatch.setenv("READER_VERDICTS", "correct,incorrect")
    assert default_verdicts() == ("correct", "incorrect")
    monkeypatch.delenv("READER_VERDICTS")
    assert default_verdicts() == DEFAULT_VERDICTS
    first, last = rating("true"), rating("unproven")
    assert first is not None and (first.value, first.best, first.worst) == (7, 7, 1)
    assert last is not None and last.value == 1
    assert rating("wrong") is None


def test_verdict_is_one_undoable_write_and_stamps_reviewed(tmp_path: Path) -> None:
    doc = ref()
    with Store.open(tmp_path / "s", annotator="alice") as store:
        claim = store.add(doc, "claim", 0, TEXT.index(".") + 1, speaker="The minister")
        new = store.update(doc, claim.id, verdict="false", review_url="https://example.org/r/1")
        assert (new.verdict, new.review_url, new.speaker) == (
            "false",
            "https://example.org/r/1",
            "The minister",
        )
        assert new.reviewed and new.reviewed == new.modified
        assert store.update(doc, claim.id, verdict="false") is not None
        (stored,) = store.annotations(doc.id)
        assert stored == new  # unchanged: the same record, not re-stamped
        assert store.undo(doc.id) == f"undid edit claim {claim.start}-{claim.end}"
        (back,) = store.annotations(doc.id)
        assert back.verdict is None and back.reviewed == "" and not back.has_verdict
        store.redo(doc.id)
        cleared = store.update(doc, claim.id, verdict="", review_url="")
        assert (cleared.verdict, cleared.review_url, cleared.reviewed) == (None, None, "")
    with Store.open(tmp_path / "s", annotator="alice") as store:  # read back from disk
        assert store.annotations(doc.id)[0].verdict is None


def test_records_without_verdict_fields_stay_as_they_were() -> None:
    plain = Annotation("1", "sha256:x", "a.txt", "claim", 0, 3, "The", "", " m")
    assert "verdict" not in plain.to_json() and "verdict" not in plain.to_export()
    old_record = json.loads(json.dumps(plain.to_json()))
    assert Annotation.from_json(old_record) == plain
    rated = plain.revised(stamp="2026-01-13T10:00:00+00:00", verdict="mixed")
    assert rated.to_export()["verdict"] == "mixed" and rated.to_export()["review_url"] is None
    assert Annotation.from_json(rated.to_json()) == rated
