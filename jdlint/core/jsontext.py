"""Indented JSON text: byte for byte ``json.dumps(value, ensure_ascii=False, indent=2,
default=str)`` for every value JSON can hold, in a fraction of its time (issue 19).

The JSON report of a typical instruction is ~80-190 KB, most of it JD403's matrix of floats,
and with ``indent`` the standard library gives up its C encoder for a pure-Python chain of
generators. ``dumps`` asks orjson (C, ~20 × faster here) and checks what orjson could spell
otherwise: a float written with an exponent or as ``0.0000…`` (Python's repr switches to
``1e-05`` below 1e-4 and to ``1e+16`` from 1e16; orjson at other points), a key that is not a
string, a value orjson does not know or knows as a subclass (a date, an enum mixed into str,
anything json leaves to ``default=str``). Such a value — or mere text that looks like one — is
written by ``_encode``, the standard library's algorithm in one recursive function (strings
escaped by its own C ``encode_basestring``, lists of plain numbers joined in one go).

Two deliberate differences from ``json.dumps``, both values no report should hold: NaN and the
infinities are written ``null`` (json writes ``NaN``/``Infinity``, which JSON parsers
refuse), and a plain ``Enum`` member by its value (json writes ``str(member)``).
"""

from __future__ import annotations

import json
import re
from json.encoder import encode_basestring
from typing import Any, Final

import orjson

__all__ = ["dumps", "encode"]

_INF: Final = float("inf")


def _float(value: float) -> str:
    # NOTE: NaN and the infinities as orjson writes them (JSON has no spelling for them)
    if value != value or value == _INF or value == -_INF:
        return "null"
    return float.__repr__(value)


def _float_key(value: float) -> str:
    # NOTE: json's own spelling of the special values as keys (allow_nan is on by default)
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
        return _float_key(key)
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


_OPTIONS: Final = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS
                   | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS)
# NOTE: where orjson may spell a float otherwise than repr: with an exponent, or below 1e-4
# written out ("0.00001"). Checked against json over ~260,000 floats with orjson 3.10 and 3.13
# (3.13 spells large floats as repr does; 3.10 does not), every difference caught.
_EXPONENT: Final = re.compile(rb"e[-+]?\d")  # NOTE: both write "e"; a literal lead: 7 × faster
_SMALL: Final = re.compile(rb"0\.0000")
_NUMBER: Final = frozenset(b"0123456789.-")


def _divergent(data: bytes) -> bool:
    """Whether orjson's text may hold a number repr would spell otherwise. A number token
    starts the text or follows a space (after ": " or the indent) or a bracket; the same
    letters inside a string (a hexadecimal fingerprint, a URL) mostly do not, and where they
    do, the cost is only the slow path. Two literal-led searches, not one anchored pattern:
    that one tried every position of ~150 KB (2 ms a file, more than encoding)."""
    for match in _EXPONENT.finditer(data):
        end = start = match.start()
        while start and data[start - 1] in _NUMBER:
            start -= 1
        if start < end and (start == 0 or data[start - 1] in b" \n["):
            return True
    for match in _SMALL.finditer(data):
        start = match.start()
        if start == 0 or data[start - 1] in b" -\n[":
            return True
    return False


def _refuse(value: Any) -> Any:
    # NOTE: json would str() it (default=str); orjson's TypeError sends it to _encode
    raise TypeError


def _wrapping(levels: int) -> tuple[int, int]:
    """How many bytes orjson writes before and after a value nested in ``levels`` lists of
    one item each (``[[value]]`` for 2): the value's lines are then indented by 2 × levels."""
    head = sum(len("[\n") + 2 * (level + 1) for level in range(levels))
    tail = sum(len("\n]") + 2 * level for level in range(levels))
    return head, tail


# NOTE: an even extra indent (the report's files at 4, its summary at 2) is orjson's own,
# got by nesting the value in one-item lists and cutting them off again: one copy of the
# text instead of a search-and-replace of every line break (issue 19).
_WRAPPINGS: Final = {2 * levels: _wrapping(levels) for levels in range(1, 5)}


def _nest(value: Any, levels: int) -> Any:
    for _ in range(levels):
        value = [value]
    return value


def dumps(value: Any, indent: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2, default=str)``, every line after the
    first indented by ``indent`` more spaces (JSON's own line breaks are its only ones:
    strings keep theirs escaped)."""
    text = encode(value, indent)
    return text if isinstance(text, str) else text.decode()


def encode(value: Any, indent: int = 0) -> bytes | str:
    """``dumps``' text, as its UTF-8 bytes when orjson wrote it (a caller that writes bytes
    then neither decodes nor encodes it again), else as text. orjson refuses a lone
    surrogate, so its bytes are always the strict UTF-8 of the text."""
    cut = _WRAPPINGS.get(indent)
    try:
        data = orjson.dumps(value if cut is None else _nest(value, indent // 2),
                            default=_refuse, option=_OPTIONS)
    except TypeError:  # NOTE: orjson.JSONEncodeError is one
        data = None
    # NOTE: the wrapping adds no number, and puts a space or a bracket before the value's
    # first token, which _divergent checks as it does the start of the text
    if data is None or _divergent(data):
        text = _slow(value)
        return text.replace("\n", "\n" + " " * indent) if indent else text
    if cut is not None:
        return data[cut[0]:len(data) - cut[1]]
    if indent:
        data = data.replace(b"\n", b"\n" + b" " * indent)
    return data


def _slow(value: Any) -> str:
    out: list[str] = []
    try:
        _encode(value, 0, out)
    except (RecursionError, TypeError):
        # NOTE: a circular structure or a bad key: json's own error message
        return json.dumps(value, ensure_ascii=False, indent=2, default=str)
    return "".join(out)
