"""Split a content file into YAML front matter and Markdown body, keeping line numbers.

The YAML is read as a stream of parser events (C parser when available) and turned into
plain values here, without PyYAML's recursive composer, so that:
- every top-level field remembers the line it was written on (and, for settings that ask,
  every value inside it: `Field.line_of`);
- only plain scalars, lists and mappings are accepted: tags that construct objects are
  refused;
- a hostile file cannot hurt the build: what aliases expand to is bounded (a "billion
  laughs" file fails at once instead of eating memory), nesting depth is bounded (deep
  nesting would otherwise overflow the stack), and text that cannot appear on a page
  (control characters, lone surrogates from escapes) is refused with its line. Values
  written out are not counted: their number grows with the file's size, and so does the
  time to read them (a tags.yaml of 10,000 tags is honest);
- text is in Unicode normal form C (NFC): a title typed in decomposed form (NFD, as some
  keyboards and macOS tools write it) gives the same page, slug, search entry and sort
  order as the same title typed composed.
Line numbers count "\\n" only (CRLF and a lone CR are turned into "\\n" first), so they
match what an editor shows even when the text contains U+2028 or similar separators.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

import yaml

from vnu_site.errors import Location, Problems

# A value as YAML gives it: text, number, bool, None, or a list or mapping of such values.
# Any, not a union: the schema's checkers take whatever an editor wrote and test it themselves.
YamlValue = Any
# A scalar as read here (timestamps stay text).
Scalar = str | bool | int | float | None


class _Resolver(Protocol):
    """PyYAML's tag resolver, typed (its stubs leave `resolve` unannotated)."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: bool | tuple[bool, bool]) -> str: ...


class _Parser(_Resolver, Protocol):
    """What is used here of a PyYAML loader, C or pure Python."""

    def get_event(self) -> yaml.Event | None: ...
    def peek_event(self) -> yaml.Event | None: ...
    def check_event(self, *choices: type[yaml.Event]) -> bool: ...
    def dispose(self) -> None: ...


_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # The C parser is ~10x faster; pure Python is the fallback, same behaviour.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

