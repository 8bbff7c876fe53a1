"""What a page tells machines about itself: Open Graph tags and schema.org JSON-LD.

NewsArticle on articles (the versions in each language linked as translations of one work),
Event on events, Organization on partners, WebPage on pages (About…), WebSite (with its
search) on home pages.
All of it is plain data; the template serialises it.
"""

from __future__ import annotations

from vnu_site.io.deps import shown_item, touch
from vnu_site.model import FOLDER_OF, Item, Site
from vnu_site.site import image_files
from vnu_site.site.urls import Urls
from vnu_site.sources.i18n import open_graph_locale

SCHEMA = "https://schema.org"


def head(page, translations: dict, site: Site, urls: Urls) -> dict:
    """{"og": [[property, content], ...], "jsonld": dict or None} for one page."""
    lang = page.lang
    config = site.config
    url = urls.absolute(page.path)
    item = shown_item(site, page.identity[1:]) if page.identity[0] == "item" else None
    og = [
        ["og:type", "article" if item is not None and item.kind == "article" else "website"],
        ["og:title", page.title],
        ["og:description", page.description or config.description[lang]],
        ["og:url", url],
        ["og:site_name", config.title[lang]],
        ["og:locale", open_graph_locale(lang)],
    ]
    og += [["og:locale:alternate", open_graph_locale(other)] for other in config.languages if other != lang and other in translations]
    image = _cover(item, lang, site, urls) if item is not None else None
    if image:
        og += [["og:image", image["url"]]]
        og += [["og:image:type", "image/jpeg"], ["og:image:width", str(image["width"])], ["og:image:height", str(image["height"])]]
        og += [["og:image:alt", image["alt"]]]
    if item is not None and item.kind == "article":
        if not item.facts.get("undated_source"):  # otherwise the date is the events', not a publication's
            og.append(["article:published_time", item.facts["date"].iso])
        og += [["article:tag", site.tags[tag][lang]] for tag in item.facts.get("tags", ()) if tag in site.tags]
    jsonld = None
    if item is not None:
        jsonld = _ITEM_DATA[item.kind](item, lang, url, translations, site, urls)
    elif page.identity == ("home",):
        jsonld = _website(lang, url, site, urls)
    if jsonld is not None:
        if image:
            jsonld["image"] = {"@type": "ImageObject", "url": image["url"], "width": image["width"], "height": image["height"]}
        jsonld = {"@context": SCHEMA, **jsonld}
    return {"og": og, "jsonld": jsonld}


def _cover(item: Item, lang: str, site: Site, urls: Urls) -> dict | None:
    """The item's cover as link previews show it (its 1200x630 crop: site/image_files.py),
    an absolute URL with its size and text alternative, if it has one."""
    name = item.facts.get("cover")
    if not name or f"{FOLDER_OF[item.kind]}/{item.key}/{name}" not in site.images:
        return None
    url = urls.absolute(urls.media(item.kind, item.key, image_files.social_name(name)))
    width, height = image_files.SOCIAL
    return {"url": url, "width": width, "height": height, "alt": item.texts[lang].values.get("cover_alt", "")}


def _publisher(lang: str, site: Site, urls: Urls) -> dict:
    publisher = site.get(("partner", site.config.publisher)) if site.config.publisher else None
    if publisher is not None and lang in publisher.texts:
        touch(publisher.ref, lang)
        return {"@type": "Organization", "name": publisher.texts[lang].title, "url": urls.absolute(urls.item(publisher, lang))}
    return {"@type": "Organization", "name": site.config.title[lang], "url": urls.absolute(urls.home(lang))}


def _refs(keys, kind: str, lang: str, site: Site, urls: Urls) -> list[dict]:
    """Named references to other items that exist in this language."""
    result = []
    for key in keys:
        other = site.get((kind, key))
        if other is not None and lang in other.texts:
            touch(other.ref, lang)
            entry = {"@type": "Organization" if kind == "partner" else "Event", "name": other.texts[lang].title}
            entry["url"] = urls.absolute(urls.item(other, lang))
            result.append(entry)
    return result


