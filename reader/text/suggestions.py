"""Suggested claim/quote/fact tags: offline, instant, explainable (reader/guidelines.md).

Rules, not a model: quotes come from paired quote marks and name their speaker from the
attribution around them; claims from attribution patterns; facts from unattributed, unhedged
sentences with concrete specifics. Each suggestion carries a one-line reason so the user can see
why it was made. Everything is one pass over the sentences: linear in the article's length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reader.text.pipeline import Analysis, Sentence
from reader.text.quotes import Quotation, find_quotations, opens_with_quote

LABELS = ("claim", "quote", "fact")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True, slots=True)
class Suggestion:
    start: int
    end: int
    text: str
    label: str
    speaker: str | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "speaker": self.speaker,
            "reason": self.reason,
        }


# --- word lists -------------------------------------------------------------------------------------

# Verbs that introduce direct speech.
# Word lists first, as sets: a sentence's words are looked up in them before any regex runs,
# which keeps the engine fast on long articles (Python's re tries every alternative at every position).
_SPEECH_WORDS = _set(
    """said says say saying told tells telling added adds adding stated states wrote writes writing
    declared declares announced announces noted notes noting explained explains insisted insists warned
    warns warning claimed claims argued argues asked asks replied replies responded continued tweeted
    posted remarked commented observed emphasised emphasized stressed concluded admitted acknowledged
    confirmed denied suggested urged vowed pledged promised predicted revealed recalled quoted cautioned
    complained conceded reiterated agreed joked shouted recounted described called accused accusing
    blamed branded dismissed labelled labeled criticised criticized praised welcomed condemned slammed
    hailed decried dubbed termed laughed sighed quipped exclaimed whispered yelled muttered screamed
    boasted lamented mused answered testified"""
)
# Attribution that makes a sentence a claim wherever it stands.
_STRONG_WORDS = _set(
    """said says say saying told tells claimed claims claiming warned warns warning denied denies denying
    alleged alleges alleging insisted insists argued argues added adding stated reported reportedly
    allegedly purportedly accused accuses blamed blames vowed asserted revealed quoted tweeted believes
    insisting contends contended citing"""
)
# Verbs that attribute only with a clause after them ("announced that ..."), not with an object.
_WEAK_WORDS = _set(
    """announced confirmed suggested noted wrote acknowledged admitted stressed emphasised emphasized
    agreed predicted estimated explained indicated signalled signaled hinted promised pledged conceded
    concluded observed recalled repeated reiterated maintains maintained reports believed"""
)
_HEDGE_WORDS = _set(
    """might could would should likely unlikely possibly perhaps probably seem seems appear appears
    apparently expected believed feared suspected allegedly"""
)
_FINDING_VERBS = _set("showed shows show found finds suggested suggests indicated indicates revealed")
_DATA_NOUNS = _set(
    "data figures statistics survey surveys study studies poll polls report research analysis census records"
)
_CONTESTED_WORDS = _set("unconfirmed unverified disputed")
_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve dozen dozens hundred hundreds thousand "
    "thousands million millions billion billions trillion trillions"
)
_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth"
_TIME_NOUNS = (
    "day days week weeks month months year years time anniversary visit round quarter half hour hours"
)
_SEASONS = "week month year spring summer autumn fall winter"
_SPECIFIC_TRIGGERS = _set(
    " ".join(
        (_MONTHS.lower(), _WEEKDAYS.lower(), _NUMBER_WORDS, _ORDINALS, _SEASONS, "yesterday today tonight")
    )
)


def _alt(words: str | frozenset[str]) -> str:
    return "|".join(sorted(words.split() if isinstance(words, str) else words, key=lambda w: (-len(w), w)))


_DATA_SHOWED = re.compile(
    rf"\b(?:{_alt(_DATA_NOUNS)})\s+(?:\w+\s+){{0,2}}?(?:{_alt(_FINDING_VERBS)})\b", re.IGNORECASE
)
_SPEECH_RE = re.compile(rf"\b(?:{_alt(_SPEECH_WORDS)})\b")
_CLAIM_STRONG = re.compile(rf"\b(?:{_alt(_STRONG_WORDS)})\b|\b[Aa]ccording to\b|\bin a statement\b")
_CLAIM_WEAK = re.compile(rf"\b(?:{_alt(_WEAK_WORDS)})\s+(?:\w+\s+){{0,2}}?that\b")
_CONTESTED = re.compile(
    r"^(?:There|there)\s+(?:have|has|had)?\s*(?:been|are|were|is|was)\s+(?:\w+\s+)?"
    r"(?:fears|concerns|claims|allegations|reports|rumou?rs|speculation|suggestions|accusations)\b"
    rf"|\b(?:{_alt(_CONTESTED_WORDS)})\b"
)
_MAY = re.compile(r"\bmay\b")  # the modal; "May" is also a month
_NUMBER = re.compile(r"(?<![\w.,])\d[\w$£€.,%\-]*")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_MONTH_DAY = _set(_MONTHS + " " + _WEEKDAYS)
_NUMBER_SET = _set(_NUMBER_WORDS)
_ORDINAL_SET = _set(_ORDINALS)
_TIME_NOUN_SET = _set(_TIME_NOUNS)
_SEASON_SET = _set(_SEASONS)
_RELATIVE = _set("last this next")
_DAY_WORDS = _set("yesterday today tonight")
_FIRST_PERSON = _set("i we our my us me you your")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us|me|[Yy]ou|[Yy]our)\b")
_LIST_STEP = re.compile(r"\d{1,2}[.)]\s")
_PRONOUNS = {"he": "he", "she": "she", "He": "he", "She": "she"}
_HONORIFICS = _set("Mr Mr. Ms Ms. Mrs Mrs. Dr Dr. Sir Dame Lord Lady Prof Prof.")
_TITLES = _set(
    """President Minister Premier Chancellor Secretary Spokesperson Spokesman Spokeswoman Coordinator
    Director Chief Ambassador Senator Governor Mayor King Queen Prince Princess Pope Judge General
    Colonel Major Captain Lieutenant Commander Admiral Sheikh Rep Sen Gov Speaker Leader Envoy Adviser
    Advisor Deputy Chairman Chairwoman Chair Head Officer Attorney Congressman Congresswoman MP
    Representative Official Inspector Sergeant Marshal Patriarch Archbishop Bishop Cardinal Emir Reps Sens
    Lt Col Sgt Capt Adm Cmdr Maj Rev Hon Pres Supt Det Insp Amb Atty Cpl Pvt Fr CEO CFO COO CTO Founder
    Cofounder Co-founder Chancellor Vice"""
)
_ROLE_NOUNS = _set(
    """official officials leader president minister spokesperson spokesman spokeswoman chief head
    premier secretary ambassador envoy commander general officer adviser advisor aide lawmaker
    senator diplomat representative analyst expert chancellor governor mayor director politician
    prosecutor judge lawyer coordinator negotiator actor actress singer star player coach author writer
    professor researcher scientist doctor economist executive founder manager chairman chairwoman man
    woman witness spokesman resident mother father captain pilot teacher student activist"""
)
_ORG_WORDS = _set(
    """News Council Ministry Intelligence Forces Force Army Agency Office Department Party Union
    Committee Command Service Guard Times Post Journal Press Institute University Bank Group
    Corporation Company Inc Ltd Government Parliament Assembly Court House Kremlin Pentagon Nations
    States State Republic Federation Region City Street Square Festival Fund Organization Organisation
    Alliance Brigade Regiment Directorate Commission Centre Center Authority Police Navy Ministries
    Network Channel Radio Television Agency Foundation Board Bureau Embassy Administration"""
)
_OUTLETS = _set(
    """tass reuters ap afp cnn bbc guardian newsweek belta sky interfax ria xinhua bloomberg itv nbc abc
    cbs fox ukrinform dpa efe ansa kyodo yonhap nyt telegraph independent politico axios"""
)
_ABBREVIATED = re.compile(
    r"\b(Rep|Reps|Sen|Sens|Gov|Gen|Lt|Col|Sgt|Dr|Mr|Mrs|Ms|Prof|Capt|Adm|Cmdr|Maj|Rev|Hon|Pres|Supt|Det|Insp|"
    r"Amb|Atty|Cpl|Pvt|Fr|Sr|Jr|St)\."
)
_FUNCTION_CAPS = _set(
    """The A An This That These Those It Its Their His Her Our But And Or So If When While As After Before
    Then Now Also Still Yet Meanwhile However Both Some Many Most All Several Other Another"""
)
_CONNECTORS = _set("of the for and de van von der al bin da di la le du del")
_PREP_SEGMENT = re.compile(
    r"(?:in|on|at|after|before|during|since|following|while|speaking|asked|according|for|from|by|with|"
    r"without|despite|under|over|until|earlier|later|last|yesterday|today|meanwhile|however|elsewhere)\b",
    re.IGNORECASE,
)
_SKIP_SEGMENT = re.compile(r"^(?:who|which|whose|whom|a|an|one|who's)\b")
_CLAUSE_START = re.compile(
    r"^(?:where|when|while|as|after|before|since|because|although|though|if|and|but)\s+", re.IGNORECASE
)
_ADVERBIAL = re.compile(
    r"^(?:In|On|At|After|Before|Earlier|Later|However|Meanwhile|Following|While|Since|During|Elsewhere|"
    r"Last|This|Next|Yesterday|Today|Also|But|And|Still|Instead|Separately|Overall|Speaking|Asked|"
    r"According|For|From|By|With|Without|Despite|Under|Over|Until|Then|Now|Formerly|Once|When|If|As|"
    r"Although|Though|Because|Unlike|Like|Whether|Whatever|Whenever)\b"
)
_ADVERB_TAIL = re.compile(
    r"(?:\s+(?:has|had|have|was|is|were|will|would|also|then|later|further|meanwhile|previously|"
    r"recently|again|once|earlier|finally|however|too|since|already|still|now|\w+ly))+$"
)
_WINDOW = 300  # characters around a quote or verb searched for its attribution
_WHEN_TAIL = re.compile(
    r"\s+(?:on|last|this|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"week|month|year|night|morning|evening|afternoon)$"
)
_WORD_RUN = re.compile(r"\w+")
_OPENING = re.compile(r"[“\"«]")
_WORD = re.compile(r"[^\W\d_][\w’'.\-]*|\d[\w’'.,\-]*")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")


# --- names --------------------------------------------------------------------------------------


def _is_cap(token: str) -> bool:
    return token[:1].isupper()


def _strip_possessive(token: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def _clean(text: str) -> str:
    return text.strip(" \t,;:—–-•*\"“”‘’'()[]")


def _person_from_chunk(tokens: list[str]) -> str | None:
    """The person's name inside a capitalised run ("Secretary of State Mike Pompeo" -> "Mike Pompeo")."""
    while tokens and tokens[0] in _FUNCTION_CAPS:
        tokens = tokens[1:]
    last_marker = -1
    titled = False
    for i, tok in enumerate(tokens):
        bare = tok.rstrip(".")
        if bare in _TITLES or tok in _HONORIFICS:
            last_marker, titled = i, True
        elif tok in _ORG_WORDS or tok in _CONNECTORS:
            last_marker, titled = i, False
    rest = tokens[last_marker + 1 :]
    if not rest or len(rest) > 4 or not all(_is_cap(t) for t in rest):
        return None
    if len(rest) < 2 and not titled:
        return None
    return " ".join(rest)


