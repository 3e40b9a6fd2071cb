"""Issue 19, JD301, JD302 and JD403 round four: each rewrite gives the answers of the form it
replaced (kept here or in tests/legacy_coverage.py, tests/test_perf_jd302*.py), on generated
and edge inputs, down to the float; and each comparison is shown able to fail.

* ``coverage._duties``: whether a duty is a function's name kept per set of names across
  documents (bounded), the noise test as one set operation;
* ``clauselists.clause_keys``: one walk giving each list its parent's scope (checked against
  the two-pass form in tests/test_perf_jd302c.py).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.core.model import SectionKind
from jdlint.profstandards import coverage as cov
from jdlint.profstandards import load_standards
from jdlint.profstandards.model import Standard
from jdlint.readers import read_bytes
from jdlint.structure import analyse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import legacy_coverage as old  # noqa: E402

TEST_STANDARDS = ROOT / "tests" / "data" / "profstandards"


def _standard() -> Standard:
    return load_standards((str(TEST_STANDARDS),))[-1]


def _names(std: Standard) -> list[str]:
    return ([tf.name for tf in std.all_labour_functions()]
            + [g.name for g in std.functions or ()])


def _doc(duties: list[str]) -> Any:
    text = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nинженера\n1. Общие положения\n1.1. Инженер.\n"
            "2. Должностные обязанности\n"
            + "".join(f"2.{i}. {d}.\n" for i, d in enumerate(duties, 1))
            + "3. Права\n3.1. Запрашивать сведения.\n")
    (doc,) = [d for d in analyse(read_bytes(text.encode("utf-8"), None, "d.txt")).documents
              if d.classification == "instruction"][:1]
    return doc


def _duty_words(std: Standard) -> st.SearchStrategy[str]:
    """Duties near the standard's names (a name, cut, lengthened) and unrelated ones."""
    names = _names(std)
    return st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).map(lambda n: " ".join(n.split()[:-1]) or n),
        st.sampled_from(names).map(lambda n: n + " и отчетность"),
        st.sampled_from(["Поливает цветы в офисе", "Ведет учет товаров склада",
                         "Ремонт", "Встречает гостей отдела"]))


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from([1, 2, 1 << 12]))
def test_kept_name_answers_give_the_old_duties(data: st.DataObject, bound: int) -> None:
    """Documents of one batch (duties recurring from one to the next), with a bound small
    enough that the kept answers are cleared in between: the old duty clauses every time."""
    std = _standard()
    names = _names(std)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cov, "_NAMED_MAX", bound)
        cov._names.cache_clear()
        for _ in range(3):
            duties = data.draw(st.lists(_duty_words(std), min_size=1, max_size=6))
            doc = _doc(duties)
            assert cov.duty_clauses(doc, names) == old.duty_clauses(doc, names)
            assert len(cov._names(tuple(names))[2]) <= bound
    cov._names.cache_clear()


def test_kept_name_answers_can_fail() -> None:
    """A wrong kept answer is used: the comparison with the old form then fails, so the
    test above does read the kept answers."""
    std = _standard()
    names = _names(std)
    duty = "Поливает цветы в офисе"
    doc = _doc([duty])
    cov._names.cache_clear()
    assert cov.duty_clauses(doc, names) == old.duty_clauses(doc, names)
    kept = cov._names(tuple(names))[2]
    assert kept and all(v is False for v in kept.values())
    for own in kept:
        kept[own] = True  # NOTE: "it is a function's name": the duty is dropped
    assert cov.duty_clauses(doc, names) != old.duty_clauses(doc, names)
    cov._names.cache_clear()
    assert cov.duty_clauses(doc, names) == old.duty_clauses(doc, names)


def test_noise_duties_are_left_out_as_before() -> None:
    """A duty in a noise block is no duty, new form and old alike."""
    std = _standard()
    names = _names(std)
    doc = _doc(["Ведет учет товаров склада", "Встречает гостей отдела"])
    duties = [s for s in doc.sections if s.kind is SectionKind.DUTIES]
    first = duties[0].clauses[0]
    noisy = replace(doc, noise=frozenset(first.blocks))
    got = cov.duty_clauses(noisy, names)
    assert got == old.duty_clauses(noisy, names)
    assert first not in got and first in cov.duty_clauses(doc, names)
