"""Videos: a YouTube or Vimeo link alone in its paragraph becomes a player that loads
nothing from YouTube or Vimeo until the visitor asks for it.

    https://www.youtube.com/watch?v=dQw4w9WgXcQ
    [Lễ ký kết tại Hà Nội](https://youtu.be/dQw4w9WgXcQ)

When a file is read (`mark`), such a paragraph becomes a placeholder,
`<div class="video" data-video="youtube:ID" data-title="…"></div>`, with the link's text as
the title (none when the text is the address itself). When a page shows the body
(`expand`), the placeholder becomes, in the page's language:

- an <iframe> whose `srcdoc` is a small page of ours (inline style, no script): a play
  link to the privacy-friendly player (youtube-nocookie.com/embed/ID, or
  player.vimeo.com/video/NUMBER?dnt=1) with autoplay, which the frame follows when clicked;
  `src` names the same player without autoplay, for a browser that knows no srcdoc;
- `title`, `loading="lazy"`, `allowfullscreen`, in a 16:9 frame (the theme's style.css);
- a caption with a plain link to the video's own page (what a feed reader, which drops
  frames, still shows).

Only these addresses count: https or http; the hosts youtube.com, www.youtube.com,
m.youtube.com (`/watch?v=ID`, `/shorts/ID`), youtu.be (`/ID`), vimeo.com and www.vimeo.com
(`/NUMBER`); no user, no port; a YouTube ID is 11 characters of A-Z a-z 0-9 _ -, a Vimeo
number up to 12 digits. Anything else stays a link. The sanitiser removes every <iframe>
written as HTML, an allowed player's too (write its link instead); with `trusted_html`
nothing is removed. A body shows at most MAX_VIDEOS players: more stay links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from urllib.parse import parse_qs, urlsplit

MAX_VIDEOS = 20

_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"[0-9]{1,12}")
_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com"})
_VIMEO_HOSTS = frozenset({"vimeo.com", "www.vimeo.com"})
# A link alone in its paragraph, its text plain (cmark's and the sanitiser's HTML alike).
_ALONE = re.compile(r'<p><a href="([^"<>]*)">([^<]*)</a></p>')
_PLACEHOLDER = re.compile(r'<div class="video" data-video="(youtube|vimeo):([A-Za-z0-9_-]+)"(?: data-title="([^"<>]*)")?></div>')
_PROVIDERS = {"youtube": "YouTube", "vimeo": "Vimeo"}


def video_of(href: str) -> tuple[str, str] | None:
    """("youtube", ID) or ("vimeo", NUMBER) for the address of a video, else None."""
    if any(ord(char) <= 0x20 or char in "\\\x7f" for char in href):
        return None
    try:
        parts = urlsplit(href)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("https", "http") or parts.username is not None or parts.password is not None or port is not None:
        return None
    host = (parts.hostname or "").lower()
    if parts.netloc.lower() != host:
        return None  # (nothing but the host: no "@", ":" or trailing dot)
    path = parts.path
    found: str | None = None
    if host in _YOUTUBE_HOSTS:
        if path == "/watch":
            values = parse_qs(parts.query, keep_blank_values=True).get("v", [])
            found = values[0] if len(values) == 1 else None
        elif path.startswith("/shorts/"):
            found = path[len("/shorts/") :]
        provider = "youtube"
    elif host == "youtu.be":
        found, provider = path[1:], "youtube"
    elif host in _VIMEO_HOSTS:
        found, provider = path[1:], "vimeo"
    else:
        return None
    pattern = _YOUTUBE_ID if provider == "youtube" else _VIMEO_ID
    if found is None or not pattern.fullmatch(found):
        return None
    return provider, found


def mark(html: str) -> tuple[str, str | None]:
    """(the body with each video link alone in its paragraph made a placeholder, the first
    video left a link because the body has MAX_VIDEOS already, or None)."""
    if "youtu" not in html and "vimeo" not in html:
        return html, None
    count = 0
    over: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        nonlocal count
        video = video_of(unescape(match[1]))
        if video is None:
            return match[0]
        if count == MAX_VIDEOS:
            if not over:
                over.append(video[1])
            return match[0]
        count += 1
        text = unescape(match[2]).strip()
        titled = text and not text.startswith(("http://", "https://", "www.")) and video_of(text) is None
        title = f' data-title="{escape(text)}"' if titled else ""
        return f'<div class="video" data-video="{video[0]}:{video[1]}"{title}></div>'

    html = _ALONE.sub(placeholder, html)
    return html, over[0] if over else None


def expand(html: str, lang: str, text_for: Callable[[str], str]) -> str:
    """The placeholders made players, in the page's language; text_for(key) -> UI string."""
    if 'data-video="' not in html:
        return html
    return _PLACEHOLDER.sub(lambda match: _player(match, lang, text_for), html)


def _player(match: re.Match[str], lang: str, text_for: Callable[[str], str]) -> str:
    provider, video = match[1], match[2]
    if not (_YOUTUBE_ID if provider == "youtube" else _VIMEO_ID).fullmatch(video):
        return ""
    name = _PROVIDERS[provider]
    given = unescape(match[3] or "")
    title = given or text_for("video.title").format(provider=name)
    if provider == "youtube":
        player, page = f"https://www.youtube-nocookie.com/embed/{video}", f"https://www.youtube.com/watch?v={video}"
        autoplay = f"{player}?autoplay=1"
    else:
        player, page = f"https://player.vimeo.com/video/{video}?dnt=1", f"https://vimeo.com/{video}"
        autoplay = f"{player}&autoplay=1"
    play = text_for("video.play.titled").format(title=given) if given else text_for("video.play")
    notice = text_for("video.notice").format(provider=name)
    facade = (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_FACADE_STYLE}</style>"
        f'<main><a href="{escape(autoplay)}"><span class="play" aria-hidden="true">\u25b6</span>'
        f"<strong>{escape(play)}</strong><small>{escape(notice)}</small></a></main>"
    )
    watch = text_for("video.watch").format(provider=name)
    caption = (
        f'{escape(given)} · <a href="{escape(page)}">{escape(watch)}</a>' if given else f'<a href="{escape(page)}">{escape(watch)}</a>'
    )
    return (
        f'<figure class="video"><div class="video-frame"><iframe src="{escape(player)}" srcdoc="{escape(facade)}"'
        f' title="{escape(title)}" loading="lazy" allow="autoplay; fullscreen; picture-in-picture; encrypted-media"'
        f' allowfullscreen referrerpolicy="strict-origin-when-cross-origin"></iframe></div>'
        f"<figcaption>{caption}</figcaption></figure>"
    )


# The click-to-load page inside the frame: white on near-black (contrast 18:1), the focus
# ring the theme's colour.
_FACADE_STYLE = (
    "html,body,main{height:100%;margin:0}"
    "body{background:#14181d;font:16px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif}"
    "main{display:flex;align-items:center;justify-content:center}"
    "a{display:flex;flex-direction:column;align-items:center;gap:.6em;padding:1em;color:#fff;text-align:center;text-decoration:none}"
    "a:focus-visible{outline:3px solid #ffbf47;outline-offset:4px}"
    ".play{display:flex;align-items:center;justify-content:center;width:4.25em;height:3em;border-radius:.75em;"
    "background:#b3261e;font-size:1.25em}"
    "a:hover .play,a:focus .play{background:#8c1d17}"
    "strong{font-size:1.1em}small{color:#e4e7eb}"
)