_CAPITAL_RUN = re.compile(
    r"(?<![\w’'.-])(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}(?=[\s,.;:)]|$)"
)
_NOT_ROLE = _set(
    """in on at of the a an and or to from with by for as into over across against between near that than
    which who whose where when while but if so its their his her our this these those about after before
    since during under until via per"""
)


class _Names:
    """People named so far: the most recent ones (for pronouns), full forms by surname, and the
    pronoun each was already referred to with, so "she" does not land on a man called "he" before."""

    def __init__(self) -> None:
        self.full: dict[str, str] = {}
        self.recent: list[str] = []  # most recent last, each once
        self.pronoun: dict[str, str] = {}
        self.surnames: set[str] = set()

    @property
    def salient(self) -> str | None:
        return self.recent[-1] if self.recent else None

    def learn(self, name: str, *, person: bool) -> str:
        """Record a person; return the fullest form known for them."""
        parts = name.split()
        if person and parts:
            surname = parts[-1]
            if len(parts) >= 2 and len(parts) > len(self.full.get(surname, "").split()):
                self.full[surname] = name
            self.surnames.add(surname)
            name = self.full.get(surname, name)
            if name in self.recent:
                self.recent.remove(name)
            self.recent.append(name)
            del self.recent[:-8]
        return name

    def introduce(self, sentence: str) -> None:
        """Register people introduced by a role or title ("executive Tom Young", "Rep. Frank Lucas"), so
        a later sentence opening on their surname alone is known to be about a person."""
        for match in _CAPITAL_RUN.finditer(sentence):
            words_before = sentence[max(0, match.start() - 30) : match.start()].split()
            if not words_before:
                continue
            before, name = words_before[-1], match.group()
            if before in _NOT_ROLE or not before[:1].isalpha():
                continue
            if before[:1].isupper() and before.rstrip(".") not in _TITLES:
                continue
            tokens = name.split()
            if any(t in _ORG_WORDS or t in _TITLES or t in _FUNCTION_CAPS for t in tokens):
                continue
            surname = tokens[-1]
            self.surnames.add(surname)
            if len(tokens) > len(self.full.get(surname, "").split()):
                self.full[surname] = name

    def refer(self, pronoun: str) -> str | None:
        """The latest person not already referred to with the other pronoun."""
        for name in reversed(self.recent):
            if self.pronoun.setdefault(name, pronoun) == pronoun:
                return name
        return None

    def is_known_person(self, token: str) -> bool:
        return token in self.surnames


