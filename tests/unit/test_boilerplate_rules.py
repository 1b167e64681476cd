"""Each named page rule of `classify` on its own (`reader.text.boilerplate.PAGE_RULES`).

End-to-end behaviour is in test_boilerplate.py; here each rule gets a small `Page` with what the
rules before it would have set, so a failure names the rule that changed.
"""

from __future__ import annotations

from reader.text.boilerplate import (
    HEADLINE,
    PAGE_RULES,
    R_CAPTION,
    R_SENTENCE,
    Decision,
    FolderStats,
    Page,
    count_repeats,
    decide_lines,
    drop_captions,
    find_block,
    folder_stats,
    pick_headline,
    soften_inline_widgets,
    spot_duplicate_article,
    weigh_lines,
    weigh_repeats,
    weigh_runs,
)
from reader.text.lines import split_lines
from reader.text.main_block import W

SENTENCE = "The council voted on Tuesday to close the old bridge for repairs until the spring."


def page(*texts: str, folder: FolderStats | None = None) -> Page:
    return Page.of(split_lines("\n".join(texts)), folder)


def run_until(p: Page, last: object) -> Page:
    """Apply the page rules in order up to and including `last`."""
    for rule in PAGE_RULES:
        rule(p)
        if rule is last:
            break
    return p


def test_the_rules_run_in_this_order() -> None:
    assert [rule.__name__ for rule in PAGE_RULES] == [
        "count_repeats",
        "spot_duplicate_article",
        "weigh_lines",
        "weigh_repeats",
        "weigh_runs",
        "soften_inline_widgets",
        "find_block",
        "pick_headline",
        "decide_lines",
        "mark_reader_comments",
        "keep_factcheck_box",
        "keep_standfirst",
        "keep_first_heading",
        "drop_about_section",
        "drop_inline_teasers",
        "drop_captions",
    ]


def test_count_repeats_needs_a_folder_of_three_files() -> None:
    small = page("Home", SENTENCE, folder=folder_stats([["Home"], ["Home"]]))
    count_repeats(small)
    assert not small.use_folder and small.strong_rep == [False, False]
    folder = folder_stats([["Home"], ["Home"], ["Home"], ["other"]])
    p = page("Home", SENTENCE, folder=folder)
    count_repeats(p)
    assert p.use_folder
    assert p.folder_counts == [3, 0]
    assert p.strong_rep == [True, False]


def test_spot_duplicate_article_when_most_sentences_repeat() -> None:
    p = page(SENTENCE, SENTENCE.replace("Tuesday", "Monday"), "Menu")
    p.strong_rep = [True, True, False]
    spot_duplicate_article(p)
    assert p.duplicate_article
    p.strong_rep = [True, False, True]
    spot_duplicate_article(p)
    assert not p.duplicate_article  # one of two sentences is not more than half


def test_weigh_lines_sentences_pull_and_menus_push() -> None:
    p = weigh_lines_of("Home", SENTENCE)
    assert p.weights[0] < 0 < p.weights[1]


def weigh_lines_of(*texts: str) -> Page:
    p = page(*texts)
    weigh_lines(p)
    return p


def test_weigh_repeats_repeated_prose_is_neutral_and_a_repeated_widget_pushes() -> None:
    p = weigh_lines_of(SENTENCE, "Sign up for our newsletter and get the best stories of the week.")
    p.use_folder = True
    p.strong_rep = [True, True]
    weigh_repeats(p)
    assert p.weights == [W["repeated_prose"], W["repeated"]]


def test_weigh_repeats_does_nothing_for_a_duplicated_article() -> None:
    p = weigh_lines_of(SENTENCE)
    before = list(p.weights)
    p.use_folder, p.duplicate_article, p.strong_rep = True, True, [True]
    weigh_repeats(p)
    assert p.weights == before


def test_weigh_runs_charges_the_second_non_sentence_line_in_a_row() -> None:
    p = weigh_lines_of("Menu one", "Menu two", "Menu three")
    before = list(p.weights)
    weigh_runs(p)
    assert p.weights == [before[0], before[1] + W["run2"], before[2]]


def test_soften_inline_widgets_between_paragraphs() -> None:
    p = weigh_lines_of(SENTENCE, "Subscribe to our newsletter", SENTENCE, SENTENCE)
    assert p.weights[1] < W["inline"]
    soften_inline_widgets(p)
    assert p.weights[1] == W["inline"]


def test_find_block_is_the_run_of_sentences() -> None:
    p = run_until(page("Home", "News", SENTENCE, SENTENCE, SENTENCE, "Privacy policy"), weigh_lines)
    find_block(p)
    assert (p.start, p.end) == (2, 5)


def test_pick_headline_above_the_block() -> None:
    p = page("Home", "Council votes to close the old bridge", SENTENCE, SENTENCE, SENTENCE)
    run_until(p, find_block)
    pick_headline(p)
    assert p.headline == 1


def test_pick_headline_skips_a_line_the_folder_repeats() -> None:
    p = page("Home", "Council votes to close the old bridge", SENTENCE, SENTENCE, SENTENCE)
    run_until(p, find_block)
    p.weak_rep[1] = True
    pick_headline(p)
    assert p.headline is None


def test_decide_lines_one_decision_per_line() -> None:
    p = run_until(page("Council votes to close the old bridge", SENTENCE, SENTENCE, "Home"), pick_headline)
    decide_lines(p)
    assert [d.kept for d in p.out] == [True, True, True, False]
    assert p.out[0].role == HEADLINE and p.out[1].reason == R_SENTENCE


def test_drop_captions_before_a_picture_credit() -> None:
    p = page(SENTENCE, "The old bridge at dusk", "Photo: Getty Images", SENTENCE)
    p.start, p.end = 0, 4
    p.out = [Decision(True, R_SENTENCE)] * 2 + [Decision(False, "credit"), Decision(True, R_SENTENCE)]
    drop_captions(p)
    assert p.out[1] == Decision(False, R_CAPTION)
    assert p.out[0].kept and p.out[3].kept
