"""Site settings from content/site.yaml, and the options of one build.

Unknown keys are refused (a typo in a setting should not be silently ignored).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import SiteConfig, Tags
from vnu_site.sources.settings_file import settings_file

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
    fields = settings_file(path, display, "site settings", problems, missing="site settings file is missing (see docs/content-format.md)")
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
    base_url = _base_url(value.get("base_url", "/"), at("base_url"), problems)
    if base_url_override is not None:
        base_url = _base_url(base_url_override, Location("--base-url"), problems)
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


def load_tags(path: Path, display: str, languages: Collection[str], problems: Problems) -> Tags | None:
    """tags.yaml: tag key -> {lang: label}; an absent file means no tags. None (with the
    error) when the file is there but unusable: then every tag an article names would be
    "unknown", and those errors would hide the one that matters."""
    fields = settings_file(path, display, "tag list", problems, missing=None)
    if fields is None:
        return None if _present(path) else {}
    from vnu_site.sources.schema import KEY_PATTERN  # schema imports Babel; keep config light to import
    from vnu_site.sources.slugs import slug_for

    tags = {}
    pages: dict[tuple[str, str], tuple[str, int]] = {}  # (lang, the tag page's URL segment) -> (tag, line)
    for key, entry in fields.items():
        at = Location(display, entry.line - 1)
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            problems.error(at, f"'{key}' is not a valid tag id: use lowercase letters a-z, digits and single hyphens")
            continue
        labels = entry.value if isinstance(entry.value, dict) else {}
        missing = [lang for lang in languages if not isinstance(labels.get(lang), str) or not labels[lang].strip()]
        if missing:
            problems.error(at, f"tag '{key}' needs a label for each language ({', '.join(missing)} missing)")
        # Kept even when refused (the build stops anyway): articles naming it are not also told it is unknown.
        tags[key] = {lang: labels[lang].strip() if lang not in missing else key for lang in languages}
        for lang in languages:
            segment = slug_for(tags[key][lang]) or key  # as site.urls.Urls.tag makes the page's address
            first, line = pages.setdefault((lang, segment), (key, at.line))
            if first != key and lang not in missing:
                problems.error(
                    at,
                    f"tag '{key}': its {lang} label '{tags[key][lang]}' gives the same page address ('{segment}') "
                    f"as tag '{first}' (line {line}); make the two labels differ",
                )
    return tags


def _present(path: Path) -> bool:
    try:
        path.lstat()
    except OSError as error:
        return not isinstance(error, FileNotFoundError)
    return True


# The path of a base URL holds only characters that need no escaping wherever a URL is
# written (HTML attributes, XML, CSS, iCalendar): unreserved ones, %XX escapes and a few others.
_PATH_CHARACTER = re.compile(r"[A-Za-z0-9._~!$*+,;=:@/-]|%[0-9A-Fa-f]{2}")
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
_URL = re.compile(r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):)?(?://(?P<authority>[^/]*))?(?P<path>.*)", re.S)
_EXAMPLE = "write it like https://example.org/bulletin/"


def _base_url(given: YamlValue, where: Location, problems: Problems) -> str:
    """The base URL given, or "/" with an error when it cannot be one."""
    if not isinstance(given, str):
        problems.error(where, f"base_url: must be an absolute URL; {_EXAMPLE}")
        return "/"
    problem = base_url_problem(given)
    if problem:
        problems.error(where, f"base_url: {problem}; {_EXAMPLE}")
        return "/"
    return given


def base_url_problem(url: str) -> str | None:
    """Why url cannot be the site's base URL (None if it can). Accepted: http(s)://host[:port]
    followed by a path, or a path from the root (/bulletin/) when the host is not known. It
    goes into every link and feed as it is, so nothing in it may need escaping."""
    unsafe = next((c for c in url if c.isspace() or c in "\"'<>\\`{}|^" or not c.isprintable() or not c.isascii()), None)
    if unsafe is not None:
        return f"it contains {_character(unsafe)}, which a URL cannot hold"
    if "?" in url or "#" in url:
        return "it has a query ('?') or a fragment ('#'); give only the address of the site's folder"
    match = _URL.fullmatch(url)
    assert match is not None  # every part is optional
    scheme, authority, path = match["scheme"], match["authority"], match["path"]
    if scheme is None and authority is None and path.startswith("/"):
        return _path_problem(path)
    if scheme is None or scheme.lower() not in ("http", "https") or authority is None:
        return "it must start with https:// (or http://), or be a path from the root such as /bulletin/"
    return _authority_problem(authority) or _path_problem(path)


def _authority_problem(authority: str) -> str | None:
    if "@" in authority:
        return "it holds a user name ('@'), which a site's address must not"
    if authority.startswith("["):  # an IPv6 address: [::1] or [::1]:8000
        host, _, rest = authority.partition("]")
        host, port = host + "]", (rest[1:] if rest.startswith(":") else rest or None)
    else:
        host, colon, after = authority.partition(":")
        port = after if colon else None
    if not host:
        return "it has no host name after '//'"
    if not _HOST.fullmatch(host):
        return f"'{host}' is not a host name"
    if port is not None and not (port.isdigit() and 0 < int(port) < 65536):
        return f"the port '{port}' is not a number from 1 to 65535"
    return None


def _path_problem(path: str) -> str | None:
    rest = _PATH_CHARACTER.sub("", path)
    if rest:
        return f"its path holds {_character(rest[0])}, which a URL path cannot hold unescaped"
    segments = path.split("/")[1:-1] if path.endswith("/") else path.split("/")[1:]
    if any(not segment for segment in segments):
        return "its path has an empty part ('//')"
    if any(segment in (".", "..") for segment in segments):
        return "its path has a '.' or '..' part"
    return None


def _character(char: str) -> str:
    names = {" ": "a space", "\t": "a tab", "\n": "a line break", "\r": "a line break", "\u00a0": "a no-break space"}
    return names.get(char, f"'{char}'" if char.isprintable() and char != "'" else ascii(char))
