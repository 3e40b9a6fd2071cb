"""The plain text report (no colour, no width: a pipe or a file) is written without rich; it
must be byte for byte what rich writes for the same results, control characters included."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jdlint.core.model import Confidence, Finding, Severity, Source
from jdlint.core.results import FileResult
from jdlint.output import text, textrich

BASE = Finding(code="JD201", name="invented-rule", severity=Severity.WARNING,
               confidence=Confidence.HIGH, message="Укажите  срок\n выплаты премии.",
               source=Source(block=3, line=14), clause="2.1", section=None,
               excerpt="  премия   выплачивается  ")

ODD = [
    pytest.param({}, id="plain"),
    pytest.param({"clause": None, "excerpt": ""}, id="no-clause-no-excerpt"),
    pytest.param({"message": "Žodis su tabuliacija\tir ilgu tekstu " * 12}, id="long-tab"),
    pytest.param({"message": "перевод\rкаретки и \x07звонок"}, id="cr-bell"),
    pytest.param({"excerpt": "漢字 wide ＡＢＣ and emoji 😀"}, id="wide"),
    pytest.param({"severity": Severity.ERROR, "source": Source(block=1, paragraph=41)},
                 id="error-paragraph"),
    pytest.param({"message": "[bold]not markup[/bold] :smile: http://x.example"},
                 id="markup-like"),
]


def _via_rich(results: list[FileResult], summary: bool = True) -> str:
    closing = text.summary_line(results) if summary else None
    raw = textrich.render(results, closing, color=False, width=None)
    return "".join(f"{line.rstrip()}\n" for line in raw.splitlines())


@pytest.mark.parametrize("change", ODD)
@pytest.mark.parametrize("summary", [True, False])
def test_plain_report_is_what_rich_writes(change: dict[str, object], summary: bool) -> None:
    finding = replace(BASE, **change)  # type: ignore[arg-type]
    results = [
        FileResult("dir/a b.docx", "docx", (), (finding, BASE), None, "ru", None),
        FileResult("clean.txt", "txt", (), (), None, "ru", None),
        FileResult("broken\tname.docx", None, error="not a Word document\nsecond line"),
        FileResult("c.txt", "txt", (), (finding,), None, "lt", None),
    ]
    plain = text.render(results, color=False, width=None, summary=summary)
    assert plain == _via_rich(results, summary)
    assert "\x1b[" not in plain


def test_empty_report() -> None:
    assert text.render([], color=False, summary=False) == _via_rich([], summary=False) == ""
    assert text.render([], color=False) == "No problems found in 0 files.\n"


def test_colour_and_width_still_go_through_rich() -> None:
    results = [FileResult("a.docx", "docx", (), (BASE,), None, "ru", None)]
    assert "\x1b[" in text.render(results, color=True)
    wrapped = text.render([FileResult("a.docx", "docx", (), (replace(
        BASE, message="слово " * 40),), None, "ru", None)], color=False, width=60)
    assert all(len(line) <= 60 for line in wrapped.splitlines())
    assert len(wrapped.splitlines()) > 4
