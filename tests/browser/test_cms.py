"""The browser editor (outputs/cms.py) as an editor uses it: `vnu-site serve --cms` on a copy
of the bulletin, Decap CMS in Debian's Chromium, saving through decap-server on 127.0.0.1.

The CMS's scripts are the pinned npm packages' own files (tests/npm_packages.py), served in
place of jsDelivr: the page loads them with their Subresource Integrity hashes, so a hash that
is not the npm file's stops the CMS and fails these tests. Nothing else outside 127.0.0.1 is
asked for.
"""

from __future__ import annotations

import datetime
import re
import shutil
import time
from pathlib import Path

import pytest
from lxml import html
from PIL import Image

import npm_packages
from conftest import ROOT, TEMPLATES
from vnu_site.__main__ import main
from vnu_site.editor import cms_proxy
from vnu_site.editor.serve import Preview
from vnu_site.errors import Problems
from vnu_site.model import BuildOptions
from vnu_site.outputs.cms import CDN
from vnu_site.pipeline import load_site
from vnu_site.site.urls import Urls

from .conftest import serve

CONTENT = ROOT / "content"
BUILD_DATE = datetime.date(2026, 1, 1)
OPTIONAL = r"( \(không bắt buộc\))?"  # Decap adds this to the label of an optional field

KEY = "dhqghn-va-dai-hoc-thanh-hoa-mo-phong-thi-nghiem-chung"
NEW_VI = """---
title: ĐHQGHN và Đại học Thanh Hoa mở phòng thí nghiệm chung
summary: Hai trường mở phòng thí nghiệm chung về trí tuệ nhân tạo.
date: 2025-05
partners: [tsinghua, peking-university]
tags: [ai]
cover: cover.jpg
cover_alt: Hai hiệu trưởng cắt băng khánh thành phòng thí nghiệm.
---
ĐHQGHN, [ĐH Thanh Hoa](partner:tsinghua) và [ĐH Bắc Kinh](partner:peking-university) mở phòng thí nghiệm chung.
"""
NEW_EN = """---
title: VNU and Tsinghua open a joint laboratory
summary: The universities open a joint laboratory for artificial intelligence.
cover_alt: The two presidents cut the ribbon at the laboratory.
---
VNU, [Tsinghua University](partner:tsinghua) and [Peking University](partner:peking-university) open a joint laboratory.
"""


@pytest.fixture(scope="module")
def scripts() -> dict[str, Path]:
    return npm_packages.script_files()


@pytest.fixture(scope="module")
def editing(tmp_path_factory, scripts):
    """`vnu-site serve --cms` on a copy of the bulletin with `editor: true`."""
    site = tmp_path_factory.mktemp("cms-site")
    content = site / "content"
    shutil.copytree(CONTENT, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("editor: true\n")
    proxy_script = npm_packages.decap_server()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cms_proxy, "installed", lambda folder=None: proxy_script)  # the tests' copy
        preview = Preview(content, TEMPLATES, port=0, build_date=BUILD_DATE, log=lambda text, error=False: None, cms=True)
        preview.start()
    try:
        yield preview, content
    finally:
        preview.stop()


