"""Labels from the settings files (site.yaml's title and menus, tags.yaml) as pages show
them: stripped, and without the invisible characters that would hide or reorder them
(removed with a warning on their line, as from an item's own texts: schema.visible)."""

from __future__ import annotations

from vnu_site.errors import Location, Problems


def shown_text(text: str, at: Location, problems: Problems) -> str:
    from vnu_site.sources.schema import removed_message, visible  # schema is heavy; config stays light to import

    cleaned, removed = visible(text)
    if removed:
        problems.warning(at, removed_message(removed))
    return cleaned.strip()


def shown_texts(given: dict[str, object], at: Location, problems: Problems) -> dict[str, str]:
    """{lang: text} with each text as shown_text makes it; what is not text is left out."""
    return {lang: shown_text(text, at, problems) for lang, text in given.items() if isinstance(text, str)}
