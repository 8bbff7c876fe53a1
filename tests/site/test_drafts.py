"""Drafts and scheduling: `draft: true`, articles dated after the build date and files
waiting for translation are left out, unless --drafts (which does not publish files
waiting for translation); --build-date fixes today."""

from __future__ import annotations

from conftest import build_args

ARTICLE = "vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/index.html"


def _set(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_draft_is_left_out_unless_drafts(run, tiny, tmp_path):
    _set(tiny / "articles/mooc.vi.md", "---\n", "---\ndraft: true\n")
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    assert not (out / ARTICLE).exists()
    assert b"mooc" not in (out / "vi/tin-tuc/index.html").read_bytes()
    assert run(*build_args(tiny, out, "--drafts"))[0] == 0
    assert (out / ARTICLE).is_file()


def test_future_article_appears_on_its_date(run, tiny, tmp_path):
    path = tiny / "articles/mooc.vi.md"
    text = path.read_text(encoding="utf-8")
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    _set(path, date_line, "date: 2025-07-01")
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0  # build date 2025-06-01
    assert not (out / ARTICLE).exists()
    assert run(*build_args(tiny, out, "--build-date", "2025-07-01"))[0] == 0
    assert (out / ARTICLE).is_file()


def test_future_events_are_not_scheduled_they_are_upcoming(run, tiny, tmp_path):
    out = tmp_path / "public"
    # Not earlier: mooc (2025-01-10) links to tsinghua-ai (2025-03-02), which must be live by then.
    assert run(*build_args(tiny, out, "--build-date", "2025-03-02"))[0] == 0
    assert (out / "vi/su-kien/chuyen-tham-cap-nha-nuoc/index.html").is_file()  # starts 2025-04-14


def test_reference_to_a_draft_is_an_error(run, tiny, tmp_path):
    _set(tiny / "agreements/exchange-2025.vi.md", "---\n", "---\ndraft: true\n")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    shown = (tiny / "articles/tsinghua-ai.vi.md").as_posix()
    assert (
        f"{shown}:7: agreements: agreement 'exchange-2025' is a draft or scheduled for later; publish it first or build with --drafts"
    ) in err.splitlines()


def test_file_waiting_for_translation_is_never_published(run, tiny, tmp_path):
    _set(tiny / "articles/tsinghua-ai.en.md", "---\n", "---\nneeds_translation: true\n")
    out = tmp_path / "public"
    for extra in ([], ["--drafts"]):
        assert run(*build_args(tiny, out, *extra))[0] == 0
        assert not list((out / "en/news").glob("vnu-and-tsinghua*"))
        assert (out / "vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/index.html").is_file()


def test_every_language_waiting_is_an_error(run, tiny, tmp_path):
    for lang in ("vi", "en"):
        _set(tiny / f"articles/state-visit.{lang}.md", "---\n", "---\nneeds_translation: true\n")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    shown = (tiny / "articles/state-visit.vi.md").as_posix()
    assert f"{shown}:2: every language of this article is marked needs_translation; remove it from the original" in err
