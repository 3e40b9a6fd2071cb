"""``run.transfer``: a result sent by a pool worker through ``multiprocessing``'s pickler with
the compact reducers arrives equal to what default pickling gives (same classes, same fields,
the same JSON report), and nothing else pickles differently (issue 19)."""

from __future__ import annotations

import pickle
from datetime import date
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import pytest

from jdlint.core.model import (
    Confidence,
    Finding,
    LegalRef,
    SectionKind,
    Severity,
    Source,
    Suggestion,
)
from jdlint.core.records import record
from jdlint.core.results import DocumentSummary, FileResult
from jdlint.output.json import render
from jdlint.run import transfer
from jdlint.run.parallel import lint_job_light
from jdlint.run.runner import plan
from jdlint.settings.resolve import Overrides

SOURCES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "src").glob("*.txt"))


def _sent(value: object) -> object:
    transfer.register()
    return pickle.loads(ForkingPickler.dumps(value))


def _invented() -> FileResult:
    """Every field of every class set, odd values included (a None, an empty tuple, a date,
    a nested float matrix, an int that must stay an int)."""
    full = Source(block=3, start=1, end=9, line=4, paragraph=2, subline=1, cell=(0, 1, 2),
                  page=5, note=("footnote", 2))
    bare = Source(block=0)
    finding = Finding(
        code="JD999", name="invented-rule", severity=Severity.WARNING,
        confidence=Confidence.HIGH, message="Слово «кладовщик» повторено", source=full,
        clause="2.1", section=SectionKind.DUTIES, excerpt="Žodis kartojasi",
        legal_basis=(LegalRef("ТК РФ, ст. 1", "https://example.org", date(2020, 1, 2), None),
                     LegalRef("DK 5 str.")),
        suggestion=Suggestion("Уберите повтор", "кладовщик", "safe", "кладовщик кладовщик"),
        fingerprint="ab12", related=(bare, full),
        data={"matrix": [[0.5, 1e-05, 2.0], [3.0, 0.25, 1e16]], "count": 3, "flag": True,
              "none": None, "nested": {"k": (1, 2)}})
    plain = Finding(code="JD001", name="plain", severity=Severity.INFO,
                    confidence=Confidence.LOW, message="m", source=bare, clause=None,
                    section=None, excerpt="")
    summary = DocumentSummary(0, "Должностная инструкция", "кладовщик", "ru", "warehouse",
                              "instruction", full, ("general", "duties"))
    empty = DocumentSummary(1, None, None, None, None, "unknown", None, ())
    return FileResult(display_path="a/b.docx", format="docx", findings=(finding, plain),
                      language="ru", profile="warehouse", summaries=(summary, empty))


def test_an_invented_result_arrives_equal() -> None:
    result = _invented()
    got = _sent(result)
    assert got == result == pickle.loads(pickle.dumps(result))
    assert isinstance(got, FileResult)
    finding = got.findings[0]
    assert type(finding.source) is Source and type(finding.suggestion) is Suggestion
    assert type(finding.legal_basis[0].valid_from) is date
    assert type(finding.data["count"]) is int  # type: ignore[index]
    assert finding.severity is Severity.WARNING
    assert render([got]) == render([result])


def test_an_error_result_and_a_one_field_class_arrive_equal() -> None:
    broken = FileResult(display_path="x.rtf", format=None, error="cannot read")
    assert _sent(broken) == broken

    @record(slots=True)
    class One:
        only: int

    assert transfer.reducer(One)(One(7)) == (One, (7,))


def test_a_class_with_a_field_outside_init_is_refused() -> None:
    import dataclasses

    @record(slots=True)
    class Hidden:
        shown: int
        hidden: int = dataclasses.field(default=0, init=False)

    with pytest.raises(TypeError):
        transfer.reducer(Hidden)


def test_linted_results_arrive_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    names = [str(s) for s in SOURCES[:6]]
    results = [lint_job_light(job) for job in plan(names, Overrides(), isolated=True).jobs]
    assert any(r.findings for r in results)
    sent = [_sent(r) for r in results]
    assert sent == results
    assert render(sent) == render(results)  # type: ignore[arg-type]


def test_plain_pickle_is_left_alone() -> None:
    import copyreg

    transfer.register()
    result = _invented()
    # NOTE: the default pickler (the result cache's) keeps the dataclass route
    assert not set(transfer.CLASSES) & set(copyreg.dispatch_table)
    assert bytes(ForkingPickler.dumps(result)) != pickle.dumps(result, protocol=5)
