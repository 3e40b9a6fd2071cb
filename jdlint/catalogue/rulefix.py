"""The ``fix:`` section of a rule YAML: the wording a rule proposes in place of what it found.

A fix is data, like a rule's messages, so a lawyer can read and change it:

.. code-block:: yaml

    fix:
      ru:
        - regex: "гражданским\\s+законодательством"               # where (optional)
          with: "трудовым законодательством"                       # the new words ("" deletes)
          safe: true                                               # fit for a tracked change
      lt:
        - scope: sentence                                          # the whole sentence
          with: ""
        - match: "vienašališkai"                                   # literal, any case
          append: ", tik darbuotojui sutikus"                       # added at the sentence's end

Each entry is tried in order on the block a finding points at; the first one whose text
overlaps the finding's matched words gives the proposal. ``regex`` (Python, case-insensitive,
``\\1`` groups usable in ``with``) or ``match`` (literal words, any whitespace between them)
say which words change; without either the finding's own matched words change, or with
``scope: sentence`` the sentence that holds them. ``with`` replaces the words, ``append``
adds text at the end of their sentence (before its final punctuation). ``safe`` (default
false) marks a change that is lawful whatever the context: the report's redline writes it as a
tracked change, and ``check --diff`` prints it without ``--unsafe-fixes``; an unsafe proposal
is shown as a Word comment with the proposed wording.

A malformed section is a load error naming the file and the field (``RuleDataError``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Final

from jdlint.core.deferred import Deferred
from jdlint.core.records import record

__all__ = ["FixEntry", "Proposal", "parse_fix", "propose"]

FIX_LANGUAGES: Final = ("ru", "lt")
_KEYS: Final = ("regex", "match", "scope", "with", "append", "safe", "note")
# NOTE: a numbered label typed in the text ("4.2. ", "3) ") is not part of the sentence.
_LABEL_RE: Final = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[a-zа-яё]\)|\d+\))\s+", re.IGNORECASE)
_STOPS: Final = ".;!?"
_OPENING: Final = "«„“\"("
# NOTE: compiled on first use: only a house rule's fix is checked at load (issue 19)
_GROUP_REF: Final = Deferred(r"\\(\d+)|\\g<(\d+)>|\\g<(\w+)>")


@record(slots=True)
class FixEntry:
    """One entry of a rule's ``fix`` section; its pattern is compiled on first use."""

    # NOTE: the pattern's source (always case-insensitive), None when the entry names no words
    regex: str | None
    sentence: bool
    text: str
    append: bool
    safe: bool

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """The compiled ``regex`` (once per process), None when there is none."""
        return None if self.regex is None else _compiled(self.regex)


# NOTE: the ~35 fix patterns of jdlint's own rules were compiled (as validation) by every
# process at load, ~3 ms of a cold start, though a run proposes few fixes or none (issue 19).
# A pack's pattern is still compiled at load (``parse_fix``): a bad house-rule regex fails
# there, before any file is linted; the bundled rules' are checked by the test suite.
@lru_cache(maxsize=1024)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


