"""Coverage of a standard's labour actions by an instruction's duties (the JD403 matrix).

Owns the duty clause × labour action similarity and what follows from it: which duties fulfil
which actions, the duties that match none (outside the standard), the actions no duty covers,
the coverage figure, and how complete and how certain the standard's data behind the figure
is. Similarity is lemma-based: content lemmas of both sides, weighted by how rare a lemma is
among the standard's actions (so "инфокоммуникационных систем", present in nearly every action,
weighs little and "дебиторской задолженности" much), with derivational pairs
("консультирует" ~ "консультирование", by shared prefix or rapidfuzz ratio) counted at 0.8.
The score is the weighted share of the action's content found in the duty, its first word (the
activity: "Ведение", "Диагностика") counting double; a duty that lists several actions
fulfils each of them. The arithmetic (soft pairs, weighted columns, the standard's side kept
per process) is ``jdlint.profstandards.matrix``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, process

from jdlint import nlp
from jdlint.core.model import Clause, Document, SectionKind
from jdlint.core.records import record
from jdlint.profstandards import matrix
from jdlint.profstandards.detect import content_lemmas, content_lemmas_all
from jdlint.profstandards.model import LabourFunction, Standard

__all__ = ["THRESHOLD", "Coverage", "coverage", "duty_clauses", "similarity"]

THRESHOLD: Final = 0.5
# NOTE: verb ↔ action-noun pairs whose lemmas share no prefix (labour actions are nouns,
# duties are usually verbs); both sides are mapped to the noun before comparing.
_DERIVED: Final = {
    "искать": "поиск", "собирать": "сбор", "ставить": "постановка", "принимать": "прием",
    "вести": "ведение", "проводить": "проведение", "помогать": "помощь", "брать": "взятие",
    "находить": "поиск", "отбирать": "отбор", "выдавать": "выдача", "передавать": "передача",
    "сдавать": "сдача", "подбирать": "подбор", "осматривать": "осмотр", "разбирать": "разбор",
}


# NOTE: "В рамках трудовой функции, указанной в п. 2.1:" introduces duties, it is not one.
_FUNCTION_HEADING: Final = re.compile(r"\s*в\s+рамках\s+(?:обобщенн\w*\s+)?(?:трудов\w*\s+)?"
                                      r"функци", re.IGNORECASE)


def _lemmas(text: str) -> tuple[str, ...]:
    return tuple(_DERIVED.get(lem, lem) for lem in content_lemmas(text))


@lru_cache(maxsize=8192)
def _action_lemmas(text: str, backend: str) -> tuple[str, ...]:
    """``_lemmas`` of a standard's labour action, kept across files: the same few hundred
    actions were tokenised again for every instruction claiming the standard (issue 19).
    Keyed by the tokenizer backend too, which may change between two files."""
    del backend  # NOTE: part of the key only
    return _lemmas(text)


def _weights(std: Standard) -> dict[str, float]:
    actions = [a for tf in std.all_labour_functions() for a in tf.actions or ()]
    df: Counter[str] = Counter()
    for action in actions:
        df.update(set(_lemmas(action)))
    n = max(len(actions), 1)
    return {lem: math.log(1 + n / count) for lem, count in df.items()}


_WEIGHTS: dict[tuple[str, str | None], dict[str, float]] = {}


def _weights_for(std: Standard) -> dict[str, float]:
    key = (std.code, std.path)
    if key not in _WEIGHTS:
        _WEIGHTS[key] = _weights(std)
    return _WEIGHTS[key]


def similarity(duty: Sequence[str], action: Sequence[str], weights: dict[str, float]) -> float:
    """Weighted share of ``action``'s content lemmas found in ``duty`` (0..1)."""
    if not duty:
        return 0.0
    default = max(weights.values(), default=1.0)
    softly = {lem for lem, others in matrix.soft_matches([action], duty).items() if others}
    return matrix.Columns([action], weights, default).row(set(duty), softly)[0]


def _is_name(lemmas: Sequence[str], names: Sequence[str], sizes: Sequence[int]) -> bool:
    """The clause (its content lemmas) is the name of one of ``names`` (content lemmas of
    the standard's function names, joined; ``sizes`` their lengths, ascending)."""
    return _is_joined_name(" ".join(lemmas), names, sizes)


