"""The files a published image becomes: resized copies in modern formats and in the
original's, all without the camera's metadata (GPS position, serial numbers), turned the way
the EXIF orientation says. Pure: bytes in, bytes out; the same input gives the same bytes.

Which widths exist follows from the image's own width (sources/image_probe.py), so a page
can write its srcset before any variant is made (`plan_widths`, `variant_names`).
"""

from __future__ import annotations

import io
import warnings

WIDTHS = (480, 960, 1600)  # phone, tablet or half a desktop, full desktop (2x screens pick the next one up)
SOCIAL = (1200, 630)  # what Open Graph and Twitter cards show


def plan_widths(width: int) -> tuple[int, ...]:
    """The widths made of an image `width` pixels wide: each standard width below it, and
    its own (never enlarged) up to the largest standard one."""
    largest = min(width, WIDTHS[-1])
    return (*(w for w in WIDTHS if w < largest), largest)


def modern_formats() -> tuple[str, ...]:
    """AVIF where this Pillow can write it, then WebP: the <source> types, best first."""
    from PIL import features

    return tuple(kind for kind, feature in (("avif", "avif"), ("webp", "webp")) if features.check(feature))


def fallback_format(kind: str, has_alpha: bool) -> str:
    """The format every browser shows: the original's, or PNG/JPEG for WebP and AVIF originals."""
    if kind in ("jpg", "png"):
        return kind
    return "png" if has_alpha else "jpg"


def make_variants(data: bytes, kind: str, formats: tuple[str, ...]) -> dict[tuple[int, str], bytes]:
    """(width, format) -> bytes for every planned width in `formats` plus the fallback.
    The caller has probed the image (it decodes and is not a bomb)."""
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)  # a copy, turned; its EXIF is not carried over
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if alpha else "RGB")
    made: dict[tuple[int, str], bytes] = {}
    for width in plan_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        sized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for target in (*formats, fallback_format(kind, alpha)):
            made[(width, target)] = encode(sized, target)
    return made


def social_card(data: bytes) -> bytes:
    """A 1200x630 JPEG cropped from the middle of the image, for link previews."""
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
    return encode(ImageOps.fit(image, SOCIAL, Image.Resampling.LANCZOS), "jpg")


def encode(image, kind: str) -> bytes:
    """The image in one format, with no metadata at all (only pixels go in)."""
    out = io.BytesIO()
    if kind == "jpg":
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    elif kind == "png":
        image.save(out, "PNG", optimize=True)
    elif kind == "webp":
        image.save(out, "WEBP", quality=80, method=4)
    elif kind == "avif":
        image.save(out, "AVIF", quality=60, speed=8, max_threads=1)  # one thread: the worker pool is the parallelism
    else:
        raise ValueError(f"unknown image format '{kind}'")
    return out.getvalue()
