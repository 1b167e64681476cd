"""Claims and facts: a sentence's label from its own words (reader/guidelines.md).

A claim is attributed ("officials said", "according to", "a study found") or presented as contested;
a fact is in the writer's own voice, unhedged, with a concrete date, number or quantity. Quotes are
the engine's business (`suggestion_engine`): this module looks at one sentence at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.text.names import Names
from reader.text.sentences import SENTENCE_END_MARKS
from reader.text.speakers import not_attribution, resolve, speaker_of_sentence
from reader.text.words import (
    CLAIM_VERBS,
    CLAUSE_VERBS,
    FUNCTION_CAPS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PERSONAL_PRONOUNS,
    WEEKDAYS,
    alternation,
    word_set,
)


@dataclass(frozen=True, slots=True)
class SentenceLabel:
    """A claim or fact for one sentence: `carried` is the speaker an unattributed quote next may continue."""

    label: str
    reason: str
    carried: str | None


_HEDGE_WORDS = word_set(
    """might could would should likely unlikely possibly perhaps probably seem seems appear appears
    apparently expected believed feared suspected allegedly"""
)
_FINDING_VERBS = word_set("showed shows show found finds suggested suggests indicated indicates revealed")
_DATA_NOUNS = word_set(
    "data figures statistics survey surveys study studies poll polls report research analysis census records"
)
_CONTESTED_WORDS = word_set("unconfirmed unverified disputed")
_SEASON_SET = word_set("week month year spring summer autumn fall winter")
_DAY_WORDS = word_set("yesterday today tonight")
_MONTH_DAY = MONTHS | MONTH_ABBREVIATIONS | WEEKDAYS
# Words without which `_specifics` finds no date or quantity word: one set test skips its loops.
_SPECIFIC_TRIGGERS = (
    frozenset(w.lower() for w in _MONTH_DAY) | NUMBER_WORDS | ORDINALS | _SEASON_SET | _DAY_WORDS
)


_DATA_SHOWED = re.compile(
    rf"\b(?:{alternation(_DATA_NOUNS)})\s+(?:\w+\s+){{0,2}}?(?:{alternation(_FINDING_VERBS)})\b",
    re.IGNORECASE,
)
_REPORTED_FEAR = re.compile(
    r"\b(?:fears|concerns|speculation|worries|suspicion|suspicions|hopes)\s+(?:\w+\s+){0,3}?that\b"
)
_OWN_ANALYSIS = re.compile(r"\b(?:19|20)\d\d\s+(?:\w+\s+)?(?:analysis|review|study)\b|\bof the data\b", re.I)
_CLAIM_STRONG = re.compile(rf"\b(?:{alternation(CLAIM_VERBS)})\b|\b[Aa]ccording to\b|\bin a statement\b")
_CLAIM_WEAK = re.compile(rf"\b(?:{alternation(CLAUSE_VERBS)})\s+(?:\w+\s+){{0,2}}?that\b")
_CONTESTED = re.compile(
    r"^(?:There|there)\s+(?:have|has|had)?\s*(?:been|are|were|is|was)\s+(?:\w+\s+)?"
    r"(?:fears|concerns|claims|allegations|reports|rumou?rs|speculation|suggestions|accusations)\b"
    rf"|\b(?:{alternation(_CONTESTED_WORDS)})\b"
)
_MAY = re.compile(r"\bmay\b")  # the modal; "May" is also a month
_NUMBER = re.compile(r"(?<![\w.,])\d[\w$£€.,%\-]*")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_TIME_NOUN_SET = word_set(
    "day days week weeks month months year years time anniversary visit round quarter half hour hours"
)
_RELATIVE = word_set("last this next")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us|me|[Yy]ou|[Yy]our)\b")
_LIST_STEP = re.compile(r"\d{1,2}[.)]\s")
# A step of instructions starts with its verb ("Heat the oil", "Add the cumin"): an instruction, not a fact.
_IMPERATIVES = word_set(
    """add heat stir simmer mix bake cook place pour serve chop whisk combine remove season blend preheat
    bring cut slice fry boil drain put take make let open click press select tap install run type use
    check set turn keep store cover leave spread sprinkle fold beat melt grease line toss rinse peel"""
)
_WORD_RUN = re.compile(r"\w+")
_TERMINAL = re.compile(rf"[{SENTENCE_END_MARKS}][\"'”’)\]」』）]*$|[\"”’」』]$")


_PARTICIPLE_CONTENT = re.compile(r"\s*(?:that\b|[:“\"«]|\w+\s+(?:that\b|[:“\"«]))")


def _attributes(body: str, verb: re.Match[str]) -> bool:
    """ "..., adding that the talks failed" attributes; "..., adding thousands of pounds to the cost" does
    not: a participle needs what was said after it."""
    if not verb.group().endswith("ing"):
        return True
    return bool(_PARTICIPLE_CONTENT.match(body, verb.end()))


def is_heading(text: str) -> bool:
    """No sentence punctuation at the end: a headline or sub-heading, which is not labelled."""
    return not _TERMINAL.search(text.rstrip()[-8:])


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
                tok in ORDINALS
                and (after in _TIME_NOUN_SET or (i + 2 < len(tokens) and tokens[i + 2] in _TIME_NOUN_SET))
            ):
                entry = f"date '{tok} {after}'"
            elif tok in NUMBER_WORDS:
                entry = f"quantity '{tok}'"
            else:
                continue
            if add(entry):
                return found
    for m in _NUMBER.finditer(body):
        if add(f"number '{m.group().rstrip('.,')}'"):
            break
    return found


def label_sentence(text: str, names: Names) -> SentenceLabel | None:
    """A claim or a fact for one sentence's text, or None; `names` learns the source it names."""
    body = text.lstrip("-•* ")
    if is_heading(body) or body.rstrip().endswith("?"):
        return None
    tokens = _WORD_RUN.findall(body.lower())
    if len(tokens) < 5:
        return None
    words = set(tokens)
    strong = weak = contested = None
    if not words.isdisjoint(CLAIM_VERBS) or "according" in words or "statement" in words:
        strong = next(
            (
                m
                for m in _CLAIM_STRONG.finditer(body)
                if not not_attribution(body, m) and _attributes(body, m)
            ),
            None,
        )
    if "that" in words and not words.isdisjoint(CLAUSE_VERBS):
        weak = _CLAIM_WEAK.search(body)
    if tokens[0] == "there" or not words.isdisjoint(_CONTESTED_WORDS):
        contested = _CONTESTED.search(body)
    if not (strong or weak) and not words.isdisjoint(_FINDING_VERBS) and not words.isdisjoint(_DATA_NOUNS):
        weak = _DATA_SHOWED.search(body)  # "government data showed", "a study found"
        if weak and _OWN_ANALYSIS.search(body[max(0, weak.start() - 30) : weak.end()]):
            weak = None  # "a 2018 analysis of the data found": the writer's own reading of data
    cue_match = strong or weak or contested
    if cue_match is not None:
        cue = cue_match.group()
        info = speaker_of_sentence(body, names)
        speaker = carried = None
        if info is not None and info.kind != "none":
            speaker, _ = resolve(info, names)
            if speaker and len(speaker.split()) > 8:
                speaker = None
            relayed = cue.startswith(("according", "According")) or cue in ("reported", "citing")
            if info.kind in ("person", "pronoun", "description") or (info.kind == "body" and not relayed):
                carried = speaker  # an unattributed quote next may continue this speaker's words
        if contested and not (strong or weak):
            reason = f"presented as contested: '{cue.strip()}'"
        else:
            if weak and not strong and cue.endswith(" that"):
                cue = cue.split()[0] + " ... that"
            reason = f"attribution: '{cue}'"
            if speaker:
                reason += f" -> source: {speaker}"
        return SentenceLabel("claim", reason, carried)
    if (not words.isdisjoint(PERSONAL_PRONOUNS) and _FIRST_PERSON_RE.search(body)) or _LIST_STEP.match(body):
        return None  # the writer's aside, a word to the reader, or a numbered step
    if tokens[0] in _IMPERATIVES:
        return None  # "Heat the oil ...": a recipe's or a manual's step
    main = _REPORTED_FEAR.split(body, maxsplit=1)[0]  # "..., fueling fears that X could": X is the fear's
    main_words = set(_WORD_RUN.findall(main.lower())) if main is not body else words
    if (
        len(tokens) < 6
        or not main_words.isdisjoint(_HEDGE_WORDS)
        or ("may" in main_words and _MAY.search(main))
    ):
        return None  # hedged: a possibility, not a checkable statement
    kinds = _specifics(body, tokens, words)
    if not kinds:
        named = _named_event(body, tokens, words)
        if named is None:
            return None
        return SentenceLabel("fact", f"own voice + a named actor and a completed event: '{named}'", None)
    return SentenceLabel("fact", "own voice + specifics: " + ", ".join(kinds), None)


