"""Tokens and lemmas of the texts of the file being linted, computed once for all its rules.

Every rule tokenises the same blocks and clauses (JD302 the clauses for its lemmas, JD303 for
its token sequences, JD403 for the duties, the professional-standard detection for every block).
``jdlint.engine.lint`` opens one ``DocumentNLP`` per file (``RuleContext.nlp``; ``shared_nlp``
for helpers that get no context) and drops it when the file is done: memory stays per file, and
a tokenizer backend chosen between two files is always seen. The results are exactly
``jdlint.nlp.tokens`` / ``jdlint.nlp.lemmas``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from jdlint.nlp.tokenize import Token

__all__ = ["DocumentNLP", "shared_nlp", "sharing"]


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
            from jdlint import nlp

            found = self._tokens[key] = nlp.tokens(text, lang)
        return found

    def lemmas(self, text: str, lang: str) -> tuple[str, ...]:
        """``jdlint.nlp.lemmas(text, lang)``, once per text, taken from the text's tokens (a
        token is a word exactly when ``lemmas`` keeps it)."""
        key = (text, lang)
        found = self._lemmas.get(key)
        if found is None:
            # NOTE: always through the tokens: 84 % of the texts whose lemmas a rule asks for
            # are tokenised later by another rule, which split them a second time (issue 19).
            # NOTE: a list comprehension, not a generator: tuple() of a generator resumes it
            # per token (~2x slower).
            found = self._lemmas[key] = tuple([t.lemma for t in self.tokens(text, lang)
                                               if t.is_word])
        return found


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
