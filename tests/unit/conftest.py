"""Fixtures shared by the unit tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

ARTICLE = "A Headline For The Test\n\nThe first sentence of the article is long enough to be kept here.\n"


@pytest.fixture
def fifo_folder(tmp_path: Path) -> Path:
    """A folder with an article (good.txt) beside a FIFO named like one (pipe.txt)."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    return tmp_path


# The text the interchange exports are proven on: CRLF line ends, an astral flag (two code points, four
# UTF-16 units), curly quotes, a combining accent (e + U+0301).
INTERCHANGE_TEXT = (
    "Minsk \U0001f1e7\U0001f1fe report\r\n"
    "\r\n"
    "The minister said \u201cwe will not cut pensions\u201d on Tuesday.\r\n"
    "Cafe\u0301 owners say prices rose 12% in a year.\r\n"
    "Officials denied it.\r\n"
)
INTERCHANGE_OLD = "A second article.\nThe quote that will disappear from this text.\nMore text follows.\n"
INTERCHANGE_NEW = "A second article.\nSomething else now.\nMore text follows.\n"


@dataclass(frozen=True)
class Interchange:
    store: Path
    corpus: Path
    text: str  # of politics/minsk.txt


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


@pytest.fixture
def interchange(tmp_path: Path) -> Interchange:
    """A real store and corpus: three annotators, overlaps, a span across a CRLF, notes, an orphan."""
    from annotations import DocumentRef, Store
    from reader.text.corpus import read_document

    corpus = tmp_path / "corpus"
    (corpus / "politics").mkdir(parents=True)
    (corpus / "politics" / "minsk.txt").write_bytes(INTERCHANGE_TEXT.encode("utf-8"))
    (corpus / "second.txt").write_bytes(INTERCHANGE_OLD.encode("utf-8"))

    def ref(relative: str) -> DocumentRef:
        d = read_document(corpus / relative)
        return DocumentRef(d.id, relative, d.text)

    minsk, second = ref("politics/minsk.txt"), ref("second.txt")
    text = minsk.text
    assert text == INTERCHANGE_TEXT  # decoded as written: CRLF kept, accent not composed
    folder = tmp_path / "store"
    with Store.open(folder, annotator="alice") as alice:
        alice.add(
            minsk,
            "quote",
            *_find(text, "\u201cwe will not cut pensions\u201d"),
            speaker="The minister",
            note="checked\r\nagainst the video",
        )
        alice.add(
            minsk, "claim", *_find(text, "The minister said \u201cwe will not cut pensions\u201d on Tuesday.")
        )
        alice.add(minsk, "claim", *_find(text, "on Tuesday.\r\nCafe\u0301 owners"))  # across a CRLF
        alice.add(minsk, "fact", *_find(text, "prices rose 12% in a year"))
        alice.add(second, "quote", *_find(INTERCHANGE_OLD, "The quote that will disappear from this text."))
        alice.add(second, "fact", *_find(INTERCHANGE_OLD, "More text follows."))
    with Store.open(folder, annotator="bob") as bob:
        bob.add(minsk, "claim", *_find(text, "\U0001f1e7\U0001f1fe report"))
        bob.add(minsk, "quote", *_find(text, "\u201cwe will not cut pensions\u201d"), note="same as alice")
        bob.add(minsk, "claim", *_find(text, "Cafe\u0301 owners say prices rose 12% in a year."))
        bob.add(minsk, "claim", *_find(text, "prices rose"))  # inside his own claim: one BIO layer cannot
    with Store.open(folder, annotator="carol o'neil") as carol:
        carol.add(minsk, "fact", *_find(text, "Officials denied it."))
    # The second article changes: its quote no longer has a place (an orphan), its fact moves.
    (corpus / "second.txt").write_bytes(INTERCHANGE_NEW.encode("utf-8"))
    with Store.open(folder, annotator="alice") as alice:
        report = alice.attach(ref("second.txt"))
        assert len(report.orphans) == 1
    return Interchange(folder, corpus, text)
