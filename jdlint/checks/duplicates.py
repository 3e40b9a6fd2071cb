"""Repeated clauses inside one instruction: JD301 (duplicate-clause, the same text after
normalisation) and JD302 (near-duplicate-clause, the same clause in other words).

This module owns what "the same clause in other words" means; "the same text" is
``jdlint.checklib.clausetext.normalize_clause``, shared with ``jdlint.collection``:

* ``content_lemmas``: the lemmas of a clause without the function words listed in JD302's
  phrase lists (prepositions, conjunctions, pronouns, "настоящий", "свой" …).

How two such clauses are scored (TF-IDF stem vectors, similarity) is
``jdlint.checklib.clausesim``'s, the part-of-a-longer-clause test ``jdlint.checklib.containment``'s,
which clauses take part (lead-ins and web noise left out, scopes) ``jdlint.checklib.clauselists``'.

What is compared: the clauses of ONE instruction (``doc.clauses()``), never the several
instructions a file may hold (JD004), so a web page with three copies of an instruction gives no
duplicate. JD301 compares the whole instruction; JD302 compares clauses of the same section only
(a "functions" section summarising the "duties" section, or a right restating a duty, is how
such documents are written, not a copy). Lead-ins ("… должен знать:"), clauses shorter than
``min-words`` and the boilerplate in the phrase lists never pair.

JD302 also pairs a short clause whose stems all (but one minor qualifier) stand in a longer
clause of the same list; number words count as figures, and the items of a list whose
lead-in announces alternatives ("одному из следующих требований:") never pair.

A group of copies is ONE finding, at the first repeat (the original comes first), with every
other copy in ``related`` and every copy's clause path, place and text in ``data["copies"]``;
a run of clauses copied together (clauses 1-4, then 1-4 again) is ONE JD301 finding.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jdlint.checklib.clauselists import clause_keys, eligible_clauses
from jdlint.checklib.clausesim import (
    Candidate,
    Copy,
    similar_and_contained,
    similarity_pairs,
    weights,
)
from jdlint.checklib.clausetext import normalize_clause
from jdlint.core.model import Document, Finding, Source
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["Candidate", "Copy", "candidates", "clause_keys", "content_lemmas", "eligible_clauses",
           "similarity_pairs", "weights"]

# NOTE: figures a clause states; two wordings with different figures are different clauses.
_FIGURES_RE = re.compile(r"\d+(?:[.,]\d+)*|\b[IVX]{1,4}\b")
# NOTE: every figure holds one of these; most clauses hold none, and a search for one character
# class is a fraction of ``findall``, which tries both branches at every position (issue 19).
_FIGURE_CHAR_RE = re.compile(r"[\dIVX]")


def content_lemmas(text: str, lang: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """Lemmas of the words of ``text`` minus ``stopwords`` (and one-letter words)."""
    from jdlint.nlp.doctext import shared_nlp  # NOTE: the tokens of the file being linted

    return _content(shared_nlp().lemmas(text, lang), stopwords)


def _content(lemmas: Sequence[str], stopwords: frozenset[str]) -> tuple[str, ...]:
    return tuple([lem for lem in lemmas
                  if len(lem) > 1 and lem not in stopwords and "." not in lem])


def _shared_keys(doc: Document, ctx: RuleContext) -> list[tuple[Copy, int]]:
    # NOTE: the memo is one per document and its notes; the key names the document it holds.
    # What a clause's text gives is kept across documents (``clause_keys``' ``kept``).
    return ctx.memo(("duplicates.clause_keys", id(doc)),
                    lambda: clause_keys(doc, ctx.compiled("clause-keys", dict)))


def _words(options: Mapping[str, Any], name: str, lang: str) -> frozenset[str]:
    value = options.get(name) or {}
    words = value.get(lang, []) if isinstance(value, Mapping) else value
    return frozenset(normalize_clause(str(w)) for w in words)


def _place(ctx: RuleContext, copy: Copy, source: Source | None = None) -> str:
    where = ctx.where(ctx.block_source(copy.block) if source is None else source)
    template: Mapping[str, str] = ctx.texts["place" if copy.clause.path else "place_bare"]
    return ctx.localized(template).format(clause=copy.clause.path, where=where)


def _copy_data(ctx: RuleContext, copy: Copy, source: Source | None = None,
               place: str | None = None) -> dict[str, object]:
    """A copy's entry of ``data["copies"]``; ``source`` and ``place``: its block's source and
    ``_place``, when the caller has them."""
    if source is None:
        source = ctx.block_source(copy.block)
    return {"clause": copy.clause.path or None, "block": copy.block,
            "line": source.line, "paragraph": source.paragraph,
            "place": _place(ctx, copy, source) if place is None else place,
            "text": copy.clause.text}


def _report_group(ctx: RuleContext, group: Sequence[Copy], data: dict[str, object] | None = None,
                  similarity: int = 100, other: str = "") -> Finding:
    """One finding for a group of copies, at the first repeat, naming every copy."""
    group = sorted(group, key=lambda c: c.block)
    at = group[1]
    # NOTE: each copy's source and place worked out once, for the message, ``related`` and
    # ``data`` alike (issue 19: they were worked out twice, the place costing most).
    sources = [ctx.block_source(c.block) for c in group]
    placed = [_place(ctx, c, source) for c, source in zip(group, sources, strict=True)]
    details: dict[str, object] = {
        "count": len(group),
        "copies": [_copy_data(ctx, c, source, place)
                   for c, source, place in zip(group, sources, placed, strict=True)],
        **(data or {})}
    return ctx.report(at.clause, count=len(group), places="; ".join(placed),
                      related=[source for c, source in zip(group, sources, strict=True)
                               if c is not at],
                      data=details, similarity=similarity, other=other)


@implements("JD301")
def duplicate_clause(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report every group of clauses of one instruction with the same normalised text."""
    lang = doc.language or "ru"
    # NOTE: the phrase list depends on the rule's YAML only: normalised once per process.
    ignore = ctx.compiled(("ignore", lang), lambda: _words(ctx.phrases, "ignore", lang))
    copies = eligible_clauses(doc, min_words=int(ctx.options["min-words"]), ignore=ignore,
                              clauses=_shared_keys(doc, ctx))
    groups: dict[str, list[int]] = {}
    for n, copy in enumerate(copies):
        found = groups.get(copy.key)
        if found is None:
            groups[copy.key] = [n]
        else:
            found.append(n)
    # NOTE: positions of the repeated copies only (issue 19: most clauses are not repeated)
    at = [g for g in groups.values() if len(g) > 1]
    position = {id(copies[n]): n for g in at for n in g}
    repeated = [[copies[n] for n in g] for g in at]
    for block in _blocks(repeated, position):
        if len(block) == 1:
            yield _report_group(ctx, block[0])
        else:
            yield _report_block(ctx, block)


