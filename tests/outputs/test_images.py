"""Images: a cover and inline images from the folder beside an article, published under
/media/<folder>/<id>/, shared by both languages; a missing one is an error at its line.
Their sizes, formats and metadata: test_responsive_images.py."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from lxml import html
from PIL import Image

from conftest import build_args, tree

VI = "articles/tsinghua-ai.vi.md"
PAGE_VI = "vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/index.html"
PAGE_EN = "en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/index.html"


def png(colour: bytes) -> bytes:
    """A valid one-pixel PNG of the given RGB colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" + colour)) + chunk(b"IEND", b"")


@pytest.fixture
def illustrated(tiny):
    folder = tiny / "articles" / "tsinghua-ai"
    folder.mkdir()
    (folder / "cover.png").write_bytes(png(b"\xff\x00\x00"))
    (folder / "chart.png").write_bytes(png(b"\x00\xff\x00"))
    (folder / "unused.png").write_bytes(png(b"\x00\x00\xff"))
    path = tiny / VI
    text = path.read_text(encoding="utf-8").replace("---\n", "---\ncover: cover.png\ncover_alt: Lễ ký kết\n", 1)
    path.write_text(text + "\n![Biểu đồ hợp tác](chart.png)\n", encoding="utf-8")
    en = tiny / "articles/tsinghua-ai.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("---\n", "---\ncover_alt: The signing\n", 1), encoding="utf-8")
    return tiny


def test_cover_and_inline_images_are_published_and_linked(run, illustrated, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(illustrated, out))
    assert code == 0, err
    files = tree(out)
    media = "media/articles/tsinghua-ai/"
    for name, colour in (("cover.png", (255, 0, 0)), ("chart.png", (0, 255, 0))):
        with Image.open(io.BytesIO(files[media + name])) as published:  # written again, without metadata: the same pixels
            assert (published.format, published.size, published.convert("RGB").getpixel((0, 0))) == ("PNG", (1, 1), colour)
    assert media + "unused.png" not in files, "only images a text uses are published"

    vi = html.fromstring(files[PAGE_VI])
    assert [(img.get("src"), img.get("alt")) for img in vi.xpath("//main//img")] == [
        ("/media/articles/tsinghua-ai/cover.png", "Lễ ký kết"),
        ("/media/articles/tsinghua-ai/chart.png", "Biểu đồ hợp tác"),
    ]
    en = html.fromstring(files[PAGE_EN])
    assert en.xpath('//img[@class="cover"]/@alt') == ["The signing"], "the cover is a fact; its description is per language"
    home = html.fromstring(files["vi/index.html"])
    assert home.xpath('//img[@class="card-cover"]/@src') == ["/media/articles/tsinghua-ai/cover.png"]


def test_images_follow_the_base_path(run, illustrated, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(illustrated, out, "--base-url", "https://example.org/bulletin/"))[0] == 0
    vi = html.fromstring((out / PAGE_VI).read_bytes())
    media = "/bulletin/media/articles/tsinghua-ai/"
    assert vi.xpath("//main//img/@src") == [media + "cover.png", media + "chart.png"]
    assert all(url.startswith(media) for url in " ".join(vi.xpath("//main//source/@srcset")).split() if not url.endswith("w"))


def test_missing_cover_names_its_line(run, illustrated, tmp_path):
    (illustrated / "articles/tsinghua-ai/cover.png").unlink()
    code, _, err = run(*build_args(illustrated, tmp_path / "public"))
    assert code == 1
    shown = (illustrated / VI).as_posix()
    missing = (illustrated / "articles/tsinghua-ai/cover.png").as_posix()
    assert err.splitlines()[0] == f"{shown}:2: image not found: {missing} (the folder has chart.png, unused.png)"
    assert not (tmp_path / "public").exists()


def test_missing_inline_image_names_its_line(run, illustrated, tmp_path):
    path = illustrated / VI
    path.write_text(path.read_text(encoding="utf-8") + "\nVăn bản.\n\n![Ảnh](./Chart.PNG)\n", encoding="utf-8")
    code, _, err = run(*build_args(illustrated, tmp_path / "public"))
    assert code == 1
    line = len(path.read_text(encoding="utf-8").splitlines())
    folder = (illustrated / "articles/tsinghua-ai").as_posix()
    assert err.splitlines()[0] == f"{path.as_posix()}:{line}: image not found: {folder}/Chart.PNG (did you mean 'chart.png'?)"


@pytest.mark.parametrize("cover", ["logo.svg", "../x.png", "cover"])
def test_unusable_cover_names(run, tiny, tmp_path, cover):
    path = tiny / VI
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\ncover: {cover}\n", 1), encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path.as_posix()}:2: cover: '{cover}' is not an image file name in the folder beside the text, "
        "like cover.jpg (jpg, png, gif, webp or avif)"
    )


def test_inline_image_outside_its_folder(run, illustrated, tmp_path):
    path = illustrated / VI
    path.write_text(path.read_text(encoding="utf-8") + "\n![x](../mooc.vi.md)\n", encoding="utf-8")
    code, _, err = run(*build_args(illustrated, tmp_path / "public"))
    assert code == 1
    folder = (illustrated / "articles/tsinghua-ai").as_posix()
    assert f"image '../mooc.vi.md' must be a jpg, png, gif, webp or avif file inside {folder}/" in err


def test_check_reports_missing_images_too(run, illustrated):
    from conftest import TEMPLATES

    (illustrated / "articles/tsinghua-ai/chart.png").unlink()
    code, out, _ = run("check", "--content", illustrated, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert code == 1
    assert "image not found: " in out and "chart.png" in out


def test_inline_images_in_the_feed_point_at_the_published_file(run, illustrated, tmp_path):
    from lxml import etree

    out = tmp_path / "public"
    code, _, err = run(*build_args(illustrated, out))
    assert code == 0, err
    feed = etree.fromstring(tree(out)["vi/feed.xml"])
    contents = [c.text for c in feed.iter("{http://www.w3.org/2005/Atom}content") if "<img" in (c.text or "")]
    assert len(contents) == 1
    assert html.fromstring(contents[0]).xpath("//img/@src") == ["https://example.org/media/articles/tsinghua-ai/chart.png"]


def test_an_image_is_decoded_again_only_when_its_file_changed(run, illustrated, tmp_path, monkeypatch):
    from vnu_site.outputs import images

    probed = []
    real_inspect = images.inspect
    monkeypatch.setattr(images, "inspect", lambda data: probed.append(data) or real_inspect(data))
    out = tmp_path / "site" / "public"
    args = build_args(illustrated, out, "--jobs", "1")  # the probes are counted in this process
    assert run(*args)[0] == 0
    assert sorted(probed) == sorted([png(b"\xff\x00\x00"), png(b"\x00\xff\x00")])

    probed.clear()
    (illustrated / "articles/mooc.vi.md").write_text(
        (illustrated / "articles/mooc.vi.md").read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8"
    )
    assert run(*args)[0] == 0
    assert probed == [], "unchanged images are kept, not read"

    (illustrated / "articles/tsinghua-ai/chart.png").write_bytes(png(b"\x10\x20\x30"))
    assert run(*args)[0] == 0
    assert probed == [png(b"\x10\x20\x30")]
    with Image.open(out / "media/articles/tsinghua-ai/chart.png") as chart:
        assert chart.convert("RGB").getpixel((0, 0)) == (0x10, 0x20, 0x30)
