"""The GitHub Pages workflow: valid against the workflow schema, triggered on push to main and
daily, and its check and build steps are commands that work on the bundled content."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, tree
from vnu_site.model import BuildOptions
from vnu_site.outputs import images

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_validates_against_the_workflow_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_can_fail(tmp_path):
    """The validation above is not vacuous: a job without runs-on is refused."""
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True
    )
    assert result.returncode == 1


def test_runs_on_push_to_main_and_daily(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*")
    assert minute.isdigit() and hour.isdigit()


def test_a_pull_request_is_checked_and_never_published(workflow):
    """The browser editor's editorial workflow opens a pull request per entry: the check's
    path:line messages show on it before it is merged; nothing is deployed from it."""
    assert workflow[True]["pull_request"]["branches"] == ["main"]
    upload = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["if"] == workflow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"


def test_deploys_with_the_official_pages_actions(workflow):
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    for action in ("actions/checkout@", "actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(use.startswith(action) for use in uses), action
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def _steps(workflow) -> list[str]:
    return [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]


def test_checks_before_building_with_the_pages_address(workflow):
    runs = _steps(workflow)
    check = next(i for i, run in enumerate(runs) if run.startswith("vnu-site check"))
    build = next(i for i, run in enumerate(runs) if run.startswith("vnu-site build"))
    assert check < build
    assert '--base-url "${{ steps.pages.outputs.base_url }}/"' in runs[build]
    upload = next(step for step in workflow["jobs"]["build"]["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert f"--out {upload['with']['path']}" in runs[build]


def test_the_image_variants_are_kept_between_runs(workflow):
    """The resized photos (the costly part of a build) come back from the Actions cache
    before the build, from the folder the build keeps them in."""
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
    build = next(i for i, step in enumerate(steps) if step.get("run", "").startswith("vnu-site build"))
    assert cache < build and "--cache-dir" not in steps[build]["run"]
    kept = steps[cache]["with"]
    assert kept["path"] == f"{BuildOptions.cache_dir}/*/{images.STORE}"
    assert kept["key"].startswith(kept["restore-keys"]) and "github.run_id" in kept["key"]


def test_its_commands_work_on_the_bundled_content(workflow, tmp_path):
    """Run the workflow's check and build lines as a runner would, with the expressions filled in."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    values = {"steps.pages.outputs.base_url": "https://vnu.github.io/bulletin", "steps.today.outputs.date": "2026-01-01"}
    for run in _steps(workflow):
        if not run.startswith("vnu-site"):
            continue
        line = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m[1]], run)
        args = shlex.split(line)[1:]
        args = [arg for arg in args if arg != "--published"] if "--published" in args else args
        if "check" in args and "https://vnu.github.io/bulletin/" in args:
            args.remove("https://vnu.github.io/bulletin/")  # the tests have no network: compared with nothing
        if args[0] == "build":
            args.append("--no-search")  # Pagefind is exercised by the search tests
        result = subprocess.run([sys.executable, "-m", "vnu_site", *args], cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"
    site = tree(tmp_path / "public")
    assert "vi/index.html" in site
    assert b'href="https://vnu.github.io/bulletin/vi/"' in site["vi/index.html"]


# ---------------------------------------------------------------------------------------
# The test workflow: every system editors use, the pinned versions, the browser on Linux.

TESTS_WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"


@pytest.fixture(scope="module")
def tests_workflow() -> dict:
    return yaml.safe_load(TESTS_WORKFLOW.read_text(encoding="utf-8"))


def test_the_test_workflow_validates_against_the_workflow_schema(tmp_path):
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    result = subprocess.run([*command, str(TESTS_WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(TESTS_WORKFLOW.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "runs_on: ubuntu-latest"))
    assert subprocess.run([*command, str(broken)], capture_output=True).returncode == 1


def test_tests_run_on_linux_windows_and_macos_with_both_pythons(tests_workflow):
    matrix = tests_workflow["jobs"]["test"]["strategy"]["matrix"]
    assert sorted(matrix["os"]) == ["macos-latest", "ubuntu-latest", "windows-latest"]
    assert matrix["python"] == ["3.11", "3.13"]
    assert tests_workflow["jobs"]["browser"]["strategy"]["matrix"]["python"] == ["3.11", "3.13"]


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_every_job_installs_the_pinned_versions(tests_workflow):
    for name, job in tests_workflow["jobs"].items():
        assert "pip install -c constraints.txt -e '.[test]'" in _runs(job), name
    assert (ROOT / "constraints.txt").is_file()


def test_the_browser_suite_runs_on_linux_only_with_debians_chromium(tests_workflow):
    test, browser = tests_workflow["jobs"]["test"], tests_workflow["jobs"]["browser"]
    (suite,) = [run for run in _runs(test) if "pytest" in run]
    assert "--ignore=tests/browser" in suite
    assert browser["runs-on"] == "ubuntu-latest" and "bookworm" in browser["container"]
    apt = next(run for run in _runs(browser) if "apt-get install" in run)
    assert {"chromium", "fonts-liberation2", "default-jre-headless"} <= set(apt.split())
    assert _runs(browser)[-1] == "python -m pytest"


def test_the_deselected_browser_test_exists(tests_workflow):
    (suite,) = [run for run in _runs(tests_workflow["jobs"]["test"]) if "pytest" in run]
    for node in re.findall(r"--deselect (\S+)", suite):
        path, name = node.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), node