def _chunks(tokens: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, allowing lower-case connectors inside ("Ministry of Defense")."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        if _is_cap(tokens[i]):
            j = i + 1
            while j < n:
                if _is_cap(tokens[j]):
                    j += 1
                elif tokens[j] in _CONNECTORS and j + 1 < n and _is_cap(tokens[j + 1]):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    kind: str  # "person", "body", "pronoun", "description", "outlet", "none"
    phrase: str  # the words it came from


def _parse_subject(text: str, names: _Names) -> _Speaker:
    """Who a subject phrase names: "the country’s president Alexander Lukashenko" -> the person."""
    text = text[-_WINDOW:]
    text = _ADVERB_TAIL.sub("", _WHEN_TAIL.sub("", _clean(_ABBREVIATED.sub(r"\1", text))))
    segments = [_clean(_CLAUSE_START.sub("", _clean(s))) for s in re.split(r"[,;(]|\s[—–]\s", text)]
    segments = [s for s in segments if s]
    if not segments:
        return _Speaker(None, "none", "")
    # A segment that is a bare name wins ("Andrii Cherniak, a representative of ...").
    kept = [s for s in segments if not _SKIP_SEGMENT.match(s) and not _PREP_SEGMENT.match(s)]
    for seg in kept:
        toks = [_strip_possessive(t) for t in _WORD.findall(seg)]
        if toks and all(_is_cap(t) for t in toks) and len(toks) <= 4 and not _SPEECH_RE.search(seg):
            person = _person_from_chunk(toks)
            if person:
                return _Speaker(person, "person", seg)
            if len(toks) == 1 and (names.is_known_person(toks[0])):
                return _Speaker(toks[0], "person", seg)
    if not kept:
        return _Speaker(None, "none", segments[-1])
    seg = kept[-1]
    low = seg.lower()
    if seg in _PRONOUNS:
        return _Speaker(None, "pronoun", seg)
    words = _WORD.findall(seg)
    if low.startswith(("the ", "a ", "an ")):
        words = words[1:]
    if not words:
        return _Speaker(None, "none", seg)
    if words[-1] == "and":  # "X shared a video and wrote that": the subject starts the clause
        runs = _chunks(words)
        if runs and runs[0][0] == 0:
            a, b = runs[0]
            return _Speaker(" ".join(words[a:b]), "body", seg)
        return _Speaker(None, "none", seg)
    if len(words) > 14:
        return _Speaker(None, "none", seg)
    runs = _chunks(words)
    if runs and runs[-1][1] == len(words):
        a, b = runs[-1]
        chunk = [_strip_possessive(t) for t in words[a:b]]
        person = _person_from_chunk(chunk)
        if person:
            return _Speaker(person, "person", seg)
        if len(chunk) == 1 and (names.is_known_person(chunk[0]) or (a > 0 and words[a - 1] in _HONORIFICS)):
            return _Speaker(chunk[0], "person", seg)
        if a == 0 or words[a - 1].lower() not in _CONNECTORS:
            if chunk[0].lower() in _OUTLETS or " ".join(chunk).lower() in _OUTLETS:
                return _Speaker(" ".join(chunk), "outlet", seg)
            if a == 0:
                return _Speaker(" ".join(words), "body", seg)
            if len(chunk) == 1 and words[a - 1] in _HONORIFICS:
                return _Speaker(chunk[0], "person", seg)
            return _Speaker(" ".join(chunk), "body" if a > 0 else "person", seg)
        return _Speaker(" ".join(words), "body", seg)
    if words[-1].lower() in _ROLE_NOUNS and low.startswith("the "):
        return _Speaker(None, "description", seg)
    if _SPEECH_RE.search(seg) or len(words) > 6 or (len(words) == 1 and not _is_cap(words[0])):
        return _Speaker(None, "none", seg)  # a clause or a stray word, not a name
    return _Speaker(" ".join(words), "body", seg)


def _resolve(speaker: _Speaker, names: _Names) -> tuple[str | None, str]:
    """A speaker name plus how it was found, for the reason line."""
    if speaker.kind in ("pronoun", "description"):
        pronoun = _PRONOUNS.get(speaker.phrase)
        name = names.refer(pronoun) if pronoun else names.salient
        if name:
            return name, f"'{speaker.phrase}' = {name} (last named person)"
        return None, f"'{speaker.phrase}' with no named person before it"
    if speaker.kind == "person" and speaker.name:
        name = names.learn(speaker.name, person=True)
        return name, name
    return speaker.name, speaker.name or "?"


# --- attribution ------------------------------------------------------------------------------


def _attribution_after(tail: str, names: _Names) -> tuple[_Speaker, str] | None:
    """`,” Polishchuk told TASS` / `,” said John Kirby` / `,” according to BelTA`."""
    tail = _ABBREVIATED.sub(r"\1", tail[:240])
    verb = _SPEECH_RE.search(tail)
    if verb is None:
        acc = re.search(r"\baccording to\s+([^,.;]+)", tail)
        if acc and not _clean(tail[: acc.start()]):
            return _parse_subject(acc.group(1), names), "according to"
        return None
    subject = _clean(tail[: verb.start()])
    if not subject:
        after = re.match(r"\s*((?:the\s+)?[^,.;:!?]+)", tail[verb.end() :])
        if after is None:
            return None
        obj = re.split(r"\s+(?:in|on|at|during|after|before|when|while|to)\s+", after.group(1))[0]
        return _parse_subject(obj, names), verb.group()
    if len(_WORD.findall(subject)) > 16 or re.search(r"[.!?]\s", subject):
        return None
    return _parse_subject(subject, names), verb.group()


def _attribution_before(head: str, names: _Names) -> tuple[_Speaker, str] | None:
    """`Lukashenko said, “` / `X, a representative of Y, said: “` / `Kirby said ... that Washington “`."""
    verbs = [
        v for v in _SPEECH_RE.finditer(head) if not _NOMINAL.search(head, max(0, v.start() - 8), v.start())
    ]
    if not verbs:
        return None
    verb = verbs[-1]
    subject = head[: verb.start()]
    if not _clean(subject):
        return None
    return _parse_subject(subject, names), verb.group()


# "the claims", "Putin’s claims": the word is a noun there, not a verb of speech.
_NOMINAL = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|these|those|such|our|my)|[’']s)\s+$", re.IGNORECASE
)
_SOURCE_RE = re.compile(
    rf"\b(?:{_alt(_SPEECH_WORDS | _set('reported reports alleged believes'))}|according to)\b"
)


