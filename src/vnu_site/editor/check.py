"""`vnu-site check`: everything a build validates, without writing anything, plus what an
editor should look at: untranslated items, stale translations, links into the site that
go nowhere, partners nothing refers to, and published URLs that moved without an alias.

Each finding has a code (documented in docs/editors.*.md) and a severity: errors fail the
check (exit 1), warnings only with --strict, notes never.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from vnu_site import pipeline
from vnu_site.editor import published as published_map
from vnu_site.editor.linkcheck import check_links
from vnu_site.errors import BuildFailed, Location, Problem, Problems
from vnu_site.io.render import environment
from vnu_site.io.theme import Theme
from vnu_site.model import BuildOptions, Site
from vnu_site.outputs import produce as outputs
from vnu_site.pages import status
from vnu_site.pages.plan import plan
from vnu_site.pages.search_data import TEMPLATE_FILTERS
from vnu_site.site import aliases
from vnu_site.site.urls import Urls
from vnu_site.sources import captions, provenance
from vnu_site.sources.discover import NOT_READ
from vnu_site.sources.sourcelines import body_start, field_line

_LANGUAGE_SUFFIX = re.compile(r"\.[a-z]{2,3}\.md$")

# code -> what it is about; every code is explained in the editor docs.
CODES = {
    "content": "anything the build itself refuses or warns about",
    "not-read": "a file in the content folder that the build does not read (a text not named <id>.<language>.md, a stray file)",
    "broken-link": "a link or image in a body that points into the site but at nothing",
    "untranslated": "an item with no file in one of the site's languages",
    "waiting-translation": "a file marked needs_translation, not published until translated",
    "stale-translation": "the original changed after the translation was made",
    "unknown-original": "translated_from names a language the item has no published file in",
    "orphan-partner": "a partner that nothing refers to",
    "empty-article": "a published article with no text below its front matter",
    "no-alt": "an image in a body without a description (alt text)",
    "moved-url": "a published URL that changed without an alias",
    "published-unavailable": "the published site's urls.json could not be read",
}


@dataclass(frozen=True, order=True)
class Finding:
    location: Location
    message: str
    severity: str  # "error", "warning" or "note"
    code: str

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.location}: {prefix}{self.message}"


def check(options: BuildOptions, published: str | None = None) -> list[Finding]:
    problems = Problems()
    try:
        # keep_going: with errors in some files, what is known of the rest (notes) still shows.
        site, strings = pipeline.load_site(options, problems, keep_going=True)
        if not problems.errors:  # pages are planned only from a site without errors
            pages = plan(site, strings, problems)
        if not problems.errors:
            env = environment(Theme(options.templates), filters=TEMPLATE_FILTERS)
            files = pipeline.render_pages(pages, env, options, problems)
            files.update(outputs.produce(site, strings, pages, env, options, problems))
            known = {page.path for page in pages} | {"/" + file for file in files}
            broken = Problems()
            check_links(site, known, broken, (options.content / "site.yaml").as_posix())
    except BuildFailed as failed:
        return sorted(_from_problem(p, _code(p)) for p in set(failed.problems))
    findings = [_from_problem(p, _code(p)) for p in set(problems.items)]
    if problems.errors:
        # What an item's broken file would have said is unknown: no note about that item's
        # languages, and no partner called unreferenced (the broken file may refer to it).
        broken_items = {_item_of(problem.location.path) for problem in problems.errors}
        findings += [f for f in translation_findings(site) if _item_of(f.location.path) not in broken_items]
    else:
        findings += [_from_problem(p, "broken-link") for p in set(broken.items)]
        findings += translation_findings(site)
        findings += orphan_partners(site)
        findings += empty_articles(site)
    if published:
        findings += moved_urls(site, published)
    return sorted(findings)


def _item_of(path: str) -> str:
    """content/articles/x.vi.md -> content/articles/x: what every language's file shares."""
    return _LANGUAGE_SUFFIX.sub("", path)


def _code(problem: Problem) -> str:
    """A problem of the build's own: a file it passes over (discover says so), an image
    without a description (markup.py says so), or any other."""
    if problem.message.startswith(NOT_READ):
        return "not-read"
    return "no-alt" if captions.NO_ALT in problem.message else "content"


def _from_problem(problem: Problem, code: str) -> Finding:
    return Finding(problem.location, problem.message, problem.severity, code)


def _at(path: str, name: str) -> Location:
    return Location(path, field_line(path, name) or 1)


def translation_findings(site: Site) -> list[Finding]:
    found = []
    for item_status in status.translation_status(site):
        item = item_status.item
        for side in item_status.sides:
            if side.state == status.MISSING:
                found.append(_missing(site, item, side.lang))
            elif side.state == status.STALE:
                original = item.texts[side.original].path
                message = (
                    f"stale translation: {original} changed after this translation was made (version {side.recorded}, "
                    f"now {side.current}); update the translation, then run `vnu-site check --fix-hash {side.path}`"
                )
                found.append(Finding(_at(side.path, "translated_from"), message, "warning", "stale-translation"))
            elif side.state == status.UNKNOWN_ORIGINAL:
                message = f"translated_from names '{side.original}', but this {item.kind} has no published '{side.original}' version"
                found.append(Finding(_at(side.path, "translated_from"), message, "warning", "unknown-original"))
    return found


