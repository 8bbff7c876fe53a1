"""Bound the shape of a body's HTML before the sanitiser reads it, so reading stays linear.

The sanitiser (nh3: html5ever and ammonia) takes time that grows with the number of tags
times how deep they nest (100 KB of nested `>` took a minute), and its serialiser is
quadratic in the `&`, NBSP and U+0080-U+00BF characters of one text node or attribute
value. So, in one pass over cmark's output, this module:

- refuses a body that nests more than MAX_DEPTH elements inside one another;
- refuses an attribute value longer than MAX_ATTRIBUTE characters;
- cuts text runs longer than TEXT_RUN with elements the sanitiser drops (SPLIT).

Without raw HTML (no "<" in the Markdown) cmark's output is balanced and "<" only opens its
tags: regular expressions count the depth exactly. Raw HTML is read the way html5ever reads
it (implied end tags, formatting elements opened again, tables, selects, forms, templates,
SVG and MathML, raw text), as an estimate meant to err upward where a rule is not followed
exactly. tests/sources/test_time_bounds.py checks it against html5ever on thousands of
random tag soups and on every soup that once fooled it. It is an estimate all the same:
exotic soups (misnested formatting around SVG or MathML) can still make html5ever's tree a
few times deeper than counted here, so bodysize.MAX_RAW_TAGS bounds what that can cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, islice, pairwise

MAX_DEPTH = 100
MAX_ATTRIBUTE = 10_000
TEXT_RUN = 1_000
# An unknown element ends a text node even where text is moved out of a table, a comment
# where a select ignores elements; the sanitiser drops both.
SPLIT = "<vnu-split></vnu-split><!---->"

DEPTH_MESSAGE = (
    f"the body nests more than {MAX_DEPTH} elements inside one another here (blockquotes, lists or HTML tags); nest them less deeply"
)
ATTRIBUTE_MESSAGE = (
    f"a value here is longer than {MAX_ATTRIBUTE:,} characters (a link title, an image description or an HTML attribute); shorten it"
)

_WS = "\t\n\f\r "
# A tag as the HTML5 tokenizer reads it: name, attributes (quoted values may hold ">"),
# then an optional "/" and ">"; without the ">" the tag runs to the end of the text.
_ATTRIBUTE = rf"""[^{_WS}/>][^{_WS}/=>]*+(?:[{_WS}]*+=[{_WS}]*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z)|[^{_WS}>]++)?)?"""
_TAG = re.compile(rf"<(/?)([A-Za-z][^{_WS}/>]*+)((?:[{_WS}]++|/(?!>)|{_ATTRIBUTE})*+)(/?)(>?)")
_ATTRIBUTE_VALUES = re.compile(rf"""=[{_WS}]*+("[^"]*+"?|'[^']*+'?|[^{_WS}>]++)""")
_NAME = re.compile(rf"<([A-Za-z][^{_WS}/>]*+)")
_RAW_END = {
    name: re.compile(rf"</{name}[{_WS}/>]", re.I | re.A)
    for name in ("style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")
}
_DASHES_END = re.compile("-*+>")
_SCRIPT_EVENTS = re.compile(rf"<!--|-->|</script[{_WS}/>]|<script[{_WS}/>]", re.I | re.A)

# cmark's own tags: (end "/", void "/") -> change of depth.
_MARKDOWN_TAG = re.compile(r"<(/?)[a-z][a-z0-9]*+(?:\s[^>]*?)?(/?)>")
_DEPTH_STEP = {("", ""): 1, ("/", ""): -1, ("", "/"): 0}
_LONG_VALUE = re.compile(f'="[^"]{{{MAX_ATTRIBUTE + 1},}}"')
_LONG_TEXT = re.compile(f"(?<=>)[^<]{{{TEXT_RUN + 1},}}")
# A run of elements holding only short text (<p>…</p>, <td>…</td>): no change of depth.
_LEAVES = re.compile(rf"(?:<(p|li|td|th|em|strong|code|del|h[1-6])>[^<]{{0,{TEXT_RUN}}}+</\1>\s*+)++")


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_LEAF_CLOSES = ("p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6")


