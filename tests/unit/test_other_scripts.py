"""Pages in scripts other than Latin and Cyrillic: language, words, wrap columns, bylines and outlets
(the fifth batch of fresh pages taught these; see tests/data/fresh_pages/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.text.document import Document
from reader.text.language import detect
from reader.text.line_features import OTHER_SCRIPT_BYLINE
from reader.text.lines import cells, logical_lines, split_lines, wrap_width
from reader.text.phrases import head_words, strong_reason
from reader.text.pipeline import analyse


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα τη Δευτέρα για την ενέργεια, είπε ο υπουργός.", "el"),
        ("أعلنت الحكومة يوم الاثنين عن إجراءات جديدة ستدخل حيز التنفيذ الشهر المقبل.", "ar"),
        ("دولت روز دوشنبه اقدامات جدیدی را اعلام کرد که از ماه آینده اجرا می‌شود.", "fa"),
        ("حکومت نے پیر کو نئے اقدامات کا اعلان کیا۔ یہ اگلے مہینے سے نافذ ہوں گے۔", "ur"),
        ("עיריית חוף הכרמל הודיעה ביום שלישי כי תקים ספרייה ציבורית חדשה במרכז העיר.", "he"),
        ("सरकार ने सोमवार को नए उपायों की घोषणा की। Updated 04:15 PM IST", "hi"),
        ("Hükümet pazartesi günü yeni önlemler açıkladı ve bu önlemler için bir plan hazırladı.", "tr"),
        ("Η Google ανακοίνωσε νέα προϊόντα για την αγορά της Ελλάδας σήμερα το πρωί.", "el"),
        ("The minister said on Monday that the plan would start next month, and it was approved.", "en"),
        # an Iranian name in an Arabic story; a Greek letter in an English formula
        ("قال الرئيس إن پژمان سيزور القاهرة الأسبوع المقبل لبحث العلاقات الثنائية بين البلدين.", "ar"),
        ("The area is π r squared, the teacher said, and the students wrote it down in their notes.", "en"),
    ],
)
def test_language_of_other_scripts(text: str, lang: str) -> None:
    """By the script that writes most of the text (a Greek sentence naming Google is Greek)."""
    assert detect(text) == lang


def test_terminal_cells_of_a_line() -> None:
    """What a text browser counts when it wraps: two cells a Chinese character, none a vowel sign."""
    assert cells("plain text") == 10
    assert cells("江城地铁") == 8
    assert cells("किया") == 2  # क and य; the vowel signs take no cell
    assert cells("x" * 400) == 400


FRESH_TEXT = Path(__file__).resolve().parents[1] / "data" / "fresh_pages" / "text"


@pytest.mark.parametrize("name", ["tr_news.w3m80", "el_news.w3m80"])
def test_a_short_hard_wrapped_page_is_joined(name: str) -> None:
    """A few wrapped paragraphs (w3m at 80 columns), each with a short last line: the wrap
    column is where the lines that run on stop (79), not pulled below it by the paragraphs' last lines
    and the short lines of the page (found None before)."""
    text = (FRESH_TEXT / f"{name}.txt").read_text(encoding="utf-8")
    assert wrap_width(text, split_lines(text)) == 79
    joined = [line for line in logical_lines(text) if line.wrapped]
    assert len(joined) >= 2
    assert all(line.text.rstrip("\"'”»").endswith((".", ":", ";")) for line in joined)


def test_short_paragraphs_then_a_list_of_headlines_is_not_hard_wrapped() -> None:
    """One paragraph per line, blank lines between, then five adjacent long headlines without a full
    stop: the headlines pile at one width, but they are a few lines of many, not the wrap column."""
    paragraphs = [
        "The council met on Tuesday to discuss the new budget for the coming year.",
        "Members argued over the cost of repairing the old bridge near the station.",
        "The mayor said the town could not afford to wait any longer.",
        "Residents have complained about the state of the roads for years now.",
        "A vote is expected next month, officials said on Wednesday evening.",
        "Some councillors want to raise local taxes to pay for the repairs.",
    ] * 4
    related = [
        "Council approves plan for new cycle lanes along the river despite objections from shop owners",
        "Regional government promises extra money for rural bus services in the next two years ahead",
        "Local school wins national award for its work on reducing food waste in the canteen kitchen",
        "Hospital trust announces new maternity unit will open in the autumn after long delays there",
        "Police appeal for witnesses after a series of break-ins at allotments on the edge of town",
    ]
    text = "\n\n".join(paragraphs) + "\n\nRelated stories\n" + "\n".join(related) + "\n"
    assert wrap_width(text, split_lines(text)) is None
    assert not any(line.wrapped for line in logical_lines(text))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("广告", "advertisement"),
        ("إعلان", "advertisement"),
        ("विज्ञापन", "advertisement"),
        ("版权所有 © 2023 江城日报社", "footer"),
        ("© 2023 नदीपुर समाचार. सर्वाधिकार सुरक्षित.", "footer"),
        ("ⓒ 한빛일보, 무단 전재 및 재배포 금지", "footer"),
        ("乘客在五号线新站台候车。（摄影：王芳）", "photo caption"),
        ("جانب من حفل افتتاح المحطة. (تصوير: سارة علي)", "photo caption"),
        ("記者会見で計画を説明する田中市長（5日、北浜市役所）", "photo caption"),
        ("한빛시청 앞 정류장에서 시민들이 버스를 기다리고 있다. 한빛일보 자료사진", "photo caption"),
    ],
)
def test_clutter_phrases_of_other_scripts(line: str, reason: str) -> None:
    low, words = head_words(line)
    assert strong_reason(low, words) == reason


def test_words_keep_their_combining_marks() -> None:
    """A Devanagari vowel sign is part of its word: the trigger "विज्ञापन" is one word, not six pieces."""
    _, words = head_words("सर्वाधिकार सुरक्षित विज्ञापन")
    assert words == {"सर्वाधिकार", "सुरक्षित", "विज्ञापन"}


def _page(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


STORY = (
    "江城地铁五号线于周五上午正式开通运营，比原计划提前了三个月。这条线路全长28.6公里，共设21座车站。",
    "市交通局局长张伟在开通仪式上说：“五号线将把城东新区到火车站的通勤时间缩短一半。”他还表示，明年还将有两条新线路动工。",
    "开通当天，许多市民专程前来体验。一位乘客笑着说，这下上班终于不用再堵车了！",
)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("记者 李明", "李明"),
        ("记者李明", "李明"),  # w3m drops the space between Chinese words
        ("作者：李明", "李明"),
    ],
)
def test_chinese_bylines(byline: str, author: str) -> None:
    page = _page("首页", "江城地铁五号线提前开通运营", byline, "2023年2月24日 09:30", *STORY)
    analysis = analyse(Document.from_text(page))
    assert analysis.author == author
    assert analysis.title == "江城地铁五号线提前开通运营"
    assert analysis.date == "2023-02-24"


@pytest.mark.parametrize("item", ["文化旅游", "编辑推荐", "作者简介", "文章列表"])
def test_chinese_menu_items_are_no_bylines(item: str) -> None:
    """A byline word at the start of a menu item ("文化" culture, "编辑推荐" editor's picks) needs the
    separator a byline writes after it."""
    analysis = analyse(Document.from_text(_page("首页", item, "体育", "江城地铁五号线提前开通运营", *STORY)))
    assert analysis.author is None


def test_a_long_line_after_a_byline_word_is_no_byline() -> None:
    """ "كتبت" (wrote) starts ordinary sentences: the byline pattern fails on them, and at once (its
    name words are flat: a nested repeat here took 48 s on this seven-word line)."""
    line = "كتبت الصحيفة البريطانية والأمريكية المتخصصة تقريرا عن الأزمة."
    assert OTHER_SCRIPT_BYLINE.match(line) is None
    assert OTHER_SCRIPT_BYLINE.match("كتب " + "م" * 400 + "!") is None
    assert OTHER_SCRIPT_BYLINE.match("بقلم: أحمد يوسف")["name_other"] == "أحمد يوسف"


def test_outlet_of_a_chinese_copyright_line() -> None:
    """ "All rights reserved" before the owner is no name; the paper's company (社) is the paper."""
    analysis = analyse(
        Document.from_text(_page("江城地铁五号线提前开通运营", *STORY, "版权所有 © 2023 江城日报社"))
    )
    assert analysis.outlet == "江城日报"


def test_a_name_and_place_over_the_date_is_no_headline() -> None:
    """Hindi pages put "Name, Place" between the headline and the date: in a script without capitals,
    its place right above the date line is what marks it."""
    story = (
        "नदीपुर में सोमवार को 300 बिस्तरों वाले नए सरकारी अस्पताल का उद्घाटन किया गया। इसमें इलाज की सुविधा होगी।",
        "राज्य के स्वास्थ्य मंत्री अजय वर्मा ने कहा कि अब मरीजों को इलाज के लिए बड़े शहरों में नहीं जाना पड़ेगा।",
        "अधिकारियों के अनुसार अगले महीने तक 60 डॉक्टरों की नियुक्ति कर दी जाएगी।",
    )
    text = "होम\nदेश\nराज्य\n\nनदीपुर में नया सरकारी अस्पताल शुरू\n\nराहुल शर्मा, नदीपुर\n"
    text += "अपडेटेड: 16 जनवरी 2023, 04:15 PM IST\n\n" + "\n\n".join(story) + "\n"
    analysis = analyse(Document.from_text(text))
    assert analysis.title == "नदीपुर में नया सरकारी अस्पताल शुरू"
    assert analysis.date == "2023-01-16"
    assert analysis.language == "hi"
    kept = [line.text for line in analysis.lines if line.kept]
    assert "राहुल शर्मा, नदीपुर" not in kept
    assert all(any(sentence[:20] in k for k in kept) for sentence in story)


def test_a_web_pages_author_keeps_its_vowel_signs() -> None:
    """trafilatura's name cleaning drops a Devanagari vowel sign at the end of a name ("शर्म"); the
    page's own meta author gives it back."""
    from reader.text.html import extract_article

    page = Path(__file__).resolve().parents[1] / "data" / "fresh_pages" / "html" / "hi_news.html"
    document = extract_article(page, page.read_text(encoding="utf-8"), "utf-8")
    assert document.hints["author"] == "राहुल शर्मा"
