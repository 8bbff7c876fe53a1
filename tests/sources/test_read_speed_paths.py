"""The read stage's fast paths give exactly what the careful paths give.

Front matter is read by a tight loop that hands anything unusual to the careful event
builder; item links are looked for only where a match can begin; the sanitiser is built
once. Each is checked here against the plain, slower way on awkward inputs.
"""

from __future__ import annotations

import nh3
import pytest

from vnu_site.sources import frontmatter, markup

FRONT_MATTER = [
    "title: Đại học\ndate: 2025-03-01\npartners: [vnu, tsinghua]\n",
    "title: 'it''s'\nsummary: >-\n  long\n  text\nsource: {name: Báo, date: 2025-01-01, url: https://x.vn}\n",
    'a:\n  - x\n  - {b: [1, 2.5, true, ~, 0x1F, 1e400, .nan]}\n\n\nc: "x\\\n  y"\n',
    "title: x\nsource: {1: a, 1.5: b, ~: c}\n",
    "? a\n: b\nc: |\n  line\n\n  more\n",
    "",
    "# only a comment\n",
    "a: b\n\ufeffc: d\n",
    # Each of these leaves the fast path; the careful builder gives the same result or error.
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "<<: {a: b}\n",
    "title: a\ntitle: b\n",
    "title: a\nsource: {name: x, name: y}\n",
    "1: a\n",
    "[a]: b\n",
    'a: "\\x01"\n',
    "a: !!int x\n",
    "a: x\u2028y\nb: 1\n",
    "a: x\x85y\nb: 1\n",
    "a: [1, 2\n",
    "a: b\n---\nc: d\n",
    "- a\n",
    "a: " + "[" * 31 + "]" * 31 + "\n",
    "a: " + "[" * 32 + "]" * 32 + "\n",
    "a: [" + ",".join(["1"] * 20000) + "]\n",
]


def _outcome(yaml_text: str):
    try:
        return {name: (repr(field.value), field.line) for name, field in frontmatter._fields(yaml_text, 2).items()}
    except frontmatter.FrontMatterError as exc:
        return (exc.line, exc.message)


@pytest.mark.parametrize("yaml_text", FRONT_MATTER)
def test_front_matter_reads_as_the_careful_builder_reads_it(yaml_text, monkeypatch):
    fast = _outcome(yaml_text)

    def unusual(*_args):
        raise frontmatter._Unusual

    monkeypatch.setattr(frontmatter, "_plain_document", unusual)
    assert fast == _outcome(yaml_text)


LINK_BODIES = [
    "See [VNU](partner:vnu) and [the visit]( <event:visit-2025#day-2> ).\n",
    "[ref]: partner:vnu\n  [other\nlabel]: <agreement:mou-2024>  \n\n[x]: nothing\n",
    '<a href="article:news">a</a> <a href = \'event:e\'>b</a> xhref="partner:no"\n',
    "](partner:a)[b](event:b)](\n\n  agreement:c)",
    "[\n" * 50 + "] partner:x",
    "[a](partner:a" + ":" * 20 + "\n[b]: event:b :",
    "no links at all: [a](https://example.org)\n",
    "",
]


@pytest.mark.parametrize("body", LINK_BODIES)
def test_item_links_are_found_where_finditer_finds_them(body):
    expected = [(match.span(), match.group()) for match in markup._SOURCE_LINK.finditer(body)]
    assert [(match.span(), match.group()) for match in markup._source_links(body)] == expected


def test_sanitiser_built_once_cleans_as_nh3_clean_does():
    html = (
        '<h2 id="x" onclick="y">T</h2><a href="partner:vnu" target="_blank" rel="x">a</a>'
        '<a href="javascript:alert(1)">b</a><img src="a.jpg" onerror="z"><script>s</script>'
        '<code class="language-py">c</code><iframe src="x"></iframe><p style="color:red">p</p>'
    )
    expected = nh3.clean(html, **markup._SETTINGS)
    assert markup._CLEANER.clean(html) == expected