_VOID = _names("area base br col embed hr img input link meta param source track wbr keygen basefont bgsound frame image")
_FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")
_HEADING_NAMES = tuple(f"h{level}" for level in range(1, 7))
_HEADINGS = frozenset(_HEADING_NAMES)
# html5ever's "special" elements (HTML ones; in SVG and MathML those that hold HTML).
_SPECIAL_HTML = (
    _names(
        "address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details dir "
        "div dl dt embed fieldset figcaption figure footer form frame frameset head header hgroup hr html iframe img input keygen li "
        "link listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script search section "
        "select source style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp"
    )
    | _HEADINGS
)
# (SVG and MathML elements stop searches only where they hold HTML, see _stops; "#", what is
# counted in raw text in case it holds elements, stops every search.)
_SPECIAL = _SPECIAL_HTML | {"#"}
_SCOPE = _names("applet caption html table td th marquee object template #")
_LIST_SCOPE = _SCOPE | {"ol", "ul"}
_BUTTON_SCOPE = _SCOPE | {"button"}
_TABLE_SCOPE = frozenset({"html", "table", "template", "#"})
_ANYWHERE: frozenset[str] = frozenset()
_IGNORED = _names("html body head frameset frame")
_TABLE_ONLY = _names("caption col colgroup tbody td tfoot th thead tr")
# Table parts: the level each belongs in (0 the table, 1 a row group, 2 a row), what those
# levels are, what opens between them, and what ends before any part opens.
_PART_LEVEL = {"caption": 0, "colgroup": 0, "col": 0, "tbody": 0, "thead": 0, "tfoot": 0, "tr": 1, "td": 2, "th": 2}
_LEVEL = {"table": 0, "tbody": 1, "thead": 1, "tfoot": 1, "tr": 2}
_IMPLIED = ("tbody", "tr")
_PART_ENDS = frozenset({"td", "th", "caption", "colgroup"})
_STRUCTURE = frozenset(_LEVEL) | _PART_ENDS
_TABLE_PARTS = _names("table caption tbody thead tfoot tr td th")
# Elements that clear the formatting elements opened inside them when they close.
# (html5ever opens them again after a template all the same.)
_MARKERS = _names("td th caption applet marquee object")
_CLOSES_P = (
    _names(
        "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup main menu "
        "nav ol p search section summary ul pre listing form plaintext hr xmp li dd dt table"
    )
    | _HEADINGS
)
_LI_STOP = _SPECIAL - {"address", "div", "p"}
# In SVG or MathML, these names leave foreign content; the others stay in it.
_BREAKOUT = _names(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol "
    "p pre ruby s small span strong strike sub sup table tt u ul var"
)
# Where SVG or MathML holds HTML again (a MathML <mglyph> there stays MathML: counted as HTML).
# ("math+html": an annotation-xml whose encoding is HTML.)
_INTEGRATION = {
    "svg": _names("foreignobject desc title"),
    "math": _names("mi mo mn ms mtext"),
    "math+html": _names("mi mo mn ms mtext annotation-xml"),
}
_HTML_ENCODING = re.compile(
    rf"""(?:^|[{_WS}/])encoding[{_WS}]*=[{_WS}]*(["']?)(?:text/html|application/xhtml\+xml)\1(?=[{_WS}/>]|$)""", re.I | re.A
)
_RAWTEXT = frozenset(_RAW_END)
_RAW_NAMES = _RAWTEXT | {"script", "plaintext"}
_FOREIGN_ROOTS = frozenset({"svg", "math"})
# Start tags before which html5ever does not open waiting formatting elements again.
_NO_RECONSTRUCT = (_SPECIAL_HTML - _names("applet marquee object area br embed img keygen wbr input select button xmp")) | _names(
    "param source track rb rp rt rtc"
)
# <font> leaves SVG or MathML only with one of these attributes.
_FONT_LEAVES = re.compile(rf"(?:^|[{_WS}/])(?:color|face|size)(?=[{_WS}/=]|$)", re.I | re.A)
# What a start tag does before it opens its element, as bits (most tags do nothing).
_CLOSE_P, _VOID_RULE, _CLOSE_ITEM, _CLOSE_HEADING, _CLOSE_OPTION, _CLOSE_BUTTON = 1, 2, 4, 8, 16, 32


