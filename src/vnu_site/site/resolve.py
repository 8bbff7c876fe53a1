"""Entries -> one read-only Site: translations paired, facts merged, references checked,
backlinks derived. Nothing here reads files or formats text for a page.

Drafts and articles scheduled for later are checked too, as if published (unpublished.py):
their problems are said now, not in the build of the day they go live."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import cast

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import KINDS, Entry, Facts, Item, Ref, Site, SiteConfig, Tags, Text, TextValues
from vnu_site.site import page_tree, unpublished
from vnu_site.site.urls import Urls
from vnu_site.sources.schema import FIELDS, GROUP_KINDS, referred_kind
from vnu_site.sources.slugs import name_problems, shorten, slug_for

# Fields that hold references, by kind: field -> backlink relation on the target.
_RELATIONS = {
    "article": {"partners": "articles", "events": "articles", "agreements": "articles"},
    "partner": {"members": "member_of", "initiator": "initiated", "secretariat": "secretariat_of"},
    "event": {"partners": "events"},
    "agreement": {"parties": "agreements", "event": "agreements"},
    "page": {"parent": "children"},  # a page lists the pages under it (page_tree.py checks the nesting)
}


def resolve(
    entries: list[Entry],
    config: SiteConfig,
    tags: Tags,
    build_date: datetime.date,
    include_drafts: bool,
    problems: Problems,
    config_display: str = "content/site.yaml",
    unreadable: frozenset[Ref] = frozenset(),
) -> Site:
    """unreadable: (kind, key) of items a file of which could not be read (its error is
    reported already): what would only follow from that error is not reported again."""
    grouped: dict[Ref, dict[str, Entry]] = defaultdict(dict)
    for entry in entries:
        earlier = grouped[(entry.kind, entry.key)].get(entry.lang)
        if earlier:
            problems.error(
                Location(entry.path, 1), f"duplicate id '{entry.key}': {earlier.path} already defines this {entry.kind} in '{entry.lang}'"
            )
            continue
        grouped[(entry.kind, entry.key)][entry.lang] = entry
        problems.extend(name_problems(entry))

    all_items: dict[Ref, Item] = {}
    for ref, by_lang in sorted(grouped.items()):
        item = merge(ref, by_lang, config, problems, complete=ref not in unreadable)
        if item:
            all_items[ref] = item
    items = {ref: item for ref, item in all_items.items() if include_drafts or _published(item, build_date)}

    for item in items.values():
        check_item(item, grouped[item.ref], items, all_items, tags, config, problems, unreadable)
    waiting = [item for ref, item in all_items.items() if ref not in items]
    for item in waiting:  # as if published: against every item there is
        check_item(item, grouped[item.ref], all_items, all_items, tags, config, problems, unreadable)
    unpublished.check_schedule(waiting, grouped, all_items, build_date, problems)
    page_tree.check(all_items, items, grouped, config, problems)
    if waiting:
        unpublished.check_urls(all_items, items, grouped, Urls(config, all_items), problems)
    publisher = ("partner", config.publisher or "")
    if config.publisher and publisher not in items and publisher not in unreadable:
        if publisher in all_items:
            problems.error(Location(config_display), f"publisher '{config.publisher}' is a draft; remove `draft: true` from its files")
        else:
            partners = [key for kind, key in items if kind == "partner"]
            suggestion = did_you_mean(config.publisher, partners)
            problems.error(Location(config_display), f"publisher '{config.publisher}' is not a partner id{suggestion}")
    _check_menus(config, items, all_items, problems, config_display, unreadable)

    backlinks = _backlinks(items, grouped)
    by_kind = {kind: tuple(sorted((i for i in items.values() if i.kind == kind), key=_newest_first)) for kind in KINDS}
    return Site(config=config, items=items, by_kind=by_kind, backlinks=backlinks, tags=tags, build_date=build_date, waiting=tuple(waiting))


def _published(item: Item, build_date: datetime.date) -> bool:
    return not item.draft and unpublished.goes_live(item, build_date) is None


def _newest_first(item: Item) -> tuple[int, tuple[int, ...], str]:
    date = item.date()
    # Dated items newest first; undated (partners) after, by id; the id breaks ties.
    return (0, tuple(-n for n in (date.year, date.month, date.day)), item.key) if date else (1, (), item.key)


def merge(ref: Ref, by_lang: dict[str, Entry], config: SiteConfig, problems: Problems, complete: bool = True) -> Item | None:
    """complete: every file of the item was read; when one was not, what the missing file
    may hold (a required fact, the original text) is not reported missing."""
    kind, key = ref
    specs = FIELDS[kind]
    facts: dict[str, object] = {}  # a Facts once merged: its keys are FIELDS', checked on reading
    origin: dict[str, Location] = {}
    for lang in config.languages:
        entry = by_lang.get(lang)
        if not entry:
            continue
        for name, value in entry.values.items():
            if not specs[name].neutral:
                continue
            if name in facts and facts[name] != value:
                first = origin[name]
                problems.error(
                    Location(entry.path, entry.lines[name]),
                    f"'{name}' is {_show(value)} here but {_show(facts[name])} in {first}; a fact must be the same in both languages",
                )
                continue
            facts.setdefault(name, value)
            origin.setdefault(name, Location(entry.path, entry.lines[name]))
    first_entry = by_lang[sorted(by_lang, key=config.languages.index)[0]]
    for name, spec in specs.items():
        given = any(name in entry.lines for entry in by_lang.values())  # given but invalid: reported already
        if complete and spec.required and spec.neutral and name not in facts and not given:
            problems.error(
                Location(first_entry.path, 1), f"missing required field '{name}' for this {kind} (write it in either language's file)"
            )
    texts: dict[str, Text] = {}
    for lang, entry in sorted(by_lang.items()):
        if "title" not in entry.values or entry.values.get("needs_translation"):
            continue  # a file waiting for its translation is not published
        title = entry.values["title"]
        slug = entry.values.get("slug") or entry.title_slug or slug_for(title) or shorten(f"{kind}-{key}")
        texts[lang] = Text(
            lang=lang,
            path=entry.path,
            title=title,
            slug=slug,
            summary=entry.values.get("summary", ""),
            body_html=entry.body_html,
            values=cast(
                TextValues, {n: v for n, v in entry.values.items() if not specs[n].neutral and n not in ("title", "slug", "summary")}
            ),
            version=entry.version,
            links=tuple((link_kind, link_key) for link_kind, link_key, _line in entry.body_links),
            images=entry.images,
        )
    if not texts:
        if complete and all(entry.values.get("needs_translation") for entry in by_lang.values()):
            problems.error(
                Location(first_entry.path, first_entry.lines["needs_translation"]),
                f"every language of this {kind} is marked needs_translation; remove it from the original",
            )
        return None
    return Item(kind=kind, key=key, facts=cast(Facts, facts), texts=texts)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"'{value}'"


def check_item(
    item: Item,
    by_lang: dict[str, Entry],
    items: dict[Ref, Item],
    all_items: dict[Ref, Item],
    tags: Tags,
    config: SiteConfig,
    problems: Problems,
    unreadable: frozenset[Ref] = frozenset(),
) -> None:
    def where(name: str) -> Location:
        for entry in by_lang.values():
            if name in entry.lines:
                return Location(entry.path, entry.lines[name])
        return Location(next(iter(by_lang.values())).path, 1)

    specs = FIELDS[item.kind]
    for name, value in item.facts.items():
        target_kind = referred_kind(specs[name])
        if specs[name].type == "tags":
            for tag in cast(tuple[str, ...], value):
                if tag not in tags:
                    problems.error(
                        where(name), f"unknown tag '{tag}'{did_you_mean(tag, tags)}; add it to content/tags.yaml or fix the spelling"
                    )
            continue
        if not target_kind:
            continue
        for key in _ids(value):
            _check_reference(item, name, target_kind, key, where(name), items, all_items, problems, unreadable)
    for entry in by_lang.values():
        for kind, key, line in entry.body_links:
            at = Location(entry.path, line)
            if not key:
                problems.error(at, f"link to {kind}: names no id; write [text]({kind}:ID)")
                continue
            target = items.get((kind, key))
            if target is None:
                _unknown(kind, key, at, items, all_items, problems, unreadable)
            elif entry.lang not in target.texts and (kind, key) not in unreadable:  # unreadable: its own error says why
                problems.warning(at, f"links to {kind} '{key}', which has no '{entry.lang}' version; the link goes to another language")

    if item.kind == "agreement" and "parties" in item.facts and not item.facts["parties"]:
        problems.error(where("parties"), "an agreement needs at least one party")
    if item.kind == "event" and "end" in item.facts and "start" in item.facts:
        start, end = item.facts["start"], item.facts["end"]
        if end < start and not (end.month_only and (end.year, end.month) == (start.year, start.month)):
            problems.error(where("end"), f"the event ends ({end}) before it starts ({start})")
    if item.kind == "article" and "updated" in item.facts and "date" in item.facts:
        date, updated = item.facts["date"], item.facts["updated"]
        if updated < date:  # a month-only date counts as the month's start: any day of it is after
            problems.error(where("updated"), f"the article is updated ({updated}) before its date ({date})")
    if item.kind == "partner":
        group_only = [
            n for n in ("members", "initiator", "secretariat", "member_count", "joined", "launched", "founded_year") if n in item.facts
        ]
        if group_only and item.facts.get("kind") not in GROUP_KINDS:
            problems.error(where(group_only[0]), f"'{group_only[0]}' is only for partners of kind {', '.join(GROUP_KINDS)}")


def _ids(value: object) -> tuple[str, ...]:
    """A reference field's value: one id ("id:KIND") or several ("ids:KIND")."""
    return (value,) if isinstance(value, str) else cast(tuple[str, ...], value)


