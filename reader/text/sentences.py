"""Sentence boundaries with exact offsets, for news text.

Why our own: no library we measured has both the accuracy and the speed a reader needs
(tests/benchmarks/bench_sentences.py, same text, MB/s of UTF-8 splitting one line at a time).
pySBD 0.3.4 passes 47/48 Golden Rules but only 40/44 of our news cases, runs at about 0.3 MB/s,
slows down on long paragraphs (quadratic) and never splits inside a multi-sentence quotation.
blingfire is fast (about 20 MB/s) but passes 36/48 and 40/44 and returns strings, not offsets.
syntok passes 34/48 and 37/44 at about 1 MB/s. This module passes 47/48 and 43/44, finds all
107 gold sentences of the seeds' content lines, and runs at about 14 MB/s.

How: one regex finds candidate boundaries (terminal punctuation, closing quotes or brackets,
then whitespace) and a few named rules reject the ones that are not sentence ends. Every rule
looks at a bounded window around its candidate, so the run time is linear in the text's length.
Abbreviation lists are data at the top of the module; extend them rather than adding rules.
"""

from __future__ import annotations

import re
import unicodedata

from reader.text.words import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

# --- Data -----------------------------------------------------------------------------------


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Titles and abbreviations that never end a sentence: never split after them.
NEVER_FINAL = _words(
    """
    mr mrs ms mx messrs mme mlle dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig
    sen sens rep reps gov govs pres rev hon rt fr supt insp det amb atty spc msgr orig
    vs v e.g i.e cf viz approx appr esp incl excl
    """
    # Russian, Ukrainian, Belarusian: "проф. Семенов", "пгт. Брагиновка", "ул. Ленина", "т. н."
    """
    проф праф акад доц пгт смт ул вул вуліца пр просп пл им ім напр обл р-н
    тов гр д-р канд
    """
    # German, Polish, French, Spanish, Italian
    """
    med kath evang bzw vgl ggf zzgl sog bspw dipl ing hrsg mwst
    np tzw ul
    mme mlle mgr
    srta sra lic núm párrf ee uu ud uds dña
    sig sigg dott ing avv amm psicol geom
    skt napr resp
    """
    # Hindi: "डॉ." (doctor), "प्रो." (professor) before a name
    """
    डॉ प्रो
    """
)

# Abbreviations that are not final when a number follows ("No. 5", "p. 55", "Jan. 16").
BEFORE_NUMBER = _words(
    """
    no nos nr n° nº p pp vol vols ch chap fig figs art sec sect para ca c
    jan feb mar apr jun jul aug sep sept oct nov dec
    ene abr ago dic gen mag giu lug ott dez okt mär
    """
)

# Abbreviations that may end a sentence ("Mt. Fuji" / "We climbed the Mt. It ..."): split only
# when the next word is one that usually starts a sentence. Dotted acronyms (U.S., E.U.) too.
MAYBE_FINAL = _words(
    "st mt ft jr sr al co corp inc ltd llc plc bros dept univ assn г гг р рр ст вв в др см с м тис usw etc"
)

# US state abbreviations, as in datelines ("HAYWARD, Calif. (AP) —"): matched with their capital.
STATES = _words(
    """
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo
    """
)

