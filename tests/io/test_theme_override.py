"""A site owns its look file by file (io/theme.py, docs/theming.md): one template, one asset
and one string overridden change exactly those bytes of the output, nothing else."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import BUILD_DATE, THEME, TINY, tree

TAG_PAGE = re.compile(r"(en/tags|vi/chu-de)/[^/]+/(.+/)?index\.html")
INSERTED = '<meta name="topic-page" content="yes">'
NEW_ALL_NEWS = {"vi": "Mọi bài viết", "en": "Every story"}


def _build(run, templates: str, out: str) -> dict[str, bytes]:
    code, _, err = run(
        "build",
        "--content",
        "content",
        "--templates",
        templates,
        "--out",
        out,
        "--build-date",
        BUILD_DATE,
        "--no-search",
        "--cache-dir",
        out + "-cache",
    )
    assert code == 0, err
    return {name: data for name, data in tree(Path(out)).items() if name != ".vnu-site.json"}  # the manifest: hashes


def test_one_template_one_asset_one_string_change_exactly_their_bytes(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, "content")
    (tmp_path / "empty").mkdir()
    before = _build(run, "empty", "default")

    site = tmp_path / "templates"
    (site / "static").mkdir(parents=True)
    (site / "tag.html").write_text('{% extends "theme/tag.html" %}\n{% block head %}' + INSERTED + "{% endblock %}\n", encoding="utf-8")
    icon = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n'
    (site / "static" / "favicon.svg").write_bytes(icon)
    (site / "strings.yaml").write_text(f"home.all_news: {{vi: {NEW_ALL_NEWS['vi']}, en: {NEW_ALL_NEWS['en']}}}\n", encoding="utf-8")
    after = _build(run, "templates", "owned")

    assert sorted(after) == sorted(before)  # no file added or lost
    changed = {name for name in before if before[name] != after[name]}
    tag_pages = {name for name in before if TAG_PAGE.fullmatch(name)}
    assert tag_pages  # the fixture has tags
    assert changed == tag_pages | {"assets/favicon.svg", "en/index.html", "vi/index.html"}

    assert after["assets/favicon.svg"] == icon
    for name in tag_pages:  # the one block, and nothing else
        assert after[name].count(INSERTED.encode()) == 1
        assert after[name].replace(INSERTED.encode(), b"") == before[name], name
    old_all_news = {"vi": "Tất cả tin tức", "en": "All news"}  # the default theme's strings.yaml
    for lang in ("vi", "en"):
        page = f"{lang}/index.html"
        assert after[page].count(f">{NEW_ALL_NEWS[lang]}<".encode()) == 1
        assert after[page].replace(NEW_ALL_NEWS[lang].encode(), old_all_news[lang].encode()) == before[page]


def test_a_string_overridden_in_one_language_only_is_an_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, "content")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "strings.yaml").write_text("# the site's own words\nhome.all_news: {vi: Mọi bài viết}\n", encoding="utf-8")
    code, _, err = run("build", "--content", "content", "--templates", "templates", "--out", "public", "--no-search")
    assert code == 1
    assert "templates/strings.yaml:2: string 'home.all_news' has no 'en' text" in err.splitlines()
    assert not (tmp_path / "public").exists()


def test_the_default_theme_ships_what_the_docs_name():
    """docs/theming.md's examples name real files and blocks of the default theme."""
    assert (THEME / "tag.html").is_file() and (THEME / "static" / "favicon.svg").is_file()
    assert "{% block head %}" in (THEME / "base.html").read_text(encoding="utf-8")


def test_a_link_or_a_pipe_in_the_templates_folder_is_refused_not_published(run, tmp_path, monkeypatch):
    """A link in templates/static/ would publish whatever it points at (/etc/passwd); a named
    pipe would hang the build. Both are named, and nothing is written."""
    import os
    import sys

    import pytest

    if sys.platform == "win32":
        pytest.skip("links need privileges on Windows, and named pipes are not files there")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(TINY, "content")
    static = tmp_path / "templates" / "static"
    static.mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web", encoding="utf-8")
    os.symlink(secret, static / "notes.txt")
    os.mkfifo(static / "pipe.css")
    os.symlink(THEME, tmp_path / "templates" / "theme-copy")  # a folder link: not followed either
    code, _, err = run(
        "build", "--content", "content", "--templates", "templates", "--out", "public", "--build-date", BUILD_DATE, "--no-search"
    )
    assert code == 1
    assert err.splitlines()[:3] == [
        "templates/static/notes.txt: is a link; put the file itself in the templates folder",
        "templates/static/pipe.css: is not a file (a named pipe, a socket or a device); remove it",
        "templates/theme-copy: is a link; put the file itself in the templates folder",
    ]
    assert not (tmp_path / "public").exists()
