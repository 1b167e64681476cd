"""Quotations and speakers in Russian, Ukrainian, Belarusian, Polish, German, French and Spanish."""

from __future__ import annotations

import pytest

from reader.text.document import Document
from reader.text.pipeline import analyse
from reader.text.quotes import find_quotations
from reader.text.suggestion_engine import suggest

LEADS = {
    "ru": "В понедельник в Минске прошли учения по гражданской обороне, в них участвовали тысячи.",
    "uk": "У суботу у Львові відкрили новий центр допомоги для переселенців, повідомили в міській раді.",
    "be": "У чацвер у абласным музеі Гродна адкрылася выстава, на якой прадстаўлена больш за сто карцін.",
    "pl": "Ministerstwo Rozwoju przedstawiło w środę projekt ustawy, który ma ograniczyć podwyżki czynszów.",
    "de": "Die Deutsche Bahn will ihr Angebot nach Tschechien deutlich ausbauen, teilte das Unternehmen mit.",
    "fr": "La circulation des trains sera très perturbée jeudi en raison de la grève.",
    "es": "El Ayuntamiento de Madrid ha ampliado este miércoles la zona de bajas emisiones a toda la ciudad.",
}


@pytest.mark.parametrize(
    ("lang", "paragraph", "quoted", "speaker"),
    [
        ("ru", "«Мы проверили все службы города», — заявил Андреев журналистам.", "Мы проверили", "Андреев"),
        (
            "uk",
            "«Ми бачимо, що люди приїжджають і зараз», — сказав міський голова Андрій Садовий.",
            "Ми бачимо",
            "Андрій Садовий",
        ),
        (
            "be",
            "— Мы чакаем шмат наведвальнікаў у выходныя, — сказала дырэктар музея Ганна Сідарэвіч.",
            "Мы чакаем",
            "Ганна Сідарэвіч",
        ),
        (
            "pl",
            "„Chcemy, aby najemcy mieli większą pewność” – powiedział wiceminister Piotr Zieliński.",
            "Chcemy",
            "Piotr Zieliński",
        ),
        (
            "de",
            "„Die Nachfrage ist so hoch wie nie“, sagte Bahn-Vorstand Michael Peterson am Dienstag.",
            "Die Nachfrage",
            "Michael Peterson",
        ),
        (
            "fr",
            "« Nous prévoyons un TGV sur trois », a déclaré M. Dupont, directeur.",
            "Nous prévoyons",
            "Dupont",
        ),
        (
            "es",
            "«Es una medida necesaria», ha declarado el delegado de Medio Ambiente, Borja Carabante.",
            "Es una medida",
            "Borja Carabante",
        ),
    ],
)
def test_quote_and_speaker(lang: str, paragraph: str, quoted: str, speaker: str) -> None:
    analysis = analyse(Document.from_text(f"{LEADS[lang]}\n\n{paragraph}\n"))
    assert analysis.language == lang
    quotes = [s for s in suggest(analysis) if s.label == "quote"]
    assert [q.speaker for q in quotes if quoted in q.text] == [speaker]


def test_pronoun_speaker_is_the_last_speaker() -> None:
    text = (
        f"{LEADS['ru']}\n\n«Мы проверили все службы города», — заявил Андреев журналистам.\n\n"
        "— Все службы сработали в штатном режиме, — сказал он.\n"
    )
    quotes = [s for s in suggest(analyse(Document.from_text(text))) if s.label == "quote"]
    assert [(q.text, q.speaker) for q in quotes][-1] == ("Все службы сработали в штатном режиме", "Андреев")


@pytest.mark.parametrize(
    "text",
    ["„Und auch keine Lust.“ Wir gehen.", "‚Nein‘, sagte er.", "„Tak będzie” – dodał.", "«Да», — сказал он."],
)
def test_quote_marks_of_other_languages_are_paired(text: str) -> None:
    [q] = find_quotations(text, 0, len(text))
    assert q.closed and text[q.start] in "„‚«" and text[q.end - 1] in "“‘”»"


def test_two_commas_open_a_german_quotation_but_not_inside_a_number() -> None:
    text = "Thomas sagte: ,,Wann kommst du?” ,,Das weiß ich nicht“, antwortete Susi. Der Wert ist 1,,5."
    quotes = find_quotations(text, 0, len(text))
    assert [text[q.start : q.end] for q in quotes] == [",,Wann kommst du?”", ",,Das weiß ich nicht“"]
