"""People named so far in an article, and the person's name inside a capitalised run of words.

"Russian President Vladimir Putin" -> "Vladimir Putin"; a surname seen once ("Putin") later means the
fullest form known; "he"/"she" resolve to the latest person named, never to one already called by the
other pronoun. `track_subject` follows who each sentence is about.
"""

from __future__ import annotations

import re

from reader.text.words import (
    FUNCTION_CAPS,
    HONORIFICS,
    MONTHS,
    NAME_SUFFIXES,
    ORG_WORDS,
    TITLES,
    WEEKDAYS,
    word_set,
)

# Month and day names are not names of people; "May" is left out, as it is also a name and a modal.
_CALENDAR = WEEKDAYS | (MONTHS - {"May"})
_OF_WORDS = word_set("of the for and")  # inside an organisation's name, not a person's
CONNECTORS = word_set("of the for and de van von der al bin da di la le du del")
_ADVERBIAL = re.compile(
    r"^(?:In|On|At|After|Before|Earlier|Later|However|Meanwhile|Following|While|Since|During|Elsewhere|"
    r"Last|This|Next|Yesterday|Today|Also|But|And|Still|Instead|Separately|Overall|Speaking|Asked|"
    r"According|For|From|By|With|Without|Despite|Under|Over|Until|Then|Now|Formerly|Once|When|If|As|"
    r"Although|Though|Because|Unlike|Like|Whether|Whatever|Whenever)\b"
)