# Capitalised words that usually start a sentence and are rarely part of a name.
SENTENCE_STARTERS = _words(
    """
    A An The This That These Those It Its It's He She They We I You His Her Their Our My Your
    There Here But And Or So Yet Nor However Meanwhile Moreover Still Also Then Thus Instead
    In On At For With By From To Of As If When While After Before Since Although Though Because
    Unless Until Once Where What Why How Who Whom Whose Which Whether Nobody No None Not Some
    Many Most All Both Each Every Such Several Few Only Even Now Today Yesterday Tomorrow Later
    Earlier Last Next Asked Is Are Was Were Do Does Did Can Could Will Would Should May Might Must
    Has Have Had Let Please Yes Officials
    """
    # The same role in the other languages we read: pronouns, articles, conjunctions, prepositions.
    """
    В На По Он Она Они Это Как Но А И Также При После Однако Кроме Мы Я Вы Там Здесь Сегодня Вчера
    Завтра Если Когда Хотя Поэтому Тогда Теперь Затем Его Ее Их Этот Эта Эти Все Так Уже Не
    У За Він Вона Вони Це Але І Після Однак Ми Ви Сьогодні Вчора Якщо Коли Хоча Тому Тоді Тепер
    Потім Її Їх Цей Ця Ці Усі Всі Вже Ён Яна Яны Гэта Таксама Пасля Аднак Сёння Учора Калі Хоць
    Таму Цяпер Потым Яго Яе Іх Усе Ужо Для Из От До Без Про Через Па Пра Ад Да З Із Зі
    W Na Po On Ona Oni To Jak Ale Także Jednak My Ja Wy Dziś Dzisiaj Wczoraj Jeśli Gdy Kiedy Choć
    Dlatego Teraz Potem Jego Jej Ich Ten Ta Te Wszyscy Tak Już Nie
    Der Die Das Er Sie Es Wir Ich Ihr Ein Eine Aber Und Auch Nach Im Am Mit Bei Wenn Als Doch
    Heute Gestern Dann Nun Jetzt Diese Dieser Dieses
    Le La Les Il Elle Ils Elles Nous Je Vous Un Une Mais Et Aussi Après Dans En Au Aux Avec Si
    Quand Ce Cette Ces Hier Puis Alors
    El Los Las Él Ella Ellos Nosotros Yo Una Pero Y También Después Con Cuando Este Esta Estos
    Hoy Ayer Luego Entonces Se No
    """
)

# Abbreviations of a number's unit of time or text: "2021 г.", "2010–2012 гг.", "XIX–XX ст.", "2022 р.".
# After a number they may end the sentence, so a capitalised word after them starts the next one,
# unless all the sentence has so far is that time phrase ("В 2010-2012 гг. Виктор посещал ...").
NUMBER_FINAL = _words("г гг р рр ст вв")
# Nouns a German or Polish ordinal stands before ("im 19. Jahrhundert", "1. -3. Jahrhundert",
# "XX wieku" is Roman): a number with a full stop before them is an ordinal, not a sentence end.
ORDINAL_NOUNS = _words(
    """
    jahrhundert jahrhunderts jahrhunderten jahrtausend jahrtausends lebensjahr lebensjahres jahrestag
    geburtstag todestag weltkrieg weltkriegs weltkrieges platz stock stockwerk etage klasse liga
    bundesliga runde spieltag mal auflage ausgabe kapitel jahrgang quartal semester
    wiek wieku wiecznie miejsce miejscu rocznica rocznicy klasa klasy piętro piętrze
    """
)

# Units after a number: "5 руб. Для пенсионеров": a capital after them starts a sentence.
UNIT_FINAL = _words("руб коп грн тыс тис млн млрд км кг")

# Month names, for "12. Juni": a day written with a full stop (German, Polish, Scandinavian).
ALL_MONTHS = frozenset(w.casefold() for w in MONTHS) | _words(
    "januar februar märz april mai juni juli august september oktober november dezember jänner "
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada "
    "grudnia "
    # Czech and Slovak: "7. dubna", "20. marca"
    "ledna února března dubna května června července srpna září října listopadu prosince "
    "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra"
)

# After "a.m."/"p.m." these continue the sentence ("at 10 a.m. Thursday").
TIME_FOLLOWERS = WEEKDAYS | MONTHS | MONTH_ABBREVIATIONS

# A capitalised name then one of these after "?”" or "!”" is the quotation's attribution.
SPEECH_VERBS = _words(
    """
    said says say asked asks ask added adds told tells shouted shouts yelled yells replied replies
    wrote writes tweeted tweets posted explained explains insisted insists warned warns noted notes
    continued continues declared declares demanded demands cried cries answered answers exclaimed
    wondered wonders recalled recalls stated states claimed claims argued argues responded responds
    remarked whispered screamed laughed joked quipped urged pleaded snapped retorted countered
    """
)

# --- Patterns -------------------------------------------------------------------------------

