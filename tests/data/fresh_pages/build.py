"""Make the fresh test pages: HTML from the specs, three text renderings, per-line labels.

    cd tests/data/fresh_pages && /tmp/venv/bin/python build.py

Needs w3m, lynx and trafilatura. Writes html/<id>.html, text/<id>.<renderer>.txt and labels.jsonl
(one object per page and renderer: lines, labels, kinds, and the page's stated title, date, author,
outlet). The trafilatura rendering is its extractor's recall-leaning text with comments (html2txt
gives one line per page).
A rendered line is labelled with the block of the spec it comes from (found in order by text
containment); labels come from the specs, written by hand before any rule was run on these pages.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import unicodedata
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from specs_en import PAGES as EN  # noqa: E402
from specs_en2 import PAGES as EN2  # noqa: E402
from specs_en3 import PAGES as EN3  # noqa: E402
from specs_intl import PAGES as INTL  # noqa: E402
from specs_paywall import PAGES as PAYWALL  # noqa: E402
from specs_scripts import PAGES as SCRIPTS  # noqa: E402
from specs_scripts import SENTENCES  # noqa: E402

PAGES = EN + INTL + EN2 + EN3 + PAYWALL + SCRIPTS
# The second batch (made in session 3 before its rules) and the third (made after them, before any
# rule ran on it: a held-out check of the second batch's rules).
# The fourth: paywalled pages in eight languages (session 5), made before the paywall rules.
BATCH = {page["id"]: 2 for page in EN2} | {page["id"]: 3 for page in EN3}
BATCH |= {page["id"]: 4 for page in PAYWALL}
# The fifth: languages and scripts new to the fresh pages (session 6), with each article paragraph's
# expected sentences (`sentences`: [paragraph, [sentence, ...]] in page order).
BATCH |= {page["id"]: 5 for page in SCRIPTS}
# w3m80 and lynx80 (session 5): the same two browsers at their default width, every paragraph
# hard-wrapped at about 80 columns (what `w3m -dump URL > file` and `lynx -dump URL > file` save).
RENDERERS = ("w3m", "lynx", "trafilatura", "w3m80", "lynx80")


def to_html(page: dict) -> str:
    m = page["meta"]
    head = (
        f'<!DOCTYPE html>\n<html lang="{page["lang"]}"><head><meta charset="utf-8">\n'
        f"<title>{html.escape(m['title'])} | {html.escape(m['site'])}</title>\n"
        f'<meta property="og:title" content="{html.escape(m["title"])}">\n'
        f'<meta property="og:site_name" content="{html.escape(m["site"])}">\n'
        f'<meta name="author" content="{html.escape(m["author"])}">\n'
        f'<meta property="article:published_time" content="{m["date"]}T08:00:00Z">\n'
        f'<link rel="canonical" href="{html.escape(m["url"])}">\n</head><body>\n'
    )
    out = [head]
    open_list = None
    in_article = False
    for label, kind, tag, text in page["body"]:
        name = tag.split()[0]
        attrs = tag[len(name) :]
        if label == 1 and not in_article:
            out.append("<article>\n")
            in_article = True
        if name == "li":
            want = "nav" if kind == "nav" else "ul"
            if open_list != want:
                if open_list:
                    out.append("</ul></nav>\n" if open_list == "nav" else "</ul>\n")
                out.append("<nav><ul>\n" if want == "nav" else "<ul>\n")
                open_list = want
            inner = (
                f'<a href="/{zlib.crc32(text.encode()) % 10000}">{html.escape(text)}</a>'
                if kind == "nav"
                else html.escape(text)
            )
            out.append(f"<li>{inner}</li>\n")
            continue
        if open_list:
            out.append("</ul></nav>\n" if open_list == "nav" else "</ul>\n")
            open_list = None
        if name == "pre":
            out.append(f"<pre><code>{html.escape(text)}</code></pre>\n")
        elif name == "figcaption":
            out.append(
                f'<figure><img src="/img/{zlib.crc32(text.encode()) % 1000}.jpg" alt="">'
                f"<figcaption>{html.escape(text)}</figcaption></figure>\n"
            )
        else:
            out.append(f"<{name}{attrs}>{html.escape(text)}</{name}>\n")
    if open_list:
        out.append("</ul></nav>\n" if open_list == "nav" else "</ul>\n")
    if in_article:
        out.append("</article>\n")
    out.append("</body></html>\n")
    return "".join(out)


def render(renderer: str, path: Path) -> str:
    if renderer == "w3m80":
        cmd = ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(path)]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if renderer == "lynx80":
        cmd = ["lynx", "-dump", "-nolist", "-assume_charset=utf-8", "-display_charset=utf-8", str(path)]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if renderer == "w3m":
        cmd = ["w3m", "-dump", "-cols", "4000", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", str(path)]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if renderer == "lynx":
        cmd = [
            "lynx",
            "-dump",
            "-nolist",
            "-width=1024",
            "-assume_charset=utf-8",
            "-display_charset=utf-8",
            str(path),
        ]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    import trafilatura

    # html2txt gives the whole page as one line; the extractor's own text (recall-leaning, comments
    # kept) is what a scraper dump of the page looks like.
    text = trafilatura.extract(
        path.read_text(encoding="utf-8"), include_comments=True, favor_recall=True, include_tables=True
    )
    return (text or "") + "\n"


_BULLET = re.compile(r"^(?:[*+o•#-]|\d+\.)\s+")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return " ".join(re.findall(r"\w+", text.casefold()))


def label_lines(lines: list[str], blocks: list[tuple]) -> tuple[list[int], list[str]]:
    keys = [norm(b[3]) for b in blocks]
    labels, kinds = [], []
    pos = 0
    for line in lines:
        key = norm(_BULLET.sub("", line)) or norm(line)
        found = None
        if key:
            for j in list(range(pos, len(blocks))) + list(range(0, pos)):
                if (
                    key == keys[j]
                    or (len(key) >= 3 and key in keys[j])
                    or (keys[j] and keys[j] in key and len(keys[j]) * 2 > len(key))
                ):
                    found = j
                    break
        if found is None:
            labels.append(0)
            kinds.append("unmatched")
        else:
            pos = found if found >= pos else pos
            labels.append(blocks[found][0])
            kinds.append(blocks[found][1])
    return labels, kinds


def main() -> None:
    (HERE / "html").mkdir(exist_ok=True)
    (HERE / "text").mkdir(exist_ok=True)
    rows = []
    for page in PAGES:
        path = HERE / "html" / f"{page['id']}.html"
        path.write_text(to_html(page), encoding="utf-8")
        for renderer in RENDERERS:
            text = render(renderer, path)
            (HERE / "text" / f"{page['id']}.{renderer}.txt").write_text(text, encoding="utf-8")
            lines = [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()]
            labels, kinds = label_lines(lines, page["body"])
            rows.append(
                {
                    "id": page["id"],
                    "lang": page["lang"],
                    "batch": BATCH.get(page["id"], 1),
                    "renderer": renderer,
                    "meta": page["meta"],
                    "lines": lines,
                    "labels": labels,
                    "kinds": kinds,
                }
            )
            if page["id"] in {p["id"] for p in SCRIPTS}:
                rows[-1]["sentences"] = [[b[3], SENTENCES[b[3]]] for b in page["body"] if b[3] in SENTENCES]
    with open(HERE / "labels.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(PAGES), "pages,", len(rows), "renderings")


if __name__ == "__main__":
    main()
