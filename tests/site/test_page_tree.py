"""Pages (the `page` kind) under pages: their URLs (site/urls.py), and what the build refuses
about their nesting and addresses (site/page_tree.py), each with its `path:line`.

The tiny site has content/pages/about.{vi,en}.md (Giới thiệu / About) and, under it,
contact.{vi,en}.md (Liên hệ / Contact), whose lines are:
    1 ---  2 title  3 parent: about  4 order: 2  5 summary  6 ---  7 body
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import TINY
from vnu_site.errors import Problems
from vnu_site.model import BuildOptions
from vnu_site.pipeline import load_site
from vnu_site.site.urls import Urls
from vnu_site.sources.schema import PAGE_DEPTH


def _page(content: Path, key: str, lang: str, front: str, body: str = "") -> None:
    (content / "pages" / f"{key}.{lang}.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(refused, setup) -> list[str]:
    _, err = refused(setup)
    return err.splitlines()[:-1]


def test_a_page_sits_at_the_top_of_its_language_and_a_child_under_its_parent():
    site, _ = load_site(BuildOptions(content=TINY, build_date=datetime.date(2025, 6, 1)), Problems())
    urls = Urls(site.config, site.items)
    about, contact = site.items[("page", "about")], site.items[("page", "contact")]
    assert [urls.item(about, lang) for lang in ("vi", "en")] == ["/vi/gioi-thieu/", "/en/about/"]
    assert [urls.item(contact, lang) for lang in ("vi", "en")] == ["/vi/gioi-thieu/lien-he/", "/en/about/contact/"]
    assert urls.ancestors(contact) == [about]
    assert site.backlinks[("page", "about")] == {"children": (("page", "contact"),)}


def test_a_parent_missing_in_a_language_leaves_the_child_at_the_top_there(tiny):
    (tiny / "pages" / "about.en.md").unlink()
    problems = Problems()
    site, _ = load_site(BuildOptions(content=tiny, build_date=datetime.date(2025, 6, 1)), problems)
    urls = Urls(site.config, site.items)
    contact = site.items[("page", "contact")]
    assert [urls.item(contact, lang) for lang in ("vi", "en")] == ["/vi/gioi-thieu/lien-he/", "/en/contact/"]
    contact = f"{tiny.as_posix()}/pages/contact.en.md"
    assert [str(p) for p in problems.sorted()] == [
        f"{contact}:3: warning: parent: page 'about' has no 'en' version, so the 'en' page cannot show it",
        f"{contact}:7: warning: links to page 'about', which has no 'en' version; the link goes to another language",
    ]


def test_an_unknown_parent_is_refused_with_a_suggestion(refused):
    def setup(content, _tmp):
        for lang in ("vi", "en"):
            _replace(content / f"pages/contact.{lang}.md", "parent: about", "parent: abuot")

    assert _errors(refused, setup) == ["content/pages/contact.en.md:3: parent: unknown page 'abuot' (did you mean 'about'?)"]


def test_a_parent_that_is_a_draft_is_refused(refused):
    def setup(content, _tmp):
        for lang in ("vi", "en"):
            _replace(content / f"pages/about.{lang}.md", "---\n", "---\ndraft: true\n")

    draft = "page 'about' is a draft or scheduled for later; publish it first or build with --drafts"
    assert _errors(refused, setup) == [
        f"content/pages/contact.en.md:3: parent: {draft}",
        f"content/pages/contact.en.md:7: {draft}",  # the links to it in the bodies
        f"content/pages/contact.vi.md:7: {draft}",
    ]


def test_a_cycle_of_parents_is_refused_once_naming_its_pages(refused):
    def setup(content, _tmp):
        _page(content, "a", "en", "title: Page A\nparent: b\n")
        _page(content, "b", "en", "title: Page B\nparent: c\n")
        _page(content, "c", "en", "title: Page C\nparent: a\n")
        _page(content, "d", "en", "title: Page D\nparent: b\n")  # under the cycle, not in it: nothing of its own

    assert _errors(refused, setup) == [
        "content/pages/a.en.md:3: parent: the pages 'a' → 'b' → 'c' → 'a' form a cycle; "
        "a page cannot sit under itself: remove or change one of these parents"
    ]


def test_a_page_under_itself_is_refused(refused):
    def setup(content, _tmp):
        _page(content, "loop", "en", "title: Loop\nparent: loop\n")

    assert _errors(refused, setup) == ["content/pages/loop.en.md:3: parent: a page cannot refer to itself"]


def test_pages_nest_at_most_six_levels(refused):
    assert PAGE_DEPTH == 6

    def setup(content, _tmp):
        # level 1 is about; contact is level 2; l3 … l8 go on below it
        parent = "contact"
        for level in range(3, 9):
            _page(content, f"l{level}", "en", f"title: Level {level}\nparent: {parent}\n")
            parent = f"l{level}"

    assert _errors(refused, setup) == [
        "content/pages/l7.en.md:3: parent: this page is 7 levels deep "
        "('about' → 'contact' → 'l3' → 'l4' → 'l5' → 'l6' → 'l7'); pages nest 6 levels at most: put it higher up"
    ]


@pytest.mark.parametrize(
    ("lang", "front", "line", "path", "section"),
    [
        ("en", "title: News\n", 2, "/en/news/", "news"),
        ("vi", "title: Tìm kiếm\n", 2, "/vi/tim-kiem/", "search"),
        ("en", "title: Our partners\nslug: partners\n", 3, "/en/partners/", "partners"),
    ],
)
def test_a_page_at_a_sections_address_is_refused(refused, lang, front, line, path, section):
    def setup(content, _tmp):
        _page(content, "taken", lang, front)

    assert _errors(refused, setup) == [
        f"content/pages/taken.{lang}.md:{line}: the page's address {path} is the {section} section's; give the page another `slug:`"
    ]


def test_a_child_may_take_a_sections_segment_under_its_parent(run, tiny, tmp_path):
    from conftest import build_args

    _page(tiny, "news-of-us", "en", "title: News\nparent: about\n")
    assert run(*build_args(tiny, tmp_path / "public"))[0] == 0
    assert (tmp_path / "public/en/about/news/index.html").is_file()


def test_two_pages_at_one_address_are_refused(refused):
    def setup(content, _tmp):
        _page(content, "contact-us", "en", "title: Contact\nparent: about\n")

    assert _errors(refused, setup) == [
        "content/pages/contact-us.en.md:2: the page's address /en/about/contact/ is also that of content/pages/contact.en.md:2; "
        "give one of them another `slug:`"
    ]


def test_an_unknown_page_link_in_a_body_is_refused_with_a_suggestion(refused):
    def setup(content, _tmp):
        with (content / "articles/tsinghua-ai.en.md").open("a", encoding="utf-8") as file:
            file.write("\nWrite to [the editors](page:contatc), or read [about us](page:about).\n")

    _, err = refused(setup)
    line = len((Path("content") / "articles/tsinghua-ai.en.md").read_text(encoding="utf-8").splitlines())
    assert err.splitlines()[:-1] == [f"content/articles/tsinghua-ai.en.md:{line}: unknown page 'contatc' (did you mean 'contact'?)"]
