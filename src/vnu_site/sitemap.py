"""/sitemap.xml (every page, with its existing translations and x-default) and /robots.txt.

The alternates are the ones the page's own <head> lists, so the sitemap, hreflang and the
language switcher follow the same translation graph. Pages that are not public (404,
editors' pages, redirects) are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .urls import Urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(site, strings, pages, env, options, problems) -> dict[str, bytes]:
    """Producer: sitemap.xml and robots.txt."""
    urls = Urls(site.config)
    root = ET.Element("urlset", {"xmlns": SITEMAP, "xmlns:xhtml": XHTML})
    for page in pages:
        head = page["context"]["page"]
        if not page.get("public", True) or head.get("noindex"):
            continue
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = head["canonical"]
        for alternate in head["alternates"]:
            ET.SubElement(entry, "xhtml:link", {"rel": "alternate", "hreflang": alternate["lang"], "href": alternate["url"]})
        ET.SubElement(entry, "xhtml:link", {"rel": "alternate", "hreflang": "x-default", "href": head["x_default"]})
    ET.indent(root)
    xml = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('/sitemap.xml')}\n"
    return {"sitemap.xml": xml, "robots.txt": robots.encode("utf-8")}