def _check_reference(
    item: Item,
    name: str,
    target_kind: str,
    key: str,
    at: Location,
    items: dict[Ref, Item],
    all_items: dict[Ref, Item],
    problems: Problems,
    unreadable: frozenset[Ref],
) -> None:
    if (target_kind, key) == item.ref:
        problems.error(at, f"{name}: a {item.kind} cannot refer to itself")
        return
    target = items.get((target_kind, key))
    if target is None:
        _unknown(target_kind, key, at, items, all_items, problems, unreadable, name)
        return
    for lang in item.texts:
        if lang not in target.texts and (target_kind, key) not in unreadable:  # unreadable: its own error says why
            problems.warning(at, f"{name}: {target_kind} '{key}' has no '{lang}' version, so the '{lang}' page cannot show it")


def _unknown(
    kind: str,
    key: str,
    at: Location,
    items: dict[Ref, Item],
    all_items: dict[Ref, Item],
    problems: Problems,
    unreadable: frozenset[Ref],
    name: str | None = None,
) -> None:
    prefix = f"{name}: " if name else ""
    if (kind, key) in unreadable and (kind, key) not in all_items:
        return  # its file has an error of its own; "unknown" would only follow from it
    target = all_items.get((kind, key))
    scheduled = target.date() if target is not None and not target.draft else None  # not a draft, so an article dated later
    if scheduled:
        problems.error(
            at, f"{prefix}{kind} '{key}' is scheduled for {scheduled.as_date()}; link to it from that day on, or build with --drafts"
        )
        return
    if target is not None:
        problems.error(at, f"{prefix}{kind} '{key}' is a draft or scheduled for later; publish it first or build with --drafts")
        return
    known = [k for kd, k in items if kd == kind]
    suggestion = did_you_mean(key, known) or f'; to add it: vnu-site new {kind} "Its name" --key {key}'
    problems.error(at, f"{prefix}unknown {kind} '{key}'{suggestion}")


