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
fulfils each of them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz, process

from jdlint import nlp
from jdlint.core.model import Clause, Document, SectionKind
from jdlint.core.records import record
from jdlint.profstandards.detect import content_lemmas
from jdlint.profstandards.model import LabourFunction, Standard

__all__ = ["THRESHOLD", "Coverage", "coverage", "duty_clauses", "similarity"]

THRESHOLD: Final = 0.5
_HEAD: Final = 2.0
_SOFT: Final = 0.8  # a derivational pair (shared prefix or close spelling)
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


@lru_cache(maxsize=65536)
def _soft(a: str, b: str) -> float:
    if a == b:
        return 1.0
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    if common >= 5 and common >= 0.5 * min(len(a), len(b)):
        return _SOFT
    if min(len(a), len(b)) > 5 and fuzz.ratio(a, b) >= 85:
        return _SOFT
    return 0.0


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
    default = max(weights.values(), default=1.0)
    return _row(duty, [action], weights, default, _soft_matches([action], duty))[0]


def _soft_matches(actions: Sequence[Sequence[str]], vocabulary: Iterable[str]
                  ) -> dict[str, frozenset[str]]:
    """For each lemma of ``actions``, the other lemmas of ``vocabulary`` it softly matches
    (``_soft`` 0.8). ``_soft`` of two different lemmas is 0.8 or 0, so a duty's best soft
    score for a lemma is 0.8 exactly when its lemmas meet this set. Candidates: the lemmas
    sharing the first five letters (the prefix rule) and rapidfuzz's own scan for the ratio
    rule; each is confirmed with ``_soft`` itself."""
    vocab = sorted(set(vocabulary))
    by_prefix: dict[str, list[str]] = {}
    for d in vocab:
        by_prefix.setdefault(d[:5], []).append(d)
    longer = [d for d in vocab if len(d) > 5]
    # NOTE: fuzz.ratio is 200·LCS / (la + lb), at most 200·min / (la + lb): a lemma can reach
    # 85 only against lengths with 2·min / (la + lb) ≥ 0.85. rapidfuzz is handed only those
    # (with a margin), not all the duty's lemmas for every action lemma (issue 19).
    near: dict[int, list[str]] = {}
    out: dict[str, frozenset[str]] = {}
    for lem in {lem for action in actions for lem in action}:
        candidates = set(by_prefix.get(lem[:5], ()))
        if len(lem) > 5:
            size = len(lem)
            choices = near.get(size)
            if choices is None:
                choices = near[size] = [d for d in longer
                                        if 2 * min(size, len(d)) >= 0.84 * (size + len(d))]
            candidates.update(d for d, _score, _i in process.extract(
                lem, choices, scorer=fuzz.ratio, score_cutoff=85, limit=None))
        candidates.discard(lem)
        out[lem] = frozenset(d for d in candidates if _soft(lem, d) > 0.0)
    return out


def _row(duty: Sequence[str], actions: Sequence[Sequence[str]], weights: dict[str, float],
         default: float, soft: Mapping[str, frozenset[str]]) -> list[float]:
    """``similarity`` of one duty with each action (the same arithmetic in the same order as
    scoring each pair alone, so the same floats)."""
    return _Columns(actions, weights, default, soft).row(duty)


class _Columns:
    """The actions of a matrix read once: each action's lemmas with their weights (and the
    weights times ``_SOFT``) and its total, so a duty's row adds only the weights, and skips
    every action it shares no lemma (or soft partner) with. The additions are those of the
    pair-by-pair formula in the same order, so the floats are the same (issue 19)."""

    __slots__ = ("_columns", "_partners")

    def __init__(self, actions: Sequence[Sequence[str]], weights: dict[str, float],
                 default: float, soft: Mapping[str, frozenset[str]]) -> None:
        columns: list[tuple[frozenset[str], tuple[tuple[str, float, float], ...], float]
                      | None] = []
        for action in actions:
            if not action:
                columns.append(None)
                continue
            head = action[0]
            total = 0.0
            terms: list[tuple[str, float, float]] = []
            for lem in dict.fromkeys(action):
                # NOTE: a labour action starts with the activity ("Диагностика
                # неисправностей ..."): that word counts double, so "ремонтирует неисправные
                # узлы" is no diagnosis.
                w = weights.get(lem, default) * (_HEAD if lem == head else 1.0)
                total += w
                terms.append((lem, w, w * _SOFT))
            columns.append((frozenset(action), tuple(terms), total))
        self._columns = columns
        # NOTE: duty lemma → the action lemmas it is a soft partner of
        partners: dict[str, set[str]] = {}
        for lem, others in soft.items():
            for other in others:
                partners.setdefault(other, set()).add(lem)
        self._partners = partners

    def row(self, duty: Sequence[str]) -> list[float]:
        """The scores of one duty against every action."""
        if not duty:
            return [0.0] * len(self._columns)
        pool = set(duty)
        softly: set[str] = set()
        for lem in pool:
            found = self._partners.get(lem)
            if found:
                softly |= found
        out: list[float] = []
        for column in self._columns:
            if column is None:
                out.append(0.0)
                continue
            lemmas, terms, total = column
            if lemmas.isdisjoint(pool) and lemmas.isdisjoint(softly):
                out.append(0.0 / total if total else 0.0)
                continue
            got = 0.0
            for lem, w, w_soft in terms:
                if lem in pool:
                    got += w * 1.0
                else:
                    got += w_soft if lem in softly else w * 0.0
            out.append(got / total if total else 0.0)
        return out