# Full stops of other scripts, written before a space like ".": the Devanagari danda and double
# danda (Hindi, Marathi, Nepali, Sanskrit), the Urdu and the Armenian full stops (Armenian is often
# typed with a colon for it: a colon between two Armenian words, the next one a capital, is one too).
# No abbreviation is written with them, so each one ends its sentence.
SCRIPT_STOPS = "।॥۔։"
# Question marks of other scripts: Arabic (also Persian and Urdu) and the Greek question mark, which
# is a semicolon (U+037E, and U+003B after a Greek letter: the form most Greek text is typed in).
SCRIPT_QUESTIONS = "؟\u037e"
# Marks written with no space after them: Chinese and Japanese full stops, question and exclamation
# marks (full width), the Ethiopic full stop and question mark (Amharic, Tigrinya), the Myanmar and
# Khmer full stops.
CLOSED_UP_STOPS = "。！？｡።፧။។"
# Every mark that ends a sentence, for the checks that only look at a line's last character.
SENTENCE_END_MARKS = ".!?…‼⁇⁈⁉" + SCRIPT_STOPS + SCRIPT_QUESTIONS + CLOSED_UP_STOPS

GREEK = "\u0370-\u03ff\u1f00-\u1fff"  # Greek and Coptic, Greek Extended (polytonic)
_ARMENIAN = "\u0531-\u0587"
# A run of terminal punctuation (". . ." counts as one run), closing quotes or brackets, then
# whitespace or the end. The lookbehind starts a match only at the first mark of a run, which
# keeps long runs of punctuation linear. A semicolon is a question mark after a Greek letter.
_TERMS = f".!?…‼⁇⁈⁉{SCRIPT_STOPS}{SCRIPT_QUESTIONS}"
_CLOSE_AND_SPACE = r"(?P<close>[\"'”’»“)\]]*)(?=\s|\Z)"  # “ closes „…“ in German and Polish
_CANDIDATE = re.compile(rf"(?<![{_TERMS}])(?P<term>[{_TERMS}]+(?:[ \u00a0][.…]+)*){_CLOSE_AND_SPACE}")
# The same with the Greek question mark typed as a semicolon and the Armenian full stop typed as a
# colon; used only on text holding Greek or Armenian letters (the alternatives halve the speed).
_CANDIDATE_GREEK_ARMENIAN = re.compile(
    rf"(?<![{_TERMS}])(?P<term>[{_TERMS}]+(?:[ \u00a0][.…]+)*|(?<=[{GREEK}][{GREEK}]);"
    rf"|(?<=[{_ARMENIAN}]):(?=\s+[«\"“]?[\u0531-\u0556\d])){_CLOSE_AND_SPACE}"
)
_GREEK_OR_ARMENIAN = re.compile(f"[{GREEK}{_ARMENIAN}]")
_OTHER_SCRIPTS = re.compile(f"[{GREEK}{_ARMENIAN}{CLOSED_UP_STOPS}]")
# A Chinese or Japanese sentence end: a run of full-width marks and the closing quotes and brackets
# after it; and the brackets whose depth says whether it is inside a quotation.
_CLOSED_UP_GATE = re.compile(f"[{CLOSED_UP_STOPS}]")
_CJK_CLOSERS = "」』）)】〕〉》”’\"'"
_CJK_OPEN = "「『（(【〔〈《“"
_CJK_PAIRS = dict(zip("」』）)】〕〉》”", "「『（(【〔〈《“", strict=True))  # closing -> opening
_CJK_MARKS = re.compile(
    rf"[{CLOSED_UP_STOPS}]+(?P<close>[{_CJK_CLOSERS}]*)|[{_CJK_OPEN}{''.join(_CJK_PAIRS)}]|\n\s*\n"
)
# After a closed Japanese quotation, the quotative particle goes on with the sentence: 「…。」と述べた。
_QUOTATIVE = "とっ"
_CJK_QUOTE_SPAN = 300  # an opening bracket further back than this was never closed
# The whitespace after a candidate, then any opening punctuation of the next sentence.
_NEXT = re.compile(r"\s+(?P<open>[\"'“‘«„‚(\[{¿¡—–\-\s]*)")
# A year may start a sentence ("2019 was a record year."); other numbers rarely do.
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d(?![\d.,:/-]*\d)")
_WORD = re.compile(r"\w+")
# An elided article or preposition before a capitalised word: Italian "l'", "dell'", French "d'", "l'".
_ELISION = re.compile(r"[^\W\d_]{1,4}['’]")
_CAMEL_CASE = re.compile(r"[^\W\d_]+[A-Z]")
# What may precede a sentence's first word: bullets, dashes, opening quotes and brackets.
_BULLETS = "•⁃◦▪‣●■"
_LEAD = re.compile(rf"[\s{_BULLETS}*\-–—\"'“‘«(\[]*")
_BULLET = re.compile(f"[{_BULLETS}]")
# A list's first marker: "1.", "1.)", "1)", "a.", "b)" (capital letters are more often initials).
_ENUM = re.compile(r"(?:(?P<num>\d{1,2})|(?P<let>[a-z]))(?:\.\)|[.)])(?=\s)")
# A token ending in a dotted acronym: "U.S", "E.U", "a.m", "(R-S.C".
_DOTTED = re.compile(r"(?:^|[^\w.])(?:[^\W\d_]\.)+[^\W\d_]$")
# A blank line always ends a sentence; so does a single line break unless the next line goes on in lower
# case (a hard-wrapped paragraph): text is one paragraph per line (text browsers' renderings, and our
# pipeline splits lines first), so a heading, a letterhead line or a separator ("Señores:", "____")
# is never run into the next line.
_NEWLINE = r"(?:\r\n|\r(?!\n)|[\n\u2028])"  # "\r\n" is one line break, never two
_PARAGRAPH_BREAK = re.compile(rf"{_NEWLINE}(?:[^\S\r\n\u2028\u2029]*{_NEWLINE})+|\u2029")
_ANY_BREAK = re.compile(r"[\n\r\u2028]")
_FORCED_GATE = re.compile(r"[\n\r\u2028\u2029•⁃◦▪‣●■]")
_LINE_BREAK = re.compile(rf"{_NEWLINE}[^\S\r\n\u2028\u2029]*(?=[^\s\u2029])")

