"""Tokens and lemmas of the texts of the file being linted, computed once for all its rules.

Every rule tokenises the same blocks and clauses (JD302 the clauses for its lemmas, JD303 for
its token sequences, JD403 for the duties, the professional-standard detection for every block).
``jdlint.engine.lint`` opens one ``DocumentNLP`` per file (``RuleContext.nlp``; ``shared_nlp``
for helpers that get no context) and drops it when the file is done: memory stays per file, and
a tokenizer backend chosen between two files is always seen. The results are exactly
``jdlint.nlp.tokens`` / ``jdlint.nlp.lemmas``.
"""

from __future__ import annotations

from jdlint.nlp.tokenize import Token

__all__ = ["DocumentNLP", "enter", "leave", "shared_nlp"]


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
        """``jdlint.nlp.lemmas(text, lang)``, once per text (from the tokens when known: a
        token is a word exactly when ``lemmas`` keeps it)."""
        key = (text, lang)
        found = self._lemmas.get(key)
        if found is None:
            toks = self._tokens.get(key)
            if toks is not None:
                found = tuple(t.lemma for t in toks if t.is_word)
            else:
                from jdlint import nlp

                found = nlp.lemmas(text, lang)
            self._lemmas[key] = found
        return found


_SHARED: list[DocumentNLP] = []


def shared_nlp() -> DocumentNLP:
    """The ``DocumentNLP`` of the file ``jdlint.engine.lint`` is working on (helpers that get
    no rule context use it); outside ``lint`` a fresh one, so nothing is kept."""
    return _SHARED[-1] if _SHARED else DocumentNLP()


def enter() -> DocumentNLP:
    """Start sharing a new ``DocumentNLP`` (the engine, at the start of a file)."""
    shared = DocumentNLP()
    _SHARED.append(shared)
    return shared


def leave(shared: DocumentNLP) -> None:
    """Stop sharing ``shared`` (the engine, when the file is done)."""
    if _SHARED and _SHARED[-1] is shared:
        _SHARED.pop()
