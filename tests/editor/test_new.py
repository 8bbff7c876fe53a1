"""`vnu-site new`: the vi/en pair of a new item, then check, then build, on a scratch content folder."""

from __future__ import annotations

import pytest
from lxml import html

from conftest import TEMPLATES, build_args
from vnu_site.sources import frontmatter, provenance

TITLE = "ĐHQGHN ký thỏa thuận với ĐH Thanh Hoa: giai đoạn 2"
KEY = "dhqghn-ky-thoa-thuan-voi-dh-thanh-hoa-giai-doan-2"


def _fields(path):
    return {name: field.value for name, field in frontmatter.parse(path.read_text(encoding="utf-8")).fields.items()}


def test_new_article_creates_the_pair(run, tiny):
    code, out, err = run("new", "article", TITLE, "--content", tiny, "--date", "2025-05-20")
    assert code == 0, err
    vi, en = tiny / "articles" / f"{KEY}.vi.md", tiny / "articles" / f"{KEY}.en.md"
    assert out.splitlines() == [
        f"created {vi.as_posix()}",
        f"created {en.as_posix()} (needs_translation: true)",
        f"next: write the text in {vi.as_posix()}, remove its `draft: true` line to publish it, then run "
        f"`vnu-site check --content {tiny.as_posix()}`",
    ]
    original = _fields(vi)
    assert original == {
        "title": TITLE,
        "slug": KEY,
        "draft": True,  # nothing goes live before its text is written
        "date": "2025-05-20",
        "partners": [],
        "events": [],
        "agreements": [],
        "tags": [],
        "summary": None,
        "author": None,
    }
    waiting = _fields(en)
    parsed = frontmatter.parse(vi.read_text(encoding="utf-8"))
    assert waiting["needs_translation"] is True
    assert waiting["translated_from"] == {"lang": "vi", "version": provenance.version("article", parsed.fields, parsed.body)}
    assert waiting["title"] == TITLE


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("partner", {"kind": "university", "short_name": None}),
        ("event", {"kind": "conference", "start": "2025-05-20", "partners": [], "location": None}),
        ("agreement", {"kind": "mou", "signed": "2025-05-20", "parties": ["vnu"]}),
    ],
)
def test_new_other_kinds_fill_their_required_fields(run, tiny, kind, expected):
    code, _, err = run("new", kind, "Hợp tác mới", "--content", tiny, "--date", "2025-05-20")
    assert code == 0, err
    folder = {"partner": "partners", "event": "events", "agreement": "agreements"}[kind]
    fields = _fields(tiny / folder / "hop-tac-moi.vi.md")
    assert {name: fields[name] for name in expected} == expected
    assert fields["slug"] == "hop-tac-moi"


def test_new_in_english_makes_english_the_original(run, tiny):
    code, _, err = run("new", "event", "Hanoi Forum", "--lang", "en", "--content", tiny, "--key", "hanoi-forum-2025")
    assert code == 0, err
    assert "needs_translation" not in _fields(tiny / "events" / "hanoi-forum-2025.en.md")
    assert _fields(tiny / "events" / "hanoi-forum-2025.vi.md")["translated_from"]["lang"] == "en"


def test_new_refuses_to_overwrite(run, tiny):
    before = (tiny / "articles" / "tsinghua-ai.vi.md").read_bytes()
    code, out, err = run("new", "article", "Anything", "--key", "tsinghua-ai", "--content", tiny)
    assert code == 1
    taken = (tiny / "articles" / "tsinghua-ai.en.md").as_posix()
    assert err == f"error: {taken} already exists; choose another title or give an id with --key\n"
    assert out == ""
    assert (tiny / "articles" / "tsinghua-ai.vi.md").read_bytes() == before


def test_new_refuses_a_title_that_makes_no_id(run, tiny):
    code, _, err = run("new", "article", "!!!", "--content", tiny)
    assert code == 1
    assert err == "error: '' cannot be an id; give one with --key (lowercase letters a-z, digits and single hyphens)\n"


@pytest.mark.parametrize("args", [["new", "story", "X"], ["new", "article"], ["new", "article", "X", "--date", "20/05/2025"]])
def test_new_usage_errors_exit_2(run, tiny, args):
    with pytest.raises(SystemExit) as exit_info:
        run(*args, "--content", tiny)
    assert exit_info.value.code == 2


def test_new_without_content_folder_is_a_usage_error(run, tmp_path):
    code, _, err = run("new", "article", "X", "--content", tmp_path / "nowhere")
    assert code == 2
    assert err == f"error: content folder {tmp_path / 'nowhere'} not found (give it with --content)\n"


