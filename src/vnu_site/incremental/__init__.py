"""Incremental builds, at the pipeline's edge: the cache, the quick path and the reuse of
unchanged files. May import every wing below the pipeline; only the pipeline (and the
editors' commands above it) import it.
"""

from vnu_site.incremental.run import LastBuild, start

__all__ = ["LastBuild", "start"]
