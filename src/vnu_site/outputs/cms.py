"""The browser editor: /admin/index.html and /admin/config.yml for Decap CMS, written from the
content schema (sources/schema.FIELDS), site.yaml and tags.yaml, so the editor's forms say
exactly what the build accepts and cannot drift from it.

One collection per kind, in the kind's folder (`content/articles/<key>.<lang>.md`: Decap's
i18n `multiple_files` structure, in the site's languages). Each field's widget comes from
its Spec's type (WIDGETS; a test fails for a type without one). Texts are translatable
(`i18n: true`); facts are the item's (`i18n: none`): written once, in the default
language's file, as docs/content-format.md asks, and not copied into the other files on
every save as `duplicate` would. References are relation widgets that show titles and store
keys (`{{slug}}`: with multiple_files, an entry's slug is its file name without `.<lang>.md`).
Images go to the folder beside the texts (`content/articles/<key>/`: `{{filename}}` is the
key for the same reason: Decap gives a multiple_files entry the path `<key>.md`).

Files are read and written by cms_format.js (a Decap custom format, /admin/vnu-site-format.js):
every field the editor did not change is saved as it was written, so a one-word edit is a
one-line diff, where Decap's own YAML writer re-folds and re-quotes whole files.

The CMS's script comes from jsDelivr at a pinned version with Subresource Integrity (the
hash of the npm package's file, checked by tests/outputs/test_cms.py against the tarball):
it is 5 MB that only editors load, on /admin/ only; no visitor's page refers to it, and the
build needs no network. The few files Decap loads later by itself (code highlighting, an
image encoder; none is used by these forms) carry no hash: the page's policy allows scripts
from the pinned version's folder only. The admin page is `noindex`, has no
`data-pagefind-body` (so the search leaves it out), and is in no sitemap or feed (those list
pages, and /admin/ is not one).

`vnu-site serve --cms` builds with `cms_proxy` (the local decap-server's API, editor/cms_proxy.py):
the served config then saves through it to the content folder on this computer, and only there.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import resources
from typing import Any

import yaml

from vnu_site.io.write import Lazy
from vnu_site.model import FOLDER_OF, KINDS, Editor, SiteConfig, Tags
from vnu_site.sources import i18n, schema
from vnu_site.sources.schema import FIELDS, Spec

CDN = "https://cdn.jsdelivr.net/npm/"


@dataclass(frozen=True)
class Script:
    """A file of an npm package at a pinned version, loaded from jsDelivr with its hash."""

    package: str
    version: str
    file: str
    integrity: str  # sha384 of the file in the npm package (tests/outputs/test_cms.py checks it)

    @property
    def url(self) -> str:
        return f"{CDN}{self.package}@{self.version}/{self.file}"


SCRIPTS = (
    Script("decap-cms", "3.16.3", "dist/decap-cms.js", "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"),
    # The YAML reader of our format (cms_format.js); 4.1.1: 4.1.0 with its fix of merge keys (prototype pollution).
    Script("js-yaml", "4.1.1", "dist/js-yaml.min.js", "sha384-ZeqCzuWczURac3RacSufGD7oSbzeaX7xxnnOr3PTcYTLx4Av0qBj0kBq7AeCtHLA"),
)
FORMAT_FILE = "vnu-site-format.js"  # cms_format.js, beside the page
# Scripts only from this site and the pinned packages' folders (the CMS loads a few more of its
# files from there as it needs them). 'unsafe-eval': Decap checks its configuration with AJV,
# which compiles its checks into functions.
SCRIPT_SOURCES = " ".join(["'self'", *(f"{CDN}{s.package}@{s.version}/{s.file.rpartition('/')[0]}/" for s in SCRIPTS)])

# The languages the editor's labels are written in; other sites' editors read English.
LABEL_LANGUAGES = ("vi", "en")
KIND_LABELS = {  # kind: ((plural, singular) in vi, in en)
    "article": (("Bài viết", "bài viết"), ("Articles", "article")),
    "partner": (("Đối tác", "đối tác"), ("Partners", "partner")),
    "event": (("Sự kiện", "sự kiện"), ("Events", "event")),
    "agreement": (("Thỏa thuận", "thỏa thuận"), ("Agreements", "agreement")),
    "page": (("Trang thông tin", "trang"), ("Pages", "page")),
}
# Every field's label, (vi, en): a test checks each field of FIELDS has one.
LABELS = {
    "title": ("Tiêu đề", "Title"),
    "summary": ("Tóm tắt", "Summary"),
    "slug": ("Đường dẫn (slug)", "URL slug"),
    "draft": ("Bản nháp (chưa đăng)", "Draft (not published)"),
    "aliases": ("Địa chỉ cũ (chuyển hướng)", "Old addresses (redirects)"),
    "needs_translation": ("Chờ dịch (chưa đăng bản này)", "Waiting for translation (this file not published)"),
    "translated_from": ("Dịch từ", "Translated from"),
    "date": ("Ngày", "Date"),
    "updated": ("Ngày cập nhật (đính chính, thêm thông tin)", "Updated (a correction, a new fact)"),
    "partners": ("Đối tác", "Partners"),
    "events": ("Sự kiện", "Events"),
    "agreements": ("Thỏa thuận", "Agreements"),
    "tags": ("Chủ đề", "Tags"),
    "source": ("Nguồn", "Sources"),
    "undated_source": ("Nguồn không ghi ngày", "The sources give no date"),
    "author": ("Tác giả", "Author"),
    "cover": ("Ảnh bìa", "Cover image"),
    "cover_alt": ("Mô tả ảnh bìa (cho người không xem được ảnh)", "Cover image description (for readers who cannot see it)"),
    "kind": ("Loại", "Kind"),
    "kind_inferred": ("Loại do ban biên tập xác định (nguồn không nói)", "Kind is our reading (the sources do not say)"),
    "country": ("Quốc gia", "Country"),
    "website": ("Trang web", "Website"),
    "short_name": ("Tên ngắn", "Short name"),
    "initiator": ("Bên khởi xướng", "Initiator"),
    "secretariat": ("Ban thư ký", "Secretariat"),
    "launched": ("Ngày ra mắt", "Launched"),
    "founded_year": ("Năm thành lập", "Year founded"),
    "member_count": ("Số thành viên", "Number of members"),
    "member_count_note": ("Ghi chú sau số thành viên", "Note after the number of members"),
    "members": ("Thành viên", "Members"),
    "joined": ("Ngày ĐHQGHN gia nhập", "Joined"),
    "start": ("Ngày bắt đầu", "Start"),
    "end": ("Ngày kết thúc", "End"),
    "location": ("Địa điểm", "Location"),
    "original_title": ("Tên chính thức", "Official title"),
    "signed": ("Ngày ký", "Signed"),
    "parties": ("Các bên ký", "Parties"),
    "event": ("Ký tại sự kiện", "Signed at the event"),
    "count": ("Số văn bản", "Number of documents"),
    "parent": ("Trang cha", "Parent page"),
    "order": ("Thứ tự", "Order"),
    "body": ("Nội dung", "Body"),
    # the parts of a source and of translated_from
    "name": ("Tên nguồn", "Name"),
    "url": ("Địa chỉ", "Address"),
    "lang": ("Ngôn ngữ gốc", "Language of the original"),
    "version": ("Phiên bản gốc", "Version of the original"),
    "path": ("Địa chỉ cũ", "Old address"),
}
HINTS = {  # what a field's value must look like, (vi, en)
    "date": ("YYYY-MM-DD, hoặc YYYY-MM khi chỉ biết tháng", "YYYY-MM-DD, or YYYY-MM when only the month is known"),
    "when": (
        "YYYY-MM-DD; YYYY-MM hoặc YYYY khi nguồn chỉ cho biết tháng hoặc năm",
        "YYYY-MM-DD; YYYY-MM or YYYY when that is all the sources give",
    ),
    "slug": (
        "chữ thường a-z, chữ số và dấu gạch nối; để trống: lấy từ tiêu đề",
        "lowercase a-z, digits and hyphens; empty: made from the title",
    ),
    "url": ("bắt đầu bằng https://", "starting with https://"),
    "paths": ("như /vi/tin-tuc/ten-cu/", "like /en/news/old-name/"),
    "translation": ("do `vnu-site new` và `vnu-site check --fix-hash` ghi", "written by `vnu-site new` and `vnu-site check --fix-hash`"),
}

# Patterns in JavaScript's syntax: the same as schema's checks (tests/outputs/test_cms.py
# runs both on the same values).
KEY = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"
WHEN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
URL = r"^https?://[^\s<>\"']+$"
PATH = r"^/([a-z0-9-]+/)+$"
VERSION = r"^[0-9a-f]{8}$"


# The order of the fields in the form, and where a field a file did not have is written
# (cms_format.js): texts first, then the item's facts and references, then what few files
# have, as the bundled content and `vnu-site new` write them. A test checks that every field
# of FIELDS is here.
FORM_ORDER = (
    "title", "short_name", "original_title", "slug", "summary", "location", "member_count_note",
    "date", "updated", "undated_source", "start", "end", "signed", "kind", "kind_inferred", "country", "website",
    "count", "parties", "event", "initiator", "secretariat", "launched", "founded_year", "member_count", "members", "joined",
    "parent", "order", "partners", "events", "agreements", "tags", "source", "author", "cover", "cover_alt",
    "draft", "aliases", "needs_translation", "translated_from",
)  # fmt: skip


def form_order(kind: str) -> list[str]:
    """The kind's fields in FORM_ORDER (ValueError: a field that is not in it)."""
    return sorted(FIELDS[kind], key=FORM_ORDER.index)


