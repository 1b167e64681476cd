"""Direct speech in the other languages we read: dash-led speech and speakers from attribution verbs.

Russian, Ukrainian, Belarusian and Polish news write direct speech after a dash at the start of a
paragraph ("— Все службы сработали штатно, — сказал он."), and everywhere the speaker follows a verb of
saying ("заявил Андреев", "сказав міський голова Андрій Садовий", "powiedział wiceminister Piotr
Zieliński", "sagte Bahn-Vorstand Michael Peterson", "a déclaré M. Dupont", "ha declarado el delegado
Borja Carabante"), or precedes it with a colon ("Андреев заявил: «...»"). Pronouns ("сказал он")
stand for the last speaker. English keeps its own, richer rules (speakers.py).
"""

from __future__ import annotations

import re

from reader.text.quotes import Quotation
from reader.text.words import word_set

SPEECH_VERBS = {
    "ru": "заявил заявила заявили сказал сказала сказали сообщил сообщила сообщили отметил отметила "
    "подчеркнул подчеркнула добавил добавила пояснил пояснила написал написала ответил ответила "
    "признал признала уточнил уточнила рассказал рассказала считает говорит",
    "uk": "заявив заявила заявили сказав сказала сказали повідомив повідомила повідомили зазначив "
    "зазначила наголосив наголосила додав додала пояснив пояснила написав написала відповів відповіла "
    "розповів розповіла вважає каже",
    "be": "заявіў заявіла сказаў сказала паведаміў паведаміла адзначыў адзначыла дадаў дадала "
    "растлумачыў растлумачыла напісаў напісала расказаў расказала",
    "pl": "powiedział powiedziała stwierdził stwierdziła dodał dodała podkreślił podkreśliła zapowiedział "
    "zapowiedziała oświadczył oświadczyła napisał napisała przekazał przekazała zaznaczył zaznaczyła "
    "mówi uważa",
    "de": "sagte sagt erklärte erklärt betonte betont fügte schrieb teilte meinte warnte kündigte sagten",
    "fr": "déclaré dit affirmé ajouté expliqué souligné indiqué estimé précisé déclare affirme explique "
    "estime",
    "es": "declarado dicho afirmado explicado señalado asegurado dijo afirmó declaró explicó añadió señaló "
    "aseguró criticó",
}
_VERBS = {lang: word_set(words) for lang, words in SPEECH_VERBS.items()}
PRONOUNS = word_set("он она он. она. він вона ён яна on ona er sie il elle él ella")
_HONORIFICS = word_set("M M. Mme Mme. Mlle Sr Sr. Sra Sra. Srta Srta. Dr Dr. Herr Frau pan pani г-н г-жа")
_HONORIFIC_DOT = re.compile(r"\b(M|Mme|Mlle|Dr|Sr|Sra|Srta)\.")
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐЎ]"
_NAME_RUN = re.compile(rf"(?:(?:{_CAP}[\w'’.-]*)\s+){{0,3}}{_CAP}[\w'’-]+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*\.?")
_DASH_OPEN = re.compile(r"[—–-]\s+(?=\S)")  # used with match(): anchored at the paragraph start
_DASH_CLOSE = re.compile(r"(?<=[,.!?…])\s+[—–-]\s+")
_DASH_RESUME = re.compile(r"(?<=[.!?…])\s+[—–-]\s+(?=\S)")
DASH_LANGUAGES = frozenset({"ru", "uk", "be", "pl", "bg"})


def dash_quotations(text: str, start: int, end: int) -> list[Quotation]:
    """A paragraph opening with a dash is direct speech up to the dash before its attribution, and again
    after a dash that follows the attribution's full stop."""
    lead = _DASH_OPEN.match(text, start, end)
    if lead is None:
        return []
    found: list[Quotation] = []
    q_start = lead.end()
    close = _DASH_CLOSE.search(text, q_start, end)
    if close is None:
        return [Quotation(q_start, _trim(text, q_start, end), True)]
    found.append(Quotation(q_start, _trim(text, q_start, close.start()), True))
    resume = _DASH_RESUME.search(text, close.end(), end)
    if resume is not None:
        found.append(Quotation(resume.end(), _trim(text, resume.end(), end), True))
    return found


def _trim(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return end


def speaker_after(tail: str, language: str) -> str | None:
    """The speaker a verb of saying names after a quotation: ", — сказал он" gives "он"."""
    verbs = _VERBS.get(language)
    if not verbs:
        return None
    clause = _HONORIFIC_DOT.sub(r"\1", tail[:200].lstrip(" ,—–-"))
    clause = re.split(r"[.;!?:«»„“\"]|\s[—–]\s(?=[^\s])", clause, maxsplit=1)[0]
    words = _WORD.findall(clause)
    for i, word in enumerate(words[:6]):
        if word.casefold() in verbs:
            rest = clause[clause.find(word) + len(word) :]
            return _name_in(rest) or _pronoun(words[i + 1 : i + 2])
    return None


def speaker_before(head: str, language: str) -> str | None:
    """ "Андреев заявил: «" / "Piotr Zieliński powiedział: „": the name before the verb."""
    verbs = _VERBS.get(language)
    if not verbs or not head.rstrip().endswith((":", ",")):
        return None
    clause = re.split(r"[.;!?»“”]\s", head[-200:])[-1]
    words = _WORD.findall(clause)
    for i in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if words[i].casefold().strip(".") in verbs:
            before = clause[: clause.rfind(words[i])]
            names = _NAME_RUN.findall(before)
            return _clean(names[-1]) if names else _pronoun(words[i - 1 : i])
    return None


def _name_in(rest: str) -> str | None:
    """The last run of capitalised words in the verb's clause: "міський голова Андрій Садовий"."""
    runs = [r for r in _NAME_RUN.findall(rest[:120]) if r]
    if not runs:
        return None
    multi = [r for r in runs if len(r.split()) >= 2]
    return _clean(multi[-1] if multi else runs[0])


def _clean(name: str) -> str | None:
    words = [w for w in name.split() if (w not in _HONORIFICS and "-" not in w[1:]) or w.count("-") == 0]
    words = [w for w in words if w not in _HONORIFICS]
    while len(words) > 1 and "-" in words[0]:
        words = words[1:]  # "Bahn-Vorstand Michael Peterson": a compound title, not a name
    return " ".join(words) or None


def _pronoun(words: list[str]) -> str | None:
    return words[0].casefold().strip(".") if words and words[0].casefold().strip(".") in PRONOUNS else None
