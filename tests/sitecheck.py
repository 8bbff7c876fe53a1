"""Checks on a built site, read with a real HTML parser; used on the fixture and the bulletin.

Each check returns a list of human-readable failures (empty when all is well), so a test
failure says exactly which page and link is wrong.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from lxml import html as lxml_html


class BuiltSite:
    def __init__(self, out: Path, base_url: str = "https://example.org/"):
        self.out = out
        self.base_url = base_url
        self.base_path = urlsplit(base_url).path or "/"

    @cached_property
    def pages(self) -> dict[str, object]:
        """Site path ('/vi/tin-tuc/x/') -> parsed document, for every HTML page."""
        result = {}
        for file in sorted(self.out.rglob("*.html")):
            relative = file.relative_to(self.out).as_posix()
            path = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
            result[path] = lxml_html.fromstring(file.read_bytes())
        return result

    def path_of(self, href: str) -> str | None:
        """The site path an internal href points at, or None for external links."""
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel"):
            return None
        if parts.scheme or parts.netloc:
            if not href.startswith(self.base_url):
                return None
            path = "/" + href[len(self.base_url) :].split("#")[0]
        else:
            if not parts.path.startswith(self.base_path):
                return "!outside-base:" + parts.path
            path = "/" + parts.path[len(self.base_path) :]
        return path

    def exists(self, path: str) -> bool:
        target = self.out / path.lstrip("/")
        return (target / "index.html").is_file() if path.endswith("/") else target.is_file()

    def broken_links(self) -> list[str]:
        failures = []
        for page, doc in self.pages.items():
            for element, attribute, link, _ in doc.iterlinks():
                if attribute not in ("href", "src") or element.tag in ("html",):
                    continue
                if link.startswith("#"):
                    if link != "#" and not doc.xpath(f'//*[@id="{link[1:]}"]'):
                        failures.append(f"{page}: fragment {link} has no target")
                    continue
                path = self.path_of(link)
                if path is None:
                    continue
                if path.startswith("!outside-base:") or not self.exists(path):
                    failures.append(f"{page}: link to {link} does not resolve")
                    continue
                fragment = urlsplit(link).fragment
                if fragment and path.endswith("/") and path in self.pages and not self.pages[path].xpath(f'//*[@id="{fragment}"]'):
                    failures.append(f"{page}: fragment #{fragment} missing on {path}")
        return failures

    def wrong_langs(self) -> list[str]:
        failures = []
        for page, doc in self.pages.items():
            segment = page.strip("/").split("/")[0]
            if segment in ("vi", "en") and doc.get("lang") != segment:
                failures.append(f"{page}: <html lang={doc.get('lang')!r}>, expected {segment!r}")
        return failures

    def alternates(self, page: str) -> dict[str, str]:
        doc = self.pages[page]
        return {link.get("hreflang"): link.get("href") for link in doc.xpath('//head/link[@rel="alternate"][@hreflang]')}

    def hreflang_problems(self) -> list[str]:
        failures = []
        for page in self.pages:
            if not page.startswith(("/vi/", "/en/")):
                continue
            alternates = self.alternates(page)
            lang = page.split("/")[1]
            if "x-default" not in alternates:
                failures.append(f"{page}: no x-default alternate")
            if self.path_of(alternates.get(lang, "")) != page:
                failures.append(f"{page}: no hreflang={lang} link to itself")
            for other, href in alternates.items():
                if other == "x-default":
                    continue
                target = self.path_of(href)
                if target not in self.pages:
                    failures.append(f"{page}: hreflang={other} points at missing {href}")
                elif self.path_of(self.alternates(target).get(lang, "")) != page:
                    failures.append(f"{page}: hreflang={other} page {target} does not point back")
        return failures

    def switcher_problems(self) -> list[str]:
        """The language switcher goes to the counterpart when there is one."""
        failures = []
        for page, doc in self.pages.items():
            if not page.startswith(("/vi/", "/en/")):
                continue
            lang = page.split("/")[1]
            other = "en" if lang == "vi" else "vi"
            links = doc.xpath(f'//nav[contains(@class,"lang-switch")]/a[@hreflang="{other}"]')
            if len(links) != 1:
                failures.append(f"{page}: {len(links)} switcher links to {other}")
                continue
            counterpart = self.path_of(self.alternates(page).get(other, "")) if other in self.alternates(page) else None
            target = self.path_of(links[0].get("href"))
            if counterpart and target != counterpart:
                failures.append(f"{page}: switcher goes to {target}, counterpart is {counterpart}")
            if not counterpart and not doc.xpath('//p[contains(@class,"notice")]'):
                failures.append(f"{page}: no counterpart and no notice")
        return failures

    def section_links(self, page: str, heading_id: str) -> list[str]:
        """Site paths linked from the list under the heading with this id."""
        doc = self.pages[page]
        return [self.path_of(a.get("href")) for a in doc.xpath(f'//section[@aria-labelledby="{heading_id}"]//ul/li/a')]

    def kind_of(self, page: str) -> str | None:
        parts = page.strip("/").split("/")
        sections = {
            "tin-tuc": "article",
            "news": "article",
            "doi-tac": "partner",
            "partners": "partner",
            "su-kien": "event",
            "events": "event",
            "thoa-thuan": "agreement",
            "agreements": "agreement",
        }
        return sections.get(parts[1]) if len(parts) == 3 else None

    # (kind of page, its list) -> the list on the linked page that must link back.
    LINKED_BOTH_WAYS: ClassVar[dict[tuple[str, str], str]] = {
        ("article", "rel-partners"): "rel-articles",
        ("article", "rel-events"): "rel-articles",
        ("article", "rel-agreements"): "rel-articles",
        ("event", "rel-partners"): "rel-events",
        ("event", "rel-agreements"): "rel-event",
        ("agreement", "rel-parties"): "rel-agreements",
        ("partner", "rel-articles"): "rel-partners",
        ("partner", "rel-events"): "rel-partners",
        ("partner", "rel-agreements"): "rel-parties",
        ("partner", "rel-members"): "rel-member-of",
        ("partner", "rel-member-of"): "rel-members",
        ("event", "rel-articles"): "rel-events",
        ("agreement", "rel-articles"): "rel-agreements",
    }

    def backlink_problems(self) -> list[str]:
        """Every cross-reference list links both ways: A lists B, so B lists A."""
        failures = []
        for page in self.pages:
            kind = self.kind_of(page)
            for (page_kind, forward), back in self.LINKED_BOTH_WAYS.items():
                if kind != page_kind:
                    continue
                for target in self.section_links(page, forward):
                    if target not in self.pages:
                        failures.append(f"{page} lists missing {target} under {forward}")
                    elif page not in self.section_links(target, back) + self.fact_links(target):
                        failures.append(f"{page} lists {target} under {forward}, but {target} has no link back under {back}")
        return failures

    def fact_links(self, page: str) -> list[str]:
        """Links in an item's fact list (an agreement's event, an alliance's initiator)."""
        return [self.path_of(a.get("href")) for a in self.pages[page].xpath('//dl[contains(@class,"fact-list")]//a')]