def _blocks(groups: list[list[Copy]], position: Mapping[int, int]) -> list[list[list[Copy]]]:
    """Groups of copies that follow each other copy by copy (clauses 1–4 of a list, then the
    same 1–4 again): one block copied as a whole, reported once. Other groups stand alone."""
    ordered = sorted(groups, key=lambda g: position[id(g[0])])
    out: list[list[list[Copy]]] = []
    for group in ordered:
        if out:
            last = out[-1][-1]
            if len(last) == len(group) and all(
                    position[id(b)] == position[id(a)] + 1 for a, b in zip(last, group,
                                                                            strict=True)):
                out[-1].append(group)
                continue
        out.append([group])
    return out


def _report_block(ctx: RuleContext, block: list[list[Copy]]) -> Finding:
    """One finding for a run of clauses copied together, at the first clause of the copy."""
    runs = [[group[k] for group in block] for k in range(len(block[0]))]
    at = runs[1][0]
    places = "; ".join(_run_place(ctx, run) for run in runs)
    details: dict[str, object] = {
        "count": len(runs), "clauses": len(block),
        "copies": [_copy_data(ctx, run[0]) for run in runs],
        "block": [[_copy_data(ctx, c) for c in run] for run in runs]}
    return ctx.report(at.clause, count=len(runs), places=places,
                      related=[ctx.block_source(run[0].block) for run in runs if run[0] is not at],
                      data=details, similarity=100, other="")


