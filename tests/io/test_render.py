"""The build's Jinja environment writes what a stock one with the same settings writes.

render.py escapes `{{ }}` output its own (faster) way; every construct that takes output
(macros, call blocks, `set` blocks, filter blocks, blocks and super(), includes, `~`)
must come out the same, escaped exactly once.
"""

from __future__ import annotations

import jinja2
import markupsafe
import pytest

from vnu_site.io import render
from vnu_site.io.theme import Theme

TEMPLATES = {
    "t_macros.html": (
        '{% macro link(x) %}<a title="{{ x }}">{{ x }}</a>{% endmacro %}{% macro wrap() %}<b>{{ caller() }}</b>{% endmacro %}'
    ),
    "t_base.html": "<head>{% block head %}{{ text }}{% endblock %}</head>{% block main %}{% endblock %}",
    "t_part.html": "<i>{{ text }}</i>",
    "t_page.html": (
        '{% extends "t_base.html" %}{% from "t_macros.html" import link, wrap %}'
        "{% block head %}{{ super() }}|{{ text }}{% endblock %}"
        "{% block main %}"
        "{{ text }}{{ safe }}{{ number }}{{ nothing }}{{ html_object }}"
        "{{ link(text) }}{{ link(safe) }}"
        "{% call wrap() %}{{ text }}{% endcall %}"
        "{% set kept %}{{ text }}<br>{% endset %}{{ kept }}{{ kept | upper }}"
        "{% filter upper %}{{ text }}{% endfilter %}"
        '{{ text ~ safe ~ "<" }}'
        "{{ text | e }}{{ text | safe }}{{ [text] | join(text) }}"
        '{% include "t_part.html" %}'
        "{% for row in rows %}{{ row.name }}{{ loop.index }}{% endfor %}"
        "{% autoescape false %}{{ text }}{% endautoescape %}"
        "{{ {'k': text} | tojson }}"
        "{% endblock %}"
    ),
}


class _Html:
    def __html__(self) -> str:
        return "<em>as it says</em>"


CONTEXT = {
    "text": "Tom & \"Jerry\" <script>'x'</script>",
    "safe": markupsafe.Markup("<b>bold</b> &amp;"),
    "number": 3,
    "nothing": None,
    "html_object": _Html(),
    "rows": [{"name": "a<b"}, {"name": "ü & é"}],
}


@pytest.fixture
def theme(tmp_path):
    for name, text in TEMPLATES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Theme(tmp_path)


def test_output_is_a_stock_environments(theme):
    stock = jinja2.Environment(
        loader=theme.loader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    stock.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    ours = render.environment(theme)
    expected = stock.get_template("t_page.html").render(CONTEXT)
    assert ours.get_template("t_page.html").render(CONTEXT) == expected
    assert "Tom &amp; &#34;Jerry&#34; &lt;script&gt;" in expected and "&amp;amp;" not in expected  # escaped once


def test_render_page_gives_the_escaped_bytes(theme):
    html, problem = render.render_page(render.environment(theme), "t_part.html", {"text": "<&>"}, "x/", theme)
    assert problem is None
    assert html == b"<i>&lt;&amp;&gt;</i>"
