"""Decoding, discovery and document ids on real files."""

from __future__ import annotations

import codecs
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.corpus import CorpusError, discover, read_document
from reader.text.decode import decode_bytes
from reader.text.document import DocumentError
from reader.text.lines import split_lines
from reader.text.sanitize import display_safe

TEXT = "Minsk – “Lukashenko” said: naïve café €5.\r\nSecond line\n"


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32"),
    ],
)
def test_decodes_unicode_with_and_without_bom(data: bytes, codec: str) -> None:
    text, encoding = decode_bytes(data)
    assert text == TEXT  # BOM removed, "\r\n" kept as is
    assert encoding == codec


def test_decodes_legacy_single_byte_encodings() -> None:
    cyrillic = "Президент Беларуси Александр Лукашенко заявил, что страна готова к войне.\n" * 3
    text, encoding = decode_bytes(cyrillic.encode("cp1251"))
    assert text == cyrillic
    assert encoding == "cp1251"
    western = "Le président a déclaré à la presse que la coopération était « très étroite ».\n" * 3
    text, encoding = decode_bytes(western.encode("cp1252"))
    assert text == western


def test_binary_and_missing_files_get_one_line_reasons(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(DocumentError, match="binary"):
        read_document(binary)
    with pytest.raises(DocumentError, match="not found"):
        read_document(tmp_path / "missing.txt")


def test_document_id_is_sha256_of_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == TEXT
    assert doc.id == "sha256:" + hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


def test_discover_recurses_skips_hidden_and_orders_stably(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.md", "sub/c.html", "sub/.hidden.txt", ".git/x.txt", "notes.pdf"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    corpus = discover([tmp_path])
    assert [corpus.relative(p) for p in corpus.files] == ["a.md", "b.txt", "sub/c.html"]
    with pytest.raises(CorpusError, match="no such file"):
        discover([tmp_path / "nope"])


def test_a_fifo_named_like_an_article_is_refused_not_read(fifo_folder: Path) -> None:
    # Reading a FIFO with no writer blocks forever; run it in a child so a hang fails, not stalls.
    code = (
        "import sys\nfrom pathlib import Path\nfrom reader.text.corpus import read_document\n"
        "from reader.text.document import DocumentError\n"
        "try:\n    read_document(Path(sys.argv[1]))\nexcept DocumentError as e:\n    print(e.reason)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(fifo_folder / "pipe.txt")],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert out.returncode == 0, out.stderr
    assert "not a regular file" in out.stdout


def test_a_folder_with_a_fifo_still_lists_and_reads_the_others(fifo_folder: Path) -> None:
    corpus = discover([fifo_folder])
    assert {p.name for p in corpus.files} == {"good.txt", "pipe.txt"}
    good = fifo_folder / "good.txt"
    assert read_document(good).text == good.read_text(encoding="utf-8")


def test_a_dangling_symlink_is_a_document_error(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(DocumentError, match="file not found"):
        read_document(link)


def test_no_path_means_the_bundled_seeds() -> None:
    corpus = discover([])
    assert len(corpus.files) == 5
    assert all(p.suffix == ".txt" for p in corpus.files)


def test_lines_are_exact_trimmed_slices() -> None:
    text = "  Title  \r\n\n\tBody one.  \rlast"
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["Title", "Body one.", "last"]
    assert all(text[ln.start : ln.end] == ln.text for ln in lines)


def test_display_safe_replaces_controls_one_for_one() -> None:
    raw = "a\x1b[31mred\x1b[0m\x9b2J\x07b\tc\n"
    safe = display_safe(raw)
    assert len(safe) == len(raw)
    assert "\x1b" not in safe and "\x9b" not in safe and "\x07" not in safe
    assert safe.endswith("b\tc\n")
