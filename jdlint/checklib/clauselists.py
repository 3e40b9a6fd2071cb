"""Which clauses of one instruction the duplicate rules (JD301, JD302) compare: every clause but
lead-ins and web noise, with its normalised text (``clausetext.normalize_clause``), its scope
(its section and the lead-in of its list, numbers ignored) and its number of words
(``clause_keys``); and those long enough and not listed as boilerplate (``eligible_clauses``).
What makes two of them duplicates is ``jdlint.checks.duplicates``'s.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jdlint.checklib.clausesim import Copy
from jdlint.checklib.clausetext import normalize_clause
from jdlint.core.model import Clause, Document

__all__ = ["clause_keys", "eligible_clauses"]

_DIGITS_RE = re.compile(r"\d+")

# NOTE: what a clause's text gives (``_of_text``): whether it is a lead-in, its normalised
# text, its number of words, and the scope it gives the items of its list (if it has any)
_Keyed = tuple[bool, str, int, str]
# NOTE: texts kept (``clause_keys``' ``kept``): a text and its key ~0.5 KB, so ~2 MB at most
_KEPT_MAX = 1 << 12


def eligible_clauses(doc: Document, *, min_words: int,
                     ignore: frozenset[str] = frozenset(),
                     clauses: Sequence[tuple[Copy, int]] | None = None) -> list[Copy]:
    """The clauses of ``doc`` that may be duplicates: not lead-ins, not web noise, not listed
    boilerplate, at least ``min_words`` words once normalised; in document order.
    ``clauses``: ``clause_keys(doc)`` when the caller has it already."""
    base = clause_keys(doc) if clauses is None else clauses
    return [copy for copy, words in base if words >= min_words and copy.key not in ignore]


def clause_keys(doc: Document, kept: dict[str, _Keyed] | None = None
                ) -> list[tuple[Copy, int]]:
    """Every clause of ``doc`` but lead-ins and web noise, with its normalised text, scope
    and number of words: what JD301 and JD302 select from, worked out once per document.
    ``kept``: what a clause's text gave, kept by the caller across documents (a function of
    the text: issue 19, a batch repeats its clauses file after file)."""
    if kept is None:
        kept = {}
    out: list[tuple[Copy, int]] = []
    noise = doc.noise
    for number, section in enumerate(doc.sections):
        _walk(section.clauses, (number, ""), kept, noise, out)
    return out


def _walk(items: Sequence[Clause], scope: tuple[int, str], kept: dict[str, _Keyed],
          noise: frozenset[int], out: list[tuple[Copy, int]]) -> None:
    """``clause_keys`` of the clauses ``items`` and of their lists, depth first, added to
    ``out``; ``scope``: their section's number and the lead their parent's text gives them
    (one tuple for the whole list). A function
    of its own, not a closure: a recursive closure is a reference cycle, which kept each
    document's clauses alive until the cyclic collector ran (issue 19: measured as a slower
    rule after JD301)."""
    # NOTE: ``Copy``'s own constructor is a Python function around this C call (issue 19)
    new = tuple.__new__
    number = scope[0]
    for clause in items:
        text = clause.text
        found = kept.get(text)
        if found is None:
            found = _of_text(text)
            if len(kept) >= _KEPT_MAX:
                kept.clear()  # NOTE: bounded by emptying
            kept[text] = found
        # NOTE: ``issuperset`` is ``all(b in noise for b in blocks)`` in one C call.
        if not found[0] and not noise.issuperset(clause.blocks):
            out.append((new(Copy, (clause, number, found[1], scope)), found[2]))
        if clause.children:
            # NOTE: items of "должен знать:" and of "должен уметь:" are different lists; the
            # lead-ins "в рамках функции, указанной в п. 2.1 / 2.2" introduce one list.
            _walk(clause.children, (number, found[3]), kept, noise, out)


def _of_text(text: str) -> _Keyed:
    key = normalize_clause(text)
    return text.rstrip().endswith(":"), key, len(key.split()), _DIGITS_RE.sub("#", key)
