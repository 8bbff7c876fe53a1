"""Broken and hostile content: each file gets one exact `path:line: message`, exit 1, and
the previous output stays byte-for-byte as it was. Files that look odd but are fine (BOM,
CRLF, a title of emoji, a 5 MB article) simply build.

tests/test_errors.py holds the everyday mistakes (unclosed quote, tabs, missing closing
`---`, empty file, impossible dates, slug collisions, self-references, agreements without
parties, events ending before they start, unknown languages, object tags, invalid UTF-8);
this file adds the hostile and the strange, without repeating those.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT, build_args, tree

ALIAS_BOMB = (
    "---\ntitle: Bom\ndate: 2025-01-01\n"
    + 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    + "---\n"
)
OK = "---\ntitle: Tin\ndate: 2025-01-01\n"  # the start of a valid article
AGREEMENT = "---\ntitle: Văn bản\nsigned: 2025-01-01\nkind: mou\nparties: [vnu]\n"


def _write(content: Path, relative: str, data) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _link_outside(content: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Bí mật\ndate: 2025-01-01\n---\n", encoding="utf-8")
    (content / "articles" / "leak.vi.md").symlink_to(secret)


def _folder_link_outside(content: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.vi.md").write_text("---\ntitle: Tin\ndate: 2025-01-01\n---\n", encoding="utf-8")
    (content / "articles" / "more").symlink_to(elsewhere, target_is_directory=True)


def _kind_folder_outside(content: Path, tmp_path: Path) -> None:
    shutil.move(content / "events", tmp_path / "events")
    (content / "events").symlink_to(tmp_path / "events", target_is_directory=True)


def _settings_outside(content: Path, tmp_path: Path) -> None:
    shutil.move(content / "tags.yaml", tmp_path / "tags.yaml")
    (content / "tags.yaml").symlink_to(tmp_path / "tags.yaml")


def _dangling_link(content: Path, tmp_path: Path) -> None:
    (content / "articles" / "gone.vi.md").symlink_to(content / "articles" / "nowhere.md")


def _fifo(content: Path, tmp_path: Path) -> None:
    os.mkfifo(content / "articles" / "pipe.vi.md")  # reading it would block the build forever


CASES = [
    # YAML that does not parse
    (
        "bad indentation",
        {"articles/x.vi.md": "---\ntitle: Tin\n  date: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:3: invalid YAML in the front matter: mapping values are not allowed in this context",
    ),
    (
        "list item out of line",
        {"articles/x.vi.md": OK + "partners:\n  - vnu\n - tsinghua\n---\n"},
        "content/articles/x.vi.md:6: invalid YAML in the front matter: did not find expected key",
    ),
    (
        "unclosed list",
        {"articles/x.vi.md": "---\ntitle: Tin\npartners: [vnu\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:4: invalid YAML in the front matter: did not find expected ',' or ']'",
    ),
    (
        "unclosed single quote",
        {"articles/x.vi.md": "---\ntitle: 'Tin\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: invalid YAML in the front matter: found unexpected end of stream",
    ),
    (
        "front matter is not fields",
        {"articles/x.vi.md": "---\nTin mới\n---\n"},
        "content/articles/x.vi.md:2: the front matter must be a set of 'field: value' lines",
    ),
    (
        "field given twice",
        {"articles/x.vi.md": OK + "title: Tin 2\n---\n"},
        "content/articles/x.vi.md:4: field 'title' is given twice (first on line 2)",
    ),
    (
        "a list as a field name",
        {"articles/x.vi.md": OK + "[a]: b\n---\n"},
        "content/articles/x.vi.md:4: field names must be text, not a list",
    ),
    (
        "only front matter, no fields",
        {"articles/x.vi.md": "---\n---\n"},
        "content/articles/x.vi.md:1: missing required field 'title' for this article",
    ),
    (
        "title is a list",
        {"articles/x.vi.md": "---\ntitle: [a, b]\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: title: should be text",
    ),
    ("title is blank", {"articles/x.vi.md": "---\ntitle: '   '\ndate: 2025-01-01\n---\n"}, "content/articles/x.vi.md:2: title: is empty"),
    # YAML that would hurt: expansion, recursion, nesting, object construction
    (
        "alias bomb",
        {"articles/x.vi.md": ALIAS_BOMB},
        "content/articles/x.vi.md:8: the front matter expands to too many values (YAML aliases?)",
    ),
    (
        "alias inside its own anchor",
        {"articles/x.vi.md": OK + "tags: &t [ai, *t]\n---\n"},
        "content/articles/x.vi.md:4: the alias '*t' comes before its anchor '&t' is complete",
    ),
    (
        "nesting 100 000 deep",
        {"articles/x.vi.md": OK + "source: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"},
        "content/articles/x.vi.md:4: the front matter nests lists or mappings more than 32 levels deep",
    ),
    # PyYAML's C parser (libyaml) refuses 1,000+ levels itself, before our 32-level check: same message either way.
    (
        "flow mappings 2 000 deep",
        {"articles/x.vi.md": OK + "source: " + "{a: " * 2000 + "}" * 2000 + "\n---\n"},
        "content/articles/x.vi.md:4: the front matter nests lists or mappings more than 32 levels deep",
    ),
    (
        "nesting 33 deep",
        {"articles/x.vi.md": OK + "source: " + "[" * 33 + "]" * 33 + "\n---\n"},
        "content/articles/x.vi.md:4: the front matter nests lists or mappings more than 32 levels deep",
    ),
    (
        "block mappings 2 000 deep",
        {"articles/x.vi.md": OK + "source:\n" + "".join(" " * i + "k:\n" for i in range(1, 2001)) + "---\n"},
        "content/articles/x.vi.md:36: the front matter nests lists or mappings more than 32 levels deep",
    ),
    (
        "merge key",
        {"articles/x.vi.md": OK + "source: {<<: {name: A}}\n---\n"},
        "content/articles/x.vi.md:4: YAML merge keys ('<<') are not supported in content files; write the fields out",
    ),
    (
        "python name tag",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: !!python/name:os.system\n---\n"},
        "content/articles/x.vi.md:3: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in content files",
    ),
    (
        "binary tag",
        {"articles/x.vi.md": "---\ntitle: !!binary aGVsbG8=\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: YAML tag 'tag:yaml.org,2002:binary' is not allowed in content files",
    ),
    (
        "local tag",
        {"articles/x.vi.md": "---\ntitle: !vnu Tin\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: YAML tag '!vnu' is not allowed in content files",
    ),
    (
        "5000-digit number",
        {"agreements/x.vi.md": AGREEMENT + "count: " + "9" * 5000 + "\n---\n"},
        "content/agreements/x.vi.md:6: '9999999999999999999999999999999999999999' is not a number that can be used here",
    ),
    # Characters that cannot be shown, and files that are not text
    (
        "NUL byte in the body",
        {"articles/x.vi.md": (OK + "---\nA\x00B\n").encode()},
        "content/articles/x.vi.md:5: contains a NUL character; is this a text file?",
    ),
    (
        "control character after CRLF lines",
        {"articles/x.vi.md": OK.replace("\n", "\r\n") + "---\r\nDòng một\r\nChuông \x07\r\n"},
        "content/articles/x.vi.md:6: contains the invisible control character U+0007, which cannot be shown on a page; delete it",
    ),
    (
        "control character from a YAML escape",
        {"articles/x.vi.md": '---\ntitle: "Tin \\a"\ndate: 2025-01-01\n---\n'},
        "content/articles/x.vi.md:2: contains the invisible control character U+0007, which cannot be shown on a page; delete it",
    ),
    (
        "C1 control from a wrong encoding",
        {"articles/x.vi.md": "---\ntitle: Tin\x85\ndate: 2025-01-01\n---\n"},
        "content/articles/x.vi.md:2: contains the invisible control character U+0085, which cannot be shown on a page; delete it",
    ),
    (
        "UTF-16 file",
        {"articles/x.vi.md": "---\ntitle: Tin\n---\n".encode("utf-16")},
        "content/articles/x.vi.md:1: is saved as UTF-16; save the file as UTF-8",
    ),
    (
        "year 0",
        {"articles/x.vi.md": "---\ntitle: Tin\ndate: 0000-01-01\n---\n"},
        "content/articles/x.vi.md:3: date: '0000-01-01' is not a date: there is no year 0",
    ),
    (
        "reference with a newline, shown on one line",
        {"articles/x.vi.md": OK + 'partners: ["vnu\\nx"]\n---\n'},
        "content/articles/x.vi.md:4: partners: 'vnu\\nx' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    # Ids and slugs that try to leave their folder
    (
        "slug with a slash",
        {"articles/x.vi.md": OK + "slug: tin/moi\n---\n"},
        "content/articles/x.vi.md:4: slug: 'tin/moi' is not a valid slug: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "slug with ../",
        {"articles/x.vi.md": OK + "slug: ../../etc\n---\n"},
        "content/articles/x.vi.md:4: slug: '../../etc' is not a valid slug: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "slug with a backslash",
        {"articles/x.vi.md": OK + "slug: 'tin\\moi'\n---\n"},
        "content/articles/x.vi.md:4: slug: 'tin\\moi' is not a valid slug: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "slug with a drive letter",
        {"articles/x.vi.md": OK + "slug: 'C:'\n---\n"},
        "content/articles/x.vi.md:4: slug: 'C:' is not a valid slug: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "slug with a NUL",
        {"articles/x.vi.md": OK + 'slug: "tin\\0moi"\n---\n'},
        "content/articles/x.vi.md:4: contains the invisible control character U+0000, which cannot be shown on a page; delete it",
    ),
    (
        "reference with ../",
        {"articles/x.vi.md": OK + "partners: [../vnu]\n---\n"},
        "content/articles/x.vi.md:4: partners: '../vnu' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "reference with a drive letter",
        {"articles/x.vi.md": OK + "partners: ['C:\\vnu']\n---\n"},
        "content/articles/x.vi.md:4: partners: 'C:\\vnu' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "id with a drive letter",
        {"articles/C:tin.vi.md": OK + "---\n"},
        "content/articles/C:tin.vi.md: 'C:tin' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "id with a backslash",
        {"articles/a\\b.vi.md": OK + "---\n"},
        "content/articles/a\\b.vi.md: 'a\\b' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "id with a newline, shown on one line",
        {"articles/t\nin.vi.md": OK + "---\n"},
        "content/articles/t\\nin.vi.md: 't\\nin' is not a valid id: use lowercase letters a-z, digits and single hyphens",
    ),
    (
        "unknown item in a raw HTML link",
        {"articles/x.vi.md": OK + '---\nMột.\n\n<a href="partner:nobody">đối tác</a>\n'},
        "content/articles/x.vi.md:7: unknown partner 'nobody'; to add it: vnu-site new partner \"Its name\" --key nobody",
    ),
    # Files that are not plain files inside content/
    (
        "link to a file outside content",
        _link_outside,
        "content/articles/leak.vi.md: is a link to a file outside the content folder; copy the file in instead",
    ),
    (
        "link to a folder outside content",
        _folder_link_outside,
        "content/articles/more: is a link to a folder outside the content folder; copy the folder in instead",
    ),
    (
        "section folder is a link outside content",
        _kind_folder_outside,
        "content/events: is a link to a folder outside the content folder; copy the folder in instead",
    ),
    (
        "tags.yaml is a link outside content",
        _settings_outside,
        "content/tags.yaml: is a link to a file outside the content folder; copy the file in instead",
    ),
    ("dangling link", _dangling_link, "content/articles/gone.vi.md: is a link to a file that does not exist"),
    ("named pipe", _fifo, "content/articles/pipe.vi.md: is not a regular file"),
]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    """One good build of the tiny site, copied for each case (its build is the slow part)."""
    from vnu_site.__main__ import main

    root = tmp_path_factory.mktemp("baseline")
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", root / "content")
    assert main([str(a) for a in build_args(root / "content", root / "public")]) == 0
    shutil.rmtree(root / ".vnu-cache", ignore_errors=True)
    return root


@pytest.mark.parametrize(("name", "setup", "expected"), CASES, ids=[case[0] for case in CASES])
def test_hostile_content_is_refused_and_output_kept(run, baseline, tmp_path, monkeypatch, name, setup, expected):
    shutil.copytree(baseline, tmp_path / "site", symlinks=True)
    monkeypatch.chdir(tmp_path / "site")
    content, out = Path("content"), tmp_path / "site" / "public"
    before, beside = tree(out), sorted(os.listdir(out.parent))
    if callable(setup):
        setup(content, tmp_path)
    else:
        for relative, data in setup.items():
            _write(content, relative, data)

    code, _, err = run(*build_args(content, out))

    assert code == 1
    assert expected in err.splitlines(), err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("build failed: ")
    assert tree(out) == before
    assert sorted(os.listdir(out.parent)) == beside  # no staging folder left behind, no cache of a failed build


def _built_page(out: Path, lang: str, section: str, slug: str):
    return lxml_html.fromstring((out / lang / section / slug / "index.html").read_bytes())


WORKS = [
    ("UTF-8 byte-order mark", "\ufeff---\ntitle: Tin có BOM\ndate: 2025-01-01\n---\nNội dung.\n", "tin-co-bom", "Tin có BOM"),
    ("CRLF line endings", "---\r\ntitle: Tin CRLF\r\ndate: 2025-01-01\r\n---\r\nDòng một.\r\n\r\nDòng hai.\r\n", "tin-crlf", "Tin CRLF"),
    ("BOM and CRLF", "\ufeff---\r\ntitle: Tin cả hai\r\ndate: 2025-01-01\r\n---\r\nNội dung.\r\n", "tin-ca-hai", "Tin cả hai"),
    ("old Mac CR line endings", "---\rtitle: Tin CR\rdate: 2025-01-01\r---\rNội dung.\r", "tin-cr", "Tin CR"),
    ("only front matter, no final newline", "---\ntitle: Chỉ có tiêu đề\ndate: 2025-01-01\n---", "chi-co-tieu-de", "Chỉ có tiêu đề"),
    ("line separator inside a quoted title", '---\ntitle: "Dòng\u2028mới"\ndate: 2025-01-01\n---\n', "dong-moi", "Dòng\u2028mới"),
]


@pytest.mark.parametrize(("name", "text", "slug", "title"), WORKS, ids=[case[0] for case in WORKS])
def test_odd_but_valid_files_build(run, tiny, tmp_path, name, text, slug, title):
    _write(tiny, "articles/odd.vi.md", text)
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err
    page = _built_page(tmp_path / "public", "vi", "tin-tuc", slug)
    assert page.xpath("string(//h1)").strip() == title


def test_crlf_keeps_line_numbers_right(run, tiny, tmp_path):
    text = "\ufeff---\r\ntitle: Tin\r\ndate: 2025-01-01\r\n---\r\nMột.\r\n\r\nXem [đối tác](partner:nobody).\r\n"
    _write(tiny, "articles/x.vi.md", text)
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 1
    assert "content/articles/x.vi.md:7: unknown partner 'nobody'" in err.splitlines()[0].replace(str(tiny), "content")


def test_titles_of_only_punctuation_or_emoji_get_valid_unique_slugs(run, tiny, tmp_path):
    _write(tiny, "articles/party.vi.md", "---\ntitle: 🎉🎉🎉\ndate: 2025-01-01\n---\n")
    _write(tiny, "articles/party.en.md", "---\ntitle: 🎉🎉🎉\n---\n")
    _write(tiny, "articles/dots.vi.md", "---\ntitle: '…!?'\ndate: 2025-01-02\n---\n")
    _write(tiny, "events/stars.vi.md", "---\ntitle: ★ — ★\nstart: 2025-01-03\nkind: forum\n---\n")
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err
    out = tmp_path / "public"
    pages = {
        ("vi", "tin-tuc", "article-party"): "🎉🎉🎉",
        ("en", "news", "article-party"): "🎉🎉🎉",
        ("vi", "tin-tuc", "article-dots"): "…!?",
        ("vi", "su-kien", "event-stars"): "★ — ★",
    }
    for (lang, section, slug), title in pages.items():
        assert _built_page(out, lang, section, slug).xpath("string(//h1)").strip() == title


def _bulk_body(size: int) -> str:
    paragraph = (
        "Đại học Quốc gia Hà Nội (ĐHQGHN) và Đại học Thanh Hoa ký thỏa thuận hợp tác về **trí tuệ nhân tạo**, "
        "chuyển đổi số và [trao đổi sinh viên](partner:tsinghua). "
    ) * 3
    parts, length, number = [], 0, 0
    while length < size:
        number += 1
        piece = (f"## Phần {number}\n\n" if number % 20 == 0 else "") + paragraph + "\n\n"
        if number % 7 == 0:
            piece += "- mục một\n- mục hai với `mã`\n\n"
        parts.append(piece)
        length += len(piece.encode("utf-8"))
    parts.append("Đoạn cuối cùng của bài rất dài.\n")
    return "".join(parts)


def test_a_5_mb_article_builds(run, tiny, tmp_path):
    text = "---\ntitle: Bài rất dài\ndate: 2025-05-01\npartners: [tsinghua]\n---\n" + _bulk_body(5 * 1024 * 1024)
    assert len(text.encode("utf-8")) > 5 * 1024 * 1024
    _write(tiny, "articles/long.vi.md", text)
    started = time.perf_counter()
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    seconds = time.perf_counter() - started
    assert code == 0, err
    page = _built_page(tmp_path / "public", "vi", "tin-tuc", "bai-rat-dai")
    assert page.xpath("string((//main//p[contains(., 'Đoạn cuối')])[last()])") == "Đoạn cuối cùng của bài rất dài."
    assert page.xpath("count(//main//h2[starts-with(@id, 'phan-')])") > 400
    # About 2 s here; a quadratic step (as line counting once was) takes minutes.
    assert seconds < 30, f"5 MB article took {seconds:.1f} s"


def _peak_rss_of_build(content: Path, out: Path, cwd: Path) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, stderr) of one build in its own process."""
    command = [sys.executable, "-m", "vnu_site", *map(str, build_args(content, out, "--no-search"))]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - started, usage.ru_maxrss / 1024, stderr