def test_new_then_check_then_build(run, tiny, tmp_path):
    assert run("new", "article", TITLE, "--content", tiny, "--date", "2025-05-20")[0] == 0
    vi, en = tiny / "articles" / f"{KEY}.vi.md", tiny / "articles" / f"{KEY}.en.md"
    out_dir = tmp_path / "public"
    # Pushed as it is, the new item stays off the site: it is a draft until its text is written.
    assert run(*build_args(tiny, out_dir))[0] == 0
    page = out_dir / "vi" / "tin-tuc" / KEY / "index.html"
    assert not page.exists()

    text = vi.read_text(encoding="utf-8").replace("draft: true  # remove this line when the text is written\n", "")
    vi.write_text(text + "Hai đại học bước vào giai đoạn hợp tác mới.\n", encoding="utf-8")
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert code == 0
    assert f"{en.as_posix()}:3: note: waiting for translation (needs_translation: true)" in out

    assert run(*build_args(tiny, out_dir))[0] == 0
    assert html.fromstring(page.read_bytes()).findtext(".//h1") == TITLE
    assert not list((out_dir / "en" / "news").glob("*giai-doan-2*")), "a file waiting for translation must not be published"

    # The translator translates, removes needs_translation and records the version translated.
    text = en.read_text(encoding="utf-8").replace(f'"{TITLE}"', "VNU and Tsinghua sign phase two")
    en.write_text(text.replace("needs_translation: true  # remove this line when the translation is done\n", ""), encoding="utf-8")
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert f"{en.as_posix()}:3: warning: stale translation:" in out  # the body was written after `new`
    code, out, err = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01", "--fix-hash", en)
    assert code == 0
    assert err == f"recorded the original's current version in {en.as_posix()}\n"
    assert "stale translation" not in out
    assert run(*build_args(tiny, out_dir))[0] == 0
    assert (out_dir / "en" / "news" / "vnu-and-tsinghua-sign-phase-two" / "index.html").is_file()


@pytest.mark.parametrize(
    ("folder", "shown"),
    [
        ("content", "vnu-site check"),
        ("site/content", "vnu-site check --content site/content"),
        ("my site/content", 'vnu-site check --content "my site/content"'),
    ],
)
def test_new_names_the_check_command_for_the_folder_it_was_given(run, tiny, tmp_path, monkeypatch, folder, shown):
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.move(tiny, tmp_path / "fixture")
    shutil.copytree(tmp_path / "fixture", tmp_path / folder)
    code, out, err = run("new", "partner", "Đại học Mới", "--content", folder)
    assert code == 0, err
    assert out.splitlines()[-1].endswith(f"then run `{shown}`")


def test_a_published_article_without_text_is_a_check_warning(run, tiny):
    assert run("new", "article", TITLE, "--content", tiny, "--date", "2025-05-20")[0] == 0
    vi = tiny / "articles" / f"{KEY}.vi.md"
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert "empty" not in out  # a draft may be empty
    published = vi.read_text(encoding="utf-8").replace("draft: true  # remove this line when the text is written\n", "")
    vi.write_text(published, encoding="utf-8")
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01", "--strict")
    assert code == 1
    assert (
        f"{vi.as_posix()}:11: warning: the article has no text below its front matter (it ends here) and would go live blank; "
        "write it, or set `draft: true`\n"
    ) in out


def test_new_page_scaffolds_a_page_at_the_top_that_a_parent_moves(run, tiny, tmp_path):
    code, out, err = run("new", "page", "Học bổng", "--content", tiny, "--key", "scholarships")
    assert code == 0, err
    vi, en = tiny / "pages" / "scholarships.vi.md", tiny / "pages" / "scholarships.en.md"
    assert out.splitlines()[:2] == [f"created {vi.as_posix()}", f"created {en.as_posix()} (needs_translation: true)"]
    assert _fields(vi) == {"title": "Học bổng", "slug": "hoc-bong", "draft": True, "parent": None, "order": None, "summary": None}
    assert _fields(en)["needs_translation"] is True
    text = vi.read_text(encoding="utf-8").replace("draft: true  # remove this line when the text is written\n", "")
    vi.write_text(text.replace("parent:  #", "parent: about  #") + "Các học bổng.\n", encoding="utf-8")
    out_dir = tmp_path / "public"
    assert run(*build_args(tiny, out_dir))[0] == 0
    page = html.fromstring((out_dir / "vi/gioi-thieu/hoc-bong/index.html").read_bytes())
    assert page.findtext(".//h1") == "Học bổng"


def test_new_page_does_not_take_a_sections_address(run, tiny):
    assert run("new", "page", "Tin tức", "--content", tiny, "--key", "our-news")[0] == 0
    assert _fields(tiny / "pages" / "our-news.vi.md")["slug"] == "tin-tuc-2"  # /vi/tin-tuc/ is the news section's
