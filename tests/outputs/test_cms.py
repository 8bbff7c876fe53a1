"""The browser editor's configuration (outputs/cms.py), written from the content schema: every
field of every kind has a widget (a new field or type without one fails here), references are
relation widgets that store keys, texts are translated and facts are not, the languages are
site.yaml's, and a site without `editor:` has no /admin/. The CMS's own check of the whole
configuration is in tests/browser/test_cms.py."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import html

import npm_packages
from conftest import ROOT, TINY, build_args, tree
from vnu_site.errors import Problems
from vnu_site.model import FOLDER_OF, KINDS, Editor, SiteConfig
from vnu_site.outputs import cms
from vnu_site.sources import config, schema
from vnu_site.sources.schema import FIELDS

TRILINGUAL = ROOT / "tests" / "fixtures" / "trilingual"
GITHUB = Editor(backend={"name": "github", "repo": "vnu/bulletin", "branch": "main"}, editorial=True)


def site_settings(folder: Path, editor: Editor | None = GITHUB) -> tuple[SiteConfig, dict]:
    problems = Problems()
    loaded = config.load(folder / "site.yaml", "site.yaml", problems)
    assert loaded is not None, problems.errors
    tags = config.load_tags(folder / "tags.yaml", "tags.yaml", loaded.languages, problems)
    return dataclasses.replace(loaded, editor=editor), tags or {}


@pytest.fixture(scope="module")
def bulletin() -> dict:
    return cms.config(*site_settings(ROOT / "content"))


def fields_of(made: dict, kind: str) -> dict[str, dict]:
    collection = next(c for c in made["collections"] if c["name"] == FOLDER_OF[kind])
    return {field["name"]: field for field in collection["fields"]}


def test_every_type_of_the_schema_has_a_widget():
    types = {spec.type.split(":")[0] for kind in FIELDS.values() for spec in kind.values()}
    assert set(schema.CHECKERS) == set(cms.WIDGETS), "a type of schema.CHECKERS has no widget in outputs/cms.WIDGETS (or the reverse)"
    assert types <= {*cms.WIDGETS, "id", "ids"}


def test_every_field_of_every_kind_is_in_the_form_with_a_label(bulletin):
    assert [c["name"] for c in bulletin["collections"]] == [FOLDER_OF[kind] for kind in KINDS]
    for kind in KINDS:
        shown = fields_of(bulletin, kind)
        assert set(shown) == {*FIELDS[kind], "body"}, kind
        assert list(shown)[:-1] == cms.form_order(kind)
        for name, spec in FIELDS[kind].items():
            assert shown[name]["label"] == cms.LABELS[name][0]
            assert shown[name]["required"] is spec.required, (kind, name)
    named = {name for kind in FIELDS.values() for name in kind}
    assert named <= set(cms.FORM_ORDER) and named <= set(cms.LABELS)


def test_each_collection_is_the_kind_s_folder_in_every_language(bulletin):
    assert bulletin["i18n"] == {"structure": "multiple_files", "locales": ["vi", "en"], "default_locale": "vi"}
    for collection in bulletin["collections"]:
        assert collection["folder"] == "content/" + collection["name"]
        assert (collection["extension"], collection["format"], collection["i18n"]) == ("md", "vnu-site", True)
        # Images beside the texts: {{filename}} of a multiple_files entry is its key.
        assert (collection["media_folder"], collection["public_folder"]) == ("{{filename}}", "")


def test_texts_are_translated_and_facts_written_once(bulletin):
    for kind in KINDS:
        shown = fields_of(bulletin, kind)
        for name, spec in FIELDS[kind].items():
            assert shown[name]["i18n"] == ("none" if spec.neutral else True), (kind, name)
        assert shown["body"]["i18n"] is True


def test_references_pick_an_item_by_title_and_store_its_key(bulletin):
    found = 0
    for kind in KINDS:
        shown = fields_of(bulletin, kind)
        for name, spec in FIELDS[kind].items():
            referred = schema.referred_kind(spec)
            if referred is None:
                assert shown[name]["widget"] != "relation"
                continue
            found += 1
            widget = shown[name]
            assert widget["widget"] == "relation"
            assert widget["collection"] == FOLDER_OF[referred]
            assert widget["value_field"] == "{{slug}}"  # the file's name without .<lang>.md
            assert widget["display_fields"] == ["title"] and "title" in widget["search_fields"]
            assert widget["multiple"] is spec.type.startswith("ids:")
    assert found == 10  # articles' partners, events, agreements; initiator, secretariat, members; …; a page's parent


def test_choices_are_what_the_schema_accepts(bulletin):
    tags = yaml.safe_load((ROOT / "content" / "tags.yaml").read_text(encoding="utf-8"))
    assert fields_of(bulletin, "article")["tags"]["options"] == [{"label": tags[key]["vi"], "value": key} for key in tags]
    assert fields_of(bulletin, "article")["tags"]["multiple"] is True
    for kind in ("partner", "event", "agreement"):
        assert fields_of(bulletin, kind)["kind"]["options"] == list(schema.ENUMS[kind])
    countries = fields_of(bulletin, "partner")["country"]["options"]
    assert len(countries) > 240
    for option in countries:
        assert schema.check_country(option["value"], "partner") == option["value"]
    assert {"label": "Trung Quốc (CN)", "value": "CN"} in countries


SAMPLES = {
    cms.DATE: ("2025-04-14", "2025-04", "2025-12-31", "2025", "2025-13", "2025-04-1", "14/04/2025"),
    cms.WHEN: ("2025-04-14", "2025-04", "2024", "24", "2025-00"),
    cms.KEY: ("tsinghua", "mou-2024", "a", "Tsinghua", "a--b", "-a", "a-", "a_b", "ab\n"),
    cms.URL: ("https://example.org/x", "http://a", "ftp://a", "https://a b", "https://"),
    cms.PATH: ("/vi/tin-tuc/ten-cu/", "/a/", "/vi/tin-tuc", "vi/", "/Vi/"),
    cms.VERSION: ("0123abcd", "0123abc", "0123ABCD", "0123abcde"),
}
CHECKS = {
    cms.DATE: schema.check_date,
    cms.WHEN: schema.check_when,
    cms.KEY: schema.check_key,
    cms.URL: schema.check_url,
    cms.PATH: schema.check_paths,
}


@pytest.mark.parametrize("pattern", SAMPLES)
def test_the_form_s_patterns_accept_what_the_build_reads(pattern):
    """The form's patterns (JavaScript's syntax, which Python's re reads the same here) accept
    a value exactly when the build's check does (the build also forgives spaces around a
    value, which YAML drops anyway; years out of range only the build refuses)."""
    js = re.compile(pattern.replace("$", r"\Z"))
    for value in SAMPLES[pattern]:
        if pattern == cms.VERSION:
            accepted = schema.VERSION_PATTERN.match(value) is not None
        else:
            try:
                CHECKS[pattern](value, "article")
                accepted = True
            except ValueError:
                accepted = False
        assert bool(js.match(value)) is accepted, (pattern, value)


def test_languages_are_site_yaml_s(bulletin):
    made = cms.config(*site_settings(TRILINGUAL))
    assert made["i18n"] == {"structure": "multiple_files", "locales": ["vi", "en", "fr"], "default_locale": "vi"}
    assert fields_of(made, "agreement")["translated_from"]["fields"][0]["options"] == ["vi", "en", "fr"]


def test_a_site_in_another_language_reads_english_labels():
    settings, tags = site_settings(TRILINGUAL)
    made = cms.config(dataclasses.replace(settings, default_language="fr"), tags)
    assert made["locale"] == "en" and made["i18n"]["default_locale"] == "fr"
    assert fields_of(made, "article")["title"]["label"] == "Title"


def test_the_backend_and_workflow_are_site_yaml_s(bulletin):
    assert bulletin["backend"] == {"name": "github", "repo": "vnu/bulletin", "branch": "main"}
    assert bulletin["publish_mode"] == "editorial_workflow"
    simple = cms.config(*site_settings(ROOT / "content", Editor(backend={"name": "gitea", "repo": "a/b", "branch": "main"})))
    assert "publish_mode" not in simple


def test_the_local_proxy_saves_on_this_computer_only():
    """`serve --cms`: the proxy is the backend itself (never `local_backend`, which would fall
    back to the published repository when the proxy is not answering), with no workflow."""
    made = cms.config(*site_settings(ROOT / "content"), proxy="http://127.0.0.1:9/api/v1", prefix="content/")
    assert made["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:9/api/v1"}
    assert "local_backend" not in made and "publish_mode" not in made


def test_without_editor_setting_there_is_no_admin(tmp_path, tiny, run):
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    assert not (out / "admin").exists()
    with (tiny / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("editor: true\n")  # this computer only: nothing is published
    assert run(*build_args(tiny, out))[0] == 0
    assert not (out / "admin").exists()


def test_the_admin_pages_are_for_editors_only(tmp_path, tiny, run):
    with (tiny / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("editor:\n  backend: github\n  repo: vnu/bulletin\n")
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    files = tree(out)
    assert {name for name in files if name.startswith("admin/")} == {"admin/index.html", "admin/config.yml", "admin/vnu-site-format.js"}
    page = html.fromstring(files["admin/index.html"])
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert page.xpath("//body/@data-pagefind-ignore") == ["all"] and not page.xpath("//*[@data-pagefind-body]")
    scripts = page.xpath("//script")
    assert [(s.get("src"), s.get("integrity")) for s in scripts[:-1]] == [(s.url, s.integrity) for s in cms.SCRIPTS]
    assert scripts[-1].get("src") == "vnu-site-format.js"
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert policy.startswith("script-src 'self' https://cdn.jsdelivr.net/npm/decap-cms@3.16.3/dist/ ")
    made = yaml.safe_load(files["admin/config.yml"])
    assert made["backend"]["repo"] == "vnu/bulletin" and made["collections"][0]["folder"] == "content/articles"
    # No visitor's page, feed or sitemap knows it.
    for name, data in files.items():
        if not name.startswith("admin/") and name.endswith((".html", ".xml", ".json", ".txt", ".ics")):
            assert b"/admin/" not in data and b"decap" not in data, name


def test_the_pinned_hashes_are_those_of_the_npm_packages_files():
    """What the page asks the CDN for, with its integrity, is the file of the npm package at
    that version (`npm pack` checks the tarball against the registry's own hash)."""
    for script in cms.SCRIPTS:
        data = (npm_packages.package_folder(script) / script.file).read_bytes()
        assert script.integrity == "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode(), script.package


def test_the_search_index_leaves_the_admin_page_out(tmp_path, tiny, run):
    """Pagefind indexes only the pages marked for search once any is: /admin/ is not."""
    counts = []
    for setting in ("", "editor: {backend: github, repo: vnu/bulletin}\n"):
        (tiny / "site.yaml").write_text((TINY / "site.yaml").read_text(encoding="utf-8") + setting, encoding="utf-8")
        out = tmp_path / f"public{len(counts)}"
        assert run(*build_args(tiny, out, search=True))[0] == 0
        entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts.append({lang: data["page_count"] for lang, data in entry["languages"].items()})
    assert (out / "admin" / "index.html").is_file()
    assert counts[0] == counts[1] and sum(counts[0].values()) > 10


def test_a_quick_build_keeps_the_admin_files_without_babel(tmp_path, tiny, run):
    """The form's country names come from Babel; an edited text does not make them again."""
    with (tiny / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("editor: {backend: github, repo: vnu/bulletin}\n")
    out = tmp_path / "public"
    args = [str(arg) for arg in build_args(tiny, out)]
    assert run(*args)[0] == 0
    before = tree(out)
    article = tiny / "articles" / "tsinghua-ai.en.md"
    article.write_text(article.read_text(encoding="utf-8").replace("title: ", "title: Now ", 1), encoding="utf-8")
    code = f"import sys; from vnu_site.__main__ import main; code = main({[*args, '-v']!r}); print(code, 'babel' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.startswith("path: quick"), done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "0 False"
    after = tree(out)
    assert [name for name in before if name.startswith("admin/") and after[name] != before[name]] == []