def _missing(site: Site, item, lang: str) -> Finding:
    """A language with no published text: either a file waiting for translation, or none."""
    existing = item.texts[sorted(item.texts, key=site.config.languages.index)[0]]
    suffix = f".{existing.lang}.md"
    waiting = existing.path[: -len(suffix)] + f".{lang}.md" if existing.path.endswith(suffix) else ""
    if waiting and Path(waiting).is_file():
        message = f"waiting for translation (needs_translation: true): the '{lang}' site leaves this {item.kind} out until it is translated"
        return Finding(_at(waiting, "needs_translation"), message, "note", "waiting-translation")
    message = f"no '{lang}' version: the '{lang}' site leaves this {item.kind} out (add {Path(waiting or existing.path).name})"
    return Finding(Location(existing.path, 1), message, "note", "untranslated")


def orphan_partners(site: Site) -> list[Finding]:
    found = []
    for partner in site.by_kind["partner"]:
        if partner.key == site.config.publisher or site.backlinks.get(partner.ref):
            continue
        text = partner.texts[sorted(partner.texts, key=site.config.languages.index)[0]]
        message = f"partner '{partner.key}' is not referred to by any article, event, agreement or other partner"
        found.append(Finding(Location(text.path, 1), message, "warning", "orphan-partner"))
    return found


def empty_articles(site: Site) -> list[Finding]:
    """An article published without its text (`draft: true` removed too early) goes live blank."""
    found = []
    for article in site.by_kind["article"]:
        if article.draft:
            continue
        for text in article.texts.values():
            if not text.body_html:
                message = (
                    "the article has no text below its front matter (it ends here) and would go live blank; write it, or set `draft: true`"
                )
                end = Location(text.path, max(1, body_start(text.path) - 1))  # the closing `---`: a line the file has
                found.append(Finding(end, message, "warning", "empty-article"))
    return found


def moved_urls(site: Site, source: str) -> list[Finding]:
    try:
        published = published_map.load_published(source)
    except published_map.PublishedUnavailable as exc:
        return [Finding(Location(source), f"cannot compare with the published site: {exc}", "note", "published-unavailable")]
    found = []
    for moved in aliases.moved_without_alias(site, Urls(site.config, site.items), published):
        message = (
            f"the URL changed from {moved.old} to {moved.new} since it was published; "
            f"add `aliases: [{moved.old}]` so old links keep working, or set the slug back"
        )
        where = _at(moved.path, "slug") if field_line(moved.path, "slug") else _at(moved.path, "title")
        found.append(Finding(where, message, "warning", "moved-url"))
    return found


def fix_hashes(site: Site, files: list[Path]) -> tuple[list[str], list[str]]:
    """Record the original's current version in translations: the stale ones, or exactly
    `files` when given. Returns (files changed, problems with the request)."""
    wanted = {path.resolve(): path for path in files}
    explicit = bool(wanted)
    changed, refused = [], []
    for item_status in status.translation_status(site):
        item = item_status.item
        for side in item_status.sides:
            if side.state == status.MISSING:
                continue
            named = Path(side.path).resolve() in wanted
            if not (named or (not explicit and side.state == status.STALE)):
                continue
            wanted.pop(Path(side.path).resolve(), None)
            others = [lang for lang in site.config.languages if lang != side.lang and lang in item.texts]
            original = side.original if side.original in others else (others[0] if len(others) == 1 else "")
            if not original:
                refused.append(f"{side.path}: no original to record: this {item.kind} has no other published language")
                continue
            if provenance.record(Path(side.path), original, item.texts[original].version):
                changed.append(side.path)
    for path in wanted.values():
        refused.append(f"{path}: not a published content file (a file waiting for translation has needs_translation: true)")
    return changed, refused


def counts(findings: list[Finding]) -> dict:
    return {severity + "s": sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "note")}


def as_text(findings: list[Finding], summary: bool = True) -> str:
    """summary: end with the counts (--quiet leaves them out)."""
    lines = [str(f) for f in findings]
    if summary:
        lines.append(summary_line(findings))
    return "".join(line + "\n" for line in lines)


def summary_line(findings: list[Finding]) -> str:
    total = counts(findings)
    return f"check: {total['errors']} error(s), {total['warnings']} warning(s), {total['notes']} note(s)"


def as_json(findings: list[Finding], summary: bool = True) -> str:
    """summary: ignored, the counts are part of the data."""
    data = {
        **counts(findings),
        "problems": [
            {"path": f.location.path, "line": f.location.line, "severity": f.severity, "code": f.code, "message": f.message}
            for f in findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def as_github(findings: list[Finding], summary: bool = True) -> str:
    """GitHub Actions workflow commands: each finding shows as an annotation on its line."""
    level = {"error": "error", "warning": "warning", "note": "notice"}
    lines = []
    for f in findings:
        where = f"file={_escape(f.location.path, True)}" + (f",line={f.location.line}" if f.location.line else "")
        lines.append(f"::{level[f.severity]} {where},title=vnu-site {f.code}::{_escape(f.message, False)}")
    if summary:
        lines.append(summary_line(findings))  # for the log
    return "".join(line + "\n" for line in lines)


def _escape(text: str, property_value: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
