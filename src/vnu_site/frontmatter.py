"""Split a content file into YAML front matter and Markdown body, keeping line numbers.

The YAML is composed into nodes (C parser when available) and turned into plain values
here, so that every top-level field remembers the line it was written on. Only plain
scalars, lists and mappings are accepted: tags that construct objects are refused, and
alias expansion is bounded so a "billion laughs" file fails fast instead of eating memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # The C parser is ~10x faster; pure Python is the fallback, same behaviour.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

# Enough for any honest front matter, far below what alias bombs expand to.
MAX_NODES = 20_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Field:
    value: object
    line: int


@dataclass(frozen=True)
class ParsedFile:
    fields: dict[str, Field]
    body: str
    body_line: int  # line number of the body's first line in the file


def split(text: str) -> tuple[str, int, str, int]:
    """(yaml_text, yaml_first_line, body, body_first_line); raises FrontMatterError."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError(1, "the file must start with a '---' line opening the front matter")
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n").rstrip() == "---":
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return yaml_text, 2, body, index + 2
    raise FrontMatterError(1, "the front matter opened here is never closed with a '---' line")


def parse(text: str) -> ParsedFile:
    yaml_text, yaml_line, body, body_line = split(text)
    if "\t" in yaml_text:
        # PyYAML's message for tabs is cryptic; say it plainly with the right line.
        for number, line in enumerate(yaml_text.splitlines(), start=yaml_line):
            indent = line[: len(line) - len(line.lstrip())]
            if "\t" in indent:
                raise FrontMatterError(number, "tab used for indentation in the front matter; use spaces")
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # For an unclosed quote the useful place is where the quote opened.
        quoted = "scalar" in (exc.context or "")
        mark = (exc.context_mark if quoted else None) or exc.problem_mark or exc.context_mark
        line = yaml_line + (mark.line if mark else 0)
        raise FrontMatterError(line, f"invalid YAML in the front matter: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise FrontMatterError(yaml_line, f"invalid YAML in the front matter: {exc}") from None
    if node is None:
        return ParsedFile({}, body, body_line)
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(yaml_line + node.start_mark.line, "the front matter must be a set of 'field: value' lines")
    budget = [MAX_NODES]
    fields: dict[str, Field] = {}
    for key_node, value_node in node.value:
        line = yaml_line + key_node.start_mark.line
        key = _to_value(key_node, yaml_line, budget)
        if not isinstance(key, str):
            raise FrontMatterError(line, f"field names must be text, not {key!r}")
        if key in fields:
            raise FrontMatterError(line, f"field '{key}' is given twice (first on line {fields[key].line})")
        fields[key] = Field(_to_value(value_node, yaml_line, budget), line)
    return ParsedFile(fields, body, body_line)


def load_mapping(text: str) -> dict[str, Field]:
    """A plain YAML file (site.yaml, tags.yaml) as fields with lines, same safety rules."""
    return parse("---\n" + text + ("" if text.endswith("\n") or not text else "\n") + "---\n").fields


def _to_value(node: yaml.Node, first_line: int, budget: list[int]):
    budget[0] -= 1
    if budget[0] < 0:
        raise FrontMatterError(first_line + node.start_mark.line, "the front matter expands to too many values (YAML aliases?)")
    if node.tag not in _PLAIN_TAGS:
        raise FrontMatterError(first_line + node.start_mark.line, f"YAML tag '{node.tag}' is not allowed in content files")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_to_value(child, first_line, budget) for child in node.value]
    result = {}
    for key_node, value_node in node.value:
        result[_to_value(key_node, first_line, budget)] = _to_value(value_node, first_line, budget)
    return result


# Stateless for ints and floats: it only reads the node it is given.
_NUMBERS = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.ScalarNode):
    tag, text = node.tag, node.value
    if tag == "tag:yaml.org,2002:int":
        return _NUMBERS.construct_yaml_int(node)
    if tag == "tag:yaml.org,2002:float":
        return _NUMBERS.construct_yaml_float(node)
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() in ("yes", "true", "on", "y")
    if tag == "tag:yaml.org,2002:null":
        return None
    # Strings and timestamps stay text: dates are parsed by the field checks, which
    # know whether a month-only date is allowed and can name the line.
    return text
