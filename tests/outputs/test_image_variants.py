"""outputs/image_variants.py: resized copies, modern formats, no metadata, same bytes every time."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from vnu_site.outputs.image_variants import SOCIAL, fallback_format, make_variants, modern_formats, plan_widths, social_card


def _photo(size=(2000, 1200), orientation=None, gps=False) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    for x in range(0, size[0], 25):
        image.putpixel((x, x % size[1]), (255, 255, 0))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 2.0, 0.0), 3: "E", 4: (105.0, 47.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def test_widths_never_enlarge():
    assert plan_widths(3000) == (480, 960, 1600)
    assert plan_widths(1000) == (480, 960, 1000)
    assert plan_widths(480) == (480,)
    assert plan_widths(300) == (300,)


def test_fallbacks_every_browser_shows():
    assert [fallback_format(k, False) for k in ("jpg", "png", "webp", "avif")] == ["jpg", "png", "jpg", "jpg"]
    assert fallback_format("webp", True) == "png"


def test_variants_are_made_in_each_format_and_width_and_are_the_same_bytes_each_time():
    formats = modern_formats()
    made = make_variants(_photo(), "jpg", formats)
    assert sorted(made) == sorted((w, f) for w in (480, 960, 1600) for f in (*formats, "jpg"))
    for (width, kind), data in made.items():
        with Image.open(io.BytesIO(data)) as image:
            assert image.width == width
            assert image.height == round(1200 * width / 2000)
            assert image.format == {"jpg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[kind]
    assert make_variants(_photo(), "jpg", formats) == made


def test_the_orientation_is_applied_and_gps_and_exif_are_stripped():
    made = make_variants(_photo(orientation=6, gps=True), "jpg", ("webp",))
    for data in made.values():
        with Image.open(io.BytesIO(data)) as image:
            assert image.height > image.width  # turned upright
            assert not image.getexif()  # no orientation, no GPS, nothing
            assert b"Exif" not in data


def test_transparency_keeps_a_format_with_alpha():
    image = Image.new("RGBA", (600, 400), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    made = make_variants(out.getvalue(), "png", ("webp",))
    with Image.open(io.BytesIO(made[(600, "png")])) as png:
        assert png.mode == "RGBA"


def test_the_social_card_is_cropped_to_1200_by_630():
    with Image.open(io.BytesIO(social_card(_photo(size=(900, 900), gps=True)))) as card:
        assert card.size == SOCIAL
        assert not card.getexif()


def test_each_file_made_alone_is_the_same_as_made_with_the_others():
    """The store makes an image's files together; without a cache each is made on its own
    (outputs/images._render): the bytes must not depend on which."""
    from vnu_site.model import ImageFacts
    from vnu_site.outputs.image_variants import make
    from vnu_site.site.image_files import files

    data = _photo(size=(2000, 1200), orientation=6, gps=True)
    facts = ImageFacts(1200, 2000, "jpg")
    labels = set(files("cover.jpg", facts, modern_formats(), cover=True).values())
    together = make(data, facts, labels)
    assert sorted(together) == sorted(labels)
    assert {label: make(data, facts, [label])[label] for label in labels} == together


def test_a_gif_loses_its_comments_and_xmp_but_not_a_frame_or_its_loop():
    from vnu_site.outputs.image_variants import strip_gif

    frames = [Image.new("RGB", (20, 10), colour) for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=80, loop=3, comment=b"GPS 21.02N")
    xmp = b"\x21\xff\x0bXMP DataXMP" + b"\x06secret" + b"\x00"  # an application extension, as XMP writers put it
    data = out.getvalue()
    data = data[:-1] + xmp + b"\x3b" + b"trailing junk"
    stripped = strip_gif(data)
    assert b"GPS" not in stripped and b"secret" not in stripped and b"junk" not in stripped
    with Image.open(io.BytesIO(stripped)) as gif:
        assert (gif.n_frames, gif.info["loop"], gif.info["duration"]) == (3, 3, 80)
        assert "comment" not in gif.info
    with pytest.raises(ValueError):
        strip_gif(data[:40])