def _check_menus(
    config: SiteConfig, items: dict[Ref, Item], all_items: dict[Ref, Item], problems: Problems, display: str, unreadable: frozenset[Ref]
) -> None:
    """The items site.yaml's menu and footer point at: published, like any reference (a
    draft is an error, unless the build has --drafts). An item without a language's text
    is left out of that language's menu (the untranslated policy): a warning."""
    for name, entries in (("menu", config.menu or ()), ("footer", config.footer or ())):
        for entry in [e for parent in entries for e in (parent, *parent.children)]:
            if entry.target not in KINDS:
                continue
            at = Location(display, entry.line)
            target = items.get((entry.target, entry.key))
            if target is None:
                _unknown(entry.target, entry.key, at, items, all_items, problems, unreadable, name)
                continue
            for lang in config.languages:
                if lang not in target.texts and target.ref not in unreadable:
                    left_out = f"so the '{lang}' {name} leaves it out" + (" with its children" if entry.children else "")
                    problems.warning(at, f"{name}: {entry.target} '{entry.key}' has no '{lang}' version, {left_out}")


def _backlinks(items: dict[Ref, Item], grouped: dict[Ref, dict[str, Entry]]) -> dict[Ref, dict[str, tuple[Ref, ...]]]:
    """(kind, key) -> {relation: (refs…)}, derived from every reference in the site."""
    found: dict[Ref, dict[str, set[Ref]]] = defaultdict(lambda: defaultdict(set))
    for item in items.values():
        for name, relation in _RELATIONS[item.kind].items():
            value = item.facts.get(name)
            if value is None:
                continue
            target_kind = referred_kind(FIELDS[item.kind][name])
            for key in _ids(value):
                if target_kind is not None and (target_kind, key) in items:
                    found[(target_kind, key)][relation].add(item.ref)
        # An article's inline links, in either language, count as the story involving the
        # target; other kinds' links (a page's too) and links to pages are only links.
        for entry in grouped[item.ref].values():
            for kind, key, _line in entry.body_links:
                if (kind, key) in items and (kind, key) != item.ref and item.kind == "article" and kind != "page":
                    found[(kind, key)]["articles"].add(item.ref)
    return {
        ref: {relation: tuple(sorted(refs, key=lambda r: _newest_first(items[r]))) for relation, refs in sorted(relations.items())}
        for ref, relations in sorted(found.items())
    }