def test_alias_bomb_is_refused_fast_without_eating_memory(tiny, tmp_path):
    good = _peak_rss_of_build(tiny, tmp_path / "good", tmp_path)
    assert good[0] == 0, good[3]
    _write(tiny, "articles/bomb.vi.md", ALIAS_BOMB)
    code, seconds, peak, stderr = _peak_rss_of_build(tiny, tmp_path / "bad", tmp_path)
    assert code == 1
    assert stderr.splitlines()[0].endswith("articles/bomb.vi.md:8: the front matter expands to too many values (YAML aliases?)")
    # Expanded, the bomb is 9**10 strings (tens of GB); refused, it costs nothing extra.
    assert seconds < 10
    assert peak < good[2] + 20, f"peak RSS {peak:.0f} MB vs {good[2]:.0f} MB for a good build"


def test_a_link_inside_content_is_read_like_its_target(run, tiny, tmp_path):
    """A link that stays inside content/ is fine: here it makes the same item twice."""
    (tiny / "articles" / "copy.vi.md").symlink_to(tiny / "articles" / "mooc.vi.md")
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 1
    shown = tiny.as_posix()
    assert err.splitlines()[0] == (
        f"{shown}/articles/mooc.vi.md:1: produces the same URL /vi/tin-tuc/dai-hoc-da-nang-tham-gia-lien-minh-mooc/ "
        f"as {shown}/articles/copy.vi.md:1; give one of them a different 'slug'"
    ), err


