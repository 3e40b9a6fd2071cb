"""The streamed HTML report (issue 19): the same bytes as the report built from a list of
results with their documents, with and without ``--repeated``, waivers and a baseline, with
one process or several; and no parsed document outlives its file."""

from __future__ import annotations

import gc
import os
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.collection.duplicates import repeated_clauses
from jdlint.core.errors import UsageError
from jdlint.core.model import Document
from jdlint.core.results import FileResult
from jdlint.report import stream
from jdlint.report.command import report as report_command
from jdlint.report.html import render_html
from jdlint.report.run import _report_lang
from jdlint.report.view import build_view, with_repeated
from jdlint.run.outcome import ResultFilter, filter_results, with_problems
from jdlint.run.parallel import Job, run_jobs
from jdlint.run.runner import plan
from jdlint.settings.resolve import Overrides

SHARED_RU = [
    "2.1. Ежедневно сверяет остатки товара на складе с данными учётной программы.",
    "2.2. Готовит заявки поставщикам на пополнение запасов расходных материалов.",
]
SHARED_LT = [
    "5. Kasdien tikrina prekių likučius sandėlyje pagal apskaitos programos duomenis.",
    "6. Rengia užsakymus tiekėjams dėl eksploatacinių medžiagų atsargų papildymo.",
]


def _ru(job: str, extra: str) -> list[str]:
    return ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", f"{job} отдела снабжения", "1. Общие положения",
            f"1.1. {job} относится к категории специалистов.",
            "1.2. Назначается на должность и освобождается от неё приказом директора.",
            "2. Должностные обязанности", *SHARED_RU,
            f"2.3. {extra}",
            "2.4. За опоздание на работу с работника удерживается штраф 2000 рублей.",
            "3. Права", "3.1. Запрашивать у отделов сведения, нужные для работы.",
            "4. Ответственность",
            "4.1. Несёт ответственность за ненадлежащее исполнение своих обязанностей."]


def _lt(job: str, extra: str) -> list[str]:
    return ["PAREIGYBĖS APRAŠYMAS", f"{job.upper()} PAREIGYBĖS APRAŠYMAS",
            "I SKYRIUS", "PAREIGYBĖS CHARAKTERISTIKA", f"1. {job} pareigybė yra specialistų.",
            "II SKYRIUS", "SPECIALŪS REIKALAVIMAI",
            "2. Turėti aukštąjį išsilavinimą ir dvejų metų darbo patirtį.",
            "III SKYRIUS", "FUNKCIJOS", "3. Vykdo šias funkcijas:",
            f"4. {extra}", *SHARED_LT,
            "7. Už vėlavimą į darbą darbuotojui skiriama 100 eurų bauda."]


def _write_docx(path: Path, lines: list[str]) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RU and LT instructions (DOCX built here, and TXT) sharing clauses, one unreadable file,
    a waiver file (one live waiver, one stale) and a config beside them."""
    root = tmp_path_factory.mktemp("stream")
    (root / "jdlint.toml").write_text("", encoding="utf-8")
    _write_docx(root / "a_buyer.docx", _ru("Менеджер по закупкам",
                                           "Ведёт реестр договоров с поставщиками."))
    _write_docx(root / "b_storekeeper.docx", _ru("Кладовщик",
                                                 "Принимает товар по накладным."))
    (root / "c_logist.txt").write_text("\n".join(_ru("Логист", "Планирует маршруты машин.")),
                                       encoding="utf-8")
    _write_docx(root / "d_tiekejas.docx", _lt("Tiekimo vadybininkas",
                                              "Tvarko sutarčių su tiekėjais registrą."))
    (root / "e_sandelininkas.txt").write_text(
        "\n".join(_lt("Sandėlininkas", "Priima prekes pagal važtaraščius.")), encoding="utf-8")
    (root / "f_broken.docx").write_bytes(b"not a word file")
    (root / "jdlint-waivers.toml").write_text(
        '[[waiver]]\ncode = "JD101"\nfile = "a_*"\nreason = "agreed"\nauthor = "qa"\n'
        'expires = 2099-01-01\n\n[[waiver]]\ncode = "JD999"\nfile = "b_*"\n'
        'reason = "stale"\nauthor = "qa"\nexpires = 2099-01-01\n', encoding="utf-8")
    return root


def _list_path(paths: list[str], repeated: int | None, baseline: Path | None) -> str:
    """The report as built before issue 19: every result kept with its documents."""
    work = plan(paths, Overrides())
    results = with_problems(run_jobs(work.jobs, keep_documents=True), work)
    done = filter_results(results, work, baseline=baseline)
    view = build_view(done.results, _report_lang(done.results, None), date.today().isoformat())
    if repeated is not None:
        view = with_repeated(view, repeated_clauses(done.results, min_docs=repeated))
    return render_html(view)


def _streamed(paths: list[str], out: Path, *args: str) -> tuple[str, str]:
    result = CliRunner().invoke(report_command, [*paths, "-o", str(out), *args])
    assert result.exit_code == 2, result.output  # the unreadable file
    return out.read_text(encoding="utf-8"), result.output


@pytest.mark.parametrize("repeated", [None, 2])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_report_is_the_list_report(folder: Path, tmp_path: Path, monkeypatch:
                                            pytest.MonkeyPatch, repeated: int | None,
                                            jobs: str) -> None:
    monkeypatch.chdir(folder)
    paths = [str(folder), str(folder / "missing.docx")]
    want = _list_path(paths, repeated, None)
    args = ["--jobs", jobs] + (["--repeated", str(repeated)] if repeated else [])
    got, output = _streamed(paths, tmp_path / "r.html", *args)
    assert got == want
    # NOTE: the case is not empty: findings, both languages, a waiver, JD001, the tally
    assert "JD001" in output and "waiver 2" in output and "matches no finding" in output
    assert "waiver 1" not in output  # NOTE: it waived findings (else it would be stale)
    assert "a_buyer.docx" in got and "d_tiekejas.docx" in got and 'class="' in got
    if repeated:
        assert "Ежедневно сверяет остатки товара" in got
        assert "Kasdien tikrina prekių likučius" in got


def test_streamed_report_with_baseline_is_the_list_report(folder: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.chdir(folder)
    baseline = tmp_path / "base.json"
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--write-baseline", str(baseline),
                                      str(folder / "b_storekeeper.docx")])
    assert result.exit_code == 0, result.output
    paths = [str(folder), str(folder / "missing.docx")]
    want = _list_path(paths, 2, baseline)
    got, _ = _streamed(paths, tmp_path / "r.html", "--baseline", str(baseline),
                       "--repeated", "2", "--jobs", "1")
    assert got == want
    assert want != _list_path(paths, 2, None)  # NOTE: the baseline took findings away


def _live_documents() -> int:
    # NOTE: Document has slots and no weak references; the collector tracks every instance.
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Document))


@pytest.fixture
def unfrozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``gc.freeze()`` after this process's first file (``run.gcwindow.settle``): frozen
    objects leave ``gc.get_objects()``, so counting live documents needs them unfrozen, in
    whatever order the tests run."""
    from jdlint.run import gcwindow

    monkeypatch.setattr(gcwindow, "_settled", [True])


