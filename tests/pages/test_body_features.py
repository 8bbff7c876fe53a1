"""Figures with captions and credits, footnotes, task lists and videos as a page shows them
(sources/captions.py, footnotes.py, tasklists.py, embeds.py; filled in per language by
pages/views.py): the tiny site with an article that has them all, built, read with lxml."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import TEMPLATES, TINY, build_args
from sitecheck import BuiltSite
from vnu_site.__main__ import main

PAGE = {
    "vi": "/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/",
    "en": "/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/",
}
VIDEO = "dQw4w9WgXcQ"
BODY = {
    "vi": f"""
![Lễ ký kết giữa hai trường](chart.png)
*Lễ ký kết tại Hà Nội. Ảnh: VNU Media*

Hai trường ký thỏa thuận[^nguon] và sẽ trao đổi sinh viên[^2][^nguon].

- [x] Ký thỏa thuận
- [ ] Đón đoàn sinh viên đầu tiên

https://www.youtube.com/watch?v={VIDEO}

[^nguon]: Bản tin ĐHQGHN, tháng 3 năm 2025.
[^2]: Theo thông cáo của ĐH Thanh Hoa.
""",
    "en": f"""
![The signing between the two universities](chart.png)
*The signing in Hanoi. Photo: VNU Media*

The two universities signed an agreement[^source] and will exchange students[^2][^source].

- [x] Sign the agreement
- [ ] Welcome the first students

https://youtu.be/{VIDEO}

[^source]: VNU Bulletin, March 2025.
[^2]: According to Tsinghua's announcement.
""",
}


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (10, 80, 140)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("body-features")
    content = root / "content"
    shutil.copytree(TINY, content)
    (content / "articles" / "tsinghua-ai").mkdir()
    (content / "articles" / "tsinghua-ai" / "chart.png").write_bytes(_png())
    for lang in ("vi", "en"):
        path = content / "articles" / f"tsinghua-ai.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8") + BODY[lang], encoding="utf-8")
    out = root / "public"
    assert main([str(a) for a in build_args(content, out)]) == 0
    return root, BuiltSite(out)


def _body(site, lang):
    return site.pages[PAGE[lang]].xpath('//div[@class="body"]')[0]


@pytest.mark.parametrize(
    ("lang", "caption", "credit"),
    [("vi", "Lễ ký kết tại Hà Nội. ", "Ảnh: VNU Media"), ("en", "The signing in Hanoi. ", "Photo: VNU Media")],
)
def test_a_captioned_image_is_a_figure_with_its_credit(built, lang, caption, credit):
    figure = _body(built[1], lang).xpath("figure[figcaption]")[0]
    image = figure.xpath(".//img")[0]
    assert image.get("src").endswith("/media/articles/tsinghua-ai/chart.png") or "chart" in image.get("src")
    assert image.get("alt") in ("Lễ ký kết giữa hai trường", "The signing between the two universities")
    assert figure.find("figcaption").text == caption
    assert figure.xpath("figcaption/span[@class='credit']/text()") == [credit]


@pytest.mark.parametrize(
    ("lang", "heading", "cite", "back"),
    [("vi", "Chú thích", "Chú thích", "Quay lại chỗ dẫn chú thích"), ("en", "Notes", "Note", "Back to reference")],
)
def test_footnotes_have_a_heading_and_link_names_in_the_pages_language(built, lang, heading, cite, back):
    body = _body(built[1], lang)
    section = body.xpath("section[@class='footnotes']")[0]
    assert section.xpath("h2[@class='visually-hidden']/text()") == [heading]
    assert [a.get("aria-label") for a in body.xpath(".//a[@data-footnote-ref]")] == [f"{cite} 1", f"{cite} 2", f"{cite} 1"]
    assert [a.get("aria-label") for a in section.xpath(".//a[@class='footnote-backref']")] == [f"{back} 1", f"{back} 1-2", f"{back} 2"]
    for link in body.xpath(".//a[@data-footnote-ref] | .//a[@class='footnote-backref']"):
        assert body.xpath(f'.//*[@id="{link.get("href")[1:]}"]'), link.get("href")


def test_every_id_on_the_pages_is_unique_and_every_fragment_has_a_target(built):
    _, site = built
    for lang in ("vi", "en"):
        ids = Counter(site.pages[PAGE[lang]].xpath("//@id"))
        assert [i for i, n in ids.items() if n > 1] == []
        assert {"fn-1", "fn-2", "fnref-1", "fnref-1-2", "fnref-2", "main"} <= set(ids)
    assert site.broken_links() == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_tasks_are_labelled_checkboxes(built, lang):
    items = _body(built[1], lang).xpath("ul/li[label/input]")
    assert [(li.find("label/input").get("checked") is not None, li.find("label/input").get("disabled") is not None) for li in items] == [
        (True, True),
        (False, True),
    ]
    assert items[0].find("label").text_content().strip() in ("Ký thỏa thuận", "Sign the agreement")


@pytest.mark.parametrize(("lang", "title"), [("vi", "Video trên YouTube"), ("en", "Video on YouTube")])
def test_a_video_link_is_a_player_that_loads_on_click(built, lang, title):
    frame = _body(built[1], lang).xpath("figure[@class='video']/div[@class='video-frame']/iframe")[0]
    assert frame.get("title") == title and frame.get("loading") == "lazy" and frame.get("allowfullscreen") is not None
    assert frame.get("src") == f"https://www.youtube-nocookie.com/embed/{VIDEO}"
    inner = lxml_html.document_fromstring(frame.get("srcdoc"))
    assert inner.get("lang") == lang
    assert [a.get("href") for a in inner.iter("a")] == [f"https://www.youtube-nocookie.com/embed/{VIDEO}?autoplay=1"]
    assert not inner.xpath("//script|//*[@src]")


def test_the_feed_carries_the_bodies_with_a_link_to_the_video(built):
    root, _ = built
    feed = etree.parse(str(root / "public" / "vi" / "feed.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    contents = [c.text for c in feed.xpath("//a:entry/a:content", namespaces=ns) if c.text and "footnotes" in c.text]
    assert len(contents) == 1
    content = lxml_html.fragment_fromstring(contents[0], create_parent="div")
    assert content.xpath("//figcaption/a[@href='https://www.youtube.com/watch?v=" + VIDEO + "']/text()") == ["Xem trên YouTube"]
    assert content.xpath("//section[@class='footnotes']/h2/text()") == ["Chú thích"]


def test_an_image_without_a_description_is_a_check_warning_that_fails_only_strict_builds(run, tiny, tmp_path):
    folder = tiny / "articles" / "tsinghua-ai"
    folder.mkdir()
    (folder / "chart.png").write_bytes(_png())
    path = tiny / "articles" / "tsinghua-ai.vi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![](chart.png)\n", encoding="utf-8")
    message = "image 'chart.png' has no description (alt text): describe what the picture shows, as in ![what it shows](chart.png)"
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01", "--format", "json")
    assert code == 0
    found = [p for p in json.loads(out)["problems"] if p["code"] == "no-alt"]
    assert found == [{"path": path.as_posix(), "line": 15, "severity": "warning", "code": "no-alt", "message": message}]
    assert run(*build_args(tiny, tmp_path / "public"))[0] == 0
    code, _, err = run(*build_args(tiny, tmp_path / "strict", "--strict"))
    assert code == 1 and f"{path.as_posix()}:15: warning: {message}" in err.splitlines()
