"""JD303 keeps, per clause text, what it reads of that text (``contradictions._Facts``: the
phrase lists it may hold, its lemmas when needed, what it forbids, its waiver, probation and
working hours) across the documents of a batch (issue 19, sixth round). The rule as it was
(4edbdfd: everything per document, only ``_may_hold`` kept per text) is kept here, written
without any kept answer (``_old_check``), and compared with the new rule on every corpus
document, on generated documents and on documents that share clauses in other orders and
neighbourhoods: cold, with the facts carried from file to file, and again from them. A wrong
kept fact is seen, so the comparison can fail.
"""

from __future__ import annotations

import dataclasses
import random
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from jdlint import nlp
from jdlint.checks import contradictions as jd303
from jdlint.core.model import Clause, Document, Finding
from jdlint.core.records import record
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import Rule, load_rules
from jdlint.ruleapi import RuleContext
from tests.test_perf_labour import CONTRADICTION_CLAUSES, _document

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for p in (ROOT / "corpus").rglob("*") if p.suffix in (".docx", ".txt"))


# ------------------------------------------------------------------ the rule as it was (4edbdfd)

@record(slots=True)
class _OldBan:
    clause: Clause
    action: str
    objects: tuple[str, ...]
    qualified: bool
    words: str


def _old_prohibitions(clause: Clause, seq: list[str], texts: list[str], w: jd303._Words
                      ) -> Iterator[_OldBan]:
    for phrase in w.prohibitions:
        at = jd303._find(seq, phrase)
        if at < 0:
            continue
        tail: list[str] = []
        shown: list[str] = []
        for lem, text in zip(seq[at + len(phrase):], texts[at + len(phrase):], strict=True):
            if lem in jd303._STOP:
                break
            tail.append(lem)
            shown.append(text)
        qualified = any(lem in w.qualifiers for lem in tail)
        content = [lem for lem in tail if lem not in w.qualifiers and lem not in w.stopwords
                   and lem.isalpha() and len(lem) > 2]
        if len(content) < 3:
            continue
        yield _OldBan(clause, content[0], tuple(c[:5] for c in content[1:4]), qualified,
                      jd303._join(shown[:8]))


def _old_hours(clause: Clause, seq: Sequence[str], w: jd303._Words) -> str | None:
    if not w.hours:
        return None
    found = jd303._TIME_RANGE.search(clause.text)
    if not found:
        return None
    if not any(jd303._find(seq, p) >= 0 for p in w.hours) or any(s in w.hours_skip
                                                                  for s in seq):
        return None
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    return f"{h1:02d}:{m1:02d}–{h2:02d}:{m2:02d}"


def _old_clashes(clauses: Sequence[Clause], seqs: Callable[[int], list[str]],
                 loose: Callable[[int], str], words: Sequence[jd303._Words],
                 texts: Callable[[int], list[str]]) -> Iterator[tuple[Clause, Clause, _OldBan]]:
    reported: set[tuple[int, int]] = set()
    joined: dict[int, str] = {}
    for n, clause in enumerate(clauses):
        if not words[n].prohibitions:
            continue
        for ban in _old_prohibitions(clause, seqs(n), texts(n), words[n]):
            for m, other in enumerate(clauses):
                if other is clause:
                    continue
                text = joined.get(m)
                if text is None:
                    text = joined[m] = loose(m)
                if not jd303._may_assert(text, ban):  # type: ignore[arg-type]
                    continue
                key = (min(clause.first_block, other.first_block),
                       max(clause.first_block, other.first_block))
                if key in reported or not jd303._asserts(seqs(m), ban,  # type: ignore[arg-type]
                                                         words[m]):
                    continue
                reported.add(key)
                first, second = sorted((clause, other), key=lambda c: c.first_block)
                yield first, second, ban


