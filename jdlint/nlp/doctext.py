"""Tokens and lemmas of the texts of the file being linted, computed once for all its rules.

Every rule tokenises the same blocks and clauses (JD302 the clauses for its lemmas, JD303 for
its token sequences, JD403 for the duties, the professional-standard detection for every block).
``jdlint.engine.lint`` opens one ``DocumentNLP`` per file (``RuleContext.nlp``; ``shared_nlp``
for helpers that get no context) and drops it when the file is done: memory stays per file, and
a tokenizer backend chosen between two files is always seen. The results are exactly
``jdlint.nlp.tokens`` / ``jdlint.nlp.lemmas``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

# NOTE: imported here, not per call: ``tokens`` meets ~170 new texts a document and the
# ``from … import`` of a function body cost ~1 us each time (issue 19). The package is
# loaded before this submodule anyway, so this adds nothing to importing it.
from jdlint import nlp
from jdlint.nlp import disguise
from jdlint.nlp.tokenize import Token, make, pattern

__all__ = ["HEAD_CHARS", "DocumentNLP", "number_head", "number_heads", "shared_nlp", "sharing"]

# NOTE: the characters the token pattern's lookbehinds test ("(?<!\w)" before an
# abbreviation, "(?<![\w.+-])" before an e-mail): a text cut after any other character is
# scanned from the cut as the whole text was (see ``DocumentNLP.tail_tokens``).
_LOOKBEHIND = re.compile(r"[\w.+-]")
# NOTE: a cut-off head made of these only (a typed clause number: "2.1. ", "3) "; a typed list
# dash: "- ", ~7 % of a TXT's blocks) holds no letter, no invisible character and none of "@",
# ":", "/", "w": the URL and glue tests that choose the pattern, and ``may_hide``'s letter and
# glue scans ("-" is none of their characters), find in the whole text exactly what they find
# in its tail (none of their matches can start in the head or straddle the cut), so neither
# needs scanning both texts (issue 19: ~11 µs a clause, for every clause of a TXT). No token
# of the head is a word: a word needs a letter, and a word or number starting at a digit stops
# at a "-", "." or ")" that no letter follows.
_NUMBER_HEAD = re.compile(r"[0-9 \t\u00a0.)-]*")
HEAD_CHARS = _HEAD_CHARS = frozenset("0123456789 \t\u00a0.)-")


class DocumentNLP:
    """Tokens and lemmas of the texts of one file, computed once for all its rules.

    Every rule tokenises the same blocks and clauses; the engine keeps one of these per file
    (``RuleContext.nlp``, ``shared_nlp``) and drops it when the file is done, so memory stays
    per file and a tokenizer backend chosen between two files is always seen.
    """

    __slots__ = ("_lemmas", "_tokens")

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, str], tuple[Token, ...]] = {}
        self._lemmas: dict[tuple[str, str], tuple[str, ...]] = {}

    def tokens(self, text: str, lang: str) -> tuple[Token, ...]:
        """``jdlint.nlp.tokens(text, lang)``, once per text."""
        key = (text, lang)
        found = self._tokens.get(key)
        if found is None:
            head = number_head(text)
            if head:
                # NOTE: not kept in the batch's text cache: most numbered texts are unique to
                # their file and pushed the recurring ones out (TXT ~20 % slower); the tail
                # recurs and is kept (``nlp.moved_tokens``)
                found = self._tokens[key] = self._numbered(text, head, lang)
            else:
                found = self._tokens[key] = nlp.tokens(text, lang)
        return found

    def _numbered(self, text: str, head: int, lang: str) -> tuple[Token, ...]:
        """``tokens(text)`` of a text led by a typed clause number ("2.1. Вести учёт") or list
        dash ("- вести учёт"): the number's tokens, then its tail's moved by ``head`` (issue
        19: a TXT block keeps its
        typed number, so its text is new in every file while its tail — the clause — recurs
        across a batch and is kept by ``nlp.tokens``'s cache; the clause's own tokens, which
        JD302 and JD303 ask for, are then found here too).

        Exact for the regex backend when the head is ``_NUMBER_HEAD`` only and its last
        character is none of ``_LOOKBEHIND``'s (a space, a ")"): no token holds a space, so
        none straddles the cut, and only a ")" (one punctuation token) can end there; no match
        starting in the head looks past it (no letter, so no word or abbreviation starts
        there; a number stops at the space, dash or bracket, and a dash is one punctuation
        token, as no word or number starts with one); the tail's lookbehinds see a
        character that fails them as the start of a text does; the head holds no letter, no
        invisible character, no "@", ":", "/" or "w", so the pattern variant and
        ``may_hide`` are the whole text's; a head token's lemma (a number, punctuation) does
        not depend on ``may_hide``.
        """
        tail = text[head:]

        def build() -> tuple[Token, ...]:
            tail_key = (tail, lang)
            moved = self._tokens.get(tail_key)
            if moved is None:
                moved = self._tokens[tail_key] = nlp.tokens(tail, lang)
            # NOTE: fields unpacked, not read by name (as tail_tokens does)
            return tuple([make(Token, (word, lower, lemma, begin + head, end + head, is_word))
                          for word, lower, lemma, begin, end, is_word in moved])

        # NOTE: the moved tail is kept across the batch (``nlp.moved_tokens``): the same clause
        # under another number of the same length is not moved again
        moved = nlp.moved_tokens(tail, lang, head, build)
        return nlp.tokens(text[:head], lang) + moved

    def lemmas(self, text: str, lang: str) -> tuple[str, ...]:
        """``jdlint.nlp.lemmas(text, lang)``, once per text, taken from the text's tokens (a
        token is a word exactly when ``lemmas`` keeps it)."""
        key = (text, lang)
        found = self._lemmas.get(key)
        if found is None and text[:1] in _HEAD_CHARS:
            # NOTE: a numbered text's words are its clause's (``number_head``: no token of
            # the head is a word); JD107 has asked for most clauses' lemmas already (TXT)
            head = number_head(text)
            if head:
                found = self._lemmas.get((text[head:], lang))
                if found is not None:
                    self._lemmas[key] = found
        if found is None:
            # NOTE: always through the tokens: 84 % of the texts whose lemmas a rule asks for
            # are tokenised later by another rule, which split them a second time (issue 19).
            # NOTE: a list comprehension, not a generator: tuple() of a generator resumes it
            # per token (~2x slower).
            found = self._lemmas[key] = tuple([t.lemma for t in self.tokens(text, lang)
                                               if t.is_word])
        return found

    def tail_tokens(self, whole: str, start: int, lang: str) -> tuple[Token, ...]:
        """``tokens(whole[start:], lang)``, taken from the tokens of ``whole`` when that is
        provably the same (a clause is its block without its number: issue 19, JD302 and
        JD303 tokenised ~60 such tails per document whose words the block's tokens hold).

        The regex backend scans left to right and every non-space character starts a token, so
        the tail's tokens are the whole text's tokens from ``start`` on, moved by ``start``,
        when: no token of ``whole`` straddles ``start``; the character before ``start`` fails
        both lookbehinds of the pattern (at the tail's start they see no character, which
        passes them too); both texts get the same pattern variant; and both agree on
        ``may_hide`` (which decides how a word is lemmatised). Otherwise the tail is tokenised
        itself.
        """
        tail = whole[start:]
        key = (tail, lang)
        found = self._tokens.get(key)
        if found is not None:
            return found
        if start <= 0 or start >= len(whole) or _LOOKBEHIND.match(whole, start - 1):
            return self.tokens(tail, lang)
        if nlp.tokenizer() != "regex":
            return self.tokens(tail, lang)
        if _NUMBER_HEAD.fullmatch(whole, 0, start) is None:
            hides = disguise.may_hide  # NOTE: read from its module: tests count its calls
            if pattern(whole) is not pattern(tail) or hides(whole) != hides(tail):
                return self.tokens(tail, lang)
        toks = self.tokens(whole, lang)
        first = bisect_left(toks, start, key=_start)
        if first and toks[first - 1].end > start:
            return self.tokens(tail, lang)
        # NOTE: fields unpacked, not read by name: a third cheaper per token (issue 19).
        found = self._tokens[key] = tuple([
            make(Token, (text, lower, lemma, begin - start, end - start, word))
            for text, lower, lemma, begin, end, word in toks[first:]])
        return found


def number_head(text: str) -> int:
    """The length of the typed clause number that leads ``text`` ("2.1. ", "3) ") when
    ``DocumentNLP.tokens`` takes its tokens as the number's then the tail's moved (exact:
    see ``DocumentNLP._numbered``), else 0. The head's tokens are then numbers and
    punctuation only, none a word, and its last character is a space or a ")"; a rule whose
    answer on a text reads only its words may key a batch-wide cache by ``text[head:]``
    (issue 19: the clause recurs across a TXT batch, its number does not)."""
    # NOTE: most texts fail the first test; the backend is read from the module's global
    # (``nlp._split`` does the same), the call only when it was never set
    if not text or text[0] not in _HEAD_CHARS or (nlp._tokenizer or nlp.tokenizer()) != "regex":
        return 0
    return _cut(text)


def number_heads(texts: Iterable[str]) -> list[int]:
    """``number_head`` of each of ``texts`` (the blocks of a document), the backend read once
    and no call per text that cannot hold a number (issue 19: JD106, JD109, JD213 and the
    jurisdiction ask it for every block in turn)."""
    if (nlp._tokenizer or nlp.tokenizer()) != "regex":
        return [0 for _ in texts]
    heads = _HEAD_CHARS
    return [_cut(text) if text and text[0] in heads else 0 for text in texts]


# NOTE: kept per text (strings only, bounded): JD106, JD109, JD213 and the jurisdiction ask it
# for every block of a document in turn, JD107 and the phrase index again (issue 19: ~1,200
# calls a TXT document, ~0.5 us each); a pure function of the text.
@lru_cache(maxsize=4096)
def _cut(text: str) -> int:
    """``number_head`` past its first tests."""
    match = _NUMBER_HEAD.match(text)
    head = match.end() if match else 0
    if 0 < head < len(text) and not _LOOKBEHIND.match(text, head - 1):
        return head
    return 0


def _start(token: Token) -> int:
    return token.start


# NOTE: the file being linted is a context, not a stack kept by hand: ``sharing`` sets it for
# the duration of one ``lint`` and resets it on the way out (also on an exception), and a
# ContextVar keeps two threads or nested lints from seeing each other's texts.
_CURRENT: ContextVar[DocumentNLP | None] = ContextVar("jdlint_document_nlp", default=None)


def shared_nlp() -> DocumentNLP:
    """The ``DocumentNLP`` of the file ``jdlint.engine.lint`` is working on (helpers that get
    no rule context use it); outside ``lint`` a fresh one, so nothing is kept."""
    return _CURRENT.get() or DocumentNLP()


@contextmanager
def sharing() -> Iterator[DocumentNLP]:
    """Share one new ``DocumentNLP`` inside this block (the engine, for one file)."""
    shared = DocumentNLP()
    token = _CURRENT.set(shared)
    try:
        yield shared
    finally:
        _CURRENT.reset(token)
