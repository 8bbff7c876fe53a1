"""iCalendar (RFC 5545) files of events, one per language: /<lang>/calendar.ics.

Events are all-day: the sources give days, never times. An event whose sources give only
a month or a year ("April 2025") is left out: a calendar entry has to claim days, and
spanning the whole month would say the event lasted a month. Its page still says when.
"""

from __future__ import annotations

import datetime
from functools import partial
from urllib.parse import urlsplit

from vnu_site.io.deps import touch
from vnu_site.io.write import Lazy
from vnu_site.model import Item, PartialDate
from vnu_site.site.urls import Urls


def calendar(site, strings, pages, env, options, problems) -> dict:
    """Producer: one calendar per language with every event in that language, made only
    when an event in it changed."""
    urls = Urls(site.config)
    return {urls.calendar(lang)[1:]: Lazy(partial(_lines, site, strings, urls, lang), _ics) for lang in site.config.languages}


def _lines(site, strings, urls: Urls, lang: str) -> list[str]:
    host = urlsplit(site.config.base_url).hostname or "vnu-site"
    stamp = site.build_date.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//vnu-site//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape(f"{site.config.title[lang]} – {strings.get(lang, 'section.events')}"),
    ]
    events = sorted((e for e in site.by_kind["event"] if lang in e.texts and has_days(e)), key=lambda e: (e.facts["start"], e.key))
    for event in events:
        touch(event.ref, lang)
        lines += _vevent(event, lang, urls, host, stamp)
    lines.append("END:VCALENDAR")
    return lines


def _ics(lines: list[str]) -> bytes:
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _vevent(event: Item, lang: str, urls: Urls, host: str, stamp: str) -> list[str]:
    text = event.texts[lang]
    start: PartialDate = event.facts["start"]
    end: PartialDate = event.facts.get("end") or start
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.key}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start.as_date():%Y%m%d}",
        _end(start, end),
        "SUMMARY:" + escape(text.title),
    ]
    if text.values.get("location"):
        lines.append("LOCATION:" + escape(text.values["location"]))
    if text.summary:
        lines.append("DESCRIPTION:" + escape(text.summary))
    lines.append("URL:" + urls.absolute(urls.item(event, lang)))
    lines.append("END:VEVENT")
    return lines


def has_days(event: Item) -> bool:
    """Whether the sources give the event's days (not only a month or a year)."""
    return event.facts["start"].exact and (event.facts.get("end") or event.facts["start"]).exact


def day_after(date: PartialDate) -> datetime.date:
    """The exclusive end of an all-day event (the reader's range of years keeps it inside
    the calendar; _end does not count on it)."""
    return date.as_date() + datetime.timedelta(days=1)


def _end(start: PartialDate, end: PartialDate) -> str:
    """DTEND, the day after the last; on the last day a date can have, the same span as a
    DURATION (RFC 5545 allows either), so that no event can make the calendar fail."""
    if end.as_date() < datetime.date.max:
        return f"DTEND;VALUE=DATE:{day_after(end):%Y%m%d}"
    return f"DURATION:P{(end.as_date() - start.as_date()).days + 1}D"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space; never inside
    a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)
