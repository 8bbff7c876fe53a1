"""vnu-site: a bilingual (Vietnamese/English) static news-site generator.

`vnu_site.build(...)` and `vnu_site.check(...)` (see api.py) run the same work as the
command line and return what happened as data. They are imported on first use, so that
`python -m vnu_site` on an unchanged site stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vnu_site.api import BuildReport, CheckReport

from vnu_site.version import __version__

__all__ = ["__version__", "build", "check"]


def build(*args: Any, **kwargs: Any) -> BuildReport:
    """vnu_site.api.build: build a site; returns a BuildReport."""
    from vnu_site import api

    return api.build(*args, **kwargs)


def check(*args: Any, **kwargs: Any) -> CheckReport:
    """vnu_site.api.check: check a site's content; returns a CheckReport."""
    from vnu_site import api

    return api.check(*args, **kwargs)
