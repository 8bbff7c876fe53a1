"""Names that become folders and files: ids, slugs, aliases. A slug made from a title is
shortened at a word (a long title never fails the build); a name written by hand that is
longer than the limit (slugs.SLUG_LENGTH = 120 characters; 160 for a whole alias) is refused
with its `path:line` by the build and by `check` alike; `vnu-site new` never writes a file
that the build would refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUILD_DATE, TEMPLATES, build_args
from vnu_site.sources.slugs import SLUG_LENGTH, shorten, slug_for

MOOC = "articles/mooc.vi.md"  # line 5 is `tags: [ai]`; what is added after it starts on line 6
LONG_TITLE = (
    "Đại học Quốc gia Hà Nội và Đại học Thanh Hoa ký kết thỏa thuận hợp tác toàn diện về đào tạo nghiên cứu khoa học "
    "chuyển giao công nghệ và trao đổi sinh viên giảng viên giai đoạn hai nghìn"
)
LONG_TITLE_SLUG = "dai-hoc-quoc-gia-ha-noi-va-dai-hoc-thanh-hoa-ky-ket-thoa-thuan-hop-tac-toan-dien-ve-dao-tao-nghien-cuu-khoa-hoc-chuyen"
ID_121 = "-".join(["muoi"] * 24) + "-x"  # 121 characters


def _after_tags(relative: str, lines: str):
    def apply(content: Path) -> None:
        path = content / relative
        path.write_text(path.read_text(encoding="utf-8").replace("tags: [ai]\n", f"tags: [ai]\n{lines}", 1), encoding="utf-8")

    return apply


def _new(relative: str, text: str):
    def apply(content: Path) -> None:
        (content / relative).write_text(text, encoding="utf-8")

    return apply


def _slug_message(length: int) -> str:
    return f"slug: is {length} characters long (between 1 and 120 allowed: it names the page's folder); shorten it"


def _id_message(lang: str) -> str:
    return f"the id (the file name before .{lang}.md) is 121 characters long (between 1 and 120 allowed); rename the file"


LONG_PART = "/vi/tin-tuc/" + "a" * 121 + "/"
LONG_ALIAS = "/vi/tin-tuc/" + "a" * 100 + "/" + "b" * 60 + "/"  # 174 characters, every part short enough

# (id, changes to the tiny site, every error the build and check must give, in order)
REFUSED = [
    ("slug-of-121", [_after_tags(MOOC, f"slug: {'a' * 121}\n")], [f"content/{MOOC}:6: {_slug_message(121)}"]),
    ("slug-of-300-in-a-draft", [_after_tags(MOOC, f"draft: true\nslug: {'ab-' * 99}c\n")], [f"content/{MOOC}:7: {_slug_message(298)}"]),
    (
        "slug-in-a-file-waiting-for-translation",
        [_new("articles/mooc.en.md", f"---\ntitle: MOOC\nneeds_translation: true\nslug: {'b' * 256}\n---\n")],
        [f"content/articles/mooc.en.md:4: {_slug_message(256)}"],
    ),
    (
        "alias-with-a-part-too-long",
        [_after_tags(MOOC, f"aliases: [{LONG_PART}]\n")],
        [
            f"content/{MOOC}:6: aliases: '{LONG_PART[:40]}…' has a part of 121 characters "
            "(between 1 and 120 allowed: each part names a folder); shorten it"
        ],
    ),
    (
        "alias-too-long",
        [_after_tags(MOOC, f"aliases: [/vi/ok/, {LONG_ALIAS}]\n")],
        [f"content/{MOOC}:6: aliases: '{LONG_ALIAS[:40]}…' is 174 characters long (between 1 and 160 allowed); shorten it"],
    ),
    (
        "id-of-121",
        [_new(f"articles/{ID_121}.vi.md", "---\ntitle: Bài\ndate: 2025-05-01\n---\n")],
        [f"content/articles/{ID_121}.vi.md: {_id_message('vi')}"],
    ),
    (
        "id-of-121-of-a-draft-pair",
        [
            _new(f"partners/{ID_121}.vi.md", "---\ntitle: Đối tác\nkind: university\ndraft: true\n---\n"),
            _new(f"partners/{ID_121}.en.md", "---\ntitle: Partner\n---\n"),
        ],
        [f"content/partners/{ID_121}.en.md: {_id_message('en')}", f"content/partners/{ID_121}.vi.md: {_id_message('vi')}"],
    ),
]


def _errors(lines: list[str]) -> list[str]:
    return [line for line in lines if ": warning: " not in line and ": note: " not in line]


@pytest.mark.parametrize(("changes", "expected"), [pytest.param(c, e, id=i) for i, c, e in REFUSED])
def test_the_build_refuses_names_too_long(refused, changes, expected):
    _code, err = refused(lambda content, _tmp: [change(content) for change in changes])
    lines = err.splitlines()
    assert _errors(lines[:-1]) == expected, err
    assert lines[-1].startswith(f"build failed: {len(expected)} error(s)"), err


@pytest.mark.parametrize(("changes", "expected"), [pytest.param(c, e, id=i) for i, c, e in REFUSED])
def test_check_refuses_the_same(run, tiny, monkeypatch, changes, expected):
    monkeypatch.chdir(tiny.parent)
    for change in changes:
        change(Path("content"))
    code, out, err = run("check", "--content", "content", "--templates", TEMPLATES, "--build-date", BUILD_DATE)
    assert code == 1, out + err
    lines = out.splitlines()
    assert _errors(lines[:-1]) == expected, out
    assert lines[-1].startswith(f"check: {len(expected)} error(s)"), out


# (id, changes, the folder of the page in /vi/tin-tuc/)
ACCEPTED = [
    ("slug-of-120", [_after_tags(MOOC, f"slug: {'a' * 120}\n")], "a" * 120),
    ("long-title-cut-at-a-word", [_new("articles/long.vi.md", f"---\ntitle: {LONG_TITLE}\ndate: 2025-05-01\n---\n")], LONG_TITLE_SLUG),
    ("one-long-word-cut-in-it", [_new("articles/long.vi.md", f"---\ntitle: {'Z' * 190}\ndate: 2025-05-01\n---\n")], "z" * 120),
    (
        "title-without-letters-and-a-long-id",  # the slug falls back on article-<id>, shortened too
        [_new(f"articles/{'-'.join(['word'] * 23)}.vi.md", "---\ntitle: 🎉\ndate: 2025-05-01\n---\n")],
        "article-" + "-".join(["word"] * 22),
    ),
]


@pytest.mark.parametrize(("changes", "folder"), [pytest.param(c, f, id=i) for i, c, f in ACCEPTED])
def test_names_within_the_limit_build(run, tiny, tmp_path, changes, folder):
    for change in changes:
        change(tiny)
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out))
    assert code == 0, err
    assert (out / "vi/tin-tuc" / folder / "index.html").is_file()
    assert len(folder) <= SLUG_LENGTH
    assert run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", BUILD_DATE)[0] == 0


def test_a_long_tag_label_gives_a_short_folder(run, tiny, tmp_path):
    label = "Hợp tác " * 18 + "cuối"  # 148 characters
    tags = tiny / "tags.yaml"
    tags.write_text(tags.read_text(encoding="utf-8") + f"long: {{vi: {label}, en: {label}}}\n", encoding="utf-8")
    _after_tags(MOOC, "")(tiny)
    path = tiny / MOOC
    path.write_text(path.read_text(encoding="utf-8").replace("tags: [ai]", "tags: [ai, long]"), encoding="utf-8")
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out))
    assert code == 0, err
    assert (out / "vi/chu-de" / ("-".join(["hop-tac"] * 15)) / "index.html").is_file()  # 119 characters: 120 ends inside a word


@pytest.mark.parametrize(
    ("slug", "limit", "expected"),
    [
        ("a-b-c", 5, "a-b-c"),
        ("abc-def", 5, "abc"),
        ("abc-def", 3, "abc"),  # the hyphen right after the limit: the whole word fits
        ("abcdef-g", 4, "abcd"),  # no whole word fits: cut inside the first
        ("ab-cdefgh", 4, "ab"),
    ],
)
def test_shorten_cuts_at_the_last_whole_word(slug, limit, expected):
    assert shorten(slug, limit) == expected


def test_slug_for_never_goes_past_the_limit():
    assert len(slug_for("x" * 10_000)) == SLUG_LENGTH
    assert slug_for(LONG_TITLE) == LONG_TITLE_SLUG
    assert slug_for("ĐHQGHN ký thỏa thuận") == "dhqghn-ky-thoa-thuan"  # short titles as before


# --- `vnu-site new` writes nothing the build would refuse ---------------------------------


def test_new_with_a_long_title_makes_a_short_id_and_slug(run, tiny, tmp_path):
    code, _out, err = run("new", "article", LONG_TITLE, "--content", tiny, "--date", "2025-05-20")
    assert code == 0, err
    key = "dai-hoc-quoc-gia-ha-noi-va-dai-hoc-thanh-hoa-ky-ket-thoa"  # ids: 60 characters at most, at a word
    original = (tiny / "articles" / f"{key}.vi.md").read_text(encoding="utf-8")
    assert f"\nslug: {LONG_TITLE_SLUG}\n" in original
    assert run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", BUILD_DATE)[0] == 0
    out = tmp_path / "public"
    assert run(*build_args(tiny, out, "--drafts"))[0] == 0
    assert (out / "vi/tin-tuc" / LONG_TITLE_SLUG / "index.html").is_file()


def test_new_with_a_long_single_word_title(run, tiny):
    code, _out, err = run("new", "partner", "Q" * 190, "--content", tiny)
    assert code == 0, err
    original = (tiny / "partners" / f"{'q' * 60}.vi.md").read_text(encoding="utf-8")
    assert f"\nslug: {'q' * 120}\n" in original
    assert run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", BUILD_DATE)[0] == 0


@pytest.mark.parametrize(("length", "refused"), [(120, False), (121, True), (250, True)])
def test_new_refuses_exactly_the_ids_the_build_refuses(run, tiny, length, refused):
    key = ("k" * length)[:length]
    before = sorted(p.name for p in (tiny / "events").iterdir())
    code, out, err = run("new", "event", "Hội thảo", "--key", key, "--content", tiny)
    if refused:
        assert (code, out) == (1, "")
        assert err == f"error: the id is {length} characters long (between 1 and 120 allowed); give a shorter one with --key\n"
        assert sorted(p.name for p in (tiny / "events").iterdir()) == before
    else:
        assert code == 0, err
        assert run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", BUILD_DATE)[0] == 0


def test_new_refuses_a_title_the_build_refuses(run, tiny):
    before = sorted(p.name for p in (tiny / "articles").iterdir())
    code, out, err = run("new", "article", "Tin " * 1000, "--content", tiny)
    assert (code, out) == (1, "")
    key = "-".join(["tin"] * 15)
    assert err.startswith(f"error: {(tiny / 'articles' / key).as_posix()}.vi.md would be refused by the build: title: "), err
    assert len(err.splitlines()) == 1
    assert sorted(p.name for p in (tiny / "articles").iterdir()) == before


def test_new_gives_a_second_item_of_one_title_its_own_url(run, tiny):
    """The build refuses two pages at one URL, drafts included: `new` numbers the slug."""
    for key in ("ban-tin-tuan", "ban-tin-tuan-sau", "ban-tin-tuan-nua"):
        code, _out, err = run("new", "article", "Bản tin tuần", "--key", key, "--content", tiny)
        assert code == 0, err
    slugs = [
        (tiny / "articles" / f"{key}.vi.md").read_text(encoding="utf-8").splitlines()[2]
        for key in ("ban-tin-tuan", "ban-tin-tuan-sau", "ban-tin-tuan-nua")
    ]
    assert slugs == ["slug: ban-tin-tuan", "slug: ban-tin-tuan-2", "slug: ban-tin-tuan-3"]
    assert run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", BUILD_DATE)[0] == 0
