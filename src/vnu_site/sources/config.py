"""Site settings from content/site.yaml, and the options of one build.

Unknown keys are refused (a typo in a setting should not be silently ignored).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import SiteConfig, Tags

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import YamlValue

SUPPORTED_LANGUAGES = ("vi", "en")
SECTION_KEYS = ("news", "partners", "events", "agreements", "tags", "archive", "search", "page", "status")
DEFAULT_SECTIONS = {
    "vi": {
        "news": "tin-tuc",
        "partners": "doi-tac",
        "events": "su-kien",
        "agreements": "thoa-thuan",
        "tags": "chu-de",
        "archive": "luu-tru",
        "search": "tim-kiem",
        "page": "trang",
        "status": "tinh-trang-dich",
    },
    "en": {
        "news": "news",
        "partners": "partners",
        "events": "events",
        "agreements": "agreements",
        "tags": "tags",
        "archive": "archive",
        "search": "search",
        "page": "page",
        "status": "translation-status",
    },
}
_KEYS = ("base_url", "default_language", "languages", "publisher", "per_page", "title", "description", "sections", "trusted_html")


def load(path: Path, display: str, problems: Problems, base_url_override: str | None = None) -> SiteConfig | None:
    """Read site.yaml; report every problem with its line; None when unusable."""
    if not path.is_file():
        problems.error(Location(display), "site settings file is missing (see docs/content-format.md)")
        return None
    from vnu_site.sources import frontmatter  # here: the no-change path imports this module but reads nothing

    fields = frontmatter.read_settings_file(path, display, "site settings", problems)
    if fields is None:
        return None

    def at(name: str) -> Location:
        return Location(display, fields[name].line - 1 if name in fields else 0)

    before = len(problems.errors)
    for name in fields:
        if name not in _KEYS:
            problems.error(at(name), f"unknown setting '{name}'{did_you_mean(name, _KEYS)}")
    value = {name: f.value for name, f in fields.items()}

    languages = value.get("languages", list(SUPPORTED_LANGUAGES))
    if not isinstance(languages, list) or not languages or any(lang not in SUPPORTED_LANGUAGES for lang in languages):
        problems.error(at("languages"), f"languages must be a list drawn from {', '.join(SUPPORTED_LANGUAGES)}")
        languages = list(SUPPORTED_LANGUAGES)
    default = value.get("default_language", languages[0])
    if default not in languages:
        problems.error(at("default_language"), f"default_language '{default}' is not one of the site's languages")
    base_url = base_url_override or value.get("base_url", "/")
    if not isinstance(base_url, str) or not (base_url.startswith(("http://", "https://")) or base_url.startswith("/")):
        problems.error(at("base_url"), "base_url must be an absolute URL like https://example.org/bulletin/")
        base_url = "/"
    per_page = value.get("per_page", 10)
    if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
        problems.error(at("per_page"), "per_page must be a whole number of at least 1")
        per_page = 10
    per_language = {}
    for name in ("title", "description"):
        given = value.get(name)
        if not isinstance(given, dict) or any(not isinstance(given.get(lang), str) or not given[lang].strip() for lang in languages):
            problems.error(at(name), f"{name} must give text for each language: {{{', '.join(f'{lang}: …' for lang in languages)}}}")
            given = {lang: "" for lang in languages}
        per_language[name] = {lang: given[lang].strip() for lang in languages}
    sections = _sections(value.get("sections", {}), languages, at("sections"), problems)
    publisher = value.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        problems.error(at("publisher"), "publisher must be the id of the university's partner page")
    trusted = value.get("trusted_html", False)
    if not isinstance(trusted, bool):
        problems.error(at("trusted_html"), "trusted_html must be true or false")
    if len(problems.errors) > before:
        return None
    return SiteConfig(
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        default_language=default,
        languages=tuple(languages),
        publisher=publisher,
        per_page=per_page,
        title=per_language["title"],
        description=per_language["description"],
        sections=sections,
        trusted_html=bool(trusted),
    )


def _sections(given: YamlValue, languages: Collection[str], location: Location, problems: Problems) -> dict[str, dict[str, str]]:
    if not isinstance(given, dict):
        problems.error(location, "sections must map each language to its section names")
        given = {}
    result = {}
    for lang in languages:
        names = dict(DEFAULT_SECTIONS[lang])
        custom = given.get(lang) or {}
        if not isinstance(custom, dict):
            problems.error(location, f"sections.{lang} must map section keys to path segments")
            custom = {}
        for key, segment in custom.items():
            if key not in SECTION_KEYS:
                problems.error(location, f"unknown section '{key}' in sections.{lang}{did_you_mean(str(key), SECTION_KEYS)}")
            elif (
                not isinstance(segment, str)
                or not segment
                or not all(c.isascii() and (c.isalnum() or c == "-") for c in segment)
                or segment != segment.lower()
            ):
                problems.error(location, f"section name '{segment}' in sections.{lang} must use lowercase letters, digits and hyphens")
            else:
                names[key] = segment
        segments = [names[key] for key in SECTION_KEYS]
        if len(set(segments)) != len(segments):
            problems.error(location, f"two sections of '{lang}' share the same path segment")
        result[lang] = names
    return result


def load_tags(path: Path, display: str, languages: Collection[str], problems: Problems) -> Tags:
    """tags.yaml: tag key -> {lang: label}; an absent file means no tags."""
    if not path.is_file():
        return {}
    from vnu_site.sources import frontmatter

    fields = frontmatter.read_settings_file(path, display, "tag list", problems)
    if fields is None:
        return {}
    from vnu_site.sources.schema import KEY_PATTERN  # schema imports Babel; keep config light to import

    tags = {}
    for key, entry in fields.items():
        at = Location(display, entry.line - 1)
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.error(at, f"'{key}' is not a valid tag id: use lowercase letters a-z, digits and single hyphens")
            continue
        labels = entry.value if isinstance(entry.value, dict) else {}
        missing = [lang for lang in languages if not isinstance(labels.get(lang), str) or not labels[lang].strip()]
        if missing:
            problems.error(at, f"tag '{key}' needs a label for each language ({', '.join(missing)} missing)")
            continue
        tags[key] = {lang: labels[lang].strip() for lang in languages}
    return tags
