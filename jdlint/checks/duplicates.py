"""Repeated clauses inside one instruction: JD301 (duplicate-clause, the same text after
normalisation) and JD302 (near-duplicate-clause, the same clause in other words).

This module owns what "the same clause in other words" means; "the same text" is
``jdlint.checklib.clausetext.normalize_clause``, shared with ``jdlint.collection``:

* ``content_lemmas``: the lemmas of a clause without the function words listed in JD302's
  phrase lists (prepositions, conjunctions, pronouns, "настоящий", "свой" …).

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

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jdlint.checklib.clausetext import normalize_clause
from jdlint.checklib.containment import contained_pairs
from jdlint.core.model import Clause, Document, Finding
from jdlint.core.records import record
from jdlint.ruleapi import implements

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["Candidate", "Copy", "candidates", "content_lemmas", "eligible_clauses",
           "similarity_pairs", "weights"]

_DIGITS_RE = re.compile(r"\d+")
# NOTE: figures a clause states; two wordings with different figures are different clauses.
_FIGURES_RE = re.compile(r"\d+(?:[.,]\d+)*|\b[IVX]{1,4}\b")


def content_lemmas(text: str, lang: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """Lemmas of the words of ``text`` minus ``stopwords`` (and one-letter words)."""
    from jdlint.nlp.doctext import shared_nlp  # NOTE: the tokens of the file being linted

    return tuple([lem for lem in shared_nlp().lemmas(text, lang)
                  if len(lem) > 1 and lem not in stopwords and "." not in lem])


@record(slots=True)
class Copy:
    """One place of a repeated clause; ``scope`` says which clauses it may be compared with
    by JD302 (its section and the lead-in of its list, numbers ignored)."""

    clause: Clause
    section: int
    key: str
    scope: tuple[int, str]

    @property
    def block(self) -> int:
        """The block the clause starts in."""
        return self.clause.first_block


def _is_lead_in(text: str) -> bool:
    return text.rstrip().endswith(":")


def eligible_clauses(doc: Document, *, min_words: int,
                     ignore: frozenset[str] = frozenset()) -> list[Copy]:
    """The clauses of ``doc`` that may be duplicates: not lead-ins, not web noise, not listed
    boilerplate, at least ``min_words`` words once normalised; in document order."""
    out: list[Copy] = []
    # NOTE: a lead-in is the parent of every item of its list: its scope is worked out once
    # per lead-in, not once per item (issue 19).
    leads: dict[int, str] = {}
    for number, section in enumerate(doc.sections):
        for clause, parent in _with_parents(section.clauses, None):
            if _is_lead_in(clause.text) or all(b in doc.noise for b in clause.blocks):
                continue
            key = normalize_clause(clause.text)
            if len(key.split()) < min_words or key in ignore:
                continue
            # NOTE: items of "должен знать:" and of "должен уметь:" are different lists; the
            # lead-ins "в рамках функции, указанной в п. 2.1 / 2.2" introduce one list.
            lead = ""
            if parent is not None:
                found = leads.get(id(parent))
                if found is None:
                    found = leads[id(parent)] = _DIGITS_RE.sub("#", normalize_clause(parent.text))
                lead = found
            out.append(Copy(clause, number, key, (number, lead)))
    return out


def _with_parents(clauses: Sequence[Clause], parent: Clause | None
                  ) -> Iterator[tuple[Clause, Clause | None]]:
    for clause in clauses:
        yield clause, parent
        yield from _with_parents(clause.children, clause)


def _words(options: Mapping[str, Any], name: str, lang: str) -> frozenset[str]:
    value = options.get(name) or {}
    words = value.get(lang, []) if isinstance(value, Mapping) else value
    return frozenset(normalize_clause(str(w)) for w in words)


def _place(ctx: RuleContext, copy: Copy) -> str:
    where = ctx.where(ctx.block_source(copy.block))
    template: Mapping[str, str] = ctx.texts["place" if copy.clause.path else "place_bare"]
    return ctx.localized(template).format(clause=copy.clause.path, where=where)


def _copy_data(ctx: RuleContext, copy: Copy) -> dict[str, object]:
    source = ctx.block_source(copy.block)
    return {"clause": copy.clause.path or None, "block": copy.block,
            "line": source.line, "paragraph": source.paragraph,
            "place": _place(ctx, copy), "text": copy.clause.text}


def _report_group(ctx: RuleContext, group: Sequence[Copy], data: dict[str, object] | None = None,
                  similarity: int = 100, other: str = "") -> Finding:
    """One finding for a group of copies, at the first repeat, naming every copy."""
    group = sorted(group, key=lambda c: c.block)
    at = group[1]
    places = "; ".join(_place(ctx, c) for c in group)
    details: dict[str, object] = {"count": len(group),
                                  "copies": [_copy_data(ctx, c) for c in group], **(data or {})}
    return ctx.report(at.clause, count=len(group), places=places,
                      related=[ctx.block_source(c.block) for c in group if c is not at],
                      data=details, similarity=similarity, other=other)


@implements("JD301")
def duplicate_clause(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report every group of clauses of one instruction with the same normalised text."""
    lang = doc.language or "ru"
    copies = eligible_clauses(doc, min_words=int(ctx.options["min-words"]),
                              ignore=_words(ctx.phrases, "ignore", lang))
    groups: dict[str, list[Copy]] = defaultdict(list)
    for copy in copies:
        groups[copy.key].append(copy)
    position = {id(copy): n for n, copy in enumerate(copies)}
    repeated = [g for g in groups.values() if len(g) > 1]
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