def _is_joined_name(own: str, names: Sequence[str], sizes: Sequence[int]) -> bool:
    """``_is_name`` of the clause's lemmas joined as ``own``."""
    # NOTE: fuzz.ratio is at most 200·min / (la + lb): it reaches 95 only against a length
    # lb with 105·lb ≥ 95·la and 105·la ≥ 95·lb; a clause no name's length allows skips the
    # scan (exact bound, issue 19).
    size = len(own)
    at = bisect_left(sizes, size * 95 / 105)
    if at == len(sizes) or 95 * sizes[at] > 105 * size:
        return False
    return process.extractOne(own, names, scorer=fuzz.ratio, score_cutoff=95) is not None


# NOTE: the answers of ``_is_joined_name`` kept per set of names (a batch repeats its duties
# file after file: issue 19); an entry is a clause's joined lemmas and a bool, ~0.25 KB, so
# ~0.5 MB a standard, ~8 MB for the 16 sets of names (standards) kept at most.
_NAMED_MAX: Final = 2048


@lru_cache(maxsize=16)
def _names(names: tuple[str, ...]) -> tuple[tuple[str, ...], list[int], dict[str, bool]]:
    """The joined content lemmas of ``names``, their lengths ascending, and the answers of
    ``_is_joined_name`` against them found so far (a function of the clause's joined lemmas
    and of these names only)."""
    joined = tuple(" ".join(content_lemmas(n)) for n in names)
    return joined, sorted(len(n) for n in joined), {}


def duty_clauses(doc: Document, names: Sequence[str] = ()) -> tuple[Clause, ...]:
    """The duty clauses of an instruction: leaf clauses of its duties sections with some
    content, not function headings ("2.1. Контроль всего цикла продаж ..." = a ТФ name)."""
    return tuple(clause for clause, _lemmas in _duties(doc, names))


def _duties(doc: Document, names: Sequence[str]) -> list[tuple[Clause, tuple[str, ...]]]:
    """``duty_clauses`` with each clause's content lemmas (read once: the filter, the name
    test and the matrix all need them)."""
    candidates: list[Clause] = []
    noise = doc.noise
    for section in doc.sections:
        if section.kind is not SectionKind.DUTIES:
            continue
        for clause in section.all_clauses():
            if clause.children or not clause.path or clause.text.rstrip().endswith(":"):
                continue
            if _FUNCTION_HEADING.match(clause.text):
                continue
            # NOTE: ``isdisjoint`` is ``not any(b in noise for b in blocks)`` in one C call.
            if not noise.isdisjoint(clause.blocks):
                continue
            candidates.append(clause)
    joined, sizes, named = _names(tuple(names))
    out: list[tuple[Clause, tuple[str, ...]]] = []
    for clause, lemmas in zip(candidates, content_lemmas_all(c.text for c in candidates),
                              strict=True):
        if len(lemmas) < 2:
            continue
        own = " ".join(lemmas)
        found = named.get(own)
        if found is None:
            found = _is_joined_name(own, joined, sizes)
            if len(named) >= _NAMED_MAX:
                named.clear()  # NOTE: bounded by emptying
            named[own] = found
        if not found:
            out.append((clause, lemmas))
    return out


