"""Who tagged what, as letters: distinct, readable without colour, the user first; the library's cell."""

from __future__ import annotations

from reader.services.team_view import EVERYONE, Letters, filter_cycle, next_filter, team_cell


def test_letters_are_distinct_initials_with_the_user_first() -> None:
    letters = Letters.of(["maria", "mark", "tester", "Émile", "42"], me="tester")
    assert letters["tester"] == "T" and letters["maria"] == "M"
    assert letters["mark"] == "A"  # M is taken: the next letter of the name
    assert letters["Émile"] == "I" and letters["42"] == "B"  # no ASCII initial / no letter: a spare one
    assert len(set(letters.by_name.values())) == 5
    assert letters["nobody"] == "?"


def test_the_filter_cycles_everyone_mine_then_each_other_annotator() -> None:
    names = ["bob", "maria", "tester"]
    assert filter_cycle(names, "tester") == [EVERYONE, "tester", "bob", "maria"]
    assert next_filter(EVERYONE, names, "tester") == "tester"
    assert next_filter("maria", names, "tester") == EVERYONE
    assert next_filter("gone", names, "tester") == EVERYONE


def test_the_team_cell_marks_finished_and_curated() -> None:
    letters = Letters.of(["maria", "tester"], me="tester")
    assert team_cell(["maria", "tester"], ["tester"], letters) == "M T✓"
    assert team_cell([], ["maria"], letters) == "M✓"
    assert team_cell(["maria", "gold"], [], letters, curator="gold") == "M ★"
    assert team_cell(["gold"], [], letters, curator="gold") == "★"