def is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def strip_possessive(token: str) -> str:
    if token[-1:] not in ("s", "’", "'"):
        return token
    for suffix in ("’s", "'s", "’", "'"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def clean(text: str) -> str:
    return text.strip(" \t,;:—–-•*\"“”‘’'()[]")


def person_from_chunk(tokens: list[str]) -> str | None:
    """The person's name inside a capitalised run ("Secretary of State Mike Pompeo" -> "Mike Pompeo")."""
    while tokens and tokens[0] in FUNCTION_CAPS:
        tokens = tokens[1:]
    last_marker = -1
    titled = False
    for i, tok in enumerate(tokens):
        bare = tok.rstrip(".")
        if bare in TITLES or tok in HONORIFICS:
            last_marker, titled = i, True
        elif tok in ORG_WORDS or tok in _OF_WORDS:
            last_marker, titled = i, False
    rest = tokens[last_marker + 1 :]
    if (
        not rest
        or len(rest) > 4
        or any(t in _CALENDAR for t in rest)
        or not all(is_capitalised(t) or t in CONNECTORS for t in rest)
        or (len(rest) < 2 and not titled)
    ):
        connector = next((i for i, tok in enumerate(tokens) if tok in _OF_WORDS), 0)
        # "Gov. Jane Doe of New York": the name is before the place it is of.
        return person_from_chunk(tokens[:connector]) if connector > 1 else None
    if len(rest) > 3 and not any(len(t.rstrip(".")) == 1 or t.rstrip(".") in NAME_SUFFIXES for t in rest):
        rest = rest[-2:]  # "Public Prosecution Eva-Marie Persson": a name, not a four-word run
    return " ".join(rest)


_CAPITAL_RUN = re.compile(
    r"(?<![\w’'.-])(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}(?=[\s,.;:)]|$)"
)
_NOT_ROLE = word_set(
    """in on at of the a an and or to from with by for as into over across against between near that than
    which who whose where when while but if so its their his her our this these those about after before
    since during under until via per"""
)


class Names:
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
        parts = [p for p in name.split() if p.rstrip(".") not in NAME_SUFFIXES]
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
            if before[:1].isupper() and before.rstrip(".") not in TITLES:
                continue
            tokens = name.split()
            if any(t in ORG_WORDS or t in TITLES or t in FUNCTION_CAPS for t in tokens):
                continue
            surname = next((t for t in reversed(tokens) if t.rstrip(".") not in NAME_SUFFIXES), tokens[-1])
            self.surnames.add(surname)
            if len(tokens) > len(self.full.get(surname, "").split()):
                self.full[surname] = name

    def refer(self, pronoun: str) -> str | None:
        """The latest person not already referred to with the other pronoun, nor known by first name
        (or a Slavic surname's ending) to go by it: "he said" never lands on Maria Lopez."""
        for name in reversed(self.recent):
            if self.pronoun.setdefault(name, gender_of(name) or pronoun) == pronoun:
                return name
        return None

    def is_known_person(self, token: str) -> bool:
        return token in self.surnames


def chunks(tokens: list[str]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, allowing lower-case connectors inside ("Ministry of Defense")."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        if is_capitalised(tokens[i]):
            j = i + 1
            while j < n:
                if is_capitalised(tokens[j]):
                    j += 1
                elif tokens[j] in CONNECTORS and j + 1 < n and is_capitalised(tokens[j + 1]):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


_SUBJECT_START = re.compile(
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the|for|and|de|van|von|der|al|bin|da|di|la|le))*(?=,|\s+[a-z]|\s+\()"
)


_DESCRIBED_SUBJECT = re.compile(
    r"(?:[A-Z][\w’'-]*\s+)?(?:[a-z][\w’'-]*\s+){1,3}((?:[A-Z][\w’'-]*\s+){1,2}[A-Z][\w’'-]*)(?=,|\s+[a-z])"
)


def track_subject(sentence: str, names: Names) -> str | None:
    """A sentence opening on a person's name makes that person the one a later "he" means; returns
    the person the sentence is about (also for an opening "He"/"She"), if any."""
    body = sentence.lstrip("-•* ")
    if "," in body[:150] and _ADVERBIAL.match(body):
        body = body.split(",", 1)[1].strip()
    first = body.split(maxsplit=1)[0] if body.strip() else ""
    if first in ("He", "She"):
        return names.refer(first.lower())
    described = _DESCRIBED_SUBJECT.match(body, 0, 120)
    if (
        described is not None
    ):  # "Wild defenseman Ryan Suter, who ..." / "Sabres center Casey Mittelstadt said"
        person = person_from_chunk(described.group(1).split())
        if person:
            return names.learn(person, person=True)
    match = _SUBJECT_START.match(body, 0, 120)
    if match is None:
        return None
    words = match.group().split()
    if len(words) == 1 and not names.is_known_person(words[0]):
        # "Omar asked for compassion, saying she ...": a lone name the sentence then calls he or she.
        word = strip_possessive(words[0])
        pronoun = _GENDERED.search(body, match.end(), match.end() + 200)
        if (
            pronoun is not None
            and word not in FUNCTION_CAPS
            and word not in ORG_WORDS
            and word not in _CALENDAR
            and not words[0].endswith(("’s", "'s"))
        ):
            name = names.learn(word, person=True)
            names.pronoun.setdefault(name, "she" if pronoun.group() in ("she", "her", "herself") else "he")
            return name
        return None
    if any(t.endswith(("’s", "'s")) for t in words):
        return None  # "Mr Putin’s claims": a possessive is not the subject
    chunk = [strip_possessive(t) for t in words]
    person = person_from_chunk(chunk)
    if person is None and len(chunk) == 1 and names.is_known_person(chunk[0]):
        person = chunk[0]
    if person is None and len(chunk) == 2 and chunk[0] in HONORIFICS:
        person = chunk[1]
    return names.learn(person, person=True) if person else None


_GENDERED = re.compile(r"\b(?:he|his|him|himself|she|her|herself)\b")


_FEMALE_NAMES = word_set(
    """maria mary anna ann anne elena helen helena olena olga svetlana tatiana tetiana yulia julia natalia
    nataliya oksana iryna irina kateryna katerina ekaterina sarah emma emily jane jennifer linda susan
    karen nancy lisa margaret elizabeth patricia barbara jessica laura amy angela melissa michelle kamala
    hillary nancy ursula angela theresa liz rachel rebecca sophie sofia alla ganna hanna ganna viktoria
    victoria veronika daria darya marina alina alena lyudmila ludmila nadia nadiya nadezhda zoya melanie
    priya nadia ana lucia lucía carmen isabel claire marie sylvie anne-marie katarzyna agnieszka małgorzata
    joanna ewa magdalena monika"""
)
_MALE_NAMES = word_set(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kevin brian george edward ronald timothy jason jeffrey
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank
    gregory raymond alexander patrick jack dennis jerry tyler aaron jose adam henry nathan douglas
    zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
    austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan
    juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny vladimir volodymyr
    alexander oleksandr aleksandr sergei sergey serhiy dmitry dmytro andriy andrei andrey igor ihor
    yuriy yuri oleg mykola nikolai viktor victor boris pavel pavlo mikhail mykhailo ivan petro pyotr
    alexei oleksiy vitaly vitaliy ruslan taras bohdan emmanuel olaf rishi keir boris xi joe barack
    donald antony lloyd jake ned abdul ashraf mohammed muhammad ali ahmed hassan karim tomás tomas
    piotr jan krzysztof andrzej marek michał tomasz paweł"""
)


def gender_of(name: str) -> str | None:
    """ "she" or "he" when a first name or a Slavic surname ending says so, else None."""
    words = [w.strip(".,").casefold() for w in name.split()]
    if not words:
        return None
    first = words[0]
    if first in _FEMALE_NAMES:
        return "she"
    if first in _MALE_NAMES:
        return "he"
    last = words[-1]
    if len(words) >= 2 and last.endswith(
        ("ova", "eva", "ina", "ska", "cka", "ová", "ская", "ова", "ева", "іна")
    ):
        return "she"
    if len(words) >= 2 and last.endswith(("ov", "ev", "in", "ski", "sky", "ов", "ев", "ин", "ський", "ский")):
        return "he"
    return None
