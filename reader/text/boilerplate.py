"""Article content or web boilerplate, decided line by line with a human reason.

Text-only rules that worked on real saved pages:
1. The main text block: the run of lines with the best balance of sentence-like lines (positive weight)
   against short, menu-like or pitch lines (negative weight), found in one linear pass (max subarray).
   Lines outside it are boilerplate; short lines inside it (sub-headings, list items) are kept.
2. Strong phrase lists (cookie notices, subscription pitches, share widgets, related links, chat widgets)
   on lines of any length, and generic interface words only when they make up a short line.
3. The headline: the title-like line above the main block that shares the most words with its first
   paragraphs (menus, bylines, credits and teasers share none).
4. Repetition across the files of one folder: a line most files hold is a site widget, unless it is a
   sentence of the article that does not address the reader (a shared quotation, a story saved twice).
5. Structure inside the block: bylines, picture credits and the captions above them, comment threads
   after it, live-page time stamps kept with their entries.

Everything is linear in the size of the text: each line costs a bounded amount of work (phrases are
searched only near its start, behind cheap trigger-word checks), and the block is one Kadane pass.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from reader.text.factcheck import BOX_REACH, find_boxes, rating_line
from reader.text.line_features import Features, cached_features, cached_key, line_key, title_like
from reader.text.line_features import clear_memo as clear_memo  # re-exported for the benchmarks
from reader.text.lines import Line
from reader.text.main_block import (
    W,
    extend_live_entry,
    extend_trailing_list,
    find_headline,
    main_block,
    prose,
    stems,
    weight,
)


@dataclass(frozen=True, slots=True)
class Decision:
    kept: bool
    reason: str
    role: str = ""  # "headline" for the page headline; empty otherwise


@dataclass(frozen=True)
class FolderStats:
    """How many files of one folder hold each line (by `line_key`), the classified file included.

    `classify` treats a line held by most files (and at least two) of a folder of three or more as a
    site widget, and a short line held by three files and a fifth of the folder as one too.
    """

    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def folder_stats(files_lines: Iterable[Iterable[str]]) -> FolderStats:
    """Count each line once per file: a widget repeated on one page is still one file's widget."""
    counts: Counter[str] = Counter()
    files = 0
    for lines in files_lines:
        files += 1
        counts.update({line_key(t) for t in lines})
    return FolderStats(files, dict(counts))


HEADLINE = "headline"

# Reasons, in words a reader understands.
R_SENTENCE = "article text: sentence-like line in the main text block"
R_SHORT_IN_BLOCK = "short line inside the main text block (sub-heading or list item)"
R_HEADLINE = "headline: title-like line just before the main text block"
R_OUTSIDE = "outside the main text block"
R_NAV = "navigation: short line without sentence punctuation"
R_UI = "navigation: interface words only"
R_COMMENT = "comment thread: commenter's name line"
R_READER_COMMENT = "reader comment"
R_BYLINE = "byline or credit line"
R_CAPTION = "photo caption (followed by a picture credit)"
R_FACTCHECK = "fact-check box: the claim checked or its rating"
R_STANDFIRST = "standfirst: summary between the headline and the story"
R_STAMP = "time stamp of an entry inside the main text block"
R_NO_BLOCK = "no main text block on this page: kept, as no widget rule rejects it"
R_SEPARATOR = "separator: no letters or digits"
R_DATE_ONLY = "date or time stamp outside the article"
R_TEASER = "related links: teasers for other stories inside the article"
R_ABOUT = "about the sender: the description closing a press release"


