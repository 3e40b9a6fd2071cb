"""Indented JSON text: byte for byte ``json.dumps(value, ensure_ascii=False, indent=2,
default=str)``, in a fraction of its time (issue 19).

With ``indent`` the standard library gives up its C encoder for a pure-Python chain of
generators, one ``yield`` per token; the JSON report of a typical instruction is ~80 KB,
most of it JD403's matrix of floats. ``dumps`` builds the same text with one recursive
function appending to a list, strings escaped by the standard library's own C
``encode_basestring``, and lists of plain floats or ints joined in one go. Anything it does
not mirror exactly (a NaN in a fast list, a circular structure) is left to ``json.dumps``.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Final

__all__ = ["dumps"]

_INF: Final = float("inf")


def _float(value: float) -> str:
    # NOTE: json's own spelling of the special values (allow_nan is on by default)
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A dict key as json writes it (before quoting); TypeError as json raises it."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalars(items: list[Any] | tuple[Any, ...], inner: str) -> str | None:
    """The items of a list of plain floats (or plain ints) joined, or None for any other."""
    kind = type(items[0])
    if kind is not float and kind is not int:
        return None
    for item in items:
        if type(item) is not kind:
            return None
    spell = float.__repr__ if kind is float else int.__repr__
    text = inner.join([spell(item) for item in items])
    # NOTE: repr spells NaN and infinity "nan", "inf"; no finite float repr holds an "n"
    return None if kind is float and "n" in text else text


def _leaf(item: Any) -> str | None:
    """The text of a value of one of the plain leaf types, else None (checked by exact type,
    so a subclass takes the general path and json's isinstance order)."""
    kind = type(item)
    if kind is str:
        return encode_basestring(item)
    if item is None:
        return "null"
    if kind is int:
        return int.__repr__(item)
    if kind is float:
        return _float(item)
    if kind is bool:
        return "true" if item else "false"
    return None


def _encode(value: Any, level: int, out: list[str]) -> None:
    # NOTE: the same isinstance tests in the same order as json.encoder._make_iterencode
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = "\n" + "  " * (level + 1)
        joined = _scalars(value, "," + inner)
        if joined is not None:
            out.append("[" + inner + joined + "\n" + "  " * level + "]")
            return
        separator = "[" + inner
        for item in value:
            # NOTE: plain leaves inline: most values of a report are strings, numbers, null
            text = _leaf(item)
            if text is None:
                out.append(separator)
                _encode(item, level + 1, out)
            else:
                out.append(separator + text)
            separator = "," + inner
        out.append("\n" + "  " * level + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + "  " * (level + 1)
        separator = "{" + inner
        for key, item in value.items():
            name = encode_basestring(key if type(key) is str else _key(key))
            text = _leaf(item)
            if text is None:
                out.append(separator + name + ": ")
                _encode(item, level + 1, out)
            else:
                out.append(separator + name + ": " + text)
            separator = "," + inner
        out.append("\n" + "  " * level + "}")
    else:
        _encode(str(value), level, out)


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, default=str)``."""
    out: list[str] = []
    try:
        _encode(value, 0, out)
    except (RecursionError, TypeError):
        # NOTE: a circular structure or a bad key: json's own error message
        return json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return "".join(out)
