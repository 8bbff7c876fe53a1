"""The editor docs: in Vietnamese and English, linked from the README, and complete: every
front-matter field and every check code is explained in both."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from vnu_site.editor.check import CODES
from vnu_site.sources.schema import FIELDS

DOCS = ["docs/editors.vi.md", "docs/editors.en.md"]


@pytest.mark.parametrize("doc", DOCS)
def test_linked_from_the_readme(doc):
    assert f"]({doc})" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc", DOCS)
def test_every_field_is_explained(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    fields = sorted({name for specs in FIELDS.values() for name in specs})
    assert [name for name in fields if f"| `{name}` |" not in text] == []


@pytest.mark.parametrize("doc", DOCS)
def test_every_check_code_is_explained(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert [code for code in CODES if f"| `{code}` |" not in text] == []


def test_the_two_languages_link_each_other():
    assert "(editors.en.md)" in (ROOT / DOCS[0]).read_text(encoding="utf-8")
    assert "(editors.vi.md)" in (ROOT / DOCS[1]).read_text(encoding="utf-8")


def test_the_architecture_doc_names_every_wing_and_module():
    """docs/architecture.md is the living design: its tree lists every wing and module."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = text[text.index("src/vnu_site/") : text.index("## Layers")]
    package = ROOT / "src" / "vnu_site"
    wings = sorted(p.name for p in package.iterdir() if (p / "__init__.py").is_file())
    assert [wing for wing in wings if f"  {wing}/" not in tree] == []
    modules = [p for wing in wings for p in (package / wing).glob("*.py") if p.name != "__init__.py"]
    assert [p.relative_to(package).as_posix() for p in modules if not re.search(rf"\b{p.stem}\b", tree)] == []
    layers = text[text.index("## Layers") : text.index("## The one path")]
    assert [wing for wing in wings if f"\n{wing} " not in layers] == []
