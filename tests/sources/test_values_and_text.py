"""Values and text at their edges (issue 13, classes 7, 8 and 10).

- Every date, count and length has a stated range (docs/content-format.md, "Ranges"), checked
  when the file is read: one `path:line: field: ... (between A and B allowed)` line, and
  nothing downstream (the calendar's day after, feeds, the timeline) meets a value it cannot
  handle.
- Text is composed (NFC) when read: decomposed input builds the very same site. Invisible
  characters (bidi controls, zero-width ones) are refused in ids, slugs, references, paths
  and URLs, and removed with a warning from text.
- Alias limits count what aliases expand to, not the file's size: 10,000 tags are fine; and
  one root cause gives one message, not a message more for everything that follows from it.
"""

from __future__ import annotations

import datetime
import shutil
import unicodedata
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import TINY, build_args, tree
from vnu_site.model import PartialDate
from vnu_site.outputs.ical import _end
from vnu_site.sources import frontmatter
from vnu_site.sources.discover import SourceFile
from vnu_site.sources.read import read_bytes
from vnu_site.sources.schema import FIELDS, FOUNDED_YEARS, YEARS
from vnu_site.sources.slugs import slug_for

# tests/test_hardening.py's "billion laughs": 9 strings, then 9 aliases of the line above, 9 times over.
ALIAS_BOMB = (
    "---\ntitle: Bom\ndate: 2025-01-01\n"
    + 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    + "---\n"
)

ARTICLE = "---\ntitle: Tin\ndate: 2025-01-01\n"  # the start of a valid article; line 4 is next
EVENT = "---\ntitle: Sự kiện\nkind: forum\n"  # line 4 is next
AGREEMENT = "---\ntitle: Văn bản\nsigned: 2025-01-01\nkind: mou\nparties: [vnu]\n"  # line 6 is next
ALLIANCE = "---\ntitle: Liên minh\nkind: alliance\n"  # line 4 is next


def _ids(count: int) -> str:
    return "[" + ", ".join(f"p{i}" for i in range(count)) + "]"


def _write(content: Path, files: dict[str, str | bytes]) -> None:
    for relative, data in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