def open_editor(page, preview, scripts, path: str) -> list[str]:
    """The editor at #/path, signed in to the local proxy; returns the list of requests to
    anywhere else than the preview, the proxy and the pinned packages (it should stay empty)."""
    elsewhere: list[str] = []
    allowed = (preview.url, preview.proxy.url.rsplit("/api/", 1)[0], "data:", "blob:")

    page.route(re.compile(re.escape(CDN) + ".*"), lambda route: fulfil_from_npm(route, scripts, elsewhere))
    page.on("request", lambda request: request.url.startswith((*allowed, CDN)) or elsewhere.append(request.url))
    page.goto(preview.url + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()  # the proxy's sign-in: a button, no account
    page.goto(preview.url + "admin/#/" + path)
    return elsewhere


def fulfil_from_npm(route, scripts: dict[str, Path], elsewhere: list[str]) -> None:
    """Answer for jsDelivr with the npm package's own file (the page checks its hash)."""
    url = route.request.url
    folder = next((folder for prefix, folder in scripts.items() if url.startswith(prefix)), None)
    name = url.rpartition("/")[2]
    if folder is None or not (folder / name).is_file():
        elsewhere.append(url)
        route.abort()
        return
    route.fulfill(
        status=200, body=(folder / name).read_bytes(), headers={"content-type": "text/javascript", "access-control-allow-origin": "*"}
    )


def field(page, label: str):
    return page.get_by_label(re.compile("^" + re.escape(label) + OPTIONAL + "$"))


def publish(page) -> None:
    """Saves; the caller waits for the files (the "published" toast fades after a few
    seconds, and a loaded machine can miss it)."""
    page.get_by_role("button", name="Công bố").click()
    page.get_by_text("Công bố ngay", exact=True).click()


def wait_for(condition, timeout: float = 45.0, fail: bool = True) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            assert not fail, "timed out"
            return
        time.sleep(0.1)


def contents(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def test_an_article_made_in_both_languages_is_what_the_build_reads(page, editing, scripts, tmp_path, watch):
    preview, content = editing
    elsewhere = open_editor(page, preview, scripts, "collections/articles/new")
    titles = field(page, "Tiêu đề")
    titles.first.wait_for()
    assert titles.count() == 2  # Vietnamese and English side by side
    titles.nth(0).fill("ĐHQGHN và Đại học Thanh Hoa mở phòng thí nghiệm chung")
    titles.nth(1).fill("VNU and Tsinghua open a joint laboratory")
    field(page, "Tóm tắt").nth(0).fill("Hai trường mở phòng thí nghiệm chung về trí tuệ nhân tạo.")
    field(page, "Tóm tắt").nth(1).fill("The universities open a joint laboratory for artificial intelligence.")
    field(page, "Ngày").first.fill("2025-05")  # a month: the sources often give no day
    partners = field(page, "Đối tác").first  # facts are the item's: in the Vietnamese column only
    for typed, title in (("Thanh Hoa", "Đại học Thanh Hoa"), ("Bắc Kinh", "Đại học Bắc Kinh")):
        partners.fill(typed)  # picked by title, stored by key
        page.get_by_role("option", name=title, exact=True).click()
    tags = field(page, "Chủ đề").first
    tags.fill("Trí tuệ")
    page.get_by_role("option", name="Trí tuệ nhân tạo", exact=True).click()
    picture = tmp_path / "cover.jpg"
    Image.new("RGB", (1200, 800), (180, 40, 40)).save(picture, quality=80)
    page.get_by_text("Chọn một hình", exact=True).first.click()  # the cover: uploaded into the item's folder
    page.locator("input[type=file]").first.set_input_files(picture)
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    alts = field(page, "Mô tả ảnh bìa (cho người không xem được ảnh)")
    alts.nth(0).fill("Hai hiệu trưởng cắt băng khánh thành phòng thí nghiệm.")
    alts.nth(1).fill("The two presidents cut the ribbon at the laboratory.")
    bodies = page.locator("[data-slate-editor=true]")  # the Markdown body, as typed (the widget's raw mode)
    for index, text in enumerate((NEW_VI, NEW_EN)):
        bodies.nth(index).click()
        page.keyboard.insert_text(text.split("---\n")[2].rstrip("\n"))
    publish(page)

    vi, en = content / "articles" / f"{KEY}.vi.md", content / "articles" / f"{KEY}.en.md"
    # decap-server writes the files one after the other, in place: wait for both whole
    # (then the asserts show any difference).
    wait_for(lambda: contents(vi) == NEW_VI and contents(en) == NEW_EN, fail=False)
    assert vi.read_text(encoding="utf-8") == NEW_VI
    assert en.read_text(encoding="utf-8") == NEW_EN
    assert (content / "articles" / KEY / "cover.jpg").read_bytes() == picture.read_bytes()
    assert elsewhere == [] and watch.problems == []

    site, _ = load_site(BuildOptions(content=content, templates=TEMPLATES, build_date=BUILD_DATE), Problems())
    urls = Urls(site.config)
    article = site.get(("article", KEY))
    # The preview rebuilt on the save: the new story is served beside the editor.
    wait_for(lambda: all((preview.folder / urls.item(article, lang).lstrip("/") / "index.html").is_file() for lang in ("vi", "en")))
    out = tmp_path / "public"
    assert main(["check", "--strict", "--content", str(content), "--templates", str(TEMPLATES), "--build-date", str(BUILD_DATE)]) == 0
    build = ["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out), "--build-date", str(BUILD_DATE)]
    assert main([*build, "--no-search", "--cache-dir", str(tmp_path / "cache")]) == 0
    for partner in ("tsinghua", "peking-university"):
        for lang in ("vi", "en"):
            shown = (out / urls.item(site.get(("partner", partner)), lang).lstrip("/") / "index.html").read_text(encoding="utf-8")
            links = html.fromstring(shown).xpath("//main//a/@href")
            assert urls.href(urls.item(article, lang)) in links, (partner, lang)


def test_editing_a_partner_s_name_changes_that_line_only(page, editing, scripts):
    preview, content = editing
    before = {path: path.read_bytes() for path in content.rglob("*") if path.is_file() and "articles" not in path.parts}
    open_editor(page, preview, scripts, "collections/partners/entries/tsinghua")
    title = field(page, "Tiêu đề").first
    title.wait_for()
    assert title.input_value() == "Đại học Thanh Hoa"
    title.fill("Đại học Thanh Hoa (Bắc Kinh)")
    publish(page)
    vi = content / "partners" / "tsinghua.vi.md"
    wait_for(lambda: vi.read_bytes() != before[vi])
    after = {path: path.read_bytes() for path in before}
    assert [path for path in before if after[path] != before[path]] == [vi]
    old, new = before[vi].decode().split("\n"), after[vi].decode().split("\n")
    assert [(i, a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == [
        (1, "title: Đại học Thanh Hoa", "title: Đại học Thanh Hoa (Bắc Kinh)")
    ]


SETTINGS = {  # (content, its templates, the editor's setting, the host it signs in with)
    "bulletin": (CONTENT, TEMPLATES, "editor: {backend: github, repo: vnu/bulletin}\n", "GitHub"),  # the editorial workflow
    # The default theme alone: the bulletin's templates/ gives its strings in vi and en only.
    "trilingual": (
        ROOT / "tests" / "fixtures" / "trilingual",
        None,
        "editor: {backend: gitlab, repo: office/site, workflow: simple}\n",
        "GitLab",
    ),
}


@pytest.mark.parametrize("name", SETTINGS)
def test_the_published_configuration_passes_the_cms_own_check(page, scripts, tmp_path, watch, name):
    """Decap checks its configuration with its own schema (AJV) before anyone signs in: a
    wrong one shows "Error loading the CMS configuration" instead of the sign-in button."""
    source, templates, setting, host = SETTINGS[name]
    content = tmp_path / "content"
    shutil.copytree(source, content)
    with (content / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(setting)
    out = tmp_path / "public"
    theme = str(templates or tmp_path / "no-templates")
    build = ["build", "--content", str(content), "--templates", theme, "--out", str(out), "--build-date", str(BUILD_DATE)]
    assert main([*build, "--no-search", "--cache-dir", str(tmp_path / "cache")]) == 0
    elsewhere: list[str] = []
    page.route(re.compile(re.escape(CDN) + ".*"), lambda route: fulfil_from_npm(route, scripts, elsewhere))
    for url in serve(out):
        page.goto(url + "/admin/")
        page.get_by_role("button", name=re.compile(host)).wait_for()
        assert elsewhere == [] and watch.problems == []