def _is_name(text: str, names: Sequence[str]) -> bool:
    own = " ".join(content_lemmas(text))
    return any(fuzz.ratio(own, name, score_cutoff=95) >= 95 for name in _joined(tuple(names)))


@lru_cache(maxsize=64)
def _joined(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(content_lemmas(n)) for n in names)


def duty_clauses(doc: Document, names: Sequence[str] = ()) -> tuple[Clause, ...]:
    """The duty clauses of an instruction: leaf clauses of its duties sections with some
    content, not function headings ("2.1. Контроль всего цикла продаж ..." = a ТФ name)."""
    out: list[Clause] = []
    for section in doc.sections:
        if section.kind is not SectionKind.DUTIES:
            continue
        for clause in section.all_clauses():
            if clause.children or not clause.path or clause.text.rstrip().endswith(":"):
                continue
            if _FUNCTION_HEADING.match(clause.text):
                continue
            if any(b in doc.noise for b in clause.blocks):
                continue
            if len(content_lemmas(clause.text)) < 2 or _is_name(clause.text, names):
                continue
            out.append(clause)
    return tuple(out)


@record(slots=True)
class Coverage:
    """The matrix and what it says (rows = duties, columns = actions)."""

    standard: Standard
    duties: tuple[Clause, ...]
    actions: tuple[tuple[LabourFunction, str], ...]
    scores: tuple[tuple[float, ...], ...]
    inferred: bool
    missing_actions: tuple[LabourFunction, ...]

    def covered(self) -> list[int]:
        """Indices of the actions some duty fulfils."""
        # NOTE: column by column through zip (rows are as long as the actions); indexing
        # every row per action was ~8 % of JD403, and this runs 5 times per finding.
        return [j for j, column in enumerate(zip(*self.scores, strict=True))
                if any(s >= THRESHOLD for s in column)]

    def uncovered(self) -> list[int]:
        """Indices of the actions no duty fulfils."""
        covered = set(self.covered())
        return [j for j in range(len(self.actions)) if j not in covered]

    def outside(self) -> list[int]:
        """Indices of the duties that fulfil no action."""
        return [i for i, row in enumerate(self.scores) if not any(s >= THRESHOLD for s in row)]

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
        covered = set(self.covered())
        return {
            "standard": self.standard.code,
            "threshold": THRESHOLD,
            "functions_inferred_from_duties": self.inferred,
            "covered": len(covered),
            "total": len(self.actions),
            "coverage": round(self.ratio, 4),
            "duties": [{"clause": c.path, "block": c.first_block, "text": c.text,
                        "matches": [j for j, s in enumerate(row) if s >= THRESHOLD]}
                       for c, row in zip(self.duties, self.scores, strict=True)],
            "actions": [{"function": tf.label, "text": text, "provenance": tf.provenance,
                         "covered": j in covered}
                        for j, (tf, text) in enumerate(self.actions)],
            "matrix": [[round(s, 3) for s in row] for row in self.scores],
            "outside": [self.duties[i].path for i in self.outside()],
            "uncovered": [self.actions[j][1] for j in self.uncovered()],
            "data_quality": self.quality(),
        }


def coverage(doc: Document, std: Standard, claimed: Sequence[LabourFunction]
             ) -> Coverage | None:
    """The coverage of ``claimed`` labour functions (all known ones, narrowed to those some
    duty touches, when nothing is claimed); None without duties or without any actions."""
    every = std.all_labour_functions()
    names = [tf.name for tf in every] + [g.name for g in std.functions or ()]
    duties = duty_clauses(doc, names)
    if not duties:
        return None
    inferred = not claimed
    pool = list(claimed) if claimed else list(every)
    missing = tuple(tf for tf in pool if tf.actions is None)
    columns = [(tf, a) for tf in pool for a in tf.actions or ()]
    if not columns:
        return None
    weights = _weights_for(std)
    duty_lemmas = [_lemmas(c.text) for c in duties]
    backend = nlp.tokenizer()
    action_lemmas = [_action_lemmas(a, backend) for _, a in columns]
    default = max(weights.values(), default=1.0)
    soft = _soft_matches(action_lemmas, (lem for d in duty_lemmas for lem in d))
    matrix = _Columns(action_lemmas, weights, default, soft)
    scores = [matrix.row(d) for d in duty_lemmas]
    if inferred:
        # NOTE: nothing claimed: judge against the labour functions some duty fulfils.
        touched = {id(columns[j][0]) for row in scores for j, s in enumerate(row)
                   if s >= THRESHOLD}
        keep = [j for j, (tf, _) in enumerate(columns) if id(tf) in touched]
        if not keep:
            return None
        columns = [columns[j] for j in keep]
        scores = [[row[j] for j in keep] for row in scores]
    return Coverage(std, duties, tuple(columns), tuple(tuple(r) for r in scores), inferred,
                    missing)
