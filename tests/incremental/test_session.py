"""The in-memory session (session.py) that `serve` builds through: edit after edit, with
the cache and the site kept in memory and the few changed files written in place
(in_place.py), the output is exactly a clean build's, folders included; a failed build
leaves the output as it was and the next one recovers; what is not a text edit takes the
full path."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from test_quick_edits import BULLETIN, _clean_build, _options, _random_edit

from conftest import tree
from vnu_site import pipeline
from vnu_site.errors import BuildFailed
from vnu_site.incremental.session import Session


def _folders(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def _same_as_clean(content: Path, out: Path, clean: Path, said: str) -> None:
    expected = _clean_build(content, clean)
    got = tree(out)
    assert sorted(got) == sorted(expected), said
    assert [name for name in expected if got[name] != expected[name]] == [], said
    assert _folders(out) == _folders(clean), f"{said}: no folder left empty"


class Saving:
    """A site built through one session, as serve builds it: each save names its files."""

    def __init__(self, tmp_path: Path):
        self.content = tmp_path / "content"
        shutil.copytree(BULLETIN, self.content)
        self.out = tmp_path / "serve" / "site"
        self.session = Session()
        self.build()

    def build(self, *changed: Path | None):
        if changed:
            self.session.saw(None if None in changed else [p.relative_to(self.content).as_posix() for p in changed if p])
        return pipeline.build(_options(self.content, self.out, cache_dir=self.out.parent / "cache"), session=self.session)


@pytest.fixture
def in_place(monkeypatch) -> list[int]:
    """How many files each in-place write changed."""
    from vnu_site.incremental.in_place import InPlaceWriter

    written: list[int] = []
    finish = InPlaceWriter.finish

    def counted(self):
        counts = finish(self)
        written.append(counts["written"])
        return counts

    monkeypatch.setattr(InPlaceWriter, "finish", counted)
    return written


@pytest.mark.parametrize("seed", range(4))
def test_edits_in_a_row_give_the_clean_build(tmp_path, seed, in_place):
    saving = Saving(tmp_path)
    rng = random.Random(seed)
    files = sorted(saving.content.rglob("*.md"))
    for round_ in range(4):
        edited = rng.sample(files, rng.choice([1, 1, 2]))
        done = [_random_edit(rng, path) for path in edited]
        result = saving.build(*edited)
        assert result.quick, f"round {round_}: {done} did not take the quick path"
        _same_as_clean(saving.content, saving.out, tmp_path / f"clean{round_}" / "public", f"round {round_}: {done}")
    assert len(in_place) == 4 and any(in_place), "the quick builds wrote in place"


def test_a_renamed_partner_moves_its_pages_in_place(tmp_path, in_place):
    saving = Saving(tmp_path)
    partner = saving.content / "partners/tsinghua.en.md"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(re.sub(r"(?m)^title: .*$", "title: Tsinghua University (Beijing)", text, count=1), encoding="utf-8")
    assert saving.build(partner).quick
    assert (saving.out / "en/partners/tsinghua-university-beijing/index.html").is_file()
    assert not (saving.out / "en/partners/tsinghua-university").exists()
    assert in_place and in_place[0] > 1
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "renamed")


def test_a_failed_build_changes_nothing_and_the_next_recovers(tmp_path):
    saving = Saving(tmp_path)
    article = saving.content / "articles/vnu-tsinghua-raise-cooperation.vi.md"
    before = tree(saving.out)
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^date: (\d{4})-\d\d", r"date: \1-13", text, count=1), encoding="utf-8")
    with pytest.raises(BuildFailed):
        saving.build(article)
    assert tree(saving.out) == before, "the last good site stays"
    article.write_text(text + "\nMột câu mới sau khi sửa.\n", encoding="utf-8")
    saving.build(article)
    assert "Một câu mới sau khi sửa." in "".join(data.decode("utf-8", "replace") for data in tree(saving.out).values())
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "recovered")
    article.write_text(text, encoding="utf-8")
    assert saving.build(article).quick, "after a full build, the session takes the quick path again"
    _same_as_clean(saving.content, saving.out, tmp_path / "clean2" / "public", "back")


def test_what_is_not_a_text_edit_takes_the_full_path(tmp_path):
    saving = Saving(tmp_path)
    site_yaml = saving.content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace("title:", "title:", 1) + "\n", encoding="utf-8")
    assert not saving.build(site_yaml).quick
    added = saving.content / "articles/vnu-tsinghua-raise-cooperation-2.vi.md"
    shutil.copy(saving.content / "articles/vnu-tsinghua-raise-cooperation.vi.md", added)
    text = added.read_text(encoding="utf-8")
    added.write_text(re.sub(r"(?m)^title: (.*)$", r"title: \1 (bản hai)", text, count=1), encoding="utf-8")
    assert not saving.build(added).quick, "a new file"
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "added")
    assert not saving.build(None).quick, "changes the watcher could not name"
    _same_as_clean(saving.content, saving.out, tmp_path / "clean2" / "public", "unknown")


def test_an_edit_the_watcher_did_not_name_is_still_read(tmp_path):
    """The session reads again what it is told changed; a full build reads everything."""
    saving = Saving(tmp_path)
    article = saving.content / "articles/vnu-tsinghua-raise-cooperation.en.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    assert not saving.build().quick, "nothing named: no quick path"
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "unnamed")


def test_a_write_that_fails_half_way_is_followed_by_a_full_build(tmp_path, monkeypatch):
    """A full disk while the files go in place: the build fails, the session no longer
    trusts what it knows of the folder, and the next build makes it whole again."""
    from vnu_site.incremental import in_place

    saving = Saving(tmp_path)
    partner = saving.content / "partners/tsinghua.en.md"
    text = partner.read_text(encoding="utf-8")
    partner.write_text(re.sub(r"(?m)^title: .*$", "title: Tsinghua University (Beijing)", text, count=1), encoding="utf-8")
    real_replace = in_place._replace
    calls: list[str] = []

    def failing(base, relative, data):
        calls.append(relative)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(base, relative, data)

    monkeypatch.setattr(in_place, "_replace", failing)
    with pytest.raises(OSError):
        saving.build(partner)
    monkeypatch.setattr(in_place, "_replace", real_replace)
    partner.write_text(partner.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert not saving.build(partner).quick
    _same_as_clean(saving.content, saving.out, tmp_path / "clean" / "public", "after the failed write")


def test_other_options_start_afresh(tmp_path):
    saving = Saving(tmp_path)
    article = saving.content / "articles/vnu-tsinghua-raise-cooperation.en.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    saving.session.saw(["articles/vnu-tsinghua-raise-cooperation.en.md"])
    options = _options(saving.content, saving.out, cache_dir=saving.out.parent / "cache", drafts=True)
    assert not pipeline.build(options, session=saving.session).quick
    clean = tmp_path / "clean" / "public"
    pipeline.build(_options(saving.content, clean, drafts=True, clean=True, cache_dir=None))
    assert tree(saving.out) == tree(clean)
