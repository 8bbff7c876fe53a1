"""The browser editor's front-matter format (outputs/cms_format.js), run in Node with the pinned
js-yaml: every content file comes back byte for byte when nothing was changed, the form shows
what the build reads, a changed field changes its own lines only, an emptied one goes, and
what it writes anew the build reads as the editor typed it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import npm_packages
from conftest import ROOT
from vnu_site.outputs import cms
from vnu_site.sources import frontmatter

FORMAT = ROOT / "src" / "vnu_site" / "outputs" / "cms_format.js"
FILES = sorted([*(ROOT / "content").glob("*/*.md"), *(ROOT / "tests" / "fixtures").glob("*/*/*.md")])
# Reads cases ({text, change, remove, sortedKeys}) on stdin; for each, what fromFile gave (less
# the original it keeps) and what toFile wrote after the change.
HARNESS = """
const fs = require("fs");
global.jsyaml = require(process.argv[2]);
let format;
global.CMS = { registerCustomFormat: (name, extension, formatter) => { format = formatter; } };
require(process.argv[3]);
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const results = cases.map((c) => {
  const data = c.text === null ? {} : format.fromFile(c.text);
  const edited = JSON.parse(JSON.stringify(data));  // as Decap hands it back: plain data
  Object.assign(edited, c.change || {});
  (c.remove || []).forEach((key) => delete edited[key]);
  const read = Object.assign({}, data);
  delete read.__vnu_site_original;
  return { read: read, written: format.toFile(edited, c.sortedKeys || []) };
});
process.stdout.write(JSON.stringify(results));
"""


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("Node is needed for the browser editor's tests: apt-get install -y nodejs npm (the README's test command does)")
    return found


@pytest.fixture(scope="module")
def run_format(node, tmp_path_factory):
    jsyaml = next(s for s in cms.SCRIPTS if s.package == "js-yaml")
    library = npm_packages.package_folder(jsyaml) / jsyaml.file
    harness = tmp_path_factory.mktemp("format") / "harness.js"
    harness.write_text(HARNESS, encoding="utf-8")

    def run(cases: list[dict]) -> list[dict]:
        done = subprocess.run(
            [node, str(harness), str(library), str(FORMAT)],
            input=json.dumps(cases),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def values(text: str) -> dict:
    parsed = frontmatter.parse(text)
    return {name: field.value for name, field in parsed.fields.items()} | {"body": parsed.body}


def test_every_file_comes_back_as_it_was_and_the_form_shows_what_the_build_reads(run_format):
    texts = [path.read_text(encoding="utf-8") for path in FILES]
    assert len(texts) > 100
    results = run_format([{"text": text} for text in texts])
    for path, text, result in zip(FILES, texts, results, strict=True):
        assert result["written"] == text, path
        assert result["read"] == values(text), path


TSINGHUA = (ROOT / "content" / "partners" / "tsinghua.vi.md").read_text(encoding="utf-8")
ARTICLE = (ROOT / "content" / "articles" / "vnu-tsinghua-raise-cooperation.vi.md").read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    return [line for line in difflib.ndiff(before.split("\n"), after.split("\n")) if line[:1] in "+-"]  # type: ignore[misc]


def test_a_changed_field_changes_its_own_lines_only(run_format):
    title, partners, summary = run_format([
        {"text": TSINGHUA, "change": {"title": "Đại học Thanh Hoa (Bắc Kinh)"}},
        {"text": ARTICLE, "change": {"partners": ["vnu", "tsinghua"]}},
        {"text": ARTICLE, "change": {"summary": "Một câu: có dấu hai chấm."}},
    ])  # fmt: skip
    assert changed_lines(TSINGHUA, title["written"]) == ["- title: Đại học Thanh Hoa", "+ title: Đại học Thanh Hoa (Bắc Kinh)"]
    assert changed_lines(ARTICLE, partners["written"]) == [
        "- partners: [vnu, tsinghua, vietnam-china-university-network, global-mooc-alliance]",
        "+ partners: [vnu, tsinghua]",
    ]
    assert [line[:12] for line in changed_lines(ARTICLE, summary["written"])] == ['- summary: "', '+ summary: "']
    assert values(summary["written"])["summary"] == "Một câu: có dấu hai chấm."


def test_an_emptied_field_is_left_out_and_a_new_one_goes_where_the_form_puts_it(run_format):
    order = cms.form_order("partner")
    emptied, added = run_format([
        {"text": TSINGHUA, "change": {"short_name": ""}, "sortedKeys": order},
        {"text": TSINGHUA, "change": {"website": "https://www.tsinghua.edu.cn/", "members": []}, "sortedKeys": order},
    ])  # fmt: skip
    assert changed_lines(TSINGHUA, emptied["written"]) == ["- short_name: ĐH Thanh Hoa"]
    assert changed_lines(TSINGHUA, added["written"]) == ["+ website: https://www.tsinghua.edu.cn/"]  # an empty list is no field
    assert added["written"].index("country: CN") < added["written"].index("website:")


def test_an_untouched_placeholder_stays(run_format):
    """`vnu-site new` writes empty fields with a comment to fill in; saved untouched, they stay."""
    scaffolded = (
        '---\ntitle: "Mới"\nslug: moi\ndraft: true  # remove this line when the text is written\ncountry:  # two-letter code\n---\n'
    )
    (kept,) = run_format([{"text": scaffolded, "change": {"title": "Mới hơn"}}])
    assert changed_lines(scaffolded, kept["written"]) == ['- title: "Mới"', "+ title: Mới hơn"]


TRICKY = [
    "yes",
    "No",
    "on",
    "null",
    "~",
    "2025",
    "12.5",
    "-1",
    "a: b",
    "#x",
    "x #y",
    " lead",
    "trail ",
    "Đại học (ĐH)",
    "a, b",
    "[x]",
    "{x}",
]
TRICKY += ["line\nbreak", 'say "hi"', "it's", "*star", "&anchor", "!tag", "%pct", "@at", "`tick", "|", ">", "?", "- dash", "ĐHQGHN – VNU"]


def test_what_is_written_anew_the_build_reads_as_typed(run_format):
    order = cms.form_order("article")
    cases = [{"text": None, "change": {"title": value, "tags": [value], "body": "Nội dung.\n"}, "sortedKeys": order} for value in TRICKY]
    cases.append({
        "text": None,
        "sortedKeys": order,
        "change": {"body": "", "title": "Tin", "date": "2025-05", "partners": ["vnu", "tsinghua"], "draft": True,
                   "source": [{"name": "Báo Nhân Dân: tin", "date": "2025-03-01", "url": "https://nhandan.vn/x"}, {"name": "VNU"}],
                   "translated_from": {"lang": "vi", "version": "0123abcd"}},
    })  # fmt: skip
    results = run_format(cases)
    for value, result in zip(TRICKY, results, strict=False):
        assert values(result["written"])["title"] == value, result["written"]
        assert values(result["written"])["tags"] == [value], result["written"]
    assert results[-1]["written"] == (
        "---\n"
        "title: Tin\n"
        "date: 2025-05\n"
        "partners: [vnu, tsinghua]\n"
        "source:\n"
        '  - name: "Báo Nhân Dân: tin"\n'
        "    date: 2025-03-01\n"
        "    url: https://nhandan.vn/x\n"
        "  - name: VNU\n"
        "draft: true\n"
        'translated_from: {lang: vi, version: "0123abcd"}\n'
        "---\n"
    )


def test_the_format_is_what_the_admin_page_loads():
    assert cms.format_script() == FORMAT.read_bytes()
    assert Path(cms.__file__).with_name("cms_format.js") == FORMAT
