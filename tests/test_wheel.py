"""The package as an office installs it: the wheel, built from the project and installed (not
editable, offline) into a fresh virtual environment, starts a site with `vnu-site init` that
builds and passes `check --strict` at once, theme and starter files included.

The fresh environment gets the dependencies from this one through a .pth file (no network);
vnu_site itself must come from the wheel, never from this checkout."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import lxml.html
import pytest

from conftest import ROOT

SCRIPTS = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def _run(command: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, f"{command}\n{result.stdout}{result.stderr}"
    return result


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; its scripts folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"  # a copy: the build's own build/ and egg-info stay out of the checkout
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", ".", "-w", tmp / "dist"], project)
    (wheel,) = (tmp / "dist").glob("vnu_site-*.whl")

    environment = tmp / "venv"
    _run([sys.executable, "-m", "venv", environment], tmp)
    python = environment / SCRIPTS / f"python{EXE}"
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", wheel], tmp)
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[name] for name in ("purelib", "platlib"))  # this environment's dependencies
    (Path(purelib) / "outer-dependencies.pth").write_text("".join(f"{path}\n" for path in ours), encoding="utf-8")

    where = _run([python, "-c", "import vnu_site; print(vnu_site.__file__)"], tmp, _clean_env()).stdout.strip()
    assert Path(where).resolve().is_relative_to(environment.resolve()), where  # the wheel's, not this checkout's
    return environment / SCRIPTS


def _clean_env() -> dict:
    return {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def _h1(page: Path) -> str:
    return " ".join(lxml.html.parse(str(page)).getroot().xpath("string(//h1)").split())


def test_the_installed_wheel_starts_a_site_that_builds_and_checks(fresh, tmp_path):
    vnu_site = fresh / f"vnu-site{EXE}"
    today = datetime.date.today().isoformat()  # init dates its article today
    _run([vnu_site, "init", "site"], tmp_path, _clean_env())
    site = tmp_path / "site"
    assert (site / ".github" / "workflows" / "publish.yml").is_file()
    built = _run([vnu_site, "build", "--build-date", today], site, _clean_env())
    assert built.stdout.startswith("built ")
    checked = _run([vnu_site, "check", "--strict", "--build-date", today], site, _clean_env())
    assert checked.stdout.splitlines()[-1] == "check: 0 error(s), 0 warning(s), 0 note(s)"

    public = site / "public"
    for lang in ("vi", "en"):
        home = lxml.html.parse(str(public / lang / "index.html")).getroot()
        assert home.get("lang") == lang
    pages = {_h1(page): page for page in public.rglob("index.html")}
    assert {"Giới thiệu", "About", "Đại học Ví dụ", "Example University"} <= pages.keys()
    for partner, article in (
        ("Đại học Ví dụ", "Ra mắt bản tin hợp tác quốc tế"),
        ("Example University", "Launching the international cooperation bulletin"),
    ):
        address = pages[article].parent.relative_to(public).as_posix() + "/"
        links = lxml.html.parse(str(pages[partner])).getroot().xpath("//a/@href")
        assert any(link.endswith("/" + address) for link in links), (address, links)


def test_the_wheel_ships_the_map_shapes(fresh, tmp_path):
    """The partners' world map reads its country shapes from package data (pages/world_shapes.json)."""
    (wheel,) = (fresh.parent.parent / "dist").glob("vnu_site-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "vnu_site/pages/world_shapes.json" in archive.namelist()
    python = fresh / f"python{EXE}"
    code = "from vnu_site.pages.world_map import shapes; print(len(shapes()['shapes']), 'SG' in shapes()['points'])"
    assert _run([python, "-c", code], tmp_path, _clean_env()).stdout.split() == ["173", "True"]


def test_the_wheel_ships_the_editor_s_format(fresh, tmp_path):
    """/admin/ gets the browser editor's front-matter format from package data (outputs/cms_format.js)."""
    (wheel,) = (fresh.parent.parent / "dist").glob("vnu_site-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "vnu_site/outputs/cms_format.js" in archive.namelist()
    python = fresh / f"python{EXE}"
    code = "from vnu_site.outputs.cms import format_script; print(b'registerCustomFormat' in format_script())"
    assert _run([python, "-c", code], tmp_path, _clean_env()).stdout.split() == ["True"]
