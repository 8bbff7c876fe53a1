"""site.yaml's `editor:`: whether the build writes the browser editor (the CMS's pages under
/admin/, outputs/cms.py), and which repository the editor saves to.

    editor: false             # the default: no /admin/ at all
    editor: true              # this computer only: /admin/ in `vnu-site serve --cms`, none published
    editor:                   # published: editors sign in with the hosting's accounts
      backend: github         # github, gitlab, bitbucket, gitea or forgejo
      repo: vnu/bulletin      # owner/name of the repository
      branch: main            # the branch the site is built from (default: main)
      workflow: editorial     # editorial (drafts, review, publish: pull requests) or simple (a save
                              # is a commit); default: editorial where the backend has it
      base_url: https://…     # the OAuth service that signs editors in (github, gitea, forgejo)
      auth_endpoint: …        # its path, when not /auth
      app_id: …               # gitlab, gitea, forgejo: the OAuth application's id (PKCE)
      auth_type: pkce         # with app_id: pkce (the default) or implicit
      api_root: https://…     # a self-hosted GitLab, Gitea or Forgejo, or GitHub Enterprise
      content: content        # where the content folder is in the repository (default: content)

Off unless asked for: a site that never set it up publishes no sign-in page. Every value is
checked here, with its line, as the rest of site.yaml is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vnu_site.errors import Location, Problems, did_you_mean
from vnu_site.model import Editor

if TYPE_CHECKING:
    from vnu_site.sources.frontmatter import Field

# The backends of Decap CMS that save to a Git host with the hosting's own accounts, and
# whether each has the editorial workflow (Decap's gitea and forgejo backends refuse it).
BACKENDS = {"github": True, "gitlab": True, "bitbucket": True, "gitea": False, "forgejo": False}
WORKFLOWS = ("editorial", "simple")
# Decap's own names for the backend's settings (decapcms.org/docs/backends-overview).
BACKEND_KEYS = ("repo", "branch", "base_url", "auth_endpoint", "app_id", "auth_type", "api_root", "site_domain")
KEYS = ("backend", "workflow", "content", *BACKEND_KEYS)
AUTH_TYPES = ("pkce", "implicit")

_REPO = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")  # owner/name (a GitLab group may nest)
_BRANCH = re.compile(r"[A-Za-z0-9._/-]+")
_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~/%-]*)?")
_PATH = re.compile(r"(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*")
_TEXT = re.compile(r"[A-Za-z0-9._~/:%-]+")  # an id or a path: nothing that needs quoting


def read(field: Field, display: str, problems: Problems) -> Editor | None:
    """The editor's settings; None when off, or (with the problems said) when wrong."""

    def at(*path: str) -> Location:
        return Location(display, field.line_of(*path) - 1)  # settings files count one line more

    value = field.value
    if value is False or value is None:
        return None
    if value is True:
        return Editor(backend={})
    example = "editor: true, or editor: {backend: github, repo: owner/name}"
    if not isinstance(value, dict):
        problems.error(at(), f"editor: must be true, false or the backend's settings ({example})")
        return None
    before = len(problems.errors)
    for name in value:
        if name not in KEYS:
            problems.error(at(name), f"editor: unknown setting '{name}'{did_you_mean(str(name), KEYS)}")
    texts: dict[str, str] = {}
    for name, given in value.items():
        if name in KEYS and (not isinstance(given, str) or not given.strip()):
            problems.error(at(name), f"editor: {name} must be text")
        elif name in KEYS:
            texts[str(name)] = given.strip()
    backend = texts.get("backend")
    if backend is None and "backend" not in value:
        problems.error(at(), f"editor: name the backend the editor saves to ({', '.join(BACKENDS)}), or write editor: true")
    elif backend is not None and backend not in BACKENDS:
        problems.error(at("backend"), f"editor: backend '{backend}' is not one of {', '.join(BACKENDS)}{did_you_mean(backend, BACKENDS)}")
    checks = {
        "repo": (_REPO, "owner/name, as in the repository's address"),
        "branch": (_BRANCH, "a branch name such as main"),
        "base_url": (_URL, "an https:// address"),
        "api_root": (_URL, "an https:// address"),
        "content": (_PATH, "a folder's path inside the repository, such as content"),
        "auth_endpoint": (_TEXT, "a path such as auth"),
        "app_id": (_TEXT, "the OAuth application's id"),
        "site_domain": (_TEXT, "a host name"),
    }
    for name, (pattern, what) in checks.items():
        if name in texts and not pattern.fullmatch(texts[name]):
            problems.error(at(name), f"editor: {name} '{texts[name]}' should be {what}")
    if "content" in texts and ".." in texts["content"].split("/"):
        problems.error(at("content"), "editor: content must be a folder inside the repository")
    if "auth_type" in texts and texts["auth_type"] not in AUTH_TYPES:
        problems.error(at("auth_type"), f"editor: auth_type must be one of {', '.join(AUTH_TYPES)}")
    if backend in BACKENDS and "repo" not in texts:
        problems.error(at(), f"editor: the {backend} backend needs the repository: repo: owner/name")
    workflow = texts.get("workflow", "editorial" if BACKENDS.get(backend or "") else "simple")
    if workflow not in WORKFLOWS:
        problems.error(at("workflow"), f"editor: workflow must be editorial or simple{did_you_mean(workflow, WORKFLOWS)}")
    elif workflow == "editorial" and backend in BACKENDS and not BACKENDS[backend]:
        problems.error(at("workflow"), f"editor: the {backend} backend has no editorial workflow; write workflow: simple")
    if len(problems.errors) > before or backend is None:
        return None
    settings = {"name": backend, "branch": "main"} | {name: texts[name] for name in BACKEND_KEYS if name in texts}
    if "app_id" in settings and backend in ("gitlab", "gitea", "forgejo"):
        settings.setdefault("auth_type", "pkce")  # no secret to keep: the browser signs in alone (Decap's default is older)
    return Editor(backend=settings, editorial=workflow == "editorial", content=texts.get("content", "content"))
