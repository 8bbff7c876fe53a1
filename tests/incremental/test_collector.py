"""A build keeps what it holds out of the cycle collector's walks (io/collector.py), and
gives all of it back when it ends, however it ends: `serve` builds again and again in one
process, and what stayed frozen would never be freed."""

from __future__ import annotations

import gc
import shutil

import pytest

from conftest import TEMPLATES, TINY
from vnu_site import pipeline
from vnu_site.errors import BuildFailed
from vnu_site.model import BuildOptions


def _options(content, tmp_path, **given) -> BuildOptions:
    return BuildOptions(content=content, templates=TEMPLATES, out=tmp_path / "public", cache_dir=tmp_path / "cache", search=False, **given)


def test_nothing_stays_frozen_after_builds_that_succeed_or_fail(tmp_path):
    gc.unfreeze()  # whatever an earlier test left
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    pipeline.build(_options(content, tmp_path))  # a full build, then its cache is loaded by the next ones
    assert gc.get_freeze_count() == 0
    article = next((content / "articles").glob("*.vi.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    assert pipeline.build(_options(content, tmp_path)).quick
    assert gc.get_freeze_count() == 0
    (content / "site.yaml").write_text("title: [\n", encoding="utf-8")  # the cache is loaded, then the read fails
    with pytest.raises(BuildFailed):
        pipeline.build(_options(content, tmp_path))
    assert gc.get_freeze_count() == 0