def _start_rules(*groups: tuple[Iterable[str], int]) -> dict[str, int]:
    rules: dict[str, int] = {}
    for names, bits in groups:
        for name in names:
            rules[name] = rules.get(name, 0) | bits
    return rules


_START_RULES = _start_rules(
    (_CLOSES_P, _CLOSE_P),
    (_VOID, _VOID_RULE),
    (("li", "dd", "dt"), _CLOSE_ITEM),
    (_HEADINGS, _CLOSE_HEADING),
    (("button",), _CLOSE_BUTTON),
    (("option", "optgroup"), _CLOSE_OPTION),
)
# Inside a select only options and groups close anything.
_SELECT_RULES = dict.fromkeys(("option", "optgroup"), _CLOSE_OPTION)


@dataclass
class _Format:
    attributes: str
    listed: bool = True  # in html5ever's list of active formatting elements
    closed: bool = False  # closed, counted until html5ever opens it again


@dataclass(frozen=True)
class Refusal:
    offset: int  # where in the HTML the limit was passed
    message: str


def scan(html: str, split: bool = True, raw: bool = True) -> tuple[str, Refusal | None]:
    """(html with long text runs cut when `split`, None) or (html, the first refusal).
    `raw`: the Markdown may hold raw HTML (it has a "<"); else the fast path is exact."""
    if raw:
        return _Scanner(html).run(split)
    deep = _too_deep(html)
    if deep >= 0:
        return html, Refusal(deep, DEPTH_MESSAGE)
    long_value = _LONG_VALUE.search(html)
    if long_value:
        return html, Refusal(html.rfind("<", 0, long_value.start()), ATTRIBUTE_MESSAGE)
    cuts = [cut for run in _LONG_TEXT.finditer(html) for cut in _cuts(html, run.start(), run.end())] if split else []
    return _cut(html, cuts), None


def _too_deep(html: str) -> int:
    """Where cmark's balanced output first nests past MAX_DEPTH (-1 if nowhere): where the
    running sum of +1 per start tag, -1 per end tag (void tags end with " />") passes it."""
    if html.count("<") - html.count("</") <= MAX_DEPTH:
        return -1  # fewer start tags than that in the whole text
    depths = list(accumulate(map(_DEPTH_STEP.__getitem__, _MARKDOWN_TAG.findall(html))))
    if max(depths) <= MAX_DEPTH:
        return -1
    index = next(index for index, depth in enumerate(depths) if depth > MAX_DEPTH)
    return next(islice(_MARKDOWN_TAG.finditer(html), index, None)).start()


def _cut(html: str, cuts: list[int]) -> str:
    if not cuts:
        return html
    return "".join(html[a:b] + SPLIT for a, b in pairwise([0, *cuts])) + html[cuts[-1] :]


