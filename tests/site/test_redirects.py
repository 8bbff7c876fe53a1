"""Stable URLs: each alias gets a redirect page (meta refresh + canonical) to the item's
current URL; redirect and status pages are marked public=False in the plan; urls.json
records every item's URL for `check --published`."""

from __future__ import annotations

import json

import pytest
from lxml import html

from conftest import TEMPLATES, build_args
from vnu_site.errors import Problems
from vnu_site.model import BuildOptions
from vnu_site.pages.plan import plan
from vnu_site.pipeline import load_site

OLD = "/vi/doi-tac/dh-thanh-hoa/"
NEW = "/vi/doi-tac/dai-hoc-thanh-hoa/"


@pytest.fixture
def aliased(tiny):
    path = tiny / "partners/tsinghua.vi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", f"---\naliases: [{OLD}, /vi/doi-tac/tsinghua/]\n", 1), encoding="utf-8")
    return tiny


def test_alias_gets_a_redirect_page(run, aliased, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(aliased, out, "--base-url", "https://example.org/bulletin/"))
    assert code == 0, err
    page = html.fromstring((out / OLD.strip("/") / "index.html").read_bytes())
    assert page.xpath('//meta[@http-equiv="refresh"]/@content') == [f"0; url=/bulletin{NEW}"]
    assert page.xpath('//link[@rel="canonical"]/@href') == [f"https://example.org/bulletin{NEW}"]
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert page.xpath("//body//a/@href") == [f"/bulletin{NEW}"]
    assert page.get("lang") == "vi"
    assert (out / "vi/doi-tac/tsinghua/index.html").is_file()


def test_editor_pages_are_marked_not_public(aliased):
    problems = Problems()
    site, strings = load_site(BuildOptions(content=aliased, templates=TEMPLATES), problems)
    pages = plan(site, strings, problems)
    hidden = {page.path for page in pages if page.public is False}
    assert {"/en/translation-status/", "/vi/doi-tac/dh-thanh-hoa/", "/vi/doi-tac/tsinghua/", "/vi/tinh-trang-dich/"} <= hidden
    items = [page for page in pages if page.template in ("article.html", "partner.html", "event.html", "agreement.html")]
    assert len(items) == 17 and all(page.public is True for page in items)


def test_no_public_page_links_to_editor_pages(run, aliased, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(aliased, out))[0] == 0
    hidden = ("/vi/tinh-trang-dich/", "/en/translation-status/", OLD)
    for file in out.rglob("*.html"):
        status = {"tinh-trang-dich", "translation-status"} & {file.parent.name, file.parent.parent.name}
        if status or file.parent.name == "dh-thanh-hoa":
            continue  # the status pages link to each other (switcher, breadcrumbs, index)
        links = html.fromstring(file.read_bytes()).xpath("//a/@href")
        assert not [link for link in links if link in hidden], file


def test_alias_colliding_with_a_page_is_an_error(run, tiny, tmp_path):
    path = tiny / "partners/tsinghua.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\naliases: [/vi/doi-tac/]\n", 1), encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    assert f"{path.as_posix()}:1: produces the same URL /vi/doi-tac/ as a section page" in err


def test_alias_must_be_a_site_path(run, tiny, tmp_path):
    path = tiny / "partners/tsinghua.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\naliases: [https://old.example/x]\n", 1), encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    assert f"{path.as_posix()}:2: aliases: 'https://old.example/x' is not a site path like /vi/tin-tuc/ten-cu/" in err


def test_urls_json_maps_every_item(run, tiny, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    data = json.loads((out / "urls.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert data["items"]["partner/tsinghua"] == {"en": "/en/partners/tsinghua-university/", "vi": NEW}
    assert data["items"]["article/mooc"] == {"vi": "/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"}
    assert data["items"]["page/contact"] == {"en": "/en/about/contact/", "vi": "/vi/gioi-thieu/lien-he/"}
    assert len(data["items"]) == 11