def _speaker_of_sentence(text: str, names: _Names) -> _Speaker | None:
    """The source an attributed sentence names, preferring a person over the outlet relaying them."""
    best: _Speaker | None = None
    for count, verb in enumerate(_SOURCE_RE.finditer(text)):
        if count == 6:
            break
        if _passive(text, verb) or re.search(r"[’']s\s+$", text[max(0, verb.start() - 3) : verb.start()]):
            continue  # "were told to", "Mr Putin’s claims": no source here
        if verb.group() == "according to":
            after = re.match(
                r"\s*([^,.;:!?]+)", _ABBREVIATED.sub(r"\1", text[verb.end() : verb.end() + _WINDOW])
            )
            found = _parse_subject(after.group(1), names) if after else _Speaker(None, "none", "")
        else:
            before = text[max(0, verb.start() - _WINDOW) : verb.start()]
            cut = max(before.rfind(". "), before.rfind(" that "), before.rfind("“"), before.rfind('"'))
            if cut >= 0:
                before = before[cut + 1 :]
            if _clean(before):
                found = _parse_subject(before, names)
            else:
                after = re.match(
                    r"\s*([^,.;:!?]+)", _ABBREVIATED.sub(r"\1", text[verb.end() : verb.end() + _WINDOW])
                )
                found = _parse_subject(after.group(1), names) if after else _Speaker(None, "none", "")
        if found.kind == "person":
            return found
        if best is None or best.kind in ("none", "outlet"):
            best = found
    return best


