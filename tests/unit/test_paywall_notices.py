"""Paywall notices ("This article is for subscribers", "Il vous reste 75% de cet article à lire") are
dropped by their own rule wherever they sit, in the languages the phrase lists cover and in Italian
and Portuguese; a story's sentences about subscribers are kept."""

from __future__ import annotations

import pytest

from reader.text.document import Document
from reader.text.pipeline import analyse

BODY = (
    "Lawmakers approved the budget on Tuesday after a night of talks, officials said.",
    "The plan raises spending on schools by 4 per cent, according to the finance ministry.",
    "Opposition members said the increase would not cover rising energy costs this winter.",
)

NOTICES = [
    "This article is for subscribers only.",
    "This story is available exclusively to subscribers.",
    "Only subscribers can read this story.",
    "You have 2 free articles left this month.",
    "You've reached your limit of free articles.",
    "Subscribe for full access from $1 a week.",
    "To continue reading, log in or subscribe.",
    "Unlock this article by subscribing today.",
    "Dieser Artikel ist nur für Abonnenten verfügbar.",
    "Jetzt weiterlesen mit RR+",
    "Lesen Sie den vollständigen Artikel mit einem Abo.",
    "Sie haben noch 3 kostenlose Artikel in diesem Monat.",
    "Cet article est réservé aux abonnés.",
    "Il vous reste 80% de cet article à lire.",
    "Pour lire la suite, abonnez-vous.",
    "Este contenido es exclusivo para suscriptores.",
    "Te quedan 2 artículos gratuitos este mes.",
    "Para seguir leyendo, suscríbete.",
    "Questo articolo è riservato agli abbonati.",
    "Per continuare a leggere abbonati al giornale.",
    "Conteúdo exclusivo para assinantes.",
    "Para continuar lendo, assine o jornal.",
    "Этот материал доступен только подписчикам.",
    "Статья доступна по подписке.",
    "Чтобы продолжить чтение, оформите подписку.",
    "Ten artykuł jest dostępny tylko dla prenumeratorów.",
    "Aby czytać dalej, wykup dostęp.",
]

# Sentences of stories about subscriptions: reporting, not the site talking to its reader.
STORIES = [
    "Subscribers to the city's water service will pay 3 per cent more from April, the utility said.",
    "The newspaper said only subscribers would be able to read its election coverage from next year.",
    "Die Abonnenten des Verkehrsverbunds zahlen ab April drei Prozent mehr, teilte das Unternehmen mit.",
    "Les abonnés du réseau de bus paieront 3 % de plus à partir d'avril, a annoncé l'opérateur.",
    "Los abonados del servicio de agua pagarán un 3 % más desde abril, según la empresa.",
    "Gli abbonati del servizio idrico pagheranno il 3 per cento in più da aprile, ha detto l'azienda.",
    "Os assinantes do serviço de água vão pagar 3% a mais a partir de abril, disse a empresa.",
    "Подписчики сервиса будут платить на 3% больше с апреля, сообщила компания.",
    "Abonenci usługi zapłacą od kwietnia o 3 procent więcej, poinformowała spółka.",
]


def _line(text: str):
    """`text` between the story's paragraphs, so that only a phrase rule can drop it."""
    analysis = analyse(
        Document.from_text("\n".join(["Budget passes after a night of talks", *BODY[:2], text, *BODY]))
    )
    [line] = [ln for ln in analysis.lines if ln.text == text]
    return line


@pytest.mark.parametrize("notice", NOTICES)
def test_a_paywall_notice_is_dropped_by_its_own_rule(notice: str) -> None:
    line = _line(notice)
    assert not line.kept
    assert line.reason in {"paywall notice", "subscription pitch"}


@pytest.mark.parametrize("sentence", STORIES)
def test_a_story_about_subscribers_keeps_its_sentences(sentence: str) -> None:
    assert _line(sentence).kept
