"""What a serve session's quick build no longer does again, and that its output is still a
clean build's: the pages of the items not edited are not laid out again (pages/layout.py),
and the sitemap, which shows no body, is not listed again after a body edit
(outputs/sitemap.py), while a new slug or date still reaches it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_quick_edits import BULLETIN, _options
from test_session import Saving, _same_as_clean

from vnu_site import pipeline
from vnu_site.errors import Problems
from vnu_site.outputs import sitemap
from vnu_site.pages import layout
from vnu_site.pages.plan import plan

ARTICLE = "articles/vnu-joins-international-alliances-ai.vi.md"  # dated 2025-09-09
PAGE = "pages/about.en.md"


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """How often the whole layout and the sitemap's list of pages were made."""
    calls = {"layout": 0, "sitemap": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(layout, "language_pages", counting("layout", layout.language_pages))
    monkeypatch.setattr(sitemap, "_every_page", counting("sitemap", sitemap._every_page))
    return calls


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _sitemap(saving: Saving) -> bytes:
    return (saving.out / "sitemap.xml").read_bytes()


def test_a_body_edit_lays_out_only_its_pages_and_keeps_the_sitemap(tmp_path, counted):
    saving = Saving(tmp_path)
    before = _sitemap(saving)
    counted.update(layout=0, sitemap=0)
    article = saving.content / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nMột đoạn nữa.\n", encoding="utf-8")
    result = saving.build(article)
    assert result.quick
    assert counted == {"layout": 0, "sitemap": 0}, "neither every page nor the sitemap was made again"
    assert "sitemap.xml" not in result.changed and _sitemap(saving) == before
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "a body edit")


def test_a_new_title_reaches_the_sitemap_on_the_quick_path(tmp_path, counted):
    saving = Saving(tmp_path)
    article = saving.content / ARTICLE
    _edit(article, "title: ĐHQGHN gia nhập", "title: ĐHQGHN chính thức gia nhập")
    result = saving.build(article)
    assert result.quick and counted["sitemap"] == 2, "the first build's, and this one's"
    assert "sitemap.xml" in result.changed
    assert b"/dhqghn-chinh-thuc-gia-nhap-" in _sitemap(saving)
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "a new title")


def test_a_new_updated_date_reaches_the_sitemap(tmp_path):
    saving = Saving(tmp_path)
    assert b"<lastmod>2025-09-09</lastmod>" in _sitemap(saving)
    article = saving.content / ARTICLE
    _edit(article, "date: 2025-09-09\n", "date: 2025-09-09\nupdated: 2025-12-30\n")
    result = saving.build(article)
    assert "sitemap.xml" in result.changed
    assert b"<lastmod>2025-12-30</lastmod>" in _sitemap(saving)
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "a new `updated`")


def test_a_page_edit_lays_out_every_page_again(tmp_path, counted):
    saving = Saving(tmp_path)
    counted.update(layout=0)
    page = saving.content / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    assert saving.build(page).quick
    assert counted["layout"] > 0, "a page's slug is in the URLs under it: everything is laid out"
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "a page edit")


def _described(pages) -> list:
    """Everything a plan says of its pages, contexts included."""
    return [(p.path, p.template, p.lang, p.public, p.identity, p.ancestors, p.sitemap, p.context, p.dependencies) for p in pages]


@pytest.mark.parametrize("title", ["same", "new"])
def test_a_reused_layout_plans_what_a_fresh_one_plans(tmp_path, title):
    options = _options(BULLETIN, tmp_path / "public")
    site, strings = pipeline.load_site(options, Problems())
    kept = layout.Layout()  # as a serve session keeps it
    plan(site, strings, Problems(), layout=kept)
    edited = {}
    for ref in (("article", "vnu-joins-international-alliances-ai"), ("partner", "vnu")):
        item = site.items[ref]
        texts = {lang: text for lang, text in item.texts.items()}
        vi = texts["vi"]
        retitled = vi.title + (" mới" if title == "new" else "")
        texts["vi"] = type(vi)(**{**vars(vi), "body_html": vi.body_html + "<p>Thêm.</p>", "title": retitled})
        edited[ref] = type(item)(item.kind, item.key, item.facts, texts)
    edited_site = site.with_items(edited)
    reused = _described(plan(edited_site, strings, Problems(), layout=kept))
    fresh = _described(plan(edited_site, strings, Problems()))
    assert reused == fresh
