"""The reading screen's status and meta lines, as pure functions."""

from __future__ import annotations

from reader.services.reading_status import meta_line, status_parts
from reader.services.status_fit import fit


def test_status_names_the_store_cursor_progress_and_counts_then_what_only_some_moments_have() -> None:
    parts = status_parts(
        location="/s", annotator="alice", cursor=4, total=10, tagged=3,
        counts={"claim": 2, "quote": 1}, marks={"claim": "C", "quote": "Q"},
    )  # fmt: skip
    assert [p.text for p in parts if p.text] == [
        "C 2 Q 1", "tagged 3/10", "sentence 5/10", "annotator alice", "store /s"
    ]  # fmt: skip
    assert [p.text for p in parts if p.optional] == ["sentence 5/10", "annotator alice", "store /s"]
    more = status_parts(
        location="/s", annotator="a", cursor=0, total=0, tagged=0, counts={}, marks={},
        orphans=2, selected=3, hits=7, hit=1,
    )  # fmt: skip
    assert [p.text for p in more][:5] == ["selected 3", "hit 2/7", "", "2 orphaned", "tagged 0/0"]


def test_what_the_last_key_changed_is_never_cut_at_80_columns() -> None:
    parts = status_parts(
        location="/home/someone/.local/share/reader/store", annotator="alice", cursor=1233, total=10500,
        tagged=1200, taggable=10400, counts={"claim": 512, "quote": 377, "fact": 311},
        marks={"claim": "C", "quote": "Q", "fact": "F"}, orphans=12, selected=14, hits=250, hit=9,
    )  # fmt: skip
    line = fit(parts, 78)  # 80 columns less the padding
    assert line == "selected 14 · hit 10/250 · C 512 Q 377 F 311 · 12 orphaned · tagged 1200/10400"
    assert "annotator alice" in fit(parts, 140) and "store /home" not in fit(parts, 140)
    assert fit(parts, 200).endswith("store /home/someone/.local/share/reader/store")


def test_meta_line_counts_sentences_in_words() -> None:
    assert meta_line(None, "a.txt", 1) == "no date · a.txt · 1 sentence"
    assert meta_line("2023-01-13", "b/c.txt", 12) == "2023-01-13 · b/c.txt · 12 sentences"
