"""Bad content: every problem is reported as path:line: message, exit 1, old output untouched."""

from __future__ import annotations

import pytest

from conftest import build_args, tree
from vnu_site.errors import did_you_mean

ARTICLE = "articles/tsinghua-ai.vi.md"


def _write(content, relative, text):
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)


CASES = [
    (
        "keys of mixed types in a mapping",  # json could not sort them while hashing the version: a crash
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\nsource: {1: x, ~: z}\n---\nBody\n"},
        "content/articles/x.vi.md:4: source: has unknown part '1' (allowed: name, date, url)",
    ),
    (
        "unclosed quote",
        {"articles/x.vi.md": '---\ntitle: "Tin mới\ndate: 2025-01-01\n---\nBody\n'},
        "content/articles/x.vi.md:2: invalid YAML in the front matter: found unexpected end of stream",
    ),
    (
        "tab indentation",
        {"articles/x.vi.md": "---\ntitle: Tin\npartners:\n\t- vnu\n---\n"},
        "content/articles/x.vi.md:4: tab used for indentation in the front matter; use spaces",
    ),
    (
        "front matter never closed",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\n"},
        "content/articles/x.vi.md:1: the front matter opened here is never closed with a '---' line",
    ),
    (
        "no front matter",
        {"articles/x.vi.md": "Just text\n"},
        "content/articles/x.vi.md:1: the file must start with a '---' line opening the front matter",
    ),
    (
        "missing title",
        {"articles/x.vi.md": "---\ndate: 2025-01-01\n---\nBody\n"},
        "content/articles/x.vi.md:1: missing required field 'title' for this article",
    ),
    (
        "missing neutral required field",
        {"articles/x.vi.md": "---\ntitle: Tin\n---\nBody\n"},
        "content/articles/x.vi.md:1: missing required field 'date' for this article (write it in either language's file)",
    ),
    (
        "unknown field with suggestion",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\npartner: [vnu]\n---\n"},
        "content/articles/x.vi.md:4: unknown field 'partner' for articles (did you mean 'partners'?)",
    ),
    (
        "impossible date",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-13-45\n---\n"},
        "content/articles/x.vi.md:3: date: '2025-13-45' is not a date: there is no month 13",
    ),
    (
        "day-first date",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 14/04/2025\n---\n"},
        "content/articles/x.vi.md:3: date: '14/04/2025' is not a date; write YYYY-MM-DD, or YYYY-MM when only the month is known",
    ),
    (
        "bare year",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025\n---\n"},
        "content/articles/x.vi.md:3: date: '2025' is a bare year; write YYYY-MM-DD, or YYYY-MM when only the month is known",
    ),
    (
        "wrong type",
        {"agreements/x.vi.md": "---\ntitle: Văn bản\nsigned: 2025-01-01\nkind: mou\nparties: [vnu]\ncount: many\n---\n"},
        "content/agreements/x.vi.md:6: count: should be a whole number of at least 1, not 'many'",
    ),
    (
        "unknown partner with suggestion",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\npartners: [tsinghau]\n---\n"},
        "content/articles/x.vi.md:4: partners: unknown partner 'tsinghau' (did you mean 'tsinghua'?)",
    ),
    (
        "unknown inline link",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\n---\nDòng một.\n\nXem [đối tác](partner:tsinghu).\n"},
        "content/articles/x.vi.md:7: unknown partner 'tsinghu' (did you mean 'tsinghua'?)",
    ),
    (
        "unknown tag",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\ntags: [aii]\n---\n"},
        "content/articles/x.vi.md:4: unknown tag 'aii' (did you mean 'ai'?); add it to content/tags.yaml or fix the spelling",
    ),
    (
        "fact differs between languages",
        {"events/state-visit.en.md": "---\ntitle: State visit\nstart: 2025-04-15\n---\n"},
        "content/events/state-visit.en.md:3: 'start' is '2025-04-15' here but '2025-04-14' in content/events/state-visit.vi.md:3; "
        "a fact must be the same in both languages",
    ),
    (
        "end before start",
        {"events/state-visit.vi.md": "---\ntitle: Thăm\nstart: 2025-04-14\nend: 2025-04-13\nkind: visit\n---\n"},
        "content/events/state-visit.vi.md:4: the event ends (2025-04-13) before it starts (2025-04-14)",
    ),
    (
        "agreement without parties",
        {"agreements/x.vi.md": "---\ntitle: Văn bản\nsigned: 2025-01-01\nkind: mou\nparties: []\n---\n"},
        "content/agreements/x.vi.md:5: an agreement needs at least one party",
    ),
    (
        "partner refers to itself",
        {"partners/mooc-alliance.vi.md": "---\ntitle: Liên minh\nkind: alliance\nmembers: [tsinghua, mooc-alliance]\n---\n"},
        "content/partners/mooc-alliance.vi.md:4: members: a partner cannot refer to itself",
    ),
    (
        "unknown language in file name",
        {"articles/x.fr.md": "---\ntitle: Nouvelles\n---\n"},
        "content/articles/x.fr.md: unknown language 'fr' in the file name; use one of: vi, en",
    ),
    (
        "invalid id in file name",
        {"articles/Bad_Name.vi.md": "---\ntitle: Tin\ndate: 2025-01-01\n---\n"},
        "content/articles/Bad_Name.vi.md: 'Bad_Name' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "slug collision",
        {"articles/copy.vi.md": "---\ntitle: Chuyến thăm cấp Nhà nước\ndate: 2025-01-01\n---\n"},
        "content/articles/copy.vi.md:1: produces the same URL /vi/tin-tuc/chuyen-tham-cap-nha-nuoc/ as "
        "content/articles/state-visit.vi.md:1; give one of them a different 'slug'",
    ),
    (
        "object-constructing YAML tag",
        {"articles/x.vi.md": "---\ntitle: !!python/object/apply:os.system [echo hi]\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in content files",
    ),
    (
        "invalid UTF-8",
        {"articles/x.vi.md": b"---\ntitle: Tin\ndate: 2025-01-01\n---\nD\xf4ng\n"},
        "content/articles/x.vi.md:5: is not valid UTF-8 (byte 0xf4); save the file as UTF-8",
    ),
    (
        "empty file",
        {"articles/x.vi.md": ""},
        "content/articles/x.vi.md:1: the file must start with a '---' line opening the front matter",
    ),
    (
        "unknown kind value",
        {"partners/x.vi.md": "---\ntitle: Đối tác\nkind: univeristy\n---\n"},
        "content/partners/x.vi.md:3: kind: 'univeristy' is not a partner kind; use one of: "
        "university, alliance, network, agency, association, government, organisation",
    ),
]


@pytest.mark.parametrize(("name", "files", "expected"), CASES, ids=[case[0] for case in CASES])
def test_bad_content_is_reported_and_output_kept(run, tiny, tmp_path, monkeypatch, name, files, expected):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "public"
    code, _, err = run(*build_args("content", out))
    assert code == 0, err
    before = tree(out)

    for relative, text in files.items():
        _write(tiny, relative, text)
    code, _, err = run(*build_args("content", out))

    assert code == 1
    assert expected in err.splitlines(), err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("build failed:")
    assert tree(out) == before


def test_all_problems_are_reported_sorted(run, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tiny, "articles/b.vi.md", "---\ntitle: B\ndate: 2025-02-30\n---\n")
    _write(tiny, "articles/a.vi.md", "---\ntitle: A\ndate: 2025-01-01\npartners: [nobody]\n---\n")
    code, _, err = run(*build_args("content", tmp_path / "public"))
    assert code == 1
    assert err.splitlines() == [
        "content/articles/a.vi.md:4: partners: unknown partner 'nobody'; to add it: vnu-site new partner \"Its name\" --key nobody",
        "content/articles/b.vi.md:3: date: '2025-02-30' is not a date: 2025-02 has no day 30",
        "build failed: 2 error(s), 0 warning(s); " + str(tmp_path / "public") + " was not changed",
    ]


def test_missing_translation_reference_is_a_warning_and_strict_fails(run, tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tiny / "partners" / "tsinghua.en.md").unlink()
    code, _, err = run(*build_args("content", tmp_path / "public"))
    assert code == 0
    warning = (
        "content/articles/tsinghua-ai.vi.md:5: warning: partners: partner 'tsinghua' has no 'en' version, so the 'en' page cannot show it"
    )
    assert warning in err.splitlines()
    code, _, err = run(*build_args("content", tmp_path / "public2", "--strict"))
    assert code == 1
    assert warning in err.splitlines()
    assert not (tmp_path / "public2").exists()


def test_template_error_names_template_line_and_page(run, tiny, tmp_path, monkeypatch):
    import shutil

    from conftest import THEME

    templates = tmp_path / "templates"
    shutil.copytree(THEME, templates)  # the site overrides every file of the theme
    text = (templates / "event.html").read_text(encoding="utf-8").replace("{{ item.label }}", "{{ item.no_such_field }}")
    (templates / "event.html").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("build", "--content", "content", "--templates", "templates", "--out", "public", "--build-date", "2025-06-01")
    assert code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "no_such_field" in row)
    assert f"templates/event.html:{line}: 'dict object' has no attribute 'no_such_field' (rendering /en/events/state-visit/)" in err


