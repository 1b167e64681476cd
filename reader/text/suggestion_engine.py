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
from reader.text.speakers import (
    WINDOW,
    Names,
    Speaker,
    attribution_after,
    attribution_before,
    clean,
    is_capitalised,
    not_attribution,
    resolve,
    speaker_of_sentence,
    track_subject,
)
from reader.text.words import (
    CLAIM_VERBS,
    CLAUSE_VERBS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    ORG_WORDS,
    PERSONAL_PRONOUNS,
    WEEKDAYS,
    alternation,
    word_set,
)

LABELS = ("claim", "quote", "fact")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A tag the user may accept: offsets into Document.text, like a Sentence's; `reason` is one line."""

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
_WORD_RUN = re.compile(r"\w+")
_OPENING = re.compile(r"[“\"«]")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")


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
    names = Names()
    out: list[Suggestion] = []
    last_speaker: str | None = None  # the speaker of the last quote or attributed sentence
    last_speaker_line = -10
    last_speaker_at = -1  # where the quote or sentence that named last_speaker ends
    previous_start = 0  # where the previous sentence starts
    previous_subject: str | None = None  # the person the previous sentence was about
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
        heading = _is_heading(line.text)  # quotes in a headline are not labelled (guidelines)
        for q in [] if heading else find_quotations(text, line.start, line.end, continues=continues):
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
            # Who the sentence is about, before its quotes: "Carlineo was arrested ..., in which he said “”".
            names.introduce(sentence.text)
            subject = track_subject(sentence.text, names)
            # An unattributed quote continues the speaker of the sentence just before it, or failing that
            # the person that sentence was about ("First Minister X chaired a meeting. “I want to ...”").
            context = last_speaker if last_speaker_at > previous_start else previous_subject
            # Quotations that start in this sentence.
            while quote_at < len(quotations) and quotations[quote_at].start < sentence.end:
                q = quotations[quote_at]
                quote_at += 1
                if q.start < prev_end:
                    continue
                suggestion = _quote(
                    text, q, sentences, starts, prev_end, names, last_speaker, context, line.end
                )
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
                    last_speaker, last_speaker_line, last_speaker_at = suggestion.speaker, order, q.end
                    context = last_speaker
            while cover_at < len(covered) and covered[cover_at][1] <= sentence.start:
                cover_at += 1
            previous_subject, previous_start = subject, sentence.start
            if cover_at < len(covered) and covered[cover_at][0] < sentence.end:
                continue  # the sentence holds a quote: the quote is its label
            found = _sentence(sentence, names)
            if found is not None:
                suggestion, speaker = found
                out.append(suggestion)
                if speaker:
                    last_speaker, last_speaker_line, last_speaker_at = speaker, order, sentence.end
            elif sentence.text.endswith(":"):
                # "Zelensky wrote on Telegram:" introduces the quote in the next paragraph.
                info = speaker_of_sentence(sentence.text, names)
                if info is not None and info.kind in ("person", "body", "pronoun", "description"):
                    name, _ = resolve(info, names)
                    if name:
                        last_speaker, last_speaker_line, last_speaker_at = name, order, sentence.end
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
    names: Names,
    last_speaker: str | None,
    context: str | None,
    line_end: int,
) -> Suggestion | None:
    first = _containing(starts, sentences, q.start)
    last = _containing(starts, sentences, max(q.start, q.end - 1))
    # Attribution sits close to the quote: bounded windows keep long paragraphs linear.
    head = text[max(first.start, prev_end, q.start - WINDOW) : q.start]
    tail_end = min(last.end, line_end, q.end + WINDOW)
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
    found = attribution_before(head, names) if head.strip() and (inner_len >= 4 or interposed) else None
    if found is None or found[0].kind == "none":
        found = attribution_after(tail, names)
    mark = "quotation marks" if q.closed else "quotation marks (continued in the next paragraph)"
    if found is not None and found[0].kind not in ("none", "outlet"):
        speaker_info, verb = found
        name = speaker_info.name
        if (
            speaker_info.kind == "body"
            and name
            and " " not in name
            and is_capitalised(name)
            and name not in ORG_WORDS
        ):
            # A lone capitalised word quoted as speaking ("Parise said") is most often a person's surname.
            speaker_info = Speaker(name, "person", speaker_info.phrase)
        if speaker_info.kind == "document":  # "the statement said": whoever was said to issue it
            speaker = last_speaker
            how = f"'{speaker_info.phrase}' = {last_speaker} (named before)" if last_speaker else "?"
        else:
            speaker, how = resolve(speaker_info, names)
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
    standalone = not clean(head) or (head.rstrip().endswith((":", ",")) and inner_len >= 4)
    if not standalone:
        return None
    if context:
        return Suggestion(
            q.start,
            q.end,
            text[q.start : q.end],
            "quote",
            context,
            f"{mark}, no attribution -> speaker of the sentence before: {context}",
        )
    return Suggestion(q.start, q.end, text[q.start : q.end], "quote", None, f"{mark}, speaker not found")


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


def _sentence(sentence: Sentence, names: Names) -> tuple[Suggestion, str | None] | None:
    text = sentence.text
    body = text.lstrip("-•* ")
    if _is_heading(body) or body.rstrip().endswith("?"):
        return None
    tokens = _WORD_RUN.findall(body.lower())
    if len(tokens) < 5:
        return None
    words = set(tokens)
    strong = weak = contested = None
    if not words.isdisjoint(CLAIM_VERBS) or "according" in words or "statement" in words:
        strong = next((m for m in _CLAIM_STRONG.finditer(body) if not not_attribution(body, m)), None)
    if "that" in words and not words.isdisjoint(CLAUSE_VERBS):
        weak = _CLAIM_WEAK.search(body)
    if tokens[0] == "there" or not words.isdisjoint(_CONTESTED_WORDS):
        contested = _CONTESTED.search(body)
    if not (strong or weak) and not words.isdisjoint(_FINDING_VERBS) and not words.isdisjoint(_DATA_NOUNS):
        weak = _DATA_SHOWED.search(body)  # "government data showed", "a study found"
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
        return Suggestion(sentence.start, sentence.end, text, "claim", None, reason), carried
    if (not words.isdisjoint(PERSONAL_PRONOUNS) and _FIRST_PERSON_RE.search(body)) or _LIST_STEP.match(body):
        return None  # the writer's aside, a word to the reader, or a numbered step
    if len(tokens) < 6 or not words.isdisjoint(_HEDGE_WORDS) or ("may" in words and _MAY.search(body)):
        return None  # hedged: a possibility, not a checkable statement
    kinds = _specifics(body, tokens, words)
    if not kinds:
        return None
    return Suggestion(
        sentence.start, sentence.end, text, "fact", None, "own voice + specifics: " + ", ".join(kinds)
    ), None