def _old_check(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """``contradictory_clauses`` of 4edbdfd, with ``_may_hold`` asked of every clause."""
    lang = doc.language or "ru"
    w = jd303._load(ctx.data, lang)
    noise = doc.noise
    clauses = [c for c in doc.clauses() if not all(b in noise for b in c.blocks)] \
        if noise else list(doc.clauses())
    firsts = jd303._firsts(w)
    written: dict[int, list[str]] = {}

    def texts(n: int) -> list[str]:
        found = written.get(n)
        if found is None:
            found = written[n] = [t.text for t in ctx.nlp.tokens(clauses[n].text, lang)]
        return found

    lemmas: list[list[str] | None] = []
    words: list[jd303._Words] = []
    listed: list[int] = []
    for n, c in enumerate(clauses):
        may = jd303._may_hold(ctx.nlp.tokens(c.text, lang), firsts)
        seq = jd303._lemmas(c, lang, ctx) if may else None
        lemmas.append(seq)
        found = jd303._present(w, seq or [])
        words.append(found)
        if found.waivers or found.probation or found.hours:
            listed.append(n)

    def seqs(n: int) -> list[str]:
        seq = lemmas[n]
        if seq is None:
            seq = lemmas[n] = jd303._lemmas(clauses[n], lang, ctx)
        return seq

    def loose(n: int) -> str:
        seq = lemmas[n]
        return jd303._joined(seq) if seq is not None else jd303._loose_joined(
            ctx.nlp.tokens(clauses[n].text, lang))

    for first, second, ban in _old_clashes(clauses, seqs, loose, words, texts):
        yield from jd303._pair(ctx, first, second, "prohibition", ban.words, ban.words)
    for n in listed:
        if not words[n].waivers:
            continue
        c = clauses[n]
        waived = jd303._waived(seqs(n), texts(n), words[n])
        if waived is not None:
            texts_: Mapping[str, Any] = ctx.texts
            yield ctx.report(c, other=ctx.localized(texts_["itself"]),
                             detail=ctx.localized(texts_["waived"]).format(
                                 this=waived[0], that=waived[1]),
                             data={"kind": "waived", "other": c.path or None,
                                   "clauses": [{"clause": c.path or None, "text": c.text}]})
    values: dict[str, list[tuple[Clause, tuple[object, str]]]] = {"probation": [], "hours": []}
    for n in listed:
        c = clauses[n]
        days = jd303._duration(seqs(n), texts(n), words[n]) if words[n].probation else None
        if days is not None:
            values["probation"].append((c, days))
        hours = _old_hours(c, seqs(n), words[n])
        if hours is not None:
            values["hours"].append((c, (hours, hours)))
    for kind, stated in values.items():
        for (a, (va, sa)), (b, (vb, sb)) in pairwise(stated):
            if va != vb:
                yield from jd303._pair(ctx, a, b, kind, sa, sb)


# ------------------------------------------------------------------------------ comparison

def _rule(old: bool) -> Rule:
    rule = load_rules()["JD303"]
    return dataclasses.replace(rule, check=_old_check) if old else rule


def _run(path: Path, old: bool = False) -> list[tuple[object, ...]]:
    result = lint_file(path, [_rule(old)], Settings())
    assert result.error is None
    return [(f.code, f.message, f.source, repr(f.data), f.severity) for f in result.findings]


def _kept() -> list[dict[str, Any]]:
    from jdlint.ruleapi import _COMPILED

    return [v[1] for k, v in _COMPILED.items() if k[0] == "JD303" and k[2][0] == "texts"]


def _forget() -> None:
    for kept in _kept():
        kept.clear()


_CLAUSES = [
    *CONTRADICTION_CLAUSES,
    "Самостоятельно, без согласования с руководителем, устанавливает обновления программ.",
    "Не вправе самостоятельно устанавливать обновления программ на рабочие компьютеры.",
]


def _shared_clauses(folder: Path) -> list[Path]:
    """Documents that share clauses in other orders and company: a kept fact made in one
    document is read in another."""
    rng = random.Random(303)
    paths = []
    for i in range(24):
        chosen = rng.sample(_CLAUSES, rng.randint(1, 9))
        if rng.random() < 0.3:
            chosen.append(chosen[0])  # the same text twice in one document
        path = folder / f"shared{i:02d}.txt"
        path.write_text(_document(chosen), "utf-8")
        paths.append(path)
    return paths


def _generated(folder: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate.generate(folder / "gen", 12, seed=19)  # type: ignore[no-any-return]


def test_the_kept_facts_give_the_old_findings(tmp_path: Path) -> None:
    files = [*FILES, *_shared_clauses(tmp_path), *_generated(tmp_path)]
    assert len(files) > 40
    old = [_run(p, old=True) for p in files]
    assert sum(map(len, old)) > 20, "JD303 findings are needed for this to mean anything"
    _forget()
    assert [_run(p) for p in files] == old  # NOTE: cold, facts carried from file to file
    assert any(_kept())
    assert [_run(p) for p in files] == old  # NOTE: again, every text from the kept facts
    for path, found in zip(reversed(files), reversed(old), strict=True):
        assert _run(path) == found  # NOTE: in the other order


def test_every_text_alone_and_after_the_others(tmp_path: Path) -> None:
    """Each clause of the list in a document of its own, then all together: cold, and with
    the facts each made alone."""
    single = []
    for i, text in enumerate(_CLAUSES):
        path = tmp_path / f"single{i:02d}.txt"
        path.write_text(_document([text]), "utf-8")
        single.append(path)
    together = tmp_path / "together.txt"
    together.write_text(_document(_CLAUSES), "utf-8")
    expected = [_run(p, old=True) for p in [*single, together]]
    assert expected[-1], "the list's clauses must contradict each other"
    _forget()
    assert [_run(p) for p in [*single, together]] == expected
    _forget()
    assert [_run(p) for p in [together, *single]] == [expected[-1], *expected[:-1]]


def test_a_wrong_kept_fact_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(_document(_CLAUSES), "utf-8")
    _forget()
    found = _run(path)
    assert found
    empty = jd303._present(jd303._load(load_rules()["JD303"].meta.data, "ru"), [])
    for kept in _kept():
        for facts in kept.values():
            facts.words, facts.bans, facts.stated = empty, (), None  # NOTE: nothing fits
    assert _run(path) != found
    _forget()
    assert _run(path) == found


def test_the_kept_facts_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jd303, "_TEXTS_LIMIT", 4)
    path = tmp_path / "doc.txt"
    path.write_text(_document(_CLAUSES), "utf-8")
    expected = _run(path, old=True)
    _forget()
    assert _run(path) == expected
    assert all(len(kept) <= 4 for kept in _kept())


def test_the_key_follows_the_override_table() -> None:
    before = jd303._texts_key("ru")
    assert before[:3] == ("texts", "ru", nlp.tokenizer())
    assert jd303._texts_key("lt") != before