def _run_place(ctx: RuleContext, run: list[Copy]) -> str:
    """"п. III.1–III.4 (строка 40)": a copied run by its first and last clause."""
    first, last = run[0], run[-1]
    if not first.clause.path or not last.clause.path:
        return _place(ctx, first)
    where = ctx.where(ctx.block_source(first.block))
    span = f"{first.clause.path}–{last.clause.path}"
    return ctx.localized(ctx.texts["place"]).format(clause=span, where=where)


# ------------------------------------------------------------------------------ JD302

# NOTE: a clause's content lemmas, stems, number words and distinct stems (``_derive``)
_Derived = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]
_LISTS = ("stopwords", "light-words", "number-words", "alternatives", "ignore")


def candidates(doc: Document, phrases: Mapping[str, Any], stem_length: int, *,
               lists: Sequence[frozenset[str]] | None = None,
               clauses: Sequence[tuple[Copy, int]] | None = None,
               known: dict[tuple[str, ...], _Derived] | None = None,
               texts: dict[str, _Kept] | None = None) -> list[Candidate]:
    """The clauses of ``doc`` JD302 compares: the first copy of each text, with its content
    lemmas, its stems (light verbs dropped, lemmas cut to ``stem-length``) and its figures.
    ``lists``: the ``_LISTS`` phrase lists of ``phrases`` in the document's language, and
    ``clauses``: ``clause_keys(doc)``, when the caller has them already. ``known``: what
    was derived from a clause's lemmas, kept by the caller across documents (the rule keeps
    one per language, list set and ``stem_length``: ``ctx.compiled``). ``texts``: what a
    clause's text gave (its lemmas, stems, figures and set of stems), kept by the caller across
    documents under the same key plus the tokenizer backend, which decides the lemmas."""
    lang = doc.language or "ru"
    if lists is None:
        lists = [_words(phrases, name, lang) for name in _LISTS]
    choices, ignore = lists[3], lists[4]
    from jdlint.nlp.doctext import shared_nlp

    size = stem_length
    if known is None:
        known = {}
    if texts is None:
        texts = {}
    nlp_ = shared_nlp()
    seen: set[str] = set()
    out: list[Candidate] = []
    # NOTE: the items of one list share their lead-in: tested once per lead (issue 19).
    announced: dict[str, bool] = {}
    new = tuple.__new__
    for copy in eligible_clauses(doc, min_words=1, ignore=ignore, clauses=clauses):
        if copy.key in seen:
            continue  # NOTE: exact copies are JD301's; the first copy takes part here
        seen.add(copy.key)
        lead = copy.scope[1]
        found = announced.get(lead)
        if found is None:
            found = announced[lead] = _announces(lead, choices)
        if found:
            continue  # NOTE: routes to choose from ("одному из следующих требований:")
        text = copy.clause.text
        kept = texts.get(text)
        if kept is None:
            block = doc.raw.blocks[copy.block].text
            if len(block) > len(text) and block.endswith(text):
                # NOTE: the clause is its block without the number; its tokens (shared with
                # the other rules) come from the block's, which other rules need anyway. Only
                # for a text not kept: a kept one needs no tokens here, and a rule asking for
                # them later finds them (from their second file on) in ``nlp.tokens``' batch
                # cache, cheaper than moving the block's (issue 19: whole process, cpu.py).
                nlp_.tail_tokens(block, len(block) - len(text), lang)
            kept = _kept(text, nlp_.lemmas(text, lang), known, lists, size)
            if len(texts) >= _KNOWN_MAX:
                texts.clear()  # NOTE: bounded as ``known`` is
            texts[text] = kept
        # NOTE: a batch repeats its clauses file after file (94 % of the clauses of the 100
        # generated files had been seen in an earlier one): their lemmas, stems and figures
        # are a function of the text, kept by it (issue 19)
        # NOTE: ``tuple.__new__`` is what ``Candidate``'s own (Python) constructor calls
        out.append(new(Candidate, (copy, *kept)))
    return out


# NOTE: a clause's content lemmas, stems, figures and distinct stems: Candidate's fields after
# its copy, a function of its text (``_kept``)
_Kept = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], frozenset[str]]


