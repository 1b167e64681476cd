"""Who is speaking: names, titles and pronouns around quotes and attributed sentences.

Plain rules over the words near a speech verb: a bare name segment wins ("Andrii Cherniak, a
representative of ..."), titles are stripped ("Russian President Vladimir Putin" -> "Vladimir Putin"),
an outlet that relays words is not their speaker, and "he"/"she" or "the official" resolve to the
latest person named, never to one already called by the other pronoun (`names`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.text.names import (
    CONNECTORS,
    Names,
    chunks,
    clean,
    is_capitalised,
    person_from_chunk,
    strip_possessive,
)
from reader.text.words import (
    DOCUMENT_NOUNS,
    HONORIFICS,
    OUTLETS,
    ROLE_NOUNS,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    SUBJECT_PRONOUNS,
    alternation,
    word_set,
)

_SPEECH_RE = re.compile(rf"\b(?:{alternation(SPEECH_VERBS)})\b")
_ABBREVIATED = re.compile(
    r"\b(Rep|Reps|Sen|Sens|Gov|Gen|Lt|Col|Sgt|Dr|Mr|Mrs|Ms|Prof|Capt|Adm|Cmdr|Maj|Rev|Hon|Pres|Supt|Det|Insp|"
    r"Amb|Atty|Cpl|Pvt|Fr|Sr|Jr|St)\."
)
_PREP_SEGMENT = re.compile(
    r"(?:in|on|at|after|before|during|since|following|while|speaking|asked|according|for|from|by|with|"
    r"without|despite|under|over|until|earlier|later|last|yesterday|today|meanwhile|however|elsewhere)\b",
    re.IGNORECASE,
)
_SKIP_SEGMENT = re.compile(r"^(?:who|which|whose|whom|a|an|one|who's)\b")
_CLAUSE_START = re.compile(
    r"^(?:where|when|while|as|after|before|since|because|although|though|if|and|but)\s+", re.IGNORECASE
)
_ADVERB_TAIL = re.compile(
    r"(?:\s+(?:has|had|have|was|is|were|will|would|also|then|later|further|meanwhile|previously|"
    r"recently|again|once|earlier|finally|however|too|since|already|still|now|\w+ly))+$"
)
WINDOW = 300  # characters around a quote or verb searched for its attribution
_WHEN_TAIL = re.compile(
    r"\s+(?:on|last|this|earlier|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"week|month|year|night|morning|evening|afternoon)$"
)
_WORD = re.compile(r"[^\W\d_][\w’'.\-]*|\d[\w’'.,\-]*")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    kind: str  # "person", "body", "pronoun", "description", "outlet", "none"
    phrase: str  # the words it came from


@dataclass(slots=True)  # not frozen: a frozen dataclass is slower to build, and one is built per verb
class SubjectPhrase:
    """A subject phrase cut into comma segments; `seg` is the one nearest the verb, `words` its words
    without a leading article."""

    names: Names
    segments: list[str]
    kept: list[str]  # segments that may name the subject: no appositive, no opening phrase
    seg: str
    low: str
    words: list[str]

    @classmethod
    def of(cls, text: str, names: Names) -> SubjectPhrase | None:
        text = text[-WINDOW:]
        text = _ADVERB_TAIL.sub("", _WHEN_TAIL.sub("", clean(_ABBREVIATED.sub(r"\1", text))))
        segments = [clean(_CLAUSE_START.sub("", clean(s))) for s in re.split(r"[,;(]|\s[—–]\s", text)]
        segments = [s for s in segments if s]
        if not segments:
            return None
        # Appositives ("X, a representative of Y,") and opening phrases ("In a statement,") are not the
        # subject; a first segment "an officer" is.
        kept = [
            seg
            for i, seg in enumerate(segments)
            if not (i > 0 and _SKIP_SEGMENT.match(seg)) and not _PREP_SEGMENT.match(seg)
        ]
        seg = kept[-1] if kept else segments[-1]
        low = seg.lower()
        words = _WORD.findall(seg)
        if low.startswith(("the ", "a ", "an ")):
            words = words[1:]
        return cls(names, segments, kept, seg, low, words)


def _parse_subject(text: str, names: Names) -> Speaker:
    """Who a subject phrase names: "the country’s president Alexander Lukashenko" -> the person."""
    phrase = SubjectPhrase.of(text, names)
    if phrase is None:
        return Speaker(None, "none", "")
    for rule in SUBJECT_RULES:
        found = rule(phrase)
        if found is not None:
            return found
    return Speaker(" ".join(phrase.words), "body", phrase.seg)


def bare_name_segment(p: SubjectPhrase) -> Speaker | None:
    """A segment that is a bare name wins ("Andrii Cherniak, a representative of ...")."""
    for seg in p.kept:
        toks = [strip_possessive(t) for t in _WORD.findall(seg)]
        if toks and all(is_capitalised(t) for t in toks) and len(toks) <= 4 and not _SPEECH_RE.search(seg):
            person = person_from_chunk(toks)
            if person:
                return Speaker(person, "person", seg)
            if len(toks) == 1 and (p.names.is_known_person(toks[0])):
                return Speaker(toks[0], "person", seg)
    return None


def no_subject_segment(p: SubjectPhrase) -> Speaker | None:
    """Only appositives and opening phrases: nobody is named."""
    return None if p.kept else Speaker(None, "none", p.segments[-1])


def pronoun(p: SubjectPhrase) -> Speaker | None:
    """ "he said": resolved later to the latest person named."""
    return Speaker(None, "pronoun", p.seg) if p.seg in SUBJECT_PRONOUNS else None


def no_words(p: SubjectPhrase) -> Speaker | None:
    """An article alone names nobody."""
    return None if p.words else Speaker(None, "none", p.seg)


def clause_before_and(p: SubjectPhrase) -> Speaker | None:
    """ "X shared a video and wrote that": the subject starts the clause."""
    words = p.words
    if words[-1] != "and":
        return None
    runs = chunks(words)
    if runs and runs[0][0] == 0:
        a, b = runs[0]
        return Speaker(" ".join(words[a:b]), "body", p.seg)
    first = p.kept[0].split(maxsplit=1)[0]  # "he asked about X, called Y a “Z” and said"
    if first in SUBJECT_PRONOUNS:
        return Speaker(None, "pronoun", first)
    return Speaker(None, "none", p.seg)


def too_long(p: SubjectPhrase) -> Speaker | None:
    """More than fourteen words is a clause, not a subject."""
    return Speaker(None, "none", p.seg) if len(p.words) > 14 else None


def trailing_name(p: SubjectPhrase) -> Speaker | None:
    """A capitalised run ending the phrase: a person after their title, an outlet, or a body."""
    words, seg = p.words, p.seg
    runs = chunks(words)
    if not runs or runs[-1][1] != len(words):
        return None
    a, b = runs[-1]
    chunk = [strip_possessive(t) for t in words[a:b]]
    person = person_from_chunk(chunk)
    if person:
        return Speaker(person, "person", seg)
    if len(chunk) == 1 and (p.names.is_known_person(chunk[0]) or (a > 0 and words[a - 1] in HONORIFICS)):
        return Speaker(chunk[0], "person", seg)
    if a == 0 or words[a - 1].lower() not in CONNECTORS:
        if chunk[0].lower() in OUTLETS or " ".join(chunk).lower() in OUTLETS:
            return Speaker(" ".join(chunk), "outlet", seg)
        if a == 0:
            return Speaker(" ".join(words), "body", seg)
        if len(chunk) == 1 and words[a - 1] in HONORIFICS:
            return Speaker(chunk[0], "person", seg)
        return Speaker(" ".join(chunk), "body" if a > 0 else "person", seg)
    return Speaker(" ".join(words), "body", seg)


def described_role(p: SubjectPhrase) -> Speaker | None:
    """ "the official said": the latest person named, resolved later."""
    if p.words[-1].lower() in ROLE_NOUNS and p.low.startswith("the "):
        return Speaker(None, "description", p.seg)
    return None


def unnamed_role(p: SubjectPhrase) -> Speaker | None:
    """ "an officer shouts": someone unnamed, said as the article says."""
    if p.words[-1].lower() in ROLE_NOUNS and p.low.startswith(("a ", "an ")) and len(p.words) <= 4:
        return Speaker(clean(p.seg), "body", p.seg)
    return None


def issuing_document(p: SubjectPhrase) -> Speaker | None:
    """ "the statement said": whoever issued it, named before."""
    if p.low.startswith("the ") and p.words[-1].lower() in DOCUMENT_NOUNS and len(p.words) <= 3:
        return Speaker(None, "document", p.seg)
    return None


def clause_or_stray_word(p: SubjectPhrase) -> Speaker | None:
    """A clause, a long phrase or a stray lower-case word is not a name."""
    words = p.words
    stray = len(words) == 1 and not is_capitalised(words[0]) and not p.low.startswith("the ")
    if _SPEECH_RE.search(p.seg) or len(words) > 6 or stray:
        return Speaker(None, "none", p.seg)
    return None


SubjectRule = Callable[[SubjectPhrase], Speaker | None]
# In order, the first answer wins; a phrase no rule answers names a body ("the Health Ministry").
SUBJECT_RULES: tuple[SubjectRule, ...] = (
    bare_name_segment,
    no_subject_segment,
    pronoun,
    no_words,
    clause_before_and,
    too_long,
    trailing_name,
    described_role,
    unnamed_role,
    issuing_document,
    clause_or_stray_word,
)


def resolve(speaker: Speaker, names: Names) -> tuple[str | None, str]:
    """A speaker name plus how it was found, for the reason line."""
    if speaker.kind in ("pronoun", "description"):
        pronoun = SUBJECT_PRONOUNS.get(speaker.phrase)
        name = names.refer(pronoun) if pronoun else names.salient
        if name:
            return name, f"'{speaker.phrase}' = {name} (last named person)"
        return None, f"'{speaker.phrase}' with no named person before it"
    if speaker.kind == "person" and speaker.name:
        name = names.learn(speaker.name, person=True)
        return name, name
    return speaker.name, speaker.name or "?"


# --- attribution ------------------------------------------------------------------------------


def attribution_after(tail: str, names: Names) -> tuple[Speaker, str] | None:
    """`,” Polishchuk told TASS` / `,” said John Kirby` / `,” according to BelTA`."""
    tail = _ABBREVIATED.sub(r"\1", tail[:240])
    verb = _SPEECH_RE.search(tail)
    if verb is None:
        acc = re.search(r"\baccording to\s+([^,.;]+)", tail)
        if acc and not clean(tail[: acc.start()]):
            return _parse_subject(acc.group(1), names), "according to"
        return None
    subject = clean(tail[: verb.start()])
    if not subject:
        after = re.match(r"\s*((?:the\s+)?[^,.;:!?]+)", tail[verb.end() :])
        if after is None:
            return None
        obj = re.split(r"\s+(?:in|on|at|during|after|before|when|while|to)\s+", after.group(1))[0]
        return _parse_subject(obj, names), verb.group()
    if len(_WORD.findall(subject)) > 16 or re.search(r"[.!?]\s", subject):
        return None
    return _parse_subject(subject, names), verb.group()


def attribution_before(head: str, names: Names) -> tuple[Speaker, str] | None:
    """`Lukashenko said, “` / `X, a representative of Y, said: “` / `Kirby said ... that Washington “`."""
    verbs = [
        v for v in _SPEECH_RE.finditer(head) if not _NOMINAL.search(head, max(0, v.start() - 8), v.start())
    ]
    if not verbs:
        according = _ACCORDING.search(head)  # `, according to the White House, made a trip for a “...`
        if according is None:
            return None
        return _parse_subject(according.group(1), names), "according to"
    verb = verbs[-1]
    subject = head[: verb.start()]
    if not clean(subject):
        return None
    found = _parse_subject(subject, names)
    if found.kind == "none":
        # "a call, in which he said", "the staff member recalled that he said": the clause's own subject.
        clause = _LAST_CLAUSE.search(subject)
        if clause is not None and clean(clause.group(1)):
            found = _parse_subject(clause.group(1), names)
    return found, verb.group()


_ACCORDING = re.compile(r"\baccording to\s+([^,.;:]+)", re.IGNORECASE)
_LAST_CLAUSE = re.compile(
    r"\b(?:that|which|who|whom|where|when|while|because)\s+((?:(?!\b(?:that|which|who)\b).)*)$"
)


# "the claims", "Putin’s claims": the word is a noun there, not a verb of speech.
_NOMINAL = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|these|those|such|our|my)|[’']s)\s+$", re.IGNORECASE
)
_SOURCE_RE = re.compile(
    rf"\b(?:{alternation(SPEECH_VERBS | word_set('reported reports alleged believes'))}|according to)\b"
)


def speaker_of_sentence(text: str, names: Names) -> Speaker | None:
    """The source an attributed sentence names, preferring a person over the outlet relaying them."""
    best: Speaker | None = None
    for count, verb in enumerate(_SOURCE_RE.finditer(text)):
        if count == 6:
            break
        if not_attribution(text, verb) or re.search(
            r"[’']s\s+$", text[max(0, verb.start() - 3) : verb.start()]
        ):
            continue  # "were told to", "Mr Putin’s claims": no source here
        if verb.group() == "according to":
            after = re.match(
                r"\s*([^,.;:!?]+)", _ABBREVIATED.sub(r"\1", text[verb.end() : verb.end() + WINDOW])
            )
            found = _parse_subject(after.group(1), names) if after else Speaker(None, "none", "")
        else:
            before = text[max(0, verb.start() - WINDOW) : verb.start()]
            cut = max(before.rfind(". "), before.rfind(" that "), before.rfind("“"), before.rfind('"'))
            if cut >= 0:
                before = before[cut + 1 :]
            if clean(before):
                found = _parse_subject(before, names)
            else:
                after = re.match(
                    r"\s*([^,.;:!?]+)", _ABBREVIATED.sub(r"\1", text[verb.end() : verb.end() + WINDOW])
                )
                found = _parse_subject(after.group(1), names) if after else Speaker(None, "none", "")
        if found.kind == "person":
            return found
        if best is None or best.kind in ("none", "outlet"):
            best = found
    return best


_NEXT_WORD = re.compile(r"\s+([\w’'-]+)")
_OBJECT_STARTS = word_set(
    """a an the his her their its another one two three four five six seven eight nine ten more some
    several new extra further further"""
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|get|got)\s+(?:\w+ly\s+)?$")


def not_attribution(text: str, verb: re.Match[str]) -> bool:
    """Not an attribution: "were told to leave" (an instruction), "before adding" (no speaker)."""
    word = verb.group()
    if word in SPEECH_PARTICIPLES and not text[max(0, verb.start() - 2) : verb.start()].startswith(","):
        return True
    if word in ("added", "adds", "adding"):
        following = _NEXT_WORD.match(text, verb.end(), verb.end() + 20)
        if following and (following.group(1).lower() in _OBJECT_STARTS or following.group(1)[:1].isdigit()):
            return True  # "Marchand added three assists": an object, not words spoken
    return bool(_PASSIVE_BEFORE.search(text[max(0, verb.start() - 30) : verb.start()])) or (
        verb.group() in ("told", "tells") and text[verb.end() : verb.end() + 5].lstrip().startswith("to ")
    )
