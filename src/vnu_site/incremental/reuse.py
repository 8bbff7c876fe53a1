"""Which output files of the last build can stay as they are: one decision per file."""

from __future__ import annotations

from pathlib import Path

from vnu_site.incremental.cache import BuildCache
from vnu_site.io import deps, write
from vnu_site.io.theme import Theme


class Reuse:
    """Decides, for one output file, whether last build's file can stay (same input hash,
    and the file in the output is the one we made), and records what this build made."""

    def __init__(self, out: Path, theme: Theme, cache: BuildCache | None):
        self.cache = cache or BuildCache(None)
        self.out = out
        self.theme = theme.digest()
        # Only files as the last build left them can stay: one edited in the output by
        # hand (even in place) is made again (stamps.verified_manifest).
        self.previous = self.cache.output_manifest(out)

    def input_hash(self, key: bytes) -> str:
        return write.digest(self.theme + key)

    def still_valid(self, file: str, input_hash: str) -> write.Unchanged | None:
        """Pure (it runs in the workers): the old file, if it was made from the same inputs."""
        known = self.cache.known_pages.get(file)
        if known and known[0] == input_hash and self.previous.get(file) == known[1] and (self.out / file).is_file():
            return write.Unchanged(known[1])
        return None

    def untouched(self, file: str, edited: set) -> write.Unchanged | None:
        """The old file, if its page was made from none of the edited items (and it is as
        the last build left it: the quick path runs only then)."""
        known = self.cache.known_pages.get(file)
        if known and not deps.affected(known[2], edited) and self.previous.get(file) == known[1]:
            self.cache.pages[file] = known
            return write.Unchanged(known[1])
        return None

    def record(self, file: str, input_hash: str, output_digest: str, dependencies=None) -> None:
        """What this build made for `file`, remembered for the next."""
        self.cache.pages[file] = (input_hash, output_digest, dependencies)
