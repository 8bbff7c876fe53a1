"""`serve` keeps its site in memory between saves (incremental/session.py): a save of a
text takes the quick path with only that file read again, the served page shows it, an
editor's burst of writes makes one rebuild, a template change and a broken save take the
full path, and the folder it serves stays what a clean build makes."""

from __future__ import annotations

import datetime
import os
import shutil

import pytest
from lxml import html
from test_serve import ARTICLE, PAGE, SUMMARY, edit, fetch, wait_until

from conftest import TEMPLATES, THEME, tree
from vnu_site import pipeline
from vnu_site.editor.serve import Preview
from vnu_site.model import BuildOptions


@pytest.fixture
def builds(monkeypatch) -> list:
    """Each rebuild's result (None for a failed one), as the preview's builds end."""
    results: list = []
    real_build = pipeline.build

    def recording_build(*args, **kwargs):
        try:
            result = real_build(*args, **kwargs)
        except BaseException:
            results.append(None)
            raise
        results.append(result)
        return result

    monkeypatch.setattr(pipeline, "build", recording_build)
    return results


@pytest.fixture
def preview(tiny, builds, tmp_path):
    templates = tmp_path / "templates"  # a copy: one test edits it
    shutil.copytree(TEMPLATES, templates)
    running = Preview(tiny, templates, port=0, build_date=datetime.date(2025, 6, 1), log=lambda text, error=False: None)
    running.start()
    yield running
    running.stop()


def lede(preview) -> str | None:
    return html.fromstring(fetch(preview.url + PAGE)[1]).findtext('.//p[@class="lede"]')


def test_saves_in_a_row_take_the_quick_path_and_are_served(preview, tiny, builds):
    for number in range(3):
        edit(tiny / ARTICLE, SUMMARY if number == 0 else f"Tóm tắt số {number - 1}.", f"Tóm tắt số {number}.")
        wait_until(lambda number=number: preview.state.version == number + 2)
        assert lede(preview) == f"Tóm tắt số {number}."
    assert [result.quick for result in builds] == [False, True, True, True]


def test_an_editors_burst_of_writes_makes_one_rebuild(preview, tiny, builds):
    """vim: a test file (4913), the old file kept as a backup, the new one written and the
    backup removed, all at once; then the article saved through a renamed temporary file."""
    folder = tiny / "articles"
    article = tiny / ARTICLE
    new_text = article.read_text(encoding="utf-8").replace(SUMMARY, "Tóm tắt sau một loạt ghi.")
    (folder / "4913").write_text("", encoding="utf-8")
    os.unlink(folder / "4913")
    os.replace(article, folder / "tsinghua-ai.vi.md~")
    article.write_text(new_text, encoding="utf-8")
    os.unlink(folder / "tsinghua-ai.vi.md~")
    wait_until(lambda: preview.state.version == 2)
    assert lede(preview) == "Tóm tắt sau một loạt ghi."
    temporary = folder / "tsinghua-ai.vi.md.tmp"
    temporary.write_text(new_text.replace("sau một loạt ghi", "qua tệp tạm"), encoding="utf-8")
    os.replace(temporary, article)
    wait_until(lambda: preview.state.version == 3)
    assert lede(preview) == "Tóm tắt qua tệp tạm."
    assert len(builds) == 3, "one rebuild per save"
    assert not preview.state.errors


def test_a_broken_save_then_a_good_one_through_the_session(preview, tiny, builds):
    edit(tiny / ARTICLE, SUMMARY, "Tóm tắt mới.")
    wait_until(lambda: preview.state.version == 2)
    edit(tiny / ARTICLE, "date: 2025-03-02", "date: 2025-13-02")
    wait_until(lambda: bool(preview.state.errors))
    assert lede(preview) == "Tóm tắt mới.", "the last good site is served"
    edit(tiny / ARTICLE, "date: 2025-13-02", "date: 2025-03-02")
    wait_until(lambda: preview.state.version == 3 and not preview.state.errors)
    edit(tiny / ARTICLE, "Tóm tắt mới.", "Tóm tắt cuối.")
    wait_until(lambda: preview.state.version == 4)
    assert lede(preview) == "Tóm tắt cuối."
    assert [result.quick if result else None for result in builds] == [False, True, None, False, True]


def test_a_template_change_takes_the_full_path(preview, tiny, builds):
    base = preview.templates / "base.html"  # the default theme's, overridden by the site's templates/
    base.write_text((THEME / "base.html").read_text(encoding="utf-8").replace("</body>", "<p id=changed>x</p></body>", 1), encoding="utf-8")
    wait_until(lambda: preview.state.version == 2)
    assert b"<p id=changed>x</p>" in fetch(preview.url + PAGE)[1]
    assert builds[-1].quick is False


def test_the_served_folder_is_a_clean_build(preview, tiny, tmp_path):
    for number in range(2):
        edit(tiny / ARTICLE, SUMMARY if number == 0 else "Tóm tắt 0.", f"Tóm tắt {number}.")
        wait_until(lambda number=number: preview.state.version == number + 2)
    clean = tmp_path / "clean"
    options = BuildOptions(
        content=tiny,
        templates=preview.templates,
        out=clean,
        base_url=preview.url,
        build_date=datetime.date(2025, 6, 1),
        search=False,
        cache_dir=None,
    )
    pipeline.build(options)
    assert tree(preview.folder) == tree(clean)


def test_a_page_left_while_it_is_sent_prints_nothing(preview, capsys):
    """The live reload leaves pages half-received on every save: no traceback for that;
    any other error in a request is still printed."""
    for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer"), ValueError("a bug")):
        try:
            raise error
        except Exception:
            preview.server.handle_error(None, ("127.0.0.1", 1))
    err = capsys.readouterr().err
    assert err.count("Traceback") == 1 and "ValueError: a bug" in err
