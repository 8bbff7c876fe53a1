"""Time the reading of hostile content files: every nesting and repetition the Markdown
(cmark-gfm) and HTML (nh3) stages know, at ~100 KB and ~1 MB.

    python bench/pathological.py [--sizes 100000,1000000] [--only NAME,...] [--trusted]

Each body is read through the real reading stage (`vnu_site.sources.read.read_bytes`, as
a build reads a changed file) and the table shows the seconds, the seconds per MB and the
outcome: built, or refused with the message. The promise (README, "What the build
guarantees"): any content file is read in at most ~1 s per MB whatever its shape.
tests/sources/test_time_bounds.py runs the same bodies at a smaller size with a looser budget.
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from collections.abc import Callable
from pathlib import Path

FRONT_MATTER = "---\ntitle: Bài thử\ndate: 2025-05-01\n---\n"


def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit.encode("utf-8")) + 1)


def _lines(line: Callable[[int], str], size: int) -> str:
    """Lines line(0), line(1)… until `size` bytes."""
    parts, length, number = [], 0, 0
    while length < size:
        parts.append(line(number))
        length += len(parts[-1].encode("utf-8"))
        number += 1
    return "".join(parts)


def _nested(opening: str, closing: str, depth: int, size: int, between: str = "\n") -> str:
    """Nested `depth` deep and closed again, over and over: as deep as the limit lets a body go."""
    return _repeat(opening * depth + "x" + closing * depth + between, size)


# name -> (what it is, body of about `size` bytes). Bodies nest past the limit (refused)
# or repeat something the limit allows (built); both must stay linear.
BODIES: dict[str, tuple[str, Callable[[int], str]]] = {
    # Markdown containers
    "blockquote": ("> > > … on one line", lambda n: _repeat("> ", n) + "x\n"),
    "blockquote-tight": (">>> … without spaces", lambda n: _repeat(">", n) + " x\n"),
    "blockquote-lines": ("one > more on each line", lambda n: _lines(lambda i: ">" * (i % 5000) + " x\n", n)),
    "blockquote-deep-ok": (
        "40 > deep with a sentence, over and over",
        lambda n: _repeat("> " * 40 + "Đại học Quốc gia Hà Nội. " * 9 + "\n\n", n),
    ),
    "list-dash": ("- - - … on one line", lambda n: _repeat("- ", n) + "x\n"),
    "list-ordered": ("1. 1. 1. … on one line", lambda n: _repeat("1. ", n) + "x\n"),
    "list-indent": ("each item indented 2 more", lambda n: _lines(lambda i: "  " * (i % 3000) + "- x\n", n)),
    "list-in-quote": ("> - > - …", lambda n: _repeat("> - ", n) + "x\n"),
    "list-items": ("- x, item after item", lambda n: _repeat("- x\n", n)),
    "list-items-ok": ("- a few words, item after item", lambda n: _repeat("- Đại học Quốc gia\n", n)),
    "list-nested-ok": ("lists 40 deep, with words", lambda n: _lines(lambda i: "  " * (i % 40) + "- Đại học Quốc gia Hà Nội\n", n)),
    "list-empty-items": ("-\\n-\\n… empty items", lambda n: _repeat("-\n", n)),
    # Markdown inlines
    "emphasis-run": ("***…a***…", lambda n: _repeat("*", n // 2) + "a" + _repeat("*", n // 2)),
    "emphasis-open": ("*a *a *a … never closed", lambda n: _repeat("*a ", n)),
    "emphasis-nested": ("**đại học *quốc gia … * hà nội**", lambda n: _nested("**đại học *quốc gia ", "* hà nội**", 24, n)),
    "emphasis-nested-deep": ("the same, past the limit", lambda n: _nested("**a *b ", "* d**", 10_000, n)),
    "strike-nested": ("~~a ~~a … b a~~ a~~", lambda n: _nested("~~a ", " a~~", 10_000, n)),
    "underscore": ("_a __b _a __b …", lambda n: _repeat("_a __b ", n)),
    "brackets": ("[[[[ …", lambda n: _repeat("[", n) + "a"),
    "image-brackets": ("![![![ …", lambda n: _repeat("![", n) + "a"),
    "images-nested": ("![![![a](b)](b)](b)", lambda n: _nested("![", "](b)", 1_000, n)),
    "links-close": ("[a](b)[ … ](", lambda n: _repeat("[a](b)[", n // 2) + _repeat("](", n // 2)),
    "backticks": ("` `` ``` … of every length", lambda n: _lines(lambda i: "`" * (i % 500 + 1) + "x ", n)),
    "link-titles": ('[a](b "… unclosed titles', lambda n: _repeat('[a](b "', n)),
    "autolinks": ("www.a.b and <http:// …", lambda n: _repeat("www.a.b <http://", n)),
    "item-links": ("[a](partner:vnu) …", lambda n: _repeat("[a](partner:vnu) ", n)),
    "reference-links": ("[a]: partner:vnu lines", lambda n: _repeat("[a]: partner:vnu\n", n)),
    "table-columns": (
        "a table 5,000 columns wide",
        lambda n: "|" + "a|" * 5000 + "\n|" + "-|" * 5000 + "\n" + _repeat("|x|\n", n - 20_000),
    ),
    "table-rows": ("a two-column table, row after row", lambda n: "|a|b|\n|-|-|\n" + _repeat("|x|y|\n", n)),
    "table-rows-ok": ("a table of numbers", lambda n: "| năm | số | tên |\n|---|--:|---|\n" + _repeat("| 2025 | 1.234 | Hà Nội |\n", n)),
    "headings-same": ("## a, over and over (ids a, a-1, a-2…)", lambda n: _repeat("## a\n", n)),
    "headings-numbered": ("## a-1 … then ## a …", lambda n: _lines(lambda i: f"## a-{i}\n", n // 2) + _repeat("## a\n", n // 2)),
    "headings-theme": ("## main, ## group 1 …", lambda n: _repeat("## main\n## group 1\n## rel partners\n", n)),
    "heading-long": ("one heading, one long line", lambda n: "## " + _repeat("Đại học ", n) + "\n"),
    "setext": ("a\\n=\\n …", lambda n: _repeat("a\n=\n", n)),
    "long-line": ("one paragraph on one line", lambda n: _repeat("Đại học quốc gia ", n)),
    # Characters the sanitiser's serialiser is slow with in one text node or attribute value
    "text-ampersands": ("& & & … in one paragraph", lambda n: _repeat("& ", n)),
    "text-nbsp": ("NBSP … in one paragraph", lambda n: _repeat("\xa0", n)),
    "text-latin1": ("° ± « … in one paragraph", lambda n: _repeat("°±«", n)),
    "code-latin1": ("° in one code block", lambda n: "```\n" + _repeat("°", n) + "\n```\n"),
    "entities": ("&amp; &ampx &#x1F600; …", lambda n: _repeat("&amp;&ampx&#x1F600;", n)),
    "attributes-long": ('<a title="°…"> of 9,000 characters', lambda n: _repeat('<a title="' + "°" * 9000 + '">x</a>\n', n)),
    "attribute-huge": ('one <a title="…"> of the whole size', lambda n: '<a title="' + _repeat("°", n) + '">x</a>'),
    "image-alt-huge": ("![…](x.png) with a huge description", lambda n: "![" + _repeat("°", n) + "](x.png)"),
    # Raw HTML
    "div": ("<div><div>… unclosed, one line", lambda n: _repeat("<div>", n)),
    "div-lines": ("<div> on every line", lambda n: _repeat("<div>\n", n)),
    "div-deep-ok": ("<div> 95 deep, closed, over and over", lambda n: _nested("<div>", "</div>", 95, n)),
    "span": ("<span><span>…", lambda n: _repeat("<span>", n)),
    "bold": ("<b><b>…", lambda n: _repeat("<b>", n)),
    "formatting": ("<b><i><u>…", lambda n: _repeat("<b><i><u>", n)),
    "formatting-attributes": ('<b title="1"><b title="2">…', lambda n: _lines(lambda i: f'<b title="{i}">', n)),
    "formatting-misnested": ("<b><i></b></i>…", lambda n: _repeat("<b><i></b></i>", n)),
    "formatting-blocks": ("<b>x<div>…", lambda n: _repeat("<b>x<div>", n)),
    "formatting-cells": ("<b><table><td></b>…", lambda n: _repeat("<b><table><td></b>", n)),
    "table": ("<table><tr><td>…", lambda n: _repeat("<table><tr><td>", n)),
    "table-in-p": ("<p><table>…", lambda n: _repeat("<p><table>", n)),
    "table-text": ("<table> then ° text", lambda n: "<table>" + _repeat("°", n)),
    "ul": ("<ul><li>…", lambda n: _repeat("<ul><li>", n)),
    "li-flat": ("<li>x<li>x … (end tags left out)", lambda n: _repeat("<li>x", n)),
    "p-flat": ("<p>x<p>x …", lambda n: _repeat("<p>x", n)),
    "select": ("<select><option>…", lambda n: _repeat("<select><option>", n)),
    "select-text": ("<select> then ° text", lambda n: "<select>" + _repeat("°", n)),
    "select-escape": ("<div><select></div></select>…", lambda n: _repeat("<div><select></div></select>", n)),
    "svg": ("<svg><g>…", lambda n: _repeat("<svg><g>", n)),
    "svg-self-closing": ("<svg><path/><path/>…", lambda n: "<svg>" + _repeat("<path/>", n)),
    "math": ("<math><mi>…", lambda n: _repeat("<math><mi>", n)),
    "headings-raw": ("<h2><h2>… unclosed", lambda n: _repeat("<h2>", n)),
    "headings-raw-nested": ("<h2><div>…", lambda n: _repeat("<h2><div>", n)),
    "anchors": ("<a href=x>…", lambda n: _repeat("<a href=x>", n)),
    "images-unclosed": ("<img xxxxxx <img … never closed", lambda n: "<div>\n" + _repeat("<img xxxxxx ", n)),
    "unclosed-tags": ("<div a= … never ends", lambda n: _repeat("<div a=", n)),
    "unclosed-lt": ("<a<a<a …", lambda n: _repeat("<a", n)),
    "comments": ("<!-- x --> …", lambda n: _repeat("<!-- x -->", n)),
    "comments-open": ("<!--<!--<!-- …", lambda n: _repeat("<!--", n)),
    "comment-hides-end": ("<div><!--</div>-->…", lambda n: _repeat("<div><!--</div>-->", n)),
    "quoted-end-tags": ('<div><a title="</div>">…', lambda n: _repeat('<div><a title="</div>">', n)),
    "script-escape": (
        "<div><script><!--<script></script></div>…",
        lambda n: _repeat("<div><script><!--<script></script></div>--></script>", n),
    ),
    "textarea": ("<div><textarea></div></textarea>…", lambda n: _repeat("<div><textarea></div></textarea>", n)),
    "declarations": ("<!x <?x <![CDATA[ …", lambda n: _repeat("<!x><?x><![CDATA[x]]>", n)),
    "mixed": ("> 1. - <div>*[` …", lambda n: _repeat("> 1. - <div>*[`", n)),
    # GFM extensions and what the build makes of a body (captions, videos: sources/markup.py)
    "footnotes": ("x[^1] and [^1]: its note, over and over", lambda n: _lines(lambda i: f"Câu {i}[^{i}].\n\n[^{i}]: Nguồn {i}.\n\n", n)),
    "footnote-cited-often": ("one note cited over and over", lambda n: "[^a]: Nguồn.\n\n" + _repeat("câu[^a] ", n)),
    "footnote-labels-long": (
        "notes with 900-character labels",
        lambda n: _lines(lambda i: f"x[^{i}{'n' * 900}]\n\n[^{i}{'n' * 900}]: y\n\n", n),
    ),
    "footnotes-chained": ("each note cites the next", lambda n: "x[^0]\n\n" + _lines(lambda i: f"[^{i}]: xem[^{i + 1}]\n", n)),
    "footnotes-undefined": ("[^x] [^x] … with no note", lambda n: _repeat("[^x] ", n)),
    "footnote-ids-copied": ('<li id="fn-1"> copied over and over', lambda n: "x[^1]\n\n[^1]: y\n\n" + _repeat('<li id="fn-1">z</li>\n', n)),
    "tasks": ("- [x] done, item after item", lambda n: _repeat("- [x] việc đã xong\n- [ ] việc còn lại\n", n)),
    "tasks-nested-ok": ("task lists 40 deep", lambda n: _lines(lambda i: "  " * (i % 40) + "- [ ] Đại học Quốc gia\n", n)),
    "tasks-loose": ("- [x] with paragraphs", lambda n: _repeat("- [x] a\n\n  b\n\n", n)),
    "figures": ("![…](x.jpg) *caption. Ảnh: …*, over and over", lambda n: _repeat("![Lễ ký](x.jpg)\n*Lễ ký kết. Ảnh: Văn A*\n\n", n)),
    "caption-credits": ("one caption of Ảnh: Ảnh: …", lambda n: "![a](x.jpg)\n*" + _repeat("Ảnh: <b>a</b> ", n) + "*\n"),
    "caption-open": ("![a](x.jpg) *… never closed, over and over", lambda n: _repeat("![a](x.jpg)\n*a <i>b\n\n", n)),
    "images-undescribed": ("![](x.jpg) in one paragraph", lambda n: _repeat("![](x.jpg) ", n)),
    "images-undescribed-lines": ("![](x.jpg) on every line", lambda n: _repeat("![](x.jpg)\n\n", n)),
    "videos": ("a YouTube link per paragraph", lambda n: _repeat("https://youtu.be/dQw4w9WgXcQ\n\n", n)),
    "videos-titled": ("[title](vimeo link) per paragraph", lambda n: _repeat("[Lễ ký kết](https://vimeo.com/76979871)\n\n", n)),
    "videos-fake": ("look-alike links per paragraph", lambda n: _repeat("https://youtube.com.evil.org/watch?v=dQw4w9WgXcQ\n\n", n)),
}


def read_one(body: str, trusted: bool = False) -> tuple[float, str]:
    """(seconds, outcome) of reading a content file with this body."""
    from vnu_site.sources.discover import SourceFile
    from vnu_site.sources.read import read_bytes

    data = (FRONT_MATTER + body).encode("utf-8")
    source = SourceFile("article", "x", "vi", Path("content/articles/x.vi.md"), "content/articles/x.vi.md")
    started = time.perf_counter()
    entry, problems = read_bytes(source, data, trusted_html=trusted)
    seconds = time.perf_counter() - started
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        return seconds, "refused: " + str(errors[0])
    assert entry is not None
    return seconds, f"built, {len(problems)} warning(s)" if problems else "built"


def measure(names: list[str], sizes: list[int], trusted: bool = False) -> list[tuple[str, int, float, str]]:
    """(name, bytes, seconds, outcome) for each body and size."""
    read_one("Khởi động.\n", trusted)  # imports and caches warm, as in a build
    rows = []
    for name in names:
        for size in sizes:
            body = BODIES[name][1](size)
            seconds, outcome = read_one(body, trusted)
            rows.append((name, len((FRONT_MATTER + body).encode("utf-8")), seconds, outcome))
    return rows


def table(rows: list[tuple[str, int, float, str]]) -> str:
    lines = [f"{'construct':<24} {'size':>9} {'seconds':>8} {'s/MB':>6}  outcome", "-" * 100]
    for name, size, seconds, outcome in rows:
        lines.append(f"{name:<24} {size / 1e6:>7.2f}MB {seconds:>8.3f} {seconds / (size / 1e6):>6.2f}  {html.unescape(outcome)[:140]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="body sizes in bytes, comma-separated")
    parser.add_argument("--only", default="", help="construct names, comma-separated (default: all)")
    parser.add_argument("--trusted", action="store_true", help="read as a site with trusted_html: true (no sanitiser)")
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(BODIES)
    unknown = [n for n in names if n not in BODIES]
    if unknown:
        print(f"unknown construct(s): {', '.join(unknown)}; known: {', '.join(BODIES)}", file=sys.stderr)
        return 2
    rows = measure(names, [int(s) for s in args.sizes.split(",")], args.trusted)
    print(table(rows))
    worst = max(rows, key=lambda row: row[2] / (row[1] / 1e6))
    print(f"\nworst: {worst[0]} at {worst[1] / 1e6:.2f} MB, {worst[2] / (worst[1] / 1e6):.2f} s/MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