@record(slots=True)
class Proposal:
    """A proposed change inside one block: ``text[start:end]`` (``original``) becomes
    ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str
    safe: bool


def _literal(words: str) -> str:
    return r"\s+".join(re.escape(p) for p in words.split())


def _entry(where: str, raw: Any, trusted: bool) -> FixEntry:
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: must be a mapping with 'with' or 'append'")
    unknown = set(raw) - set(_KEYS)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)} ({', '.join(_KEYS)})")
    if ("with" in raw) == ("append" in raw):
        raise ValueError(f"{where}: needs exactly one of 'with' (replace) or 'append'")
    action = "with" if "with" in raw else "append"
    text = raw[action]
    if not isinstance(text, str) or (action == "append" and not text.strip()):
        raise ValueError(f"{where}.{action}: must be a string" +
                         (" (not empty)" if action == "append" else ""))
    if "regex" in raw and "match" in raw:
        raise ValueError(f"{where}: 'regex' and 'match' exclude each other")
    source: str | None = None
    if "regex" in raw:
        source = value = raw["regex"]
        if not isinstance(value, str) or not value:
            raise ValueError(f"{where}.regex: must be a non-empty string")
        if not trusted:
            _check(where, value, action, text)
    elif "match" in raw:
        value = raw["match"]
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}.match: must be a non-empty string")
        source = _literal(value)
    scope = raw.get("scope", "match")
    if scope not in ("match", "sentence"):
        raise ValueError(f"{where}.scope: must be match or sentence")
    if scope == "sentence" and source is not None:
        raise ValueError(f"{where}.scope: 'sentence' takes no 'regex' or 'match'")
    safe = raw.get("safe", False)
    if not isinstance(safe, bool):
        raise ValueError(f"{where}.safe: must be true or false")
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"{where}.note: must be a string")
    return FixEntry(source, scope == "sentence", text, action == "append", safe)


def _check(where: str, value: str, action: str, text: str) -> None:
    """A ``regex`` compiles and the groups ``with`` names exist (``ValueError`` if not)."""
    try:
        pattern = _compiled(value)
    except re.error as exc:
        raise ValueError(f"{where}.regex: not a valid regular expression: {exc}") from None
    if action == "with":
        # NOTE: a bad group reference fails here, not in a check on someone's document.
        for ref in _GROUP_REF.finditer(text):
            number, name = ref.group(1) or ref.group(2), ref.group(3)
            if (number is not None and int(number) > pattern.groups) or (
                    name is not None and name not in pattern.groupindex):
                raise ValueError(f"{where}.with: bad group reference {ref.group(0)!r}")


def parse_fix(raw: Any, *, trusted: bool = False) -> dict[str, tuple[FixEntry, ...]]:
    """The ``fix`` section: ``ValueError`` ("fix.ru[0].regex: …") when malformed. ``trusted``
    (jdlint's own rules only) leaves its regexes uncompiled until used."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping) or not raw or set(raw) - set(FIX_LANGUAGES):
        raise ValueError("fix: must map a document language (ru, lt) to a list of entries")
    out: dict[str, tuple[FixEntry, ...]] = {}
    for lang, entries in raw.items():
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"fix.{lang}: must be a non-empty list of entries")
        out[str(lang)] = tuple(_entry(f"fix.{lang}[{i}]", e, trusted)
                               for i, e in enumerate(entries))
    return out


def _ends(text: str) -> list[int]:
    """Where sentences end: after ";", and after ".", "!" or "?" followed by a space and a
    capital, an opening quote or a typed clause label, so "ст. 192", "58 str. darbuotojui"
    and "т. е." do not end one."""
    out: list[int] = []
    for i, ch in enumerate(text):
        if ch == ";":
            out.append(i + 1)
        elif ch in ".!?":
            j = i + 1
            while j < len(text) and text[j].isspace():
                j += 1
            if j == i + 1 or j >= len(text):
                continue
            label = _LABEL_RE.match(text, j) if text[j].isdigit() else None
            after = label.end() if label is not None else j
            if after < len(text) and (text[after].isupper() or text[after] in _OPENING):
                out.append(i + 1)
    return out


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: after the previous end (and a typed label),
    through the next one."""
    ends = _ends(text)
    left = max((i for i in ends if i <= start), default=0)
    label = _LABEL_RE.match(text, left)
    if label is not None and label.end() <= start:
        left = label.end()
    while left < start and text[left].isspace():
        left += 1
    right = min((i for i in ends if i >= end), default=len(text.rstrip()))
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def _cased(original: str, new: str) -> str:
    """``new`` with the first letter's case of ``original`` (sentence start stays capital)."""
    if not new or not original:
        return new
    first = original.lstrip()[:1]
    if first.isupper() and new[0].islower():
        return new[0].upper() + new[1:]
    if first.islower() and new[0].isupper() and not new[:2].isupper():
        return new[0].lower() + new[1:]
    return new


def _apply(entry: FixEntry, text: str, start: int, end: int,
           found: re.Match[str] | None) -> Proposal:
    if entry.sentence:
        s, e = _sentence(text, start, end)
    elif found is not None:
        s, e = found.span()
    else:
        s, e = start, end
    original = text[s:e]
    if entry.append:
        # NOTE: the sentence runs on to its stop; the addition goes before it.
        _, stop = _sentence(text, s, e)
        while stop > e and text[stop - 1] in _STOPS:
            stop -= 1
        original = text[s:stop]
        return Proposal(s, stop, original, original + entry.text, entry.safe)
    # NOTE: a template without a backslash expands to itself; Python 3.11 parses the template
    # on every expand (issue 19: most of ``propose``'s time)
    new = found.expand(entry.text) if found is not None and entry.pattern is not None \
        and "\\" in entry.text else entry.text
    return Proposal(s, e, original, _cased(original, new), entry.safe)


def propose(entries: Sequence[FixEntry], text: str, start: int, end: int) -> Proposal | None:
    """The first entry's proposal for the matched words ``text[start:end]`` (None: none
    applies, or the words are empty)."""
    if end <= start:
        return None
    for entry in entries:
        if entry.pattern is None:
            return _apply(entry, text, start, end, None)
        for found in entry.pattern.finditer(text):
            if found.start() < end and start < found.end():
                return _apply(entry, text, start, end, found)
    return None
