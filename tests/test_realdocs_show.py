"""`jdlint show` on real Word files written by others (../shared/real-docs, never copied):
every clause number LibreOffice renders must be the number jdlint reports, in order.

Skipped when ../shared is absent (a user's clone does not have it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real-docs"
DOCS = sorted(REAL.glob("*.docx")) if REAL.is_dir() else []
_NUMBERED = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|[^\W\d_])")


def rendered_numbers(path: Path) -> list[str]:
    """Leading clause numbers of the LibreOffice rendering, as shown, without trailing dot."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _NUMBERED.match(line)
        if m and not re.match(r"^\s*\d{4}\b", line):
            out.append(m.group(1))
    return out


def shown_numbers(data: dict[str, object]) -> list[str]:
    """Section and clause numbers from `jdlint show --output-format json`, in order."""
    out: list[str] = []
    files = data["files"]
    assert isinstance(files, list)
    for doc in files[0]["documents"]:
        for section in doc["sections"]:
            if section["heading"] and section["number"]:
                out.append(section["number"])
            for clause in section["clauses"]:
                number = clause["number"]
                if number and re.fullmatch(r"\d+(?:\.\d+)*", number):
                    out.append(number)
    return out


@pytest.mark.skipif(not DOCS, reason="../shared/real-docs not present (only in the dev tree)")
@pytest.mark.parametrize("docx", DOCS, ids=lambda p: p.stem)
def test_clause_numbers_match_libreoffice(docx: Path) -> None:
    rendered = docx.with_suffix(".rendered.txt")
    result = CliRunner().invoke(cli, ["show", "--output-format", "json", str(docx)])
    assert result.exit_code == 0, result.output
    shown = shown_numbers(json.loads(result.output))
    expected = rendered_numbers(rendered)
    assert expected, "the rendering has numbered lines"
    assert shown == expected


@pytest.mark.skipif(not DOCS, reason="../shared/real-docs not present (only in the dev tree)")
def test_flat_autonumbering_is_reported_as_word_shows_it() -> None:
    out = REAL / "sasasats_OutputFile.docx"
    result = CliRunner().invoke(cli, ["show", "--output-format", "json", str(out)])
    numbers = shown_numbers(json.loads(result.output))
    assert numbers == [str(n) for n in range(1, 66)]
