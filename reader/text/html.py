"""Saved web pages: the article is extracted by trafilatura, not by our own HTML parsing."""

from __future__ import annotations

from pathlib import Path

from reader.text.document import Document, DocumentError


def extract_article(path: Path, html: str, encoding: str) -> Document:
    """The document text is the extracted body, headline first."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            favor_precision=False,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura raises a variety of parser errors
        raise DocumentError(path, f"could not extract the article: {exc}") from None
    if result is None:
        raise DocumentError(path, "no article text found in this web page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip()
    if not body and not title:
        raise DocumentError(path, "no article text found in this web page")
    hints = {k: v for k in ("title", "date", "author", "url") if (v := str(data.get(k) or "").strip())}
    if sitename := str(data.get("sitename") or "").strip():
        hints["outlet"] = sitename
    first_line = body.split("\n", 1)[0].strip()
    # trafilatura keeps the page's <h1> in the body when there is one; add the title only if not.
    text = f"{body}\n" if not title or first_line == title else f"{title}\n\n{body}\n"
    return Document.from_text(text, path=path, encoding=encoding, kind="html", hints=hints)
