"""The theme: the default one shipped in the package, under a site's own `templates/`.

A site overrides the default theme file by file. Its `templates/` folder has the layout of
`vnu_site/theme/`: templates (`*.html`), `strings.yaml` (merged key by key, see
sources/i18n.py) and `static/` (assets served under /assets/). A file the site has wins;
every other file comes from the default theme. A site template can also extend the
default one it replaces: `{% extends "theme/base.html" %}` always names the default.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from dataclasses import dataclass
from pathlib import Path

import jinja2

from vnu_site.errors import Location, Problem, os_reason

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "theme"  # package data: shipped in the wheel
DEFAULT_PREFIX = "theme/"  # how a site template names the default theme's file of the same name


@dataclass(frozen=True)
class Theme:
    site: Path  # the site's templates/ folder; it need not exist
    default: Path = DEFAULT_THEME

    @property
    def layers(self) -> tuple[Path, ...]:
        """The folders, the one that wins first."""
        return (self.site, self.default) if self.site.is_dir() and not _same(self.site, self.default) else (self.default,)

    def loader(self) -> jinja2.BaseLoader:
        default = jinja2.FileSystemLoader(str(self.default))
        if len(self.layers) == 1:
            return jinja2.ChoiceLoader([default, jinja2.PrefixLoader({DEFAULT_PREFIX.rstrip("/"): default})])
        site = jinja2.FileSystemLoader(str(self.site))
        return jinja2.ChoiceLoader([site, jinja2.PrefixLoader({DEFAULT_PREFIX.rstrip("/"): default}), default])

    def display(self, template_file: str) -> str:
        """How an error names a template: `templates/x.html` for the site's own, the
        package's path for the default theme's (a site never edits those)."""
        path = Path(template_file)
        for layer, shown in ((self.site, self.site.as_posix().rstrip("/")), (self.default, "vnu_site/theme")):
            try:
                return f"{shown}/{path.resolve().relative_to(layer.resolve()).as_posix()}"
            except (ValueError, OSError):
                continue
        return template_file

    def source_of(self, name: str) -> str:
        """The displayed path of the file a template name resolves to."""
        if name.startswith(DEFAULT_PREFIX):
            return f"vnu_site/theme/{name.removeprefix(DEFAULT_PREFIX)}"
        for layer in self.layers:
            if (layer / name).is_file():
                return self.display(str(layer / name))
        return f"{self.site.as_posix().rstrip('/')}/{name}"

    def strings_files(self) -> list[tuple[Path, str]]:
        """The strings tables, default first (the site's merge over it), with their displayed names."""
        files = [(self.default / "strings.yaml", "vnu_site/theme/strings.yaml")]
        if len(self.layers) == 2 and os.path.lexists(self.site / "strings.yaml"):  # a broken link is reported, not skipped
            files.append((self.site / "strings.yaml", f"{self.site.as_posix().rstrip('/')}/strings.yaml"))
        return files

    def static_files(self) -> dict[str, Path]:
        """Relative name under static/ -> the file that wins (the site's over the default's)."""
        found: dict[str, Path] = {}
        for layer in reversed(self.layers):
            for relative, path in _regular_files(layer / "static"):
                if not any(part.startswith(".") for part in relative.split("/")):
                    found[relative] = path
        return dict(sorted(found.items()))

    def problems(self) -> list[Problem]:
        """What in the site's templates/ cannot be used: a link (it could lead anywhere on
        the machine, and its target would be published), a named pipe or a device (reading
        it would hang), a file that cannot be read. Never skipped in silence."""
        if len(self.layers) == 1:
            return []
        found = []
        shown = self.site.as_posix().rstrip("/")
        stack = [self.site]
        while stack:
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError as error:
                found.append(Problem(Location(_relative(folder, self.site, shown)), f"cannot be read ({os_reason(error)})"))
                continue
            for entry in entries:
                where = Location(_relative(Path(entry.path), self.site, shown))
                try:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    if stat.S_ISLNK(mode):
                        found.append(Problem(where, "is a link; put the file itself in the templates folder"))
                    elif stat.S_ISDIR(mode):
                        stack.append(Path(entry.path))
                    elif not stat.S_ISREG(mode):
                        found.append(Problem(where, "is not a file (a named pipe, a socket or a device); remove it"))
                    else:
                        os.close(os.open(entry.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
                except OSError as error:
                    found.append(Problem(where, f"cannot be read ({os_reason(error)})"))
        return found

    def digest(self) -> bytes:
        """Every theme file's name and bytes, both layers: a change anywhere renders pages again."""
        material = [
            (index, relative, path.read_bytes()) for index, layer in enumerate(self.layers) for relative, path in _regular_files(layer)
        ]
        return hashlib.blake2b(pickle.dumps(material), digest_size=16).digest()


def _regular_files(folder: Path) -> list[tuple[str, Path]]:
    """(relative name, path) of the regular files below folder, sorted; links are not
    followed (problems() names them, and pipes, for the site's folder)."""
    found = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in files:
            path = Path(root, name)
            if stat.S_ISREG(path.lstat().st_mode):
                found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)


def _relative(path: Path, root: Path, shown: str) -> str:
    return f"{shown}/{path.relative_to(root).as_posix()}" if path != root else shown


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