def test_missing_ui_string_is_an_error(run, tiny, tmp_path, monkeypatch):
    import shutil

    from conftest import THEME

    templates = tmp_path / "templates"
    shutil.copytree(THEME, templates)  # the site overrides every file of the theme
    strings = (templates / "strings.yaml").read_text(encoding="utf-8")
    strings = strings.replace("nav.home: {vi: Trang chủ, en: Home, fr: Accueil}", "nav.home: {vi: Trang chủ, fr: Accueil}")
    (templates / "strings.yaml").write_text(strings, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("build", "--content", "content", "--templates", "templates", "--out", "public")
    line = next(n for n, row in enumerate(strings.splitlines(), 1) if row.startswith("nav.home:"))
    assert code == 1
    assert f"templates/strings.yaml:{line}: string 'nav.home' has no 'en' text" in err.splitlines()


def test_settings_files_that_are_not_utf8_are_reported_not_crashed_on(run, tiny, tmp_path, monkeypatch):
    import shutil

    from conftest import THEME

    templates = tmp_path / "templates"
    shutil.copytree(THEME, templates)  # the site overrides every file of the theme
    (templates / "strings.yaml").write_bytes((templates / "strings.yaml").read_bytes() + b"bad: {vi: \xff, en: x}\n")
    (tiny / "tags.yaml").write_bytes(b"ai: {vi: Tr\xed tu\xe1, en: AI}\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("build", "--content", "content", "--templates", "templates", "--out", "public", "--cache-dir", "cache")
    assert code == 1
    lines = err.splitlines()
    assert "content/tags.yaml:1: is not valid UTF-8 (byte 0xed); save the file as UTF-8" in lines
    last = len((THEME / "strings.yaml").read_bytes().splitlines()) + 1
    assert f"templates/strings.yaml:{last}: is not valid UTF-8 (byte 0xff); save the file as UTF-8" in lines
    assert "Traceback" not in err


def test_a_template_error_after_pages_were_written_keeps_the_old_site(run, tiny, tmp_path):
    """Pages go into the staging folder as they are rendered; a page that fails later must
    still leave the old output exactly as it was, and nothing beside it."""
    import shutil

    from conftest import THEME, build_args, tree

    templates = tmp_path / "templates"
    shutil.copytree(THEME, templates)  # the site overrides every file of the theme
    out = tmp_path / "site" / "public"
    args = build_args(tiny, out)
    args[args.index("--templates") + 1] = templates
    assert run(*args)[0] == 0
    (tiny / "articles/mooc.vi.md").write_text(
        (tiny / "articles/mooc.vi.md").read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8"
    )
    assert run(*args)[0] == 0  # the spare now exists: the failing build starts from it
    before = tree(out)
    text = (templates / "tag.html").read_text(encoding="utf-8")
    (templates / "tag.html").write_text(text.replace("{% block main %}", "{% block main %}{{ no_such_name.x }}", 1), encoding="utf-8")
    code, _, err = run(*args)
    assert code == 1 and "tag.html" in err
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == [".vnu-cache", "public"]
    (templates / "tag.html").write_text(text, encoding="utf-8")
    assert run(*args)[0] == 0
    assert tree(out) == before


@pytest.mark.parametrize(
    ("typed", "choices", "hint"),
    [
        ("tsinghau", ["tsinghua", "korea-university"], " (did you mean 'tsinghua'?)"),  # two letters swapped
        ("tsinghu", ["tsinghua"], " (did you mean 'tsinghua'?)"),
        ("pekin-university", ["peking-university", "korea-university"], " (did you mean 'peking-university'?)"),
        ("Chart.PNG", ["chart.png"], " (did you mean 'chart.png'?)"),
        ("tokyo-universty", ["korea-university", "tsinghua"], ""),  # similar shape, another name: no guess
        ("mit", ["ai", "vnu"], ""),
        ("x", [], ""),
    ],
)
def test_suggestions_are_only_for_slips_of_the_keyboard(typed, choices, hint):
    assert did_you_mean(typed, choices) == hint


def test_an_unknown_reference_with_nothing_close_says_how_to_create_it(run, tiny, tmp_path):
    path = tiny / "articles/tsinghua-ai.vi.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("partners: [tsinghua, vnu]", "partners: [tokyo-universty, vnu]"), encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path.as_posix()}:5: partners: unknown partner 'tokyo-universty'; "
        'to add it: vnu-site new partner "Its name" --key tokyo-universty'
    )
