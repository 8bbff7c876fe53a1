"""The translation status pages (for editors): per language an index of counts, links to
a page per kind and the items waiting for a translator; per kind, every published item,
its vi/en presence, and whether each translation is stale."""

from __future__ import annotations

from lxml import html

from conftest import build_args
from vnu_site.sources import provenance


def _rows(out, path):
    page = html.fromstring((out / path / "index.html").read_bytes())
    return page, {
        (row.get("data-kind"), row.get("data-key")): {td.get("data-lang"): td.get("class") for td in row.xpath("td")}
        | {"row": row.get("class")}
        for row in page.xpath("//tr[@data-key]")
    }


def _all_rows(out, index):
    """The rows of every kind's page the index links to."""
    page, _ = _rows(out, index)
    rows = {}
    for href in page.xpath('//ul[@class="status-kinds"]//a/@href'):
        rows |= _rows(out, href.strip("/"))[1]
    return rows


def test_status_page_lists_every_item_and_its_languages(run, tiny, tmp_path):
    en = tiny / "articles/tsinghua-ai.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("---\n", "---\n" + provenance.provenance_line("vi", "00000000") + "\n", 1))
    state = tiny / "articles/state-visit.en.md"
    text = state.read_text(encoding="utf-8")
    state.write_text(text.replace("---\n", "---\n" + provenance.provenance_line("vi", "11111111") + "\n", 1), encoding="utf-8")
    assert run("check", "--content", tiny, "--fix-hash", state, "--build-date", "2025-06-01")[0] == 0
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0

    page, waiting = _rows(out, "vi/tinh-trang-dich")
    assert page.findtext(".//h1") == "Tình trạng bản dịch"
    assert page.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    assert sorted(waiting) == [("article", "mooc"), ("article", "tsinghua-ai")], "the index lists what waits for a translator"
    rows = _all_rows(out, "vi/tinh-trang-dich")
    assert len(rows) == 11
    assert rows["article", "mooc"] == {"vi": "state-original", "en": "state-missing", "row": "status-missing"}
    assert rows["article", "tsinghua-ai"] == {"vi": "state-original", "en": "state-stale", "row": "status-stale"}
    assert rows["article", "state-visit"] == {"vi": "state-original", "en": "state-current", "row": "status-current"}
    counts = {dd.get("data-count"): dd.text for dd in page.xpath("//dd[@data-count]")}
    assert counts == {"total": "11", "current": "9", "missing": "1", "stale": "1"}
    assert rows["page", "contact"] == {"vi": "state-original", "en": "state-original", "row": "status-current"}
    pages, _ = _rows(out, "en/translation-status/pages")
    assert pages.findtext(".//h1") == "Translation status: Pages"
    links = html.fromstring((out / "vi/tinh-trang-dich/tin-tuc/index.html").read_bytes()).xpath('//tr[@data-key="tsinghua-ai"]//a/@href')
    assert links == [
        "/vi/tin-tuc/dhqghn-va-dh-thanh-hoa-hop-tac-ve-tri-tue-nhan-tao/",
        "/en/news/vnu-and-tsinghua-university-cooperate-on-artificial-intelligence/",
    ]

    english, _ = _rows(out, "en/translation-status")
    assert english.findtext(".//h1") == "Translation status"
    assert _all_rows(out, "en/translation-status") == rows
    kind_page, _ = _rows(out, "en/translation-status/news")
    assert kind_page.findtext(".//h1") == "Translation status: News"


def test_status_page_leaves_out_drafts(run, tiny, tmp_path):
    path = tiny / "articles/mooc.vi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    out = tmp_path / "public"
    assert run(*build_args(tiny, out))[0] == 0
    assert ("article", "mooc") not in _all_rows(out, "vi/tinh-trang-dich"), "a draft's title must not leak through the status page"