@record(slots=True)
class Candidate:
    """A clause as JD302 compares it."""

    copy: Copy
    lemmas: tuple[str, ...]
    stems: tuple[str, ...]
    figures: tuple[str, ...]


def candidates(doc: Document, phrases: Mapping[str, Any], stem_length: int
               ) -> list[Candidate]:
    """The clauses of ``doc`` JD302 compares: the first copy of each text, with its content
    lemmas, its stems (light verbs dropped, lemmas cut to ``stem-length``) and its figures."""
    lang = doc.language or "ru"
    stopwords = _words(phrases, "stopwords", lang)
    light = _words(phrases, "light-words", lang)
    numerals = _words(phrases, "number-words", lang)
    choices = _words(phrases, "alternatives", lang)
    from jdlint.nlp.doctext import shared_nlp

    size = stem_length
    nlp_ = shared_nlp()
    seen: set[str] = set()
    out: list[Candidate] = []
    for copy in eligible_clauses(doc, min_words=1, ignore=_words(phrases, "ignore", lang)):
        if copy.key in seen:
            continue  # NOTE: exact copies are JD301's; the first copy takes part here
        seen.add(copy.key)
        if _announces(copy.scope[1], choices):
            continue  # NOTE: routes to choose from ("одному из следующих требований:")
        text = copy.clause.text
        block = doc.raw.blocks[copy.block].text
        if len(block) > len(text) and block.endswith(text):
            # NOTE: the clause is its block without the number; its tokens (shared with the
            # other rules) come from the block's, which other rules need anyway (issue 19).
            nlp_.tail_tokens(block, len(block) - len(text), lang)
        lemmas = content_lemmas(text, lang, stopwords)
        stems = tuple(lem[:size] for lem in lemmas if lem not in light)
        # NOTE: "стаж не менее четырёх лет" and "… пяти лет" differ as "4" and "5" would
        figures = tuple(sorted([*_FIGURES_RE.findall(copy.clause.text),
                                *(lem for lem in lemmas if lem in numerals)]))
        out.append(Candidate(copy, lemmas, stems, figures))
    return out


def _announces(lead: str, phrases: frozenset[str]) -> bool:
    """The lead-in of a list announces alternatives: a phrase of ``phrases`` stands in it
    as whole words."""
    padded = f" {lead} "
    return any(f" {phrase} " in padded for phrase in phrases)


