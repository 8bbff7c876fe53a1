"""The incremental-build cache (--cache-dir, default .vnu-cache/), at the pipeline's edge.

Seven things are kept between builds, each in its own file, written atomically:
- `inputs.json`: a fingerprint of every input (file names, sizes and mtimes of content/
  and templates/, the build options, the generator's own code). When it has not changed
  and the output is as we left it, the build is over before the heavy modules are even
  imported.
- `entries.pickle`: each content file's parsed Entry, keyed by path and checked by
  size+mtime, then by content hash: an unchanged file is neither re-read nor re-parsed.
- `pages.pickle` (+ `pages-edits.pickle` after quick builds): for each output file, the
  hash of everything its page shows (template set, strings, context), the hash of the
  bytes it produced, and the items it was made from (deps.py): an unchanged page is not
  rendered again and its file is not rewritten.
- `images.pickle`: what each image file a text names is (its size and format, or what is
  wrong with it), checked by size+mtime, then by content hash: an unchanged image is not
  decoded again. Beside it, `images/` holds the variants made of the published images
  (io/blob_store.py), named by the image's content hash, so none is made twice.
- `memo.pickle`: what Babel said (dates, country names), so quick builds need no Babel.
- `site.pickle` (+ `edits.pickle`): the resolved site of the last build, so that a build
  after a few edited texts starts from it (edits.py). A quick build adds its edited
  items to `edits.pickle` instead of rewriting the site. Beside them, `last-inputs.pickle`
  holds the input state that build saw (input_state), small enough to compare first.

Besides, the writer keeps the previous site (`spare/`) and the stamps of what it wrote
(write.py, stamps.py). No file is trusted: each is checked before use (cache_files.py), and one
that is not what it should be is dropped with a note.

Only light imports here: the no-change path must stay cheap (cache_files, with the model
and the shape checks, is imported when a build needs a pickle).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import pickle
import shutil
import sys
import time
from pathlib import Path

from vnu_site.io import collector, safe_files, stamps
from vnu_site.io.blob_store import cache_folder
from vnu_site.io.theme import Theme
from vnu_site.io.write import digest as _digest  # the project's one content hash (write.py is stdlib only too)

_VERSION = 5  # bump when the layout of the cached values changes


def _tree_stats(folder: Path) -> list:
    """(relative path, size, mtime_ns, ctime_ns, mode) of every file below folder, sorted.
    The change time and the mode too: a file made unreadable (chmod, chown) changes nothing
    else, and must not be taken from the cache as if it could still be read."""
    found = []
    stack = [("", os.fspath(folder))]
    while stack:
        relative, current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            name = relative + entry.name  # built here: os.path.relpath per file was a third of the cost
            if entry.is_dir(follow_symlinks=False):
                stack.append((name + "/", entry.path))
            else:
                try:
                    stat = entry.stat()
                except OSError:
                    continue  # a dangling link: discover reports it
                found.append((name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_mode))
    return sorted(found)


def code_salt() -> str:
    """Changes whenever the generator itself changes (any module of the package, not only
    this wing's, and the data it reads: pages/world_shapes.json), so stale results are never
    reused."""
    package = Path(__file__).resolve().parent.parent
    code = [found for found in _tree_stats(package) if found[0].endswith((".py", ".json"))]
    return _digest(repr((_VERSION, sys.version, code)).encode())


def input_state(options) -> tuple:
    """(code salt, build settings, content files, template files): what a build depends on.
    Files are as _tree_stats gives them."""
    # Today's date is an input: it decides which events are upcoming and which articles are due.
    today = options.build_date or datetime.date.today()
    settings = (
        str(options.content.resolve()),
        str(options.templates.resolve()),
        str(options.out.resolve()),
        options.base_url,
        options.drafts,
        options.strict,
        str(today),
        options.search,
        options.cms_proxy,
    )
    # Both layers of the theme (the site's templates/ over the default one), told apart by a prefix.
    theme = [
        (f"{index}:{name}", *rest) for index, layer in enumerate(Theme(options.templates).layers) for name, *rest in _tree_stats(layer)
    ]
    return (code_salt(), settings, tuple(_tree_stats(options.content)), tuple(theme))


def fingerprint_of(state: tuple) -> str:
    return _digest(repr(state).encode())


def _manifest_stamp(out: Path) -> list | None:
    try:
        stat = (out / ".vnu-site.json").stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def folder_for(cache_dir: Path | None, options) -> Path | None:
    """One subfolder per (content, output) pair, so two sites never share entries."""
    return cache_folder(cache_dir, options)


def _last_build(folder: Path | None, options, fingerprint: str) -> dict | None:
    """inputs.json if the last build succeeded with inputs of this fingerprint and left the
    output as it is now (its manifest, and each file: stamps.output_intact)."""
    if not folder:
        return None
    path = folder / "inputs.json"
    state = safe_files.read_json_cache_file(path, _is_summary)
    if state is None:
        return None
    assert isinstance(state, dict)  # _is_summary said so
    if state["fingerprint"] != fingerprint or state["manifest"] != _manifest_stamp(options.out.resolve()):
        return None
    return state


def _is_summary(state) -> bool:
    """inputs.json has the shape remember_inputs gives it (cache_files.InputsFile, checked
    here by hand: the no-change path does not import the model)."""
    return (
        isinstance(state, dict)
        and state.keys() == {"fingerprint", "manifest", "pages", "files", "warnings"}
        and type(state["fingerprint"]) is str
        and (state["manifest"] is None or (type(state["manifest"]) is list and all(type(n) is int for n in state["manifest"])))
        and type(state["pages"]) is int
        and type(state["files"]) is int
        and type(state["warnings"]) is list
        and all(type(line) is str for line in state["warnings"])
    )


def _shared(pages: dict, known: dict) -> dict:
    """The same dependency (kind, key, lang) appears on hundreds of pages: made one object,
    pickle writes it once and refers to it after, which halves the file and its load time.
    Entries kept from the last build (`known`) come loaded that way already."""
    one: dict = {}
    return {
        file: entry
        if entry is known.get(file) or entry[2] is None
        else (entry[0], entry[1], frozenset(one.setdefault(dep, dep) for dep in entry[2]))
        for file, entry in pages.items()
    }


class BuildCache:
    def __init__(self, folder: Path | None, reuse: bool = True):
        """reuse=False (--clean): start from nothing, but still keep this build's results."""
        self.folder = folder
        self.enabled = bool(folder)
        self.salt = code_salt()
        self.reuse = reuse
        self._entries: dict | None = None if reuse else {}
        self._images: dict | None = None if reuse else {}
        self._images_loaded: dict = {}  # as loaded: images.pickle is written again only if it changed
        self.entries_changed = not reuse  # set by the read stage; unchanged entries are not rewritten (12 MB at 1,000 pairs)
        # Output file -> (input hash, output digest, dependencies or None): last build's, and this build's so far.
        self._pages_token = None  # of pages.pickle, and the quick builds' changes to it
        self._pages_edits: dict | None = None
        if self.enabled:
            assert folder is not None
            with contextlib.suppress(OSError):
                safe_files.clear_the_way(folder)  # a link there would lead the spare and every file elsewhere
        if self.enabled and not reuse:
            stamps.forget_stamps(self.spare)  # --clean: nothing of the old output or the spare is used
        # Unpickling makes a million objects that live until the build ends: the collector's
        # passes over them found nothing and took a third of the load time. The build then
        # keeps them out of its sight (collector.frozen in pipeline.build).
        with collector.paused():
            self.known_pages: dict = self._load_pages() if reuse else {}
        self.pages: dict = {}
        self._base_token: str | None = None  # of the site snapshot() loaded, and the items edited since
        self._edited_before: dict = {}
        self._last: dict = {}  # last-inputs.pickle, once loaded
        self._output: dict | None = None

    @property
    def entries(self) -> dict:
        """Parsed content files; loaded on first use (a quick build never needs them)."""
        if self._entries is None:
            self._entries = self._load("entries.pickle")
        return self._entries

    @entries.setter
    def entries(self, value: dict) -> None:
        self._entries = value

    @property
    def images(self) -> dict:
        """What each image file is (outputs/images.Records); loaded on first use."""
        if self._images is None:
            self._images = self._images_loaded = self._load("images.pickle")
        return self._images

    @images.setter
    def images(self, value: dict) -> None:
        self._images = value

    @property
    def spare(self) -> Path | None:
        """Where the writer keeps the previous site for the next build to update."""
        return self._path("spare") if self.enabled else None

    # --- the no-change path ---------------------------------------------------
    @staticmethod
    def unchanged(folder: Path | None, options, fingerprint: str) -> dict | None:
        """The last build's summary if nothing changed since and its output is intact."""
        state = _last_build(folder, options, fingerprint)
        if state is None or folder is None or not stamps.output_intact(options.out, folder / "spare"):
            return None
        return state

    def remember_inputs(self, fingerprint: str, out: Path, summary: dict) -> None:
        if not self.enabled:
            return
        state = {"fingerprint": fingerprint, "manifest": _manifest_stamp(out.resolve()), **summary}
        self._store("inputs.json", json.dumps(state, sort_keys=True).encode())

    def output_manifest(self, out: Path) -> dict:
        """The output's manifest less the files that are not as the last build left them
        (stamps.verified_manifest): what may be kept. Taken once per build."""
        if self._output is None:
            self._output = stamps.verified_manifest(out, self.spare)
        return self._output

    # --- entries and pages ------------------------------------------------------
    def _load(self, name: str) -> dict:
        """What the file holds, checked (cache_files.load); {} if nothing usable."""
        if not self.enabled:
            return {}
        from vnu_site.incremental import cache_files  # the model and the shape checks: not on the no-change path

        value = cache_files.load(self._path(name), self.salt)
        return value if isinstance(value, dict) else {}

    def _load_pages(self) -> dict:
        """pages.pickle, with the entries quick builds changed since (pages-edits.pickle)."""
        base = self._load("pages.pickle")
        if not base:
            return {}
        self._pages_token = base["token"]
        pages = base["pages"]
        edits = self._load("pages-edits.pickle")
        if edits and edits["base"] == base["token"]:
            self._pages_edits = edits
            pages = {**pages, **edits["changed"]}
            for file in edits["removed"]:
                pages.pop(file, None)
        return pages

    def save(self, quick: bool = False) -> None:
        """quick: only a few pages changed; they are added to pages-edits.pickle instead of
        writing the records of every page again (20 ms of a quick build at 1,000 pairs)."""
        if not self.enabled:
            return
        assert self.folder is not None  # enabled
        if (self.folder / "templates").is_dir():  # compiled templates, kept by earlier versions: code, never loaded now
            shutil.rmtree(self.folder / "templates", ignore_errors=True)
        if self.entries_changed:
            self._store("entries.pickle", pickle.dumps((self.salt, self.entries), protocol=pickle.HIGHEST_PROTOCOL))
        if self._images is not None and (self._images != self._images_loaded or not self.reuse):
            self._store("images.pickle", pickle.dumps((self.salt, self._images), protocol=pickle.HIGHEST_PROTOCOL))
        if quick and self._pages_token:
            changed = {file: entry for file, entry in self.pages.items() if entry is not self.known_pages.get(file)}
            removed = {file for file in self.known_pages if file not in self.pages}
            earlier = self._pages_edits or {"changed": {}, "removed": []}
            edits = {
                "base": self._pages_token,
                "changed": {file: entry for file, entry in {**earlier["changed"], **changed}.items() if file not in removed},
                "removed": sorted((set(earlier["removed"]) | removed) - changed.keys()),
            }
            self._store("pages-edits.pickle", pickle.dumps((self.salt, edits), protocol=pickle.HIGHEST_PROTOCOL))
        elif self.pages != self.known_pages:
            state = {"token": f"{time.time_ns()}-{os.getpid()}", "pages": _shared(self.pages, self.known_pages)}
            self._store("pages.pickle", pickle.dumps((self.salt, state), protocol=pickle.HIGHEST_PROTOCOL))
            with contextlib.suppress(OSError):
                self._path("pages-edits.pickle").unlink()

    # --- the last build's resolved site ----------------------------------------------
    def last_inputs(self) -> tuple | None:
        """input_state() as the last successful build saw it: what a build compares before
        it loads that build's site (11 MB at 1,000 pairs) to start from."""
        if not self.enabled or not self.reuse:
            return None
        self._last = self._load("last-inputs.pickle")
        return self._last.get("inputs")

    def snapshot(self) -> tuple | None:
        """(site, strings, warnings) as the last successful build left them, with the items
        edited by quick builds since put in; None if there is none to trust. The last build
        named the files it left (last-inputs.pickle): a site file without the edits made
        since would be out of date, so a missing or dropped one means no snapshot."""
        if not self.enabled or not self.reuse or not self._last:
            return None
        base_token, edits_token = self._last["site"]
        with collector.paused():  # as for the page records (__init__)
            base = self._load("site.pickle")
            edits = self._load("edits.pickle") if edits_token else {}
        if not base or base["token"] != base_token:
            return None
        self._base_token = base_token
        if edits_token is None:
            return base["site"], base["strings"], base["warnings"]
        if not edits or (edits["base"], edits["token"]) != (base_token, edits_token):
            return None
        self._edited_before = edits["items"]
        return base["site"].with_items(edits["items"]), base["strings"], edits["warnings"]

    def keep_site(self, inputs: tuple, site, strings, warnings: list, edited: dict | None) -> None:
        """After a successful build. edited: the items a quick build changed (ref -> Item),
        added to the edits file; None after a full build, which writes the whole site."""
        if not self.enabled:
            return
        files: tuple[str, str | None]
        if edited is None:
            files = (fingerprint_of(inputs), None)
            state = {"token": files[0], "site": site, "strings": strings, "warnings": warnings}
            self._store("site.pickle", pickle.dumps((self.salt, state), protocol=pickle.HIGHEST_PROTOCOL))
            with contextlib.suppress(OSError):
                self._path("edits.pickle").unlink()
        else:
            assert self._base_token is not None  # a quick build always follows snapshot()
            files = (self._base_token, f"{time.time_ns()}-{os.getpid()}")
            items = {**self._edited_before, **edited}
            state = {"base": files[0], "token": files[1], "items": items, "warnings": warnings}
            self._store("edits.pickle", pickle.dumps((self.salt, state), protocol=pickle.HIGHEST_PROTOCOL))
        last = {"inputs": inputs, "site": files}  # last: it names the files written above
        self._store("last-inputs.pickle", pickle.dumps((self.salt, last), protocol=pickle.HIGHEST_PROTOCOL))

    def memo(self) -> dict:
        """What Babel said in earlier builds (i18n.memo): its own small file, kept by every
        build whatever its path, so a quick build can do without Babel."""
        return self._load("memo.pickle") if self.reuse else {}

    def keep_memo(self, memo: dict, before: dict) -> None:
        if self.enabled and memo != before:
            self._store("memo.pickle", pickle.dumps((self.salt, memo), protocol=pickle.HIGHEST_PROTOCOL))

    def last_build_intact(self, options, fingerprint: str) -> bool:
        """Whether the last build succeeded with these inputs and its output is untouched."""
        if _last_build(self.folder, options, fingerprint) is None:
            return False
        listed = stamps.manifest(options.out.resolve())
        return bool(listed) and self.output_manifest(options.out) == listed

    def _path(self, name: str) -> Path:
        assert self.folder is not None  # callers check `enabled` first
        return self.folder / name

    def _store(self, name: str, data: bytes) -> None:
        assert self.folder is not None  # callers check `enabled` first
        safe_files.write_cache_file(self.folder / name, data)

    def next_build(self, succeeded: bool, output: dict | None) -> None:
        """Kept in memory for the next build (session.py): after a success, what this build
        made is what the next finds; after a failure, the output is still the last good
        build's. output: its manifest, when the caller knows it (None: looked at again)."""
        if succeeded:
            self.known_pages = self.pages
        self.pages, self._output = {}, output

    def forget(self) -> None:
        """After a failed build: the next one must not take the no-change path."""
        if self.enabled:
            with contextlib.suppress(OSError):
                self._path("inputs.json").unlink()
