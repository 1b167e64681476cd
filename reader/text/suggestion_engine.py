"""Suggested claim/quote/fact tags: offline, instant, explainable (reader/guidelines.md).

Rules, not a model: quotes come from paired quote marks and name their speaker from the
attribution around them; claims from attribution patterns; facts from unattributed, unhedged
sentences with concrete specifics (`claims`). `suggest` walks the paragraphs once and hands each
sentence to `SENTENCE_RULES`, a few named steps that share a `Reading` of the document so far.
Each suggestion carries a one-line reason so the user can see why it was made. Everything is one
pass over the sentences: linear in the article's length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from annotations.model import DEFAULT_LABELS
from reader.text.claims import is_heading, label_sentence
from reader.text.names import Names, clean, is_capitalised, track_subject
from reader.text.pipeline import Analysis, LineInfo, Sentence
from reader.text.quotes import Quotation, find_quotations, opens_with_quote
from reader.text.speakers import (
    WINDOW,
    Speaker,
    attribution_after,
    attribution_before,
    resolve,
    speaker_of_sentence,
)
from reader.text.words import ORG_WORDS

LABELS = DEFAULT_LABELS  # what the engine suggests


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


_WORD_RUN = re.compile(r"\w+")
_OPENING = re.compile(r"[“\"«]")


# --- the engine: one pass over paragraphs and their sentences, a few named rules per sentence ---


@dataclass(slots=True)
class Reading:
    """What the engine carries from sentence to sentence through one document."""

    text: str
    names: Names = field(default_factory=Names)
    out: list[Suggestion] = field(default_factory=list)
    last_speaker: str | None = None  # the speaker of the last quote or attributed sentence
    last_speaker_line: int = -10
    last_speaker_at: int = -1  # where the quote or sentence that named last_speaker ends
    previous_start: int = 0  # where the previous sentence starts
    previous_subject: str | None = None  # the person the previous sentence was about
    unnamed: list[int] = field(default_factory=list)  # quotes left open at a paragraph end, no speaker yet
    unnamed_line: int = -10
    subject: str | None = None  # the person the current sentence is about
    context: str | None = None  # who an unattributed quote in the current sentence continues

    def heard(self, speaker: str, order: int, at: int) -> None:
        """`speaker` spoke in paragraph `order`, up to offset `at`."""
        self.last_speaker, self.last_speaker_line, self.last_speaker_at = speaker, order, at


@dataclass(slots=True)
class Paragraph:
    """One kept line with its sentences and the quotations that may be labelled in it."""

    order: int  # position among the lines that hold sentences
    line: LineInfo
    sentences: list[Sentence]
    starts: list[int]
    quotations: list[Quotation]
    quote_at: int = 0  # the next quotation to look at
    prev_end: int = 0  # where the last quotation looked at ends
    covered: list[tuple[int, int]] = field(default_factory=list)  # quotes labelled in this paragraph
    cover_at: int = 0


def suggest(analysis: Analysis) -> list[Suggestion]:
    """Suggestions for one analysed document, sorted by start; the same input gives the same output."""
    text = analysis.document.text
    by_line: dict[int, list[Sentence]] = {}
    for sentence in analysis.sentences:
        by_line.setdefault(sentence.line, []).append(sentence)
    line_ids = sorted(by_line)
    reading = Reading(text)
    for order, line_id in enumerate(line_ids):
        nxt = line_ids[order + 1] if order + 1 < len(line_ids) else None
        paragraph = _paragraph(reading, order, analysis.lines[line_id], by_line[line_id], analysis, nxt)
        for sentence in paragraph.sentences:
            if not sentence.taggable:
                continue  # headlines, headings, captions and metadata are nobody's statement
            for rule in SENTENCE_RULES:
                if rule(reading, paragraph, sentence):
                    break
    out = reading.out
    out.sort(key=lambda s: (s.start, s.end))
    return out


def _paragraph(
    reading: Reading,
    order: int,
    line: LineInfo,
    sentences: list[Sentence],
    analysis: Analysis,
    nxt: int | None,
) -> Paragraph:
    """Open a paragraph: its statement quotations, and forget a speaker from before the last one."""
    text = reading.text
    continues = nxt is not None and opens_with_quote(text, analysis.lines[nxt].start, analysis.lines[nxt].end)
    quotations: list[Quotation] = []
    previous_end = -1
    heading = is_heading(line.text)  # quotes in a headline are not labelled (guidelines)
    for q in [] if heading else find_quotations(text, line.start, line.end, continues=continues):
        if _statement_quotation(text, q, previous_end):
            quotations.append(q)
            previous_end = q.end
    if reading.last_speaker_line < order - 1:
        reading.last_speaker = None  # an unattributed quote continues a speaker of this or the last paragraph
    return Paragraph(order, line, sentences, [s.start for s in sentences], quotations, prev_end=line.start)


def _statement_quotation(text: str, q: Quotation, previous_end: int) -> bool:
    """A quotation worth labelling: it carries a statement, or it resumes one after its attribution."""
    quoted = text[q.start : q.end] if q.closed else text[q.start : q.end] + "”"
    return (
        q.end - q.start > 3
        and (
            _carries_statement(quoted)
            # a sentence split by its attribution: `“We are ready,” she said, “but not today.”`
            or (0 <= q.start - previous_end <= 60 and text[previous_end : q.start].rstrip().endswith(","))
        )
    )


# A sentence rule returns True when the sentence needs no further rule.
SentenceRule = Callable[[Reading, Paragraph, Sentence], bool]


def follow_subject(reading: Reading, paragraph: Paragraph, sentence: Sentence) -> bool:
    """Who the sentence is about, before its quotes: "Carlineo was arrested ..., in which he said “”"."""
    reading.names.introduce(sentence.text)
    reading.subject = track_subject(sentence.text, reading.names)
    # An unattributed quote continues the speaker of the sentence just before it, or failing that
    # the person that sentence was about ("First Minister X chaired a meeting. “I want to ...”").
    if reading.last_speaker_at > reading.previous_start:
        reading.context = reading.last_speaker
    else:
        reading.context = reading.previous_subject
    return False


def label_quotes(reading: Reading, paragraph: Paragraph, sentence: Sentence) -> bool:
    """Each quotation that starts in this sentence becomes a quote, with the speaker its attribution names."""
    quotations = paragraph.quotations
    while paragraph.quote_at < len(quotations) and quotations[paragraph.quote_at].start < sentence.end:
        q = quotations[paragraph.quote_at]
        paragraph.quote_at += 1
        if q.start < paragraph.prev_end:
            continue
        suggestion = _quote(
            reading.text,
            q,
            paragraph.sentences,
            paragraph.starts,
            paragraph.prev_end,
            reading.names,
            reading.last_speaker,
            reading.context,
            paragraph.line.end,
        )
        paragraph.prev_end = q.end
        if suggestion is None:
            continue
        _attribute_open_quotes(reading, paragraph.order, q, suggestion)
        reading.out.append(suggestion)
        paragraph.covered.append((q.start, q.end))
        if suggestion.speaker:
            reading.heard(suggestion.speaker, paragraph.order, q.end)
            reading.context = suggestion.speaker
    return False


def _attribute_open_quotes(reading: Reading, order: int, q: Quotation, suggestion: Suggestion) -> None:
    """A quote over several paragraphs is attributed once, usually in its last paragraph."""
    if reading.unnamed and reading.unnamed_line != order - 1:
        reading.unnamed = []  # the continuation never came
    if suggestion.speaker and reading.unnamed:
        out = reading.out
        for index in reading.unnamed:
            out[index] = replace(
                out[index],
                speaker=suggestion.speaker,
                reason=out[index].reason.replace(
                    "speaker not found", f"speaker from where it ends: {suggestion.speaker}"
                ),
            )
    if not q.closed and suggestion.speaker is None:
        reading.unnamed.append(len(reading.out))
        reading.unnamed_line = order
    else:
        reading.unnamed = []


def remember_subject(reading: Reading, paragraph: Paragraph, sentence: Sentence) -> bool:
    """The next sentence's unattributed quote may continue the person this one was about."""
    reading.previous_subject, reading.previous_start = reading.subject, sentence.start
    return False