def test_dot_files_are_editor_files_and_skipped(run, tiny, tmp_path):
    (tiny / "articles" / ".#mooc.vi.md").symlink_to("root@host.1234:1700000000")  # an Emacs lock
    _write(tiny, "articles/.notes.vi.md", "not front matter at all")
    _write(tiny, ".git/HEAD", "ref: refs/heads/main\n")
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err


# ---------------------------------------------------------------------------------------
# HTML safety: raw HTML in bodies is sanitised, front-matter text is always escaped, and
# JSON-LD cannot be closed from inside.

HOSTILE_BODY = """Đoạn **an toàn** với [liên kết](https://vnu.edu.vn) và [đối tác](partner:tsinghua).

<script>alert("body-script")</script>
<img src="https://vnu.edu.vn/logo.png" onerror="alert('img')" alt="ảnh">
<a href="javascript:alert('href')">js link</a> [md js](javascript:alert('md')) [data](data:text/html,<b>x</b>)
<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">
<style>body { display: none }</style>
<p style="color: red" onclick="alert('p')" onmouseover="alert('p2')">đoạn có thuộc tính</p>
<svg onload="alert('svg')"><circle r="1"/></svg>
<form action="https://evil.example/"><input name="q"></form>
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">

| cột | giá trị |
|---|---|
| một | <em>hai</em> |
"""
_DANGEROUS_TAGS = ("script", "iframe", "object", "embed", "style", "svg", "form", "input", "base", "meta", "link")


