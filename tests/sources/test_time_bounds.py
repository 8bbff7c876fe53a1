"""A content file is read in time linear in its size, whatever its shape (README, "What the
build guarantees"): about 1 s per MB at most on the 2-core development machine.

The bodies are bench/pathological.py's: every nesting and repetition the Markdown (cmark-gfm)
and HTML (nh3) stages know. Here at 100 KB with a budget of 3 s per MB, loose enough for a
loaded CI machine, tight enough that a quadratic step fails (100 KB of nested `>` took a
minute); `pytest -s` prints the figures. The bench prints them at 100 KB and 1 MB.

Bodies past a limit are refused with one exact `path:line: message` (sources/bodysize.py,
sources/nesting.py); the nesting estimate never counts fewer open elements than html5ever.
"""

from __future__ import annotations

import importlib.util
import random
import re

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TEMPLATES
from vnu_site.sources import markup, nesting

SIZE = 100_000
SECONDS_PER_MB = 3.0
FIXED_SECONDS = 0.05  # a read's own start-up, whatever the size

DEPTH = "the body nests more than 100 elements inside one another here (blockquotes, lists or HTML tags); nest them less deeply"
VALUE = "a value here is longer than 10,000 characters (a link title, an image description or an HTML attribute); shorten it"
LIMIT = "a body may make at most 20,000 elements, or one per 6 bytes"