# A completed or ongoing event: "have been running", "has closed", "was moved", "visited".
_IRREGULAR_PAST = (
    "held|met|made|took|gave|sent|went|came|began|won|lost|led|left|fell|rose|hit|struck|spoke|saw|became"
    "|brought|built|fought|kept|paid|ran|set|shot|sold|stood|drew|flew|grew|threw|sought|bought|caught|fled"
)
_DONE = re.compile(
    r"\b(?:has|have|had)\s+(?:\w+ly\s+|not\s+|so far\s+|also\s+)?(?:been\b|\w+(?:ed|en|wn|un|ng)\b)"
    rf"|\b(?:was|were)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b|\b\w{{3,}}ed\b|\b(?:{_IRREGULAR_PAST})\b"
)
_FOR_COMMENT = re.compile(
    r"\bfor (?:a )?comment\b|\brequest for comment\b|\bdid not (?:immediately )?respond\b"
)
_PROPER = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:[’']s)?\b")
_NOT_NAMES = FUNCTION_CAPS | MONTHS | WEEKDAYS


def _named_event(body: str, tokens: list[str], words: set[str]) -> str | None:
    """A sentence in the writer's voice about a named country, body or person that did something
    ("Russia and Belarus have been running joint military drills"): checkable though it holds no number."""
    if len(tokens) < 8:
        return None
    done = _DONE.search(body)
    if done is None:
        return None
    if _FOR_COMMENT.search(body):
        return None  # "X reached out to Y for comment": the newsroom's own step, not the story
    names = [m.group() for m in _PROPER.finditer(body) if m.group() not in _NOT_NAMES]
    return names[0] if names else None