class _Scanner:
    """html5ever's stack of open elements, estimated (see the module's docstring)."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.names: list[str] = []  # the open elements, innermost last
        self.foreign: list[str] = []  # "svg" or "math" for an element of those, "" for HTML
        # For a formatting element: its attributes, and whether html5ever would open it again
        # (it is in the list of active formatting elements); None for the others.
        self.formats: list[_Format | None] = []
        self.open: dict[str, int] = {}  # how many of each name are open: most searches end at once
        self.closed = 0  # how many formatting elements wait to be opened again (see _reconstruct)
        self.raw_at = -1  # the raw text element (style, script…) whose text was just passed
        self.form = False  # a form was opened and not ended by </form>: html5ever ignores another
        # After a template html5ever keeps a mark in its list of formatting elements that
        # nothing ends, and behind it none takes another's place (see _noahs_ark).
        self.template = False
        self.bang = 0  # the next "--!>" (a comment's other end) at or after the last comment, or -1

    def run(self, split: bool) -> tuple[str, Refusal | None]:
        html, end, names = self.html, len(self.html), self.names
        cuts: list[int] = []
        run_start = pos = 0  # the current text run; the next "<" to look at
        while (at := html.find("<", pos)) >= 0:
            if split and at - run_start > TEXT_RUN:
                cuts += _cuts(html, run_start, at)
                run_start = cuts[-1]
            # (In a table only right inside a row: elsewhere a cell also opens the row around it;
            # not in SVG or MathML, which an HTML tag closes.)
            # (Nor while formatting elements wait to be opened again, which text does, nor while
            # a paragraph, item or heading is open, which such a start tag would close.)
            if (
                len(names) < MAX_DEPTH
                and not self.closed
                and not any(self.open.get(name) for name in _LEAF_CLOSES)
                and (not names or (not self.foreign[-1] and (names[-1] == "tr" or not self.open.get("table"))))
                and (leaves := _LEAVES.match(html, at))
            ):
                pos = run_start = leaves.end()
                continue
            if self.closed and at > pos and self._in_body():
                self._reconstruct()  # text (spaces too) opens the formatting elements that wait, as html5ever does
            tag = _TAG.match(html, at)
            if tag is None:
                pos = self._other(at)
                if len(names) > MAX_DEPTH:  # counted in a CDATA section
                    return html, Refusal(at, DEPTH_MESSAGE)
                if pos != at + 1:  # a comment or the like: it ends the text node
                    run_start = pos
                elif self.closed and self._in_body():
                    self._reconstruct()  # a "<" that opens nothing is text
                continue
            if not tag[5]:
                run_start = end  # the tag runs to the end: html5ever drops it and reads nothing more
                break
            if len(tag[3]) > MAX_ATTRIBUTE and _long_value(tag[3]):
                return html, Refusal(at, ATTRIBUTE_MESSAGE)
            name = tag[2].lower() if tag[2].isascii() else tag[2]
            pos = run_start = tag.end()
            if tag[1]:
                if names and names[-1] == name and (name != "form" or self.form):
                    self._pop_to(len(names) - 1)  # the usual case: the innermost element ends
                    self.form = self.form and name != "form"
                elif 0 <= self.raw_at < len(names) and names[self.raw_at] == name:
                    self._pop_to(self.raw_at)  # a raw text element ends, with what was counted in it
                else:
                    self._end(name)
                self.raw_at = -1
                continue
            self.raw_at = -1
            if not self._start(name, bool(tag[4]), tag[3]):
                return html, Refusal(at, DEPTH_MESSAGE)
            if self.foreign and self.foreign[-1]:
                continue  # in SVG or MathML, style, script… hold elements like any other
            if name in _RAW_NAMES:
                self.raw_at = len(names) - 1
            if name in _RAWTEXT:
                pos = run_start = self._raw(name, pos)
                if pos < 0:
                    return html, Refusal(at, DEPTH_MESSAGE)
            elif name == "script":
                pos = run_start = _script_end(html, pos)
                if not self._pushes(tag.end(), pos):  # html5ever may not have read a script (in a template…)
                    return html, Refusal(at, DEPTH_MESSAGE)
            elif name == "plaintext":
                # Everything after it is text; the names in it are counted all the same.
                if not self._pushes(pos, end):
                    return html, Refusal(at, DEPTH_MESSAGE)
                pos = run_start = end
        if split and end - run_start > TEXT_RUN:
            cuts += _cuts(html, run_start, end)
        return _cut(html, cuts), None

    def _other(self, at: int) -> int:
        """Where the next token begins after a "<" that opens no tag: a comment, a
        declaration or processing instruction (to the next ">"), or a plain "<"."""
        html = self.html
        if html.startswith("<!--", at):
            if html.startswith(">", at + 4):
                return at + 5
            if html.startswith("->", at + 4):
                return at + 6
            if 0 <= self.bang < at + 4:  # looked for again only past the last one found: linear
                self.bang = html.find("--!>", at + 4)
            close = _first(html.find("-->", at + 4), self.bang)
            return len(html) if close < 0 else html.index(">", close) + 1
        if html.startswith("<![CDATA[", at) and self.foreign and self.foreign[-1]:
            # A CDATA section (in SVG or MathML; elsewhere a comment to the next ">"). Its tags
            # are counted, in case html5ever is not in SVG or MathML after all.
            close = html.find("]]>", at)
            close = len(html) if close < 0 else close + 3
            self._pushes(at, close)
            return close
        if html.startswith("</>", at):
            return at + 3
        if html.startswith(("<!", "<?", "</"), at):
            if at + 2 == len(html):
                return at + 1  # "</" at the very end is text
            close = html.find(">", at)
            return len(html) if close < 0 else close + 1
        return at + 1

    def _raw(self, name: str, pos: int) -> int:
        """The end of a raw text element's text (style, textarea…): where its end tag begins.
        Names inside are counted as elements, in case html5ever reads them as such."""
        found = _RAW_END[name].search(self.html, pos)
        close = len(self.html) if found is None else found.start()
        return close if self._pushes(pos, close) else -1

    def _pushes(self, start: int, stop: int) -> bool:
        """Count the tags in text html5ever may read as elements after all, as "#": no end tag
        closes one, no search looks past one (as if special); the end of what holds them does."""
        for match in _NAME.finditer(self.html, start, stop):
            name = match[1].lower() if match[1].isascii() else match[1]
            if name not in _VOID and not self._push("#", ""):
                return False
        return True

    def _push(self, name: str, foreign: str) -> bool:
        self.names.append(name)
        self.foreign.append(foreign)
        self.formats.append(None)
        if not foreign:  # (only HTML elements are counted by name: an SVG <table> is another thing)
            self.open[name] = self.open.get(name, 0) + 1
        return len(self.names) <= MAX_DEPTH

    def _start(self, name: str, self_closing: bool, attributes: str = "") -> bool:
        names, foreign, open_ = self.names, self.foreign, self.open
        in_foreign = self._in_foreign()
        if (
            name in _FOREIGN_ROOTS
            or (in_foreign and not (name in _BREAKOUT or (name == "font" and _FONT_LEAVES.search(attributes))))
            or (name in ("mglyph", "malignmark") and foreign and foreign[-1] == "math")  # still MathML in <mi>…
        ):
            if name in _FOREIGN_ROOTS and not in_foreign and self.closed and not open_.get("select"):
                self._reconstruct()
            # In foreign content "/>" closes the element at once.
            if self_closing:
                return len(names) < MAX_DEPTH
            namespace = name if name in _FOREIGN_ROOTS else foreign[-1].split("+")[0]
            if name == "annotation-xml" and namespace == "math" and _HTML_ENCODING.search(attributes):
                namespace = "math+html"  # holds HTML
            return self._push(name, namespace)
        self._leave_foreign()
        if name in _IGNORED or (name in _TABLE_ONLY and not open_.get("table")) or (name == "form" and self.form):
            return True  # html5ever ignores these in a body (outside a table, for table parts; before </form>)
        if name == "form":
            self.form = True
        if names and names[-1] == "colgroup" and name not in ("col", "template"):
            self._pop_to(len(names) - 1)  # anything else ends a column group
        if name == "table" and open_.get("table") and not open_.get("select"):
            at = self._innermost_part()
            if at >= 0 and names[at] in _LEVEL:  # right in a table (not in a cell): it ends that table
                self._pop_in_scope(("table",), _TABLE_SCOPE)
        if name in _TABLE_ONLY:
            self._table_part(name, closing=not open_.get("select"))
            if name == "col":  # (void) in the column group it opens
                return self._push("colgroup", "")
        # In a select, html5ever ignores other tags or (newer) keeps them inside it: they close nothing.
        rule = _START_RULES.get(name) if not open_.get("select") else _SELECT_RULES.get(name)
        if rule is not None:
            if rule & _CLOSE_P and open_.get("p"):
                self._pop_in_scope(("p",), _BUTTON_SCOPE)
            if rule & _VOID_RULE:
                if self.closed and name not in _NO_RECONSTRUCT and not open_.get("select"):
                    self._reconstruct()  # (<br>, <img>…)
                return True
            if rule & _CLOSE_ITEM:
                self._close_item(("li",) if name == "li" else ("dd", "dt"))
            elif rule & _CLOSE_HEADING:
                if names and names[-1] in _HEADINGS:
                    self._pop_to(len(names) - 1)
            elif rule & _CLOSE_BUTTON:
                self._pop_in_scope(("button",), _SCOPE)
            elif rule & _CLOSE_OPTION:
                # Each ends an option it is right in; an optgroup in a select also a group.
                if names and names[-1] == "option":
                    self._pop_to(len(names) - 1)
                if name == "optgroup" and names and names[-1] == "optgroup" and self._find(("select",), _SCOPE) >= 0:
                    self._pop_to(len(names) - 1)
        if self.closed and name not in _NO_RECONSTRUCT and not open_.get("select"):
            self._reconstruct()
        names.append(name)
        foreign.append("")
        open_[name] = open_.get(name, 0) + 1
        if name == "template":
            self.template = True
        if name in _FORMATTING:
            if not self.template:
                self._noahs_ark(name, attributes)
            self.formats.append(_Format(attributes))
        else:
            self.formats.append(None)
        return len(names) <= MAX_DEPTH

    def _end(self, name: str) -> None:
        names = self.names
        if name == "br" and not (self.foreign and self.foreign[-1]):
            self._start("br", False)  # html5ever reads </br> as <br>
            return
        if names and self.foreign[-1] and name in ("p", "br"):
            self._leave_foreign()
        elif names and self.foreign[-1]:
            at = len(names) - 1
            while at >= 0 and self.foreign[at]:
                if names[at] == name:
                    self._pop_to(at)
                    return
                at -= 1
        if name in ("option", "optgroup"):
            self._pop_in_scope((name,), _SPECIAL)  # like any other end tag, in a select or not
            return
        if self.open.get("select"):
            # In a select, html5ever ignores every other end tag, and a select's unless only
            # options and groups are inside it.
            self.form = self.form and name != "form"
            if name == "select":
                at = len(names) - 1
                while at >= 0 and names[at] in ("option", "optgroup"):
                    at -= 1
                if at >= 0 and names[at] == "select":
                    self._pop_to(at)
            return
        if name in _FORMATTING:
            at = self._find((name,), _SCOPE)
            # With a special element inside it the adoption agency keeps as many open elements;
            # without, it closes the element and all inside it.
            if at >= 0 and not any(_stops(names[i], self.foreign[i], _SPECIAL) for i in range(at + 1, len(names))):
                self._pop_to(at)
        elif name in _HEADINGS:
            self._pop_in_scope(_HEADING_NAMES, _SCOPE)
        elif name == "colgroup":
            pass  # ends only the innermost element (the usual case, above)
        elif name == "template":
            at = self._find(("template",), _ANYWHERE)
            if at >= 0:
                self._end_template(at)
        elif name == "form":
            # html5ever takes the form off its stack, but what it holds stays inside it: still counted.
            self.form = False
        elif name == "li":
            self._pop_in_scope(("li",), _LIST_SCOPE)
        elif name == "p":
            self._pop_in_scope(("p",), _BUTTON_SCOPE)
        elif name in _TABLE_PARTS:
            self._pop_in_scope((name,), _TABLE_SCOPE)
        elif name in _SPECIAL_HTML:
            self._pop_in_scope((name,), _SCOPE)
        else:
            # Any other end tag closes the innermost such element, unless a special one is nearer.
            self._pop_in_scope((name,), _SPECIAL)

    def _find(self, targets: tuple[str, ...], boundaries: frozenset[str]) -> int:
        """The index of the innermost open element among targets, looking no further out
        than the first boundary element; -1 if there is none."""
        open_ = self.open
        for target in targets:
            if open_.get(target):
                break
        else:
            return -1
        names, foreign = self.names, self.foreign
        for at in range(len(names) - 1, -1, -1):
            name = names[at]
            if name in targets and not foreign[at]:  # (an SVG or MathML element of that name is another)
                return at
            if _stops(name, foreign[at], boundaries):
                return -1
        return -1

    def _pop_in_scope(self, targets: tuple[str, ...], boundaries: frozenset[str]) -> None:
        at = self._find(targets, boundaries)
        if at >= 0:
            self._pop_to(at)

    def _pop_to(self, at: int) -> None:
        """Close the element at `at` and those inside it. Formatting elements inside stay
        counted: html5ever opens them again at the next text (unless a cell or the like ends)."""
        if at == len(self.names) - 1:
            self._remove(at)
            return
        self._close_above(at, self.names[at] in _MARKERS)
        self._remove(at)

    def _close_above(self, at: int, marker: bool = False) -> None:
        """Close the elements inside the one at `at`, but for formatting elements (see _pop_to)."""
        for index in range(len(self.names) - 1, at, -1):
            kept = self.formats[index]
            if marker or kept is None or not kept.listed:
                self._remove(index)
            elif not kept.closed:
                kept.closed = True
                self.closed += 1

    def _remove(self, at: int) -> None:
        entry = self.formats[at]
        if entry is not None and entry.closed:
            self.closed -= 1
        if not self.foreign[at]:
            self.open[self.names[at]] -= 1
        del self.names[at], self.foreign[at], self.formats[at]

    def _end_template(self, at: int) -> None:
        """Close a template and what is open inside it. Whether html5ever opens the formatting
        elements inside it again depends on marks in its list this estimate does not keep,
        so they stay counted as "#": where they are, opened again by nothing, closed by nothing."""
        names, formats = self.names, self.formats
        for index in range(len(names) - 1, at, -1):
            entry = formats[index]
            if entry is not None and entry.listed and not self.foreign[index]:
                self._remove(index)
                names.insert(index, "#")
                self.foreign.insert(index, "")
                formats.insert(index, None)
                self.open["#"] = self.open.get("#", 0) + 1
            else:
                self._remove(index)
        self._remove(at)

    def _reconstruct(self) -> None:
        """html5ever opens the formatting elements that wait (closed with what held them,
        still in its list) again as the innermost elements, before text and most start tags."""
        names, foreign, formats = self.names, self.foreign, self.formats
        waiting = [i for i, entry in enumerate(formats) if entry is not None and entry.closed]
        for i in waiting:
            entry = formats[i]
            assert entry is not None
            entry.closed = False
        moving = set(waiting)
        staying = [i for i in range(len(names)) if i not in moving]
        order = staying + waiting
        self.names[:] = [names[i] for i in order]
        self.foreign[:] = [foreign[i] for i in order]
        self.formats[:] = [formats[i] for i in order]
        self.closed = 0

    def _in_body(self) -> bool:
        """Whether text here goes where html5ever opens formatting elements again (for sure)."""
        names = self.names
        return not self.foreign or (not self.foreign[-1] and names[-1] not in _STRUCTURE and not self.open.get("select"))

    def _noahs_ark(self, name: str, attributes: str) -> None:
        """html5ever opens again at most three equal formatting elements (same name and
        attributes) since the last cell or the like: a fourth takes the earliest's place."""
        names, formats = self.names, self.formats
        same = []
        for at in range(len(names) - 2, -1, -1):  # the new element is already at the end
            if names[at] in _MARKERS:
                break
            entry = formats[at]
            if entry is not None and entry.listed and names[at] == name and entry.attributes == attributes:
                same.append(at)
        if len(same) >= 3:
            earliest = same[-1]
            entry = formats[earliest]
            assert entry is not None
            entry.listed = False
            if entry.closed:
                self._remove(earliest)

    def _in_foreign(self) -> bool:
        """Whether the innermost element is SVG or MathML that holds SVG or MathML."""
        foreign = self.foreign
        return bool(foreign) and bool(foreign[-1]) and self.names[-1] not in _INTEGRATION[foreign[-1]]

    def _leave_foreign(self) -> None:
        """An HTML tag in SVG or MathML closes them up to an HTML element or integration point."""
        while self._in_foreign():
            self._remove(len(self.names) - 1)

    def _table_part(self, name: str, closing: bool) -> None:
        """What html5ever does before a table part opens in a table: the cell, caption or
        column group it is in ends, then the row or row group if the part belongs higher up,
        the elements put beside the table (foster parented) above that close, and the row
        group and row the part needs open. In a select, only these open (it closes nothing)."""
        names = self.names
        level = _PART_LEVEL[name]
        at = self._innermost_part()
        while closing and at >= 0 and (names[at] in _PART_ENDS or _LEVEL.get(names[at], 0) > level):
            self._pop_to(at)
            at = self._innermost_part()
        if at < 0:
            return
        if closing:
            self._close_above(at)
        for implied in _IMPLIED[_LEVEL.get(names[at], 0) : level]:
            self._push(implied, "")

    def _innermost_part(self) -> int:
        """The innermost table, row group, row, cell, caption or column group (not looking
        outside a template, whose parts are its own)."""
        names, foreign = self.names, self.foreign
        for at in range(len(names) - 1, -1, -1):
            if names[at] == "template" or (names[at] in _STRUCTURE and not foreign[at]):
                return at if names[at] != "template" else -1
        return -1

    def _close_item(self, items: tuple[str, ...]) -> None:
        if not any(self.open.get(item) for item in items):
            return
        names = self.names
        for at in range(len(names) - 1, -1, -1):
            if names[at] in items:
                self._pop_to(at)
                return
            if _stops(names[at], self.foreign[at], _LI_STOP):
                return


