"""What a fresh machine installs: the README's commands are the ones CI runs, and every
install goes through constraints.txt, which pins everything vnu-site and its tests need."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, distribution

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from conftest import ROOT
from vnu_site.outputs import pagefind_stable

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate():
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def _shell_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def test_ci_runs_the_readme_test_command_exactly():
    ci_command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci_command in _shell_blocks(README)
    assert ci_command.endswith("python -m pytest")
    assert "default-jre-headless" in ci_command  # the Nu HTML Checker runs on Java
    assert "npm" in ci_command.split()  # Lighthouse and the CMS are installed with npm


def test_every_install_goes_through_the_constraints_file():
    installs = [line for block in _shell_blocks(README) for line in block.splitlines() if "pip install" in line and "uv" not in line]
    installs += [(ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]]
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        installs += [line for line in workflow.read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert len(installs) >= 3
    for command in installs:
        assert "-c constraints.txt" in command, command


def test_the_quick_start_makes_a_virtual_environment_on_each_system():
    assert "python3 -m venv .venv && . .venv/bin/activate" in README
    assert r"py -m venv .venv; .venv\Scripts\Activate.ps1" in README
    assert "pip install -c constraints.txt -e . && python build.py" in _shell_blocks(README)


def _requirements_of(name: str, extras: frozenset[str] = frozenset()) -> list[Requirement]:
    wanted = []
    for text in distribution(name).requires or []:
        requirement = Requirement(text)
        if requirement.marker is None:
            wanted.append(requirement)
            continue
        environments = [{**default_environment(), "extra": extra} for extra in (extras or {""})]
        if any(requirement.marker.evaluate(env) for env in environments):
            wanted.append(requirement)
    return wanted


def test_constraints_pin_every_dependency_of_vnu_site_and_its_tests_within_pyproject_ranges():
    pins = _pins()
    seen: set[tuple[str, ...]] = set()
    queue = [Requirement("vnu-site[test,bench]")]
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        if name != "vnu-site":
            assert name in pins, f"{name} is installed for vnu-site but not pinned in constraints.txt"
            assert SpecifierSet(str(requirement.specifier)).contains(pins[name], prereleases=True), (
                f"constraints.txt pins {name}=={pins[name]}, outside {requirement}"
            )
        if (name, *sorted(requirement.extras)) in seen:
            continue
        seen.add((name, *sorted(requirement.extras)))
        try:
            queue += _requirements_of(requirement.name, frozenset(requirement.extras))
        except PackageNotFoundError:
            assert name == "hugo", name  # the benchmark's extra; never needed to build or test
            continue
        if name != "vnu-site":
            # The suite runs on what it pins: an install that skipped the constraints shows here.
            installed = distribution(name).version
            assert installed == pins[name], f"{name} {installed} is installed, constraints.txt pins {pins[name]}"
    assert pins["pagefind"] == pins["pagefind-bin"] == pagefind_stable.TESTED_VERSION
