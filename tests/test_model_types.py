"""The typed vocabulary and the schema name the same fields: a field added to one and not the
other fails here (mypy checks the code against model's TypedDicts; the reader uses FIELDS)."""

from __future__ import annotations

from typing import get_type_hints

from vnu_site.model import EntryValues, Facts, TextValues
from vnu_site.sources.schema import FIELDS


def test_every_schema_field_has_its_type_in_the_model():
    neutral = {name for specs in FIELDS.values() for name, spec in specs.items() if spec.neutral}
    per_language = {name for specs in FIELDS.values() for name, spec in specs.items() if not spec.neutral}
    assert sorted(neutral - set(get_type_hints(Facts))) == []
    assert sorted(per_language - set(get_type_hints(EntryValues))) == []


def test_the_model_types_no_field_the_schema_does_not_have():
    every = {name for specs in FIELDS.values() for name in specs}
    assert sorted(set(get_type_hints(Facts)) - every) == []
    assert sorted(set(get_type_hints(TextValues)) - every) == []