class Labels:
    """The editor's words in one language: the site's default when labels exist in it."""

    def __init__(self, config: SiteConfig, tags: Tags):
        self.config = config
        self.tags = tags
        self.lang = config.default_language if config.default_language in LABEL_LANGUAGES else "en"
        self.index = LABEL_LANGUAGES.index(self.lang)

    def field(self, name: str) -> str:
        return LABELS[name][self.index]

    def hint(self, key: str) -> str:
        return HINTS[key][self.index]

    def kind(self, kind: str) -> tuple[str, str]:
        return KIND_LABELS[kind][self.index]


Widget = Callable[[str, Spec, str, Labels], dict[str, Any]]


def _string(pattern: str | None = None, hint: str | None = None) -> Widget:
    def widget(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
        made: dict[str, Any] = {"widget": "text" if (spec.most or 0) >= 300 else "string"}
        if pattern:
            made["pattern"] = [pattern, labels.hint(hint or "")]
            made["hint"] = labels.hint(hint or "")
        return made

    return widget


def _number(lowest: int, highest: Callable[[Spec], int]) -> Widget:
    def widget(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
        return {"widget": "number", "value_type": "int", "min": lowest, "max": highest(spec)}

    return widget


def _select(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    return {"widget": "select", "options": list(schema.ENUMS[kind])}


def _country(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    return {"widget": "select", "options": country_options(labels.lang)}


def _tags(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    lang = labels.config.default_language
    options = [{"label": names.get(lang, key), "value": key} for key, names in labels.tags.items()]
    return {"widget": "select", "multiple": True, "options": options, "max": spec.most}


def _paths(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    item = {"name": "path", "label": labels.field("path"), "widget": "string", "pattern": [PATH, labels.hint("paths")]}
    return {"widget": "list", "field": item, "max": spec.most, "hint": labels.hint("paths")}


def _source(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    fields = [
        {"name": "name", "label": labels.field("name"), "widget": "string"},
        {"name": "date", "label": labels.field("date"), "widget": "string", "required": False, "pattern": [DATE, labels.hint("date")]},
        {"name": "url", "label": labels.field("url"), "widget": "string", "required": False, "pattern": [URL, labels.hint("url")]},
    ]
    return {"widget": "list", "fields": fields, "summary": "{{fields.name}}", "max": spec.most}


def _image(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    return {"widget": "image", "choose_url": False}


def _translation(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    languages = list(labels.config.languages)
    fields = [  # not required inside: the CMS would then ask for them in every file (check says what is missing)
        {"name": "lang", "label": labels.field("lang"), "widget": "select", "options": languages, "required": False},
        {"name": "version", "label": labels.field("version"), "widget": "string", "required": False, "pattern": [VERSION, "0123abcd"]},
    ]
    return {"widget": "object", "collapsed": True, "fields": fields, "hint": labels.hint("translation")}


def _boolean(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    return {"widget": "boolean"}


def _day(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    """A whole day: the browser's date picker, saved as YYYY-MM-DD."""
    return {"widget": "datetime", "date_format": "YYYY-MM-DD", "time_format": False}


# One widget per type of schema.CHECKERS (references, "id:KIND" and "ids:KIND", are relations).
WIDGETS: dict[str, Widget] = {
    "text": _string(),
    "date": _string(DATE, "date"),  # a month alone is allowed: a date picker cannot say that
    "day": _day,
    "when": _string(WHEN, "when"),
    "bool": _boolean,
    "count": _number(1, lambda spec: spec.most or 1),
    "year": _number(schema.FOUNDED_YEARS[0], lambda spec: schema.FOUNDED_YEARS[1]),
    "slug": _string(KEY, "slug"),
    "url": _string(URL, "url"),
    "country": _country,
    "enum": _select,
    "tags": _tags,
    "paths": _paths,
    "source": _source,
    "image": _image,
    "translation": _translation,
}


def widget(name: str, spec: Spec, kind: str, labels: Labels) -> dict[str, Any]:
    """The field's form control in Decap's terms (KeyError: a type without a widget)."""
    referred = schema.referred_kind(spec)
    if referred is not None:
        made: dict[str, Any] = {
            "widget": "relation",
            "collection": FOLDER_OF[referred],
            "value_field": "{{slug}}",  # the key: the file's name without .<lang>.md
            "search_fields": ["title", "short_name"] if referred == "partner" else ["title"],
            "display_fields": ["title"],
            "multiple": spec.type.startswith("ids:"),
        }
        if made["multiple"] and spec.most:
            made["max"] = spec.most
    else:
        made = WIDGETS[spec.type](name, spec, kind, labels)
    field = {"name": name, "label": labels.field(name), **made, "required": spec.required}
    # Texts are translated; facts belong to the item, written in the default language's file.
    field["i18n"] = "none" if spec.neutral else True
    return field


def country_options(lang: str) -> list[dict[str, str]]:
    """Every two-letter code schema.check_country accepts, named in `lang`, in its A–Z order."""
    from babel import Locale

    codes = [str(code) for code in Locale("en").territories if len(str(code)) == 2 and str(code).isalpha() and str(code).isupper()]
    named = [(i18n.country_name(code, lang), code) for code in codes]
    named.sort(key=lambda pair: i18n.collation_key(pair[0], lang))
    return [{"label": f"{name} ({code})", "value": code} for name, code in named]


def collection(kind: str, labels: Labels, prefix: str) -> dict[str, Any]:
    folder = FOLDER_OF[kind]
    plural, singular = labels.kind(kind)
    fields = [widget(name, FIELDS[kind][name], kind, labels) for name in form_order(kind)]
    # Markdown as it is typed: the rich-text mode would rewrite the whole body on a save (list
    # markers, escapes) and does not know the site's own Markdown (partner:KEY links stay, but
    # figures, footnotes and embeds would not).
    body = {"name": "body", "label": labels.field("body"), "widget": "markdown", "modes": ["raw"], "required": False, "i18n": True}
    fields.append(body)
    made: dict[str, Any] = {
        "name": folder,
        "label": plural,
        "label_singular": singular,
        "folder": prefix + folder,
        "extension": "md",
        "format": "vnu-site",  # cms_format.js: untouched fields are saved as they were written
        "create": True,
        "identifier_field": "title",
        # A new item's key: its title in the default language, in ASCII, much as `vnu-site new`
        # makes it, cut to about 80 characters (keys may have 120).
        "slug": "{{slug | truncate(80)}}",
        "i18n": True,
        # Images beside the texts: content/<folder>/<key>/, named in the text without a folder.
        "media_folder": "{{filename}}",
        "public_folder": "",
        "editor": {"preview": False},
        "fields": fields,
    }
    dated = next((name for name, spec in FIELDS[kind].items() if spec.type in ("date", "when") and spec.required), None)
    if dated:
        made["sortable_fields"] = [{"field": dated, "default_sort": "desc"}, "title"]
    return made


def config(site_config: SiteConfig, tags: Tags, proxy: str | None = None, prefix: str | None = None) -> dict[str, Any]:
    """Decap CMS's configuration. proxy: the local proxy's API (`vnu-site serve --cms`): the
    editor then saves through it only; prefix: the content folder's path as the backend sees
    it, with a trailing slash (default: the `content` setting's)."""
    editor = site_config.editor or Editor(backend={})
    labels = Labels(site_config, tags)
    made: dict[str, Any] = {}
    if proxy is not None:
        # Not `local_backend`, which falls back to the hosted backend when the proxy is not
        # answering: a preview on this computer must never save to the published repository.
        made["backend"] = {"name": "proxy", "proxy_url": proxy}
    else:
        made["backend"] = dict(editor.backend)
        if editor.editorial:
            made["publish_mode"] = "editorial_workflow"
    if prefix is None:
        prefix = editor.content.rstrip("/") + "/"
    made |= {
        "locale": labels.lang,
        "site_url": site_config.base_url,
        "display_url": site_config.base_url,
        "show_preview_links": False,
        "media_folder": prefix.rstrip("/") or "/",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": list(site_config.languages), "default_locale": site_config.default_language},
        "collections": [collection(kind, labels, prefix) for kind in KINDS],
    }
    return made


def config_yaml(made: dict[str, Any]) -> bytes:
    head = "# Written by vnu-site from its content schema, site.yaml and tags.yaml (outputs/cms.py): change those, not this file.\n"
    return (head + yaml.safe_dump(made, allow_unicode=True, sort_keys=False, width=1000)).encode("utf-8")


def admin_page(site_config: SiteConfig) -> bytes:
    lang = Labels(site_config, {}).lang
    title = {"vi": "Biên tập", "en": "Editor"}[lang] + " · " + site_config.title[site_config.default_language]
    policy = f"script-src {SCRIPT_SOURCES} 'unsafe-eval'; object-src 'none'; base-uri 'self'"
    scripts = "".join(f'<script src="{s.url}" integrity="{s.integrity}" crossorigin="anonymous"></script>\n' for s in SCRIPTS)
    page = f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="referrer" content="same-origin">
<title>{html.escape(title)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body data-pagefind-ignore="all">
{scripts}<script src="{FORMAT_FILE}"></script>
</body>
</html>
"""
    return page.encode("utf-8")


def cms_admin(site, strings, pages, env, options, problems) -> dict:
    """Producer: admin/index.html and admin/config.yml, when site.yaml turns the editor on
    and it has somewhere to save: a backend, or the local proxy of `vnu-site serve --cms`.
    Made only when the settings they show change (write.Lazy): a quick build needs no Babel."""
    editor = site.config.editor
    proxy = getattr(options, "cms_proxy", None)
    if editor is None or (not editor.backend and proxy is None):
        return {}
    # Through the proxy, paths are from the folder that holds the content folder.
    prefix = options.content.resolve().name + "/" if proxy is not None else None
    shown = partial(_shown, site.config, site.tags, proxy, prefix)
    return {
        "admin/index.html": Lazy(shown, partial(_page_file, site.config)),
        "admin/config.yml": Lazy(shown, partial(_config_file, site.config, site.tags, proxy, prefix)),
        "admin/" + FORMAT_FILE: format_script(),
    }


def _shown(site_config: SiteConfig, tags: Tags, proxy: str | None, prefix: str | None) -> dict[str, Any]:
    """Everything the two files show, as plain data."""
    editor = site_config.editor or Editor(backend={})
    return {
        "editor": (sorted(editor.backend.items()), editor.editorial, editor.content),
        "languages": (site_config.languages, site_config.default_language),
        "site": (site_config.base_url, site_config.title[site_config.default_language]),
        "tags": tags,
        "proxy": (proxy, prefix),
    }


def _page_file(site_config: SiteConfig, shown: dict[str, Any]) -> bytes:
    return admin_page(site_config)


def _config_file(site_config: SiteConfig, tags: Tags, proxy: str | None, prefix: str | None, shown: dict[str, Any]) -> bytes:
    return config_yaml(config(site_config, tags, proxy, prefix))


def format_script() -> bytes:
    return resources.files("vnu_site.outputs").joinpath("cms_format.js").read_bytes()