def _kept(text: str, every: tuple[str, ...], known: dict[tuple[str, ...], _Derived],
          lists: Sequence[frozenset[str]], size: int) -> _Kept:
    """What ``candidates`` takes from a clause of ``text`` whose words' lemmas are ``every``."""
    stopwords, light, numerals = lists[:3]
    derived = known.get(every)
    if derived is None:
        derived = _derive(every, stopwords, light, numerals, size)
        if len(known) >= _KNOWN_MAX:
            known.clear()  # NOTE: bounded: a long batch never grows it past this
        known[every] = derived
    lemmas, stems, said, unique = derived
    # NOTE: "стаж не менее четырёх лет" and "… пяти лет" differ as "4" and "5" would
    figures: tuple[str, ...] = ()
    written = _FIGURES_RE.findall(text) if _FIGURE_CHAR_RE.search(text) else []
    if written or said:
        figures = tuple(sorted([*written, *said]))
    return lemmas, stems, figures, unique


# NOTE: how many word sequences ``candidates`` keeps what it derived from: measured ~2 KB an
# entry (its tuples and set), so at most ~8 MB; 100 generated instructions (12 000 clauses)
# have ~700 distinct ones.
_KNOWN_MAX = 1 << 12


def _derive(every: tuple[str, ...], stopwords: frozenset[str], light: frozenset[str],
            numerals: frozenset[str], size: int) -> _Derived:
    """A clause's content lemmas, stems, number words and set of stems, from the lemmas of
    all its words: a pure function of them and of the rule's lists, so kept per word sequence
    (issue 19: a batch repeats its boilerplate clauses in file after file, same lemmas)."""
    lemmas = _content(every, stopwords)  # NOTE: = content_lemmas
    stems = tuple([lem[:size] for lem in lemmas if lem not in light])
    said = tuple([lem for lem in lemmas if lem in numerals])
    return lemmas, stems, said, frozenset(stems)


def _announces(lead: str, phrases: frozenset[str]) -> bool:
    """The lead-in of a list announces alternatives: a phrase of ``phrases`` stands in it
    as whole words."""
    padded = f" {lead} "
    return any(f" {phrase} " in padded for phrase in phrases)


@implements("JD302")
def near_duplicate_clause(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report groups of clauses of one list that say the same thing in other words."""
    options = ctx.options
    lang = doc.language or "ru"
    # NOTE: the phrase lists depend on the rule's YAML only: normalised once per process.
    lists = ctx.compiled(("lists", lang), lambda: [_words(ctx.phrases, n, lang) for n in _LISTS])
    size = int(options["stem-length"])
    # NOTE: a dict the rule keeps across documents (bounded in ``candidates``): its entries
    # depend on the lists and the stem length only, which the key names.
    derived: dict[tuple[str, ...], _Derived] = ctx.compiled(("derived", lang, size), dict)
    # NOTE: and one keyed by clause text, whose lemmas depend on the tokenizer backend too.
    from jdlint.nlp import tokenizer

    texts: dict[str, _Kept] = ctx.compiled(("texts", lang, size, tokenizer()), dict)
    items = candidates(doc, ctx.phrases, size, lists=lists,
                       clauses=_shared_keys(doc, ctx), known=derived, texts=texts)
    pairs, contained = similar_and_contained(
        items, min_lemmas=int(options["min-words"]), floor=float(options["min-similarity"]),
        min_stems=int(options["contained-min-stems"]), repeats=ctx.compiled("repeats", dict))
    known = {(i, j) for i, j, _ in pairs}
    pairs += [p for p in contained if (p[0], p[1]) not in known]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        parent[max(find(i), find(j))] = min(find(i), find(j))
    groups: dict[int, list[int]] = defaultdict(list)
    for i, j, _ in pairs:
        groups[find(i)].extend((i, j))
    for members in groups.values():
        indices = sorted(set(members))
        score = round(min(s for i, j, s in pairs if i in indices and j in indices))
        group = [items[i].copy for i in indices]
        yield _report_group(ctx, group, data={"similarity": score}, similarity=score,
                            other=_short(group[0].clause.text))


def _short(text: str, width: int = 90) -> str:
    text = text.strip().rstrip(".;")
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
