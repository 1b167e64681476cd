"""Quality on the fresh pages (tests/data/fresh_pages): content lines, kinds and comments.

The pages were written and labelled before the rules were tuned on them (see their README); these
floors keep what was reached from sliding back.
"""

from __future__ import annotations

import bisect
import json
import re
from pathlib import Path

import pytest

from reader.text.document import Document
from reader.text.lines import split_lines
from reader.text.pipeline import analyse
from reader.text.words import WORD

FRESH = Path(__file__).resolve().parents[1] / "data" / "fresh_pages"
ROWS = [json.loads(line) for line in (FRESH / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
ONE_LINE_A_PARAGRAPH = ("w3m", "lynx", "trafilatura")  # w3m80 and lynx80 wrap paragraphs at 80 columns


def _f1(rows: list[dict]) -> float:
    tp = fp = fn = 0
    for row in rows:
        analysis = analyse(Document.from_text("\n".join(row["lines"])))
        for line, gold in zip(analysis.lines, row["labels"], strict=True):
            tp += line.kept and gold
            fp += line.kept and not gold
            fn += gold and not line.kept
    return 2 * tp / (2 * tp + fp + fn)


@pytest.mark.parametrize("renderer", ["w3m", "lynx", "trafilatura"])
def test_content_lines_of_fresh_pages(renderer: str) -> None:
    english = [r for r in ROWS if r["renderer"] == renderer and r["lang"] == "en" and r.get("batch", 1) == 1]
    second = [r for r in ROWS if r["renderer"] == renderer and r["lang"] == "en" and r.get("batch", 1) == 2]
    other = [r for r in ROWS if r["renderer"] == renderer and r["lang"] != "en"]
    paywalled = [r for r in ROWS if r["renderer"] == renderer and r.get("batch", 1) == 4]
    assert _f1(english) >= 0.95
    assert _f1(second) >= 0.95  # the second batch: 0.754 / 0.833 / 0.862 at first sight
    assert _f1([r for r in other if r.get("batch", 1) == 1]) >= 0.95
    assert len(paywalled) == 8
    assert (
        _f1(paywalled) >= 0.95
    )  # the paywalled pages (eight languages): 0.694 / 0.694 / 0.633 at first sight


def test_paywall_notices_of_the_fourth_batch_are_dropped_as_such() -> None:
    """Every line of a paywall block, in eight languages and three renderings, is dropped (21 of 29 per
    rendering were kept at first sight), at least half by the paywall rule itself (a subscription pitch
    or a short "Already have an account? Sign in" has its own reason), and no article line
    of those pages is lost."""
    for row in (r for r in ROWS if r.get("batch", 1) == 4 and r["renderer"] in ONE_LINE_A_PARAGRAPH):
        analysis = analyse(Document.from_text("\n".join(row["lines"])))
        lines = list(zip(analysis.lines, row["labels"], row["kinds"], strict=True))
        walls = [line for line, _, kind in lines if kind == "paywall"]
        assert walls and not any(line.kept for line in walls), row["id"]
        assert sum(line.reason == "paywall notice" for line in walls) * 2 >= len(walls), row["id"]
        assert all(line.kept for line, gold, _ in lines if gold), row["id"]


def test_reader_comments_are_dropped_with_their_own_reason_and_kind() -> None:
    [row] = [r for r in ROWS if r["id"] == "en_comment_heavy_blog" and r["renderer"] == "lynx"]
    analysis = analyse(Document.from_text("\n".join(row["lines"])))
    comments = [ln for ln in analysis.lines if ln.reason == "reader comment"]
    assert len(comments) >= 5
    assert all(not ln.kept and ln.kind == "comment" for ln in comments)
    post = [ln for ln in analysis.lines if ln.text.startswith("In March I put my phone in a drawer")]
    assert post and post[0].kept


def test_code_lines_of_a_tutorial_are_kept() -> None:
    [row] = [r for r in ROWS if r["id"] == "en_tutorial_code" and r["renderer"] == "w3m"]
    analysis = analyse(Document.from_text("\n".join(row["lines"])))
    kept = {ln.text for ln in analysis.lines if ln.kept}
    assert {"import csv", "print(row)", 'total += float(row["amount"])'} <= kept
    assert not any(t.startswith("About the author") for t in kept)


def test_language_of_every_fresh_page() -> None:
    from reader.text.language import detect

    assert [detect("\n".join(r["lines"])) for r in ROWS] == [r["lang"] for r in ROWS]


def test_a_short_post_before_a_long_comment_thread_is_the_article() -> None:
    post = "Our goal with these open threads is to give readers a place to ask questions about our research."
    comments = []
    for who in ("Milan", "Alex", "Gary", "Dana", "Eli", "Sam"):
        comments += [
            f"{who} on September 12, 2018 at 4:47 pm said:",
            "I skimmed your report and did not see any analysis of the trade-off between speed and safety on"
            " the buses, which seems to me the main question here and deserves a longer answer from you.",
        ]
    more = "You can ask about anything we have published in the last quarter, and our staff will answer here."
    text = "\n".join(["Home", "Blog", "September open thread", post, more, "Comments", *comments])
    analysis = analyse(Document.from_text(text))
    kept = [ln.text for ln in analysis.lines if ln.kept]
    assert post in kept
    assert not any(t.startswith("I skimmed") for t in kept)


def test_a_teaser_glued_to_its_summary_is_dropped() -> None:
    from reader.text.line_features import cached_features

    teaser = "Samuel, Slayton Emerging As Strong WR OptionsThe 49ers and Giants have new receivers to trust."
    assert cached_features(teaser).strong == "related links"
    assert (
        cached_features("Wichita East's Hugh McPherson won first place in the 100 yard freestyle.").strong
        is None
    )


def _status(got: str | None, want: str | None) -> str:
    def norm(text: str | None) -> str:  # words with their combining marks: "शर्मी" is not "शर्मा"
        return " ".join(re.findall(WORD + r"|\d+", (text or "").casefold()))

    return "none" if not got else "right" if norm(got) == norm(want) else "wrong"


@pytest.mark.parametrize("renderer", ["w3m", "lynx"])
def test_author_and_outlet_of_fresh_renderings(renderer: str) -> None:
    """Issue 10: authors >= 80 % of the pages whose HTML states one, and a wrong answer is worse than none.
    First sight (before the byline/outlet kinds): authors 32 right, 1 wrong (lynx); outlets 20 right,
    7 wrong."""
    # The floors were set on the first three batches; the paywalled fourth is checked on its own below.
    rows = [r for r in ROWS if r["renderer"] == renderer and r.get("batch", 1) <= 3]
    authors = {"right": 0, "wrong": 0, "none": 0}
    outlets = {"right": 0, "wrong": 0, "none": 0}
    for row in rows:
        analysis = analyse(Document.from_text("\n".join(row["lines"])))
        authors[_status(analysis.author, row["meta"]["author"])] += 1
        outlets[_status(analysis.outlet, row["meta"]["site"])] += 1
    assert authors["wrong"] == 0
    assert authors["right"] >= 0.80 * len(rows)
    assert outlets["wrong"] == 0
    assert outlets["right"] >= 0.55 * len(rows)


@pytest.mark.parametrize("renderer", ["w3m", "lynx"])
def test_author_and_title_of_the_paywalled_pages(renderer: str) -> None:
    """The fourth batch: every author and headline right (the Italian "di Marco Rinaldi" byline was
    the headline of trafilatura's rendering at first sight); an outlet is named only where the page
    says it plainly (2 of 8 here), never wrongly."""
    rows = [r for r in ROWS if r["renderer"] == renderer and r.get("batch", 1) == 4]
    for row in rows:
        analysis = analyse(Document.from_text("\n".join(row["lines"])))
        assert _status(analysis.author, row["meta"]["author"]) == "right", row["id"]
        assert _status(analysis.title, row["meta"]["title"]) == "right", row["id"]
        assert _status(analysis.outlet, row["meta"]["site"]) != "wrong", row["id"]


def test_author_and_outlet_of_the_fresh_html_pages() -> None:
    """The .html pages themselves, read by our HTML path: the meta's author and site name, not a copyright
    owner ("© 2024 Tidyflow Inc." on the page whose meta says "Tidyflow Blog")."""
    from reader.text.html import extract_article

    got: dict[str, list[str]] = {"author": [], "outlet": []}
    for row in (r for r in ROWS if r["renderer"] == "w3m"):
        path = FRESH / "html" / f"{row['id']}.html"
        analysis = analyse(extract_article(path, path.read_text(encoding="utf-8"), "utf-8"))
        got["author"].append(_status(analysis.author, row["meta"]["author"]))
        got["outlet"].append(_status(analysis.outlet, row["meta"]["site"]))
    assert got["author"].count("right") >= 0.80 * len(got["author"]) and "wrong" not in got["author"]
    assert got["outlet"].count("right") >= 0.95 * len(got["outlet"]) and "wrong" not in got["outlet"]


def _wrapped_scores(
    renderer: str, english: bool, batches: tuple[int, ...] = (1, 2, 3, 4)
) -> tuple[float, int, int]:
    """Content-line F1 of a hard-wrapped rendering, read from its file as a user saved it: each
    rendered line counts as kept when the (joined) line holding it is; and (titles right, pages)."""
    tp = fp = fn = titles = pages = 0
    for row in ROWS:
        if row["renderer"] != renderer or (row["lang"] == "en") != english:
            continue
        if row.get("batch", 1) not in batches:
            continue
        text = (FRESH / "text" / f"{row['id']}.{renderer}.txt").read_text(encoding="utf-8")
        analysis = analyse(Document.from_text(text))
        raw = split_lines(text)
        assert [" ".join(ln.text.split()) for ln in raw] == row["lines"]
        starts = [ln.start for ln in analysis.lines]
        for line, gold in zip(raw, row["labels"], strict=True):
            kept = analysis.lines[bisect.bisect_right(starts, line.start) - 1].kept
            tp += kept and gold
            fp += kept and not gold
            fn += gold and not kept
        titles += _status(analysis.title, row["meta"]["title"]) == "right"
        pages += 1
    return 2 * tp / (2 * tp + fp + fn), titles, pages


@pytest.mark.parametrize("renderer", ["w3m80", "lynx80"])
def test_hard_wrapped_renderings_are_read_as_paragraphs(renderer: str) -> None:
    """w3m and lynx at their default 80 columns (what `w3m -dump URL > file` saves): each paragraph
    wrapped over several lines. First sight, content-line F1 English / other languages: w3m 0.568 /
    0.690, lynx 0.615 / 0.598 (most of an article's lines read as menu lines); titles right 27 and
    28 of 55."""
    english, titles_en, pages_en = _wrapped_scores(renderer, english=True)
    other, titles_other, pages_other = _wrapped_scores(renderer, english=False)
    assert (pages_en, pages_other) == (41, 14)
    assert english >= 0.92 and other >= 0.92
    assert titles_en + titles_other >= 0.8 * 55


# -- the fifth batch: Chinese, Japanese, Korean, Arabic, Hindi, Turkish, Greek, Hebrew -----------------

SCRIPTS = [r for r in ROWS if r.get("batch", 1) == 5]


def test_the_fifth_batch_is_eight_languages_in_five_renderings() -> None:
    assert sorted({r["lang"] for r in SCRIPTS}) == ["ar", "el", "he", "hi", "ja", "ko", "tr", "zh"]
    assert len(SCRIPTS) == 40


@pytest.mark.parametrize("renderer", ONE_LINE_A_PARAGRAPH)
def test_content_lines_in_other_scripts(renderer: str) -> None:
    """First sight (rules at 09b913a): 0.904 / 0.904 / 0.906. Photo credits, advertisement markers and
    bylines in these languages ("摄影：", "広告", "기자", "بقلم:", "מאת") and sentence ends ("।") were
    unknown."""
    assert _f1([r for r in SCRIPTS if r["renderer"] == renderer]) >= 0.95


@pytest.mark.parametrize("renderer", ["w3m80", "lynx80"])
def test_hard_wrapped_other_scripts(renderer: str) -> None:
    """First sight 0.697 / 0.854. Wrap columns are counted in terminal cells (a Chinese character takes
    two, a Devanagari vowel sign none). Pages of two or three short paragraphs stay below: too few lines
    pile up at the wrap column to tell wrapping from one paragraph per line."""
    f1, titles, pages = _wrapped_scores(renderer, english=False, batches=(5,))
    assert pages == 8 and f1 >= 0.85 and titles >= 6


@pytest.mark.parametrize("renderer", ["w3m", "lynx"])
def test_title_date_author_outlet_in_other_scripts(renderer: str) -> None:
    """First sight (w3m and lynx together, 16 renderings): titles 12 right 4 wrong, dates 4 right 12
    none, authors 2 right 14 none, outlets 6 right 6 wrong ("版权所有", "all rights reserved", taken as
    the site's name). The one author left is a Hindi "Name, Place" byline, which no word marks."""
    got: dict[str, list[str]] = {"title": [], "date": [], "author": [], "outlet": []}
    for row in (r for r in SCRIPTS if r["renderer"] == renderer):
        analysis = analyse(Document.from_text("\n".join(row["lines"])))
        meta = row["meta"]
        got["title"].append(_status(analysis.title, meta["title"]))
        got["date"].append(_status(analysis.date, meta["date"]))
        got["author"].append(_status(analysis.author, meta["author"]))
        got["outlet"].append(_status(analysis.outlet, meta["site"]))
    assert got["title"] == ["right"] * 8
    assert got["date"] == ["right"] * 8
    assert got["outlet"] == ["right"] * 8
    assert got["author"].count("right") == 7 and "wrong" not in got["author"]


def test_sentences_of_every_paragraph_in_other_scripts() -> None:
    """Each article paragraph splits into the sentences written for it: Chinese and Japanese full stops
    with no space after them, a Japanese quotation that runs on (「…。…」と述べた。), the Hindi danda, the
    Arabic and Greek question marks. First sight: 17 of 27 paragraphs."""
    from reader.text.sentences import split_sentences

    rows = [r for r in SCRIPTS if r["renderer"] == "w3m"]
    paragraphs = [(para, want) for r in rows for para, want in r["sentences"]]
    assert len(paragraphs) == 27
    for para, want in paragraphs:
        assert [para[a:b] for a, b in split_sentences(para)] == want
