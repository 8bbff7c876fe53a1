"""Sites in other languages than vi and en: the trilingual fixture (vi, en, fr; the AUF
partner and its article in vi and fr only) and a Vietnamese-only copy of it, built with the
default theme alone and read back with lxml (see docs/languages.md)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import THEME
from sitecheck import BuiltSite
from vnu_site.__main__ import main

TRILINGUAL = Path(__file__).resolve().parent / "fixtures" / "trilingual"
LANGUAGES = ("vi", "en", "fr")
ONLY_VI_FR = {"auf", "auf-ai"}  # the items with no English version
AI_TAG = {"/vi/chu-de/tri-tue-nhan-tao/", "/fr/sujets/intelligence-artificielle/"}  # only auf-ai has the tag
NBSP, THIN = "\u00a0", "\u2009"
BUILD_DATE = "2025-12-01"  # after the fixture's last story


def text(element) -> str:
    """Its text, runs of ASCII white space as one space (no-break and thin spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", element.text_content()).strip()


def build(content: Path, out: Path, *extra: str, search: bool = False) -> list[str]:
    """Arguments for a build with the default theme only: the bulletin's templates/ gives
    its strings in vi and en alone, which a French site cannot use."""
    no_theme_layer = out.parent / "no-templates"  # absent: the default theme alone
    args = ["build", "--content", content, "--templates", no_theme_layer, "--out", out, "--build-date", BUILD_DATE]
    return [str(a) for a in [*args, "--cache-dir", out.parent / ".vnu-cache", *([] if search else ["--no-search"]), *extra]]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("trilingual") / "public"
    assert main(build(TRILINGUAL, out)) == 0
    return out


@pytest.fixture(scope="module")
def site(built) -> BuiltSite:
    return BuiltSite(built)


def _language_pages(site: BuiltSite) -> dict[str, object]:
    return {path: doc for path, doc in site.pages.items() if path.split("/")[1] in LANGUAGES}


def _item_paths(site: BuiltSite) -> dict[str, set[str]]:
    """Item id -> its pages, from urls.json."""
    urls = json.loads((site.out / "urls.json").read_text(encoding="utf-8"))["items"]
    return {ref.split("/")[-1]: set(per_lang.values()) for ref, per_lang in urls.items()}


def test_every_page_has_its_language(site):
    for path, doc in _language_pages(site).items():
        assert doc.get("lang") == path.split("/")[1], path
    assert site.broken_links() == []


def test_switcher_lists_every_other_language_once(site):
    for path, doc in _language_pages(site).items():
        lang = path.split("/")[1]
        links = doc.xpath('//nav[contains(@class,"lang-switch")]/a')
        assert [a.get("hreflang") for a in links] == [other for other in LANGUAGES if other != lang], path
        alternates = site.alternates(path)
        for link in links:
            other = link.get("hreflang")
            if other in alternates:  # the counterpart, when there is one
                assert site.path_of(link.get("href")) == site.path_of(alternates[other]), path
                assert "missing" not in (link.get("class") or ""), path
            else:  # else the other language's section, said with a notice
                assert link.get("class") == "missing", path
                notice = doc.xpath(f'//p[contains(@class,"notice")][a[@hreflang="{other}"]]')
                assert len(notice) == 1, path


def test_the_untranslated_item_is_explained_in_the_page_language(site):
    def notice(path):
        return text(site.pages[path].xpath('//p[contains(@class,"notice")]')[0])

    fr = "/fr/actualites/l-unv-rejoint-le-programme-d-intelligence-artificielle-de-l-auf/"
    vi = "/vi/tin-tuc/dhqghn-tham-gia-chuong-trinh-tri-tue-nhan-tao-cua-auf/"
    assert notice(fr) == f"Cette page n’est pas encore disponible en anglais. La page la plus proche en anglais{NBSP}: News"
    assert notice(vi) == "Trang này chưa có bản tiếng Anh. Trang tiếng Anh gần nhất: News"
    assert not (site.out / "en" / "partners" / "agence-universitaire-de-la-francophonie").exists()
    assert site.pages["/en/"].xpath('//p[@class="wrap notice"]') == []  # pages that exist in all three say nothing


def test_hreflang_links_cover_the_languages_each_page_has(site):
    items = _item_paths(site)
    for path in _language_pages(site):
        if site.pages[path].xpath('//meta[@name="robots"][@content="noindex"]'):
            continue  # 404 and editors' pages are not alternates of anything
        alternates = site.alternates(path)
        key = next((key for key, paths in items.items() if path in paths), None)
        expected = ["vi", "fr"] if key in ONLY_VI_FR or path in AI_TAG else list(LANGUAGES)
        assert [lang for lang in alternates if lang != "x-default"] == expected, path
        assert site.path_of(alternates[path.split("/")[1]]) == path, path
        assert alternates["x-default"] == alternates["vi"], path  # the default language
        for lang, href in alternates.items():  # reciprocal
            assert site.path_of(site.alternates(site.path_of(href))[path.split("/")[1]]) == path, (path, lang)


def test_sitemap_alternates_are_the_pages_own(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = etree.parse(str(site.out / "sitemap.xml"))
    entries = sitemap.xpath("//s:url", namespaces=ns)
    assert {site.path_of(u.findtext("s:loc", namespaces=ns)).split("/")[1] for u in entries} == set(LANGUAGES)
    for url in entries:
        path = site.path_of(url.findtext("s:loc", namespaces=ns))
        listed = {link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=ns)}
        assert listed == site.alternates(path), path


def test_status_pages_have_a_column_per_language(site):
    for lang, segment in (("vi", "tinh-trang-dich"), ("en", "translation-status"), ("fr", "etat-des-traductions")):
        doc = site.pages[f"/{lang}/{segment}/"]
        heads = doc.xpath('//table[@class="status-table"]/thead/tr/th[@lang]')
        assert [th.get("lang") for th in heads][:3] == list(LANGUAGES)
        assert [th.text for th in heads][:3] == ["Tiếng Việt", "English", "Français"]
        waiting = {row.get("data-key") for row in doc.xpath("//tr[@data-key]")}
        assert waiting == ONLY_VI_FR  # the index lists the items waiting for a translator
        for row in doc.xpath("//tr[@data-key]"):
            sides = {td.get("data-lang"): td.get("class") for td in row.xpath("td")}
            assert sides == {"vi": "state-original", "en": "state-missing", "fr": "state-original"}
    news = site.pages["/fr/etat-des-traductions/actualites/"]
    assert {row.get("data-key") for row in news.xpath("//tr[@data-key]")} == {"auf-ai", "sorbonne-forum"}
    for row in news.xpath("//tr[@data-key]"):
        assert [td.get("data-lang") for td in row.xpath("td")] == list(LANGUAGES)
    intro = text(site.pages["/fr/etat-des-traductions/"].xpath('//p[@class="lede"]')[0])
    assert intro.startswith(f"Pour la rédaction{NBSP}: chaque contenu publié, sa version dans chaque langue")


def test_french_pages_use_babel_dates_and_french_strings(site):
    event = site.pages["/fr/evenements/forum-universitaire-vietnam-france/"]
    facts = text(event.xpath('//dl[contains(@class,"fact-list")]')[0])
    assert f"29 septembre{THIN}–{THIN}2 octobre 2025" in facts  # CLDR's interval, months in full
    story = site.pages["/fr/actualites/l-unv-et-sorbonne-universite-signent-un-accord-de-formation-doctorale/"]
    assert story.xpath("//article//time/text()") == ["3 octobre 2025"]
    assert text(story.xpath('//p[@class="tags"]')[0]) == f"Sujets{NBSP}: Échanges étudiants"
    assert story.xpath("//nav[@class='wrap main-nav']//a/text()") == ["Accueil", "Actualités", "Partenaires", "Événements", "Accords"]
    assert site.pages["/fr/sujets/echanges-etudiants/"].xpath("//h1/text()") == [f"Sujet{NBSP}: Échanges étudiants"]


def test_machines_are_told_each_language(site):
    path = "/fr/actualites/l-unv-et-sorbonne-universite-signent-un-accord-de-formation-doctorale/"
    og = dict((m.get("property"), m.get("content")) for m in site.pages[path].xpath("//meta[@property='og:locale']"))
    assert og == {"og:locale": "fr_FR"}
    alternates = site.pages[path].xpath("//meta[@property='og:locale:alternate']/@content")
    assert alternates == ["vi_VN", "en_US"]
    data = json.loads(site.pages[path].xpath('//script[@type="application/ld+json"]/text()')[0])
    assert data["inLanguage"] == "fr"
    assert data["translationOfWork"]["inLanguage"] == "vi"
    vi = site.pages["/vi/tin-tuc/dhqghn-va-dai-hoc-sorbonne-ky-thoa-thuan-dao-tao-tien-si/"]
    original = json.loads(vi.xpath("//script[@type='application/ld+json']/text()")[0])
    assert [work["inLanguage"] for work in original["workTranslation"]] == ["en", "fr"]


def test_feeds_calendars_404_and_root_per_language(site):
    for lang in LANGUAGES:
        feed = etree.parse(str(site.out / lang / "feed.xml")).getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert (site.out / lang / "calendar.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert site.pages["/fr/404.html"].get("lang") == "fr"
    assert site.pages["/404.html"].get("lang") == "vi"  # the default language's at the root
    assert site.pages["/"].xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=/vi/"]
    french = etree.parse(str(site.out / "fr" / "feed.xml")).getroot()
    titles = french.xpath("//a:entry/a:title/text()", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert titles == [
        "L’UNV et Sorbonne Université signent un accord de formation doctorale",
        "L’UNV rejoint le programme d’intelligence artificielle de l’AUF",
    ]


def test_search_makes_an_index_per_language(tmp_path):
    out = tmp_path / "public"
    assert main(build(TRILINGUAL, out, search=True)) == 0
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: data["page_count"] for lang, data in entry["languages"].items()}
    assert pages == {"en": 5, "fr": 7, "vi": 7}  # item pages only; the AUF and its story have no English version
    for lang, info in entry["languages"].items():
        assert (out / "pagefind" / f"pagefind.{info['hash']}.pf_meta").is_file(), lang
    search = BuiltSite(out).pages["/fr/recherche/"]
    assert search.xpath('//select[@name="partner"]/option/text()')[1:] == [
        "Agence universitaire de la Francophonie",
        "Sorbonne Université",
        "Université nationale du Vietnam, Hanoï",
    ]


# --- a site in one language ------------------------------------------------------------
@pytest.fixture(scope="module")
def vietnamese_only(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("vi-only")
    content = root / "content"
    shutil.copytree(TRILINGUAL, content)
    for file in [*content.rglob("*.en.md"), *content.rglob("*.fr.md")]:
        file.unlink()
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("languages: [vi, en, fr]", "languages: [vi]"), encoding="utf-8")
    out = root / "public"
    assert main(build(content, out)) == 0
    return out


def test_a_site_in_one_language_has_no_switcher_hreflang_or_status(vietnamese_only):
    site = BuiltSite(vietnamese_only)
    assert sorted({path.split("/")[1] for path in site.pages if path.count("/") > 1}) == ["vi"]
    for path, doc in site.pages.items():
        assert doc.xpath('//nav[contains(@class,"lang-switch")]') == [], path
        assert doc.xpath("//link[@hreflang]") == [], path
        assert doc.xpath('//p[@class="wrap notice"]') == [], path
        assert doc.xpath("//meta[@property='og:locale:alternate']") == [], path
    assert not (vietnamese_only / "vi" / "tinh-trang-dich").exists()  # nothing to translate
    sitemap = (vietnamese_only / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/vi/</loc>" in sitemap and "<xhtml:link" not in sitemap


# --- what a site must give for its languages --------------------------------------------
@pytest.fixture
def trilingual(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(TRILINGUAL, content)
    return content


def _site_yaml(content: Path, old: str, new: str) -> None:
    path = content / "site.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _refused(run, content: Path) -> list[str]:
    code, _, err = run(*build(content, content.parent / "public"))
    assert code == 1 and "Traceback" not in err, err
    return err.splitlines()


def test_a_language_babel_does_not_know_is_refused_with_a_suggestion(run, trilingual):
    _site_yaml(trilingual, "languages: [vi, en, fr]", "languages: [vi, en, fx, en]")
    err = _refused(run, trilingual)
    site_yaml = (trilingual / "site.yaml").as_posix()
    assert f"{site_yaml}:3: languages: 'fx' is not a language code Babel knows (did you mean 'fr'?)" in err
    assert f"{site_yaml}:3: languages: 'en' is listed twice" in err


def test_default_language_must_be_a_site_language(run, trilingual):
    _site_yaml(trilingual, "default_language: vi", "default_language: de")
    site_yaml = (trilingual / "site.yaml").as_posix()
    assert f"{site_yaml}:2: default_language 'de' is not one of the site's languages" in _refused(run, trilingual)


def test_a_missing_french_title_is_named(run, trilingual):
    _site_yaml(trilingual, ", fr: Bulletin d’essai}", "}")
    err = _refused(run, trilingual)
    site_yaml = (trilingual / "site.yaml").as_posix()
    assert err[0] == f"{site_yaml}:6: title must give text for each language: {{vi: …, en: …, fr: …}} (fr missing)"
    # the French files are still read as French: no "unknown language" noise besides the one error
    assert len(err) == 2 and err[1].startswith("build failed: 1 error(s)")


def test_a_language_the_theme_does_not_speak_needs_the_site_to_give_every_string(run, trilingual, tmp_path):
    _site_yaml(trilingual, "languages: [vi, en, fr]", "languages: [vi, en, de]")
    for name in ("title", "description"):
        _site_yaml(trilingual, f"\n{name}: {{vi:", f"\n{name}: {{de: Testseite, vi:")
    tags = trilingual / "tags.yaml"
    labels = (
        tags.read_text(encoding="utf-8").replace("ai: {vi:", "ai: {de: KI, vi:").replace("exchange: {vi:", "exchange: {de: Austausch, vi:")
    )
    tags.write_text(labels, encoding="utf-8")
    for file in trilingual.rglob("*.fr.md"):
        file.rename(file.with_name(file.name.replace(".fr.md", ".de.md")))
    err = _refused(run, trilingual)
    table = yaml.safe_load((THEME / "strings.yaml").read_text(encoding="utf-8"))
    assert err[:-1] == [
        f"vnu_site/theme/strings.yaml: {len(table)} UI string(s) have no 'de' text (first: 'language.name'); the default theme "
        "speaks en, fr, vi: give each string's 'de' text in the site's templates/strings.yaml",
    ]

    # Given in the site's strings.yaml (here the English texts, for the test), it builds, with German dates.
    templates = tmp_path / "templates"
    templates.mkdir()
    german = {key: {"de": texts["en"]} for key, texts in table.items()}
    (templates / "strings.yaml").write_text(yaml.safe_dump(german, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "public"
    args = build(trilingual, out)
    args[args.index("--templates") + 1] = str(templates)
    code, _, err_text = run(*args)
    assert code == 0, err_text
    event = BuiltSite(out).pages["/de/events/forum-universitaire-vietnam-france/"]  # English segments unless sections.de says
    assert event.get("lang") == "de"
    assert f"29. September{THIN}–{THIN}2. Oktober 2025" in text(event.xpath('//dl[contains(@class,"fact-list")]')[0])


def test_new_makes_a_file_per_site_language(run, trilingual):
    code, out, err = run("new", "event", "Hội thảo Pháp ngữ", "--content", trilingual, "--date", "2025-11-20")
    assert code == 0, err
    made = [line.split()[1] for line in out.splitlines() if line.startswith("created ")]
    folder = (trilingual / "events").as_posix()
    assert made == [f"{folder}/hoi-thao-phap-ngu.vi.md", f"{folder}/hoi-thao-phap-ngu.en.md", f"{folder}/hoi-thao-phap-ngu.fr.md"]
    french = (trilingual / "events" / "hoi-thao-phap-ngu.fr.md").read_text(encoding="utf-8")
    assert "needs_translation: true" in french and "translated_from: {lang: vi," in french
