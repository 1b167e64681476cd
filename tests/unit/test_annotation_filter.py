"""The annotations screen's filter model alone: no app, no store (`reader.services.annotation_filter`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.model import Annotation
from reader.services.annotation_filter import Filter, Row, created_moment, title_map


def test_titles_come_from_a_mapping_or_library_entries() -> None:
    @dataclass
    class Entry:
        document_id: str | None
        title: str | None

    entries = [Entry("sha256:a", "A"), Entry(None, "orphan file"), Entry("sha256:b", None)]
    assert title_map(entries) == {"sha256:a": "A"}
    assert title_map({"sha256:a": "A", "sha256:b": ""}) == {"sha256:a": "A"}
    assert title_map(None) == {}


_SMALL = st.text(alphabet="abAB", max_size=3)
_DAYS = st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 1, 9)))
_MOMENTS = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2026, 1, 9), timezones=st.just(timezone.utc)
    ),
)


@st.composite
def _rows(draw: st.DrawFn) -> Row:
    day = draw(_DAYS)
    annotation = Annotation(
        id="x",
        document_id="sha256:x",
        path=draw(_SMALL),
        label=draw(_SMALL),
        start=0,
        end=1,
        text="t",
        prefix="",
        suffix="",
        annotator=draw(_SMALL),
        created=f"{day}T12:00:00" if day else "",
    )
    return Row.build(annotation, {"sha256:x": draw(_SMALL)})


_FILTERS = st.builds(
    Filter,
    label=st.text(alphabet="ab", max_size=2),
    annotator=st.text(alphabet="ab", max_size=2),
    document=st.text(alphabet="ab", max_size=2),
    since=_MOMENTS,
    until=_MOMENTS,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_rows(), max_size=12), _FILTERS, _FILTERS)
def test_a_narrower_filter_only_needs_the_rows_the_wider_one_kept(
    rows: list[Row], wider: Filter, narrower: Filter
) -> None:
    """The screen refilters only the listed rows when the new filter narrows the old one."""
    if narrower.narrows(wider):
        kept = [r for r in rows if wider.matches(r)]
        assert [r for r in kept if narrower.matches(r)] == [r for r in rows if narrower.matches(r)]
    assert narrower.narrows(narrower) and narrower.narrows(Filter())


def test_created_moment_is_aware_or_none() -> None:
    moment = created_moment("2026-01-05T12:00:00+00:00")
    assert moment is not None and moment.tzinfo is not None
    assert created_moment("") is None
