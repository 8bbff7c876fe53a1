"""A page's file (content/pages/<key>.<lang>.md) read alone: its fields checked with their
lines, and its `page:KEY` links found like every item link."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnu_site.sources.discover import SourceFile
from vnu_site.sources.markup import item_links, to_html
from vnu_site.sources.read import read_bytes
from vnu_site.sources.schema import FIELDS


def _read(text: str):
    return read_bytes(SourceFile("page", "contact", "en", Path("contact.en.md"), "contact.en.md"), text.encode("utf-8"))


def test_a_page_reads_its_facts_and_texts():
    entry, problems = _read("---\ntitle: Contact\nparent: about\norder: 2\nsummary: How to reach us.\n---\nSee [About](page:about).\n")
    assert problems == []
    assert entry is not None
    assert entry.values == {"title": "Contact", "parent": "about", "order": 2, "summary": "How to reach us."}
    assert entry.lines["parent"] == 3 and entry.lines["order"] == 4
    assert entry.body_links == (("page", "about", 7),)
    assert 'href="page:about"' in entry.body_html  # resolved late, in the page's language (pages/views.py)


def test_page_fields_are_facts_or_texts_like_every_kinds():
    specs = FIELDS["page"]
    assert {name for name, spec in specs.items() if spec.neutral} == {"draft", "parent", "order"}
    assert {"title", "slug", "summary", "aliases", "needs_translation", "translated_from"} <= set(specs)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("parent: About Us", "contact.en.md:3: parent: 'About Us' is not a valid id: use lowercase letters a-z, digits and single hyphens"),
        ("order: 0", "contact.en.md:3: order: 0 is out of range (between 1 and 10000 allowed)"),
        ("order: first", "contact.en.md:3: order: should be a whole number of at least 1, not 'first'"),
        ("date: 2025-01-01", "contact.en.md:3: unknown field 'date' for pages"),
    ],
)
def test_a_wrong_page_field_is_refused_with_its_line(line, message):
    _entry, problems = _read(f"---\ntitle: Contact\n{line}\n---\n")
    assert [str(problem) for problem in problems] == [message]


def test_page_links_are_found_in_every_form():
    body = '[a](page:about)\n\n[b]: page:contact\n\n<a href="page:visiting">c</a> [d](page:about#team)\n'
    assert item_links(body, 1) == (("page", "about", 1), ("page", "contact", 3), ("page", "visiting", 5), ("page", "about", 5))
    assert 'href="page:about#team"' in to_html(body)
