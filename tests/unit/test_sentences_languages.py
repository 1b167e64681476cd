"""Sentence splitting in the languages fact-checkers of Belarus and Ukraine read (floors; see
tests/data/sentences/README.md for where the cases come from)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.text.sentences import split_sentences

CASES = Path(__file__).resolve().parents[1] / "data" / "sentences"
# Cases passed of the usable ones (measured when written; pySBD itself passes all of its own).
FLOORS = {
    ("pysbd_lang_cases.json", "ru"): 41,
    ("pysbd_lang_cases.json", "pl"): 1,
    ("pysbd_lang_cases.json", "de"): 32,
    ("pysbd_lang_cases.json", "fr"): 5,
    ("pysbd_lang_cases.json", "es"): 35,
    ("uk_be_cases.json", "uk"): 10,
    ("uk_be_cases.json", "be"): 8,
    ("uk_be_cases.json", "ru"): 2,
}


@pytest.mark.parametrize(("name", "lang"), sorted(FLOORS))
def test_language_cases(name: str, lang: str) -> None:
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))["languages"][lang]
    usable = [c for c in cases if all(s in c["text"] for s in c["sentences"])]
    passed = sum([c["text"][a:b] for a, b in split_sentences(c["text"])] == c["sentences"] for c in usable)
    assert passed >= FLOORS[(name, lang)]


@pytest.mark.parametrize(
    "text",
    [
        "Учения прошли по плану, т. е. без сбоев, сказал он.",
        "Es gibt Vorsichtsmaßnahmen, z. B. ist es empfehlenswert, früh zu gehen.",
        "Згідно зі ст. 12 закону, т. зв. «режим тиші» діє до ранку.",
        "Музей знаходзіцца на вул. Замкавай, г. зн. у самым цэнтры горада.",
        "« Nous prévoyons un TGV sur trois », a déclaré M. Dupont.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert len(split_sentences(text)) == 1


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# Texts written for these rules (not pySBD's): each kind of abbreviation, number or quotation.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Initials in a chain, the second one a letter that is also a word ("И" = "and").
        ("Выступил проф. Б. И. Петров. Его слушали.", ["Выступил проф. Б. И. Петров.", "Его слушали."]),
        # A year with its abbreviation ends a sentence before a capitalised word ...
        ("Музей адкрыўся ў 1998 г. Ён працуе штодня.", ["Музей адкрыўся ў 1998 г.", "Ён працуе штодня."]),
        (
            "Собор перебудували у XVII–XVIII ст. Розписи збереглися.",
            ["Собор перебудували у XVII–XVIII ст.", "Розписи збереглися."],
        ),
        # ... but not when the sentence so far is only that time phrase.
        ("В 1990–1995 гг. Мария жила в Минске.", ["В 1990–1995 гг. Мария жила в Минске."]),
        # German and Polish ordinals before their noun.
        (
            "Die Kirche stammt aus dem 14. Jahrhundert und wurde 1950 renoviert.",
            ["Die Kirche stammt aus dem 14. Jahrhundert und wurde 1950 renoviert."],
        ),
        ("Zajął 3. miejsce w turnieju.", ["Zajął 3. miejsce w turnieju."]),
        # The author's words inside «…» dialogue, and a German answer given in a second quotation.
        (
            "«Ты придёшь? – спросил он. – Мы ждём». Она кивнула.",
            ["«Ты придёшь? – спросил он. – Мы ждём».", "Она кивнула."],
        ),
        (
            "Er fragte: „Kommst du?“ „Ja“, sagte sie. Dann ging er.",
            ["Er fragte: „Kommst du?“ „Ja“, sagte sie.", "Dann ging er."],
        ),
        # A verse's slash does not start a sentence; a sum does.
        (
            'Dice así: "Caminante, no hay camino. / Se hace camino al andar".',
            ['Dice así: "Caminante, no hay camino. / Se hace camino al andar".'],
        ),
        ("3 + 4 es 7. 5 + 5 es 10.", ["3 + 4 es 7.", "5 + 5 es 10."]),
        # A line break ends a heading; a wrapped line going on in lower case does not.
        ("Estimados señores:\nLes escribimos hoy.", ["Estimados señores:", "Les escribimos hoy."]),
        ("Troops moved\nnorth overnight.", ["Troops moved\nnorth overnight."]),
    ],
)
def test_kinds_of_abbreviation_number_and_quotation(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected
