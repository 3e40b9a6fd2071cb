"""Tokenisation for both languages: one regular expression (the default backend).

Owns the ``Token`` type, the token definition both backends follow (abbreviation lists,
``WORD``, ``NUMBER``, ``kind``) and ``split`` (text → raw token spans with their kind);
lemmas are added by ``jdlint.nlp`` on top. The other backend, spaCy's blank tokenizers tuned
to the same definition, is ``jdlint.nlp.spacy_backend``.

Why the regex is the default (``bench/nlp.py``, corpus/src, one call per line; 2-core shared
machine, medians of 5 fresh processes, ±25 %):

* spaCy backend: ``import spacy`` 0.4-0.75 s + ``spacy.blank("ru")`` and tuning 0.1-0.2 s
  before the first token (first Russian document in a new process 0.6-0.85 s instead of
  8 ms; RSS 42 → 118 MB), then 1.16 µs/word (0.78 ms/doc; spaCy's untuned tokenizer alone
  0.67 µs/word). Every Russian document needs tokens (phrase rules run on every file), so
  that start-up could not be avoided, and the cold budget of a whole ``jdlint check`` is 1 s.
* this regex tokenizer: no set-up (compiled at import, < 1 ms), 1.02 µs/word (0.69 ms/doc).
  It keeps as one token what the rules need: hyphenated words ("инженер-программист",
  "из-за", "COVID-19"), numbers with separators ("2.3", "0,5"), abbreviations with their
  dots ("т.д.", "т. п.", "ст.", "п.", "str.", "pvz."), initials ("Д.", "А."), e-mails and
  URLs.

Offsets are character offsets into the string given (``text[t.start:t.end] == t.text``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Literal, NamedTuple

from jdlint.nlp.disguise import GLUE

TokenKind = Literal["word", "number", "abbrev", "url", "punct"]


class Token(NamedTuple):
    """One token: its text, lower-cased text, lemma and offsets into the source text.

    ``is_word`` is true for words and abbreviations (they carry a lemma a rule can match);
    numbers, URLs and punctuation are not words (their lemma is their folded text).

    Immutable, compared and hashed by its six fields. A named tuple rather than a frozen
    dataclass: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__`` (~0.8 µs per token, a quarter of tokenising, issue 19); ``make``
    builds one in ~0.15 µs. Being a tuple, a token also equals the plain tuple of its fields.
    """

    text: str
    lower: str
    lemma: str
    start: int
    end: int
    is_word: bool


# NOTE: ``tuple.__new__`` skips the named tuple's Python-level ``__new__`` (half the cost of
# ``Token(...)``); the hot loop in ``jdlint.nlp.tokens`` builds every token with it.
make: Callable[[type[Token], tuple[str, str, str, int, int, bool]], Token]
make = tuple.__new__


# NOTE: abbreviations keep their dot; multi-part ones may be written with one space inside
# ("т. д."). Any single letter followed by a dot is an abbreviation too (initials "Д.А.",
# clause markers "п.", Lithuanian "m." / "d."). Words that also end sentences ("им", "ir")
# are left out on purpose.
MULTI_ABBREVIATIONS = "т.д т.п т.е т.к т.ч и.о и.т.д и.т.п в.т.ч т.н t.y t.t a.k a.a".split()
SINGLE_ABBREVIATIONS = (
    # Russian
    "ст стст пп гг руб коп тыс млн млрд др пр см напр ул кв корп обл р-н мин макс мм кг "
    "шт ед вкл искл зам нач отд сл рис табл прил прим гл разд доп изм ред утв соотв "
    # Lithuanian
    "str pvz nr kt pan sk psl žr gim mėn val aut tel el vnt eur skyr gen dir pavad"
).split()


def _nocase(word: str) -> str:
    """Regex matching ``word`` in any case; cheaper than re.IGNORECASE on Cyrillic (measured
    17 ms vs 10 ms for the whole corpus)."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


_LISTED = [r"\.\s?".join(map(_nocase, a.split("."))) for a in MULTI_ABBREVIATIONS]
_LISTED += [_nocase(a) for a in SINGLE_ABBREVIATIONS]
# NOTE: longest first, and the single-letter class last, so "т.д." is not taken as "т.".
_ABBREV_RE = "|".join([*sorted(_LISTED, key=len, reverse=True), r"[^\W\d_]"])

# NOTE: a word is a run of letters and digits holding a letter, then hyphenated parts. Written
# "digits, a letter, the rest" rather than "any, a letter, any": the same runs, without
# backtracking from the end of every word to its last letter (issue 19). The form it
# replaced, kept for the equivalence test:
_OLD_WORD = r"[^\W_]*[^\W\d_][^\W_]*(?:[-‐'’][^\W_]*[^\W\d_][^\W_]*|-\d+)*"
WORD = r"\d*[^\W\d_][^\W_]*(?:[-‐'’]\d*[^\W\d_][^\W_]*|-\d+)*"
NUMBER = r"\d+(?:[.,:/]\d+)*"

# NOTE: the lookahead keeps the long abbreviation alternation from being tried at every word
# (halves the tokenizer's time); URLs and e-mails are only looked for in text that has "@",
# "://" or "www." (the other pattern is then used). The first lookahead is implied by the
# second (1-5 letters, then the "-" or "." that must follow them) and only makes it cheap to
# fail: a longer word is rejected by one possessive run of one class instead of the
# alternation per letter (issue 19: ~25 % of the regex time).
_URL = r"""
    (?P<url>(?:https?://|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)]
        |(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    |"""
_REST = rf"""
    (?P<abbrev>(?<!\w)(?=[^\W\d_]{{1,5}}+[.-])(?=[^\W\d_](?:[^\W\d_]|-){{0,4}}\.)
        (?:{_ABBREV_RE})\.)
    |(?P<word>{WORD})
    |(?P<number>{NUMBER})
    |(?P<punct>\S)
    """
_TOKEN = re.compile(_REST, re.VERBOSE)
# NOTE: a text holding an invisible character (``disguise.GLUE``) is read with a word pattern
# that lets such characters stand between letters ("штр\u200bаф" stays one word); other text
# keeps the fast pattern above.
_G = f"[{GLUE}]"
_GLUED_WORD = (rf"[^\W_]*[^\W\d_](?:[^\W_]|{_G})*"
               rf"(?:[-‐'’](?:[^\W_]|{_G})*[^\W\d_](?:[^\W_]|{_G})*|-\d+)*")
_GLUED = _REST.replace(f"(?P<word>{WORD})", f"(?P<word>{_GLUED_WORD})")
_HAS_GLUE = re.compile(_G)


# NOTE: the three other variants are compiled on first need, not at import: each costs ~10 ms
# of a cold start (re compiles in Python), and most documents have no URL and no invisible
# character (issue 19).
@cache
def _variant(url: bool, glued: bool) -> re.Pattern[str]:
    return re.compile((_URL if url else "") + (_GLUED if glued else _REST), re.VERBOSE)


def kind(piece: str) -> TokenKind:
    """The kind ``split`` gives ``piece`` when it is one whole token; a piece the regex would
    cut in several (another tokenizer's token) is a "word" if it holds a letter, else "punct".
    """
    m = _variant(True, False).fullmatch(piece)
    if m is not None:
        return m.lastgroup  # type: ignore[return-value]
    return "word" if any(c.isalpha() for c in piece) else "punct"


def pattern(text: str) -> re.Pattern[str]:
    """The compiled token pattern for ``text`` (a match's ``lastgroup`` is its kind): with
    URLs only if ``text`` may hold one, with invisible characters inside words only if it
    holds one."""
    has_url = "@" in text or "://" in text or "www." in text
    if _HAS_GLUE.search(text):
        return _variant(has_url, True)
    return _variant(True, False) if has_url else _TOKEN


def split(text: str) -> Iterator[tuple[str, int, int, TokenKind]]:
    """Yield ``(text, start, end, kind)`` for every token of ``text`` in order."""
    for m in pattern(text).finditer(text):
        start, end = m.span()
        yield m.group(), start, end, m.lastgroup  # type: ignore[misc]