def test_no_document_outlives_its_file(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                      unfrozen: None) -> None:
    """Each file's documents are garbage once the next file is linted: nothing holds them."""
    seen: list[int] = []
    real = stream.lint_job
    monkeypatch.chdir(folder)
    work = plan([str(folder)], Overrides())
    before = _live_documents()

    def watched(job: Job) -> FileResult:
        assert _live_documents() == before, "a document of an earlier file is alive"
        result = real(job)
        seen.append(len(result.documents))
        assert _live_documents() >= before + len(result.documents)
        return result

    monkeypatch.setattr(stream, "lint_job", watched)
    done = stream.stream_report(work, repeated=True, workers=1)
    assert len(seen) == 6 and sum(seen) >= 5
    assert _live_documents() == before
    assert all(not f.result.documents for f in done.files)
    assert done.tally is not None and done.tally.result(2)
    done.tally.close()


def test_list_path_holds_documents(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                   unfrozen: None) -> None:
    """The counter above sees documents that are held (the test can fail)."""
    monkeypatch.chdir(folder)
    before = _live_documents()
    held = run_jobs(plan([str(folder)], Overrides()).jobs, keep_documents=True)
    assert _live_documents() >= before + 5
    del held


def test_pieces_come_back_in_order_with_workers(folder: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    jobs = plan([str(folder)], Overrides()).jobs * 3
    one = [p.facts.result.display_path for p in stream.pieces(jobs, workers=1)]
    two = [p.facts.result.display_path for p in stream.pieces(jobs, workers=2)]
    assert one == two == [str(j.target) for j in jobs]


def test_missing_waiver_file_stops_before_linting(folder: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    work = plan([str(folder)], Overrides())
    names = [str(j.target) for j in work.jobs]
    with pytest.raises(UsageError, match="does not exist"):
        ResultFilter(work, names, waivers=folder / "nowhere.toml")
    assert ResultFilter(work, [], waivers=folder / "nowhere.toml").finish([]).warnings == ()


def test_standard_input_is_read_in_this_process(folder: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``-`` among many files: a worker's standard input is /dev/null, so it is linted here."""
    monkeypatch.chdir(folder)
    text = "\n".join(_ru("Диспетчер", "Составляет график выезда машин на линию."))
    out = tmp_path / "r.html"
    result = CliRunner().invoke(report_command, ["-", str(folder), "-o", str(out), "--jobs", "2"],
                                input=text)
    assert "-: JD001" not in result.output
    assert "Диспетчер отдела снабжения" in out.read_text(encoding="utf-8")


def _dies_on_storekeeper(job: Job) -> FileResult:
    if "storekeeper" in str(job.target):
        os._exit(3)  # NOTE: as the OOM killer would end the worker
    return REAL_LINT_JOB(job)


REAL_LINT_JOB = stream.lint_job


def test_a_dying_worker_loses_only_its_file(folder: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.chdir(folder)
    # NOTE: the workers are forked, so they see the patched function
    monkeypatch.setattr(stream, "lint_job", _dies_on_storekeeper)
    jobs = plan([str(folder)], Overrides()).jobs * 2
    got = [p.facts.result for p in stream.pieces(jobs, workers=2)]
    assert [r.display_path for r in got] == [str(j.target) for j in jobs]
    died = [r.display_path for r in got if r.error and "died" in r.error]
    assert died == [str(folder / "b_storekeeper.docx")] * 2
    assert sum(1 for r in got if r.findings) >= 8