def _body_of(out: Path):
    return _built_page(out, "vi", "tin-tuc", "tin-nguy-hiem").xpath("//article//div[@class='body']")[0]


def _attributes(element) -> list[tuple[str, str]]:
    return [(name, value) for node in element.iter() if isinstance(node.tag, str) for name, value in node.attrib.items()]


def test_raw_html_in_a_body_is_sanitised_by_default(run, tiny, tmp_path):
    _write(tiny, "articles/danger.vi.md", "---\ntitle: Tin nguy hiểm\ndate: 2025-01-01\n---\n" + HOSTILE_BODY)
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err
    body = _body_of(tmp_path / "public")
    tags = {node.tag for node in body.iter() if isinstance(node.tag, str)}
    # An <input> survives only as a task list's box: a disabled checkbox, nothing to submit.
    inputs = [dict(node.attrib) for node in body.iter("input")]
    assert all(
        attrs == {"type": "checkbox", "disabled": ""} or attrs == {"type": "checkbox", "disabled": "", "checked": ""} for attrs in inputs
    ), inputs
    assert not tags & (set(_DANGEROUS_TAGS) - {"input"}), tags & set(_DANGEROUS_TAGS)
    attributes = _attributes(body)
    assert not [name for name, _ in attributes if name.startswith("on") or name == "style"]
    links = [value for name, value in attributes if name in ("href", "src")]
    assert not [link for link in links if link.strip().lower().startswith(("javascript:", "data:"))], links
    # What is safe stays: emphasis, tables, ordinary and item links, the image without its handler.
    assert body.xpath("string(.//strong)") == "an toàn"
    assert body.xpath("string(.//table//em)") == "hai"
    assert "https://vnu.edu.vn" in links
    assert "/vi/doi-tac/dai-hoc-thanh-hoa/" in links
    assert body.xpath(".//img/@alt") == ["ảnh"]