@record(slots=True)
class Coverage:
    """The matrix and what it says (rows = duties, columns = actions)."""

    standard: Standard
    duties: tuple[Clause, ...]
    actions: tuple[tuple[LabourFunction, str], ...]
    scores: tuple[tuple[float, ...], ...]
    inferred: bool
    missing_actions: tuple[LabourFunction, ...]
    # NOTE: per duty, the actions whose score may be above 0.0 (None: any); every other score
    # is 0.0, so the matrix's work reads only these (issue 19).
    nonzero: tuple[tuple[int, ...], ...] | None = None
    _hits: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    _covered: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # NOTE: which duty fulfils which action is read once here; covered() alone ran five
        # times per finding over the whole matrix.
        scores = self.scores
        # NOTE: list comprehensions: tuple() of a generator resumes it per item (~2x slower).
        if self.nonzero is None:
            hits = tuple([tuple([j for j, s in enumerate(row) if s >= THRESHOLD])
                          for row in scores])
        else:
            hits = tuple([tuple([j for j in nz if row[j] >= THRESHOLD])
                          for row, nz in zip(scores, self.nonzero, strict=True)])
        object.__setattr__(self, "_hits", hits)
        object.__setattr__(self, "_covered", tuple(sorted({j for h in hits for j in h})))

    def covered(self) -> list[int]:
        """Indices of the actions some duty fulfils."""
        return list(self._covered)

    def uncovered(self) -> list[int]:
        """Indices of the actions no duty fulfils."""
        covered = set(self._covered)
        return [j for j in range(len(self.actions)) if j not in covered]

    def outside(self) -> list[int]:
        """Indices of the duties that fulfil no action."""
        return [i for i, hits in enumerate(self._hits) if not hits]

    @property
    def ratio(self) -> float:
        """Covered actions / all actions (0 when there are none)."""
        return len(self.covered()) / len(self.actions) if self.actions else 0.0

    def quality(self) -> dict[str, object]:
        """How complete and how certain the data behind the figure is."""
        by_provenance = Counter(tf.provenance for tf, _ in self.actions)
        return {
            "standard_complete": self.standard.complete,
            "actions_verbatim": by_provenance.get("verbatim", 0),
            "actions_secondary": by_provenance.get("secondary", 0),
            "functions_without_actions": [tf.label for tf in self.missing_actions],
            "missing": list(self.standard.missing),
        }

    def data(self) -> dict[str, object]:
        """The finding's JSON ``data``: the full matrix with scores, ready for the report."""
        covered = set(self._covered)
        return {
            "standard": self.standard.code,
            "threshold": THRESHOLD,
            "functions_inferred_from_duties": self.inferred,
            "covered": len(covered),
            "total": len(self.actions),
            "coverage": round(self.ratio, 4),
            "duties": [{"clause": c.path, "block": c.first_block, "text": c.text,
                        "matches": list(hits)}
                       for c, hits in zip(self.duties, self._hits, strict=True)],
            "actions": [{"function": tf.label, "text": text, "provenance": tf.provenance,
                         "covered": j in covered}
                        for j, (tf, text) in enumerate(self.actions)],
            "matrix": self._rounded(),
            "outside": [self.duties[i].path for i in self.outside()],
            "uncovered": [self.actions[j][1] for j in self.uncovered()],
            "data_quality": self.quality(),
        }


    def _rounded(self) -> list[list[float]]:
        """The scores to three decimals (round(0.0, 3) is 0.0: only ``nonzero`` is rounded)."""
        if self.nonzero is None:
            return [[round(s, 3) for s in row] for row in self.scores]
        out: list[list[float]] = []
        width = len(self.actions)
        for row, nz in zip(self.scores, self.nonzero, strict=True):
            rounded = [0.0] * width
            for j in nz:
                rounded[j] = round(row[j], 3)
            out.append(rounded)
        return out


def coverage(doc: Document, std: Standard, claimed: Sequence[LabourFunction]
             ) -> Coverage | None:
    """The coverage of ``claimed`` labour functions (all known ones, narrowed to those some
    duty touches, when nothing is claimed); None without duties or without any actions."""
    every = std.all_labour_functions()
    names = [tf.name for tf in every] + [g.name for g in std.functions or ()]
    items = _duties(doc, names)
    if not items:
        return None
    duties = tuple(clause for clause, _lemmas in items)
    inferred = not claimed
    pool = list(claimed) if claimed else list(every)
    missing = tuple(tf for tf in pool if tf.actions is None)
    columns = [(tf, a) for tf in pool for a in tf.actions or ()]
    if not columns:
        return None
    weights = _weights_for(std)
    backend = nlp.tokenizer()
    texts = tuple(a for _, a in columns)
    # NOTE: the standard's side (its columns and soft partners) is prepared once per process
    # for a standard, tokenizer backend and set of actions, and kept (issue 19).
    prepared = matrix.side((std.code, std.path, backend, texts),
                           lambda: [_action_lemmas(a, backend) for a in texts], weights)
    derived = _DERIVED
    rows: Sequence[Sequence[tuple[int, float]]] = prepared.rows(
        [[derived.get(lem, lem) for lem in lemmas] for _clause, lemmas in items])
    width = len(columns)
    if inferred:
        # NOTE: nothing claimed: judge against the labour functions some duty fulfils.
        touched = {id(columns[j][0]) for row in rows for j, s in row if s >= THRESHOLD}
        keep = [j for j, (tf, _) in enumerate(columns) if id(tf) in touched]
        if not keep:
            return None
        if len(keep) < width:  # NOTE: every function touched: nothing to narrow
            columns = [columns[j] for j in keep]
            at = {j: k for k, j in enumerate(keep)}
            rows = [[(at[j], s) for j, s in row if j in at] for row in rows]
            width = len(keep)
    scores: list[tuple[float, ...]] = []
    nonzero: list[tuple[int, ...]] = []
    for row in rows:
        full = [0.0] * width
        for j, s in row:
            full[j] = s
        scores.append(tuple(full))
        nonzero.append(tuple([j for j, _s in row]))
    return Coverage(std, duties, tuple(columns), tuple(scores), inferred, missing,
                    tuple(nonzero))
