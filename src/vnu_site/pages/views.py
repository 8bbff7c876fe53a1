"""What a page shows of an item, as plain data (text, URLs, lists), per language.

Templates get these ready-made, so they hold no logic. Plain data also lets a page's
whole input be hashed, which is how incremental builds know a page is unchanged.
"""

from __future__ import annotations

from html import escape
from typing import cast

from vnu_site.io.deps import touch, touch_body
from vnu_site.model import FOLDER_OF, Item, Site
from vnu_site.pages import dates
from vnu_site.site import image_files
from vnu_site.site.urls import Urls
from vnu_site.sources import body_images, i18n, markup

GROUP_FACTS = ("initiator", "secretariat")  # a single id or a list (co-founders)


def resolved_body(item: Item, lang: str, site: Site, urls: Urls, strings, pictures: bool = False) -> str:
    """The body HTML with item links turned into URLs in this language (or the other),
    local images pointed at the item's media folder, and what the body says in the page's
    language filled in (footnotes, videos: markup.localise): for its page and feeds alike.
    pictures: each image as a <picture> of its variants, with its size (pages; a feed keeps
    the one file)."""
    touch_body(item.ref, lang)

    def href_for(kind: str, key: str) -> str:
        target = site.get((kind, key))
        if target is None:
            return "#"  # only reachable with problems already reported
        target_lang = lang if lang in target.texts else next(other for other in site.config.languages if other in target.texts)
        touch_address(target, target_lang, urls)  # its slug is in the link
        return escape(urls.href(urls.item(target, target_lang)))

    # The body is HTML already (sanitised): what goes into its attributes is escaped here, as
    # Jinja escapes the templates'; base_url is checked when read, this holds whatever it is.
    html = markup.link_items(item.texts[lang].body_html, href_for)
    html = markup.localise(html, lang, lambda key: strings.get(lang, key))
    media = escape(urls.href(urls.media(item.kind, item.key)))
    if pictures:
        return body_images.link_pictures(html, media, lambda name: picture(item, name, site, urls, "body"))
    return body_images.link_images(html, media)


def picture(item: Item, name: str, site: Site, urls: Urls, place: str) -> dict | None:
    """What a <picture> of the item's image shows (site/image_files.py), `place` ("body" or
    "card") saying how wide it is on the page; None if the build has no facts of it."""
    facts = site.images.get(f"{FOLDER_OF[item.kind]}/{item.key}/{name}")
    if facts is None:
        return None
    folder = urls.href(urls.media(item.kind, item.key))
    return image_files.picture(name, facts, site.image_formats, lambda file: folder + file, image_files.SIZES[place])


def touch_address(item: Item, lang: str, urls: Urls) -> None:
    """The page shows the item's URL in `lang`: its slug, and a page's ancestors' slugs too
    (/en/about/contact/: a new title of About moves Contact)."""
    touch(item.ref, lang)
    if item.kind == "page":
        for above in urls.ancestors(item, lang):
            touch(above.ref, lang)


