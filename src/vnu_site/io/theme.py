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
from dataclasses import dataclass
from pathlib import Path

import jinja2

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
            folder = layer / "static"
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                relative = path.relative_to(folder)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    found[relative.as_posix()] = path
        return dict(sorted(found.items()))

    def digest(self) -> bytes:
        """Every theme file's name and bytes, both layers: a change anywhere renders pages again."""
        material = []
        for index, layer in enumerate(self.layers):
            for path in sorted(layer.rglob("*")):
                if path.is_file():
                    material.append((index, path.relative_to(layer).as_posix(), path.read_bytes()))
        return hashlib.blake2b(pickle.dumps(material), digest_size=16).digest()


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