def _article(item: Item, lang: str, url: str, translations: dict, site: Site, urls: Urls) -> dict:
    text = item.texts[lang]
    data = {
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": text.title,
        "inLanguage": lang,
        # An undated source's story has the events' date, not a publication date.
        **({} if item.facts.get("undated_source") else {"datePublished": item.facts["date"].iso}),
        **({"dateModified": item.facts["updated"].iso} if "updated" in item.facts else {}),
        "publisher": _publisher(lang, site, urls),
        "isPartOf": {"@type": "WebSite", "name": site.config.title[lang], "url": urls.absolute(urls.home(lang))},
    }
    if text.summary:
        data["description"] = text.summary
    if text.values.get("author"):
        data["author"] = {"@type": "Person", "name": text.values["author"]}
    else:
        data["author"] = _publisher(lang, site, urls)
    about = _refs(item.facts.get("partners", ()), "partner", lang, site, urls)
    if about:
        data["about"] = about
    mentions = _refs(item.facts.get("events", ()), "event", lang, site, urls)
    if mentions:
        data["mentions"] = mentions
    tags = [site.tags[tag][lang] for tag in item.facts.get("tags", ()) if tag in site.tags]
    if tags:
        data["keywords"] = tags
    # The default language's version is the original; the others are its translations.
    original = next(other for other in (site.config.default_language, *site.config.languages) if other in item.texts)
    if lang == original:
        others = [other for other in site.config.languages if other != lang and other in item.texts]
        if others:
            data["workTranslation"] = [_work(item, other, urls) for other in others]
    else:
        data["translationOfWork"] = _work(item, original, urls)
    return data


def _work(item: Item, lang: str, urls: Urls) -> dict:
    url = urls.absolute(urls.item(item, lang))
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": lang, "headline": item.texts[lang].title}


def _event(item: Item, lang: str, url: str, translations: dict, site: Site, urls: Urls) -> dict:
    text = item.texts[lang]
    data = {
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": text.title,
        "inLanguage": lang,
        "startDate": item.facts["start"].iso,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": _publisher(lang, site, urls),
    }
    if item.facts.get("end"):
        data["endDate"] = item.facts["end"].iso
    if text.summary:
        data["description"] = text.summary
    if text.values.get("location"):
        data["location"] = {"@type": "Place", "name": text.values["location"], "address": text.values["location"]}
    participants = _refs(item.facts.get("partners", ()), "partner", lang, site, urls)
    if participants:
        data["attendee"] = participants
    return data


def _partner(item: Item, lang: str, url: str, translations: dict, site: Site, urls: Urls) -> dict:
    text = item.texts[lang]
    facts = item.facts
    data: dict[str, object] = {"@type": "Organization", "@id": url, "url": url, "name": text.title}
    if text.values.get("short_name"):
        data["alternateName"] = text.values["short_name"]
    if text.summary:
        data["description"] = text.summary
    if facts.get("website"):
        data["sameAs"] = facts["website"]
    if facts.get("country"):
        data["address"] = {"@type": "PostalAddress", "addressCountry": facts["country"]}
    if facts.get("launched"):
        data["foundingDate"] = facts["launched"].iso
    elif facts.get("founded_year"):
        data["foundingDate"] = str(facts["founded_year"])
    members = _refs(facts.get("members", ()), "partner", lang, site, urls)
    if members:
        data["member"] = members
    member_of = _refs((key for kind, key in site.backlinks.get(item.ref, {}).get("member_of", ())), "partner", lang, site, urls)
    if member_of:
        data["memberOf"] = member_of
    return data


def _agreement(item: Item, lang: str, url: str, translations: dict, site: Site, urls: Urls) -> dict:
    text = item.texts[lang]
    data: dict[str, object] = {
        "@type": "CreativeWork",
        "additionalType": "Agreement",
        "@id": url,
        "url": url,
        "name": text.title,
        "inLanguage": lang,
        "dateCreated": item.facts["signed"].iso,
    }
    if text.summary:
        data["description"] = text.summary
    parties = _refs(item.facts.get("parties", ()), "partner", lang, site, urls)
    if parties:
        data["sourceOrganization"] = parties
    return data


def _website(lang: str, url: str, site: Site, urls: Urls) -> dict:
    search = urls.absolute(urls.section(lang, "search"))
    return {
        "@type": "WebSite",
        "@id": url,
        "url": url,
        "name": site.config.title[lang],
        "description": site.config.description[lang],
        "inLanguage": lang,
        "publisher": _publisher(lang, site, urls),
        "potentialAction": {"@type": "SearchAction", "target": search + "?q={query}", "query-input": "required name=query"},
    }


def _page(item: Item, lang: str, url: str, translations: dict, site: Site, urls: Urls) -> dict:
    """A WebPage, with the pages above it as its breadcrumb trail (plan touches them)."""
    text = item.texts[lang]
    data: dict[str, object] = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": text.title,
        "inLanguage": lang,
        "isPartOf": {"@type": "WebSite", "name": site.config.title[lang], "url": urls.absolute(urls.home(lang))},
    }
    if text.summary:
        data["description"] = text.summary
    trail = urls.ancestors(item, lang)
    if trail:
        steps = [(above.texts[lang].title, urls.absolute(urls.item(above, lang))) for above in trail] + [(text.title, url)]
        data["breadcrumb"] = {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": number, "name": name, "item": address} for number, (name, address) in enumerate(steps, 1)
            ],
        }
    return data


_ITEM_DATA = {"article": _article, "event": _event, "partner": _partner, "agreement": _agreement, "page": _page}
