"""Whether a value read back from the cache has exactly the shape a type hint describes.

The cache folder may hold anything: a file from another version, a truncated one, or one
written by someone who wants the next build to crash. Before a loaded value is used it is
checked against the type the code expects, down to every field of every dataclass and
every key of every TypedDict, so a wrong shape is found here and never deep inside a stage.

The check runs before every quick build, over a site of a hundred thousand values, so each
type gets its own Python function, written from its hints once per process: plain types
are compared inline (`type(v) is str`) and containers are loops, without a call per value
(a checker made of closures took three times as long). Only our own type hints go into
that code, never a value from the cache.

A value met twice is checked once (an item listed by kind; a pickle may make one list the
element of another a thousand times over, and checking every path through such sharing
would take for ever): dataclass values by identity, containers by identity and type.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import itertools
import types
import typing
from collections.abc import Callable, Hashable

Check = Callable[[object, set[object]], bool]  # (value, what was already found good)

_PLAIN = (str, int, bool, float, type(None), bytes, datetime.date)
_serial = itertools.count()


def conforms(value: object, hint: object) -> bool:
    """Whether `value` is of type `hint`, all the way down."""
    return checker(hint)(value, set())


_making: set[object] = set()  # hints whose checker is being written (a type may refer back to itself)


@functools.cache
def checker(hint: object) -> Check:
    """A function that tells whether a value has the shape of `hint`."""
    code = _Code()
    _making.add(hint)
    try:
        body = code.body(hint)
    finally:
        _making.discard(hint)
    source = "def check(value, seen):\n" + "\n".join(body) + "\n    return True\n"
    exec(compile(source, f"<shape of {hint!r}>", "exec"), code.names)  # our own hints only (see above)
    return typing.cast(Check, code.names["check"])


class _Code:
    """Writes the lines that check one value; what they refer to goes into `names`."""

    def __init__(self) -> None:
        self.names: dict[str, object] = {}

    def name(self, value: object) -> str:
        name = f"_{next(_serial)}"
        self.names[name] = value
        return name

    @staticmethod
    def variable() -> str:
        return f"v{next(_serial)}"

    def body(self, hint: object) -> list[str]:
        """The lines of the function that checks `hint`."""
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.dataclass(hint, "value")
        return self.lines(hint, "value", 1)

    def lines(self, hint: object, var: str, depth: int) -> list[str]:
        """Lines (at `depth` indents) that `return False` unless `var` matches `hint`."""
        pad = "    " * depth
        if hint is object or hint is Hashable or hint is typing.Any:
            return []
        if hint is None:
            hint = type(None)
        if hint in _PLAIN:
            return [f"{pad}if type({var}) is not {self.name(hint)}: return False"]
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if _plain_fields(hint):  # a date: three numbers, checked in place
                return self.dataclass(hint, var, depth, inline=True)
            return [f"{pad}if not {self.function(hint)}({var}, seen): return False"]
        if typing.is_typeddict(hint):
            return self.typeddict(hint, var, depth)
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (types.UnionType, typing.Union):
            plain = tuple(type(None) if arg is None else arg for arg in args if arg in _PLAIN or arg is None)
            others = [f"{self.function(arg)}({var}, seen)" for arg in args if not (arg in _PLAIN or arg is None)]
            options = [f"type({var}) in {self.name(plain)}"] if plain else []
            return [f"{pad}if not ({' or '.join(options + others)}): return False"]
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            found = [f"{pad}if type({var}) is not tuple or len({var}) != {len(args)}: return False"]
            for index, arg in enumerate(args):
                item = self.variable()
                inner = self.lines(arg, item, depth)
                found += [f"{pad}{item} = {var}[{index}]", *inner] if inner else []
            return found
        if origin is dict:
            key, item = self.variable(), self.variable()
            inner = self.lines(args[0], key, depth + 2) + self.lines(args[1], item, depth + 2)
            loop = self.once(args, var, f"for {key}, {item} in {var}.items():", inner, pad)
            return [f"{pad}if type({var}) is not dict: return False", *loop]
        if origin in (tuple, list, set, frozenset):
            item = self.variable()
            inner = self.lines(args[0], item, depth + 2)
            loop = self.once(args[:1], var, f"for {item} in {var}:", inner, pad)
            return [f"{pad}if type({var}) is not {self.name(origin)}: return False", *loop]
        raise TypeError(f"no shape check for {hint!r}")  # a programming error: a new kind of hint

    def function(self, hint: object) -> str:
        """The name of the checker of `hint`, to call (made first if need be)."""
        return self.name(checker(hint) if hint not in _making else _Later(hint))

    def once(self, args: tuple, var: str, loop: str, inner: list[str], pad: str) -> list[str]:
        """The loop over a container's values, run once per container and type. (A few
        plain values are looked at again rather than remembered: cheaper, and they cannot
        multiply.)"""
        if not inner:
            return []
        key = f"({self.name(args)}, id({var}))"
        small = f"len({var}) <= 8 or " if all(arg in _PLAIN for arg in args) else ""
        return [f"{pad}if {small}{key} not in seen:", f"{pad}    {loop}", *inner, f"{pad}    seen.add({key})"]

    def typeddict(self, cls: object, var: str, depth: int) -> list[str]:
        """A TypedDict: its required keys, no other key than its own, each value of its type.
        The keys a value has are walked (a few), not the keys it may have (thirty)."""
        pad = "    " * depth
        hints = typing.get_type_hints(cls)
        plain = {field: hint for field, hint in hints.items() if hint in _PLAIN}
        key, item, kind = self.variable(), self.variable(), self.variable()
        found = [
            f"{pad}if type({var}) is not dict: return False",
            f"{pad}if not {self.name(_required_keys(cls))} <= {var}.keys() <= {self.name(frozenset(hints))}: return False",
            f"{pad}for {key}, {item} in {var}.items():",
            f"{pad}    {kind} = {self.name(plain)}.get({key})",
            f"{pad}    if {kind} is not None:",
            f"{pad}        if type({item}) is not {kind}: return False",
        ]
        for field, hint in sorted(hints.items()):
            inner = self.lines(hint, item, depth + 2) if field not in plain else []
            if inner:
                found += [f"{pad}    elif {key} == {field!r}:", *inner]
        return found

    def dataclass(self, cls: type, var: str, depth: int = 1, inline: bool = False) -> list[str]:
        """A dataclass value: its very class, its fields exactly, each of its type. In its own
        function (inline=False), a value checked before passes at once."""
        pad = "    " * depth
        hints = typing.get_type_hints(cls)
        names = frozenset(field.name for field in dataclasses.fields(cls))
        state = self.variable()
        found = [f"{pad}if type({var}) is not {self.name(cls)}: return False"]
        found += [] if inline else [f"{pad}if id({var}) in seen: return True"]
        found += [f"{pad}{state} = {var}.__dict__", f"{pad}if {state}.keys() != {self.name(names)}: return False"]
        for field in sorted(names):
            item = self.variable()
            inner = self.lines(hints[field], item, depth)
            found += [f"{pad}{item} = {state}[{field!r}]", *inner] if inner else []
        return found if inline else [*found, f"{pad}seen.add(id({var}))"]


def _plain_fields(cls: type) -> bool:
    hints = typing.get_type_hints(cls)
    return all(hints[field.name] in _PLAIN for field in dataclasses.fields(cls))


def _required_keys(cls: object) -> frozenset[str]:
    """A TypedDict's required keys. Not `__required_keys__`: with postponed annotations
    (`from __future__ import annotations`) Python 3.11 cannot see NotRequired there."""
    hints = typing.get_type_hints(cls, include_extras=True)
    marked = {name: typing.get_origin(hint) for name, hint in hints.items()}
    required = set(cls.__required_keys__) | {name for name, origin in marked.items() if origin is typing.Required}  # type: ignore[attr-defined]
    return frozenset(name for name in required if marked[name] is not typing.NotRequired)


class _Later:
    """The checker of a type still being written (it refers back to itself), made on first call."""

    __slots__ = ("check", "hint")

    def __init__(self, hint: object):
        self.hint = hint
        self.check: Check | None = None

    def __call__(self, value: object, seen: set[object]) -> bool:
        if self.check is None:
            self.check = checker(self.hint)
        return self.check(value, seen)
