"""Site settings from content/site.yaml, and the options of one build.

Unknown keys are refused (a typo in a setting should not be silently ignored).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import SiteConfig, Tags
from vnu_site.sources import cms_settings, site_theme
from vnu_site.sources import menus as menus_module
from vnu_site.sources.settings_file import settings_file
from vnu_site.sources.shown_text import shown_texts

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import YamlValue

# The languages of a site.yaml that names none, and the fallback when site.yaml cannot be
# used. A site may have any language Babel knows (see docs/languages.md).
SUPPORTED_LANGUAGES = ("vi", "en")
SECTION_KEYS = ("news", "partners", "events", "agreements", "tags", "archive", "search", "page", "status", "pages")
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
        "pages": "trang-thong-tin",  # the pages' translation status (pages themselves sit at the top: /vi/gioi-thieu/)
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
        "pages": "pages",
    },
    "fr": {
        "news": "actualites",
        "partners": "partenaires",
        "events": "evenements",
        "agreements": "accords",
        "tags": "sujets",
        "archive": "archives",
        "search": "recherche",
        "page": "page",
        "status": "etat-des-traductions",
        "pages": "pages",
    },
}
# A language with no segments above has the English ones (and a key missing above, its
# English segment), unless site.yaml gives sections.<lang>.
FALLBACK_SECTIONS = "en"
_KEYS: tuple[str, ...] = ("base_url", "default_language", "languages", "publisher", "per_page", "title", "description", "sections")
_KEYS += ("trusted_html", "menu", "footer", "theme")  # menu, footer: sources/menus.py; theme: sources/site_theme.py
_KEYS += ("editor",)  # the browser editor: sources/cms_settings.py


def load(
    path: Path, display: str, problems: Problems, base_url_override: str | None = None, static_files: Mapping[str, Path] | None = None
) -> SiteConfig | None:
    """Read site.yaml; report every problem with its line; None when unusable. static_files:
    the theme's static files by name (io.theme.Theme.static_files), where a logo must be
    (None: the logo is not checked, nor kept)."""
    fields = settings_file(
        path, display, "site settings", problems, missing="site settings file is missing (see docs/content-format.md)", nested_lines=True
    )
    if fields is None:
        return None

    def at(name: str) -> Location:
        return Location(display, fields[name].line - 1 if name in fields else 0)

    before = len(problems.errors)
    for name in fields:
        if name not in _KEYS:
            problems.error(at(name), f"unknown setting '{name}'{did_you_mean(name, _KEYS)}")
    value = {name: f.value for name, f in fields.items()}

    languages = _languages(value.get("languages", list(SUPPORTED_LANGUAGES)), at("languages"), problems)
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
        texts = shown_texts(given, at(name), problems) if isinstance(given, dict) else {}
        missing = [lang for lang in languages if not texts.get(lang)]
        if not isinstance(given, dict) or missing:
            which = f" ({', '.join(missing)} missing)" if texts else ""
            problems.error(at(name), f"{name} must give text for each language: {{{', '.join(f'{lang}: …' for lang in languages)}}}{which}")
            texts = {lang: "" for lang in languages}
        per_language[name] = {lang: texts[lang] for lang in languages}
    sections = _sections(value.get("sections", {}), languages, at("sections"), problems)
    publisher = value.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        problems.error(at("publisher"), "publisher must be the id of the university's partner page")
    trusted = value.get("trusted_html", False)
    if not isinstance(trusted, bool):
        problems.error(at("trusted_html"), "trusted_html must be true or false")
    menus = {name: menus_module.read(fields[name], name, languages, display, problems) for name in ("menu", "footer") if name in fields}
    look = site_theme.read(fields["theme"], display, static_files, problems) if "theme" in fields else ({}, None)
    editor = cms_settings.read(fields["editor"], display, problems) if "editor" in fields else None
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
        menu=menus.get("menu"),
        footer=menus.get("footer"),
        colors=look[0] if look else {},
        logo=look[1] if look else None,
        editor=editor,
    )


_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _languages(given: YamlValue, location: Location, problems: Problems) -> list[str]:
    """The site's languages: codes Babel knows (its CLDR data gives dates, country and
    language names), each once. SUPPORTED_LANGUAGES, with an error, when unusable."""
    if not isinstance(given, list) or not given or not all(isinstance(lang, str) for lang in given):
        problems.error(location, "languages must be a list of language codes, for example [vi, en]")
        return list(SUPPORTED_LANGUAGES)
    codes = [str(lang) for lang in given]
    usable = True
    for index, code in enumerate(codes):
        if code in codes[:index]:
            problems.error(location, f"languages: '{code}' is listed twice")
            continue
        problem = language_problem(code)
        if problem:
            problems.error(location, f"languages: {problem}")
            usable = False
    return list(dict.fromkeys(codes)) if usable else list(SUPPORTED_LANGUAGES)


def language_problem(code: str) -> str | None:
    """Why `code` cannot be a site language (None if it can): a lowercase language code,
    with an optional region or script (pt-BR, zh-Hant), that Babel knows."""
    if code in DEFAULT_SECTIONS:  # known, and no need to load Babel's list to say so
        return None
    from vnu_site.sources import i18n  # imports Babel: a vi/en site never needs it here

    if not _CODE.fullmatch(code) or not i18n.is_language(code):
        hint = did_you_mean(code, DEFAULT_SECTIONS) or did_you_mean(code, i18n.known_languages())
        return f"'{code}' is not a language code Babel knows{hint}"
    return None


def site_languages(config: SiteConfig | None, path: Path) -> tuple[str, ...]:
    """The languages content is read in: the config's; or, when site.yaml could not be
    used (its errors are reported already), the usable codes its `languages` lists, so that
    the files of a third language are not reported as unknown too; else SUPPORTED_LANGUAGES."""
    if config is not None:
        return config.languages
    fields = settings_file(path, path.name, "site settings", Problems(), missing=None)
    given = fields["languages"].value if fields and "languages" in fields else None
    if isinstance(given, list):
        usable = [lang for lang in given if isinstance(lang, str) and language_problem(lang) is None]
        if usable:
            return tuple(dict.fromkeys(usable))
    return SUPPORTED_LANGUAGES


def _sections(given: YamlValue, languages: Collection[str], location: Location, problems: Problems) -> dict[str, dict[str, str]]:
    if not isinstance(given, dict):
        problems.error(location, "sections must map each language to its section names")
        given = {}
    result = {}
    for lang in languages:
        names = {**DEFAULT_SECTIONS[FALLBACK_SECTIONS], **DEFAULT_SECTIONS.get(lang, {})}
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
        labels = shown_texts(entry.value, at, problems) if isinstance(entry.value, dict) else {}
        missing = [lang for lang in languages if not labels.get(lang)]
        if missing:
            problems.error(at, f"tag '{key}' needs a label for each language ({', '.join(missing)} missing)")
        # Kept even when refused (the build stops anyway): articles naming it are not also told it is unknown.
        tags[key] = {lang: labels[lang] if lang not in missing else key for lang in languages}
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
