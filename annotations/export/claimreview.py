"""ClaimReview (schema.org JSON-LD): one object per claim with a verdict, one object a line.

One per line (JSON Lines of JSON-LD documents, each with its own `@context`) rather than one array:
it streams, and each line is what one fact-check page embeds in its `<script type="application/ld+json">`.
Each line: `claimReviewed` (the claim's text), `itemReviewed` (a `Claim`: `author` the claimant, the
annotation's speaker, as a Person, or an Organization when `organisations` names it; `datePublished`
the article's date; `appearance` a CreativeWork with the article's URL, headline, date, byline
(`author`) and outlet (`publisher`); an article whose URL the pipeline did not find gets its corpus
path instead), `reviewRating` (`alternateName` the verdict,
`ratingValue` its rank on the verdict scale with `bestRating`/`worstRating`, annotations/verdicts.py),
`author` the publishing organisation (`--publisher`), `datePublished` when the verdict was set,
`url` the review URL. Claims without a verdict, and orphans, are left out. No offsets are written.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any, TextIO

from annotations.export import ExportDocument, dumps
from annotations.model import Annotation
from annotations.verdicts import DEFAULT_VERDICTS, VERDICT_LABEL, rating

CONTEXT = "https://schema.org"


def review_json(
    doc: ExportDocument,
    a: Annotation,
    *,
    publisher: str,
    scale: Sequence[str] = DEFAULT_VERDICTS,
    organisations: Collection[str] = (),
) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    if a.speaker:
        kind = "Organization" if a.speaker in organisations else "Person"
        claim["author"] = {"@type": kind, "name": a.speaker}
    if doc.date:
        claim["datePublished"] = doc.date
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": doc.url or doc.path}
    if doc.title:
        appearance["headline"] = doc.title
    if doc.date:
        appearance["datePublished"] = doc.date
    if doc.author:  # the article's byline (the claim's own author is its claimant)
        appearance["author"] = {"@type": "Person", "name": doc.author}
    if doc.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": doc.outlet}
    claim["appearance"] = appearance
    review_rating: dict[str, Any] = {"@type": "Rating", "alternateName": a.verdict}
    rated = rating(a.verdict or "", scale)
    if rated is not None:
        review_rating.update(
            {"ratingValue": rated.value, "bestRating": rated.best, "worstRating": rated.worst}
        )
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": a.text,
        "itemReviewed": claim,
        "reviewRating": review_rating,
        "author": {"@type": "Organization", "name": publisher},
    }
    if a.reviewed:
        out["datePublished"] = a.reviewed
    if a.review_url:
        out["url"] = a.review_url
    return out


def write(
    out: TextIO,
    documents: Iterable[ExportDocument],
    exported: str,
    *,
    publisher: str,
    scale: Sequence[str] = DEFAULT_VERDICTS,
    organisations: Collection[str] = (),
) -> int:
    if not publisher.strip():
        raise ValueError("ClaimReview needs the publishing organisation (--publisher NAME)")
    count = 0
    for doc in documents:
        for a in doc.annotations:
            if a.label != VERDICT_LABEL or not a.verdict:
                continue
            review = review_json(doc, a, publisher=publisher, scale=scale, organisations=organisations)
            out.write(dumps(review))
            out.write("\n")
            count += 1
    return count
