"""Drafts and articles scheduled for later are checked now, as if published: their fields,
tags and references, the links and images of their bodies, and what only the calendar decides (a
scheduled article relying on a draft, or on an article that goes live after it; a URL
already taken). Each problem is said today by the build and by `check`, with the same
`path:line: message`, instead of failing the nightly build of the day the item goes live.

The tiny site is built on 2025-06-01; mooc.vi.md is:
    1 ---  2 title  3 date: 2025-01-10  4 partners: [mooc-alliance]  5 tags: [ai]  6 ---
    7 body, linking to [bài khác](article:tsinghua-ai)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUILD_DATE, TEMPLATES, build_args

MOOC = "articles/mooc.vi.md"
SCHEDULE = ("date: 2025-01-10", "date: 2025-07-01")  # mooc goes live a month after the build date
DRAFT = ("tags: [ai]", "tags: [ai]\ndraft: true")  # line 6: the lines above keep their numbers
MOOC_URL = "/vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/"
VNU_IS_A_DRAFT = "partner 'vnu' is a draft or scheduled for later; publish it first or build with --drafts"
OTHER_SLUG = "give one of them a different 'slug'"


def _edit(relative: str, *changes: tuple[str, str]):
    def apply(content: Path) -> None:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (relative, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    return apply


def _new(relative: str, text: str):
    def apply(content: Path) -> None:
        (content / relative).write_text(text, encoding="utf-8")

    return apply


def _event(key: str, extra: str = "", body: str = "") -> object:
    return _new(f"events/{key}.vi.md", f"---\ntitle: Sự kiện {key}\nstart: 2025-09-02\nkind: forum\n{extra}---\n{body}")


def _article(key: str, date: str, extra: str = "", body: str = "") -> object:
    return _new(f"articles/{key}.vi.md", f"---\ntitle: Bài {key}\ndate: {date}\n{extra}---\n{body}")


def _partner(key: str, extra: str) -> object:
    return _new(f"partners/{key}.vi.md", f"---\ntitle: Đối tác {key}\n{extra}---\n")


# (id, changes to the tiny site, every error the build and check must give, in order)
REFUSED = [
    # --- an unpublished item's own problems, as if it were published ---
    (
        "draft-unknown-partner",
        [_edit(MOOC, DRAFT, ("[mooc-alliance]", "[nope]"))],
        [f"content/{MOOC}:4: partners: unknown partner 'nope'; to add it: vnu-site new partner \"Its name\" --key nope"],
    ),
    (
        "scheduled-misspelt-partner",
        [_edit(MOOC, SCHEDULE, ("[mooc-alliance]", "[mooc-aliance]"))],
        [f"content/{MOOC}:4: partners: unknown partner 'mooc-aliance' (did you mean 'mooc-alliance'?)"],
    ),
    (
        "scheduled-unknown-tag",
        [_edit(MOOC, SCHEDULE, ("tags: [ai]", "tags: [aii]"))],
        [f"content/{MOOC}:5: unknown tag 'aii' (did you mean 'ai'?); add it to content/tags.yaml or fix the spelling"],
    ),
    (
        "scheduled-body-link-to-unknown-article",
        [_edit(MOOC, SCHEDULE, ("article:tsinghua-ai", "article:tsinghua-aj"))],
        [f"content/{MOOC}:7: unknown article 'tsinghua-aj' (did you mean 'tsinghua-ai'?)"],
    ),
    (
        "draft-body-link-naming-no-id",
        [_edit(MOOC, DRAFT, ("article:tsinghua-ai", "partner:"))],
        [f"content/{MOOC}:8: link to partner: names no id; write [text](partner:ID)"],  # line 8: below `draft`
    ),
    (
        "draft-event-ends-before-it-starts",
        [_event("planned", "end: 2025-09-01\ndraft: true\n")],
        ["content/events/planned.vi.md:5: the event ends (2025-09-01) before it starts (2025-09-02)"],
    ),
    (
        "draft-agreement-without-parties",
        [_new("agreements/planned.vi.md", "---\ntitle: Văn bản\nsigned: 2025-09-01\nkind: mou\nparties: []\ndraft: true\n---\n")],
        ["content/agreements/planned.vi.md:5: an agreement needs at least one party"],
    ),
    (
        "draft-university-with-members",
        [_partner("newcomer", "kind: university\nmembers: [tsinghua]\ndraft: true\n")],
        ["content/partners/newcomer.vi.md:4: 'members' is only for partners of kind alliance, network, association"],
    ),
    (
        "draft-refers-to-itself",
        [_partner("newcomer", "kind: alliance\ninitiator: [newcomer]\ndraft: true\n")],
        ["content/partners/newcomer.vi.md:4: initiator: a partner cannot refer to itself"],
    ),
    (
        "waiting-translation-of-a-draft-links-to-nothing",
        [
            _edit(MOOC, DRAFT),
            _new("articles/mooc.en.md", "---\ntitle: MOOC\nneeds_translation: true\n---\nSee [the event](event:no-such-event).\n"),
        ],
        ["content/articles/mooc.en.md:5: unknown event 'no-such-event'; to add it: vnu-site new event \"Its name\" --key no-such-event"],
    ),
    (
        "translation-dated-later-than-its-original",  # the date is one fact: a translation cannot be scheduled apart
        [_edit("articles/tsinghua-ai.en.md", ("summary:", "date: 2025-07-01\nsummary:"))],
        [
            "content/articles/tsinghua-ai.en.md:3: 'date' is '2025-07-01' here but '2025-03-02' in "
            "content/articles/tsinghua-ai.vi.md:3; a fact must be the same in both languages"
        ],
    ),
    (
        "scheduled-cover-missing",
        [_edit(MOOC, SCHEDULE, ("tags: [ai]", "tags: [ai]\ncover: anh.jpg"))],
        [f"content/{MOOC}:6: image not found: content/articles/mooc/anh.jpg (put the image in the folder content/articles/mooc/)"],
    ),
    (
        "draft-body-image-missing",
        [_edit(MOOC, DRAFT, ("Bài viết chỉ có", "![Ảnh](hinh.png) Bài viết chỉ có"))],
        [f"content/{MOOC}:8: image not found: content/articles/mooc/hinh.png (put the image in the folder content/articles/mooc/)"],
    ),
    # --- what only the calendar decides ---
    (
        "scheduled-refers-to-a-draft",
        [_edit(MOOC, SCHEDULE, ("[mooc-alliance]", "[newcomer]")), _partner("newcomer", "kind: university\ndraft: true\n")],
        [
            f"content/{MOOC}:4: partners: partner 'newcomer' is a draft, and this article goes live on 2025-07-01 (its date): "
            "remove its `draft: true` before then, or remove the reference"
        ],
    ),
    (
        "scheduled-links-to-a-draft",
        [_edit(MOOC, SCHEDULE, ("article:tsinghua-ai", "event:planned")), _event("planned", "draft: true\n")],
        [
            f"content/{MOOC}:7: links to event 'planned', which is a draft, and this article goes live on 2025-07-01 (its date): "
            "remove its `draft: true` before then, or remove the link"
        ],
    ),
    (
        "scheduled-links-to-an-article-going-live-later",
        [_edit(MOOC, SCHEDULE, ("article:tsinghua-ai", "article:later")), _article("later", "2025-08-01")],
        [
            f"content/{MOOC}:7: links to article 'later', which goes live on 2025-08-01, after this article (2025-07-01): "
            "date this article 2025-08-01 or later"
        ],
    ),
    (
        "month-only-date-goes-live-on-the-first",
        [_edit(MOOC, ("date: 2025-01-10", "date: 2025-07"), ("article:tsinghua-ai", "article:later")), _article("later", "2025-07-15")],
        [
            f"content/{MOOC}:7: links to article 'later', which goes live on 2025-07-15, after this article (2025-07-01): "
            "date this article 2025-07-15 or later"
        ],
    ),
    (
        "published-links-to-a-scheduled-article",
        [
            _edit("articles/tsinghua-ai.en.md", ("(event:conference-2025).", "(event:conference-2025), [later](article:later).")),
            _article("later", "2025-08-01"),
        ],
        [
            "content/articles/tsinghua-ai.en.md:8: article 'later' is scheduled for 2025-08-01; "
            "link to it from that day on, or build with --drafts"
        ],
    ),
    (
        "publisher-is-a-draft",
        [_edit("partners/vnu.vi.md", ("---\n", "---\ndraft: true\n"))],
        [
            f"content/agreements/exchange-2025.vi.md:5: parties: {VNU_IS_A_DRAFT}",
            f"content/articles/tsinghua-ai.vi.md:5: partners: {VNU_IS_A_DRAFT}",
            f"content/events/conference-2025.vi.md:6: partners: {VNU_IS_A_DRAFT}",
            f"content/partners/mooc-alliance.vi.md:7: members: {VNU_IS_A_DRAFT}",
            "content/site.yaml: publisher 'vnu' is a draft; remove `draft: true` from its files",
        ],
    ),
    # --- a URL that is taken already ---
    (
        "draft-takes-a-published-url",
        [_article("copy", "2025-05-01", "slug: dai-hoc-da-nang-tham-gia-lien-minh-mooc\ndraft: true\n")],
        [f"content/articles/copy.vi.md:4: once published, produces the same URL {MOOC_URL} as content/{MOOC}:2; {OTHER_SLUG}"],
    ),
    (
        "two-scheduled-articles-with-one-title",
        [_article("first", "2025-07-01"), _new("articles/second.vi.md", "---\ndate: 2025-07-02\ntitle: Bài first\n---\n")],
        [
            "content/articles/second.vi.md:3: once published, produces the same URL /vi/tin-tuc/bai-first/ "
            f"as content/articles/first.vi.md:2; {OTHER_SLUG}"
        ],
    ),
    (
        "scheduled-alias-over-a-published-page",
        [_article("moved", "2025-07-01", f"aliases: [{MOOC_URL}]\n")],
        [f"content/articles/moved.vi.md:4: once published, produces the same URL {MOOC_URL} as content/{MOOC}:2; remove the alias"],
    ),
]

# (id, changes): unpublished items that are fine build, and stay unpublished (mooc is a draft or scheduled in each)
ACCEPTED = [
    (
        "draft-refers-to-a-draft",
        [_edit(MOOC, DRAFT, ("[mooc-alliance]", "[newcomer]")), _partner("newcomer", "kind: university\ndraft: true\n")],
    ),
    ("draft-links-to-a-scheduled-article", [_edit(MOOC, DRAFT, ("article:tsinghua-ai", "article:later")), _article("later", "2025-08-01")]),
    (
        "scheduled-links-to-an-earlier-one",
        [
            _edit(MOOC, ("date: 2025-01-10", "date: 2025-08-01"), ("article:tsinghua-ai", "article:sooner")),
            _article("sooner", "2025-07-01"),
        ],
    ),
    (
        "scheduled-links-to-one-of-the-same-day",
        [_edit(MOOC, SCHEDULE, ("article:tsinghua-ai", "article:twin")), _article("twin", "2025-07-01")],
    ),
    (
        "scheduled-refers-to-a-draft-now-published",
        [_edit(MOOC, SCHEDULE, ("[mooc-alliance]", "[newcomer]")), _partner("newcomer", "kind: university\n")],
    ),
]


def _errors(lines: list[str]) -> list[str]:
    return [line for line in lines if ": warning: " not in line and ": note: " not in line]


@pytest.mark.parametrize(("changes", "expected"), [pytest.param(c, e, id=i) for i, c, e in REFUSED])
def test_the_build_refuses_today_what_would_fail_on_the_day(refused, changes, expected):
    _code, err = refused(lambda content, _tmp: [change(content) for change in changes])
    lines = err.splitlines()
    assert _errors(lines[:-1]) == expected, err
    assert lines[-1].startswith(f"build failed: {len(expected)} error(s)"), err


@pytest.mark.parametrize(("changes", "expected"), [pytest.param(c, e, id=i) for i, c, e in REFUSED])
def test_check_says_the_same(run, tiny, monkeypatch, changes, expected):
    monkeypatch.chdir(tiny.parent)
    content = Path("content")
    for change in changes:
        change(content)
    code, out, err = run("check", "--content", content, "--templates", TEMPLATES, "--build-date", BUILD_DATE)
    assert code == 1, out + err
    lines = out.splitlines()
    assert _errors(lines[:-1]) == expected, out
    assert lines[-1].startswith(f"check: {len(expected)} error(s)"), out


@pytest.mark.parametrize("changes", [pytest.param(c, id=i) for i, c in ACCEPTED])
def test_unpublished_items_without_problems_build_and_stay_unpublished(run, tiny, tmp_path, changes):
    for change in changes:
        change(tiny)
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out))
    assert code == 0, err
    assert "warning" not in err
    code, report, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", BUILD_DATE)
    assert code == 0, report
    pages = {path.parent.name for path in (out / "vi/tin-tuc").glob("*/index.html")}
    assert not pages & {"dai-hoc-da-nang-tham-gia-lien-minh-mooc", "bai-later", "bai-sooner", "bai-twin"}  # mooc: a draft or scheduled


def test_with_drafts_everything_is_published_so_a_draft_may_be_relied_on(run, tiny, tmp_path):
    """--drafts previews the site with every draft and scheduled article live: nothing is pending."""
    for change in [_edit(MOOC, SCHEDULE, ("[mooc-alliance]", "[newcomer]")), _partner("newcomer", "kind: university\ndraft: true\n")]:
        change(tiny)
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out, "--drafts"))
    assert code == 0, err
    assert (out / "vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/index.html").is_file()
    assert (out / "vi/doi-tac/doi-tac-newcomer/index.html").is_file()
    code, _, err = run(*build_args(tiny, out))
    assert code == 1
    assert "partner 'newcomer' is a draft, and this article goes live on 2025-07-01" in err


def test_the_day_it_goes_live_the_build_passes_once_the_problem_said_is_fixed(run, tiny, tmp_path):
    """What was reported on 2025-06-01 is all that stood between the article and its day."""
    _edit(MOOC, SCHEDULE, ("[mooc-alliance]", "[newcomer]"))(tiny)
    _partner("newcomer", "kind: university\ndraft: true\n")(tiny)
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 1
    _edit("partners/newcomer.vi.md", ("draft: true\n", ""))(tiny)
    assert run(*build_args(tiny, out))[0] == 0
    assert not (out / "vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/index.html").exists()
    assert run(*build_args(tiny, out, "--build-date", "2025-07-01"))[0] == 0
    assert (out / "vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/index.html").is_file()


def test_an_edit_on_the_quick_path_cannot_take_the_url_of_a_draft(run, tiny, tmp_path):
    """Only published texts are edited on the quick path; when an edit gives one the URL a
    draft will take, the build goes the full way and says what a clean build says."""
    _article("copy", "2025-05-01", "slug: tin-moi\ndraft: true\n")(tiny)
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    _edit(MOOC, ("title: Đại học Đà Nẵng tham gia liên minh MOOC", "title: Tin mới"))(tiny)  # its URL becomes /vi/tin-tuc/tin-moi/
    expected = (
        f"{(tiny / 'articles/copy.vi.md').as_posix()}:4: once published, produces the same URL /vi/tin-tuc/tin-moi/ "
        f"as {(tiny / MOOC).as_posix()}:2; {OTHER_SLUG}"
    )
    for extra in ([], ["--clean"]):
        code, _, err = run(*build_args(tiny, out, *extra))
        assert code == 1
        assert err.splitlines()[:-1] == [expected]
