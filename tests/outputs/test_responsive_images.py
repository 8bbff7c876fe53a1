"""Responsive, safe images (outputs/images.py, site/image_files.py): every cover and body
image has its width and height in the page, variants of 480/960/1600 pixels (never
enlarged) in AVIF and WebP with the original's format as the fallback, no metadata in any
published file, errors at the line that names a damaged or oversized image, and a second
build that decodes no image at all."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from lxml import html
from PIL import Image

from conftest import build_args, tree
from pictures import animated_gif, damaged, metadata_of, photo, png_header, transparent_png
from vnu_site.outputs.image_variants import modern_formats
from vnu_site.sources.image_probe import probe

VI = "articles/tsinghua-ai.vi.md"
EN = "articles/tsinghua-ai.en.md"
PAGE_VI = "vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/index.html"
MEDIA = "media/articles/tsinghua-ai/"
BODY_SIZES = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"

pytestmark = pytest.mark.skipif(modern_formats() != ("avif", "webp"), reason="this Pillow cannot write AVIF and WebP")


def _add(content, front: str = "", body: str = "", path: str = VI) -> None:
    file = content / path
    text = file.read_text(encoding="utf-8")
    if front:
        text = text.replace("---\n", f"---\n{front}", 1)
    file.write_text(text + body, encoding="utf-8")


@pytest.fixture
def photos(tiny):
    """The article with a turned photo as its cover (2000x1200, EXIF orientation 6, GPS), a
    transparent PNG and an animated GIF in its body, and a large photo in the English one."""
    folder = tiny / "articles" / "tsinghua-ai"
    folder.mkdir()
    (folder / "cover.jpg").write_bytes(photo(orientation=6))
    (folder / "chart.png").write_bytes(transparent_png())
    (folder / "moving.gif").write_bytes(animated_gif())
    (folder / "wide.jpg").write_bytes(photo(size=(3000, 2000)))
    _add(tiny, "cover: cover.jpg\ncover_alt: Lễ ký kết\n", "\n![Biểu đồ](chart.png)\n\nĐoạn văn.\n\n![Hình động](moving.gif)\n")
    _add(tiny, "cover_alt: The signing\n", "\n![A wide view](wide.jpg)\n", path=EN)
    return tiny


def _size(data: bytes) -> tuple[str, tuple[int, int]]:
    with Image.open(io.BytesIO(data)) as image:
        return image.format, image.size


def test_each_image_becomes_its_variants_never_enlarged(run, photos, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(photos, out))
    assert code == 0, err
    files = {name[len(MEDIA) :]: data for name, data in tree(out).items() if name.startswith(MEDIA)}
    shown = {name: _size(data) for name, data in files.items()}
    assert shown == {
        # the cover: upright (1200 x 2000), at most 1,600 wide: 480, 960 and its own 1200
        "cover.jpg": ("JPEG", (1200, 2000)),
        **{f"cover.jpg@{w}.{kind}": (name, (w, h)) for w, h in ((480, 800), (960, 1600)) for kind, name in _KINDS},
        "cover.jpg@1200.avif": ("AVIF", (1200, 2000)),
        "cover.jpg@1200.webp": ("WEBP", (1200, 2000)),
        "cover.jpg@1200x630.jpg": ("JPEG", (1200, 630)),  # what link previews show
        # a transparent PNG keeps PNG as its fallback
        "chart.png": ("PNG", (700, 500)),
        **{f"chart.png@480.{kind}": (name, (480, 343)) for kind, name in (("avif", "AVIF"), ("webp", "WEBP"), ("png", "PNG"))},
        "chart.png@700.avif": ("AVIF", (700, 500)),
        "chart.png@700.webp": ("WEBP", (700, 500)),
        # an animation is published as it is
        "moving.gif": ("GIF", (40, 30)),
        # 3000 wide: the largest published is 1600
        "wide.jpg": ("JPEG", (1600, 1067)),
        **{f"wide.jpg@{w}.{kind}": (name, (w, h)) for w, h in ((480, 320), (960, 640)) for kind, name in _KINDS},
        "wide.jpg@1600.avif": ("AVIF", (1600, 1067)),
        "wide.jpg@1600.webp": ("WEBP", (1600, 1067)),
    }
    with Image.open(io.BytesIO(files["moving.gif"])) as gif:
        assert gif.n_frames == 3


_KINDS = (("avif", "AVIF"), ("webp", "WEBP"), ("jpg", "JPEG"))


def test_no_published_file_carries_metadata(run, photos, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(photos, out))[0] == 0
    sources = {
        name: metadata_of(path.read_bytes()) for name in ("cover.jpg", "wide.jpg") for path in [photos / "articles/tsinghua-ai" / name]
    }
    assert all(sources.values()), "the test's photos do carry GPS and a camera's name"
    carried = {name: metadata_of(data) for name, data in tree(out).items() if name.startswith("media/")}
    assert len(carried) == 26
    assert {name: found for name, found in carried.items() if found} == {}


def test_pages_show_pictures_with_their_size_and_the_cover_first(run, photos, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(photos, out))[0] == 0
    page = html.fromstring((out / PAGE_VI).read_bytes())
    media = "/" + MEDIA
    cover = page.xpath('//picture[.//img[@class="cover"]]')[0]  # (libxml2 does not know <source> is empty: .//)
    assert [(s.get("type"), s.get("srcset"), s.get("sizes")) for s in cover.xpath(".//source")] == [
        (
            f"image/{kind}",
            f"{media}cover.jpg@480.{kind} 480w, {media}cover.jpg@960.{kind} 960w, {media}cover.jpg@1200.{kind} 1200w",
            BODY_SIZES,
        )
        for kind in ("avif", "webp")
    ]
    img = cover.xpath(".//img")[0]
    assert dict(img.attrib) == {
        "class": "cover",
        "src": f"{media}cover.jpg",
        "srcset": f"{media}cover.jpg@480.jpg 480w, {media}cover.jpg@960.jpg 960w, {media}cover.jpg 1200w",
        "sizes": BODY_SIZES,
        "alt": "Lễ ký kết",
        "width": "1200",
        "height": "2000",
        "fetchpriority": "high",  # above the fold: fetched first, not lazily
        "decoding": "async",
    }
    chart = page.xpath('//div[@class="body"]//img[@alt="Biểu đồ"]')[0]
    assert [s.get("type") for s in chart.xpath("ancestor::picture[1]//source")] == ["image/avif", "image/webp"]
    assert (chart.get("src"), chart.get("width"), chart.get("height")) == (f"{media}chart.png", "700", "500")
    assert (chart.get("loading"), chart.get("decoding"), chart.get("fetchpriority")) == ("lazy", "async", None)
    assert chart.get("srcset") == f"{media}chart.png@480.png 480w, {media}chart.png 700w"
    moving = page.xpath('//img[@alt="Hình động"]')[0]
    assert moving.xpath("ancestor::picture") == []
    assert dict(moving.attrib) == {
        "src": f"{media}moving.gif",
        "alt": "Hình động",
        "width": "40",
        "height": "30",
        "loading": "lazy",
        "decoding": "async",
    }

    home = html.fromstring((out / "vi/index.html").read_bytes())
    card = home.xpath('//img[@class="card-cover"]')[0]
    assert (card.get("loading"), card.get("width"), card.get("height")) == ("lazy", "1200", "2000")
    assert card.get("sizes") == "(min-width: 72rem) 17rem, (min-width: 37rem) 50vw, 100vw"


def test_link_previews_show_the_covers_crop(run, photos, tmp_path):
    out = tmp_path / "public"
    assert run(*build_args(photos, out))[0] == 0
    page = html.fromstring((out / PAGE_VI).read_bytes())
    meta = {m.get("property") or m.get("name"): m.get("content") for m in page.xpath("//meta")}
    social = "https://example.org/media/articles/tsinghua-ai/cover.jpg@1200x630.jpg"
    assert (meta["og:image"], meta["og:image:width"], meta["og:image:height"], meta["og:image:alt"]) == (social, "1200", "630", "Lễ ký kết")
    assert meta["twitter:card"] == "summary_large_image"
    data = json.loads(page.xpath('//script[@type="application/ld+json"]/text()')[0])
    assert data["image"] == {"@type": "ImageObject", "url": social, "width": 1200, "height": 630}


def test_an_editors_width_wins_and_the_height_follows(run, photos, tmp_path):
    _add(photos, body='\n<img src="chart.png" alt="Nhỏ" width="350">\n')
    out = tmp_path / "public"
    assert run(*build_args(photos, out))[0] == 0
    small = html.fromstring((out / PAGE_VI).read_bytes()).xpath('//img[@alt="Nhỏ"]')[0]
    assert (small.get("width"), small.get("height"), len(small.xpath("ancestor::picture"))) == ("350", "250", 1)


# --- errors ----------------------------------------------------------------------------


def _fails(run, content, tmp_path) -> list[str]:
    out = tmp_path / "public"
    code, _, err = run(*build_args(content, out))
    assert code == 1
    assert not out.exists(), "a failed build writes nothing"
    return [line for line in err.splitlines() if not line.startswith("build failed: ")]


def test_a_damaged_cover_is_an_error_at_its_field(run, photos, tmp_path):
    data = damaged(photo())
    (photos / "articles/tsinghua-ai/cover.jpg").write_bytes(data)
    said = probe(data)
    assert isinstance(said, str)
    file = (photos / "articles/tsinghua-ai/cover.jpg").as_posix()
    assert _fails(run, photos, tmp_path)[0] == f"{(photos / VI).as_posix()}:2: image {file} {said}"
    assert said.startswith("is damaged and cannot be decoded (")


def test_a_decompression_bomb_is_refused_at_the_line_that_shows_it(run, photos, tmp_path):
    (photos / "articles/tsinghua-ai/chart.png").write_bytes(png_header(50_000, 50_000))
    lines = (photos / VI).read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "chart.png" in text)
    file = (photos / "articles/tsinghua-ai/chart.png").as_posix()
    assert _fails(run, photos, tmp_path) == [
        f"{(photos / VI).as_posix()}:{line}: image {file} claims more than 40 million pixels; resize it and save it again"
    ]


def test_a_huge_image_is_refused_before_it_is_decoded(run, photos, tmp_path):
    (photos / "articles/tsinghua-ai/wide.jpg").write_bytes(png_header(8000, 6000))  # named .jpg: what it holds counts
    lines = (photos / EN).read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "wide.jpg" in text)
    file = (photos / "articles/tsinghua-ai/wide.jpg").as_posix()
    assert _fails(run, photos, tmp_path) == [
        f"{(photos / EN).as_posix()}:{line}: image {file} is 8000 x 6000 pixels, more than the 40 million a page may show; "
        "resize it (2,000 pixels wide is plenty) and save it again"
    ]


def test_a_drafts_damaged_image_is_an_error_too(run, tiny, tmp_path):
    path = tiny / "articles/draft-note.vi.md"
    path.write_text("---\ntitle: Bản nháp\ndate: 2025-05-01\ndraft: true\ncover: x.jpg\n---\nChưa xong.\n", encoding="utf-8")
    (tiny / "articles/draft-note").mkdir()
    (tiny / "articles/draft-note/x.jpg").write_bytes(b"not an image at all")
    lines = _fails(run, tiny, tmp_path)
    file = (tiny / "articles/draft-note/x.jpg").as_posix()
    assert f"{path.as_posix()}:5: image {file} is not an image Pillow can read (JPEG, PNG, GIF, WebP or AVIF)" in lines


# --- the cache: nothing decoded twice ---------------------------------------------------------


def _count_decodes(monkeypatch) -> list:
    opened: list = []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: opened.append(args) or real_open(*args, **kwargs))
    return opened


def test_a_second_build_into_an_empty_output_decodes_no_image(run, photos, tmp_path, monkeypatch):
    out = tmp_path / "site" / "public"
    args = build_args(photos, out, "--jobs", "1")  # counted in this process
    opened = _count_decodes(monkeypatch)
    assert run(*args)[0] == 0
    assert opened, "the first build decodes each image"
    first = tree(out)

    shutil.rmtree(out)  # a clean output, the same cache
    opened.clear()
    assert run(*args)[0] == 0
    assert opened == [], "every variant comes from the cache"
    assert tree(out) == first

    (photos / "articles/tsinghua-ai/cover.jpg").touch()  # a new time, the same bytes: read and hashed, not decoded
    (photos / "articles/mooc.vi.md").write_text(
        (photos / "articles/mooc.vi.md").read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8"
    )
    assert run(*args)[0] == 0
    assert opened == []


def test_a_replaced_image_replaces_its_variants_and_the_cache_drops_the_old_ones(run, photos, tmp_path):
    out = tmp_path / "site" / "public"
    assert run(*build_args(photos, out))[0] == 0
    store = next((tmp_path / "site" / ".vnu-cache").glob("*/images"))
    before = {path.name for path in store.rglob("*") if path.is_file()}
    (photos / "articles/tsinghua-ai/cover.jpg").write_bytes(photo(size=(800, 600), gps=False))
    assert run(*build_args(photos, out))[0] == 0
    files = tree(out)
    assert not [name for name in files if name.startswith(MEDIA + "cover.jpg@960")], "800 wide: no 960 any more"
    assert _size(files[MEDIA + "cover.jpg"]) == ("JPEG", (800, 600))
    cover = html.fromstring(files[PAGE_VI]).xpath('//img[@class="cover"]')[0]
    assert (cover.get("width"), cover.get("height")) == ("800", "600")
    after = {path.name for path in store.rglob("*") if path.is_file()}
    assert len(after) == 26 - 10 + 7, "the old cover's variants are gone from the cache, the new one's are there"
    assert len(before - after) == 10


def test_the_same_bytes_with_or_without_a_cache_and_any_number_of_jobs(photos, tmp_path):
    import datetime

    from conftest import TEMPLATES
    from vnu_site import pipeline
    from vnu_site.model import BuildOptions

    made = []
    for index, (cache, jobs) in enumerate(((True, 1), (False, 1), (True, 2))):
        out = tmp_path / f"site{index}" / "public"
        options = BuildOptions(
            content=photos,
            templates=TEMPLATES,
            out=out,
            build_date=datetime.date(2025, 6, 1),
            search=False,
            jobs=jobs,
            cache_dir=out.parent / ".vnu-cache" if cache else None,
        )
        pipeline.build(options)
        made.append({name: data for name, data in tree(out).items() if name.startswith("media/")})
    assert made[0] == made[1] == made[2]


def test_the_image_cache_is_checked_not_trusted(run, photos, tmp_path):
    """A doctored images.pickle is dropped with one note; a link planted in the variants'
    store is never followed (its target would be published)."""
    import pickle

    from vnu_site.incremental.cache import code_salt

    out = tmp_path / "site" / "public"
    assert run(*build_args(photos, out))[0] == 0
    expected = tree(out)
    (folder,) = (tmp_path / "site" / ".vnu-cache").iterdir()
    records = folder / "images.pickle"
    records.write_bytes(pickle.dumps((code_salt(), {"x": ((1, 2), "d", 42)}), protocol=pickle.HIGHEST_PROTOCOL))
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not for the web")
    blob = next(path for path in (folder / "images").rglob("*") if path.name.endswith(".480.avif"))
    blob.unlink()
    blob.symlink_to(secret)
    shutil.rmtree(out)  # the full path, which reads images.pickle
    code, _, err = run(*build_args(photos, out))
    assert code == 0, err
    assert err.splitlines() == [f"note: {records}: not a cache file of this vnu-site; building without it"]
    assert tree(out) == expected
    assert not blob.is_symlink() and blob.read_bytes() != secret.read_bytes()


def test_a_damaged_image_leaves_the_last_site_as_it_was(run, photos, tmp_path):
    out = tmp_path / "site" / "public"
    assert run(*build_args(photos, out))[0] == 0
    before = tree(out)
    (photos / "articles/tsinghua-ai/chart.png").write_bytes(damaged(transparent_png()))
    code, _, err = run(*build_args(photos, out))
    assert code == 1
    assert "chart.png is damaged and cannot be decoded (" in err
    assert tree(out) == before
