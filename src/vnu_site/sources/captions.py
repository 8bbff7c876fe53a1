"""Figures: an image with a caption and a credit, written in Markdown without HTML.

An image alone in its paragraph with an emphasised line right below it is a figure:

    ![Lễ ký kết](signing.jpg)
    *Lễ ký kết tại Hà Nội. Ảnh: Nguyễn Văn A*

gives `<figure><img src="signing.jpg" alt="Lễ ký kết"><figcaption>Lễ ký kết tại Hà Nội.
<span class="credit">Ảnh: Nguyễn Văn A</span></figcaption></figure>`. The credit is the
caption's end from its last CREDIT_WORDS word followed by a colon ("Ảnh:", "Photo:",
"Photo :"…), at the start of the caption or after a space. The <img> is left as cmark and
the sanitiser wrote it, so that the image rewrite when a page shows the body (sizes, srcset,
<picture>: body_images.py) finds it as anywhere else.

`undescribed` finds the images a reader who cannot see them learns nothing from: no alt
text, or only spaces (markup.py turns them into warnings with their lines).
"""

from __future__ import annotations

import html as html_text
import re

CREDIT_WORDS = ("Ảnh", "Photo", "Nguồn", "Source", "Crédit", "Credit")
NO_ALT = "no description (alt text)"

# An image (maybe a link's) alone on its line, then on the next an emphasised line, ending
# the paragraph. The caption holds no other paragraph or emphasis: "<" starts a tag in
# both cmark's and the sanitiser's HTML (text has "&lt;"), and no attribute holds "<" or ">".
_FIGURE = re.compile(r"<p>((?:<a\b[^<>]*>)?<img\b[^<>]*>(?:</a>)?)(?:<br(?: /)?>)?\n<em>((?:[^<]|<(?!/?(?:em|p)\b))*+)</em></p>")
_VOID = frozenset({"br", "img", "wbr", "input"})
# A tag (consumed whole, so a credit word inside an attribute is never seen), or a credit
# word at the start or after a space, then a colon (maybe after a space: French "Photo :").
_TOKENS = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^<>]*>|(?:^|(?<=\s))(?:" + "|".join(CREDIT_WORDS) + r")(?: |\xa0|&nbsp;)?:")
_IMG = re.compile(r"<img\b([^<>]*)>")
_ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def figures(html: str) -> str:
    """The body with each captioned image made a figure."""
    if "<em>" not in html or "<img" not in html:
        return html
    return _FIGURE.sub(_figure, html)


def _figure(match: re.Match[str]) -> str:
    image, caption = match[1], match[2]
    credit = credit_at(caption)
    if credit >= 0:
        caption = f'{caption[:credit]}<span class="credit">{caption[credit:]}</span>'
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"


def credit_at(caption: str) -> int:
    """Where the credit starts in a caption's HTML (its last credit word outside any
    element inside it), or -1."""
    depth, found = 0, -1
    for token in _TOKENS.finditer(caption):
        name = token[2]
        if name is None:
            if depth == 0:
                found = token.start()
        elif name not in _VOID:
            depth += -1 if token[1] else 1
    return found


def undescribed(html: str) -> list[tuple[int, str]]:
    """(index among the body's <img> tags, src) of each image without a description."""
    if "<img" not in html:
        return []
    found = []
    for index, tag in enumerate(_IMG.finditer(html)):
        alt = _ALT.search(tag[1])
        if alt is None or not html_text.unescape(next(group for group in alt.groups() if group is not None)).strip():
            src = _SRC.search(tag[1])
            name = html_text.unescape(next(group for group in src.groups() if group is not None)) if src else ""
            found.append((index, name))
    return found