# --- the engine ---------------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(_WORD_RUN.findall(text))


def _carries_statement(text: str) -> bool:
    """Four words or more, or a complete utterance; not a scare quote or a name."""
    inner = text[1:-1].strip() if len(text) > 2 else ""
    if _words(inner) >= 4:
        return True
    letters = [c for c in inner if c.isalpha()]
    return bool(letters) and letters[0].isupper() and inner[-1:] in ".,!?…"


def _is_heading(text: str) -> bool:
    return not _TERMINAL.search(text.rstrip()[-8:])


def suggest(analysis: Analysis) -> list[Suggestion]:
    """Suggestions for one analysed document, sorted by start; the same input gives the same output."""
    text = analysis.document.text
    by_line: dict[int, list[Sentence]] = {}
    for sentence in analysis.sentences:
        by_line.setdefault(sentence.line, []).append(sentence)
    line_ids = sorted(by_line)
    names = _Names()
    out: list[Suggestion] = []
    last_speaker: str | None = None  # the speaker of the last quote or attributed sentence
    last_speaker_line = -10
    unnamed: list[int] = []  # quotes left open at a paragraph end, still without a speaker
    unnamed_line = -10
    for order, line_id in enumerate(line_ids):
        line = analysis.lines[line_id]
        sentences = by_line[line_id]
        starts = [s.start for s in sentences]
        nxt = line_ids[order + 1] if order + 1 < len(line_ids) else None
        continues = nxt is not None and opens_with_quote(
            text, analysis.lines[nxt].start, analysis.lines[nxt].end
        )
        quotations: list[Quotation] = []
        previous_end = -1
        for q in find_quotations(text, line.start, line.end, continues=continues):
            quoted = text[q.start : q.end] if q.closed else text[q.start : q.end] + "”"
            if (
                q.end - q.start > 3
                and (
                    _carries_statement(quoted)
                    # a sentence split by its attribution: `“We are ready,” she said, “but not today.”`
                    or (
                        0 <= q.start - previous_end <= 60
                        and text[previous_end : q.start].rstrip().endswith(",")
                    )
                )
            ):
                quotations.append(q)
                previous_end = q.end
        if last_speaker_line < order - 1:
            last_speaker = None  # an unattributed quote continues a speaker of this or the last paragraph
        quote_at = 0
        prev_end = line.start
        covered: list[tuple[int, int]] = []
        cover_at = 0
        for sentence in sentences:
            # Quotations that start in this sentence.
            while quote_at < len(quotations) and quotations[quote_at].start < sentence.end:
                q = quotations[quote_at]
                quote_at += 1
                if q.start < prev_end:
                    continue
                suggestion = _quote(text, q, sentences, starts, prev_end, names, last_speaker, line.end)
                prev_end = q.end
                if suggestion is None:
                    continue
                if unnamed and unnamed_line != order - 1:
                    unnamed = []  # the continuation never came
                if suggestion.speaker and unnamed:
                    # A quote over several paragraphs is attributed once, usually in its last paragraph.
                    for index in unnamed:
                        out[index] = replace(
                            out[index],
                            speaker=suggestion.speaker,
                            reason=out[index].reason.replace(
                                "speaker not found", f"speaker from where it ends: {suggestion.speaker}"
                            ),
                        )
                if not q.closed and suggestion.speaker is None:
                    unnamed.append(len(out))
                    unnamed_line = order
                else:
                    unnamed = []
                out.append(suggestion)
                covered.append((q.start, q.end))
                if suggestion.speaker:
                    last_speaker, last_speaker_line = suggestion.speaker, order
            while cover_at < len(covered) and covered[cover_at][1] <= sentence.start:
                cover_at += 1
            if cover_at < len(covered) and covered[cover_at][0] < sentence.end:
                continue  # the sentence holds a quote: the quote is its label
            names.introduce(sentence.text)
            found = _sentence(sentence, names)
            if found is not None:
                suggestion, speaker = found
                out.append(suggestion)
                if speaker:
                    last_speaker, last_speaker_line = speaker, order
            else:
                _track_subject(sentence.text, names)
    out.sort(key=lambda s: (s.start, s.end))
    return out