class Views:
    def __init__(self, site: Site, urls: Urls, strings):
        self.site = site
        self.urls = urls
        self.strings = strings
        self._cards: dict = {}  # (ref, lang) -> card: one item appears on many pages

    # --- small pieces -------------------------------------------------------
    def t(self, lang: str, key: str) -> str:
        return self.strings.get(lang, key)

    def href(self, item: Item, lang: str) -> str:
        touch_address(item, lang, self.urls)
        return self.urls.href(self.urls.item(item, lang))

    def kind_label(self, item: Item, lang: str) -> str:
        touch(item.ref, lang)
        kind = item.facts.get("kind")
        label = self.t(lang, f"kind.{item.kind}.{kind}") if kind else self.t(lang, f"kind.{item.kind}")
        if item.facts.get("kind_inferred"):  # the sources do not say: shown as our reading
            label = f"{label} {self.t(lang, 'partner.kind_inferred')}"
        return label

    def date_text(self, item: Item, lang: str, style: str = "list") -> str:
        """The item's date (an event's whole range) in a list's form or running text's."""
        touch(item.ref, lang)
        return dates.date_text(item, lang, style)

    def card(self, item: Item, lang: str) -> dict:
        """The item as it appears in lists. Shared between pages: never modify it."""
        touch_address(item, lang, self.urls)  # recorded for every page that shows it, memoised or not
        cached = self._cards.get((item.ref, lang))
        if cached is None:
            cached = self._cards[(item.ref, lang)] = self._card(item, lang)
        return cached

    def _card(self, item: Item, lang: str) -> dict:
        text = item.texts[lang]
        date = item.date()
        card = {
            "kind": item.kind,
            "key": item.key,
            "title": text.title,
            "href": self.href(item, lang),
            "summary": text.summary,
            "date": self.date_text(item, lang),
            "date_iso": date.iso if date else "",
            # An article from an undated source: its date is that of the events it reports.
            "date_note": self.t(lang, "article.undated.short") if item.facts.get("undated_source") else "",
            "label": self.kind_label(item, lang),
            "short_name": text.values.get("short_name", ""),
            "country": i18n.country_name(item.facts["country"], lang) if item.facts.get("country") else "",
            "location": text.values.get("location", ""),
            "cover": self.cover(item, lang),
        }
        return card

    def cover(self, item: Item, lang: str, place: str = "card") -> dict | None:
        """The article's cover image, from the folder beside it (see images.py), with its
        variants and size: a <picture> (the templates' `picture` macro)."""
        touch(item.ref, lang)
        name = item.facts.get("cover")
        if not name:
            return None
        alt = item.texts[lang].values.get("cover_alt", "")
        shown = picture(item, name, self.site, self.urls, place)
        if shown is None:
            src = self.urls.href(self.urls.media(item.kind, item.key, name))
            return {"src": src, "alt": alt, "srcset": "", "sizes": "", "width": 0, "height": 0, "sources": []}
        return {**shown, "alt": alt}

    def cards(self, refs, lang: str) -> list[dict]:
        """Cards for the referenced items that exist in this language, in the given order."""
        result = []
        for ref in refs:
            item = self.site.get(ref)  # card() touches it in this language
            if item is not None and lang in item.texts:
                result.append(self.card(item, lang))
        return result

    def tag_links(self, keys, lang: str) -> list[dict]:
        return [
            {"label": self.site.tags[key][lang], "href": self.urls.href(self.urls.tag(lang, self.site.tags[key][lang], key))}
            for key in keys
            if key in self.site.tags
        ]

    def body(self, item: Item, lang: str) -> str:
        return resolved_body(item, lang, self.site, self.urls, self.strings, pictures=True)

    def backlinks(self, item: Item, relation: str):
        # Which items refer to it is structure, which a quick build never changes: no touch.
        return self.site.backlinks.get(item.ref, {}).get(relation, ())

    # --- whole items ----------------------------------------------------------
    def detail(self, item: Item, lang: str) -> dict:
        touch(item.ref, lang)
        view = dict(self.card(item, lang))
        view["body"] = self.body(item, lang)
        if view["cover"]:
            view["cover"] = self.cover(item, lang, "body")  # as wide as the story, not a card
        view["date_long"] = self.date_text(item, lang, "text")
        view.update(getattr(self, f"_{item.kind}")(item, lang))
        return view

    def _article(self, item: Item, lang: str) -> dict:
        text = item.texts[lang]
        sources = [
            {
                "name": source["name"],
                "date": i18n.format_day(source["date"], lang, "text") if source.get("date") else "",
                "date_iso": source["date"].iso if source.get("date") else "",
                "url": source.get("url", ""),
            }
            for source in text.values.get("source", ())
        ]
        return {
            "author": text.values.get("author", ""),
            "sources": sources,
            "undated": bool(item.facts.get("undated_source")),
            "tags": self.tag_links(item.facts.get("tags", ()), lang),
            "partners": self.cards((("partner", k) for k in item.facts.get("partners", ())), lang),
            "events": self.cards((("event", k) for k in item.facts.get("events", ())), lang),
            "agreements": self.cards((("agreement", k) for k in item.facts.get("agreements", ())), lang),
        }

    def _partner(self, item: Item, lang: str) -> dict:
        facts = item.facts
        view = {
            "website": facts.get("website", ""),
            "launched": i18n.format_day(facts["launched"], lang, "text") if facts.get("launched") else "",
            "founded_year": facts.get("founded_year", ""),
            "joined": i18n.format_day(facts["joined"], lang, "text") if facts.get("joined") else "",
            "member_count": facts.get("member_count", ""),
            "member_count_note": item.texts[lang].values.get("member_count_note", ""),
            "members": self.cards((("partner", k) for k in facts.get("members", ())), lang),
            "member_of": self.cards(self.backlinks(item, "member_of"), lang),
            "initiated": self.cards(self.backlinks(item, "initiated"), lang),
            "secretariat_of": self.cards(self.backlinks(item, "secretariat_of"), lang),
            "agreements": self.cards(self.backlinks(item, "agreements"), lang),
            "events": self.cards(self.backlinks(item, "events"), lang),
            "articles": self.cards(self.backlinks(item, "articles"), lang),
        }
        for name in GROUP_FACTS:
            value = cast("str | tuple[str, ...]", facts.get(name, ()))  # initiator: ids; secretariat: one id
            view[name] = self.cards((("partner", key) for key in ((value,) if isinstance(value, str) else value)), lang)
        return view

    def _event(self, item: Item, lang: str) -> dict:
        return {
            "start_iso": item.facts["start"].iso,
            "original_title": item.texts[lang].values.get("original_title", ""),
            "end_iso": item.facts["end"].iso if item.facts.get("end") else "",
            "partners": self.cards((("partner", k) for k in item.facts.get("partners", ())), lang),
            "agreements": self.cards(self.backlinks(item, "agreements"), lang),
            "articles": self.cards(self.backlinks(item, "articles"), lang),
        }

    def _page(self, item: Item, lang: str) -> dict:
        """The pages under it in this language: those with an `order` first, by it; then by
        title in the language's alphabetical order."""
        children = [child for child in map(self.site.get, self.backlinks(item, "children")) if child is not None and lang in child.texts]
        for child in children:
            touch(child.ref, lang)  # its title orders it
        children.sort(
            key=lambda child: (
                "order" not in child.facts,
                child.facts.get("order", 0),
                i18n.collation_key(child.texts[lang].title, lang),
                child.key,
            )
        )
        return {"children": [self.card(child, lang) for child in children]}

    def _agreement(self, item: Item, lang: str) -> dict:
        event = item.facts.get("event")
        return {
            "count": item.facts.get("count", ""),
            "parties": self.cards((("partner", k) for k in item.facts.get("parties", ())), lang),
            "event": self.cards([("event", event)] if event else [], lang),
            "articles": self.cards(self.backlinks(item, "articles"), lang),
        }
