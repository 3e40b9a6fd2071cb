"""The sections of a rule YAML besides its messages, each with one meaning, and their checks.

* ``options`` — what a user may set in ``[tool.jdlint.rules.CODE]``: one spelling
  (kebab-case), a type (int, float, bool, str, list), a default and bounds (``min``, ``max``,
  ``choices``), a one-line ``description`` that ``jdlint rule CODE`` lists;
* ``phrases`` — named phrase lists per document language (``{ru: [...], lt: [...]}``);
* ``texts`` — message variants and message parts, checked like ``message``: every leaf has
  ru, lt and en with the same placeholders (a leaf may sit under a jurisdiction or a kind);
* ``data`` — the rule's other tables (patterns, word lists by role, superseded acts), set by
  the rule's author only.

A user config can set options and nothing else: naming a phrase list, a text or data is an
error that names the key, and a value of the wrong type or out of range (``nan`` and ``inf``
included) is one line and exit 2.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Collection, Mapping
from typing import Any, Final

from jdlint.core.records import record

__all__ = [
    "OPTION_TYPES",
    "Option",
    "check_phrases",
    "check_texts",
    "option_value",
    "parse_options",
    "placeholders",
]

OPTION_TYPES: Final = ("int", "float", "bool", "str", "list")
OPTION_KEYS: Final = ("type", "default", "min", "max", "choices", "description")
OUTPUT_LANGUAGES: Final = ("ru", "lt", "en")
PHRASE_LANGUAGES: Final = ("ru", "lt")
OPTION_NAME_RE: Final = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def placeholders(template: str) -> frozenset[str]:
    """Names of the ``str.format`` fields in a message template ("{match}" → "match")."""
    names: set[str] = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            # NOTE: "{data[x]}" or "{obj.attr}" still needs "data" / "obj" from the caller.
            names.add(re.split(r"[.\[]", name, maxsplit=1)[0])
    return frozenset(names)


@record(slots=True)
class Option:
    """One user option of a rule: its type, default, bounds and description."""

    name: str
    type: str
    default: Any
    description: str
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()

    def check(self, value: Any) -> str | None:
        """Why ``value`` is not valid for this option (``None`` when it is)."""
        problem = _type_problem(self.type, value)
        if problem is not None:
            return problem
        if self.type in ("int", "float"):
            if self.min is not None and value < self.min:
                return f"must be at least {_number(self.min)} (got {value!r})"
            if self.max is not None and value > self.max:
                return f"must be at most {_number(self.max)} (got {value!r})"
        if self.choices and value not in self.choices:
            return f"must be one of {', '.join(self.choices)} (got {value!r})"
        return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _type_problem(kind: str, value: Any) -> str | None:
    # NOTE: bool is an int in Python; "min-words = true" must not pass as 1.
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be an integer (got {value!r})"
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number (got {value!r})"
        return None if math.isfinite(value) else f"must be a finite number (got {value!r})"
    if kind == "bool":
        return None if isinstance(value, bool) else f"must be true or false (got {value!r})"
    if kind == "str":
        return None if isinstance(value, str) else f"must be a string (got {value!r})"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return f"must be a list of strings (got {value!r})"


def _bound(name: str, spec: Mapping[str, Any], key: str) -> float | None:
    value = spec.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"options.{name}.{key}: must be a finite number")
    return value


def parse_options(raw: Any) -> dict[str, Option]:
    """The ``options`` section: ``ValueError`` with the field path when malformed."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("options: must be a mapping of option name to its type and default")
    out: dict[str, Option] = {}
    for name, spec in raw.items():
        where = f"options.{name}"
        if not isinstance(name, str) or not OPTION_NAME_RE.match(name):
            raise ValueError(f"{where}: option names are kebab-case (min-words)")
        if not isinstance(spec, Mapping) or "type" not in spec or "default" not in spec:
            raise ValueError(f"{where}: must be a mapping with type, default and description")
        unknown = set(spec) - set(OPTION_KEYS)
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
        if spec["type"] not in OPTION_TYPES:
            raise ValueError(f"{where}.type: must be one of {', '.join(OPTION_TYPES)}")
        description = spec.get("description")
        if not isinstance(description, str) or not description.strip():
            raise ValueError(f"{where}.description: must be a non-empty string")
        choices = spec.get("choices") or ()
        if not isinstance(choices, list | tuple) or not all(isinstance(c, str) for c in choices):
            raise ValueError(f"{where}.choices: must be a list of strings")
        option = Option(name, spec["type"], spec["default"], " ".join(description.split()),
                        _bound(name, spec, "min"), _bound(name, spec, "max"), tuple(choices))
        problem = option.check(option.default)
        if problem is not None:
            raise ValueError(f"{where}.default: {problem}")
        out[name] = option
    return out


def check_phrases(raw: Any) -> dict[str, Any]:
    """The ``phrases`` section: name → {ru: [...], lt: [...]} of non-empty strings."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("phrases: must be a mapping of list name to {ru: [...], lt: [...]}")
    for name, lists in raw.items():
        if not isinstance(lists, Mapping) or not lists or set(lists) - set(PHRASE_LANGUAGES):
            raise ValueError(f"phrases.{name}: must map a language (ru, lt) to phrases")
        for lang, phrases in lists.items():
            if not isinstance(phrases, list) or not all(
                    isinstance(p, str) and p.strip() for p in phrases):
                raise ValueError(f"phrases.{name}.{lang}: must be a list of phrases")
    return dict(raw)


def check_texts(raw: Any) -> dict[str, Any]:
    """The ``texts`` section: every leaf is ``{ru, lt, en}`` with the same placeholders."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("texts: must be a mapping of text name to {ru, lt, en}")
    for name, value in raw.items():
        _check_text(f"texts.{name}", value)
    return dict(raw)


def _check_text(where: str, value: Any) -> None:
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{where}: must be {{ru, lt, en}} or a mapping of them")
    if not all(isinstance(v, str) for v in value.values()):
        for key, child in value.items():
            _check_text(f"{where}.{key}", child)
        return
    missing = [lang for lang in OUTPUT_LANGUAGES if lang not in value]
    unknown = set(value) - set(OUTPUT_LANGUAGES)
    if missing or unknown:
        raise ValueError(f"{where}: needs exactly ru, lt and en (missing {missing or 'none'}, "
                         f"unknown {sorted(unknown) or 'none'})")
    if not all(value[lang].strip() for lang in OUTPUT_LANGUAGES):
        raise ValueError(f"{where}: every language needs a non-empty text")
    try:
        sets = {lang: placeholders(value[lang]) for lang in OUTPUT_LANGUAGES}
    except ValueError as exc:
        raise ValueError(f"{where}: not a valid template: {exc}") from None
    for lang in ("ru", "lt"):
        if sets[lang] != sets["en"]:
            raise ValueError(f"{where}.{lang}: placeholders {sorted(sets[lang])} differ from "
                             f"{sorted(sets['en'])}")


def option_value(options: Mapping[str, Option], sections: Mapping[str, Collection[str]],
                 name: str, value: Any) -> str | None:
    """Why a user may not set ``name = value`` (``None`` when the value is valid), or
    ``KeyError`` when ``name`` is none of the rule's keys (a typo: the caller warns)."""
    option = options.get(name)
    if option is not None:
        problem = option.check(value)
        return None if problem is None else f"option '{name}' {problem}"
    for section, keys in sections.items():
        if name in keys:
            known = ", ".join(options) or "none"
            return (f"'{name}' is one of the rule's {section}, not an option: a config sets "
                    f"options only ({known})")
    raise KeyError(name)
