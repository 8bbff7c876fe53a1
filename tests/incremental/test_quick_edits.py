"""The quick path (edits.py): after editing item texts, a build that starts from the last
build's site and re-makes only the pages that showed the edited items gives exactly the
output of a clean build; and anything it cannot handle goes the full way."""

from __future__ import annotations

import datetime
import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, TEMPLATES, TINY, tree
from vnu_site import pipeline
from vnu_site.errors import BuildFailed
from vnu_site.model import BuildOptions

BULLETIN = ROOT / "content"


def _options(content: Path, out: Path, **changes) -> BuildOptions:
    settings = dict(
        content=content,
        templates=TEMPLATES,
        out=out,
        base_url=None,
        drafts=False,
        strict=False,
        build_date=datetime.date(2026, 1, 1),  # after the newest story
        search=False,
        jobs=1,
        clean=False,
        cache_dir=out.parent / ".vnu-cache",
    )
    settings.update(changes)
    return BuildOptions(**settings)


def _clean_build(content: Path, out: Path) -> dict:
    pipeline.build(_options(content, out, clean=True, cache_dir=None))
    return tree(out)


def _front_matter_edit(rng: random.Random, text: str, name: str) -> str:
    """Append a word to a quoted or plain one-line field of the front matter."""
    word = rng.choice(["mới", "updated", "Đặc biệt", "2.0", "&amp; <b>x</b>"])

    def extend(match: re.Match) -> str:
        value = match.group(2)
        if value.startswith('"') and value.endswith('"'):
            return f'{match.group(1)}"{value[1:-1]} {word}"'
        return f'{match.group(1)}"{value} {word}"'

    return re.sub(rf"(?m)^({name}: )(.+)$", extend, text, count=1)


def _random_edit(rng: random.Random, path: Path) -> str:
    """One change an editor might make to an item's text; returns what was done."""
    text = path.read_text(encoding="utf-8")
    fields = [name for name in ("title", "summary", "location", "short_name", "author") if re.search(rf"(?m)^{name}: ", text)]
    choice = rng.choice(["body", "body", *fields])
    if choice == "body":
        text += f"\n\nMột đoạn mới, a new paragraph {rng.randrange(1000)}.\n"
    else:
        text = _front_matter_edit(rng, text, choice)
    path.write_text(text, encoding="utf-8")
    return f"{choice} of {path.name}"


@pytest.mark.parametrize("seed", range(6))
def test_random_text_edits_give_the_clean_build(tmp_path, seed):
    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    rng = random.Random(seed)
    files = sorted(p for p in content.rglob("*.md"))
    for round_ in range(3):
        done = [_random_edit(rng, path) for path in rng.sample(files, rng.choice([1, 1, 2, 3]))]
        result = pipeline.build(_options(content, out))
        assert result.quick, f"round {round_}: {done} did not take the quick path"
        expected = _clean_build(content, tmp_path / f"clean{round_}" / "public")
        got = tree(out)
        assert sorted(got) == sorted(expected), done
        different = [name for name in expected if got[name] != expected[name]]
        assert not different, f"round {round_}: after {done}, these differ from a clean build: {different[:5]}"


ONE_OF_EACH = [
    "articles/vnu-tsinghua-raise-cooperation",
    "partners/aun",
    "events/state-visit-xi-jinping-2025",
    "agreements/mou-vnu-tsinghua-2024",
    "pages/about",
]


