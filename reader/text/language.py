"""The language of a document, from its script and its commonest short words.

Fact-checkers covering Belarus and Ukraine read Russian, Ukrainian, Belarusian, Polish and German
outlets beside English ones; dates ("05/01/2022" is 5 January there), quotation marks and speech verbs
depend on the language. A sample of the text is enough: the rule reads at most `SAMPLE` characters,
so it costs the same on a 10 MB file as on a page (no library met that for free: langdetect and
langid build n-gram profiles of the whole sample and are 100x slower).
"""

from __future__ import annotations

import re
from collections import Counter

from reader.text.sentences import GREEK

SAMPLE = 2500
WORD_SAMPLE = 2500  # characters whose words are looked up
UNKNOWN = "und"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CJK_ANY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Scripts one language (or one the reader treats alike) writes: the letters of the sample decide.
# Arabic script is Urdu with its letters ٹ ڈ ڑ ں ے, else Persian with its own (پ چ ژ گ, and the keheh
# and yeh forms ک ی, where Arabic writes ك ي).
_SCRIPTS = (
    ("el", re.compile(f"[{GREEK}]")),
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("ta", re.compile(r"[\u0b80-\u0bff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("am", re.compile(r"[\u1200-\u137f]")),
)
_OTHER_SCRIPT = re.compile(
    rf"[{GREEK}\u0530-\u06ff\u0750-\u077f\u0900-\u09ff\u0b80-\u0bff\u0e00-\u0e7f"
    r"\u10a0-\u10ff\u1200-\u137f]"
)
_URDU = re.compile(r"[ٹڈڑںے]")
_MIN_LETTERS = 20  # as for Latin and Cyrillic text: fewer, and the language is not known
_PERSIAN = re.compile(r"[پچژگکی]")
_WORD = re.compile(r"[^\W\d_]+")

# Letters one Cyrillic language has and the others lack.
_UKRAINIAN = re.compile(r"[ґєії]", re.IGNORECASE)
_BELARUSIAN = re.compile(r"[ў]", re.IGNORECASE)
_RUSSIAN = re.compile(r"[ыэъ]", re.IGNORECASE)

STOPWORDS = {
    "en": "the and of to in is that for on was with as by it at from he said are be this have has not but",
    "pl": "nie na się że do jest jak co ale po przez dla za od który także oraz już jego jej są być",
    "de": "der die und das ist nicht zu den von mit sich des auf für im dem ein eine auch als wie bei",
    "fr": "le la les et des est un une du en que qui dans pour pas au sur par avec ce se il elle",
    "es": "el la los las y de que en un una es por con para del se no al lo como más su",
    "it": "il di che la per un una non del della sono si con le gli è da al anche nel alla",
    "pt": "os as de que do da em um uma para com não por mais no na se é dos das",
    "id": "yang dan di ini itu dengan untuk dari tidak dalam akan pada juga ke karena ada",
    "tr": "ve bir bu da de için ile olarak çok daha ama gibi olan en sonra kadar göre değil ya",
}
# Letters only one of these Latin-script languages uses: a hint as good as a stopword.
_DISTINCT = {"pl": "ąęłńśźż", "de": "äöüß", "fr": "èêçœ", "es": "ñ¿¡", "pt": "ãõ", "tr": "ğı"}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in STOPWORDS.items():
    for _w in _words.split():
        _LANGS_OF[_w] = (*_LANGS_OF.get(_w, ()), _lang)


FIRST_WORDS = 700  # characters read first; the rest of the sample only when they leave it open


def _count_words(counts: Counter[str], sample: str, start: int, stop: int) -> None:
    """Stopword hits per language in sample[start:stop] (a word cut at `start` is skipped)."""
    if start and start < len(sample) and sample[start - 1].isalpha():
        while start < stop and start < len(sample) and sample[start].isalpha():
            start += 1
    langs_of = _LANGS_OF
    for word in _WORD.findall(sample, start, stop):
        langs = langs_of.get(word.lower())
        if langs:
            for lang in langs:
                counts[lang] += 1


def detect(text: str) -> str:
    """An ISO 639-1 code ("en", "ru", "uk", "be", "pl", "de", "fr", "es", "it", "pt", "id", "tr", "ja",
    "ko", "zh", or by script alone "el", "ar", "fa", "ur", "he", "hi", "bn", "ta", "th", "ka", "hy",
    "am") or "und"."""
    sample = text[:SAMPLE]
    other_script = _OTHER_SCRIPT.search(sample) is not None
    if other_script or _CYRILLIC.search(sample) or _CJK_ANY.search(sample):
        cyrillic, latin = len(_CYRILLIC.findall(sample)), len(_LATIN.findall(sample))
    else:  # most pages: no Cyrillic at all, and counting Latin letters one by one is the costly part
        cyrillic, latin = 0, (SAMPLE if _LATIN.search(sample) else 0)
    if (cyrillic + latin) * 3 < len(sample):  # few letters of either: maybe Chinese, Japanese, Korean
        kana, hangul = len(_KANA.findall(sample)), len(_HANGUL.findall(sample))
        han = len(_HAN.findall(sample))
        if kana + hangul + han > cyrillic + latin:
            return "ja" if kana else "ko" if hangul > han else "zh"
    if other_script:
        other = _other_script(sample, cyrillic + latin)
        if other is not None:
            return other
    if cyrillic + latin < 20:
        return UNKNOWN
    if cyrillic > latin:
        uk = len(_UKRAINIAN.findall(sample))
        be = len(_BELARUSIAN.findall(sample))
        ru = len(_RUSSIAN.findall(sample))
        if be and be * 3 >= uk:
            return "be"
        if uk > ru:
            return "uk"
        return "ru"
    counts: Counter[str] = Counter()
    _count_words(counts, sample, 0, FIRST_WORDS)
    if counts:
        ranked = counts.most_common(2)
        top, runner_up = ranked[0][1], (ranked[1][1] if len(ranked) > 1 else 0)
        if top >= 8 and top >= 3 * runner_up:
            return ranked[0][0]  # most pages settle within their first lines: no need to read on
    _count_words(counts, sample, FIRST_WORDS, WORD_SAMPLE)
    low = sample[:WORD_SAMPLE].casefold()
    for lang, letters in _DISTINCT.items():
        hits = sum(low.count(c) for c in letters)
        if hits:
            counts[lang] += min(hits, 10)
    if not counts:
        return UNKNOWN
    lang, hits = counts.most_common(1)[0]
    return lang if hits >= 3 else UNKNOWN


def _other_script(sample: str, letters: int) -> str | None:
    """The language of the script that writes most of the sample, when one does (more letters than Latin
    and Cyrillic together: a Greek page quoting an English name is Greek)."""
    best, most = None, max(letters, _MIN_LETTERS - 1)  # a "π" or one quoted word is not a language
    for lang, script in _SCRIPTS:
        n = len(script.findall(sample))
        if n > most:
            best, most = lang, n
    if best == "ar":  # an Iranian name in an Arabic story is not Persian: a share of the letters is
        urdu, persian = len(_URDU.findall(sample)), len(_PERSIAN.findall(sample))
        if urdu >= 3 and urdu * 20 >= most:
            return "ur"
        if persian >= 3 and persian * 20 >= most:
            return "fa"
    return best


# Languages whose numeric dates put the day first ("05/01/2022" is 5 January).
DAY_FIRST = frozenset(
    {"ru", "uk", "be", "pl", "de", "fr", "es", "it", "pt", "tr", "el", "ar", "he", "hi", "fa", "ur", "id"}
)