# What aliases (`*name`) may stand for in one file, in values: far more than any honest use
# (one alias repeating a list of names), far below what alias bombs expand to.
MAX_ALIASED = 50_000
# Honest front matter nests two or three levels; the limit only stops hostile files.
MAX_DEPTH = 32
NESTING_MESSAGE = f"the front matter nests lists or mappings more than {MAX_DEPTH} levels deep"
# Characters that have no place in a page: C0/C1 controls (tab and newline are fine),
# DEL, lone surrogates and the two non-characters U+FFFE/U+FFFF.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_STR_TAG = "tag:yaml.org,2002:str"
_TEXT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"}
_SCALAR_TAGS = _TEXT_TAGS | {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
_MERGE_TAG = "tag:yaml.org,2002:merge"


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Field:
    value: YamlValue
    line: int
    # The line of each value inside the field, by its path from the field: (0,) is the
    # first element of a list, (0, "title") the line of the key `title` in it. Only kept
    # when asked for (read_settings_file(..., nested_lines=True)); see line_of.
    nested: dict[tuple[str | int, ...], int] | None = None

    def line_of(self, *path: str | int) -> int:
        """The line of the value at `path` inside the field: of the nearest value on the
        way there whose line is known (a value an alias stands for has only the alias's);
        the field's own line when nothing inside is known."""
        lines = self.nested or {}
        while path and path not in lines:
            path = path[:-1]
        return lines[path] if path else self.line


@dataclass(frozen=True)
class ParsedFile:
    fields: dict[str, Field]
    body: str
    body_line: int  # line number of the body's first line in the file


def normalise(text: str) -> str:
    """Drop a leading byte-order mark, turn CRLF and lone CR into LF, and compose the text
    (NFC). Composing never adds or removes a line break, so line numbers stay the editor's."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):  # the quick check; almost every file is NFC already
        text = unicodedata.normalize("NFC", text)
    return text


def unshowable_message(character: str) -> str:
    return f"contains the invisible control character U+{ord(character):04X}, which cannot be shown on a page; delete it"


def split(text: str) -> tuple[str, int, str, int]:
    """(yaml_text, yaml_first_line, body, body_first_line); raises FrontMatterError."""
    text = normalise(text)
    first = text.partition("\n")[0]
    if first.strip() != "---":
        raise FrontMatterError(1, "the file must start with a '---' line opening the front matter")
    start, line = len(first) + 1, 2
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].rstrip() == "---":
            return text[len(first) + 1 : start], 2, text[end + 1 :], line + 1
        start, line = end + 1, line + 1
    raise FrontMatterError(1, "the front matter opened here is never closed with a '---' line")


def parse(text: str) -> ParsedFile:
    yaml_text, yaml_line, body, body_line = split(text)
    return ParsedFile(_fields(yaml_text, yaml_line), body, body_line)


def load_mapping(text: str, nested_lines: bool = False) -> dict[str, Field]:
    """A plain YAML file (site.yaml, tags.yaml) as fields with lines, same safety rules.
    nested_lines: each field also keeps the lines of the values inside it (Field.nested)."""
    text = normalise(text)
    yaml_text, yaml_line, _body, _body_line = split("---\n" + text + ("" if text.endswith("\n") or not text else "\n") + "---\n")
    return _fields(yaml_text, yaml_line, nested_lines)


def read_settings_file(path: Path, display: str, what: str, problems: Problems, nested_lines: bool = False) -> dict[str, Field] | None:
    """A settings file (site.yaml, tags.yaml, strings.yaml) as fields with their lines, the
    same safety rules as front matter; None, with the problem reported, when unreadable.
    nested_lines: see load_mapping."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.error(Location(display, line), f"is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        return None
    try:
        return load_mapping(text, nested_lines)
    except FrontMatterError as exc:
        # load_mapping wraps the file in '---' lines: one line less than it counted.
        problems.error(Location(display, exc.line - 1), exc.message.replace("front matter", what))
        return None


def _fields(yaml_text: str, first_line: int, nested_lines: bool = False) -> dict[str, Field]:
    if "\t" in yaml_text:
        # PyYAML's message for tabs is cryptic; say it plainly with the right line.
        for number, text in enumerate(yaml_text.split("\n"), start=first_line):
            if "\t" in text[: len(text) - len(text.lstrip())]:
                raise FrontMatterError(number, "tab used for indentation in the front matter; use spaces")
    if not nested_lines and not any(other in yaml_text for other in _OTHER_BREAKS):
        try:
            return _plain_document(yaml_text, first_line)
        except (_Unusual, yaml.YAMLError):
            pass  # read again below, so that every problem is told by the careful builder alone
    lines = _Lines(yaml_text, first_line)
    loader = _Loader(yaml_text)
    try:
        return _Builder(loader, lines, nested_lines).document()
    except yaml.MarkedYAMLError as exc:
        # For an unclosed quote the useful place is where the quote opened.
        quoted = "scalar" in (exc.context or "")
        mark = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        line = lines.at(mark.index) if mark else first_line
        if "nesting depth" in (exc.problem or ""):
            # libyaml (PyYAML >= 6.0.2's C parser) has its own depth limit and its scanner can
            # reach it before our builder sees level 32: the refusal is the same, so is the message.
            raise FrontMatterError(line, NESTING_MESSAGE) from None
        raise FrontMatterError(line, f"invalid YAML in the front matter: {exc.problem or exc}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses
        raise FrontMatterError(lines.at(exc.position), unshowable_message(chr(exc.character))) from None
    except yaml.YAMLError as exc:  # pragma: no cover - any other parser complaint, still with a line
        raise FrontMatterError(first_line, f"invalid YAML in the front matter: {exc}") from None
    finally:
        loader.dispose()


class _Lines:
    """Character offset in the YAML text -> line number in the file."""

    def __init__(self, text: str, first_line: int):
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.first_line = first_line

    def at(self, index: int) -> int:
        return self.first_line + bisect.bisect_right(self.starts, index) - 1


_NO_KEY = object()
# Line breaks to YAML besides "\n": without them, the parser's own line count is the editor's.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_VALUES = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


class _Unusual(Exception):
    """Something the fast reader leaves to the careful _Builder: an error, an anchor, a tag."""


def _plain_document(yaml_text: str, first_line: int) -> dict[str, Field]:
    """Front matter as almost every file writes it, read in one tight loop: lists, mappings
    and scalars without anchors, aliases or explicit tags. It gives the careful builder's
    result or raises _Unusual; it never reports a problem itself."""
    loader = _Loader(yaml_text)
    try:
        return _plain_values(loader, first_line)
    finally:
        loader.dispose()


def _plain_values(loader: _Parser, first_line: int) -> dict[str, Field]:
    # Events, lists and mappings are told apart by type() below, which mypy cannot follow: Any.
    get: Callable[[], Any] = loader.get_event
    get()  # stream start
    if type(get()) is not yaml.DocumentStartEvent:
        raise _Unusual  # no front matter at all
    event = get()
    if type(event) is not yaml.MappingStartEvent or not _plain(event):
        raise _Unusual
    top: dict[str, YamlValue] = {}
    top_lines: dict[str, int] = {}
    stack: list[Any] = [top]  # open lists and mappings, the innermost last
    keys: list[object] = [_NO_KEY]  # the key each open mapping is waiting to give a value
    while stack:
        event = get()
        kind = type(event)
        if kind in _ENDS:
            stack.pop()
            keys.pop()
            continue
        if kind not in _VALUES or not _plain(event):
            raise _Unusual  # an alias, an anchor or a tag
        value: YamlValue
        if kind is yaml.ScalarEvent:
            value = _plain_scalar(event)
        elif len(stack) >= MAX_DEPTH:
            raise _Unusual
        else:
            value = [] if kind is yaml.SequenceStartEvent else {}
        parent = stack[-1]
        if type(parent) is list:
            parent.append(value)
        elif keys[-1] is not _NO_KEY:
            parent[keys[-1]] = value
            keys[-1] = _NO_KEY
        else:
            _check_plain_key(value, parent, top)
            keys[-1] = value
            parent[value] = None  # holds the key's place in the written order
            if parent is top:
                top_lines[value] = first_line + event.start_mark.line
        if kind is not yaml.ScalarEvent:
            stack.append(value)
            keys.append(_NO_KEY)
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unusual
    return {key: Field(value, top_lines[key]) for key, value in top.items()}


def _plain(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> bool:
    """Neither an anchor nor an explicit tag."""
    return event.tag is None and event.anchor is None


def _check_plain_key(value: YamlValue, mapping: dict[YamlValue, YamlValue], top: dict[str, YamlValue]) -> None:
    """A key the careful builder accepts (text at the top level, never a list or a
    mapping, not given twice); anything else is _Unusual."""
    if type(value) is not str and (mapping is top or isinstance(value, (list, dict))):
        raise _Unusual
    if value in mapping:
        raise _Unusual


def _plain_scalar(event: yaml.ScalarEvent) -> Scalar:
    text = event.value
    # Only plain (unquoted) scalars can resolve to anything but text.
    tag = _implicit_tag(text) if event.implicit[0] else _STR_TAG
    if tag in _TEXT_TAGS and not UNSHOWABLE.search(text):
        return text
    if tag not in _SCALAR_TAGS:
        raise _Unusual  # a merge key ("<<") or a tag that is not allowed
    try:
        return _scalar(tag, text, 0)
    except FrontMatterError:
        raise _Unusual from None


_RESOLVER: _Resolver = yaml.resolver.Resolver()  # what both loaders resolve tags with


def _implicit_tag(text: str) -> str:
    """The tag of an unquoted scalar."""
    # Field names and short values repeat from file to file; long text seldom does.
    return _short_tag(text) if len(text) <= 64 else _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


@functools.lru_cache(maxsize=4096)
def _short_tag(text: str) -> str:
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))


class _Frame:
    """An open list or mapping; a mapping also keeps its pending key and each key's line."""

    def __init__(self, value: list[YamlValue] | dict[YamlValue, YamlValue], anchor: str | None, path: tuple[YamlValue, ...] = ()):
        self.value = value
        self.anchor = anchor
        self.size = 1  # values inside, itself included: what an alias to it costs
        self.key: object = _NO_KEY  # a mapping's pending key, or _NO_KEY
        self.lines: dict[YamlValue, int] = {}
        self.path = path  # where it is in the document (only kept for nested lines)


class _Builder:
    """Parser events -> plain values, with an explicit stack (no recursion)."""

    def __init__(self, loader: _Parser, lines: _Lines, nested_lines: bool = False):
        self.loader = loader
        self.lines = lines
        self.budget = MAX_ALIASED  # values aliases may still stand for
        self.anchors: dict[str, tuple[YamlValue, int]] = {}  # anchor -> (value, node count)
        # path in the document -> line, of every value written out (none an alias stands
        # for): as many as the file has values, so bounded by its size. None: not kept.
        self.nested: dict[tuple[YamlValue, ...], int] | None = {} if nested_lines else None

    def document(self) -> dict[str, Field]:
        events = self.loader
        events.get_event()  # stream start
        if events.check_event(yaml.StreamEndEvent):
            return {}  # nothing but blank lines or comments
        events.get_event()  # document start
        if not events.check_event(yaml.MappingStartEvent):
            raise FrontMatterError(self._line(events.peek_event()), "the front matter must be a set of 'field: value' lines")
        top = self._open(cast(yaml.MappingStartEvent, events.get_event()))
        stack = [top]
        while stack:
            event = events.get_event()
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                if done.anchor:
                    self.anchors[done.anchor] = (done.value, done.size)
                if stack:
                    self._add(stack[-1], done.value, done.size, self._line(event), stack[-1] is top)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise FrontMatterError(self._line(event), NESTING_MESSAGE)
                opened = self._open(event)
                if self.nested is not None:
                    opened.path = self._note(stack[-1], self._line(event))
                stack.append(opened)
            else:  # a scalar or an alias: nothing else comes inside a list or mapping
                value, size = self._leaf(cast("yaml.ScalarEvent | yaml.AliasEvent", event))
                if self.nested is not None and (isinstance(stack[-1].value, list) or stack[-1].key is _NO_KEY):
                    self._note(stack[-1], self._line(event), value)
                self._add(stack[-1], value, size, self._line(event), stack[-1] is top)
        events.get_event()  # document end
        if not events.check_event(yaml.StreamEndEvent):
            raise FrontMatterError(self._line(events.peek_event()), "the front matter must be a single YAML document")
        mapping = cast("dict[str, YamlValue]", top.value)  # opened on a MappingStartEvent
        if self.nested is None:
            return {key: Field(value, top.lines[key]) for key, value in mapping.items()}
        inside: dict[YamlValue, dict[tuple[str | int, ...], int]] = {key: {} for key in mapping}
        for path, line in self.nested.items():
            if len(path) > 1 and path[0] in inside:
                inside[path[0]][path[1:]] = line
        return {key: Field(value, top.lines[key], inside[key]) for key, value in mapping.items()}

    def _note(self, parent: _Frame, line: int, key: YamlValue = _NO_KEY) -> tuple[YamlValue, ...]:
        """Keeps the line of a value coming into `parent`: an element of a list, or a key of
        a mapping (a key's value, on the key's line or below it, is known by the key's line).
        Returns the value's path."""
        assert self.nested is not None
        if isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
        elif parent.key is not _NO_KEY:  # a key's value: known by the key's line
            return (*parent.path, parent.key)
        elif isinstance(key, (list, dict)) or key is _NO_KEY:  # a list or mapping as a key: _add refuses it
            return parent.path
        else:
            path = (*parent.path, key)
        self.nested.setdefault(path, line)
        return path

    def _line(self, event: yaml.Event | None) -> int:
        assert event is not None and event.start_mark is not None  # inside a document, the parser always gives both
        return self.lines.at(event.start_mark.index)

    def _spend(self, size: int, line: int) -> None:
        """An alias costs what it expands to; values written out cost nothing here."""
        self.budget -= size
        if self.budget < 0:
            raise FrontMatterError(line, "the front matter expands to too many values (YAML aliases?)")

    def _open(self, event: yaml.CollectionStartEvent) -> _Frame:
        line = self._line(event)
        is_list = isinstance(event, yaml.SequenceStartEvent)
        self._check_tag(event.tag, yaml.SequenceNode if is_list else yaml.MappingNode, None, event.implicit, line)
        return _Frame([] if is_list else {}, event.anchor)

    def _leaf(self, event: yaml.ScalarEvent | yaml.AliasEvent) -> tuple[YamlValue, int]:
        line = self._line(event)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise FrontMatterError(line, f"the alias '*{event.anchor}' comes before its anchor '&{event.anchor}' is complete")
            value, size = self.anchors[event.anchor]
            self._spend(size, line)
            return value, size
        tag = self._check_tag(event.tag, yaml.ScalarNode, event.value, event.implicit, line)
        value = _scalar(tag, event.value, line)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        return value, 1

    def _check_tag(self, tag: str | None, kind: type[yaml.Node], value: str | None, implicit: bool | tuple[bool, bool], line: int) -> str:
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, value, implicit)
        if tag == _MERGE_TAG:
            raise FrontMatterError(line, "YAML merge keys ('<<') are not supported in content files; write the fields out")
        allowed = _SCALAR_TAGS if kind is yaml.ScalarNode else {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
        if tag not in allowed:
            raise FrontMatterError(line, f"YAML tag '{tag}' is not allowed in content files")
        return tag

    @staticmethod
    def _add(frame: _Frame, value: YamlValue, size: int, line: int, top_level: bool) -> None:
        frame.size += size
        if isinstance(frame.value, list):
            frame.value.append(value)
        elif frame.key is not _NO_KEY:
            frame.value[frame.key] = value
            frame.key = _NO_KEY
        elif isinstance(value, (list, dict)) or (top_level and not isinstance(value, str)):
            raise FrontMatterError(line, f"field names must be text, not {_shown(value)}")
        elif value in frame.lines:
            raise FrontMatterError(line, f"field '{value}' is given twice (first on line {frame.lines[value]})")
        else:
            frame.key, frame.lines[value] = value, line


def _shown(value: YamlValue) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


# Stateless for ints and floats: it only reads the node it is given.
_NUMBERS = yaml.constructor.SafeConstructor()


def _scalar(tag: str, text: str, line: int) -> Scalar:
    if tag in _TEXT_TAGS:
        # Strings and timestamps stay text: dates are parsed by the field checks, which
        # know whether a month-only date is allowed and can name the line.
        bad = UNSHOWABLE.search(text)
        if bad:
            raise FrontMatterError(line, unshowable_message(bad[0]))
        return text
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() in ("yes", "true", "on", "y")
    if tag == "tag:yaml.org,2002:null":
        return None
    try:
        if tag == "tag:yaml.org,2002:int":
            return _NUMBERS.construct_yaml_int(yaml.ScalarNode(tag, text))
        return _NUMBERS.construct_yaml_float(yaml.ScalarNode(tag, text))
    except ValueError:
        # An explicit !!int on text, or more digits than Python will convert.
        raise FrontMatterError(line, f"'{text[:40]}' is not a number that can be used here") from None
