"""Saved web pages: the article is extracted by trafilatura, not by our own HTML parsing."""

from __future__ import annotations

import html as html_escapes
import re
import unicodedata
from pathlib import Path

from reader.text.document import Document, DocumentError

_META_AUTHOR = re.compile(r"<meta\s[^>]*\bname\s*=\s*[\"']author[\"'][^>]*>", re.IGNORECASE)
_CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)


def _bare(text: str) -> str:
    return "".join(c for c in text if not unicodedata.category(c).startswith("M"))


def _with_marks(author: str, page: str) -> str:
    """trafilatura's author with the combining marks it dropped put back ("राहुल शर्म" for the meta's
    "राहुल शर्मा": its name cleaning keeps word characters, and a Devanagari vowel sign is none): the
    page's own meta author when it is the same name but for those marks."""
    if author.isascii():
        return author
    tag = _META_AUTHOR.search(page)
    content = _CONTENT.search(tag.group()) if tag else None
    if content is None:
        return author
    meta = html_escapes.unescape(content.group(1) or content.group(2) or "").strip()
    return meta if meta != author and _bare(meta) == _bare(author) else author


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
    if "author" in hints:
        hints["author"] = _with_marks(hints["author"], html)
    if sitename := str(data.get("sitename") or "").strip():
        hints["outlet"] = sitename
    first_line = body.split("\n", 1)[0].strip()
    # trafilatura keeps the page's <h1> in the body when there is one; add the title only if not.
    text = f"{body}\n" if not title or first_line == title else f"{title}\n\n{body}\n"
    return Document.from_text(text, path=path, encoding=encoding, kind="html", hints=hints)
