"""`vnu-site init DIR`: a new site that builds and passes `check --strict` at once, with a
publishing workflow pinned to this version; an occupied folder is refused untouched."""

from __future__ import annotations

import datetime
import re
import shlex
import subprocess
import sys
import unicodedata

import pytest
import yaml

from conftest import ROOT, tree
from vnu_site.editor import init
from vnu_site.version import __version__

FILES = [
    "README.md",
    "content/articles/welcome.en.md",
    "content/articles/welcome.vi.md",
    "content/pages/about.en.md",
    "content/pages/about.vi.md",
    "content/partners/example-university.en.md",
    "content/partners/example-university.vi.md",
    "content/site.yaml",
    "content/tags.yaml",
    ".github/workflows/publish.yml",
    ".gitignore",
    "templates/strings.yaml",
]


def test_makes_the_starter_site_and_says_what_next(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init", "bulletin")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "created a new site in bulletin (12 files): replace the texts marked REPLACE (THAY THẾ)",
        "next: cd bulletin, then `vnu-site serve` to preview it as you edit, `vnu-site check`, `vnu-site build` (see README.md)",
    ]
    assert sorted(tree(tmp_path / "bulletin")) == sorted(FILES)


def test_the_new_site_builds_and_passes_the_strict_check_at_once(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "site")[0] == 0
    monkeypatch.chdir(tmp_path / "site")
    code, out, err = run("check", "--strict")
    assert (code, out, err) == (0, "check: 0 error(s), 0 warning(s), 0 note(s)\n", "")
    code, out, err = run("build", "--no-search")
    assert (code, err) == (0, "")
    assert out.startswith("built ")
    public = tree(tmp_path / "site" / "public")
    assert {"vi/index.html", "en/index.html", "vi/gioi-thieu/index.html", "en/about/index.html"} <= public.keys()
    partner = public["vi/doi-tac/dai-hoc-vi-du/index.html"].decode("utf-8")
    assert 'href="/bulletin/vi/tin-tuc/ra-mat-ban-tin-hop-tac-quoc-te/"' in partner  # the article that links it


def test_the_article_is_dated_the_day_init_runs_and_the_workflow_installs_this_version(tmp_path):
    today = datetime.date.today()
    init.create(tmp_path / "site", today)
    article = (tmp_path / "site" / "content" / "articles" / "welcome.vi.md").read_text(encoding="utf-8")
    assert f"\ndate: {today.isoformat()}\n" in article
    workflow = (tmp_path / "site" / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert f'run: pip install "vnu-site=={__version__}"' in workflow
    readme = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert f"vnu-site {__version__}, {today.isoformat()}" in readme
    for path, data in tree(tmp_path / "site").items():
        text = data.decode("utf-8")
        assert "@DATE@" not in text and "@VERSION@" not in text, path
        assert unicodedata.is_normalized("NFC", text), path  # Vietnamese as the build reads it


def test_the_starter_files_are_marked_as_placeholders_with_a_fictional_partner(tmp_path):
    files = init.starter_files(datetime.date(2026, 1, 2))
    for name, data in files.items():
        if name.startswith("content/") and name.endswith(".md"):
            text = data.decode("utf-8")
            body = text.split("---\n", 2)[2]
            assert body.startswith("THAY THẾ:" if ".vi." in name else "REPLACE:"), name
    assert "Đại học Ví dụ" in files["content/partners/example-university.vi.md"].decode("utf-8")
    assert "Example University" in files["content/partners/example-university.en.md"].decode("utf-8")
    assert files[".gitignore"].decode("utf-8").splitlines()[1:] == ["public/", ".vnu-cache/"]


def test_the_workflow_is_valid_and_checks_strictly_before_building(tmp_path):
    init.create(tmp_path / "site", datetime.date.today())
    path = tmp_path / "site" / ".github" / "workflows" / "publish.yml"
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    check = next(i for i, line in enumerate(runs) if line.startswith("vnu-site check"))
    build = next(i for i, line in enumerate(runs) if line.startswith("vnu-site build"))
    assert check < build and "--strict" in runs[check].split()
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    # The image variants come back from the Actions cache, as in the bulletin's own workflow.
    ours = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert [step for step in workflow["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/cache@")] == [
        step for step in ours["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/cache@")
    ]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in workflow["jobs"]["deploy"]["steps"])