_OPENING_QUOTE = re.compile("[\"'“‘«„‚]")
# A number, Arabic or Roman, or a range of them: "2021", "2010-2012", "XIX–XX".
_NUMBER = re.compile(r"(?:\d+|[IVXLC]+)(?:[-–—](?:\d+|[IVXLC]+))?")
_ARITHMETIC = re.compile(r"\d+(?:[.,]\d+)? ?[-+*/×÷=] ?\d")
_CLOSING_QUOTE = re.compile("[\"'”’»“]")
_EXCLAMATION = re.compile(f"[?!‼⁇⁈⁉;{SCRIPT_QUESTIONS}]")
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Mn", "Me", "Cf"})  # emoji with modifiers and joiners
_WINDOW = 48  # characters looked at before a candidate; abbreviations are shorter
_OPENERS = "\"'“‘«([*-–—" + _BULLETS
_STRIP = ".,;:!?\"'“”‘’«»()[]"


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, wrapped: bool = False
) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in text[start:end], each trimmed of whitespace. `wrapped`:
    the range is one hard-wrapped paragraph (`reader.text.lines.logical_lines`), whose single line
    breaks are the wrapper's, not the writer's: only punctuation ends a sentence there."""
    size = len(text)
    end = size if end is None else max(0, min(end, size))
    start = max(0, min(start, end))
    if start == end:
        return []
    extra = _forced_cuts(text, start, end, wrapped)
    candidates = _CANDIDATE
    other = _OTHER_SCRIPTS.search(text, start, end)  # one scan for both checks below, on most text none
    if other is not None:
        if _CLOSED_UP_GATE.search(text, other.start(), end):
            extra = sorted(extra + _closed_up_cuts(text, start, end))
        if _GREEK_OR_ARMENIAN.search(text, other.start(), end):
            candidates = _CANDIDATE_GREEK_ARMENIAN
    cuts = [start]
    sentence = start  # where the current sentence begins
    index = 0
    for match in candidates.finditer(text, start, end):
        if index < len(extra):
            at = match.start()
            while index < len(extra) and extra[index] <= at:
                cuts.append(extra[index])
                sentence = extra[index]
                index += 1
        cut = _boundary(text, match, sentence, start, end)
        if cut is not None:
            cuts.append(cut)
            sentence = cut
    cuts.extend(extra[index:])
    cuts.append(end)
    if extra:
        cuts.sort()
    spans = []
    for i in range(len(cuts) - 1):
        a, b = cuts[i], cuts[i + 1]
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def _forced_cuts(text: str, start: int, end: int, wrapped: bool = False) -> list[int]:
    """Cuts that need no terminal punctuation: paragraph breaks, line breaks before a capital (unless
    `wrapped`), bullets, numbered list items."""
    cuts: list[int] = []
    if not _FORCED_GATE.search(text, start, end):
        return _list_item_cuts(text, start, end)  # most lines: no break and no bullet
    if _PARAGRAPH_BREAK.search(text, start, end):
        cuts.extend(m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, end))
    if not wrapped and _ANY_BREAK.search(text, start, end):
        cuts.extend(
            m.end()
            for m in _LINE_BREAK.finditer(text, start, end)
            if m.end() < end and not text[m.end()].islower()
        )
    if _BULLET.search(text, start, end):
        cuts.extend(
            m.start()
            for m in _BULLET.finditer(text, start, end)
            if m.start() > start and text[m.start() - 1].isspace()
        )
    cuts.extend(_list_item_cuts(text, start, end))
    return sorted(cuts)


def _closed_up_cuts(text: str, start: int, end: int) -> list[int]:
    """Chinese and Japanese sentence ends (`CLOSED_UP_STOPS`, no space after them): after the run of marks and
    its closing quotes and brackets, unless a quotation or bracket opened before it is still open
    (「市民の命を守ることが最優先だ。予算は惜しまない」と述べた。 is one sentence), or a Japanese
    quotative particle follows the closed quotation (「…。」と話した。). A bracket left open past
    `_CJK_QUOTE_SPAN` characters or a paragraph break counts as never closed."""
    cuts: list[int] = []
    opened: list[tuple[str, int]] = []  # (opening bracket, where)
    for m in _CJK_MARKS.finditer(text, start, end):
        mark = m.group()
        at = m.start()
        while opened and at - opened[-1][1] > _CJK_QUOTE_SPAN:
            opened.pop()
        if mark[0] in _CJK_OPEN:
            opened.append((mark, at))
            continue
        if mark[0] == "\n":
            opened.clear()
            continue
        closers = m.group("close") if mark[0] in CLOSED_UP_STOPS else mark
        for c in closers:
            if opened and _CJK_PAIRS.get(c) == opened[-1][0]:
                opened.pop()
        if mark[0] not in CLOSED_UP_STOPS or opened:
            continue
        after = m.end()
        if after >= end:
            continue
        if closers and text[after] in _QUOTATIVE:
            continue
        if text[after] in "、，,":
            continue
        cuts.append(after)
    return cuts


def _list_item_cuts(text: str, start: int, end: int) -> list[int]:
    """A text that opens with "1." (or "a.") is a list: cut before "2." ("b."), then "3.", ..."""
    lead = _LEAD.match(text, start, end).end()  # type: ignore[union-attr]
    first = _ENUM.match(text, lead, end)
    if first is None:
        return []
    number = first.group("num")
    value = int(number) if number is not None else ord(first.group("let"))
    cuts = []
    position = first.end()
    while True:
        value += 1
        label = str(value) if number is not None else chr(value)
        if not label.isalnum():
            break
        # Searching only for the next expected marker keeps this one pass over the text.
        marker = re.compile(rf"(?<=\s){label}(?:\.\)|[.)])(?=\s)").search(text, position, end)
        if marker is None:
            break
        position = marker.end()
        cut = marker.start()
        # A bullet before the marker ("• 10.") is part of the item and already cut.
        before = cut
        while before > start and text[before - 1].isspace():
            before -= 1
        if before > start and text[before - 1] in _BULLETS:
            cut = before - 1
        cuts.append(cut)
    return cuts


def _boundary(text: str, match: re.Match[str], sentence: int, start: int, end: int) -> int | None:
    """Where the sentence ends at this candidate, or None when it goes on."""
    at, after = match.span()
    if after >= end:
        return None  # the range ends here anyway
    following = _NEXT.match(text, after, end)
    if following is None:
        return None
    word_at = following.end()
    if word_at >= end:
        return None  # only whitespace and opening punctuation remain
    opening = following.group(1)
    opened = bool(opening) and _OPENING_QUOTE.search(opening) is not None
    first = text[word_at]
    if first.islower() and not _CAMEL_CASE.match(text, word_at, min(end, word_at + 40)):
        return None  # a lower-case word continues the sentence ("iPhone" does not)
    if first in "»”’)]/":
        return None  # a closing quote or bracket after a space ("« LL.AA.II.RR. »"), a verse's "/"
    if ("–" in opening or "—" in opening) and _inside_guillemets(text, at, start):
        return None  # «К чему ты готовишься? – спросила мама. – Завтра ...»: the speech goes on
    if not first.isalnum():
        if first in "#@":
            return None  # hashtags and handles trail their sentence: "It works... #thanks"
        if first not in _BULLETS and unicodedata.category(first) == "So":
            return _after_symbols(text, word_at, end)  # "See you soon! 🙂 Bring friends."
    term = match.group(1)

    if term != "." and _EXCLAMATION.search(term):
        close = match.group(2)
        quoted = bool(close) and _CLOSING_QUOTE.search(close) is not None
        if quoted and not opened and first.isupper() and _attribution_follows(text, word_at, end):
            return None  # '"Are we ready?" Zaluzhnyi asked.' (but not '"Ready?" Nobody answered.')
        if quoted and _answer_follows(text, following.start() + len(following.group(0)) - len(opening), end):
            return None  # ,,Wann kommst du?” ,,Morgen“, antwortete Susi: one exchange, attributed once
        return after

    if term[0] in SCRIPT_STOPS:
        return after  # "।", "۔": no abbreviation is written with them, and "। 12 लोग" starts anew
    if first.isdigit() and not _YEAR.match(text, word_at, end):
        if _ARITHMETIC.match(text, word_at, min(end, word_at + 24)) and text[at - 1 : at].isdigit():
            return after  # "1 + 1 es 2. 2 + 2 es 4.": a sum starts the next sentence
        return None  # "tackle (1 combined). 1 sack", "3. 5mm": numbers rarely start a sentence
    if term == ":":
        return after  # the Armenian full stop typed as a colon (the candidate checked the capital after it)
    if term != ".":
        return _ellipsis_boundary(text, match, at, after, start)

    before = text[at - 1] if at > start else ""
    mark = before > "\u02ff" and unicodedata.category(before)[0] == "M"  # "डॉ.": a vowel sign ends the word
    if not (before.isalnum() or before in "°º" or mark):
        return after  # after a quote or bracket: '“terrorism”. Moscow'
    token = _token_before(text, at, start)
    if not token:
        return after
    if len(token) <= 2 and (token.isdigit() or (len(token) == 1 and token.isalpha())):
        gap = text[sentence : at - len(token)]  # only bullets, dashes, quotes before a list number
        if len(gap) <= 8 and _LEAD.fullmatch(gap):
            return None  # a list number: "1. A renewed push", "a. The first item"
    key = token.casefold()
    if key in NEVER_FINAL:
        return None
    if token.isdigit() and len(token) <= 2 and _word(text, word_at, end).casefold() in ALL_MONTHS:
        return None  # a day before its month: "vom 12. Juni", "zum 01. Januar 2015"
    if (
        token.lstrip("-–").isdigit()
        and len(token) <= 4
        and _word(text, word_at, end).casefold() in ORDINAL_NOUNS
    ):
        return None  # an ordinal: "im 19. Jahrhundert", "1. -3. Jahrhundert"
    if key in NUMBER_FINAL and _number_before(text, at - len(token), start):
        return _after_number_unit(text, sentence, at, after, word_at, end)
    if key in BEFORE_NUMBER and first.isdigit():
        return None
    if key in UNIT_FINAL:
        return after if first.isupper() else None
    if len(token) == 1 and token.isalpha():
        # An initial ("Mark A. Milley", "W. M. Keck") or a one-letter abbreviation ("Viera d. Cocoa").
        if token.isupper() and _initial_at(text, word_at, end):
            return None  # a chain of initials: "А. И. Семенов" (the "И" is no conjunction here)
        return after if opened or _word(text, word_at, end) in SENTENCE_STARTERS else None
    if key in MAYBE_FINAL or token in STATES:
        return after if opened or _word(text, word_at, end) in SENTENCE_STARTERS else None
    if "." in token and _DOTTED.search(token):
        if key in ("a.m", "p.m"):
            return _time_boundary(_word(text, word_at, end), first, opened, after)
        return after if opened or _word(text, word_at, end) in SENTENCE_STARTERS else None
    return after


def _initial_at(text: str, at: int, end: int) -> bool:
    """A single capital letter with a full stop at `at`, then a space: the next initial of a name."""
    return at + 2 < end and text[at].isupper() and text[at + 1] == "." and text[at + 2] == " "


def _number_before(text: str, at: int, start: int) -> bool:
    """The token before position `at` (across one space) is a number or a range: "2021 г.", "XIX–XX ст."."""
    stop = at
    while stop > start and text[stop - 1] == " ":
        stop -= 1
    begin = text.rfind(" ", max(start, stop - 24), stop) + 1 or max(start, stop - 24)
    return begin < stop and _NUMBER.fullmatch(text, max(begin, start), stop) is not None


def _after_number_unit(text: str, sentence: int, at: int, after: int, word_at: int, end: int) -> int | None:
    """ "2021 г. Уваход ..." ends; "В 2010-2012 гг. Виктор посещал ..." (the sentence so far is only its
    time phrase) and "г. зн." go on."""
    if not text[word_at].isupper():
        return None
    if len(text[sentence:at].split()) <= 3:
        return None
    return after


def _inside_guillemets(text: str, at: int, start: int) -> bool:
    """An opened «…» not yet closed before `at` (looked for in a bounded window)."""
    low = max(start, at - 400)
    opened = text.rfind("«", low, at)
    return opened >= 0 and text.rfind("»", opened, at) < 0


def _answer_follows(text: str, at: int, end: int) -> bool:
    """A second German quotation („…“ or ,,…“) right after a quoted question, closed by a comma and its
    attribution: the answer belongs to the same reported exchange."""
    if text.startswith(",,", at):
        body = at + 2
    elif text.startswith("„", at):
        body = at + 1
    else:
        return False
    stop = min(end, body + 300)
    for close in ("“", "”"):
        k = text.find(close, body, stop)
        if k >= 0:
            return text.startswith(",", k + 1)
    return False


def _token_before(text: str, at: int, start: int) -> str:
    """The word before a full stop, without opening punctuation; empty when longer than the window."""
    low = max(start, at - _WINDOW)
    space = text.rfind(" ", low, at)
    token = text[space + 1 if space >= 0 else low : at]
    if not token.isprintable():  # other whitespace or control characters inside
        parts = token.split()
        token = parts[-1] if parts else ""
    elif space < 0 and low > start:
        return ""  # a very long word is no abbreviation
    token = token.lstrip(_OPENERS)
    if "'" in token or "’" in token:
        elided = _ELISION.match(token)
        if elided and token[elided.end() :].casefold() in NEVER_FINAL:
            return token[elided.end() :]  # "l'Avv.", "Dall'avv." are "Avv."; "Jane's." stays itself
    return token


def _word(text: str, at: int, end: int) -> str:
    found = _WORD.match(text, at, min(end, at + 40))
    return found.group() if found else ""


def _after_symbols(text: str, at: int, end: int) -> int | None:
    """Emoji after a sentence end belong to it; the next sentence starts after them."""
    stop = min(end, at + 32)
    while at < stop and text[at] not in _BULLETS and unicodedata.category(text[at]) in _SYMBOL_CATEGORIES:
        at += 1
    following = _NEXT.match(text, at, end)
    if following is None or following.end() >= end:
        return None
    first = text[following.end()]
    quoted = _OPENING_QUOTE.search(following.group(1)) is not None
    return at if first.isupper() or first.isdigit() or quoted else None


def _ellipsis_boundary(text: str, match: re.Match[str], at: int, after: int, start: int) -> int | None:
    """Dots and ellipses before a capital: a bracketed or spaced three-dot ellipsis is an omission."""
    term = match.group("term")
    if at > start and text[at - 1] == "[":
        return None  # "[...]" marks an omission inside a quotation
    detached = at > start and text[at - 1].isspace()
    dots = term.count(".") + 3 * term.count("…")
    if detached and dots <= 3:
        return None  # "the thing is . . . I didn’t mean it."
    if not detached and term[0] == "." and " " in term:
        return at + 1  # "compounds. . . . The practice": a full stop, then an omission
    return after


def _time_boundary(word: str, first: str, opened: bool, after: int) -> int | None:
    """ "at 5 a.m. Officials said" ends; "at 10 a.m. Thursday", "a.m. GMT" go on."""
    if opened:
        return after
    if not first.isupper() or word in TIME_FOLLOWERS or (word.isupper() and len(word) <= 4):
        return None
    return after


def _attribution_follows(text: str, at: int, end: int) -> bool:
    """A name, then a speech verb within three words: '"Why?" Biden asked reporters.'"""
    words = text[at : min(end, at + 80)].split()[:3]
    if not words or words[0].strip(_STRIP) in SENTENCE_STARTERS:
        return False
    return any(raw.strip(_STRIP).casefold() in SPEECH_VERBS for raw in words)