def _bench():
    spec = importlib.util.spec_from_file_location("pathological", ROOT / "bench" / "pathological.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("trusted", [False, True], ids=["sanitised", "trusted_html"])
def test_every_shape_is_read_in_time_linear_in_its_size(trusted):
    bench = _bench()
    rows = bench.measure(list(bench.BODIES), [SIZE], trusted)
    print("\n" + bench.table(rows))
    slow = []
    for name, size, seconds, outcome in rows:
        assert re.fullmatch(r"built(?:, \d+ warning\(s\))?", outcome) or re.match(
            r"refused: content/articles/x\.vi\.md:\d+: \S", outcome
        ), (
            name,
            outcome,
        )
        budget = SECONDS_PER_MB * size / 1e6 + FIXED_SECONDS
        if seconds > budget:
            seconds = bench.measure([name], [SIZE], trusted)[0][2]  # once more: a loaded machine can stall one read
            if seconds > budget:
                slow.append(f"{name}: {seconds:.2f} s for {size / 1e6:.2f} MB (budget {budget:.2f} s)")
    assert slow == []


def test_shapes_within_the_limits_are_built():
    """Nesting to just under the limits, and long texts of the characters the sanitiser is
    slow with, are read, not refused."""
    bench = _bench()
    names = [name for name in bench.BODIES if name.endswith("-ok")]
    names += ["emphasis-nested", "text-ampersands", "text-nbsp", "text-latin1", "table-text", "select-text", "attributes-long"]
    for name, _, _, outcome in bench.measure(names, [SIZE]):
        assert outcome == "built", (name, outcome)


# --- refusals: one exact line each, the old site kept ------------------------------------------------

FRONT = "---\ntitle: Bài thử\ndate: 2025-05-01\n---\n"  # the body starts on line 5

REFUSED = [
    ("quotes nested on one line", "Đoạn mở đầu.\n\n" + "> " * 150 + "quá sâu\n", f"7: {DEPTH}"),
    ("an HTML block per line", "Mở đầu.\n\n" + "<div>\n\n" * 150, f"207: {DEPTH}"),
    ("lists nested by indentation", "".join("  " * i + "- mục\n" for i in range(120)), f"55: {DEPTH}"),
    ("strikethrough inside strikethrough", "Dòng một\nDòng hai " + "~~a " * 120 + "b" + " a~~" * 120 + "\n", f"6: {DEPTH}"),
    ("bold left open in each paragraph", "".join(f'<p><b title="{i}">đậm</p>\n' for i in range(150)), f"104: {DEPTH}"),
    ("end tags hidden in comments", "<div><!--</div>-->" * 150 + "\n", f"5: {DEPTH}"),
    ("end tags inside attribute values", '<div><a title="</div>">' * 150 + "\n", f"5: {DEPTH}"),
    ("end tags a select ignores", "<div><select></div></select>" * 150 + "\n", f"5: {DEPTH}"),
    ("SVG groups", "<svg>" + "<g>" * 150 + "\n", f"5: {DEPTH}"),
    ("a link title", 'a\n\nXem [trang](https://example.org "' + "°" * 10_001 + '").\n', f"7: {VALUE}"),
    ("an image description", "Ảnh:\n![" + "°" * 10_001 + "](anh.png)\n", f"6: {VALUE}"),
    ("an HTML attribute", '<p title="' + "x" * 10_001 + '">x</p>\n', f"5: {VALUE}"),
    (
        "empty list items",
        "-\n" * 30_000,
        "5: the body would make 30,001 HTML elements (paragraphs, list items, table cells…) from only 60,000 bytes; " + LIMIT,
    ),
    (
        "ten thousand and one HTML tags",
        "<i>x</i> " * 10_001,
        "5: the body writes 10,001 HTML tags (<…>); a body may write at most 10,000 (Markdown makes its own, not counted)",
    ),
    ("a quote bomb", ">" * 30_000 + " x\n", f'5: the body opens 30,000 quotes (">") from only 30,003 bytes; {LIMIT}'),
    (
        "a table 3,000 columns wide",
        "|" + "a|" * 3000 + "\n|" + "-|" * 3000 + "\n" + "x\n" * 10,
        f"5: this table would make 3,000 columns × 11 rows of cells from only 12,024 bytes; {LIMIT}",
    ),
]


@pytest.mark.parametrize(("body", "expected"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED])
def test_a_body_past_a_limit_is_refused_with_its_line(refused, body, expected):
    _, err = refused(lambda content, _tmp: (content / "articles" / "sau.vi.md").write_text(FRONT + body, encoding="utf-8"))
    assert f"content/articles/sau.vi.md:{expected}" in err.splitlines()


def test_check_refuses_what_the_build_refuses(run, tiny):
    (tiny / "articles" / "sau.vi.md").write_text(FRONT + "> " * 150 + "x\n", encoding="utf-8")
    code, out, err = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert code == 1
    assert f"{(tiny / 'articles' / 'sau.vi.md').as_posix()}:5: {DEPTH}" in (out + err).replace("\\", "/")


def test_trusted_html_is_not_held_to_the_sanitisers_limits():
    """With trusted_html the sanitiser does not run, so only cmark's own bounds apply."""
    deep = "<div>" * 300
    assert markup.to_html(deep, trusted=True).startswith("<div><div>")
    with pytest.raises(markup.BodyError):
        markup.to_html(deep)
    with pytest.raises(markup.BodyError):
        markup.to_html("-\n" * 30_000, trusted=True)
    assert markup.to_html("<i>x</i> " * 10_001, trusted=True).count("<i>") == 10_001


# --- long texts are cut for the sanitiser, which keeps them whole ----------------------------------

CUT = [
    "Đại học & Quốc gia\xa0° ± « » " * 400,
    "&amp;&lt;&#x1F600;&eacute;" * 600,
    "<table>" + "° " * 3000 + "</table>",
    "<select><option>" + "° " * 3000 + "</select>",
    "<pre><code>" + "a & b\n" * 600 + "</code></pre>",
    "<svg><text>" + "° " * 3000 + "</text></svg>",
]


@pytest.mark.parametrize("html", CUT)
def test_texts_cut_for_the_sanitiser_come_out_as_one(html):
    cut, refusal = nesting.scan(html)
    assert refusal is None
    assert cut.count(nesting.SPLIT) >= 2
    assert markup._CLEANER.clean(cut) == markup._CLEANER.clean(html)


def test_cuts_never_split_a_character_reference_and_leave_other_text_alone():
    html = "<p>" + "x" * 995 + "&eacute;" + "y" * 2000 + "</p><textarea>" + "z" * 5000 + "</textarea>"
    cut, _ = nesting.scan(html)
    assert "&eacute;" in cut
    assert cut.count(nesting.SPLIT) == 3  # before the reference, then every 1,000 characters; none in the textarea
    assert nesting.scan("<p>short</p>")[0] == "<p>short</p>"


# --- the nesting estimate never counts fewer open elements than html5ever ----------------------------

NAMES = re.findall(
    r"\S+",
    "div span p b i a li ul ol dd dt dl table tr td th tbody thead caption col colgroup h1 h2 select option optgroup svg math g "
    "path mi foreignObject desc title textarea style script xmp noscript template button form pre blockquote em strong font "
    "nobr object applet marquee br hr img input annotation-xml plaintext iframe frameset body html x-y",
)
TOKENS = ["x", " ", "\n", "<!--", "-->", "<!-->", "--!>", "<!x>", "<?x>", "</ x>", "</>", "<![CDATA[", "]]>", '"', "'", "=", ">", "<"]
RAW = {"script", "style", "textarea", "xmp", "noscript", "plaintext", "iframe", "title", "noembed", "noframes"}
# Every element kept (raw text ones dropped, so their text is escaped): the output's nesting is html5ever's.
_KEEP_ALL = nh3.Cleaner(tags={n.lower() for n in NAMES} - RAW, clean_content_tags=set(), attributes={}, link_rel=None)

ATTRIBUTES = ["", " a=1", ' t="</div>"', " /", "/", ' title="1"', " title=2"]


def _soup(rng: random.Random) -> str:
    """Tags of every kind, end tags, and the pieces of comments, declarations and quotes."""
    parts = []
    for _ in range(rng.randint(5, 120)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(f"<{rng.choice(NAMES)}{rng.choice(ATTRIBUTES) if rng.random() < 0.3 else ''}>")
        elif roll < 0.8:
            parts.append(f"</{rng.choice(NAMES)}>")
        else:
            parts.append(rng.choice(TOKENS))
    return "".join(parts)


def _html5ever_depth(html: str) -> int:
    depth = deepest = 0
    for tag in re.finditer(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>", _KEEP_ALL.clean(html)):
        if tag[1]:
            depth -= 1
        elif tag[2].lower() not in nesting._VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _estimate(html: str, monkeypatch) -> int:
    monkeypatch.setattr(nesting, "MAX_DEPTH", 10**9)
    scanner = nesting._Scanner(html)
    deepest = [0]

    class Stack(list):
        def append(self, name):
            super().append(name)
            deepest[0] = max(deepest[0], len(self))

    scanner.names = Stack()
    scanner.run(False)
    return deepest[0]


def test_the_estimate_is_never_below_html5evers_depth(monkeypatch):
    """Thousands of random tag soups, the same on every run; when one fails, its text is shown."""
    rng = random.Random(13)
    for _ in range(15000):
        html = _soup(rng)
        # Within one: an end tag "</p>" with no p open makes (and closes) an empty one, "<col>" a colgroup.
        assert _html5ever_depth(html) <= _estimate(html, monkeypatch) + 1, html


# Soups the random ones once found the estimate below html5ever with, each repeated: the
# rule that each needed (table parts outside a table are ignored, </form> keeps what it
# holds open, a select ignores end tags, "<!-->" ends a script's escape, HTML in SVG…).
FOUND = [
    "<th><foreignObject><h1><applet><th><dl><span><strong>",
    "<frameset><li><pre></frameset><pre><optgroup><ul>",
    "<colgroup /><option a=1><li a=1></colgroup><object><object t=''><object a=1>",
    "<p><select><li><nobr />",
    "<select><optgroup><li></optgroup><h2><object>",
    "<select><marquee></select><optgroup><strong a=1>",
    "<select><table><td a=1>",
    "<optgroup><optgroup t=''><optgroup>",
    "<form><div></form><applet><nobr>",
    "<foreignObject /><li></foreignObject><h1><svg/>",
    "<svg><mi><script><ul><form><font><select><li>",
    "<svg a=1></p><div><g><g></svg>",
    "<svg><b></b><style></style><div><g>",
    "<script><!--<script><!--></script><optgroup t=''><marquee a=1></p>",
    "<textarea/><plaintext><template></textarea></template><ul /><optgroup a=1><ol></plaintext>",
    "<template a=1><col /><script t=''></template><marquee/><select><blockquote><ol />",
    "<b><div></b><span>",
    "<p><b title=x>y</p>",
    "<svg><![CDATA[<div>]]></div><g>",
    "<table><td></td>",
    "<svg><marquee><font></svg></marquee><applet/><marquee><em><h1><a>",
    "<svg><style><span></style><select><pre><marquee /><option>",
    "<math/><object><font><span><marquee a=1><object>",
    "<dt><![CDATA[</li><object>]]>'</dt><b a=1><marquee>",
    "<math><xmp><em></xmp><font><strong a=1><object><em>",
    "<math/><optgroup><select a=1><ol a=1><strong><nobr>",
    "<table><![CDATA[<br/><td>",
    "<template><object a=1></template></object><ol a=1><h2></template><li><span><b>",
    "<strong a=1><svg></strong><![CDATA[<form><h1 t=''><span/><ol><option a=1>",
    "<select><svg></p><![CDATA[<div><marquee><i/><x-y>",
    "<math><em></em><![CDATA[\n<div><dt><marquee /><form/>",
    "<h2><foreignObject a=1><math></h1><![CDATA[<blockquote><dt><button t=''><dt><li><nobr>",
    "<table><path t=''><td></td>",
    "<table><caption /><th></caption><h2><select></p>",
    "<button><li><button /><blockquote/><dt></li><blockquote a=1><pre t=''><object/><b a=1>",
    "<nobr/><form><math></nobr><![CDATA[</ol><optgroup a=1><li><marquee t=''><x-y>",
    "<strong><pre a=1><math></strong><![CDATA[</img><applet t=''>'<option><select><strong>",
    "<math><mi><optgroup t=''>\n]]></mi><option><h2 a=1>",
    "<table><dl><colgroup><h2><dd><foreignObject></dl><optgroup><em><marquee><select>",
    "<form><p><foreignObject><option><form><nobr><option>",
    "<table><math a=1><annotation-xml><tbody /><![CDATA[<hr><!-- ]]><ol><i /><a><div/><dt>",
    "<table><math><mi><mglyph><tbody/><![CDATA[<hr><!-- ]]><ol><i /><a><div/><dt>",
    "<template><b><font><object></template><dl><form>-->--> =<blockquote t=''><ol>",
    "<form><font></form><form></p>",
    "<form><span></form><form></span><foreignObject>",
    "<li><form a=1></form><form><li><blockquote>",
    "<table><table></table><dl a=1><button><dd><blockquote><tbody a=1><nobr><ol><option>",
    "<select><marquee><optgroup><optgroup/><optgroup />",
    "<form/><select><option></form><form><option />",
    "<table><td><template><col></template><table><td>",
    "<button><b>",
    "<li><b></li><svg>",
    "<ol><font></ol>",
    "<div>\n<p><i><strong>",
    "<table /><font></table><svg>",
    "<svg></optgroup><td><table><optgroup>",
    "</desc><tr></tbody></colgroup><td></option><option></b></table><optgroup color=1>",
    "<div><table><math><select></table>",
    "</ul></br><ul><b />",
    "<table></table><font><p a=1>",
    "<font></p><<p>",
    "</template><span/></b><template><b>",
    "<li></li><foreignObject /><p>",
    "</form><form color=1><optgroup></form><foreignObject></optgroup>",
]


@pytest.mark.parametrize("soup", FOUND)
def test_soups_that_once_fooled_the_estimate(soup, monkeypatch):
    html = soup * 30
    assert _html5ever_depth(html) <= _estimate(html, monkeypatch) + 1


HONEST = [
    "<table><tr><td>a<td>b<tr><td>c<td>d</table>" * 200,
    "<ul><li>a<li>b<li>c</ul><ol><li>x<li>y</ol>" * 200,
    "<p>a<p>b<p>c" * 300,
    "<p>a<div>b</div><p>c<blockquote>q</blockquote>" * 200,
    '<blockquote class="twitter-tweet"><p lang="en">x <a href="y">y</a></p>&mdash; z</blockquote><script async src="w.js"></script>\n'
    * 200,
    "<dl><dt>a<dd>b<dt>c<dd>d</dl>" * 200,
    "<p><b>bold</p><p>next</p>" * 200,
    "<!-- <div> old </div> -->\n" * 300,
    '<svg viewBox="0 0 10 10"><path d="M0 0"/><circle r="1"/><g><rect/></g></svg>' * 100,
    "<select><option>a<option>b<optgroup label=x><option>c</select>" * 100,
]


@pytest.mark.parametrize("html", HONEST)
def test_hand_written_html_is_estimated_as_html5ever_reads_it(html, monkeypatch):
    """Long documents of end tags left out, as HTML allows, are not taken for deep ones."""
    assert _estimate(html, monkeypatch) == _html5ever_depth(html) <= 5


MARKDOWN = st.lists(
    st.sampled_from(["> ", "- ", "1. ", "  ", "*a ", "**b ", "~~c ", "d~~ ", "e** ", "f* ", "`g` ", "|h|i|\n|-|-|\n", "x\n", "\n"]),
    max_size=300,
).map("".join)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(MARKDOWN)
def test_the_fast_path_for_markdown_finds_what_the_full_estimate_finds(text):
    html = markup._cmark(text)
    assert nesting.scan(html, raw=False) == nesting.scan(html, raw=True)
