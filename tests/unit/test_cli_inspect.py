"""`reader inspect` and the app's argument checks, run as a user runs them: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.text.kinds import KINDS

SEED = Path(__file__).resolve().parents[2] / "seeds" / "001_2431c36a0108d05d.txt"

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Drills | News Site</title>
<meta property="article:published_time" content="2023-01-16T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Belarus and Russia begin joint air drills</h1>
<p>Belarus and Russia began joint air force drills on Monday, the Belarusian defence ministry said.</p>
<p>The exercises will run until February 1 and involve every airfield in the country.</p>
</article><footer>Privacy policy</footer></body></html>
"""


def reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("READER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
        check=False,
    )


def test_inspect_json_has_the_documented_shape_and_exact_slices() -> None:
    done = reader("inspect", str(SEED), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {
        "path", "encoding", "id", "title", "date", "author", "outlet", "url", "language",
        "lines", "sentences",
    }  # fmt: skip
    assert data["author"] == "Chris Stevenson"
    assert data["language"] == "en"
    text = SEED.read_text(encoding="utf-8")
    assert data["encoding"] == "utf-8"
    assert data["id"].startswith("sha256:")
    assert data["title"] == "Belarus ready to ‘wage war’ alongside Russia in Ukraine if attacked"
    for line in data["lines"]:
        assert set(line) == {"start", "end", "text", "kept", "reason", "kind"}
        assert line["kind"] in KINDS
        assert text[line["start"] : line["end"]] == line["text"]
    assert [ln["kept"] for ln in data["lines"]].count(False) >= 10  # the menus and pitches
    for sentence in data["sentences"]:
        assert set(sentence) == {"start", "end", "text", "taggable"}
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    assert not any("Sign up to read" in s["text"] for s in data["sentences"])
    kinds = {ln["text"]: ln["kind"] for ln in data["lines"] if ln["kept"]}
    assert kinds["Belarus ready to ‘wage war’ alongside Russia in Ukraine if attacked"] == "headline"
    headline = [s for s in data["sentences"] if s["text"].startswith("Belarus ready to ‘wage war’")]
    assert [s["taggable"] for s in headline] == [False]
    assert sum(s["taggable"] for s in data["sentences"]) == len(data["sentences"]) - 1


def test_inspect_human_output_lists_reasons() -> None:
    done = reader("inspect", str(SEED))
    assert done.returncode == 0
    assert "title:     Belarus ready to ‘wage war’" in done.stdout
    assert "Sign up to read this article" in done.stdout
    assert "(" in done.stdout and "subscription" in done.stdout.lower()


def test_inspect_empty_and_blank_files_have_no_sentences(tmp_path: Path) -> None:
    for name, content in [("empty.txt", b""), ("blank.txt", b" \n\r\n\t\n")]:
        path = tmp_path / name
        path.write_bytes(content)
        done = reader("inspect", str(path), "--json")
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["sentences"] == [] and data["lines"] == [] and data["date"] is None


@pytest.mark.parametrize("kind", ["missing", "binary", "folder", "unreadable"])
def test_inspect_bad_file_is_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "article.txt"
    if kind == "binary":
        path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    elif kind == "folder":
        path = tmp_path
    elif kind == "unreadable":
        if os.geteuid() == 0:
            path = tmp_path / "a" / "b.txt"  # root reads everything: a missing parent instead
        else:
            path.write_text("x")
            path.chmod(0)
    done = reader("inspect", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: error:"), done.stderr
    assert "Traceback" not in done.stderr


def test_inspect_on_a_fifo_is_one_line_exit_2(fifo_folder: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "inspect", str(fifo_folder / "pipe.txt")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "not a regular file" in out.stderr


def test_inspect_saved_web_page_uses_the_extractor(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    done = reader("inspect", str(path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["title"] == "Belarus and Russia begin joint air drills"
    assert data["date"] == "2023-01-16"
    texts = [s["text"] for s in data["sentences"]]
    assert texts[0] == "Belarus and Russia begin joint air drills"
    assert "Home" not in " ".join(texts) and "Privacy policy" not in texts


def test_inspect_shows_markup_and_escapes_harmlessly(tmp_path: Path) -> None:
    path = tmp_path / "ugly.txt"
    path.write_text(
        "A sentence with [bold]markup[/bold] and [@click=app.quit]a link[/] in it, said the ministry.\n"
        "Then \x1b[31mred\x1b[0m text and a bell \x07 appear in this long line of the article body.\n",
        encoding="utf-8",
    )
    done = reader("inspect", str(path))
    assert done.returncode == 0, done.stderr
    assert "[bold]markup[/bold]" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    data = json.loads(reader("inspect", str(path), "--json").stdout)
    # JSON keeps the real characters (escaped by json), so offsets stay exact for scripts.
    assert any("\x1b[31m" in s["text"] for s in data["sentences"])


def test_app_rejects_a_bad_path_before_starting(tmp_path: Path) -> None:
    done = reader(str(tmp_path / "nowhere"), env={"READER_STORE": str(tmp_path / "store")})
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "no such file or folder" in done.stderr


def test_unknown_subcommand_option_is_a_usage_error() -> None:
    done = reader("inspect", "--bogus")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("labels", "message"), [(",,", "no labels"), (",".join("abcdefghij"), "at most 9")])
def test_app_rejects_a_bad_label_set_before_starting(tmp_path: Path, labels: str, message: str) -> None:
    done = reader("--labels", labels, env={"READER_STORE": str(tmp_path / "store")})
    assert done.returncode == 2
    assert message in done.stderr and done.stderr.count("\n") == 1


def test_app_without_a_terminal_is_a_one_line_error(tmp_path: Path) -> None:
    """CI and scripts have no terminal: the app must say so and stop, not spin on end of input."""
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--store", str(tmp_path / "store")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "needs a terminal" in done.stderr and done.stderr.count("\n") == 1
