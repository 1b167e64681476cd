"""The boilerplate line classifier: one rule per test, plus the floors on the shared labelled data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.boilerplate import HEADLINE, Decision, FolderStats, classify, folder_stats, line_key
from reader.text.lines import split_lines

ARTICLE = [
    "Heavy rain caused rivers to burst their banks across the coast on Friday, flooding hundreds of homes.",
    "The environment agency issued 40 flood warnings overnight, and emergency services rescued 60 people.",
    "Forecasters expect the rain to ease on Saturday, but warned that river levels would keep rising.",
    "Engineers spent the night reinforcing the sea wall near the harbour, the council said in a statement.",
]


def run(text: str, folder: FolderStats | None = None) -> dict[str, Decision]:
    lines = split_lines(text)
    decisions = classify(lines, folder=folder)
    assert len(decisions) == len(lines)
    return {ln.text: d for ln, d in zip(lines, decisions, strict=True)}


def page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------- rules, one at a time


def test_sentences_in_the_main_block_are_kept() -> None:
    got = run(page(*ARTICLE))
    assert all(d.kept and d.reason.startswith("article text") for d in got.values())


def test_short_lines_inside_the_block_are_kept_as_subheadings_and_list_items() -> None:
    got = run(
        page(
            ARTICLE[0], ARTICLE[1], "What happens next", ARTICLE[2], "- Sandbags at the town hall", ARTICLE[3]
        )
    )
    assert got["What happens next"].kept
    assert "sub-heading" in got["What happens next"].reason
    assert got["- Sandbags at the town hall"].kept


def test_short_lines_outside_the_block_are_navigation() -> None:
    got = run(page("Top Destinations", "Weekend Deals", *ARTICLE, "Careers At Example", "Store Finder"))
    for nav in ("Top Destinations", "Weekend Deals", "Careers At Example", "Store Finder"):
        assert not got[nav].kept
        assert got[nav].reason == "navigation: short line without sentence punctuation"


def test_sentence_far_outside_the_block_is_dropped() -> None:
    got = run(
        page(
            *ARTICLE,
            "Most Read",
            "Quiz",
            "Weather",
            "The best garden chairs of the year were tested by our panel of experts in May.",
        )
    )
    line = got["The best garden chairs of the year were tested by our panel of experts in May."]
    assert not line.kept
    assert line.reason == "outside the main text block"


def test_interface_words_only_on_short_lines() -> None:
    text = page("Share", "Facebook Twitter Email", *ARTICLE, "Log in")
    got = run(text)
    assert got["Share"].reason == "navigation: interface words only"
    assert not got["Facebook Twitter Email"].kept
    assert not got["Log in"].kept
    # The same words inside a sentence are article text.
    sentence = "Police said they would share the video on Facebook and Twitter once the family had seen it."
    assert run(page(ARTICLE[0], sentence, ARTICLE[1]))[sentence].kept


def test_cookie_notice_written_as_full_sentences_goes() -> None:
    notice = (
        "We use cookies to give you the best possible experience on our website. By continuing to browse "
        "this site, you agree to our use of cookies."
    )
    got = run(page(notice, *ARTICLE))
    assert not got[notice].kept
    assert got[notice].reason == "cookie notice"


def test_newsletter_and_subscription_pitches_go() -> None:
    pitch = "Get our free daily newsletter with the top stories delivered straight to your inbox."
    got = run(page(ARTICLE[0], ARTICLE[1], pitch, ARTICLE[2], "Sign up to read this article"))
    assert got[pitch].reason == "subscription pitch"
    assert not got["Sign up to read this article"].kept


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Chat with us", "chat widget"),
        ("👋 Hi, how can I help?", "chat widget"),
        ("Related Stories", "related links"),
        ("Source link", "source link"),
        ("Share this article", "share buttons"),
        ("Advertisement", "advertisement"),
        ("Leave a comment", "comments section"),
        ("© 2023 Example News. All rights reserved.", "footer"),
        ("The post Floods Hit the Coast appeared first on Example News.", "source link"),
        ("Related: The 15 Weirdest Galaxies in Our Universe", "related links"),
        ("River levels hit record high in the north [VIDEO]", "related links"),
        ("Story continues below advertisement", "advertisement"),
        ("1 / 23", "picture gallery"),
        ("FILE PHOTO: Traders work on the floor of the stock exchange in New York.", "photo caption"),
        ("Sandbags are handed out in the town centre (Image: Getty)", "photo caption"),
        ("Jane Smith is a staff writer at Example News covering the environment.", "author bio"),
        ("Please turn on JavaScript to see this interactive map.", "browser notice"),
        ('&lt;span data-mce-type="bookmark" style="display: inline-block"&gt;', "markup left in the text"),
        ("* * *", "separator: no letters or digits"),
        ("Media playback is unsupported on your device", "browser notice"),
        ("You are here: Home / News / World", "breadcrumb"),
    ],
)
def test_phrase_lists_name_their_reason(line: str, reason: str) -> None:
    got = run(page(ARTICLE[0], ARTICLE[1], line, ARTICLE[2], ARTICLE[3]))
    assert not got[line].kept
    assert got[line].reason == reason


def test_headline_after_menus_is_kept_and_marked() -> None:
    text = page(
        "Get all your news in one place.",
        "One app.",
        "Start reading",
        "National",
        "Jane Smith",
        "Storm floods coastal towns as rivers burst their banks",
        "AP",
        *ARTICLE,
    )
    lines = split_lines(text)
    decisions = classify(lines)
    heads = [ln.text for ln, d in zip(lines, decisions, strict=True) if d.role == HEADLINE]
    assert heads == ["Storm floods coastal towns as rivers burst their banks"]
    got = dict(zip([ln.text for ln in lines], decisions, strict=True))
    assert got["Storm floods coastal towns as rivers burst their banks"].kept
    for junk in ("Jane Smith", "AP", "Start reading", "National"):
        assert not got[junk].kept


def test_a_list_the_article_announces_at_its_end_stays() -> None:
    rows = [
        "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre",
        "June 10 – Tampa, FL @ MidFlorida Amphitheatre",
        "June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre (formerly Verizon)",
        "June 17 – Nashville, TN @ Bridgestone Arena",
    ]
    got = run(
        page(*ARTICLE, "The band's tour dates:", *rows, "Additional reporting by Joseph Hudak", "Share")
    )
    assert got["The band's tour dates:"].kept
    assert all(got[row].kept for row in rows)
    assert not got["Additional reporting by Joseph Hudak"].kept


def test_teaser_list_after_the_article_is_not_announced_by_it() -> None:
    teasers = [
        "Brookings: AI will affect white-collar jobs",
        "Hearthstone: four new heroes",
        "Qualcomm: 5G in 2020",
    ]
    got = run(page(*ARTICLE, "Most Read", *teasers))
    assert not any(got[t].kept for t in teasers)


def test_byline_and_picture_credit() -> None:
    got = run(
        page(
            "Storm floods coastal towns as rivers burst their banks",
            "By Jane Smith",
            ARTICLE[0],
            ARTICLE[1],
            "A flooded street in the town centre on Friday.",
            "Photo: John Doe/Getty Images",
            ARTICLE[2],
            ARTICLE[3],
        )
    )
    assert got["By Jane Smith"].reason == "byline or credit line"
    assert not got["Photo: John Doe/Getty Images"].kept
    assert got["A flooded street in the town centre on Friday."].reason.startswith("photo caption")


def test_ugly_page_keeps_exactly_the_article() -> None:
    text = page(
        "Skip to content",
        "Home",
        "World",
        "Sign in",
        "We use cookies to give you the best possible experience on our website. By continuing to browse "
        "this site, you agree to our use of cookies. You can change your cookie settings at any time.",
        "Accept all cookies",
        "Storm floods coastal towns as rivers burst their banks",
        "By Jane Smith",
        "13 January 2023",
        ARTICLE[0],
        ARTICLE[1],
        "What happens next",
        ARTICLE[2],
        "- Residents should avoid driving through flood water.",
        "- Sandbags are available at the town hall until 6pm.",
        ARTICLE[3],
        "Get our free daily newsletter with the top stories delivered straight to your inbox every morning.",
        "Sign up",
        "Share this article",
        "Facebook",
        "Related stories",
        "River levels hit record high in the north",
        "Council approves new flood defences",
        "Chat with us",
        "Source link",
    )
    lines = split_lines(text)
    kept = [ln.text for ln, d in zip(lines, classify(lines), strict=True) if d.kept]
    assert kept == [
        "Storm floods coastal towns as rivers burst their banks",
        ARTICLE[0],
        ARTICLE[1],
        "What happens next",
        ARTICLE[2],
        "- Residents should avoid driving through flood water.",
        "- Sandbags are available at the town hall until 6pm.",
        ARTICLE[3],
    ]


def test_live_page_keeps_every_stamped_entry() -> None:
    entries = [
        (
            "22:05 GMT",
            "Polls close across the country",
            "Polls have now closed everywhere, and counting is under way.",
        ),
        (
            "22:20 GMT",
            "First exit poll published",
            "The exit poll suggests the governing party will lose its majority.",
        ),
        (
            "22:41 GMT",
            "Turnout looks higher",
            "Officials in several cities report long queues at polling stations.",
        ),
        (
            "23:02 GMT",
            "First result",
            "The first result is declared in the north, where the member held the seat.",
        ),
        (
            "2h ago",
            "Recount ordered",
            "A recount was ordered in the capital after the margin fell below a hundred.",
        ),
    ]
    text = page(
        "Live: Election night as it happened",
        "Home",
        "Politics",
        "Please turn on JavaScript to use this feature",
        *[line for entry in entries for line in entry],
        "Most read",
        "Markets rise on rate hopes",
    )
    lines = split_lines(text)
    decisions = classify(lines)
    got = dict(zip([ln.text for ln in lines], decisions, strict=True))
    for stamp, heading, body in entries:
        assert got[stamp].kept and got[heading].kept and got[body].kept
    assert got["Live: Election night as it happened"].role == HEADLINE
    assert not got["Most read"].kept and not got["Markets rise on rate hopes"].kept


def test_comment_thread_after_the_article_is_not_the_article() -> None:
    comments = []
    for n in range(8):
        comments += [
            f"reader{n} says:",
            "November 19, 2019 at 8:56 am",
            "I have read a lot about this and I think the council should have acted a lot sooner, frankly.",
            "Totally agree with everything said here, the defences were never going to hold up against this.",
        ]
    got = run(page("Storm floods coastal towns", *ARTICLE, "12 Comments", *comments))
    assert all(got[line].kept for line in ARTICLE)
    assert not got["reader0 says:"].kept
    assert not got[comments[2]].kept


@pytest.mark.parametrize(
    "notice",
    [
        "This website uses cookies to ensure you get the best experience on our website.",
        "We and our partners store and/or access information on a device, such as cookies, and process "
        "personal data such as unique identifiers.",
        "By clicking Accept All Cookies, you agree to the storing of cookies on your device.",
        "Your privacy is important to us. We use tracking technologies to improve your experience.",
    ],
)
def test_cookie_notices_in_many_wordings(notice: str) -> None:
    got = run(page(notice, *ARTICLE))
    assert got[notice].reason == "cookie notice"
    assert all(got[line].kept for line in ARTICLE)


def test_an_article_about_cookies_is_not_a_cookie_notice() -> None:
    about = "Google said on Tuesday it would stop supporting third-party cookies in Chrome next year."
    got = run(page(ARTICLE[0], about, ARTICLE[1]))
    assert got[about].kept


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 2 million people subscribe to the paper, according to figures the publisher released.",
        "The use of cookies by advertisers has fallen sharply since the law came into force, officials say.",
        "Fans can follow him on Instagram, where he posts videos from training most days, the club said.",
    ],
)
def test_article_sentences_that_mention_widgets_stay(sentence: str) -> None:
    got = run(page(ARTICLE[0], ARTICLE[1], sentence, ARTICLE[2], ARTICLE[3]))
    assert got[sentence].kept


def test_medium_style_page() -> None:
    text = page(
        "Sign in",
        "Member-only story",
        "Why I Stopped Using Notion for My Team's Notes",
        "A year of experiments with shared documents, and what finally worked for us",
        "Jane Doe",
        "Follow",
        "5 min read",
        "Mar 3, 2023",
        "Listen",
        "Share",
        "For most of last year our team kept every meeting note and design document in one place.",
        "It worked well while we were five, but it became slow once the team grew to twenty people.",
        "What we tried instead",
        "We moved the decision records into the repository, next to the code, and reviewed them.",
        "Written by Jane Doe",
        "1.2K Followers",
        "More from Jane Doe and Better Programming",
        "Recommended from Medium",
        "How I Organise My Week With Plain Text Files",
    )
    lines = split_lines(text)
    decisions = classify(lines)
    kept = [ln.text for ln, d in zip(lines, decisions, strict=True) if d.kept]
    assert kept[0] == "Why I Stopped Using Notion for My Team's Notes"
    assert kept[-1].startswith("We moved the decision records")
    assert "What we tried instead" in kept
    assert not {"Member-only story", "Written by Jane Doe", "Recommended from Medium"} & set(kept)


def test_wire_story() -> None:
    got = run(
        page(
            "Skip to main content",
            "World",
            "Ukraine says it repelled attacks near Bakhmut as fighting rages",
            "By Pavel Polityuk",
            "3 minute read",
            "KYIV, Feb 17 (Reuters) - Ukraine's military said on Friday it had repelled dozens of attacks.",
            '"The enemy continues to focus its efforts on offensive operations," the general staff said.',
            "Russian forces have been trying to capture Bakhmut for months, the longest battle of the war.",
            "(Reporting by Pavel Polityuk; Editing by Alex Richardson)",
            "Read Next",
            "Russia says it shot down drones over Crimea",
        )
    )
    assert got["Ukraine says it repelled attacks near Bakhmut as fighting rages"].role == HEADLINE
    assert got["(Reporting by Pavel Polityuk; Editing by Alex Richardson)"].reason == "source link"
    assert not got["3 minute read"].kept and not got["Russia says it shot down drones over Crimea"].kept


def test_japanese_sentences_without_spaces_are_sentences() -> None:
    body = [
        "先日、不正に改造したスマートフォンを販売したとして、商標法違反の疑いで男性が逮捕されました。",
        "報道によると、今回販売されたのは、いわゆる改造された端末で、多くの利用者が購入していたそうです。",
        "もちろん、メーカーはこのような改造を認めておらず、保証の対象外になると説明しています。",
    ]
    got = run(page("ホーム", "ブログ", "商品の改造が商標法違反に", *body, "関連記事"))
    assert all(got[line].kept for line in body)
    assert not got["ホーム"].kept and not got["関連記事"].kept


def test_spam_line_outside_the_block_goes() -> None:
    got = run(page("Digital Marketing Aganecy", "Minsk, Belarus", *ARTICLE, "Digital Marketing Aganecy"))
    assert not got["Digital Marketing Aganecy"].kept
    assert not got["Minsk, Belarus"].kept


def test_a_page_without_sentences_keeps_what_no_widget_rule_rejects() -> None:
    got = run(page("Share", "Ingredients", "2 cups flour", "1 egg", "A pinch of salt", "Related stories"))
    assert [t for t, d in got.items() if d.kept] == [
        "Ingredients",
        "2 cups flour",
        "1 egg",
        "A pinch of salt",
    ]
    assert got["1 egg"].reason.startswith("no main text block")


def test_every_decision_has_a_short_reason() -> None:
    lines = split_lines(page("Home", "Share", *ARTICLE, "Related Stories", "Chat with us"))
    for decision in classify(lines):
        assert decision.reason and len(decision.reason) < 100


def test_empty_input() -> None:
    assert classify([]) == []


# ---------------------------------------------------------------- folder repetition


def folder_of(pages: list[str]) -> FolderStats:
    return folder_stats([ln.text for ln in split_lines(p)] for p in pages)


def other_article(n: int) -> list[str]:
    return [
        f"Story {n}: the regional council met on Tuesday to approve a budget of {n} million for new schools.",
        f"Councillors voted {n} to 3 in favour after a long debate about the cost of the building programme.",
        f"Work on the first of the {n} schools is expected to begin in the spring, officials said.",
    ]


def test_line_repeated_in_most_files_of_a_folder_is_boilerplate() -> None:
    footer = "Subscribe to our newsletter for the best stories of the week, every Friday in your inbox!"
    spam = "Digital Marketing Agency Premium"
    pages = [page(spam, f"Headline number {n} of the week", *other_article(n), footer) for n in range(5)]
    stats = folder_of(pages)
    assert stats.files == 5
    assert stats.counts[line_key(spam)] == 5
    got = run(pages[0], stats)
    assert got[spam].reason == "repeated in 5 of 5 files of this folder"
    assert not got[footer].kept
    assert got["Headline number 0 of the week"].kept
    assert all(got[line].kept for line in other_article(0))


def test_a_short_line_repeated_in_a_folder_inside_the_block_goes() -> None:
    pages = [
        page(*other_article(n)[:2], "Advertisement Feature Block", *other_article(n)[2:]) for n in range(4)
    ]
    got = run(pages[1], folder_of(pages))
    assert not got["Advertisement Feature Block"].kept
    assert got["Advertisement Feature Block"].reason.startswith("repeated in 4 of 4 files")


def test_a_repeated_sentence_that_addresses_the_reader_goes_even_inside_the_block() -> None:
    pitch = "Our team reads every message you send and replies within one working day, always."
    pages = [page(*other_article(n)[:1], pitch, *other_article(n)[1:], ARTICLE[n % 4]) for n in range(5)]
    got = run(pages[3], folder_of(pages))
    assert got[pitch].reason == "repeated in 5 of 5 files of this folder"
    assert all(got[line].kept for line in other_article(3))


def test_a_subheading_shared_by_a_few_stories_of_a_big_folder_stays() -> None:
    pages = [
        page(*other_article(n)[:2], "What happens next" if n < 3 else f"Section {n}", *other_article(n)[2:])
        for n in range(20)
    ]
    got = run(pages[1], folder_of(pages))
    assert got["What happens next"].kept
    # The same three repeats in a folder of five are a widget.
    got = run(pages[1], folder_of(pages[:5]))
    assert got["What happens next"].reason == "repeated in 3 of 5 files of this folder"


def test_folder_rule_is_off_below_three_files() -> None:
    pages = [page("Digital Marketing Agency Premium", *other_article(n)) for n in range(2)]
    got = run(pages[0], folder_of(pages))
    assert "repeated" not in got["Digital Marketing Agency Premium"].reason


def test_same_story_saved_several_times_keeps_its_text() -> None:
    pages = [page("Storm floods coastal towns as rivers burst their banks", *ARTICLE)] * 3 + [
        page(*other_article(1)),
    ]
    got = run(pages[0], folder_of(pages))
    assert all(got[line].kept for line in ARTICLE)
    assert "repeated" in got[ARTICLE[0]].reason


def test_a_quote_shared_by_several_stories_stays() -> None:
    quote = "“We are peaceful people and we do not want war,” the president told reporters in the capital."
    pages = [page(*other_article(n)[:2], quote, *other_article(n)[2:]) for n in range(4)]
    got = run(pages[2], folder_of(pages))
    assert got[quote].kept


# ---------------------------------------------------------------- scale and invariants


def test_huge_single_line_and_many_lines() -> None:
    huge = ("word " * 200_000).strip() + "."
    assert classify(split_lines(huge))[0].kept
    many = "\n".join(
        f"Menu item {i}" if i % 3 else f"This is sentence number {i} of a long page." for i in range(100_000)
    )
    decisions = classify(split_lines(many))
    assert len(decisions) == 100_000


@pytest.mark.parametrize(
    "line",
    [
        "1" * 30 + "x",
        "mon" * 60 + "x",
        "A-" * 100 + "B 18 August 2023",
        "-" * 3000,
        "said: " * 30,
        "Jan " * 50,
    ],
)
def test_pathological_lines_do_not_make_a_pattern_backtrack(line: str) -> None:
    # Each of these took seconds to minutes with a nested-quantifier date pattern; now instant.
    lines = split_lines(page(line, *ARTICLE, line))
    assert len(classify(lines)) == len(lines)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=120), max_size=40))
def test_one_decision_per_line_deterministic(texts: list[str]) -> None:
    text = "\n".join(texts)
    lines = split_lines(text)
    first = classify(lines)
    assert first == classify(lines)
    assert len(first) == len(lines)
    assert sum(d.role == HEADLINE for d in first) <= 1
    stats = folder_stats([[ln.text for ln in lines]] * 3)
    assert len(classify(lines, folder=stats)) == len(lines)


# ---------------------------------------------------------------- floors on shared data


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("use_folder", [False, True])
def test_seed_floor(shared_data: Path, seeds_dir: Path, use_folder: bool) -> None:
    labels = json.loads((shared_data / "seed_boilerplate_labels.json").read_text(encoding="utf-8"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    stats = folder_of(list(texts.values())) if use_folder else None
    tp = fp = fn = 0
    dropped = []
    for name, text in texts.items():
        lines = split_lines(text)
        rows = labels[name]
        assert [r["line"].strip() for r in rows] == [ln.text for ln in lines]
        for line, decision, row in zip(lines, classify(lines, folder=stats), rows, strict=True):
            if row["label"] == "caption":
                continue
            content = row["label"] == "content"
            tp += decision.kept and content
            fp += decision.kept and not content
            fn += content and not decision.kept
            if content and not decision.kept:
                dropped.append(line.text)
    assert dropped == []
    assert _f1(tp, fp, fn) >= 0.98


def test_english_pages_floor(shared_data: Path) -> None:
    tp = fp = fn = 0
    with (shared_data / "boilerplate_lines.jsonl").open(encoding="utf-8") as fh:
        for raw in fh:
            record = json.loads(raw)
            if record["lang"] != "en":
                continue
            gold = [bool(x) for x in record["labels"]]
            for i in record.get("headline_idx") or []:
                gold[i] = True
            lines = split_lines("\n".join(record["lines"]))
            assert len(lines) == len(gold)
            for decision, content in zip(classify(lines), gold, strict=True):
                tp += decision.kept and content
                fp += decision.kept and not content
                fn += content and not decision.kept
    assert _f1(tp, fp, fn) >= 0.93  # issue 10's floor


def test_other_language_pages_floor(shared_data: Path) -> None:
    tp = fp = fn = 0
    with (shared_data / "boilerplate_lines.jsonl").open(encoding="utf-8") as fh:
        for raw in fh:
            record = json.loads(raw)
            if record["lang"] == "en":
                continue
            gold = [bool(x) for x in record["labels"]]
            for i in record.get("headline_idx") or []:
                gold[i] = True
            for decision, content in zip(
                classify(split_lines("\n".join(record["lines"]))), gold, strict=True
            ):
                tp += decision.kept and content
                fp += decision.kept and not content
                fn += content and not decision.kept
    assert _f1(tp, fp, fn) >= 0.88  # issue 10's floor


def test_the_stems_memo_keeps_no_long_line_alive() -> None:
    """Titling 2,000 one-paragraph articles kept their whole lines alive in this memo (76 MB)."""
    from reader.text import main_block

    long_line = "Minsk officials said the drills would continue through the spring " * 300
    assert main_block.stems(long_line) == main_block.stems(long_line[:600])
    assert all(len(key) <= 600 for key in main_block._STEMS)