def skip_quoted_sentence(reading: Reading, paragraph: Paragraph, sentence: Sentence) -> bool:
    """A sentence that holds a labelled quote takes no claim or fact label: the quote is its label."""
    covered = paragraph.covered
    while paragraph.cover_at < len(covered) and covered[paragraph.cover_at][1] <= sentence.start:
        paragraph.cover_at += 1
    return paragraph.cover_at < len(covered) and covered[paragraph.cover_at][0] < sentence.end


def label_claim_or_fact(reading: Reading, paragraph: Paragraph, sentence: Sentence) -> bool:
    """An attributed sentence is a claim, a checkable one in the writer's voice a fact (`claims`)."""
    found = label_sentence(sentence.text, reading.names)
    if found is None:
        return False
    reading.out.append(
        Suggestion(sentence.start, sentence.end, sentence.text, found.label, None, found.reason)
    )
    if found.carried:
        reading.heard(found.carried, paragraph.order, sentence.end)
    return True


def introduce_next_quote(reading: Reading, paragraph: Paragraph, sentence: Sentence) -> bool:
    """ "Zelensky wrote on Telegram:" introduces the quote in the next paragraph."""
    if sentence.text.endswith(":"):
        info = speaker_of_sentence(sentence.text, reading.names)
        if info is not None and info.kind in ("person", "body", "pronoun", "description"):
            name, _ = resolve(info, reading.names)
            if name:
                reading.heard(name, paragraph.order, sentence.end)
    return True


# In order: a rule that returns True ends the sentence's turn.
SENTENCE_RULES: tuple[SentenceRule, ...] = (
    follow_subject,
    label_quotes,
    remember_subject,
    skip_quoted_sentence,
    label_claim_or_fact,
    introduce_next_quote,
)


# --- quotes -------------------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(_WORD_RUN.findall(text))


def _carries_statement(text: str) -> bool:
    """Four words or more, or a complete utterance; not a scare quote or a name."""
    inner = text[1:-1].strip() if len(text) > 2 else ""
    if _words(inner) >= 4:
        return True
    letters = [c for c in inner if c.isalpha()]
    return bool(letters) and letters[0].isupper() and inner[-1:] in ".,!?…"


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