def test_the_workflows_commands_work_on_the_new_site(run, tmp_path, monkeypatch):
    """Its check and build lines as a runner runs them, the expressions filled in."""
    init.create(tmp_path / "site", datetime.date.today())
    monkeypatch.chdir(tmp_path / "site")
    workflow = yaml.safe_load((tmp_path / "site" / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    values = {
        "steps.pages.outputs.base_url": "https://office.github.io/bulletin",
        "steps.today.outputs.date": datetime.date.today().isoformat(),
    }
    for line in (step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step):
        if not line.startswith("vnu-site"):
            continue
        args = shlex.split(re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m[1]], line))[1:]
        if "--published" in args:  # no network in the tests: compared with nothing published
            at = args.index("--published")
            del args[at : at + 2]
        if args[0] == "build":
            args.append("--no-search")
        code, out, err = run(*args)
        assert code == 0, f"{line}\n{out}{err}"
    assert 'href="https://office.github.io/bulletin/en/"' in (tmp_path / "site" / "public" / "vi" / "index.html").read_text(
        encoding="utf-8"
    )


def test_an_empty_folder_is_taken(run, tmp_path):
    (tmp_path / "site").mkdir()
    code, _, err = run("init", tmp_path / "site", "--quiet")
    assert (code, err) == (0, "")
    assert len(tree(tmp_path / "site")) == len(FILES)


@pytest.mark.parametrize("occupant", ["a file in it", "a hidden file in it", "a file in its place"])
def test_an_occupied_folder_is_refused_and_left_as_it_was(run, tmp_path, occupant):
    site = tmp_path / "site"
    if occupant == "a file in its place":
        site.write_text("mine", encoding="utf-8")
        expected = f"error: {site.as_posix()} exists and is not a folder; give the name of a new or empty folder\n"
    else:
        site.mkdir()
        (site / (".git" if "hidden" in occupant else "notes.txt")).write_text("mine", encoding="utf-8")
        expected = f"error: {site.as_posix()} is not empty; give the name of a new or empty folder (nothing was written)\n"
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    code, out, err = run("init", site)
    assert (code, out, err) == (1, "", expected)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before


def test_a_write_that_fails_half_way_removes_what_was_written(run, tmp_path, monkeypatch):
    monkeypatch.setattr(init, "starter_files", lambda *_: {"content/a.md": b"1", "content/a.md/b.md": b"2"})
    code, out, err = run("init", tmp_path / "site")
    assert (code, out) == (1, "")
    assert err.startswith(f"{(tmp_path / 'site' / 'content' / 'a.md').as_posix()}: ")
    assert not (tmp_path / "site").exists()


def test_a_failed_init_also_removes_the_parent_folders_it_made(run, tmp_path, monkeypatch):
    (tmp_path / "sites").mkdir()
    monkeypatch.setattr(init, "starter_files", lambda *_: {"a.md": b"1", "a.md/b.md": b"2"})
    code, _, _ = run("init", tmp_path / "sites" / "office" / "2026" / "site")
    assert code == 1
    assert [p.name for p in tmp_path.rglob("*")] == ["sites"]  # only what was there before


def test_verbose_lists_every_file_and_quiet_says_nothing(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init", "one", "--verbose")
    assert code == 0
    assert out.splitlines()[: len(FILES)] == [f"created one/{name}" for name in init.starter_files(datetime.date.today())]
    assert sorted(line.removeprefix("created one/") for line in out.splitlines()[: len(FILES)]) == sorted(FILES)
    assert len(out.splitlines()) == len(FILES) + 2
    assert run("init", "two", "-q")[1:] == ("", "")
    with pytest.raises(SystemExit) as usage:
        run("init", "three", "-q", "-v")
    assert usage.value.code == 2
    assert not (tmp_path / "three").exists()