# (name, files written into the tiny site, the one line the build must say)
REFUSED = [
    # --- class 7: dates, counts and lengths out of their stated ranges ---
    (
        "event on the last day Python knows",
        {"events/x.vi.md": EVENT + "start: 9999-12-31\n---\n"},
        "content/events/x.vi.md:4: start: '9999-12-31' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "event ending the year after the range",
        {"events/x.vi.md": EVENT + "start: 2100-12-30\nend: 2101-01-01\n---\n"},
        "content/events/x.vi.md:5: end: '2101-01-01' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "event of a bare year before the range",
        {"events/x.vi.md": EVENT + "start: 1899\n---\n"},
        "content/events/x.vi.md:4: start: '1899' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "article dated the day before the range",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 1899-12-31\n---\n"},
        "content/articles/x.vi.md:3: date: '1899-12-31' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "agreement signed in year 1",
        {"agreements/x.vi.md": "---\ntitle: Văn bản\nsigned: 0001-01-01\nkind: mou\nparties: [vnu]\n---\n"},
        "content/agreements/x.vi.md:3: signed: '0001-01-01' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "a month-only launch after the range",
        {"partners/x.vi.md": ALLIANCE + "launched: 2101-01\n---\n"},
        "content/partners/x.vi.md:4: launched: '2101-01' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "joined in 1850",
        {"partners/x.vi.md": ALLIANCE + "joined: 1850-06\n---\n"},
        "content/partners/x.vi.md:4: joined: '1850-06' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "a source dated 2200",
        {"articles/x.vi.md": ARTICLE + "source: {name: Báo Nhân Dân, date: 2200-01-01}\n---\n"},
        "content/articles/x.vi.md:4: source: '2200-01-01' is out of range (years between 1900 and 2100 allowed)",
    ),
    (
        "founded before the year 1000",
        {"partners/x.vi.md": ALLIANCE + "founded_year: 999\n---\n"},
        "content/partners/x.vi.md:4: founded_year: 999 is out of range (years between 1000 and 2100 allowed)",
    ),
    (
        "founded after the range",
        {"partners/x.vi.md": ALLIANCE + "founded_year: 2101\n---\n"},
        "content/partners/x.vi.md:4: founded_year: 2101 is out of range (years between 1000 and 2100 allowed)",
    ),
    (
        "no members",
        {"partners/x.vi.md": ALLIANCE + "member_count: 0\n---\n"},
        "content/partners/x.vi.md:4: member_count: 0 is out of range (between 1 and 100000 allowed)",
    ),
    (
        "negative members",
        {"partners/x.vi.md": ALLIANCE + "member_count: -3\n---\n"},
        "content/partners/x.vi.md:4: member_count: -3 is out of range (between 1 and 100000 allowed)",
    ),
    (
        "one member too many",
        {"partners/x.vi.md": ALLIANCE + "member_count: 100001\n---\n"},
        "content/partners/x.vi.md:4: member_count: 100001 is out of range (between 1 and 100000 allowed)",
    ),
    (
        "a thousand and one documents",
        {"agreements/x.vi.md": AGREEMENT + "count: 1001\n---\n"},
        "content/agreements/x.vi.md:6: count: 1001 is out of range (between 1 and 1000 allowed)",
    ),
    (
        "a 31-digit count",
        {"agreements/x.vi.md": AGREEMENT + "count: " + "1" + "0" * 30 + "\n---\n"},
        f"content/agreements/x.vi.md:6: count: 1{'0' * 30} is out of range (between 1 and 1000 allowed)",
    ),
    (
        "a title of 203 characters",
        {"articles/x.vi.md": "---\ntitle: " + "Tin " * 50 + "mới\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: title: is 203 characters long (between 1 and 200 allowed); shorten it",
    ),
    (
        "a title of 201 decomposed characters counts composed",
        {"articles/x.vi.md": "---\ntitle: " + unicodedata.normalize("NFD", "ế" * 201) + "\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: title: is 201 characters long (between 1 and 200 allowed); shorten it",
    ),
    (
        "a summary of 1001 characters",
        {"articles/x.vi.md": ARTICLE + "summary: " + "a" * 1001 + "\n---\n"},
        "content/articles/x.vi.md:4: summary: is 1001 characters long (between 1 and 1000 allowed); shorten it",
    ),
    (
        "a short name that is not short",
        {"partners/x.vi.md": ALLIANCE + "short_name: " + "b" * 101 + "\n---\n"},
        "content/partners/x.vi.md:4: short_name: is 101 characters long (between 1 and 100 allowed); shorten it",
    ),
    (
        "a location of 201 characters",
        {"events/x.vi.md": EVENT + "start: 2025-01-01\nlocation: " + "c" * 201 + "\n---\n"},
        "content/events/x.vi.md:5: location: is 201 characters long (between 1 and 200 allowed); shorten it",
    ),
    (
        "a source's name of 201 characters",
        {"articles/x.vi.md": ARTICLE + "source: {name: " + "d" * 201 + "}\n---\n"},
        "content/articles/x.vi.md:4: source: name is 201 characters long (between 1 and 200 allowed); shorten it",
    ),
    (
        "a website of 2001 characters",
        {"partners/x.vi.md": ALLIANCE + "website: https://x.vn/" + "e" * 1988 + "\n---\n"},
        "content/partners/x.vi.md:4: website: is 2001 characters long (between 1 and 2000 allowed); shorten it",
    ),
    (
        "101 tags",
        {"articles/x.vi.md": ARTICLE + "tags: " + _ids(101) + "\n---\n"},
        "content/articles/x.vi.md:4: tags: lists 101 items (between 0 and 100 allowed)",
    ),
    (
        "101 aliases",
        {"articles/x.vi.md": ARTICLE + "aliases: [" + ", ".join(f"/vi/cu-{i}/" for i in range(101)) + "]\n---\n"},
        "content/articles/x.vi.md:4: aliases: lists 101 items (between 0 and 100 allowed)",
    ),
    (
        "10,001 partners",
        {"articles/x.vi.md": ARTICLE + "partners: " + _ids(10_001) + "\n---\n"},
        "content/articles/x.vi.md:4: partners: lists 10001 items (between 0 and 10000 allowed)",
    ),
    (
        "10,001 members",
        {"partners/x.vi.md": ALLIANCE + "members:\n" + "".join(f"  - p{i}\n" for i in range(10_001)) + "---\n"},
        "content/partners/x.vi.md:4: members: lists 10001 items (between 0 and 10000 allowed)",
    ),
    # --- class 8: invisible characters where text is compared letter for letter ---
    (
        "a zero-width space in a slug",
        {"articles/x.vi.md": ARTICLE + 'slug: "tin\\u200bmoi"\n---\n'},
        "content/articles/x.vi.md:4: slug: 'tin\\u200bmoi' contains the invisible character U+200B (zero width space); delete it",
    ),
    (
        "a right-to-left override in a reference",
        {"articles/x.vi.md": ARTICLE + 'partners: [tsinghua, "vnu\\u202e"]\n---\n'},
        "content/articles/x.vi.md:4: partners: 'vnu\\u202e' contains the invisible character U+202E (right-to-left override); delete it",
    ),
    (
        "a byte-order mark inside a tag",
        {"articles/x.vi.md": ARTICLE + "tags: [ai\ufeff]\n---\n"},
        "content/articles/x.vi.md:4: tags: 'ai\\ufeff' contains the invisible character U+FEFF (zero width no-break space); delete it",
    ),
    (
        "an isolate in an alias",
        {"articles/x.vi.md": ARTICLE + 'aliases: ["/vi/\\u2066cu/"]\n---\n'},
        "content/articles/x.vi.md:4: aliases: '/vi/\\u2066cu/' contains the invisible character U+2066 (left-to-right isolate); delete it",
    ),
    (
        "a zero-width joiner in a website",
        {"partners/x.vi.md": ALLIANCE + "website: https://vnu\u200d.edu.vn/\n---\n"},
        "content/partners/x.vi.md:4: website: 'https://vnu\\u200d.edu.vn/' contains the invisible character U+200D (zero width joiner); "
        "delete it",
    ),
    (
        "a left-to-right mark in the event an agreement was signed at",
        {"agreements/x.vi.md": AGREEMENT + "event: conference-2025\u200e\n---\n"},
        "content/agreements/x.vi.md:6: event: 'conference-2025\\u200e' contains the invisible character U+200E (left-to-right mark); "
        "delete it",
    ),
    (
        "a zero-width space in an id (the file name)",
        {"articles/tin\u200b.vi.md": ARTICLE + "---\n"},
        "content/articles/tin\\u200b.vi.md: 'tin\\u200b' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "an id ending in a line break",  # "$" matched before a final newline: the id was taken
        {"articles/tin\n.vi.md": ARTICLE + "---\n"},
        "content/articles/tin\\n.vi.md: 'tin\\n' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "a reference ending in a line break",
        {"articles/x.vi.md": ARTICLE + 'partners: ["vnu\\n"]\n---\n'},
        "content/articles/x.vi.md:4: partners: 'vnu\\n' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    # --- class 10: aliases bounded by what they expand to; one root cause, one message ---
    (
        "alias bomb in tags.yaml: one message, no unknown tags after it",
        {"tags.yaml": ALIAS_BOMB.replace("---\ntitle: Bom\ndate: 2025-01-01\n", "").replace("---\n", "")},
        "content/tags.yaml:5: the tag list expands to too many values (YAML aliases?)",
    ),
    (
        "alias bomb in a partner every other item refers to",
        {"partners/tsinghua.vi.md": ALIAS_BOMB},
        "content/partners/tsinghua.vi.md:8: the front matter expands to too many values (YAML aliases?)",
    ),
    (
        "aliases just past the bound",
        {"articles/x.vi.md": ARTICLE + "a: &a " + _ids(999) + "\n" + "".join(f"b{i}: *a\n" for i in range(51)) + "---\n"},
        "content/articles/x.vi.md:55: the front matter expands to too many values (YAML aliases?)",
    ),
    (
        "a refused title: no follow-on about the missing page",
        {"partners/tsinghua.vi.md": "---\ntitle: " + "T" * 201 + "\nkind: university\n---\n"},
        "content/partners/tsinghua.vi.md:2: title: is 201 characters long (between 1 and 200 allowed); shorten it",
    ),
    (
        "a missing title: no follow-on about the missing page",
        {"events/conference-2025.vi.md": "---\nstart: 2025-03-01\nkind: conference\n---\n"},
        "content/events/conference-2025.vi.md:1: missing required field 'title' for this event",
    ),
    (
        "a refused kind: no follow-on about the fields of a kind",
        {"partners/mooc-alliance.vi.md": "---\ntitle: Liên minh\nkind: alliances\nmembers: [vnu]\nmember_count: 23\n---\n"},
        "content/partners/mooc-alliance.vi.md:3: kind: 'alliances' is not a partner kind; use one of: university, alliance, network, "
        "agency, association, government, organisation",
    ),
    (
        "a refused date of an article others link to",
        {"articles/tsinghua-ai.vi.md": "---\ntitle: Tin\ndate: 2205-03-02\n---\n"},
        "content/articles/tsinghua-ai.vi.md:3: date: '2205-03-02' is out of range (years between 1900 and 2100 allowed)",
    ),
]


@pytest.mark.parametrize(("name", "files", "expected"), REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_with_one_exact_message(refused, name, files, expected):
    _code, err = refused(lambda content, _tmp: _write(content, files))
    assert err.splitlines()[:-1] == [expected], err


# (name, field written, the warning, the text the page shows)
WARNED = [
    (
        "a zero-width space in a title",
        "title: Tin\u200b mới",
        "content/articles/x.vi.md:2: warning: title: the invisible character U+200B (zero width space) was removed from the page; "
        "delete it from the file",
        "Tin mới",
    ),
    (
        "an override and its end in a title",
        "title: \u202eTin mới\u202c",
        "content/articles/x.vi.md:2: warning: title: the invisible character U+202E (right-to-left override) and 1 more were removed "
        "from the page; delete it from the file",
        "Tin mới",
    ),
    (
        "a soft hyphen and a word joiner in a title",
        "title: Hợp\u00adtác\u2060 mới",
        "content/articles/x.vi.md:2: warning: title: the invisible character U+00AD (soft hyphen) and 1 more were removed from the page; "
        "delete it from the file",
        "Hợptác mới",
    ),
    (
        "a zero-width joiner between letters",
        "title: Tin\u200dmới",
        "content/articles/x.vi.md:2: warning: title: the invisible character U+200D (zero width joiner) was removed from the page; "
        "delete it from the file",
        "Tinmới",
    ),
]


@pytest.mark.parametrize(("name", "field", "warning", "shown"), WARNED, ids=[case[0] for case in WARNED])
def test_invisible_characters_are_removed_from_text_with_a_warning(run, tiny, tmp_path, name, field, warning, shown):
    _write(tiny, {"articles/x.vi.md": f"---\n{field}\ndate: 2025-01-01\n---\n"})
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 0, err
    assert [line.replace(tiny.as_posix(), "content") for line in err.splitlines() if "warning:" in line] == [warning]
    page = lxml_html.fromstring((tmp_path / "public" / "vi" / "tin-tuc" / slug_for(shown) / "index.html").read_bytes())
    assert page.xpath("string(//h1)").strip() == shown


def test_a_warned_title_fails_a_strict_build(run, tiny, tmp_path):
    _write(tiny, {"articles/x.vi.md": "---\ntitle: Tin\u2067 mới\ndate: 2025-01-01\n---\n"})
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--strict"))
    assert code == 1
    assert [line.replace(tiny.as_posix(), "content") for line in err.splitlines()[:-1]] == [
        "content/articles/x.vi.md:2: warning: title: the invisible character U+2067 (right-to-left isolate) was removed from the page; "
        "delete it from the file"
    ]
    assert not (tmp_path / "public").exists()


def test_other_text_fields_and_source_names_are_cleaned_too():
    text = (
        "---\ntitle: Tin\ndate: 2025-01-01\nsummary: Tóm\u2066 tắt\u2069\nauthor: Ph\u200bóng viên\n"
        "source: [{name: Báo\u00ad Nhân Dân}, {name: VnExpress}]\n---\n"
    )
    entry, problems = read_bytes(SourceFile("article", "x", "vi", Path("x.vi.md"), "x.vi.md"), text.encode())
    assert [str(p) for p in problems] == [
        "x.vi.md:4: warning: summary: the invisible character U+2066 (left-to-right isolate) and 1 more were removed from the page; "
        "delete it from the file",
        "x.vi.md:5: warning: author: the invisible character U+200B (zero width space) was removed from the page; delete it from the file",
        "x.vi.md:6: warning: source: the invisible character U+00AD (soft hyphen) was removed from the page; delete it from the file",
    ]
    assert entry is not None
    assert (entry.values["summary"], entry.values["author"]) == ("Tóm tắt", "Phóng viên")
    assert [s["name"] for s in entry.values["source"]] == ["Báo Nhân Dân", "VnExpress"]


def test_an_emoji_sequence_keeps_its_joiner():
    scientist = "\U0001f469\u200d\U0001f52c"  # woman + ZWJ + microscope: one picture
    rainbow_flag = "\U0001f3f3\ufe0f\u200d\U0001f308"
    text = f"---\ntitle: Nhà khoa học {scientist} {rainbow_flag}\ndate: 2025-01-01\n---\n"
    entry, problems = read_bytes(SourceFile("article", "x", "vi", Path("x.vi.md"), "x.vi.md"), text.encode())
    assert problems == []
    assert entry is not None and entry.values["title"] == f"Nhà khoa học {scientist} {rainbow_flag}"


# --- accepted: the edges of every range, and large honest files ---


def test_the_edges_of_every_range_build(run, tiny, tmp_path):
    files = {
        "events/last.vi.md": "---\ntitle: Ngày cuối\nstart: 2100-12-30\nend: 2100-12-31\nkind: forum\n---\n",
        "events/first.vi.md": "---\ntitle: Năm đầu\nstart: 1900\nkind: forum\n---\n",
        "articles/old.vi.md": "---\ntitle: "
        + "Tin " * 49
        + "cũ\ndate: 1900-01-01\nsource: {name: "
        + "B" * 200
        + ", date: 2100-12}\n---\n",
        "partners/old.vi.md": (
            "---\ntitle: Hội cổ\nkind: association\nfounded_year: 1000\nmember_count: 100000\nlaunched: 1900-01\nmembers: [vnu]\n---\n"
        ),
        "agreements/many.vi.md": "---\ntitle: Nhiều văn bản\nsigned: 2100-12-31\nkind: mou\nparties: [vnu]\ncount: 1000\n---\n",
    }
    _write(tiny, files)
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--build-date", "2100-12-31"))
    assert code == 0, err
    calendar = (tmp_path / "public" / "vi" / "calendar.ics").read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:21001230\r\nDTEND;VALUE=DATE:21010101\r\n" in calendar


def test_the_calendar_cannot_overflow_even_past_the_range():
    """The reader keeps dates inside 1900-2100; the calendar does not count on it."""
    assert _end(PartialDate(9999, 12, 30), PartialDate(9999, 12, 31)) == "DURATION:P2D"
    assert _end(PartialDate(2025, 4, 14), PartialDate(2025, 4, 15)) == "DTEND;VALUE=DATE:20250416"


def test_every_accepted_date_has_a_day_before_and_after():
    first, last = PartialDate(YEARS[0], 1, 1).as_date(), PartialDate(YEARS[1], 12, 31).as_date()
    assert (first - datetime.timedelta(days=1)).year == YEARS[0] - 1  # no OverflowError at either end
    assert (last + datetime.timedelta(days=1)).year == YEARS[1] + 1
    assert FOUNDED_YEARS[0] > datetime.MINYEAR and FOUNDED_YEARS[1] == YEARS[1] < datetime.MAXYEAR


def test_ten_thousand_tags_are_an_honest_tag_list(run, tiny, tmp_path):
    tags = (tiny / "tags.yaml").read_text(encoding="utf-8")
    tags += "".join(f"tag-{i}: {{vi: Nhãn {i}, en: Label {i}}}\n" for i in range(10_000))
    _write(tiny, {"tags.yaml": tags, "articles/x.vi.md": ARTICLE + "tags: [tag-9999, tag-0]\n---\n"})
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 0, err
    assert (tmp_path / "public" / "vi" / "chu-de" / "nhan-9999" / "index.html").is_file()


LARGE = [
    # (name, YAML, number of fields, the longest list)
    ("10,000 list items", "members: " + _ids(10_000) + "\n", 1, 10_000),
    ("100,000 block list items", "items:\n" + "".join(f"  - p{i}\n" for i in range(100_000)), 1, 100_000),
    ("aliases standing for 50,000 values, the bound", "a: &a " + _ids(999) + "\n" + "".join(f"b{i}: *a\n" for i in range(50)), 51, 999),
    ("10,000 tags each repeating one label by alias", "x: &x {vi: A, en: B}\n" + "".join(f"t{i}: *x\n" for i in range(10_000)), 10_001, 0),
]


@pytest.mark.parametrize(("name", "yaml_text", "fields", "longest"), LARGE, ids=[case[0] for case in LARGE])
def test_large_honest_front_matter_is_read(name, yaml_text, fields, longest):
    read = frontmatter.parse("---\n" + yaml_text + "---\n").fields
    assert len(read) == fields
    assert max((len(f.value) for f in read.values() if isinstance(f.value, list)), default=0) == longest


def test_a_list_of_10000_ids_is_read_without_problems():
    members = "".join(f"  - p{i}\n" for i in range(10_000))
    text = "---\ntitle: Mạng lưới\nkind: network\nmembers:\n" + members + "---\n"
    entry, problems = read_bytes(SourceFile("partner", "x", "vi", Path("x.vi.md"), "x.vi.md"), text.encode())
    assert problems == []
    assert entry is not None and len(entry.values["members"]) == 10_000


# --- class 8: decomposed text builds the same site ---


def test_decomposed_text_builds_the_same_site_byte_for_byte(run, tmp_path):
    composed, decomposed = tmp_path / "nfc" / "content", tmp_path / "nfd" / "content"
    shutil.copytree(TINY, composed)
    extra = {"articles/dac-biet.vi.md": "---\ntitle: Hội nghị Quốc tế về Việt Nam học\ndate: 2025-01-02\n---\nKhoa học, công nghệ.\n"}
    _write(composed, extra)
    shutil.copytree(composed, decomposed)
    changed = 0
    for path in sorted(decomposed.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            changed += unicodedata.normalize("NFD", text) != text
            path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert changed >= 10  # titles, bodies, tag labels, site titles
    for content in (composed, decomposed):
        code, _, err = run(*build_args(content, content.parent / "public", search=True))
        assert code == 0, err
    assert tree(composed.parent / "public") == tree(decomposed.parent / "public")


# --- the ranges are stated ---


def test_the_docs_state_every_range():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "content-format.md").read_text(encoding="utf-8")
    ranges = docs[docs.index("## Ranges") :]
    for kind, specs in FIELDS.items():
        for name, spec in specs.items():
            if spec.most is not None:
                assert f"`{name}`" in ranges, (kind, name)
                assert f"{spec.most:,}".replace(",", " ") in ranges, (kind, name, spec.most)
            if spec.type == "count":
                assert spec.most is not None, f"{kind}.{name}: a count needs its largest value"
    assert f"years {YEARS[0]} to {YEARS[1]}" in ranges and f"{FOUNDED_YEARS[0]} to {FOUNDED_YEARS[1]}" in ranges
    assert f"{frontmatter.MAX_ALIASED:,}".replace(",", " ") in ranges


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("L'Agence universitaire de la Francophonie", "l-agence-universitaire-de-la-francophonie"),
        ("L\u2019Agence universitaire", "l-agence-universitaire"),
        ("Qu'est-ce qu'un accord-cadre ?", "qu-est-ce-qu-un-accord-cadre"),
        ("Université d'Hanoï", "universite-d-hanoi"),
        ("O'Brien visits VNU", "o-brien-visits-vnu"),
        ("The President's visit", "the-presidents-visit"),  # a possessive stays in its word
        ("VNU's partners in 2024's list", "vnus-partners-in-2024s-list"),
        ("Đại học Quốc gia Hà Nội", "dai-hoc-quoc-gia-ha-noi"),
    ],
)
def test_an_elided_one_letter_word_is_a_word_of_its_own_in_the_slug(title, slug):
    assert slug_for(title) == slug
