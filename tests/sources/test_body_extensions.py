"""What a body may hold beyond CommonMark (docs/content-format.md, "Figures, footnotes, task
lists and videos"): figures with captions and credits (sources/captions.py), footnotes
(footnotes.py), task lists (tasklists.py) and videos (embeds.py), with the sanitiser letting
through exactly what they need, in sanitised bodies and with trusted_html alike.
Their time on hostile bodies: bench/pathological.py, run by test_time_bounds.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from vnu_site.sources import captions, embeds, footnotes, markup
from vnu_site.sources.discover import SourceFile
from vnu_site.sources.headings import THEME_IDS
from vnu_site.sources.read import read_bytes

BOTH = pytest.mark.parametrize("trusted", [False, True], ids=["sanitised", "trusted_html"])
ID = "dQw4w9WgXcQ"
STRINGS = {
    "footnotes.title": "Chú thích",
    "footnotes.cite": "Chú thích {n}",
    "footnotes.back": "Quay lại chỗ dẫn chú thích {n}",
    "video.title": "Video trên {provider}",
    "video.play": "Phát video",
    "video.play.titled": "Phát video: {title}",
    "video.notice": "Trình phát của {provider} chỉ được tải khi bạn bấm.",
    "video.watch": "Xem trên {provider}",
}


def _plain(html: str) -> str:
    """cmark's own serialisation (trusted) written as the sanitiser's, to compare both with one text."""
    return html.replace(" />", ">").replace("data-footnotes>", 'data-footnotes="">').replace("data-footnote-ref>", 'data-footnote-ref="">')


def _read(body: str, trusted: bool = False):
    source = SourceFile("article", "x", "vi", Path("content/articles/x.vi.md"), "content/articles/x.vi.md")
    data = ("---\ntitle: Bài thử\ndate: 2025-05-01\n---\n" + body).encode("utf-8")  # the body starts on line 5
    return read_bytes(source, data, trusted_html=trusted)


# --- figures -------------------------------------------------------------------------------------


@BOTH
def test_an_image_with_an_emphasised_line_below_is_a_figure_with_a_credit(trusted):
    body = "![Alt text](signing.jpg)\n*The signing ceremony in Hanoi. Photo: Nguyễn Văn A*\n"
    assert _plain(markup.to_html(body, trusted)) == (
        '<figure><img src="signing.jpg" alt="Alt text"><figcaption>The signing ceremony in Hanoi. '
        '<span class="credit">Photo: Nguyễn Văn A</span></figcaption></figure>\n'
    )


@pytest.mark.parametrize(
    ("caption", "shown"),
    [
        ("Lễ ký kết tại Hà Nội. Ảnh: Nguyễn Văn A", 'Lễ ký kết tại Hà Nội. <span class="credit">Ảnh: Nguyễn Văn A</span>'),
        ("Lễ ký kết. Nguồn: Bản tin ĐHQGHN", 'Lễ ký kết. <span class="credit">Nguồn: Bản tin ĐHQGHN</span>'),
        ("The delegation. Source: VNU Media", 'The delegation. <span class="credit">Source: VNU Media</span>'),
        ("La délégation. Photo : Jean Dupont", 'La délégation. <span class="credit">Photo : Jean Dupont</span>'),
        ("La délégation. Crédit : VNU", 'La délégation. <span class="credit">Crédit : VNU</span>'),
        ("Ảnh: VNU Media", '<span class="credit">Ảnh: VNU Media</span>'),
        # the last credit word starts the credit
        ("Ảnh: trước. Ảnh: sau", 'Ảnh: trước. <span class="credit">Ảnh: sau</span>'),
        # a link in the credit stays in it
        ("Ảnh: [VNU Media](https://vnu.edu.vn/)", '<span class="credit">Ảnh: <a href="https://vnu.edu.vn/">VNU Media</a></span>'),
        # no credit: a caption alone
        ("Lễ ký kết tại Hà Nội", "Lễ ký kết tại Hà Nội"),
        ("bức ảnh: lowercase is running text", "bức ảnh: lowercase is running text"),
        ("Chụp ảnh:không phải từ đầu", "Chụp ảnh:không phải từ đầu"),
        ("Photographer: X", "Photographer: X"),
        # inside an element of the caption: not split (the span would cross its end)
        ("Lễ ký **Ảnh: A** tại Hà Nội", "Lễ ký <strong>Ảnh: A</strong> tại Hà Nội"),
        # in a link's title: not text
        ('[xem](https://vnu.edu.vn/ "Ảnh: x") thêm', '<a href="https://vnu.edu.vn/" title="Ảnh: x">xem</a> thêm'),
    ],
)
def test_the_credit_is_the_caption_from_its_last_credit_word(caption, shown):
    html = markup.to_html(f"![Lễ ký](a.jpg)\n*{caption}*\n")
    assert html == f'<figure><img src="a.jpg" alt="Lễ ký"><figcaption>{shown}</figcaption></figure>\n'


@BOTH
def test_remote_and_linked_images_make_figures_too(trusted):
    remote = markup.to_html('![Lễ ký](https://example.org/a.jpg "Tựa")\n_Lễ ký kết. Ảnh: VNU_\n', trusted)
    assert _plain(remote) == (
        '<figure><img src="https://example.org/a.jpg" alt="Lễ ký" title="Tựa"><figcaption>Lễ ký kết. '
        '<span class="credit">Ảnh: VNU</span></figcaption></figure>\n'
    )
    linked = markup.to_html("[![Lễ ký](a.jpg)](https://example.org/)\n*Lễ ký kết*\n", trusted)
    assert (
        _plain(linked)
        == '<figure><a href="https://example.org/"><img src="a.jpg" alt="Lễ ký"></a><figcaption>Lễ ký kết</figcaption></figure>\n'
    )


@pytest.mark.parametrize(
    "body",
    [
        "![a](a.jpg)\n",  # no caption
        "![a](a.jpg)\n\n*cap*\n",  # a blank line between: two paragraphs
        "![a](a.jpg)\n*cap* and more\n",  # the line is not all emphasis
        "Text ![a](a.jpg)\n*cap*\n",  # the image is not alone
        "![a](a.jpg) ![b](b.jpg)\n*cap*\n",  # two images
        "![a](a.jpg)\n**cap**\n",  # strong, not emphasis
    ],
)
def test_anything_else_stays_a_paragraph(body):
    assert "<figure>" not in markup.to_html(body)


def test_the_image_in_a_figure_keeps_the_shape_the_image_rewrite_reads():
    """A plain <img src alt>, as outside a figure: pages add sizes and srcset to it."""
    html = markup.to_html("![Lễ ký](a.jpg)\n*Lễ ký kết*\n")
    assert re.findall(r"<img[^>]*>", html) == re.findall(r"<img[^>]*>", markup.to_html("![Lễ ký](a.jpg)\n"))


# --- images without a description ------------------------------------------------------------------


@BOTH
def test_an_image_without_a_description_is_a_warning_on_its_line(trusted):
    body = "Đoạn mở đầu.\n\n![](chart.png)\n\nĐoạn hai có ảnh ![ ](b.png) ở giữa\nvà ![Mô tả](c.png).\n\n<p>HTML <img src='raw.png'></p>\n"
    entry, problems = _read(body, trusted)
    assert entry is not None and entry.body_html
    assert [(str(p), p.severity) for p in problems] == [
        (
            "content/articles/x.vi.md:7: warning: image 'chart.png' has no description (alt text): describe what "
            "the picture shows, as in ![what it shows](chart.png)",
            "warning",
        ),
        (
            "content/articles/x.vi.md:9: warning: image 'b.png' has no description (alt text): describe what "
            "the picture shows, as in ![what it shows](b.png)",
            "warning",
        ),
        (
            "content/articles/x.vi.md:12: warning: image 'raw.png' has no description (alt text): describe what "
            "the picture shows, as in ![what it shows](raw.png)",
            "warning",
        ),
    ]


def test_many_images_without_a_description_give_ten_warnings_and_a_count():
    body = "".join(f"![](a{i}.png)\n\n" for i in range(25))
    _, problems = _read(body)
    assert len(problems) == 11
    assert str(problems[9]).startswith("content/articles/x.vi.md:23: warning: image 'a9.png' has no description")
    assert str(problems[10]) == "content/articles/x.vi.md:25: warning: 15 more image(s) from here on have no description (alt text) either"


def test_described_images_and_figures_say_nothing():
    _, problems = _read("![Lễ ký](a.png)\n*Lễ ký kết. Ảnh: A*\n\n<img src='b.png' alt='Biểu đồ'>\n")
    assert problems == []


def test_undescribed_reads_every_way_html_writes_alt():
    html = '<img src="a.png" alt="x"><img src="b.png" alt=""><img alt=\'y\' src=c.png><img src=d.png alt=z><img src="e.png" alt=" &#32;">'
    assert captions.undescribed(html) == [(1, "b.png"), (4, "e.png")]


# --- footnotes -------------------------------------------------------------------------------------

NOTES = "Văn bản[^nguon] và thêm[^2], lại[^nguon].\n\n[^nguon]: Bản tin ĐHQGHN, *tr. 3*.\n[^2]: Khác.\n"


@BOTH
def test_footnotes_are_numbered_with_back_links(trusted):
    assert _plain(markup.to_html(NOTES, trusted)) == (
        '<p>Văn bản<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref="">1</a></sup> và thêm'
        '<sup class="footnote-ref"><a href="#fn-2" id="fnref-2" data-footnote-ref="">2</a></sup>, lại'
        '<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2" data-footnote-ref="">1</a></sup>.</p>\n'
        '<section class="footnotes" data-footnotes="">\n<ol>\n<li id="fn-1">\n'
        '<p>Bản tin ĐHQGHN, <em>tr. 3</em>. <a href="#fnref-1" class="footnote-backref" data-footnote-backref'
        + ('=""' if not trusted else "")
        + '>↩</a> <a href="#fnref-1-2" class="footnote-backref" data-footnote-backref'
        + ('=""' if not trusted else "")
        + '>↩<sup class="footnote-ref">2</sup></a></p>\n'
        '</li>\n<li id="fn-2">\n<p>Khác. <a href="#fnref-2" class="footnote-backref" data-footnote-backref'
        + ('=""' if not trusted else "")
        + ">↩</a></p>\n</li>\n</ol>\n</section>\n"
    )


def _ids_and_fragments(html: str) -> tuple[list[str], list[str]]:
    doc = lxml_html.fragment_fromstring(html, create_parent="div")
    return doc.xpath("//@id"), [href[1:] for href in doc.xpath("//a/@href") if href.startswith("#")]


@pytest.mark.parametrize(
    "body",
    [
        NOTES,
        # labels that are not plain words, a note citing another, one never cited
        'A[^Nguồn-1] B[^a"b] C[^<x>]\n\n[^Nguồn-1]: xem[^c]\n[^a"b]: hai\n[^<x>]: ba\n[^c]: bốn\n[^unused]: năm\n',
        # headings that would take the notes' ids, and the theme's
        "## FN 1\n\n## fnref 1\n\n## fnref 1 2\n\n## Main\n\nx[^1] y[^1]\n\n[^1]: z\n",
        # raw HTML copying the notes' ids, or taking the theme's
        'x[^1]\n\n<li id="fn-1">copy</li><a id="fnref-1" href="#">copy</a><p id="main">p</p>'
        '<a id="fn-2">a</a><li id="fnref-1">l</li>\n\n[^1]: z\n',
    ],
)
def test_footnote_ids_are_unique_never_the_themes_and_every_link_finds_its_target(body):
    ids, fragments = _ids_and_fragments(markup.to_html(body))
    assert len(ids) == len(set(ids)), ids
    assert [i for i in ids if THEME_IDS.fullmatch(i)] == []
    assert [f for f in fragments if f and f not in ids] == []


def test_headings_never_take_a_footnote_id():
    html = markup.to_html("## FN 1\n\n## fnref 1\n\n## fnref 1 2\n\nx[^1] y[^1]\n\n[^1]: z\n")
    assert re.findall(r'<h2 id="([^"]*)"', html) == ["fn-1-1", "fnref-1-1-section", "fnref-1-2-1"]


def test_the_sanitiser_lets_through_what_footnotes_need_and_no_more():
    raw = (
        '<section class="footnotes evil" data-footnotes id="main" style="x">s</section>'
        '<sup class="footnote-ref big" onclick="x">1</sup>'
        '<a href="#fn-1" class="footnote-backref other" data-footnote-backref data-footnote-backref-idx="1" aria-label="x" data-x="y">b</a>'
        '<a href="javascript:alert(1)" data-footnote-ref>j</a><span class="credit other">c</span>'
    )
    assert markup.to_html(raw) == (
        '<section class="footnotes" data-footnotes="">s</section><sup class="footnote-ref">1</sup>'
        '<a href="#fn-1" class="footnote-backref" data-footnote-backref="">b</a><a data-footnote-ref="">j</a>'
        '<span class="credit">c</span>\n'
    )


def test_an_id_passes_the_sanitiser_only_in_a_footnotes_shape_on_a_note_or_citation():
    assert footnotes.keep_id("li", "id", "fn-12") == "fn-12"
    assert footnotes.keep_id("a", "id", "fnref-12-3") == "fnref-12-3"
    for tag, value in [("li", "fnref-1"), ("a", "fn-1"), ("p", "fn-1"), ("li", "main"), ("a", "fnref-1x"), ("li", "fn-1 main")]:
        assert footnotes.keep_id(tag, "id", value) is None
    assert footnotes.keep_id("a", "href", "#x") == "#x"


def test_footnotes_speak_the_pages_language_when_a_page_shows_them():
    html = markup.localise(markup.to_html(NOTES), "vi", STRINGS.__getitem__)
    assert '<section class="footnotes" data-footnotes=""><h2 class="visually-hidden">Chú thích</h2>' in html
    assert re.findall(r'aria-label="([^"]*)"', html) == [
        "Chú thích 1",
        "Chú thích 2",
        "Chú thích 1",
        "Quay lại chỗ dẫn chú thích 1",
        "Quay lại chỗ dẫn chú thích 1-2",
        "Quay lại chỗ dẫn chú thích 2",
    ]
    assert "Back to reference" not in markup.to_html(NOTES, trusted=True)  # cmark's English is not kept


def test_a_body_without_footnotes_is_left_as_it_was():
    for body in ("Một câu [^x] không có chú thích.\n", "[^a]: định nghĩa không ai dẫn\n"):
        html = markup.to_html(body)
        assert "footnote" not in html and markup.localise(html, "vi", STRINGS.__getitem__) == html


# --- task lists ------------------------------------------------------------------------------------


@BOTH
def test_task_lists_are_labelled_disabled_checkboxes(trusted):
    html = markup.to_html("- [x] Ký thỏa thuận *trao đổi*\n  - [ ] Con\n- [ ] Đón đoàn\n\n1. [x] Rời\n\n   đoạn\n", trusted)
    assert html == (
        '<ul>\n<li><label><input type="checkbox" disabled checked> Ký thỏa thuận <em>trao đổi</em></label>\n'
        '<ul>\n<li><label><input type="checkbox" disabled> Con</label></li>\n</ul>\n</li>\n'
        '<li><label><input type="checkbox" disabled> Đón đoàn</label></li>\n</ul>\n'
        '<ol>\n<li> \n<p><label><input type="checkbox" disabled checked> Rời</label></p>\n<p>đoạn</p>\n</li>\n</ol>\n'
    )


def test_an_input_in_raw_html_is_a_disabled_checkbox_whatever_it_says():
    assert markup.to_html('<p><input type="text" name="q" value="x" onfocus="y"> <input type="checkbox" checked></p>') == (
        '<p><input type="checkbox" disabled=""> <input type="checkbox" checked="" disabled=""></p>\n'
    )


# --- videos ------------------------------------------------------------------------------------------

VIDEO_LINKS = [
    # (address, what it is) — the allow-list, exactly
    (f"https://www.youtube.com/watch?v={ID}", ("youtube", ID)),
    (f"https://youtube.com/watch?v={ID}&t=42s", ("youtube", ID)),
    (f"http://m.youtube.com/watch?feature=share&v={ID}", ("youtube", ID)),
    (f"https://www.youtube.com/shorts/{ID}", ("youtube", ID)),
    (f"https://youtu.be/{ID}", ("youtube", ID)),
    (f"https://youtu.be/{ID}?si=abc", ("youtube", ID)),
    (f"HTTPS://WWW.YOUTUBE.COM/watch?v={ID}", ("youtube", ID)),
    ("https://vimeo.com/76979871", ("vimeo", "76979871")),
    ("https://www.vimeo.com/76979871", ("vimeo", "76979871")),
    # hostile or merely other
    (f"javascript:alert(1)//youtube.com/watch?v={ID}", None),
    (f"https://youtube.com.evil.org/watch?v={ID}", None),
    (f"https://evil.org/youtube.com/watch?v={ID}", None),
    (f"https://evilyoutube.com/watch?v={ID}", None),
    (f"//youtube.com/watch?v={ID}", None),
    (f"https://youtube.com@evil.org/watch?v={ID}", None),
    (f"https://user@youtube.com/watch?v={ID}", None),
    (f"https://youtube.com:8080/watch?v={ID}", None),
    (f"https://youtube.com./watch?v={ID}", None),
    (f"ftp://youtube.com/watch?v={ID}", None),
    (f"data:text/html,<iframe src=https://youtu.be/{ID}>", None),
    ("https://youtu.be/dQw4w9WgXc%22", None),
    ('https://youtu.be/dQw4w9WgX"a', None),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ'><script>", None),
    ("https://www.youtube.com/watch?v=dQw4w9WgXc", None),  # 10 characters
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQQ", None),  # 12
    (f"https://www.youtube.com/watch?v={ID}&v=aaaaaaaaaaa", None),
    (f"https://www.youtube.com/embed/{ID}", None),
    (f"https://www.youtube-nocookie.com/embed/{ID}", None),
    (f"https://www.youtube.com/shorts/{ID}/", None),
    (f"https://youtu.be/{ID}/x", None),
    (f"https://youtu.be\\{ID}", None),
    (f"https://you tu.be/{ID}", None),
    ("https://vimeo.com/channels/staffpicks/76979871", None),
    ("https://vimeo.com/76979871a", None),
    ("https://vimeo.com/1234567890123", None),
    ("https://player.vimeo.com/video/76979871", None),
]


@pytest.mark.parametrize(("address", "video"), VIDEO_LINKS, ids=[a for a, _ in VIDEO_LINKS])
def test_exactly_the_documented_addresses_are_videos(address, video):
    assert embeds.video_of(address) == video


@BOTH
@pytest.mark.parametrize(
    ("body", "placeholder"),
    [
        (f"https://youtu.be/{ID}\n", f'<div class="video" data-video="youtube:{ID}"></div>'),
        (f"<https://www.youtube.com/watch?v={ID}>\n", f'<div class="video" data-video="youtube:{ID}"></div>'),
        (f"www.youtube.com/watch?v={ID}\n", f'<div class="video" data-video="youtube:{ID}"></div>'),
        ("[Lễ ký kết](https://vimeo.com/76979871)\n", '<div class="video" data-video="vimeo:76979871" data-title="Lễ ký kết"></div>'),
        (
            f'[A "quoted" &lt;title&gt; & more](https://youtu.be/{ID})\n',
            f'<div class="video" data-video="youtube:{ID}" data-title="A &quot;quoted&quot; &lt;title&gt; &amp; more"></div>',
        ),
    ],
)
def test_a_video_link_alone_in_its_paragraph_becomes_a_placeholder(body, placeholder, trusted):
    assert markup.to_html(body, trusted) == placeholder + "\n"


@pytest.mark.parametrize(
    "body",
    [
        f"Xem https://youtu.be/{ID}\n",  # not alone
        f"- https://youtu.be/{ID}\n",  # in a list item, not a paragraph
        f"[**Lễ ký**](https://youtu.be/{ID})\n",  # the text is not plain
        f"https://youtube.com.evil.org/watch?v={ID}\n",
        f"[x](javascript:alert('https://youtu.be/{ID}'))\n",
    ],
)
def test_anything_else_stays_a_link_or_text(body):
    assert "data-video" not in markup.to_html(body) and "<iframe" not in markup.to_html(body)


@pytest.mark.parametrize(
    "raw",
    [
        f'<iframe src="https://www.youtube-nocookie.com/embed/{ID}"></iframe>',
        '<iframe src="https://evil.org/"></iframe>',
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
        f'<div class="video" data-video="youtube:{ID}" data-title="x"></div>',
        f'<div class="video" data-video="youtube:{ID}&quot; onload=&quot;x"></div>',
    ],
)
def test_raw_iframes_and_placeholders_never_pass_the_sanitiser(raw):
    html = markup.to_html(raw + "\n")
    page = markup.localise(html, "vi", STRINGS.__getitem__)
    assert "<iframe" not in page and "srcdoc" not in page and "data-video" not in page and "script" not in page


def test_a_link_alone_in_raw_html_is_a_video_link_like_any_other():
    """Made a player by us: what else its tag said is gone."""
    raw = f'<p><a href="https://youtu.be/{ID}" srcdoc="<script>alert(1)</script>" onclick="x">Lễ ký</a></p>\n'
    html = markup.to_html(raw)
    assert html == f'<div class="video" data-video="youtube:{ID}" data-title="Lễ ký"></div>\n'
    assert "script" not in markup.localise(html, "vi", STRINGS.__getitem__)


def test_with_trusted_html_a_raw_iframe_stays_as_written():
    raw = '<iframe src="https://example.org/map"></iframe>\n'
    assert markup.to_html(raw, trusted=True) == raw


def _player(body: str, lang: str = "vi"):
    page = markup.localise(markup.to_html(body), lang, STRINGS.__getitem__)
    figure = lxml_html.fragment_fromstring(page)
    return page, figure, figure.find(".//iframe")


def test_a_player_loads_nothing_from_youtube_until_clicked():
    _, figure, frame = _player(f"[Lễ ký kết tại Hà Nội](https://youtu.be/{ID})\n")
    assert figure.tag == "figure" and figure.get("class") == "video"
    assert frame.getparent().get("class") == "video-frame"
    assert {name: frame.get(name) for name in ("src", "title", "loading", "allowfullscreen", "referrerpolicy")} == {
        "src": f"https://www.youtube-nocookie.com/embed/{ID}",
        "title": "Lễ ký kết tại Hà Nội",
        "loading": "lazy",
        "allowfullscreen": "",
        "referrerpolicy": "strict-origin-when-cross-origin",
    }
    inner = lxml_html.document_fromstring(frame.get("srcdoc"))
    assert inner.get("lang") == "vi" and inner.findtext(".//title") == "Lễ ký kết tại Hà Nội"
    assert [a.get("href") for a in inner.iter("a")] == [f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1"]
    assert inner.find(".//a").text_content() == "▶Phát video: Lễ ký kết tại Hà NộiTrình phát của YouTube chỉ được tải khi bạn bấm."
    # Nothing in the frame's page loads anything: no script, no element with a source, no url().
    assert not inner.xpath("//script|//*[@src]|//link|//img") and "url(" not in frame.get("srcdoc")
    assert figure.find("figcaption").text_content() == "Lễ ký kết tại Hà Nội · Xem trên YouTube"
    assert figure.find("figcaption/a").get("href") == f"https://www.youtube.com/watch?v={ID}"


def test_a_vimeo_player_asks_not_to_track_and_an_untitled_video_has_the_pages_words():
    _, figure, frame = _player("https://vimeo.com/76979871\n")
    assert frame.get("src") == "https://player.vimeo.com/video/76979871?dnt=1"
    assert frame.get("title") == "Video trên Vimeo"
    inner = lxml_html.document_fromstring(frame.get("srcdoc"))
    assert inner.find(".//a").get("href") == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    assert inner.find(".//strong").text == "Phát video"
    assert figure.find("figcaption").text_content() == "Xem trên Vimeo"


def test_a_title_cannot_break_out_of_the_player():
    hostile = "\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href='javascript:x'&gt;&amp;amp;"
    page, _, frame = _player(f"[{hostile}](https://youtu.be/{ID})\n")
    assert "<script" not in page and "<a href='" not in page
    assert frame.get("title") == "\"><script>alert(1)</script><a href='javascript:x'>&amp;"
    inner = lxml_html.document_fromstring(frame.get("srcdoc"))
    assert not inner.xpath("//script") and [a.get("href") for a in inner.iter("a")] == [
        f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1"
    ]


def test_a_body_shows_at_most_twenty_players_and_says_so():
    body = "".join(f"https://youtu.be/{chr(65 + i)}{ID[1:]}\n\n" for i in range(23))
    entry, problems = _read(body)
    assert entry is not None and entry.body_html.count("data-video") == embeds.MAX_VIDEOS
    assert [str(p) for p in problems] == [
        "content/articles/x.vi.md:45: warning: a body shows at most 20 videos; this one and the next stay links"
    ]
