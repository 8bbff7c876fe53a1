"""Which items a page was made from, recorded while its content is assembled.

Every way a page reaches an item's text goes through `Site.get` or `Views` (which call
`touch`), so recording those calls gives the page's dependencies without anyone
declaring them. A dependency names the language whose text was read, so that editing the
English text of an item does not make the Vietnamese pages that show it again; `Site.get`
does not know which text its caller reads and records every language, so code that knows
uses `Site.find` and touches the one language itself.
A page built from the whole site (the translation status) says so with
`touch_everything`. The incremental build keeps each page's set and, after an edit,
assembles again only the pages whose set names an edited item.

Only what a quick build (edits.py) can change must be recorded: an item's texts (title,
slug, summary, body, other per-language fields). Facts, languages and the set of items
never change on that path, so code that reads only those (counts, dates, which pages
exist) need not touch anything.
"""

from __future__ import annotations

import contextlib

EVERYTHING = ("*", "*", "*")  # shaped like a dependency, so a set of them stays one type
ANY_LANGUAGE = "*"

_recording: list[set] = []


BODY = ".body"  # after a language: the body of that text, as opposed to its other fields


def touch(ref: tuple, lang: str = ANY_LANGUAGE) -> None:
    """The page shows the item's text in `lang` (by default: in every language), apart
    from the body, which only the item's own page and the language feed show."""
    if _recording:
        _recording[-1].add((ref[0], ref[1], lang))


def shown_item(site, ref: tuple):
    """site.get(ref), recorded: what a page looks up, it shows, in any language."""
    touch(tuple(ref))
    return site.get(ref)


def touch_body(ref: tuple, lang: str) -> None:
    if _recording:
        _recording[-1].add((ref[0], ref[1], lang + BODY))


def touch_everything() -> None:
    if _recording:
        _recording[-1].add(EVERYTHING)


@contextlib.contextmanager
def recording():
    """Collects the references touched inside the block (nested blocks collect their own)."""
    found: set = set()
    _recording.append(found)
    try:
        yield found
    finally:
        _recording.pop()


def edited_texts(old_items: dict, new_items: dict) -> set:
    """The dependencies that edited items invalidate: (kind, key, lang) of each text whose
    fields changed, (kind, key, lang.body) of each whose body changed, and (kind, key, "*")
    of each item with any change."""
    found = set()
    for ref, item in new_items.items():
        before = old_items[ref]
        if item != before:
            found.add((*ref, ANY_LANGUAGE))
        for lang in item.texts.keys() | before.texts.keys():
            old, new = before.texts.get(lang), item.texts.get(lang)
            if old is None or new is None or _fields(old) != _fields(new):
                found.add((*ref, lang))
            if old is None or new is None or old.body_html != new.body_html:
                found.add((*ref, lang + BODY))
    return found


def _fields(text) -> dict:
    """A text without its body and its version (which only the status page shows, and it
    depends on everything)."""
    return {name: value for name, value in vars(text).items() if name not in ("body_html", "version")}


def affected(dependencies, edited: set) -> bool:
    """Whether a page with these recorded dependencies may show one of the edited texts
    (edited: as edited_texts gives them)."""
    return dependencies is None or EVERYTHING in dependencies or not edited.isdisjoint(dependencies)
