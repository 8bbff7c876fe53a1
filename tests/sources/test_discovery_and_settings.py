"""What content/ holds, and what settings may carry into pages (issue 13).

- Nothing in content/ is passed over in silence: a folder or file that cannot be read is
  an error (its items would vanish from the site); a file the build does not read is a
  warning naming it, `not-read` in `check`.
- base_url (site.yaml or --base-url) is a URL with nothing in it that needs escaping, and
  the links written into bodies are escaped whatever it holds.
- A special file (named pipe, device, folder) in place of site.yaml, tags.yaml or an image,
  and two tags whose labels make one address, each give one message at the right place.

Unreadable files and folders are simulated: the tests run as root, which reads through
`chmod 000`; os.scandir and os.open fail for the one path as they would for an editor.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import TEMPLATES, build_args
from vnu_site.errors import Problems
from vnu_site.model import BuildOptions
from vnu_site.pages.views import resolved_body
from vnu_site.pipeline import load_site
from vnu_site.site.urls import Urls
from vnu_site.sources import config

SCHEMA = "write it like https://example.org/bulletin/"
FOLDERS = "site.yaml, tags.yaml and the folders articles, partners, events, agreements, pages"
GENERIC = "texts named <id>.<language>.md and the images in their item's folder"


def _write(content: Path, relative: str, data: str | bytes = "x\n") -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def failing(monkeypatch, name: str, target: Path, code: int = errno.EACCES) -> None:
    """os.<name> (scandir, open) fails with `code` for this one path, as chmod 000 would for
    anyone but root."""
    real = getattr(os, name)
    target_path = os.path.abspath(target)

    def fake(path, *args, **kwargs):
        if isinstance(path, (str, os.PathLike)) and os.path.abspath(os.fspath(path)) == target_path:
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


# --- files the build does not read --------------------------------------------------

NOT_READ = [
    ("upper-case ending", "articles/tin.vi.MD", "a text's file name must end in '.md'; rename it to tin.vi.md"),
    ("markdown ending", "events/hop.en.markdown", "a text's file name must end in '.md'; rename it to hop.en.md"),
    ("Notepad's .txt", "partners/hue.vi.md.txt", "a text's file name must end in '.md'; rename it to hue.vi.md"),
    ("plain .txt with a language", "agreements/mou.en.txt", "a text's file name must end in '.md'; rename it to mou.en.md"),
    ("Markdown without a language", "articles/tin.Markdown", "a text's file name must be <id>.<language>.md, for example tsinghua.vi.md"),
    ("a backup copy", "articles/mooc.vi.md~", f"in content/articles/ it reads {GENERIC}"),
    ("a note", "partners/notes.txt", f"in content/partners/ it reads {GENERIC}"),
    ("a Word file in an item's folder", "articles/tsinghua-ai/draft.docx", f"in content/articles/ it reads {GENERIC}"),
    ("an image beside the texts", "articles/cover.jpg", "an image belongs in the folder named after its article, content/articles/<id>/"),
    (
        "an image in a folder of no item",
        "articles/tsinghua-a/cover.png",
        "no article has the id 'tsinghua-a' (did you mean 'tsinghua-ai'?), so no text can show this image",
    ),
    (
        "an image in a sub-folder of texts",
        "events/2025/conference-2025/photo.webp",
        "no event has the id '2025', so no text can show this image",
    ),
    (
        "an image whose name no text can give",
        "articles/tsinghua-ai/ảnh bìa.jpg",
        "an image's name may hold only letters a-z, digits, '.', '_' and '-' (no spaces or accents)",
    ),
    ("an SVG", "articles/tsinghua-ai/logo.svg", "images must be jpg, png, gif, webp or avif files"),
    ("a stray file in content/", "ghi-chu.txt", f"content/ holds only {FOLDERS}"),
    ("site.yml beside site.yaml", "site.yml", f"content/ holds only {FOLDERS} (did you mean 'site.yaml'?)"),
    ("a folder of other files", "article/list.csv", f"content/ holds only {FOLDERS} (did you mean 'articles'?)"),
]


def _not_read_path(relative: str) -> str:
    """Where the warning is: the file, or the top-level folder that is not read as a whole."""
    parts = relative.split("/")
    return f"content/{parts[0]}" if parts[0] not in ("articles", "partners", "events", "agreements") else f"content/{relative}"


@pytest.mark.parametrize(("name", "relative", "reason"), NOT_READ, ids=[case[0] for case in NOT_READ])
def test_a_file_the_build_does_not_read_is_named_by_check_and_build(run, tiny, tmp_path, monkeypatch, name, relative, reason):
    _write(tiny, relative)
    monkeypatch.chdir(tmp_path)
    tiny = Path("content")
    expected = f"{_not_read_path(relative)}: warning: not read by the build: {reason}"
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01", "--format", "json")
    findings = json.loads(out)
    assert code == 0, out
    not_read = [f for f in findings["problems"] if f["code"] == "not-read"]
    assert [(f["path"], f["severity"], f["message"]) for f in not_read] == [
        (_not_read_path(relative), "warning", f"not read by the build: {reason}")
    ]
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 0, err
    assert expected in err.splitlines()
    code, _, err = run(*build_args(tiny, tmp_path / "strict", "--strict"))
    assert code == 1 and expected in err.splitlines(), err


def test_what_the_build_reads_gives_no_such_warning(run, tiny, tmp_path):
    """Images in their item's folder (used or not), editors' dot files and empty folders are fine."""
    _write(tiny, "articles/tsinghua-ai/cover.png", b"\x89PNG")
    _write(tiny, "articles/tsinghua-ai/photos/2025/team.JPG", b"\xff\xd8")
    _write(tiny, "partners/.DS_Store")
    _write(tiny, "articles/.#mooc.vi.md")
    (tiny / "drafts").mkdir()
    (tiny / "events" / "empty").mkdir()
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01", "--format", "json")
    assert code == 0, out
    assert [f for f in json.loads(out)["problems"] if f["severity"] != "note"] == []


def test_a_file_in_another_language_is_an_error_naming_the_languages(refused):
    def setup(content, _tmp):
        _write(content, "articles/mooc.fr.md", (content / "articles" / "mooc.vi.md").read_text(encoding="utf-8"))

    _, err = refused(setup)
    assert err.splitlines()[:-1] == ["content/articles/mooc.fr.md: unknown language 'fr' in the file name; use one of: vi, en"]


# --- folders and files that cannot be read ------------------------------------------

UNREADABLE = [
    ("a sub-folder of articles", "scandir", "articles/sub", "content/articles/sub: cannot be read (permission denied)"),
    ("the partners' folder", "scandir", "partners", "content/partners: cannot be read (permission denied)"),
    ("the content folder", "scandir", "", "content: cannot be read (permission denied)"),
    ("an article", "open", "articles/mooc.vi.md", "content/articles/mooc.vi.md: cannot be read (permission denied)"),
    ("a partner on a failing disk", "open", "partners/vnu.en.md", "content/partners/vnu.en.md: cannot be read (input/output error)"),
]


@pytest.mark.parametrize(("name", "call", "relative", "expected"), UNREADABLE, ids=[case[0] for case in UNREADABLE])
def test_what_cannot_be_read_is_an_error_not_a_vanished_item(refused, monkeypatch, name, call, relative, expected):
    code = errno.EIO if "disk" in name else errno.EACCES

    def setup(content, _tmp):
        if relative == "articles/sub":
            _write(content, "articles/sub/extra.vi.md", (content / "articles" / "mooc.vi.md").read_text(encoding="utf-8"))
        failing(monkeypatch, call, content / relative, code)

    _, err = refused(setup)
    # One line for one cause: no "unknown partner" for every reference into the lost folder.
    assert err.splitlines()[:-1] == [expected], err


def test_check_reports_an_unreadable_folder_as_an_error(run, tiny, monkeypatch):
    failing(monkeypatch, "scandir", tiny / "events")
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert code == 1
    assert out.splitlines()[:-1] == [f"{tiny.as_posix()}/events: cannot be read (permission denied)"]


def test_an_unreadable_file_is_not_served_from_the_cache(run, tiny, tmp_path, monkeypatch):
    """The read stage keeps parsed files by size and time: a file that can no longer be read
    must fail the build, not keep its page from when it could."""
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    (tiny / "tags.yaml").write_text((tiny / "tags.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the full path
    failing(monkeypatch, "open", tiny / "articles" / "mooc.vi.md")
    code, _, err = run(*build_args(tiny, out))
    assert code == 1, err
    assert err.splitlines()[0] == f"{tiny.as_posix()}/articles/mooc.vi.md: cannot be read (permission denied)"
    monkeypatch.undo()
    assert run(*build_args(tiny, out))[0] == 0  # readable again: built, from the cache


def test_a_file_made_unreadable_is_noticed_by_the_next_build(run, tiny, tmp_path, monkeypatch):
    """chmod 000 changes nothing but the file's mode: the build after it must not say
    'nothing changed', nor take the quick path without reading the file."""
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    target = tiny / "articles" / "mooc.vi.md"
    target.chmod(0)
    failing(monkeypatch, "open", target)
    code, _, err = run(*build_args(tiny, out))
    assert code == 1, err
    assert f"{tiny.as_posix()}/articles/mooc.vi.md: cannot be read (permission denied)" in err.splitlines()


# --- base_url ---------------------------------------------------------------------

BAD_BASE_URLS = [
    ('https://example.org/"><script>alert(1)</script>', "it contains '\"', which a URL cannot hold"),
    ("https://example.org/x' onmouseover='alert(1)", 'it contains "\'", which a URL cannot hold'),
    ("https://example.org/<b>/", "it contains '<', which a URL cannot hold"),
    ("https://example.org/a b/", "it contains a space, which a URL cannot hold"),
    ("https://example.org/a\\b/", "it contains '\\', which a URL cannot hold"),
    ("https://example.org/`x`/", "it contains '`', which a URL cannot hold"),
    ("https://example.org/\u202egnp.exe/", "it contains '\\u202e', which a URL cannot hold"),
    ("https://đại-học.vn/", "it contains 'đ', which a URL cannot hold"),
    ("https://example.org/?lang=vi", "it has a query ('?') or a fragment ('#'); give only the address of the site's folder"),
    ("https://example.org/#top", "it has a query ('?') or a fragment ('#'); give only the address of the site's folder"),
    ("javascript:alert(1)", "it must start with https:// (or http://), or be a path from the root such as /bulletin/"),
    ("ftp://example.org/", "it must start with https:// (or http://), or be a path from the root such as /bulletin/"),
    ("//example.org/bulletin/", "it must start with https:// (or http://), or be a path from the root such as /bulletin/"),
    ("bulletin/", "it must start with https:// (or http://), or be a path from the root such as /bulletin/"),
    ("https:example.org", "it must start with https:// (or http://), or be a path from the root such as /bulletin/"),
    ("https:///bulletin/", "it has no host name after '//'"),
    ("https://user:secret@example.org/", "it holds a user name ('@'), which a site's address must not"),
    ("https://exa_mple.org/", "'exa_mple.org' is not a host name"),
    ("https://-example.org/", "'-example.org' is not a host name"),
    ("https://example.org:99999/", "the port '99999' is not a number from 1 to 65535"),
    ("https://example.org:/", "the port '' is not a number from 1 to 65535"),
    ("https://example.org/a//b/", "its path has an empty part ('//')"),
    ("https://example.org/a/../b/", "its path has a '.' or '..' part"),
    ("/./", "its path has a '.' or '..' part"),
    ("https://example.org/50%/", "its path holds '%', which a URL path cannot hold unescaped"),
    ("https://example.org/a&b/", "its path holds '&', which a URL path cannot hold unescaped"),
    ("https://example.org/(x)/", "its path holds '(', which a URL path cannot hold unescaped"),
]
GOOD_BASE_URLS = [
    "https://example.org",
    "https://example.org/bulletin/",
    "HTTPS://Example.ORG/Bulletin",
    "http://127.0.0.1:8000/",
    "http://localhost:1/",
    "https://[::1]:8443/x/",
    "https://vnu.github.io/bulletin/v1.2/",
    "https://xn--i-7ia.vn/%C4%91/",
    "https://example.org/a-b_c.d~e/+x/",
    "/",
    "/bulletin/",
]


@pytest.mark.parametrize(("url", "reason"), BAD_BASE_URLS, ids=[case[0] for case in BAD_BASE_URLS])
def test_a_base_url_in_site_yaml_that_is_no_plain_url_is_refused_at_its_line(refused, url, reason):
    def setup(content, _tmp):
        site = (content / "site.yaml").read_text(encoding="utf-8")
        quoted = "'" + url.replace("'", "''") + "'"
        (content / "site.yaml").write_text(site.replace("base_url: https://example.org/", f"base_url: {quoted}"), encoding="utf-8")

    _, err = refused(setup)
    assert err.splitlines()[:-1] == [f"content/site.yaml:1: base_url: {reason}; {SCHEMA}"]


@pytest.mark.parametrize(("url", "reason"), BAD_BASE_URLS, ids=[case[0] for case in BAD_BASE_URLS])
def test_a_base_url_option_that_is_no_plain_url_is_a_usage_error(run, tmp_path, url, reason):
    with pytest.raises(SystemExit) as stopped:
        run(*build_args(tmp_path / "content", tmp_path / "public", "--base-url", url))
    assert stopped.value.code == 2
    err = run.capsys.readouterr().err
    assert err.splitlines()[-1] == f"vnu-site build: error: argument --base-url: {reason}; {SCHEMA}"
    assert not (tmp_path / "public").exists()


def test_a_base_url_that_is_not_text_is_refused(refused):
    def setup(content, _tmp):
        site = (content / "site.yaml").read_text(encoding="utf-8")
        (content / "site.yaml").write_text(site.replace("base_url: https://example.org/", "base_url: [a, b]"), encoding="utf-8")

    _, err = refused(setup)
    assert err.splitlines()[:-1] == [f"content/site.yaml:1: base_url: must be an absolute URL; {SCHEMA}"]


@pytest.mark.parametrize("url", GOOD_BASE_URLS)
def test_plain_base_urls_are_accepted(url):
    assert config.base_url_problem(url) is None


def test_an_odd_but_valid_base_url_builds_with_working_links(run, tiny, tmp_path):
    out = tmp_path / "public"
    code, _, err = run(*build_args(tiny, out, "--base-url", "https://example.org:8443/v1.2/~b+n/"))
    assert code == 0, err
    page = lxml_html.fromstring((out / "vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/index.html").read_bytes())
    assert "/v1.2/~b+n/vi/doi-tac/dai-hoc-thanh-hoa/" in page.xpath("//div[@class='body']//a/@href")


HOSTILE = "https://example.org/a\"b<c>&d'e/"  # what validation refuses, given to the link rewriting directly


def test_links_written_into_bodies_are_escaped_whatever_the_settings_hold(tiny, tmp_path):
    """Defence in depth: rewriting item links and image sources inside the (sanitised) body
    escapes what it puts in attributes, as the templates do, even for values that validation
    would refuse: a base path with quotes and angle brackets, a slug with them."""
    problems = Problems()
    options = BuildOptions(content=tiny, templates=TEMPLATES, build_date=None, cache_dir=None)
    site, strings = load_site(options, problems)
    hostile = dataclasses.replace(site, config=dataclasses.replace(site.config, base_url=HOSTILE))
    tsinghua = hostile.items[("partner", "tsinghua")]
    odd_slug = dataclasses.replace(tsinghua.texts["vi"], slug='x"><script>alert(1)</script>')
    hostile.items[("partner", "tsinghua")] = dataclasses.replace(tsinghua, texts={**tsinghua.texts, "vi": odd_slug})
    article = hostile.items[("article", "tsinghua-ai")]
    text = dataclasses.replace(article.texts["vi"], body_html=article.texts["vi"].body_html + '<p><img src="chart.png" alt=""></p>')
    article = dataclasses.replace(article, texts={**article.texts, "vi": text})
    body = resolved_body(article, "vi", hostile, Urls(hostile.config), strings)
    tree = lxml_html.fragment_fromstring(body, create_parent="div")
    assert tree.xpath("//script") == []
    links = tree.xpath("//a/@href")
    assert '/a"b<c>&d\'e/vi/doi-tac/x"><script>alert(1)</script>/' in links  # the value, exactly, inside its attribute
    assert tree.xpath("//img/@src") == ["/a\"b<c>&d'e/media/articles/tsinghua-ai/chart.png"]


# --- special files and clashing tags -------------------------------------------------


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


def _device(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3))  # a character device, like /dev/null
    except PermissionError:
        pytest.skip("this machine does not allow making device files")


def _link_to_dev_zero(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(path.parent / "nowhere.yaml")


SETTINGS = "the site settings must be a YAML file"
TAGS = "the tag list must be a YAML file"
SPECIAL = [
    ("site.yaml is a named pipe", "site.yaml", _fifo, f"content/site.yaml: is a named pipe, not a file: {SETTINGS}"),
    ("site.yaml is a folder", "site.yaml", _folder, f"content/site.yaml: is a folder, not a file: {SETTINGS}"),
    ("site.yaml is a device", "site.yaml", _device, f"content/site.yaml: is a device, not a file: {SETTINGS}"),
    (
        "site.yaml leads to /dev/zero",
        "site.yaml",
        _link_to_dev_zero,
        "content/site.yaml: is a link to a file outside the content folder; copy the file in instead",
    ),
    ("site.yaml is a broken link", "site.yaml", _dangling, "content/site.yaml: is a link to a file that does not exist"),
    ("tags.yaml is a named pipe", "tags.yaml", _fifo, f"content/tags.yaml: is a named pipe, not a file: {TAGS}"),
    ("tags.yaml is a folder", "tags.yaml", _folder, f"content/tags.yaml: is a folder, not a file: {TAGS}"),
    ("tags.yaml is a device", "tags.yaml", _device, f"content/tags.yaml: is a device, not a file: {TAGS}"),
    ("tags.yaml is a broken link", "tags.yaml", _dangling, "content/tags.yaml: is a link to a file that does not exist"),
]


@pytest.mark.parametrize(("name", "relative", "make", "expected"), SPECIAL, ids=[case[0] for case in SPECIAL])
def test_a_special_file_in_place_of_the_settings_gives_one_message(refused, name, relative, make, expected):
    """Not "missing", and not one "unknown tag" error for every tag an article names."""
    _, err = refused(lambda content, _tmp: make(content / relative))
    assert err.splitlines()[:-1] == [expected]


def test_an_unreadable_tag_list_gives_one_message(refused, monkeypatch):
    def setup(content, _tmp):
        real = Path.read_bytes
        target = os.path.abspath(content / "tags.yaml")

        def read_bytes(path):
            if os.path.abspath(path) == target:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)

    _, err = refused(setup)
    assert err.splitlines()[:-1] == ["content/tags.yaml: cannot be read (permission denied)"]


def test_a_tag_list_that_does_not_parse_gives_one_message(refused):
    _, err = refused(lambda content, _tmp: (content / "tags.yaml").write_text("ai: {vi: Trí tuệ\n", encoding="utf-8"))
    assert len(err.splitlines()) == 2, err  # the YAML error, then the summary: no "unknown tag 'ai'" after it
    assert err.splitlines()[0] == "content/tags.yaml:2: invalid YAML in the tag list: did not find expected ',' or '}'"


EXCHANGE = "exchange: {vi: Trao đổi sinh viên, en: Student exchange}\n"  # the articles of the tiny site use it
SAME_ADDRESS = "make the two labels differ"
CLASHING_TAGS = [
    (
        "the same label",
        "ai: {vi: Trí tuệ nhân tạo, en: AI}\nml: {vi: Học máy, en: AI}\n" + EXCHANGE,
        [f"content/tags.yaml:2: tag 'ml': its en label 'AI' gives the same page address ('ai') as tag 'ai' (line 1); {SAME_ADDRESS}"],
    ),
    (
        "labels that differ only in case and punctuation",
        "ai: {vi: Trí tuệ nhân tạo, en: Artificial intelligence}\n\n# later\nai2: {vi: 'TRÍ TUỆ  nhân-tạo!', en: Other}\n" + EXCHANGE,
        [
            "content/tags.yaml:4: tag 'ai2': its vi label 'TRÍ TUỆ  nhân-tạo!' gives the same page address ('tri-tue-nhan-tao') "
            f"as tag 'ai' (line 1); {SAME_ADDRESS}"
        ],
    ),
    (
        "a label of no letters falls back on the id, which another label makes",
        EXCHANGE + "ai: {vi: Trí tuệ nhân tạo, en: '!!!'}\nml: {vi: Học máy, en: Ai}\n",
        [f"content/tags.yaml:3: tag 'ml': its en label 'Ai' gives the same page address ('ai') as tag 'ai' (line 2); {SAME_ADDRESS}"],
    ),
    (
        "three tags, one address",
        "ai: {vi: AI, en: AI}\nml: {vi: Học máy, en: AI}\ndl: {vi: Học sâu, en: ai}\n" + EXCHANGE,
        [
            f"content/tags.yaml:2: tag 'ml': its en label 'AI' gives the same page address ('ai') as tag 'ai' (line 1); {SAME_ADDRESS}",
            f"content/tags.yaml:3: tag 'dl': its en label 'ai' gives the same page address ('ai') as tag 'ai' (line 1); {SAME_ADDRESS}",
        ],
    ),
]


@pytest.mark.parametrize(("name", "tags", "expected"), CLASHING_TAGS, ids=[case[0] for case in CLASHING_TAGS])
def test_two_tags_sharing_an_address_are_told_at_the_line_of_the_second(refused, name, tags, expected):
    _, err = refused(lambda content, _tmp: (content / "tags.yaml").write_text(tags, encoding="utf-8"))
    assert err.splitlines()[:-1] == expected
    assert "slug" not in err  # tags have no slug field to suggest


def test_a_tag_refused_for_its_labels_is_not_also_unknown_where_it_is_used(refused):
    _, err = refused(lambda content, _tmp: (content / "tags.yaml").write_text("ai: {vi: Trí tuệ}\nexchange: {vi: x, en: y}\n"))
    assert err.splitlines()[:-1] == ["content/tags.yaml:1: tag 'ai' needs a label for each language (en missing)"]


IMAGE = "content/articles/tsinghua-ai/cover.png"
# Images are looked at after the templates are loaded, whose compiled form is cached: not beside the output here.
_CACHE_ELSEWHERE = ("--cache-dir", "../cache")


def _illustrate(content: Path) -> Path:
    article = content / "articles" / "tsinghua-ai.vi.md"
    article.write_text(article.read_text(encoding="utf-8").replace("---\n", "---\ncover: cover.png\n", 1), encoding="utf-8")
    (content / "articles" / "tsinghua-ai").mkdir()
    return content / "articles" / "tsinghua-ai" / "cover.png"


def _image_link(path: Path) -> None:
    (path.parent / "real.png").write_bytes(b"\x89PNG")
    path.symlink_to("real.png")


IMAGES = [
    ("a named pipe", _fifo, f"image {IMAGE} is a named pipe, not an image file"),
    ("a folder", _folder, f"image {IMAGE} is a folder, not an image file"),
    ("a device", _device, f"image {IMAGE} is a device, not an image file"),
    ("a link", _image_link, f"image {IMAGE} is a link; put the image file itself in its place"),
]


@pytest.mark.parametrize(("name", "make", "message"), IMAGES, ids=[case[0] for case in IMAGES])
def test_a_special_file_in_place_of_an_image_is_named_at_its_line(refused, name, make, message):
    _, err = refused(lambda content, _tmp: make(_illustrate(content)), *_CACHE_ELSEWHERE)
    assert err.splitlines()[:-1] == [f"content/articles/tsinghua-ai.vi.md:2: {message}"]


def test_an_unreadable_image_is_named_at_its_line(refused, monkeypatch):
    def setup(content, _tmp):
        image = _illustrate(content)
        image.write_bytes(b"\x89PNG")
        failing(monkeypatch, "open", image)

    _, err = refused(setup, *_CACHE_ELSEWHERE)
    assert err.splitlines()[:-1] == [f"content/articles/tsinghua-ai.vi.md:2: image {IMAGE} cannot be read (permission denied)"]


def test_special_settings_files_are_refused_by_check_too(run, tiny):
    _fifo(tiny / "tags.yaml")
    code, out, _ = run("check", "--content", tiny, "--templates", TEMPLATES, "--build-date", "2025-06-01")
    assert code == 1
    assert out.splitlines()[:-1] == [f"{tiny.as_posix()}/tags.yaml: is a named pipe, not a file: {TAGS}"]


def test_an_image_folder_that_cannot_be_read_is_one_error(refused, monkeypatch):
    def setup(content, _tmp):
        image = _illustrate(content)
        image.write_bytes(b"\x89PNG")
        failing(monkeypatch, "scandir", image.parent)
        failing(monkeypatch, "listdir", image.parent)

    _, err = refused(setup, *_CACHE_ELSEWHERE)
    assert err.splitlines()[:-1] == ["content/articles/tsinghua-ai: cannot be read (permission denied)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("kind", ["named pipe", "folder"])
def test_the_themes_strings_table_replaced_by_a_special_file_is_one_error(run, tiny, tmp_path, kind):
    """Reading a named pipe would wait for ever: the strings table is checked like site.yaml."""
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "strings.yaml").unlink()
    if kind == "named pipe":
        os.mkfifo(templates / "strings.yaml")
    else:
        (templates / "strings.yaml").mkdir()
    code, _, err = run(*build_args(tiny, tmp_path / "public", "--templates", templates))
    assert code == 1
    expected = f"{templates.as_posix()}/strings.yaml: is a {kind}, not a file: the strings table must be a YAML file"
    assert expected in err.splitlines(), err