@pytest.mark.parametrize("slug", ["from the title", "fixed"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("item", ONE_OF_EACH)
def test_a_new_title_in_one_language_reaches_every_page_that_shows_it(tmp_path, item, lang, slug):
    """Titles are drawn in figures (timeline, partner picture), listed in feeds, named in
    JSON-LD and in the other language's switcher: every one of those pages must follow,
    whether the URLs move with the title or stay (a fixed slug)."""
    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    out = tmp_path / "site" / "public"
    path = content / f"{item}.{lang}.md"
    if slug == "fixed" and "\nslug: " not in path.read_text(encoding="utf-8"):
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nslug: a-fixed-slug\n", 1), encoding="utf-8")
    pipeline.build(_options(content, out))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (đã sửa)", text, count=1), encoding="utf-8")
    assert pipeline.build(_options(content, out)).quick
    expected = _clean_build(content, tmp_path / "clean" / "public")
    got = tree(out)
    assert [name for name in expected if got.get(name) != expected[name]] == []


def test_a_renamed_partner_moves_its_pages_and_every_link_to_them(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    partner = content / "partners/tsinghua.en.md"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(re.sub(r"(?m)^title: .*$", "title: Tsinghua University (Beijing)", text, count=1), encoding="utf-8")
    result = pipeline.build(_options(content, out))
    assert result.quick
    assert tree(out) == _clean_build(content, tmp_path / "clean" / "public")
    assert (out / "en/partners/tsinghua-university-beijing/index.html").is_file()
    assert not (out / "en/partners/tsinghua-university").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("edit", ["parent's title", "child's title", "child's body"])
def test_a_page_edit_reaches_the_pages_under_it_and_every_link_to_them(tmp_path, lang, edit):
    """A page's URL is under its parent's (/en/about/contact/): a new title of the parent
    moves the child, its switcher, its breadcrumbs and the sitemap's entries too."""
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    path = content / f"pages/{'about' if edit.startswith('parent') else 'contact'}.{lang}.md"
    if edit.endswith("body"):
        _append(path, "\nMột đoạn mới, a new paragraph.\n")
    else:
        path.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (đã sửa)", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    assert pipeline.build(_options(content, out)).quick
    assert tree(out) == _clean_build(content, tmp_path / "clean" / "public")
    if edit == "parent's title":
        moved = {"vi": "vi/gioi-thieu-da-sua/lien-he", "en": "en/about-da-sua/contact"}[lang]
        assert (out / moved / "index.html").is_file()


def test_a_page_edit_that_takes_a_sections_address_goes_the_full_way(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    path = content / "pages/about.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: About", "title: News"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        pipeline.build(_options(content, out))
    assert [str(p) for p in failed.value.problems] == [
        f"{path.as_posix()}:2: the page's address /en/news/ is the news section's; give the page another `slug:`"
    ]


CHANGES_THAT_TAKE_THE_FULL_PATH = {
    "a fact": lambda c: _move_date(c / "articles/vnu-joins-international-alliances-ai.vi.md"),
    "a new body link": lambda c: _append(c / "articles/vnu-tsinghua-raise-cooperation.en.md", "\nSee [AUF](partner:auf).\n"),
    "a new item": lambda c: [_copy_with_title(c / f"articles/vnu-joins-international-alliances-ai.{x}.md", "x") for x in ("vi", "en")],
    "site settings": lambda c: _append(c / "site.yaml", "\n"),
    "an error": lambda c: _append(c / "articles/vnu-tsinghua-raise-cooperation.en.md", "\nSee [x](partner:nobody).\n"),
}


def _append(path: Path, extra: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def _copy_with_title(path: Path, key: str) -> None:
    text = re.sub(r"(?m)^title: .*$", f"title: A copy, {key}", path.read_text(encoding="utf-8"), count=1)
    path.with_name(f"{key}.{path.name.split('.')[-2]}.md").write_text(text, encoding="utf-8")


def _move_date(path: Path) -> None:
    """Another day: the file looks the same, but a fact (the sort order) changed."""
    text = path.read_text(encoding="utf-8")
    moved = re.sub(r"(?m)^date: (\d{4})-(\d{2})-(\d{2})", lambda m: f"date: {m[1]}-{m[2]}-{int(m[3]) % 27 + 1:02d}", text, count=1)
    assert moved != text
    path.write_text(moved, encoding="utf-8")


@pytest.mark.parametrize("change", sorted(CHANGES_THAT_TAKE_THE_FULL_PATH))
def test_changes_of_shape_take_the_full_path(tmp_path, change):
    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    CHANGES_THAT_TAKE_THE_FULL_PATH[change](content)
    if change == "an error":
        with pytest.raises(BuildFailed):
            pipeline.build(_options(content, out))
        return
    result = pipeline.build(_options(content, out))
    assert not result.quick
    assert tree(out) == _clean_build(content, tmp_path / "clean" / "public")


def test_an_output_changed_by_hand_is_not_trusted(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    (out / ".vnu-site.json").write_text("{}", encoding="utf-8")
    _append(content / "articles/vnu-tsinghua-raise-cooperation.en.md", "\nOne more line.\n")
    result = pipeline.build(_options(content, out))
    assert not result.quick
    assert tree(out) == _clean_build(content, tmp_path / "clean" / "public")


@pytest.mark.parametrize("edit", ["body", "title"])
def test_editing_an_original_makes_its_translation_stale_on_the_status_page(tmp_path, edit):
    """The status page reads the original's version only for items with a translation made
    from it: a quick build after the original changes must still show the translation stale."""
    from vnu_site.errors import Problems
    from vnu_site.sources import provenance

    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    out = tmp_path / "site" / "public"
    site, _strings = pipeline.load_site(_options(content, out), Problems())
    original = site.items[("article", "vnu-tsinghua-raise-cooperation")].texts["vi"]
    provenance.record(content / "articles/vnu-tsinghua-raise-cooperation.en.md", "vi", original.version)
    pipeline.build(_options(content, out))
    news_status = (out / "en/translation-status/news/index.html").read_text(encoding="utf-8")
    assert 'class="status-current" data-kind="article" data-key="vnu-tsinghua-raise-cooperation"' in news_status
    path = content / "articles/vnu-tsinghua-raise-cooperation.vi.md"
    if edit == "body":
        _append(path, "\nMột câu mới.\n")
    else:
        _copy_with_title(path, "vnu-tsinghua-raise-cooperation")
    assert pipeline.build(_options(content, out)).quick
    assert tree(out) == _clean_build(content, tmp_path / "clean" / "public")
    page = (out / "en/translation-status/index.html").read_text(encoding="utf-8")
    assert 'class="status-stale" data-kind="article" data-key="vnu-tsinghua-raise-cooperation"' in page


MENU = """menu:
  - section: home
  - section: partners
    children:
      - partner: tsinghua
  - article: vnu-tsinghua-raise-cooperation
    title: {vi: Thanh Hoa, en: Tsinghua story}
"""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_title_of_an_item_in_the_menu_reaches_every_page(tmp_path, lang):
    """Every page shows the menu: an item's title there (and its slug, in the link) is in
    every page of that language, and the quick path must make them all again."""
    content = tmp_path / "content"
    shutil.copytree(BULLETIN, content)
    settings = content / "site.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text[: text.index("\nmenu:") + 1] + MENU, encoding="utf-8")
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))
    for item in ("partners/tsinghua", "articles/vnu-tsinghua-raise-cooperation"):
        path = content / f"{item}.{lang}.md"
        path.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (đã sửa)", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    result = pipeline.build(_options(content, out))
    assert result.quick
    expected = _clean_build(content, tmp_path / "clean" / "public")
    got = tree(out)
    assert [name for name in expected if got.get(name) != expected[name]] == []
    pages = [name for name in expected if name.startswith(f"{lang}/") and name.endswith(".html")]
    assert all("(đã sửa)</a>" in expected[name].decode() for name in pages if b'class="wrap main-nav"' in expected[name])


def test_an_illustrated_article_edited_or_its_image_replaced_gives_the_clean_build(tmp_path):
    """A text edit of an article with images takes the quick path (its pictures and their
    files are kept); a replaced image, or a new one in the body, takes the full path. Each
    gives exactly what a clean build without a cache gives (variants made one by one)."""
    from pictures import photo, transparent_png

    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    folder = content / "articles" / "tsinghua-ai"
    folder.mkdir()
    (folder / "cover.jpg").write_bytes(photo(size=(1800, 1000), orientation=8))
    (folder / "chart.png").write_bytes(transparent_png())
    article = content / "articles/tsinghua-ai.vi.md"
    text = article.read_text(encoding="utf-8").replace("---\n", "---\ncover: cover.jpg\n", 1)
    article.write_text(text + "\n![Biểu đồ](chart.png)\n", encoding="utf-8")
    out = tmp_path / "site" / "public"
    pipeline.build(_options(content, out))

    def same_as_clean(step: str) -> None:
        expected = _clean_build(content, tmp_path / step / "public")
        got = tree(out)
        assert sorted(got) == sorted(expected), step
        assert [name for name in expected if got[name] != expected[name]] == [], step

    _append(article, "\nMột đoạn mới về ảnh.\n")
    assert pipeline.build(_options(content, out)).quick
    same_as_clean("text")

    (folder / "cover.jpg").write_bytes(photo(size=(900, 1200)))
    assert not pipeline.build(_options(content, out)).quick
    same_as_clean("image")

    (folder / "more.png").write_bytes(transparent_png(size=(300, 200)))
    _append(article, "\n![Thêm](more.png)\n")
    assert not pipeline.build(_options(content, out)).quick, "a new image is probed by the full path"
    same_as_clean("new image")
