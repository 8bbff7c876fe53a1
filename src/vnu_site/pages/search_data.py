"""What a page gives the search index: its filters (kind, partners), the metadata a result
shows, and, in a hidden element, the words of its text that contain đ written with d.

Pagefind folds tones ('hop tac' finds 'hợp tác') but treats 'đ' as a letter of its own, so
'dai hoc' would miss 'Đại học'; the folded copy makes it match. The search page shows
titles and summaries, never that copy. The index itself is built by outputs/search.py.
"""

from __future__ import annotations

import html
import re

from vnu_site.io.deps import shown_item, touch
from vnu_site.model import Site
from vnu_site.pages.dates import date_text
from vnu_site.sources import i18n

_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
# Which partners an item is about, for the partner filter.
_PARTNER_FACT = {"article": "partners", "event": "partners", "agreement": "parties"}


def folded_words(*texts: str) -> str:
    """The distinct words containing đ/Đ, with đ written as d, in order of first use."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD.findall(text):
            if "đ" in word or "Đ" in word:
                seen.setdefault(word.translate(_FOLD), None)
    return " ".join(seen)


def page_data(identity: tuple, lang: str, site: Site, strings) -> dict | None:
    """What an item page gives the index: filters (kind, partners), the metadata its result
    shows, and the folded words. None for pages that are not search results (lists, home)."""
    if identity[0] != "item":
        return None
    item = shown_item(site, identity[1:])
    text = item.texts[lang]
    if item.kind == "partner":
        partners = [item.key]
    else:
        partners = [key for key in item.facts.get(_PARTNER_FACT.get(item.kind, ""), ()) if lang in _texts(site, key)]  # a page: none
    kind = item.facts.get("kind")
    date = date_text(item, lang)
    if date and item.facts.get("undated_source"):  # the events' date, said as such (views.py does the same)
        date = f"{strings.get(lang, 'article.undated.short')} {date}"
    return {
        "kind": item.kind,
        "partners": partners,
        "label": strings.get(lang, f"kind.{item.kind}.{kind}" if kind else f"kind.{item.kind}"),
        "date": date,
        "summary": text.summary,
    }


def folded_filter(texts) -> str:
    """Jinja filter: folded_words of texts that may hold HTML. Applied while rendering, so
    a page that is not re-rendered never pays for it."""
    return folded_words(*(html.unescape(_TAG.sub(" ", text or "")) for text in texts))


def _texts(site: Site, key: str) -> dict:
    partner = site.get(("partner", key))  # which languages it has: structure, no touch
    return partner.texts if partner is not None else {}


def search_page_data(lang: str, site: Site, strings) -> dict:
    """The search form's choices: kinds, and partners in this language in A–Z order."""
    partners = [p for p in site.by_kind["partner"] if lang in p.texts]
    for partner in partners:
        touch(partner.ref, lang)  # their names are the choices
    partners.sort(key=lambda p: (i18n.collation_key(p.texts[lang].title, lang), p.key))
    return {
        "kinds": [
            {"value": kind, "label": strings.get(lang, f"search.kind.{kind}")}
            for kind in ("article", "partner", "event", "agreement", "page")
        ],
        "partners": [{"value": p.key, "label": p.texts[lang].title} for p in partners],
    }


# Filters the theme's templates use, given to the renderer (io/render.py knows no page).
TEMPLATE_FILTERS = {"folded_words": folded_filter}
