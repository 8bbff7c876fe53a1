"""A heading in a body gets an id from its text, unique in the body and never one the
theme's page already uses (`## Main` would otherwise be a second id="main", the target of
the skip link). sources/headings.py lists the theme's ids; the first test fails when a
template (or pages/figures.py) adds one that the list does not cover.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import ROOT, THEME, build_args
from vnu_site.model import KINDS
from vnu_site.sources import headings, markup
from vnu_site.sources.slugs import slug_for

# What each Jinja expression in a template's id="…" can be.
SAMPLES = {
    "year.year": ["2025", "1999", "10000"],
    "loop.index": ["1", "12"],
    "outer": ["1", "3"],
    "group.kind": list(KINDS),
}
_EXPRESSION = re.compile(r"{{\s*(.*?)\s*}}")


def _theme_ids() -> set[str]:
    """Every id the templates and pages/figures.py write, with each expression's samples."""
    found: set[str] = set()
    for template in sorted(THEME.glob("*.html")):
        text = template.read_text(encoding="utf-8")
        # The `related` macro writes the id it is given.
        found.update(re.findall(r'related\([^)]*,\s*"([^"]+)"\)', text))
        for written in re.findall(r'\bid="([^"]*)"', text):
            expressions = _EXPRESSION.findall(written)
            if expressions == ["id"]:
                continue  # the macro's own id="{{ id }}": its values are the calls' above
            ids = [written]
            for expression in expressions:
                assert expression in SAMPLES, f"{template.name}: add samples for id part {{{{ {expression} }}}} to SAMPLES"
                ids = [i.replace(f"{{{{ {expression} }}}}", sample, 1) for i in ids for sample in SAMPLES[expression]]
            found.update(ids)
    figures = (ROOT / "src" / "vnu_site" / "pages" / "figures.py").read_text(encoding="utf-8")
    for name in re.findall(r'_svg\(\s*"(\w+)"', figures):
        found.update({f"{name}-title", f"{name}-desc"})
    world_map = (ROOT / "src" / "vnu_site" / "pages" / "world_map.py").read_text(encoding="utf-8")
    found.update(written.replace("{code}", "CN") for written in re.findall(r'\bid="([^"]*)"', world_map))  # map-{code}: a country's
    return found


def test_the_theme_ids_are_all_known():
    ids = _theme_ids()
    assert {"main", "search-q", "rel-partners", "timeline-title", "y2025", "group-1-12", "status-article"} <= ids
    assert sorted(i for i in ids if not headings.THEME_IDS.fullmatch(i)) == []


def test_pages_write_ids_only_in_known_places():
    """Python that writes HTML ids: figures.py and world_map.py (read by the test above),
    headings.py, and footnotes.py (fn-1, fnref-1…, never a theme's or a heading's:
    tests/sources/test_body_extensions.py)."""
    writers = [p.name for p in (ROOT / "src" / "vnu_site").rglob("*.py") if 'id="' in p.read_text(encoding="utf-8")]
    assert sorted(writers) == ["figures.py", "footnotes.py", "headings.py", "world_map.py"]
    assert not any(headings.THEME_IDS.fullmatch(i) for i in ("fn-1", "fnref-1", "fnref-1-2"))


def _ids(body: str) -> list[str]:
    return re.findall(r'<h[1-6] id="([^"]*)"', markup.to_html(body))


def test_headings_named_like_the_theme_ids_get_others():
    body = "## Main\n\n## main\n\n## Search q\n\n## Rel partners\n\n## Y2025\n\n## Group 1\n\n## Group\n\n## Group\n\n## Status article\n"
    assert _ids(body) == [
        "main-1",
        "main-2",
        "search-q-1",
        "rel-partners-1",
        "y2025-1",
        "group-1-1-section",
        "group",
        "group-1-section",
        "status-article-1",
    ]


def test_heading_ids_are_unique_in_the_body():
    assert _ids("## A\n\n## A-1\n\n## A\n\n## A\n\n## \n\n## !\n") == ["a", "a-1", "a-2", "a-3", "section", "section-1"]


def test_an_id_written_in_raw_html_is_replaced():
    assert markup.to_html('<h2 id="main">Giới thiệu</h2>\n') == '<h2 id="gioi-thieu">Giới thiệu</h2>\n'


def test_everyday_headings_keep_their_ids():
    assert _ids("## Trao đổi sinh viên\n\n## Đại học Quốc gia\n\n## Trao đổi sinh viên\n") == [
        "trao-doi-sinh-vien",
        "dai-hoc-quoc-gia",
        "trao-doi-sinh-vien-1",
    ]


THEME_HEADINGS = '## Main\n\nĐoạn.\n\n## Rel partners\n\n## Rel events\n\n## Timeline heading\n\n<h3 id="rel-agreements">Văn bản</h3>\n'


@pytest.mark.parametrize(
    ("source", "page"),
    [
        ("articles/tsinghua-ai.vi.md", "vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao"),
        ("partners/tsinghua.vi.md", "vi/doi-tac/dai-hoc-thanh-hoa"),
    ],
)
def test_a_page_never_repeats_an_id(run, tiny, tmp_path, source, page):
    path = tiny / source
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + THEME_HEADINGS, encoding="utf-8")
    code, _, err = run(*build_args(tiny, tmp_path / "public"))
    assert code == 0, err
    document = lxml_html.fromstring((tmp_path / "public" / Path(page) / "index.html").read_bytes())
    ids = Counter(document.xpath("//@id"))
    assert [i for i, n in ids.items() if n > 1] == []
    assert {"main", "main-1", "rel-partners-1", "rel-events-1", "timeline-heading-1", "van-ban"} <= set(ids)
    assert {"rel-events", "rel-agreements"} <= set(ids)  # the theme's own, which the body's would have repeated


def test_plain_ascii_headings_get_the_slug_python_slugify_gives():
    """headings.py slugs plain ASCII words itself, ten times faster: the same slugs."""
    rng = random.Random(5)
    alphabet = "aZ09 -"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if headings._SIMPLE.fullmatch(text):
            assert headings._SEPARATORS.sub("-", text).lower() == slug_for(text), text
