"""`vnu-site check`: the build's validation without output, plus the editors' checks;
exact messages, exit codes 0/1/2, text/json/github formats, --fix-hash, --published."""

from __future__ import annotations

import json

import pytest

from conftest import TEMPLATES, build_args, tree
from vnu_site.sources import provenance

DATE = ("--build-date", "2025-06-01")


def _check(run, content, *extra):
    return run("check", "--content", content, "--templates", TEMPLATES, *DATE, *extra)


def _translate_from(path, lang, version):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\n" + provenance.provenance_line(lang, version) + "\n", 1), encoding="utf-8")


def test_tiny_site_is_clean_apart_from_one_untranslated_article(run, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = _check(run, tiny)
    assert code == 0, err
    assert out == (
        f"{(tiny / 'articles/mooc.vi.md').as_posix()}:1: note: no 'en' version: the 'en' site leaves this article out (add mooc.en.md)\n"
        "check: 0 error(s), 0 warning(s), 1 note(s)\n"
    )
    assert list(tmp_path.iterdir()) == [tiny], "check must not write anything"


def test_content_errors_fail_with_path_and_line(run, tiny):
    path = tiny / "articles/tsinghua-ai.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-03-02", "date: 2025-13-02"), encoding="utf-8")
    code, out, _ = _check(run, tiny)
    assert code == 1
    assert out == (
        f"{(tiny / 'articles/mooc.vi.md').as_posix()}:1: note: no 'en' version: the 'en' site leaves this article out (add mooc.en.md)\n"
        f"{path.as_posix()}:3: date: '2025-13-02' is not a date: there is no month 13\n"
        "check: 1 error(s), 0 warning(s), 1 note(s)\n"
    )


def test_an_error_in_one_file_of_an_item_brings_no_follow_on_findings(run, tiny):
    """The vi file is broken: nothing that only follows from it is said about the en file,
    the references to the item, or the item's languages; other items' notes still show."""
    vi = tiny / "partners/mooc-alliance.vi.md"
    vi.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    en = tiny / "partners/mooc-alliance.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("---\n", "---\nneeds_translation: true\n", 1), encoding="utf-8")
    code, out, _ = _check(run, tiny)
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "check: 1 error(s), 0 warning(s), 1 note(s)"
    assert lines[0].startswith(f"{(tiny / 'articles/mooc.vi.md').as_posix()}:1: note: no 'en' version")
    assert lines[1].startswith(f"{vi.as_posix()}:3: invalid YAML in the front matter")
    assert len(lines) == 3, out


def test_json_format_for_ci(run, tiny):
    code, out, _ = _check(run, tiny, "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "errors": 0,
        "warnings": 0,
        "notes": 1,
        "problems": [
            {
                "path": (tiny / "articles/mooc.vi.md").as_posix(),
                "line": 1,
                "severity": "note",
                "code": "untranslated",
                "message": "no 'en' version: the 'en' site leaves this article out (add mooc.en.md)",
            }
        ],
    }


def test_github_format_annotates_lines(run, tiny):
    path = tiny / "articles/state-visit.vi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[xem](/vi/khong-co/)\n", encoding="utf-8")
    code, out, _ = _check(run, tiny, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    line = path.read_text(encoding="utf-8").splitlines().index("[xem](/vi/khong-co/)") + 1
    shown = path.as_posix().replace(":", "%3A").replace(",", "%2C")
    error = f"::error file={shown},line={line},title=vnu-site broken-link::link to /vi/khong-co/ goes to no page of the site"
    assert [entry for entry in lines if entry.startswith(error)], out
    assert [entry for entry in lines if entry.startswith("::notice file=") and "title=vnu-site untranslated::" in entry]
    assert lines[-1] == "check: 1 error(s), 0 warning(s), 1 note(s)"


def test_links_outside_the_base_path(run, tiny):
    site = tiny / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("base_url: https://example.org/", "base_url: https://example.org/bulletin/"))
    path = tiny / "articles/state-visit.vi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[tin](/vi/tin-tuc/)\n[đúng](/bulletin/vi/tin-tuc/) [tương đối](../)\n")
    code, out, _ = _check(run, tiny)
    assert code == 1
    line = len(path.read_text(encoding="utf-8").splitlines()) - 1
    assert (
        f"{path.as_posix()}:{line}: link to /vi/tin-tuc/ is outside the site's base path /bulletin/; link to items as [text](article:ID)"
    ) in out.splitlines()
    assert "1 error(s)" in out


def test_stale_translation_then_fix_hash(run, tiny):
    vi, en = tiny / "articles/tsinghua-ai.vi.md", tiny / "articles/tsinghua-ai.en.md"
    _translate_from(en, "vi", "00000000")
    code, out, _ = _check(run, tiny)
    assert code == 0  # a warning
    first = next(line for line in out.splitlines() if line.startswith(en.as_posix()))
    assert first.startswith(f"{en.as_posix()}:2: warning: stale translation: {vi.as_posix()} changed after this translation was made")
    assert first.endswith(f"then run `vnu-site check --fix-hash {en.as_posix()}`")
    assert _check(run, tiny, "--strict")[0] == 1

    before = en.read_text(encoding="utf-8")
    code, out, err = _check(run, tiny, "--fix-hash")
    assert code == 0
    assert err == f"recorded the original's current version in {en.as_posix()}\n"
    assert "stale translation" not in out
    after = en.read_text(encoding="utf-8")
    assert after.splitlines()[2:] == before.splitlines()[2:], "only the translated_from line changes"
    assert after.splitlines()[1].startswith('translated_from: {lang: vi, version: "')

    vi.write_text(vi.read_text(encoding="utf-8").replace("ký thỏa thuận", "ký kết thỏa thuận"), encoding="utf-8")
    assert "warning: stale translation" in _check(run, tiny)[1]


