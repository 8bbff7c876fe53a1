"""The browser editor's npm packages, for its tests: the pinned files of outputs/cms.SCRIPTS
(fetched with `npm pack`, which checks each tarball against the registry's own hash) and
decap-server, kept in the user's cache folder so a second run downloads nothing.

npm itself must be there (the README's test command installs it with Node); when the
registry cannot be reached the tests that need it are skipped, saying so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from vnu_site.editor import cms_proxy
from vnu_site.outputs.cms import SCRIPTS, Script

CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vnu-site-tests" / "cms"
# What npm says when it cannot reach the registry (no network, no DNS, a proxy refusing).
UNREACHABLE = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "network", "proxy")


def npm() -> str:
    found = shutil.which("npm")
    if found is None:
        pytest.fail("npm is needed for the browser editor's tests: apt-get install -y nodejs npm (the README's test command does)")
    return found


def _npm_failed(what: str, done: subprocess.CompletedProcess) -> None:
    said = (done.stderr or done.stdout or "").strip()
    if any(sign in said for sign in UNREACHABLE):
        pytest.skip(f"the npm registry cannot be reached, so {what} cannot be fetched: {said.splitlines()[-1] if said else ''}")
    pytest.fail(f"npm could not fetch {what}:\n{said[-2000:]}")


def package_folder(script: Script) -> Path:
    """The unpacked npm package (its `package/` folder) of a pinned script."""
    folder = CACHE / f"{script.package}-{script.version}"
    unpacked = folder / "package"
    if (unpacked / script.file).is_file():
        return unpacked
    folder.mkdir(parents=True, exist_ok=True)
    command = [npm(), "pack", "--loglevel=error", "--pack-destination", str(folder), f"{script.package}@{script.version}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        _npm_failed(f"{script.package}@{script.version}", done)
    tarball = folder / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    tarball.unlink()
    return unpacked


def script_files() -> dict[str, Path]:
    """Each pinned script's URL -> the folder of its file in the npm package (the CDN serves
    the package's files under the same names)."""
    return {script.url.rpartition("/")[0] + "/": (package_folder(script) / script.file).parent for script in SCRIPTS}


def decap_server() -> Path:
    """decap-server's script, installed as `vnu-site serve --cms` installs it."""
    folder = CACHE / f"decap-server-{cms_proxy.DECAP_SERVER_VERSION}"
    try:
        return cms_proxy.installed(folder)
    except cms_proxy.ProxyFailed as failed:
        if any(sign in str(failed) for sign in UNREACHABLE):
            pytest.skip(f"the npm registry cannot be reached: {failed}")
        raise