def _containing(starts: list[int], sentences: Sequence[Sentence], pos: int) -> Sentence:
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    return sentences[i]


def _quote(
    text: str,
    q: Quotation,
    sentences: Sequence[Sentence],
    starts: list[int],
    prev_end: int,
    names: _Names,
    last_speaker: str | None,
    line_end: int,
) -> Suggestion | None:
    first = _containing(starts, sentences, q.start)
    last = _containing(starts, sentences, max(q.start, q.end - 1))
    # Attribution sits close to the quote: bounded windows keep long paragraphs linear.
    head = text[max(first.start, prev_end, q.start - _WINDOW) : q.start]
    tail_end = min(last.end, line_end, q.end + _WINDOW)
    next_mark = _OPENING.search(text, q.end, tail_end)
    if next_mark:
        tail_end = next_mark.start()
    tail = text[q.end : tail_end]
    inner_len = _words(text[q.start : q.end])
    # A short quote ("Yes," he said) takes its attribution only from right after it: before it, a verb
    # usually introduces a title or a term instead (called "Wild Rose", said on "DWTS.").
    interposed = (
        prev_end > first.start
    )  # `“A,” he said, “b.”`: the head is the attribution between two quotes
    found = _attribution_before(head, names) if head.strip() and (inner_len >= 4 or interposed) else None
    if found is None or found[0].kind == "none":
        found = _attribution_after(tail, names)
    mark = "quotation marks" if q.closed else "quotation marks (continued in the next paragraph)"
    if found is not None and found[0].kind not in ("none", "outlet"):
        speaker_info, verb = found
        name = speaker_info.name
        if (
            speaker_info.kind == "body"
            and name
            and " " not in name
            and _is_cap(name)
            and name not in _ORG_WORDS
        ):
            # A lone capitalised word quoted as speaking ("Parise said") is most often a person's surname.
            speaker_info = _Speaker(name, "person", speaker_info.phrase)
        speaker, how = _resolve(speaker_info, names)
        reason = f"{mark} + '{verb}' -> speaker: {how}"
        return Suggestion(q.start, q.end, text[q.start : q.end], "quote", speaker, reason)
    if found is not None and found[0].kind == "outlet":
        speaker = found[0].name
        return Suggestion(
            q.start,
            q.end,
            text[q.start : q.end],
            "quote",
            speaker,
            f"{mark} + '{found[1]}' -> source: {speaker}",
        )
    # No attribution of its own: an embedded fragment needs one, a standalone quote continues the last.
    standalone = not _clean(head) or (head.rstrip().endswith((":", ",")) and inner_len >= 4)
    if not standalone:
        return None
    if last_speaker:
        return Suggestion(
            q.start,
            q.end,
            text[q.start : q.end],
            "quote",
            last_speaker,
            f"{mark}, no attribution -> speaker of the previous quote or statement: {last_speaker}",
        )
    return Suggestion(q.start, q.end, text[q.start : q.end], "quote", None, f"{mark}, speaker not found")