def _repeat_threshold(folder: FolderStats) -> tuple[int, int]:
    """(strong, weak) file counts.

    Strong: most files of the folder; any line but the article's own sentences goes. Weak: three files
    and a fifth of the folder (a site's widgets in a folder that mixes sites); only short lines go.
    """
    strong = max(2, folder.files // 2 + 1)
    weak = min(strong, max(3, -(-folder.files // 5)))
    return strong, weak


def _addresses_reader(text: str) -> bool:
    head = text[:300].casefold()
    if any(q in head for q in '"“”«»'):
        return False
    return bool(re.search(r"\b(you|your|our|us)\b", head))


@dataclass(slots=True)
class Page:
    """One page as `classify` works through it: each rule reads what earlier rules found."""

    lines: Sequence[Line]
    folder: FolderStats | None
    texts: list[str]
    feats: list[Features]
    use_folder: bool = False  # a folder of three files or more: repetition means something
    folder_counts: list[int] = field(default_factory=list)  # files of the folder holding each line
    strong_rep: list[bool] = field(default_factory=list)  # held by most files of the folder
    weak_rep: list[bool] = field(default_factory=list)  # held by a few files: a widget if short
    duplicate_article: bool = False  # the same story saved twice: repetition says nothing
    weights: list[float] = field(default_factory=list)
    start: int = 0  # the main text block, [start, end)
    end: int = 0
    headline: int | None = None
    out: list[Decision] = field(default_factory=list)
    neutral: set[int] = field(default_factory=set)  # code lines and table rows: they pull neither way

    @classmethod
    def of(cls, lines: Sequence[Line], folder: FolderStats | None) -> Page:
        texts = [ln.text for ln in lines]
        n = len(texts)
        return cls(
            lines, folder, texts, [cached_features(t) for t in texts],
            folder_counts=[0] * n, strong_rep=[False] * n, weak_rep=[False] * n,
        )  # fmt: skip


def classify(lines: Sequence[Line], *, folder: FolderStats | None = None) -> list[Decision]:
    """One Decision per line, in order; linear in the number and length of lines."""
    if not lines:
        return []
    page = Page.of(lines, folder)
    for rule in PAGE_RULES:
        rule(page)
    return page.out


def count_repeats(page: Page) -> None:
    """How many files of the folder hold each line: a line most files hold is a site widget."""
    folder = page.folder
    page.use_folder = folder is not None and folder.files >= 3
    if not page.use_folder:
        return
    assert folder is not None
    strong_t, weak_t = _repeat_threshold(folder)
    for i, k in enumerate(map(cached_key, page.texts)):
        c = folder.counts.get(k, 0)
        page.folder_counts[i] = c
        page.strong_rep[i] = c >= strong_t
        page.weak_rep[i] = c >= weak_t


def spot_duplicate_article(page: Page) -> None:
    """A story saved twice repeats its own sentences: then repetition says nothing about them."""
    sentence_idx = [i for i, f in enumerate(page.feats) if f.sentence]
    page.duplicate_article = bool(sentence_idx) and sum(page.strong_rep[i] for i in sentence_idx) * 2 > len(
        sentence_idx
    )


def weigh_lines(page: Page) -> None:
    """Each line's pull towards the main block, from its own features; a line of code is neutral (a
    tutorial's code sits between its paragraphs)."""
    page.weights = [weight(f) for f in page.feats]
    for i, f in enumerate(page.feats):
        if page.weights[i] < 0 and not (f.strong or f.ui or f.dated or f.byline):
            text = page.texts[i]
            if _CODE.search(text) or (f.words <= 14 and _DATA_ROW.match(text)):
                page.weights[i] = 0.0  # code, or a table's row ("3 Kevin Harvick 5033 4 6 15 26")
                page.neutral.add(i)


def weigh_repeats(page: Page) -> None:
    """A repeated widget pushes the block away; a repeated sentence read as article text (a shared
    quotation) neither pulls nor pushes it."""
    if not page.use_folder or page.duplicate_article:
        return
    weights, texts = page.weights, page.texts
    for i, f in enumerate(page.feats):
        if page.strong_rep[i]:
            is_prose = f.sentence and not _addresses_reader(texts[i])
            weights[i] = W["repeated_prose"] if is_prose else W["repeated"]


def weigh_runs(page: Page) -> None:
    """Two or more non-sentence lines in a row are teaser or comment rhythm: they cost extra."""
    run = 0
    weights = page.weights
    for i, f in enumerate(page.feats):
        if f.stamp or i in page.neutral:
            continue  # a live entry's stamp is a separator; code and table rows are neutral, not menus
        run = 0 if f.sentence else run + 1
        if run == 2:
            weights[i] += W["run2"]


def soften_inline_widgets(page: Page) -> None:
    """A widget line between two paragraphs ("Advertisement", a pitch) is dropped, but must not cut
    the article in two."""
    feats, weights, texts = page.feats, page.weights, page.texts
    for i in range(1, len(feats) - 1):
        sandwiched = (
            feats[i - 1].sentence
            and prose(feats[i + 1])
            and ((i + 2 < len(feats) and prose(feats[i + 2])) or not _addresses_reader(texts[i + 1]))
        )
        if sandwiched and weights[i] < W["inline"]:
            weights[i] = W["inline"]


def find_block(page: Page) -> None:
    """The main text block, stopping before a comment thread, with a live page's first stamp and a
    list the article announces at its end."""
    feats, texts = page.feats, page.texts
    markers = [
        i
        for i, f in enumerate(feats)
        if f.comment_author
        or (f.section_end and f.strong == "comments section" and not _in_toolbar(feats, texts, i))
    ]
    authors = frozenset(i for i in markers if feats[i].comment_author)
    threads = frozenset(
        i
        for i in markers
        if i not in authors
        and (
            texts[i][:1].isdigit()
            or any(feats[k].comment_author for k in range(i + 1, min(len(feats), i + 6)))
        )
    )  # a counted thread heading, or one with a commenter's line under it
    start, end = main_block(page.weights, markers, authors, threads)
    end = bridge_forward(page, end, markers)
    end = extend_numbered_list(page, end, markers)
    end = extend_product_boxes(page, end, markers)
    start = bridge_backward(page, start, end)
    page.start = extend_live_entry(feats, texts, start, end)
    page.end = extend_trailing_list(feats, texts, end)


def _in_toolbar(feats: Sequence[Features], texts: Sequence[str], i: int) -> bool:
    """ "Comments" between "Twitter" and "Print" is a share bar's link, not the heading of a thread."""
    if not (0 < i < len(feats) - 1 and feats[i].words <= 2 and feats[i - 1].ui and feats[i + 1].ui):
        return False
    return not any("comment" in texts[k].casefold() for k in (i - 1, i + 1))


_PRICE = re.compile(
    r"^\W{0,2}(?:[$€£¥]|US\$|USD|EUR|GBP)\s?\d[\d,.]*(?:\s?(?:USD|EUR|GBP))?$|^\d[\d,.]*\s?(?:€|zł|₽|грн)$"
)
_SHOP_REASONS = frozenset({"shopping link", "disclaimer"})


def _shop_line(f: Features, text: str) -> bool:
    return (
        f.strong in _SHOP_REASONS or bool(_PRICE.match(text)) or text.casefold().startswith("available from ")
    )


def extend_product_boxes(page: Page, end: int, markers: Sequence[int]) -> int:
    """A deals or buying-guide page lists its products as boxes after the intro: a name, its feature
    lines, a price and a shop button, box after box. The boxes are what the page is about (the buttons
    and commission notes are still dropped by their own rules): three or more boxes, each closed by a
    shop line within a few lines of the last, extend the block over them."""
    feats, texts, n = page.feats, page.texts, len(page.feats)
    if end == 0:
        return end
    stop = min((m for m in markers if m >= end), default=n)
    i, last_shop, boxes, described = end, None, 0, 0
    while i < stop and i - (last_shop if last_shop is not None else end) <= 16:
        f = feats[i]
        if f.comment_author or f.dated or f.byline or (f.section_end and last_shop is not None):
            break
        if _shop_line(f, texts[i]):
            if last_shop is None or i - last_shop > 1:
                if described >= 2:
                    boxes += 1
                described = 0
            last_shop = i
        elif not (f.strong or f.ui):
            described += 1
        i += 1
    if boxes < 3 or last_shop is None:
        return end
    tail = last_shop + 1
    while tail < stop and tail - last_shop <= 2 and _shop_line(feats[tail], texts[tail]):
        tail += 1
    return tail


# Widgets that sit inside an article (an ad marker, a caption, a shop link): a bridge may cross them.
_INLINE_REASONS = frozenset(
    {"advertisement", "photo caption", "picture gallery", "shopping link", "disclaimer", "promo link"}
)
BRIDGE_GAP = 24  # lines of headings, list items or code an article may hold between two paragraphs


def _stops_bridge(page: Page, i: int) -> bool:
    f = page.feats[i]
    if f.section_end or f.comment_author or f.ui or f.byline or f.date_only or f.dated:
        return True
    if f.strong and f.strong not in _INLINE_REASONS:
        return True
    return page.use_folder and page.strong_rep[i] and not page.duplicate_article


_DATA_ROW = re.compile(r"\d{1,3}\.?\s+\D[^\n]*?(?:\s\d[\d.,]*){3,}\s*$")
_CODE = re.compile(
    r"^(?:import |from [\w.]+ import |def |class |return\b|print\(|#|//|\$ |>>> |\}|\{)"
    r"|[;{}:]$|\w\([^)]*\)$|^[\w.\[\]\"']+\s*[-+*/]?=\s*\S"
)


_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+\S")


def extend_numbered_list(page: Page, end: int, markers: Sequence[int]) -> int:
    """A numbered list right after the block ("1) ...", "2) ...", with a link or a note between items)
    belongs to the article: numbering that goes on one by one is the writer's, not a menu's."""
    texts, n = page.texts, len(page.texts)
    stop = min((m for m in markers if m >= end), default=n)
    first = next((i for i in range(end, min(end + 2, stop)) if _NUMBERED.match(texts[i])), None)
    if first is None or any(_stops_bridge(page, i) for i in range(end, first)):
        return end
    match = _NUMBERED.match(texts[first])
    assert match is not None
    expected = int(match.group(1)) + 1
    last, i, items = first, first + 1, 1
    while i < stop and i - last <= 3:
        m = _NUMBERED.match(texts[i])
        if m and int(m.group(1)) == expected:
            last, expected, items = i, expected + 1, items + 1
        elif page.feats[i].section_end or page.feats[i].comment_author:
            break
        i += 1
    if items < 3:
        return end
    tail = last + 1
    gap = (last - first) // (items - 1) - 1  # lines between two items (a link, a price)
    while gap > 0 and tail < stop and not _NUMBERED.match(texts[tail]) and not _stops_bridge(page, tail):
        tail += 1
        gap -= 1
    return tail


def bridge_backward(page: Page, start: int, end: int) -> int:
    """The same bridge upwards: an opening paragraph above a list or code the block began at. It stops
    at the headline (a title-like line sharing words with the story) and at anything `_stops_bridge`."""
    feats, texts, weights = page.feats, page.texts, page.weights
    story: set[str] = set()
    for i in range(start, min(end, start + 4)):
        story |= stems(texts[i])
    i = start
    while i > 0:
        j, cost = i - 1, 0.0
        found = None
        while j >= 0 and i - j <= BRIDGE_GAP:
            if _stops_bridge(page, j) or _SITE_WORDS.search(texts[j], 0, 200):
                return start
            f = feats[j]
            if prose(f):
                found = j
                break
            if title_like(f, texts[j]) and f.words >= 3 and stems(texts[j]) & story:
                return start  # the headline: above it is the page's header
            cost += _gap_cost(page, j)
            j -= 1
        if found is None:
            return start
        k, gain = found, 0.0
        while k >= 0 and prose(feats[k]) and not _stops_bridge(page, k) and not _site_talk(texts[k]):
            gain += weights[k]
            k -= 1
        if gain <= cost or k + 1 > found:
            return start
        i = start = k + 1
    return start


def _gap_cost(page: Page, i: int) -> float:
    """What crossing one non-paragraph line costs a bridge: items, rows and code are cheap (articles
    hold them), a long title-like line is a teaser's headline and dear."""
    f, text = page.feats[i], page.texts[i]
    if f.strong or f.credit:
        return 0.3
    if f.bullet or text[:1].isdigit() or _CODE.search(text):
        return 0.15
    if f.words <= 4:
        return 0.15
    if title_like(f, text):
        return 1.0
    return 0.5


_SITE_WORDS = re.compile(r"\b(?:[Oo]ur|[Uu]s|OUR|US)\b")
_READER_WORDS = re.compile(r"\b(?:[Yy]ou|[Yy]our|YOU|YOUR)\b")


def _site_talk(text: str) -> bool:
    """The site speaking to its reader ("we cannot do this without you"): both voices in one line."""
    return bool(_SITE_WORDS.search(text, 0, 400)) and bool(_READER_WORDS.search(text, 0, 400))


def bridge_forward(page: Page, end: int, markers: Sequence[int]) -> int:
    """An article goes on after a list, a table, code or sub-headings: past such a run of short lines,
    the next paragraphs extend the block when they weigh more than the run costs; a widget, a menu
    word, a byline, a section heading or a comment thread stops the search."""
    feats, texts, weights = page.feats, page.texts, page.weights
    stop = min((m for m in markers if m >= end), default=len(feats))
    i = end
    while i < stop:
        j, cost, gap = i, 0.0, 0
        found = None
        while j < stop and gap <= BRIDGE_GAP:
            if j in page.neutral:
                j += 1
                continue  # a table's rows or code: as long as they run, they cost nothing
            gap += 1
            if _stops_bridge(page, j):
                break
            if prose(feats[j]):
                found = j
                break
            if _SITE_WORDS.search(texts[j], 0, 200):
                return end  # "A Word to Our Loyal Readers": the site talking about itself
            cost += _gap_cost(page, j)
            j += 1
        if found is None:
            return end
        k, gain = found, 0.0
        while k < stop and prose(feats[k]) and not _stops_bridge(page, k):
            if _site_talk(texts[k]):
                break
            gain += weights[k]
            k += 1
        if gain <= cost:
            return end
        i = end = k
    return end


def pick_headline(page: Page) -> None:
    """The headline above the block; lines the folder repeats cannot be it, page repeats are less likely."""
    start, end, n = page.start, page.end, len(page.feats)
    if end <= start:
        return
    blocked = [False] * n
    page_repeated = [False] * n
    # Exact repeats on one page: cheap, and enough to spot header/footer lines.
    page_counts = Counter(page.texts)
    for i in range(max(0, start - 31), start):
        blocked[i] = (page.strong_rep[i] or page.weak_rep[i]) and not page.duplicate_article
        page_repeated[i] = page_counts[page.texts[i]] > 1
    page.headline = find_headline(page.lines, page.feats, (start, end), blocked, page_repeated)


def decide_lines(page: Page) -> None:
    """One decision per line, from what the earlier rules found."""
    append = page.out.append
    for i, f in enumerate(page.feats):
        append(_line_decision(page, i, f))


def drop_captions(page: Page) -> None:
    """A line inside the block followed by a picture credit is that picture's caption."""
    out, feats, texts = page.out, page.feats, page.texts
    for i in range(max(page.start, 1), page.end):
        prev = feats[i - 1]
        if (
            feats[i].credit
            and out[i - 1].kept
            and out[i - 1].role != HEADLINE
            and 4 <= prev.words <= 30  # a bare name above a credit is that profile's heading
            and not _SPEECH_MARKS.search(texts[i - 1], 0, 300)  # a quoted paragraph is no caption
        ):
            out[i - 1] = _decision(False, R_CAPTION)


def mark_reader_comments(page: Page) -> None:
    """Text in the comment thread after the article is a reader's, never the outlet's voice: dropped with
    its own reason, so a user who wants it back (`s`) knows what it is."""
    feats, out, n = page.feats, page.out, len(page.feats)
    first = next(
        (
            i
            for i in range(page.end, n)
            if feats[i].comment_author or (feats[i].section_end and feats[i].strong == "comments section")
        ),
        None,
    )
    if first is None:
        return
    for i in range(first, n):
        f = feats[i]
        if f.section_end and f.strong != "comments section":
            return  # the thread is over: related links, tags
        if out[i].kept or f.strong or f.ui or f.comment_author or f.date_only or f.dated or f.bare:
            continue
        if f.sentence or f.words >= 4:
            out[i] = _decision(False, R_READER_COMMENT)


def keep_factcheck_box(page: Page) -> None:
    """A fact-check's Claim and Rating lines are the page's substance, though they sit above the story
    as short lines; a "Verdict: False" teaser after the story is not (only lines before its end count)."""
    for box in find_boxes(page.lines, page.end):
        page.out[box.claim_line] = _decision(True, R_FACTCHECK)
        for k in range(box.claim_line + 1, min(len(page.lines), box.claim_line + 1 + BOX_REACH)):
            if rating_line(page.texts[k]) is not None:
                page.out[k] = _decision(True, R_FACTCHECK)
                break


def keep_standfirst(page: Page) -> None:
    """The summary between the headline and the story ("Engineers say the river may not fall ...") is
    the article's opening, though it has no full stop: kept when it reads as prose, not as a byline."""
    if page.headline is None:
        return
    out, feats = page.out, page.feats
    for i in range(page.headline + 1, min(page.start, page.headline + 5)):
        f = feats[i]
        if f.strong or f.ui or f.byline or f.credit or f.dated or f.date_only or f.comment_author or f.bullet:
            continue
        if out[i].kept or not 8 <= f.words <= 70:
            continue
        if f.lowerish or f.ends:
            out[i] = _decision(True, R_STANDFIRST)
            return


_SPEECH_MARKS = re.compile(r'["“”«»„]|^\s*[—–-]\s')


def keep_first_heading(page: Page) -> None:
    """The sub-heading of the first section sits right above the block's first paragraph ("Verdict",
    "Millbrook: Bridge repairs to close Main Street"): kept when the block holds headings like it."""
    start, end, out, feats, texts = page.start, page.end, page.out, page.feats, page.texts
    i = start - 1
    if i < 1 or page.headline is None or i <= page.headline or out[i].kept:
        return
    f = feats[i]
    if not title_like(f, texts[i]) and not (1 <= f.words <= 2 and f.chars <= 30 and not (f.ui or f.strong)):
        return
    if f.words > 12 or f.byline or f.credit or f.dated or f.date_only:
        return
    if page.use_folder and (page.strong_rep[i] or page.weak_rep[i]):
        return
    headings = sum(
        1
        for k in range(start + 1, end)
        if out[k].kept and not feats[k].sentence and not feats[k].bullet and 1 <= feats[k].words <= 12
        and not texts[k].endswith((".", ":")) and feats[k - 1].sentence
    )  # fmt: skip
    if headings >= 2:
        out[i] = _decision(True, R_SHORT_IN_BLOCK)


def _kicker(f: Features, text: str) -> bool:
    """ "RANDY ANDY", "‘NAÏVE AND TRUSTING’": a teaser's label in capitals above its headline."""
    if not 1 <= f.words <= 6 or f.ends:
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# A bare label over teaser links set inside the story ("Related", then two other stories' headlines).
_INLINE_RELATED = re.compile(
    r"^(?:related|related (?:stories|articles|coverage|content|links|reading)|see also|also read|read more"
    r"|more on this(?: story)?|recommended)\s*:?$",
    re.IGNORECASE,
)


def drop_inline_teasers(page: Page) -> None:
    """Teasers for other stories set inside the article: three or more capitalised kickers each over a
    headline ("RANDY ANDY" / "Andrew parties in ..."), or a link's headline given twice (picture and
    text) with its one-sentence summary after it."""
    out, feats, texts = page.out, page.feats, page.texts
    i, end = page.start, page.end
    while i < end:
        k, pairs = i, 0
        while k + 1 < end:
            if (
                _kicker(feats[k], texts[k])
                and not feats[k + 1].sentence
                and not _kicker(feats[k + 1], texts[k + 1])
            ):
                pairs, k = pairs + 1, k + 2
            elif (
                pairs
                and feats[k].words <= 2
                and not feats[k].sentence
                and _kicker(feats[k + 1], texts[k + 1])
            ):
                k += 1  # a stray label between two teasers ("Warning")
            else:
                break
        if pairs >= 3:
            for j in range(i, k):
                out[j] = _decision(False, R_TEASER)
            i = k
        else:
            i += 1
    for i in range(page.start, end):
        if out[i].kept and feats[i].words <= 4 and _INLINE_RELATED.match(texts[i]):
            k = i + 1
            while k < min(end, i + 5) and not feats[k].sentence and 3 <= feats[k].words <= 20:
                k += 1
            if k > i + 1 and k < end and feats[k].sentence:  # the story goes on after the teasers
                for j in range(i, k):
                    out[j] = _decision(False, R_TEASER)
    echoes = [
        i
        for i in range(page.start, end - 2)
        if out[i].kept
        and not feats[i].sentence
        and 5 <= feats[i].words <= 25
        and texts[i + 2] == texts[i]
        and not out[i + 1].kept  # the picture between the link's two copies
    ]
    for i in echoes:
        j = i + 2
        for k in range(i, j + 1):
            out[k] = _decision(False, R_TEASER)
        after = j + 1
        summary = after < end and feats[after].sentence and feats[after].words <= 30
        if len(echoes) >= 2 and summary and _ONE_SENTENCE.match(texts[after]):
            out[after] = _decision(False, R_TEASER)


_ONE_SENTENCE = re.compile(r"^[^.!?]+[.!?][\"'”’)]*$")
_ABOUT = re.compile(r"^About (?:the |us\b|[A-Z0-9])")


def drop_about_section(page: Page) -> None:
    """ "About Northbridge Energy" and its paragraph at the end of a press release (or "About the
    author") describe the sender, not the news."""
    out, texts, feats = page.out, page.texts, page.feats
    for i in range(max(page.start + 1, page.end - 4), page.end):
        if feats[i].words <= 8 and not feats[i].ends and _ABOUT.match(texts[i]):
            for k in range(i, page.end):
                out[k] = _decision(False, R_ABOUT)
            return


PageRule = Callable[[Page], None]
# In order: each rule reads what the rules before it set on the page.
PAGE_RULES: tuple[PageRule, ...] = (
    count_repeats,
    spot_duplicate_article,
    weigh_lines,
    weigh_repeats,
    weigh_runs,
    soften_inline_widgets,
    find_block,
    pick_headline,
    decide_lines,
    mark_reader_comments,
    keep_factcheck_box,
    keep_standfirst,
    keep_first_heading,
    drop_about_section,
    drop_inline_teasers,
    drop_captions,
)


def _line_decision(page: Page, i: int, f: Features) -> Decision:
    """Widget phrases first, then repetition, then where the line stands against the block."""
    inside = page.start <= i < page.end
    if i == page.headline:
        return _HEADLINE_DECISION
    if f.strong:
        return _decision(False, f.strong)
    if f.ui:
        return _decision(False, R_UI)
    if f.bare:
        return _decision(False, R_SEPARATOR)
    if page.use_folder and (page.strong_rep[i] or page.weak_rep[i]):
        folder = page.folder
        repeated = (
            f"repeated in {page.folder_counts[i]} of {folder.files if folder else 0} files of this folder"
        )
        if page.duplicate_article:
            # The same story saved again: repetition says nothing about its lines.
            decision = _inside(f) if inside else _outside(f)
            if decision.kept and f.sentence:
                decision = _decision(True, f"{R_SENTENCE}, though {repeated} (the same story saved again)")
            return decision
        return _repeated(f, inside, page.texts[i], page.strong_rep[i], repeated)
    if inside:
        return _inside(f)
    # A page without a single sentence-like run (a poem, a list, a table): rather than show nothing,
    # keep every line no widget rule rejects.
    if page.end <= page.start and not (f.byline or f.credit or f.comment_author or f.date_only or f.dated):
        return _decision(True, R_NO_BLOCK)
    return _outside(f)


def _decision(kept: bool, reason: str) -> Decision:
    """Decisions are immutable, so one instance per (kept, reason) serves every line."""
    key = (kept, reason)
    found = _DECISIONS.get(key)
    if found is None:
        found = _DECISIONS[key] = Decision(kept, reason)
    return found


_DECISIONS: dict[tuple[bool, str], Decision] = {}
_HEADLINE_DECISION = Decision(True, R_HEADLINE, HEADLINE)


def _inside(f: Features) -> Decision:
    if f.comment_author:
        return _decision(False, R_COMMENT)
    if f.stamp:
        return _decision(True, R_STAMP)
    if f.sentence:
        return _decision(True, R_SENTENCE)
    if f.byline or f.credit:
        return _decision(False, R_BYLINE)
    return _decision(True, R_SHORT_IN_BLOCK)


def _outside(f: Features) -> Decision:
    if f.byline or f.credit:
        return _decision(False, R_BYLINE)
    if f.comment_author:
        return _decision(False, R_COMMENT)
    if f.date_only:
        return _decision(False, R_DATE_ONLY)
    if not f.sentence and not f.ends:
        return _decision(False, R_NAV)
    return _decision(False, R_OUTSIDE)


def _repeated(f: Features, inside: bool, text: str, strong: bool, repeated: str) -> Decision:
    """A line found in other files of the folder: boilerplate, unless it reads as this article's text.

    A sentence inside the main block that does not address the reader ("subscribe", "our site") is
    kept: a quotation shared by several stories of one folder.
    """
    if f.sentence and inside and not (strong and _addresses_reader(text)):
        return _decision(True, f"{R_SENTENCE}, though {repeated}") if strong else _inside(f)
    return _decision(False, repeated)
