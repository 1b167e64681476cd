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
    ("pysbd_lang_cases.json", "ru"): 39,
    ("pysbd_lang_cases.json", "pl"): 1,
    ("pysbd_lang_cases.json", "de"): 29,
    ("pysbd_lang_cases.json", "fr"): 5,
    ("pysbd_lang_cases.json", "es"): 31,
    ("uk_be_cases.json", "uk"): 10,
    ("uk_be_cases.json", "be"): 6,
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