def weights(items: Sequence[Candidate]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of the stems, IDF over the clauses of this instruction: the words
    every clause of the document repeats ("инфокоммуникационных систем") weigh little."""
    frequency: Counter[str] = Counter()
    for item in items:
        frequency.update(set(item.stems))
    total = len(items) + 1
    # NOTE: the IDF factor of each stem computed once, not once per clause holding it: the
    # same float operations on the same operands, so the same weights (issue 19).
    idf = {stem: math.log(total / (n + 0.5)) for stem, n in frequency.items()}
    vectors: list[dict[str, float]] = []
    for item in items:
        raw = {stem: (1 + math.log(n)) * idf[stem] for stem, n in Counter(item.stems).items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        vectors.append({stem: v / norm for stem, v in raw.items()})
    return vectors


def similarity_pairs(items: Sequence[Candidate], *, min_lemmas: int, floor: float = 0.0,
                     vectors: Sequence[Mapping[str, float]] | None = None,
                     ) -> list[tuple[int, int, float]]:
    """Scored pairs (i < j, similarity 0–100) of clauses in one scope with the same figures.

    Similarity is the lower of two scores: rapidfuzz ``token_sort_ratio`` of the content
    lemmas (inflection and word order do not count) and the cosine of the TF-IDF stem vectors
    (what the two clauses share must be what distinguishes them from the other clauses).
    """
    from rapidfuzz import fuzz

    vectors = vectors if vectors is not None else weights(items)
    out: list[tuple[int, int, float]] = []
    joined: dict[int, str] = {}
    for i, j in _pairs(items, vectors, min_lemmas=min_lemmas, shared=floor > 0.0):
        va, vb = vectors[i], vectors[j]
        # NOTE: the stems of ``va`` missing from ``vb`` are skipped instead of multiplied by
        # 0.0: adding a zero never changes a float sum, and the shared stems are added in the
        # same order, so the cosine is the same float (issue 19: the findings digest).
        # A list rather than a generator: the same products summed in the same order.
        cosine = 100.0 * sum([w * vb[stem] for stem, w in va.items() if stem in vb])
        if cosine < floor:
            continue
        if i not in joined:
            joined[i] = " ".join(items[i].lemmas)
        if j not in joined:
            joined[j] = " ".join(items[j].lemmas)
        ratio = fuzz.token_sort_ratio(joined[i], joined[j])
        score = min(cosine, float(ratio))
        if score >= floor:
            out.append((i, j, score))
    return out


def _pairs(items: Sequence[Candidate], vectors: Sequence[Mapping[str, float]], *,
           min_lemmas: int, shared: bool) -> Iterator[tuple[int, int]]:
    """The pairs (i < j, in order) worth scoring: long enough, same scope, same figures and,
    when ``shared``, at least one stem in common (stem weights are positive, so a pair with
    none has cosine 0 and can never reach a positive floor). An inverted index per scope
    instead of every pair: same pairs scored, far fewer looked at."""
    groups: dict[tuple[tuple[int, str], tuple[str, ...]], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if len(item.lemmas) >= min_lemmas:
            groups[(item.copy.scope, item.figures)].append(i)
    partners: dict[int, list[int]] = {}
    for members in groups.values():
        if not shared:
            for n, i in enumerate(members):
                partners[i] = members[n + 1:]
            continue
        by_stem: dict[str, list[int]] = defaultdict(list)
        for i in members:
            for stem in vectors[i]:
                by_stem[stem].append(i)
        for i in members:
            partners[i] = sorted({j for stem in vectors[i] for j in by_stem[stem] if j > i})
    for i in sorted(partners):
        for j in partners[i]:
            yield i, j


@implements("JD302")
def near_duplicate_clause(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Report groups of clauses of one list that say the same thing in other words."""
    options = ctx.options
    items = candidates(doc, ctx.phrases, int(options["stem-length"]))
    threshold = float(options["min-similarity"])
    vectors = weights(items)
    pairs = similarity_pairs(items, min_lemmas=int(options["min-words"]), floor=threshold,
                             vectors=vectors)
    known = {(i, j) for i, j, _ in pairs}
    pairs += [p for p in contained_pairs([c.stems for c in items],
                                         [(c.copy.scope, c.figures) for c in items],
                                         int(options["contained-min-stems"]), vectors)
              if (p[0], p[1]) not in known]
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
