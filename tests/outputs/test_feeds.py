"""Atom and JSON feeds and iCalendar files, parsed back and checked against the built pages."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from conftest import TINY, build_args
from sitecheck import BuiltSite
from vnu_site.model import Item, PartialDate
from vnu_site.outputs.ical import day_after, escape, fold, has_days

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from vnu_site.__main__ import main

    out = tmp_path_factory.mktemp("feeds") / "public"
    assert main([str(a) for a in build_args(TINY, out)]) == 0
    return out


def entries(feed) -> list:
    return feed.findall(f"{A}entry")


def test_language_feeds_list_their_language_only_newest_first(built):
    vi = etree.parse(str(built / "vi/feed.xml")).getroot()
    en = etree.parse(str(built / "en/feed.xml")).getroot()
    assert vi.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert [e.findtext(f"{A}published") for e in entries(vi)] == ["2025-04-16T00:00:00Z", "2025-03-02T00:00:00Z", "2025-01-10T00:00:00Z"]
    # the MOOC story exists in Vietnamese only: the English feed leaves it out
    assert len(entries(en)) == 2
    assert not any("mooc" in e.findtext(f"{A}id") for e in entries(en))
    assert vi.findtext(f"{A}updated") == "2025-04-16T00:00:00Z"


def test_every_feed_link_is_absolute_and_points_at_a_built_page(built):
    site = BuiltSite(built)
    for path in sorted(built.rglob("feed.xml")):
        feed = etree.parse(str(path)).getroot()
        links = [link.get("href") for link in feed.iter(f"{A}link")]
        links += [e.findtext(f"{A}id") for e in entries(feed)]
        for content in feed.iter(f"{A}content"):
            links += etree.HTML(content.text).xpath("//a/@href")
        assert links, path
        for href in links:
            assert href.startswith("https://example.org/"), (path, href)
            assert site.exists(site.path_of(href)), (path, href)


def test_entry_names_its_translation(built):
    vi = etree.parse(str(built / "vi/feed.xml")).getroot()
    visit = next(e for e in entries(vi) if e.findtext(f"{A}title") == "Chuyến thăm cấp Nhà nước")
    alternates = {link.get("hreflang"): link.get("href") for link in visit.findall(f"{A}link")}
    assert alternates == {
        None: "https://example.org/vi/tin-tuc/chuyen-tham-cap-nha-nuoc/",
        "en": "https://example.org/en/news/the-state-visit/",
    }


def test_partner_feed_lists_everything_about_the_partner(built):
    feed = etree.parse(str(built / "en/partners/tsinghua-university/feed.xml")).getroot()
    ids = [e.findtext(f"{A}id") for e in entries(feed)]
    assert ids == [
        "https://example.org/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/",
        "https://example.org/en/agreements/student-exchange-agreement/",
        "https://example.org/en/events/vietnam-china-higher-education-conference/",
    ]
    assert feed.findtext(f"{A}subtitle") == "News, events and agreements involving Tsinghua University."


def test_every_page_head_links_the_language_feed_and_partner_pages_their_own(built):
    site = BuiltSite(built)
    for path, doc in site.pages.items():
        if not path.startswith(("/vi/", "/en/")) or doc.xpath('//meta[@http-equiv="refresh"]'):
            continue
        feeds = doc.xpath('//head/link[@type="application/atom+xml"]/@href')
        assert feeds[0] == f"/{path.split('/')[1]}/feed.xml", path
    partner = site.pages["/vi/doi-tac/dai-hoc-thanh-hoa/"].xpath('//head/link[@type="application/atom+xml"]/@href')
    assert partner == ["/vi/feed.xml", "/vi/doi-tac/dai-hoc-thanh-hoa/feed.xml"]


def test_calendar_has_all_day_events_with_exclusive_ends(built):
    text = (built / "vi/calendar.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "")
    events = unfolded.split("BEGIN:VEVENT")[1:]
    assert len(events) == 2
    state_visit = next(e for e in events if "UID:event-state-visit@example.org" in e)
    assert "DTSTART;VALUE=DATE:20250414\r\n" in state_visit and "DTEND;VALUE=DATE:20250416\r\n" in state_visit
    assert "URL:https://example.org/vi/su-kien/chuyen-tham-cap-nha-nuoc/\r\n" in state_visit
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_all_day_events_end_the_day_after():
    assert day_after(PartialDate(2025, 2, 28)).isoformat() == "2025-03-01"
    assert day_after(PartialDate(2025, 12, 31)).isoformat() == "2026-01-01"


def test_events_without_days_are_left_out_of_the_calendar():
    """A month ("April 2025") or a year is not a range of days: a calendar entry would claim
    days the sources never give."""

    def event(start, end=None):
        return Item("event", "x", {"start": start, **({"end": end} if end else {})}, {})

    assert has_days(event(PartialDate(2025, 4, 14), PartialDate(2025, 4, 15)))
    assert not has_days(event(PartialDate(2025, 4)))
    assert not has_days(event(PartialDate(2024, 0)))
    assert not has_days(event(PartialDate(2025, 4, 1), PartialDate(2025, 5)))


def test_ical_text_is_escaped_and_folded_between_characters():
    assert escape("Hà Nội; Việt Nam, 2025\nline") == "Hà Nội\\; Việt Nam\\, 2025\\nline"
    line = "SUMMARY:" + "Đại học " * 20
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line  # unfolding gives the text back, no character cut


def test_json_feed_has_the_atom_feeds_entries(built):
    """JSON Feed 1.1 beside each language's Atom feed: the same entries, in the same order."""
    for lang in ("vi", "en"):
        feed = json.loads((built / lang / "feed.json").read_text(encoding="utf-8"))
        atom = etree.parse(str(built / lang / "feed.xml")).getroot()
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["feed_url"] == f"https://example.org/{lang}/feed.json"
        assert feed["home_page_url"] == f"https://example.org/{lang}/"
        assert feed["language"] == lang and feed["title"] == atom.findtext(f"{A}title")
        assert [item["id"] for item in feed["items"]] == [e.findtext(f"{A}id") for e in entries(atom)]
        for item, entry in zip(feed["items"], entries(atom), strict=True):
            assert item["url"] == item["id"] and item["title"] == entry.findtext(f"{A}title")
            assert item.get("date_published") == entry.findtext(f"{A}published")
            assert item["date_modified"] == entry.findtext(f"{A}updated")
            assert "content_html" in item or "content_text" in item  # one is required
    vi = json.loads((built / "vi" / "feed.json").read_text(encoding="utf-8"))
    tsinghua = next(item for item in vi["items"] if "thanh-hoa" in item["id"])
    assert tsinghua["tags"] == ["Trí tuệ nhân tạo", "Trao đổi sinh viên"]
    assert 'href="https://example.org/vi/doi-tac/dai-hoc-thanh-hoa/"' in tsinghua["content_html"]  # links made absolute


def test_every_page_head_advertises_the_json_feed(built):
    site = BuiltSite(built)
    for path, doc in site.pages.items():
        if not path.startswith(("/vi/", "/en/")) or doc.xpath('//meta[@http-equiv="refresh"]'):
            continue
        assert doc.xpath('//head/link[@rel="alternate"][@type="application/feed+json"]/@href') == [f"/{path.split('/')[1]}/feed.json"], path