def _stops(name: str, namespace: str, boundaries: frozenset[str]) -> bool:
    """Whether a search outward stops at this element: an HTML one among `boundaries`, or
    an SVG or MathML one that holds HTML (unless the search is for table scope or goes all
    the way)."""
    if namespace:
        return boundaries is not _TABLE_SCOPE and boundaries is not _ANYWHERE and name in _INTEGRATION[namespace]
    return name in boundaries


def _script_end(html: str, pos: int) -> int:
    """Where a script's text ends (its end tag), following the HTML5 script data states:
    after "<!--", a "<script" hides the next "</script" until "-->" (or a "<!--" that ends
    in ">", whose dashes close it too)."""
    escaped = double = False
    for event in _SCRIPT_EVENTS.finditer(html, pos):
        token = event[0][:3].lower()
        if token == "-->" or (token == "<!-" and _DASHES_END.match(html, event.end())):
            escaped = double = False
        elif token == "<!-":
            escaped = True
        elif token == "</s":
            if not double:
                return event.start()
            double = False
        elif escaped:
            double = True
    return len(html)


def _first(*positions: int) -> int:
    found = [p for p in positions if p >= 0]
    return min(found) if found else -1


def _long_value(attributes: str) -> bool:
    return any(len(value) > MAX_ATTRIBUTE for value in _ATTRIBUTE_VALUES.findall(attributes))


def _cuts(html: str, start: int, stop: int) -> list[int]:
    """Places at most TEXT_RUN apart in html[start:stop] where a cut splits no character reference."""
    cuts, at = [], start
    while stop - at > TEXT_RUN:
        cut = at + TEXT_RUN
        amp = html.rfind("&", cut - 40, cut)
        if amp > at and ";" not in html[amp:cut]:
            cut = amp
        cuts.append(cut)
        at = cut
    return cuts