_SUBJECT_START = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|for|and|de|van|von|der|al|bin|da|di|la|le))*(?=,|\s+[a-z]|\s+\()"
)


_DESCRIBED_SUBJECT = re.compile(
    r"(?:[A-Z][\w’'-]*\s+)?(?:[a-z][\w’'-]*\s+){1,3}((?:[A-Z][\w’'-]*\s+){1,2}[A-Z][\w’'-]*)(?=,|\s+[a-z])"
)


def _track_subject(sentence: str, names: _Names) -> None:
    """A sentence opening on a person's name makes that person the one a later "he" means."""
    body = sentence.lstrip("-•* ")
    if "," in body[:150] and _ADVERBIAL.match(body):
        body = body.split(",", 1)[1].strip()
    described = _DESCRIBED_SUBJECT.match(body, 0, 120)
    if (
        described is not None
    ):  # "Wild defenseman Ryan Suter, who ..." / "Sabres center Casey Mittelstadt said"
        person = _person_from_chunk(described.group(1).split())
        if person:
            names.learn(person, person=True)
            return
    match = _SUBJECT_START.match(body, 0, 120)
    if match is None:
        return
    words = match.group().split()
    if len(words) == 1 and not names.is_known_person(words[0]):
        return
    if any(t.endswith(("’s", "'s")) for t in words):
        return  # "Mr Putin’s claims": a possessive is not the subject
    chunk = [_strip_possessive(t) for t in words]
    person = _person_from_chunk(chunk)
    if person is None and len(chunk) == 1 and names.is_known_person(chunk[0]):
        person = chunk[0]
    if person is None and len(chunk) == 2 and chunk[0] in _HONORIFICS:
        person = chunk[1]
    if person:
        names.learn(person, person=True)


_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")
_OBJECT_STARTS = _set(
    """a an the his her their its another one two three four five six seven eight nine ten more some
    several new extra further further"""
)
_PARTICIPLES = _set("saying adding claiming warning insisting denying alleging telling citing arguing")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$")


