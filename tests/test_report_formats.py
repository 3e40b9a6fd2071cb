"""The commented Word copy works for every input format: a non-DOCX input (ODT here, and a
stand-in reader for a paged format such as PDF) gets a DOCX whose paragraph N + 1 is block N,
and each comment sits on the paragraph of its finding."""

from __future__ import annotations

import io
import sys
import types
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jdlint.core.model import RawDocument, Source
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.readers import formats, read_path
from jdlint.readers.txt import read_txt
from jdlint.report.command import report as report_command
from jdlint.report.docx import body_paragraphs, comment_count
from jdlint.testing.odtbuild import text_to_odt

ROOT = Path(__file__).resolve().parents[1]
SALES_TXT = ROOT / "corpus" / "ru" / "ru_sales_defects.txt"
FAKE_MAGIC = b"%FAKEPAGED\n"


def _findings(path: Path) -> tuple[object, ...]:
    rules = [r for r in load_rules().values() if r.check is not None
             and r.meta.status == "stable"]
    return lint_file(path, rules, Settings()).findings


def _check_copy(source: Path, out: Path) -> None:
    result = CliRunner().invoke(report_command, [str(source), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    expected = _findings(source)
    comments = list(comment_count(out.read_bytes()))
    assert len(comments) == len(expected) > 3
    assert sorted((n, text.split()[0]) for n, text in comments) == sorted(
        (f.source.block + 1, f.code) for f in expected)  # type: ignore[attr-defined]
    paragraphs = [p.text for p in body_paragraphs(docx.Document(io.BytesIO(out.read_bytes())))]
    blocks = read_path(source).blocks
    for f in expected:
        block = f.source.block  # type: ignore[attr-defined]
        assert paragraphs[block] == blocks[block].display_text
    assert any("штраф" in paragraphs[f.source.block]  # type: ignore[attr-defined]
               for f in expected if f.code == "JD201")  # type: ignore[attr-defined]


def test_odt_gets_a_commented_docx_copy(tmp_path: Path) -> None:
    source = tmp_path / "prodazhi.odt"
    source.write_bytes(text_to_odt(SALES_TXT.read_text(encoding="utf-8")))
    before = source.read_bytes()
    _check_copy(source, tmp_path / "prodazhi.reviewed.docx")
    assert source.read_bytes() == before


def _fake_paged(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """A stand-in paged reader: 20 lines a page, locations as page and line."""
    raw = read_txt(data[len(FAKE_MAGIC):], path, display_path)
    blocks = tuple(replace(b, source=Source(block=b.index, page=(b.source.line or 1) // 20 + 1,
                                            subline=(b.source.line or 1) % 20 + 1))
                   for b in raw.blocks)
    return replace(raw, format="pdf", blocks=blocks)


def test_any_reader_of_the_table_gets_a_copy_and_page_locations(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("jdlint_fake_paged")
    module.read = _fake_paged  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "jdlint_fake_paged", module)
    row = formats.FileFormat("pdf", lambda data, suffix: data.startswith(FAKE_MAGIC),
                             "jdlint_fake_paged:read", (".pdf",), "application/pdf", "lines",
                             "package")
    monkeypatch.setattr(formats, "FORMATS", (row, *formats.FORMATS))
    source = tmp_path / "prodazhi.pdf"
    source.write_bytes(FAKE_MAGIC + SALES_TXT.read_bytes())
    _check_copy(source, tmp_path / "out.docx")
    first = _findings(source)[0]
    where = first.source.describe("ru")  # type: ignore[attr-defined]
    assert where.startswith("стр. ") and " строка " in where
