"""Menus and footer from site.yaml (docs/theming.md): entries of every kind, in order, with
children, titles per language, the current page marked, and every mistake refused with its
line and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from conftest import TEMPLATES, build_args

MENU = """\
menu:
  - section: home
  - section: partners
    title: {vi: Các đối tác, en: Our partners}
    children:
      - partner: tsinghua
      - partner: mooc-alliance
        title: {vi: Liên minh MOOC, en: MOOC alliance}
  - page: guide
    children:
      - page: visas
      - page: housing
  - article: mooc
  - section: tags
  - url: https://example.com/a?b=1&c=2
    title: {vi: Trang ngoài, en: Elsewhere}
  - url: /vi/tin-tuc/
    title: {vi: Tin tức, en: News (Vietnamese)}
footer:
  - section: feed
  - event: conference-2025
  - section: archive
    title: {vi: Kho lưu trữ, en: Old stories}
"""


def _build(run, content: Path, out: Path, *extra: str) -> str:
    code, _, err = run(*build_args(content, out, *extra))
    assert code == 0, err
    return err


def _nav(out: Path, page: str) -> list:
    """[(title, href, aria-current, [children as the same])] of the main menu on a page."""
    doc = html.parse(str(out / page / "index.html") if not page.endswith(".html") else str(out / page))
    return [_entry(li) for li in doc.xpath('//nav[contains(@class,"main-nav")]/ul/li')]


def _footer(out: Path, page: str) -> list:
    doc = html.parse(str(out / page / "index.html"))
    return [_entry(li) for li in doc.xpath('//footer//ul[@class="footer-links"]/li')]


def _entry(li) -> tuple:
    link = li.xpath("./a")[0]
    children = [_entry(child) for child in li.xpath("./ul/li")]
    entry = (link.text_content(), link.get("href"), link.get("aria-current"))
    return (*entry, children) if children else entry


# Pages of the test's own: a guide in both languages, with a child in both and one in Vietnamese only.
PAGES = {
    "guide.vi.md": "---\ntitle: Hướng dẫn\n---\nCho sinh viên quốc tế.\n",
    "guide.en.md": "---\ntitle: Guide\n---\nFor international students.\n",
    "visas.vi.md": "---\ntitle: Thị thực\nparent: guide\norder: 1\n---\nThị thực.\n",
    "visas.en.md": "---\ntitle: Visas\nparent: guide\norder: 1\n---\nVisas.\n",
    "housing.vi.md": "---\ntitle: Nhà ở\nparent: guide\norder: 2\n---\nChỉ có tiếng Việt.\n",
}


@pytest.fixture
def menu_site(run, tiny, tmp_path):
    with (tiny / "site.yaml").open("a", encoding="utf-8") as file:
        file.write(MENU)
    (tiny / "pages").mkdir(exist_ok=True)
    for name, text in PAGES.items():
        (tiny / "pages" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "public"
    err = _build(run, tiny, out)
    return out, err


def test_menu_entries_of_every_kind_in_order_per_language(menu_site):
    out, _ = menu_site
    english = [entry[:3] for entry in _nav(out, "en/partners")]
    assert english == [
        ("Home", "/en/", None),
        ("Our partners", "/en/partners/", "page"),
        ("Guide", "/en/guide/", None),
        ("Topics", "/en/tags/", None),
        ("Elsewhere", "https://example.com/a?b=1&c=2", None),
        ("News (Vietnamese)", "/vi/tin-tuc/", None),
    ]
    assert _nav(out, "en/partners")[2][3] == [("Visas", "/en/guide/visas/", None)]  # the Vietnamese-only child is left out
    vietnamese = _nav(out, "vi/doi-tac")
    assert [entry[:3] for entry in vietnamese] == [
        ("Trang chủ", "/vi/", None),
        ("Các đối tác", "/vi/doi-tac/", "page"),
        ("Hướng dẫn", "/vi/huong-dan/", None),
        ("Đại học Đà Nẵng tham gia liên minh MOOC", "/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/", None),
        ("Chủ đề", "/vi/chu-de/", None),
        ("Trang ngoài", "https://example.com/a?b=1&c=2", None),
        ("Tin tức", "/vi/tin-tuc/", None),
    ]
    assert vietnamese[1][3] == [
        ("Đại học Thanh Hoa", "/vi/doi-tac/dai-hoc-thanh-hoa/", None),
        ("Liên minh MOOC", "/vi/doi-tac/lien-minh-mooc-va-giao-duc-truc-tuyen-toan-cau/", None),
    ]
    assert vietnamese[2][3] == [("Thị thực", "/vi/huong-dan/thi-thuc/", None), ("Nhà ở", "/vi/huong-dan/nha-o/", None)]


def test_the_current_page_and_the_entry_above_it_are_marked(menu_site):
    out, _ = menu_site
    # An item in the menu: the child is the page, its parent holds it.
    nav = _nav(out, "en/partners/tsinghua-university")
    assert nav[1][:3] == ("Our partners", "/en/partners/", "true")
    assert nav[1][3][0] == ("Tsinghua University", "/en/partners/tsinghua-university/", "page")
    assert [entry[2] for entry in nav] == [None, "true", None, None, None, None]
    # A partner not in the menu: its section is the current entry, as in the default menu.
    nav = _nav(out, "en/partners/vietnam-national-university-hanoi")
    assert [entry[2] for entry in nav] == [None, "page", None, None, None, None]
    assert [child[2] for child in nav[1][3]] == [None, None]
    # A tag page is under the Topics entry; a site path is current where it leads.
    assert [entry[2] for entry in _nav(out, "en/tags/artificial-intelligence")] == [None, None, None, "page", None, None]
    assert [entry[2] for entry in _nav(out, "vi/tin-tuc")] == [None, None, None, None, None, None, "page"]
    # A child page in the menu: it is the page, its parent holds it.
    nav = _nav(out, "en/guide/visas")
    assert nav[2][2] == "true" and nav[2][3] == [("Visas", "/en/guide/visas/", "page")]
    assert [entry[2] for entry in _nav(out, "en/guide")] == [None, None, "page", None, None, None]
    # Exactly one entry of a page's menu is the page.
    for page in ("en", "vi", "en/news", "en/events", "vi/huong-dan/nha-o"):
        doc = html.parse(str(out / page / "index.html"))
        assert len(doc.xpath('//nav[contains(@class,"main-nav")]//a[@aria-current="page"]')) <= 1


def test_the_footer_from_site_yaml(menu_site):
    out, _ = menu_site
    assert _footer(out, "en") == [
        ("Atom feed", "/en/feed.xml", None),
        ("Vietnam–China Higher Education Conference", "/en/events/vietnam-china-higher-education-conference/", None),
        ("Old stories", "/en/archive/", None),
    ]
    doc = html.parse(str(out / "en" / "index.html"))
    assert doc.xpath('//footer//a[@href="/en/feed.xml"]/@type') == ["application/atom+xml"]
    titles = [entry[0] for entry in _footer(out, "vi")]
    assert titles[0] == "Nguồn tin Atom" and titles[2] == "Kho lưu trữ"


def test_a_menu_item_missing_in_a_language_is_a_warning(menu_site):
    _, err = menu_site
    warnings = [line.split("/content/", 1)[-1] for line in err.splitlines()]
    assert "site.yaml:20: warning: menu: article 'mooc' has no 'en' version, so the 'en' menu leaves it out" in warnings
    assert "site.yaml:19: warning: menu: page 'housing' has no 'en' version, so the 'en' menu leaves it out" in warnings


def test_without_a_menu_the_default_one(run, tiny, tmp_path):
    """Today's menu, and today's footer: an explicit menu of the same entries gives the same bytes."""
    out = tmp_path / "default" / "public"
    _build(run, tiny, out)
    assert _nav(out, "en/partners") == [
        ("Home", "/en/", None),
        ("News", "/en/news/", None),
        ("Partners", "/en/partners/", "page"),
        ("Events", "/en/events/", None),
        ("Agreements", "/en/agreements/", None),
    ]
    assert [entry[0] for entry in _footer(out, "en")] == ["Test Bulletin", "Topics", "Archive", "Atom feed", "Events calendar (iCalendar)"]
    with (tiny / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("menu:\n" + "".join(f"  - section: {key}\n" for key in ("home", "news", "partners", "events", "agreements")))
    again = tmp_path / "explicit" / "public"
    _build(run, tiny, again)
    from conftest import tree

    assert tree(again) == tree(out)


def _refusal(refused, yaml: str) -> list[str]:
    def setup(content, _tmp):
        with (content / "site.yaml").open("a", encoding="utf-8") as file:
            file.write(yaml)
        (content / "pages").mkdir(exist_ok=True)
        for name, text in PAGES.items():
            (content / "pages" / name).write_text(text, encoding="utf-8")

    _, err = refused(setup)
    return err.splitlines()


# The tiny site.yaml has 7 lines: what a test adds starts on line 8.
REFUSALS = [
    (
        "unknown page",
        "menu:\n  - section: home\n  - page: giude\n",
        "content/site.yaml:10: menu: unknown page 'giude' (did you mean 'guide'?)",
    ),
    (
        "unknown page, nothing close",
        "menu:\n  - page: visiting\n",
        "content/site.yaml:9: menu: unknown page 'visiting'; to add it: vnu-site new page \"Its name\" --key visiting",
    ),
    (
        "unknown page, a word too many",
        "menu:\n  - page: about-us\n",
        "content/site.yaml:9: menu: unknown page 'about-us' (did you mean 'about'?)",
    ),
    (
        "unknown section",
        "menu:\n  - section: newz\n",
        "content/site.yaml:9: menu: unknown section 'newz' (did you mean 'news'?)",
    ),
    (
        "unknown section, nothing close",
        "menu:\n  - section: contact\n",
        "content/site.yaml:9: menu: unknown section 'contact'; the sections are "
        "home, news, partners, events, agreements, tags, archive, search, feed, calendar",
    ),
    (
        "unknown partner in the footer",
        "footer:\n  - partner: tsinghau\n",
        "content/site.yaml:9: footer: unknown partner 'tsinghau' (did you mean 'tsinghua'?)",
    ),
    (
        "two targets",
        "menu:\n  - section: news\n    url: https://example.org/\n",
        "content/site.yaml:9: menu: the entry points at 'section' and 'url'; give only one",
    ),
    (
        "no target",
        "menu:\n  - section: news\n  - title: {vi: A, en: B}\n",
        "content/site.yaml:10: menu: the entry points at nothing; give one of section, article, partner, event, agreement, page, url",
    ),
    (
        "a url without a title",
        "menu:\n  - url: https://example.org/\n",
        "content/site.yaml:9: menu: a url entry needs a title in each language: title: {vi: …, en: …}",
    ),
    (
        "a title missing a language",
        "menu:\n  - url: https://example.org/\n    title: {vi: Ngoài}\n",
        "content/site.yaml:10: menu: the title has no 'en' text",
    ),
    (
        "a title missing a language, on an item",
        "menu:\n  - partner: tsinghua\n    title:\n      en: Tsinghua\n",
        "content/site.yaml:10: menu: the title has no 'vi' text",
    ),
    (
        "children of children",
        "menu:\n  - section: partners\n    children:\n      - partner: tsinghua\n        children:\n          - partner: vnu\n",
        "content/site.yaml:12: menu: children cannot have children of their own: a menu has one level below its entries",
    ),
    (
        "an unsafe url",
        "menu:\n  - url: javascript:alert(1)\n    title: {vi: A, en: B}\n",
        "content/site.yaml:9: menu: url 'javascript:alert(1)' is neither an http(s) address (https://example.org/…) nor a path "
        "on the site (/vi/gioi-thieu/); only letters, digits and URL punctuation, no spaces or quotes",
    ),
    (
        "a url breaking out of its attribute",
        'menu:\n  - url: "https://example.org/\\"><script>"\n    title: {vi: A, en: B}\n',
        "content/site.yaml:9: menu: url 'https://example.org/\"><script>' is neither an http(s) address (https://example.org/…) "
        "nor a path on the site (/vi/gioi-thieu/); only letters, digits and URL punctuation, no spaces or quotes",
    ),
    (
        "an unknown field",
        "menu:\n  - section: news\n    titel: {vi: A, en: B}\n",
        "content/site.yaml:10: menu: unknown field 'titel' in an entry (did you mean 'title'?)",
    ),
    (
        "not a list",
        "menu: news\n",
        "content/site.yaml:8: menu: must be a list of entries, such as '- section: news' (see docs/theming.md)",
    ),
    (
        "an entry that is not a mapping",
        "menu:\n  - news\n",
        "content/site.yaml:9: menu: each entry must be a mapping such as '- section: news' or '- page: about'",
    ),
]


@pytest.mark.parametrize(("yaml", "expected"), [case[1:] for case in REFUSALS], ids=[case[0] for case in REFUSALS])
def test_menu_mistakes_are_refused_with_their_line(refused, yaml, expected):
    assert expected in _refusal(refused, yaml)


def test_a_draft_in_the_menu_is_refused_as_any_reference_to_a_draft(refused):
    def setup(content, _tmp):
        path = content / "articles" / "mooc.vi.md"
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
        with (content / "site.yaml").open("a", encoding="utf-8") as file:
            file.write("menu:\n  - article: mooc\n")

    _, err = refused(setup)
    expected = "content/site.yaml:9: menu: article 'mooc' is a draft or scheduled for later; publish it first or build with --drafts"
    assert expected in err.splitlines()


def test_a_draft_in_the_menu_is_shown_with_drafts(run, tiny, tmp_path):
    path = tiny / "articles" / "mooc.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    with (tiny / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("menu:\n  - article: mooc\n")
    out = tmp_path / "public"
    _build(run, tiny, out, "--drafts")
    assert _nav(out, "vi")[0][0] == "Đại học Đà Nẵng tham gia liên minh MOOC"
    assert _nav(out, "en") == []  # the only entry has no English text: no menu at all
    assert html.parse(str(out / "en" / "index.html")).xpath('//nav[contains(@class,"main-nav")]') == []


def test_the_bulletin_writes_out_the_default_menu_with_the_same_output(run, tmp_path):
    """The bundled bulletin's site.yaml gives today's menu: its output is byte for byte that
    of the default menu (no `menu:` at all)."""
    import shutil

    from conftest import ROOT, tree
    from vnu_site.errors import Problems
    from vnu_site.pages.menus import DEFAULT_MENU
    from vnu_site.sources import config

    problems = Problems()
    loaded = config.load(ROOT / "content" / "site.yaml", "content/site.yaml", problems)
    assert loaded is not None and loaded.menu is not None, problems.items
    assert [(entry.target, entry.key, entry.title, entry.children) for entry in loaded.menu] == [
        (entry.target, entry.key, entry.title, entry.children) for entry in DEFAULT_MENU
    ]
    # The footer: the theme's links, with the About page after the first.
    assert loaded.footer is not None and [(entry.target, entry.key) for entry in loaded.footer] == [
        ("section", "home"),
        ("page", "about"),
        ("section", "tags"),
        ("section", "archive"),
        ("section", "feed"),
        ("section", "calendar"),
    ]
    assert loaded.colors == {} and loaded.logo is None

    given = tmp_path / "given"
    shutil.copytree(ROOT / "content", given)
    default = tmp_path / "default"
    shutil.copytree(ROOT / "content", default)
    text = (default / "site.yaml").read_text(encoding="utf-8")
    without_menu = text[: text.index("\nmenu:") + 1] + text[text.index("# The footer") :]
    (default / "site.yaml").write_text(without_menu, encoding="utf-8")
    outputs = []
    for content in (given, default):
        out = tmp_path / f"{content.name}-out" / "public"
        _build(run, content, out, "--build-date", "2026-12-06")  # after the bulletin's newest story
        outputs.append(tree(out))
    assert outputs[0] == outputs[1]


def test_check_finds_a_menu_path_that_leads_nowhere(run, tiny, tmp_path, monkeypatch):
    with (tiny / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("menu:\n  - section: home\n  - url: /en/newz/\n    title: {vi: Tin, en: News}\n")
    monkeypatch.chdir(tiny.parent)
    code, out, err = run("check", "--content", "content", "--templates", TEMPLATES)
    assert code == 1
    assert "content/site.yaml:10: menu: url /en/newz/ goes to no page of the site (did you mean '/en/news/'?)" in (out + err).splitlines()


def test_invisible_characters_leave_settings_labels_with_a_warning_on_their_line(run, tiny, tmp_path):
    """A right-to-left override pasted into a label would show "Test" as "tseT" on every page;
    the labels of site.yaml and tags.yaml are cleaned as an item's own texts are."""
    settings = (tiny / "site.yaml").read_text(encoding="utf-8")
    settings = settings.replace("en: Test Bulletin}", "en: Test\u200b Bulletin}")
    settings += "menu:\n  - section: partners\n    title: {vi: \u202eĐối tác, en: Partners}\n"
    (tiny / "site.yaml").write_text(settings, encoding="utf-8")
    tags = (tiny / "tags.yaml").read_text(encoding="utf-8").replace("en: Artificial intelligence}", "en: Artificial\u2066 intelligence}")
    (tiny / "tags.yaml").write_text(tags, encoding="utf-8")
    out = tmp_path / "public"
    err = _build(run, tiny, out)
    warnings = {line.split("/content/", 1)[-1] for line in err.splitlines() if "invisible" in line}
    removed = "was removed from the page; delete it from the file"
    menu_line = settings.splitlines().index("    title: {vi: \u202eĐối tác, en: Partners}") + 1
    assert warnings == {
        f"site.yaml:6: warning: the invisible character U+200B (zero width space) {removed}",
        f"site.yaml:{menu_line}: warning: the invisible character U+202E (right-to-left override) {removed}",
        f"tags.yaml:1: warning: the invisible character U+2066 (left-to-right isolate) {removed}",
    }
    assert [entry[:2] for entry in _nav(out, "vi")] == [("Đối tác", "/vi/doi-tac/")]
    english = html.parse(str(out / "en" / "tags" / "artificial-intelligence" / "index.html"))
    assert english.xpath("string(//h1)").strip() == "Topic: Artificial intelligence"
    assert "Test Bulletin" in english.xpath("string(//title)")
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(char in text for char in "\u200b\u202e\u2066"), page
