"""The files a published image becomes, and where they are: one list that the pages (their
`srcset`) and the outputs (the files themselves) both read, so they cannot disagree.

An image `photo.jpg` of an item is published as
- `photo.jpg` itself: upright, without its metadata, at most the largest width wide;
- `photo.jpg@480.avif`, `photo.jpg@960.webp`, … : each width (never wider than the image)
  in each modern format, and in the fallback format (the original's, or PNG/JPEG);
- `photo.jpg@1200x630.jpg` for a cover: the crop that link previews show.

An editor's file name never holds "@" (schema.IMAGE_PATTERN), so no variant can take the
place of a file of theirs. An animated image has no variants: it is published as it is
(its metadata removed). Pure: names and numbers in, names and numbers out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vnu_site.model import ImageFacts

WIDTHS = (480, 960, 1600)  # phone, tablet or half a desktop, full desktop (2x screens pick the next one up)
SOCIAL = (1200, 630)  # what Open Graph and Twitter cards show
SOCIAL_LABEL = f"{SOCIAL[0]}x{SOCIAL[1]}.jpg"
AS_IS = "as-is"  # the label of an animated image's one file: its own frames, without metadata
MIME = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}

# What the page says about the space the picture takes, for the browser to choose a width:
# the column of an article (46rem, style.css's .story), and a card in a list.
SIZES = {
    "body": "(min-width: 48rem) 46rem, calc(100vw - 2rem)",
    "card": "(min-width: 72rem) 17rem, (min-width: 37rem) 50vw, 100vw",
}


def plan_widths(width: int) -> tuple[int, ...]:
    """The widths made of an image `width` pixels wide: each standard width below it, and
    its own (never enlarged) up to the largest standard one."""
    largest = min(width, WIDTHS[-1])
    return (*(w for w in WIDTHS if w < largest), largest)


def height_at(facts: ImageFacts, width: int) -> int:
    """The height of the image made `width` pixels wide (the same rounding as the encoder's)."""
    return facts.height if width == facts.width else max(1, round(facts.height * width / facts.width))


def fallback_format(kind: str, has_alpha: bool) -> str:
    """The format every browser shows: the original's, or PNG/JPEG for the others (PNG for
    GIFs, which are drawings more often than photos)."""
    if kind in ("jpg", "png"):
        return kind
    return "png" if has_alpha or kind == "gif" else "jpg"


def label(width: int, kind: str) -> str:
    """'480.avif': one variant, as the outputs and the build cache name it."""
    return f"{width}.{kind}"


def files(name: str, facts: ImageFacts, formats: tuple[str, ...], cover: bool) -> dict[str, str]:
    """File name in the item's media folder -> the label of what it holds. `formats`: the
    modern formats made (Site.image_formats); `cover`: it is a cover, with a social card."""
    own = own_label(facts)
    made = {name: own}
    if not facts.animated:
        for width in plan_widths(facts.width):
            for kind in (*formats, fallback_format(facts.format, facts.alpha)):
                variant = f"{width}.{kind}"
                if variant != own:
                    made[f"{name}@{variant}"] = variant
    if cover:
        made[f"{name}@{SOCIAL_LABEL}"] = SOCIAL_LABEL
    return made


def own_label(facts: ImageFacts) -> str:
    """What the image's own name holds: an animation or a GIF as it is; else the largest
    width in its own format (an editor's 4,000-pixel photo is not sent to every phone)."""
    if facts.animated or facts.format == "gif":
        return AS_IS
    return label(plan_widths(facts.width)[-1], facts.format)


def picture(name: str, facts: ImageFacts, formats: tuple[str, ...], href: Callable[[str], str], sizes: str) -> dict[str, Any]:
    """What a <picture> shows: the <source> of each modern format, and the <img>'s fallback
    src, srcset, width and height (of the largest file: the space it takes, before CSS).
    href: a file name in the item's media folder -> its URL on the site."""
    if facts.animated:
        return {"src": href(name), "srcset": "", "sizes": "", "width": facts.width, "height": facts.height, "sources": []}
    widths = plan_widths(facts.width)
    own = own_label(facts)

    def url(width: int, kind: str) -> str:
        variant = f"{width}.{kind}"
        return href(name if variant == own else f"{name}@{variant}")

    def srcset(kind: str) -> str:
        return ", ".join(f"{url(width, kind)} {width}w" for width in widths)

    fallback = fallback_format(facts.format, facts.alpha)
    largest = widths[-1]
    return {
        "src": url(largest, fallback),
        "srcset": srcset(fallback),
        "sizes": sizes,
        "width": largest,
        "height": height_at(facts, largest),
        "sources": [{"type": MIME[kind], "srcset": srcset(kind)} for kind in formats],
    }


def social_name(name: str) -> str:
    return f"{name}@{SOCIAL_LABEL}"