def _specifics(body: str, tokens: list[str], words: set[str]) -> list[str]:
    """Up to two concrete details that make a sentence checkable, for the reason line."""
    found: list[str] = []

    def add(entry: str) -> bool:
        if entry not in found:
            found.append(entry)
        return len(found) == 2

    if not words.isdisjoint(_SPECIFIC_TRIGGERS):
        for m in _CAPITALISED.finditer(body):
            if m.group() in _MONTH_DAY and add(f"date '{m.group()}'"):
                return found
        for i, tok in enumerate(tokens):
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if tok in _DAY_WORDS:
                entry = f"date '{tok}'"
            elif (tok in _RELATIVE and after in _SEASON_SET) or (
                tok in _ORDINAL_SET
                and (after in _TIME_NOUN_SET or (i + 2 < len(tokens) and tokens[i + 2] in _TIME_NOUN_SET))
            ):
                entry = f"date '{tok} {after}'"
            elif tok in _NUMBER_SET:
                entry = f"quantity '{tok}'"
            else:
                continue
            if add(entry):
                return found
    for m in _NUMBER.finditer(body):
        if add(f"number '{m.group().rstrip('.,')}'"):
            break
    return found


def _passive(text: str, verb: re.Match[str]) -> bool:
    """Not an attribution: "were told to leave" (an instruction), "before adding" (no speaker)."""
    word = verb.group()
    if word in _PARTICIPLES and not text[max(0, verb.start() - 2) : verb.start()].startswith(","):
        return True
    if word in ("added", "adds", "adding"):
        following = _NEXT_WORD.match(text, verb.end(), verb.end() + 20)
        if following and (following.group(1).lower() in _OBJECT_STARTS or following.group(1)[:1].isdigit()):
            return True  # "Marchand added three assists": an object, not words spoken
    return bool(_PASSIVE_BEFORE.search(text[max(0, verb.start() - 30) : verb.start()])) or (
        verb.group() in ("told", "tells") and text[verb.end() : verb.end() + 5].lstrip().startswith("to ")
    )


def _sentence(sentence: Sentence, names: _Names) -> tuple[Suggestion, str | None] | None:
    text = sentence.text
    body = text.lstrip("-•* ")
    if _is_heading(body) or body.rstrip().endswith("?"):
        return None
    tokens = _WORD_RUN.findall(body.lower())
    if len(tokens) < 5:
        return None
    words = set(tokens)
    strong = weak = contested = None
    if not words.isdisjoint(_STRONG_WORDS) or "according" in words or "statement" in words:
        strong = next((m for m in _CLAIM_STRONG.finditer(body) if not _passive(body, m)), None)
    if "that" in words and not words.isdisjoint(_WEAK_WORDS):
        weak = _CLAIM_WEAK.search(body)
    if tokens[0] == "there" or not words.isdisjoint(_CONTESTED_WORDS):
        contested = _CONTESTED.search(body)
    if not (strong or weak) and not words.isdisjoint(_FINDING_VERBS) and not words.isdisjoint(_DATA_NOUNS):
        weak = _DATA_SHOWED.search(body)  # "government data showed", "a study found"
    cue_match = strong or weak or contested
    if cue_match is not None:
        cue = cue_match.group()
        info = _speaker_of_sentence(body, names)
        speaker = carried = None
        if info is not None and info.kind != "none":
            speaker, _ = _resolve(info, names)
            if speaker and len(speaker.split()) > 8:
                speaker = None
            if info.kind in ("person", "pronoun", "description"):
                carried = speaker  # an unattributed quote next may continue this person's words
        if contested and not (strong or weak):
            reason = f"presented as contested: '{cue.strip()}'"
        else:
            if weak and not strong and cue.endswith(" that"):
                cue = cue.split()[0] + " ... that"
            reason = f"attribution: '{cue}'"
            if speaker:
                reason += f" -> source: {speaker}"
        _track_subject(text, names)
        return Suggestion(sentence.start, sentence.end, text, "claim", None, reason), carried
    if (not words.isdisjoint(_FIRST_PERSON) and _FIRST_PERSON_RE.search(body)) or _LIST_STEP.match(body):
        return None  # the writer's aside, a word to the reader, or a numbered step
    if len(tokens) < 6 or not words.isdisjoint(_HEDGE_WORDS) or ("may" in words and _MAY.search(body)):
        return None  # hedged: a possibility, not a checkable statement
    kinds = _specifics(body, tokens, words)
    if not kinds:
        return None
    _track_subject(text, names)
    return Suggestion(
        sentence.start, sentence.end, text, "fact", None, "own voice + specifics: " + ", ".join(kinds)
    ), None