def test_a_changed_fact_does_not_stale_a_translation(run, tiny):
    vi, en = tiny / "articles/tsinghua-ai.vi.md", tiny / "articles/tsinghua-ai.en.md"
    _translate_from(en, "vi", "00000000")
    assert _check(run, tiny, "--fix-hash")[0] == 0
    vi.write_text(vi.read_text(encoding="utf-8").replace("date: 2025-03-02", "date: 2025-03-03"), encoding="utf-8")
    assert "stale translation" not in _check(run, tiny)[1]


def test_fix_hash_on_a_named_file_records_its_original(run, tiny):
    en = tiny / "partners/tsinghua.en.md"
    code, _, err = _check(run, tiny, "--fix-hash", en)
    assert code == 0, err
    assert [line for line in en.read_text(encoding="utf-8").splitlines() if line.startswith('translated_from: {lang: vi, version: "')]
    code, _, err = _check(run, tiny, "--fix-hash", tiny / "articles/mooc.vi.md")
    assert code == 1
    mooc = (tiny / "articles/mooc.vi.md").as_posix()
    assert err == f"error: {mooc}: no original to record: this article has no other published language\n"


def test_unknown_original(run, tiny):
    en = tiny / "articles/state-visit.en.md"
    vi = tiny / "articles/state-visit.vi.md"
    _translate_from(en, "vi", "00000000")
    vi.write_text(vi.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    en.unlink()
    assert "unknown-original" not in _check(run, tiny, "--format", "json")[1]
    _translate_from(tiny / "articles/tsinghua-ai.en.md", "en", "00000000")
    data = json.loads(_check(run, tiny, "--format", "json")[1])
    assert [p["code"] for p in data["problems"] if p["severity"] == "warning"] == ["unknown-original"]


def test_partners_nothing_refers_to(run, tiny):
    for lang, title in (("vi", "Đại học Mới"), ("en", "New University")):
        (tiny / f"partners/new-university.{lang}.md").write_text(f"---\ntitle: {title}\nkind: university\n---\n", encoding="utf-8")
    code, out, _ = _check(run, tiny)
    assert code == 0
    assert (
        f"{(tiny / 'partners/new-university.vi.md').as_posix()}:1: warning: partner 'new-university' is not referred to by any article, "
        "event, agreement or other partner"
    ) in out.splitlines()


def test_references_to_untranslated_items_are_reported(run, tiny):
    path = tiny / "articles/state-visit.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[MOOC](article:mooc)\n")
    data = json.loads(_check(run, tiny, "--format", "json")[1])
    assert {"code": "content", "severity": "warning"} in [{"code": p["code"], "severity": p["severity"]} for p in data["problems"]]


def test_moved_url_without_alias(run, tiny, tmp_path):
    published = tmp_path / "public"
    assert run(*build_args(tiny, published))[0] == 0
    path = tiny / "partners/tsinghua.vi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Đại học Thanh Hoa", "title: Đại học Thanh Hoa Bắc Kinh"), encoding="utf-8")
    code, out, _ = _check(run, tiny, "--published", published)
    assert code == 0
    assert (
        f"{path.as_posix()}:2: warning: the URL changed from /vi/doi-tac/dai-hoc-thanh-hoa/ to /vi/doi-tac/dai-hoc-thanh-hoa-bac-kinh/ "
        "since it was published; add `aliases: [/vi/doi-tac/dai-hoc-thanh-hoa/]` so old links keep working, or set the slug back"
    ) in out.splitlines()
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\naliases: [/vi/doi-tac/dai-hoc-thanh-hoa/]\n", 1))
    assert "moved-url" not in _check(run, tiny, "--published", published, "--format", "json")[1]
    assert "URL changed" not in _check(run, tiny, "--published", published)[1]


def test_published_site_unavailable_is_a_note(run, tiny, tmp_path):
    code, out, _ = _check(run, tiny, "--published", tmp_path / "never-built")
    assert code == 0
    assert f"{(tmp_path / 'never-built').as_posix()}: note: cannot compare with the published site: " in out


@pytest.mark.parametrize("args", [["--format", "xml"], ["--build-date", "01/06/2025"], ["--nonsense"]])
def test_usage_errors_exit_2(run, tiny, args):
    with pytest.raises(SystemExit) as exit_info:
        run("check", "--content", tiny, *args)
    assert exit_info.value.code == 2


def test_missing_content_folder_exits_2(run, tmp_path):
    assert run("check", "--content", tmp_path / "nowhere")[0] == 2


@pytest.mark.parametrize("command", ["new", "check", "serve"])
def test_help(capsys, command):
    from vnu_site.__main__ import main

    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: vnu-site {command}")
    assert "--content CONTENT" in text


def test_drafts_are_checked_with_drafts(run, tiny):
    path = tiny / "articles/mooc.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    assert "mooc.vi.md" not in _check(run, tiny)[1]
    assert "mooc.vi.md:1: note" in _check(run, tiny, "--drafts")[1]


def test_check_leaves_the_tree_as_it_was(run, tiny):
    before = tree(tiny)
    _check(run, tiny)
    assert tree(tiny) == before