def test_trusted_sites_keep_their_raw_html(run, tiny, tmp_path):
    _write(tiny, "articles/danger.vi.md", "---\ntitle: Tin nguy hiểm\ndate: 2025-01-01\n---\n" + HOSTILE_BODY)
    site = (tiny / "site.yaml").read_text(encoding="utf-8")
    (tiny / "site.yaml").write_text(site + "trusted_html: true\n", encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err
    body = _body_of(tmp_path / "public")
    assert body.xpath("string(.//script)") == 'alert("body-script")'
    assert body.xpath(".//iframe/@src") == ["https://evil.example/"]
    assert body.xpath(".//p[@onclick]/@style") == ["color: red"]


# Front-matter text that tries to become markup, in every kind of item and field that shows.
HOSTILE_TITLE = '</script><script>alert("title")</script>'
HOSTILE_TEXT = '"><img src=x onerror=alert("attr")>&amp;<!--'


def test_front_matter_text_never_becomes_markup(run, tiny, tmp_path):
    for path in [*tiny.glob("*/*.vi.md"), *tiny.glob("*/*.en.md")]:
        text = path.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        front = "\n".join(line for line in front.splitlines() if not line.startswith(("title:", "summary:", "short_name:", "location:")))
        extra = f"title: '{HOSTILE_TITLE} {path.name.split('.')[0]}'\nsummary: '{HOSTILE_TEXT}'\nshort_name: '{HOSTILE_TEXT}'\n"
        if path.parent.name == "events":
            extra += f"location: '{HOSTILE_TEXT}'\n"
        if path.parent.name != "partners":
            front = "\n".join(line for line in front.splitlines() if not line.startswith("short_name:"))
            extra = extra.replace(f"short_name: '{HOSTILE_TEXT}'\n", "")
        path.write_text(front + "\n" + extra + "---\n" + body, encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err
    out = tmp_path / "public"

    pages = sorted(out.rglob("*.html"))
    jsonld_blocks = 0
    for file in pages:
        doc = lxml_html.fromstring(file.read_bytes())
        where = file.relative_to(out).as_posix()
        for script in doc.xpath("//script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.text)  # one whole JSON document: the '</script>' in titles did not end it
                jsonld_blocks += 1
            else:
                assert "alert(" not in (script.text or ""), f"{where}: injected script"
        assert not doc.xpath("//img[@onerror]"), f"{where}: injected handler"
        assert not [n for n, _ in _attributes(doc) if n.startswith("on")], where
    assert jsonld_blocks > 0  # structured data exists, and every block above parsed as JSON

    article = _built_page(out, "vi", "tin-tuc", "script-script-alert-title-script-state-visit")
    title = f"{HOSTILE_TITLE} state-visit"
    assert article.xpath("string(//h1)") == title
    assert article.xpath("string(//title)").startswith(title)
    assert article.xpath("string(//p[@class='lede'])") == HOSTILE_TEXT
    assert article.xpath("//meta[@name='description']/@content") == [HOSTILE_TEXT]
    [block] = article.xpath("//script[@type='application/ld+json']")
    assert "</script>" not in block.text  # written as <\/script> or \u003c/script\u003e
    assert json.loads(block.text)["headline"] == title

    for feed in [*out.rglob("*.xml")]:
        etree.parse(str(feed))  # still well-formed XML: text was escaped, not pasted


def test_item_links_may_carry_a_fragment(run, tiny, tmp_path):
    body = "[Lịch sử](partner:tsinghua#lich-su) và <a href='partner:vnu#gioi-thieu'>ĐHQGHN</a>\n"
    _write(tiny, "articles/x.vi.md", OK + "---\n" + body)
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--no-search"))
    assert code == 0, err
    links = _built_page(tmp_path / "public", "vi", "tin-tuc", "tin").xpath("//article//div[@class='body']//a/@href")
    assert links == ["/vi/doi-tac/dai-hoc-thanh-hoa/#lich-su", "/vi/doi-tac/dai-hoc-quoc-gia-ha-noi/#gioi-thieu"]
