"""The report's Word copy (issue 18 item 5, issue 17 item 9): made within the reader's limits
(a hostile package costs no more memory than ``check``), comments anchored on the line of a
paragraph split by line breaks, and the copy opens in python-docx and LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.testing.docxbuild import P, build_docx, text_to_docx

DOC = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера\n1. Общие положения\n"
       "1.1. Менеджер относится к категории специалистов.\n2. Должностные обязанности\n"
       "2.1. Ведёт переговоры с клиентами.\n3. Ответственность\n"
       "3.1. За опоздание работник штрафуется на 500 рублей.")


def _hostile(path: Path, elements: int) -> None:
    """A valid DOCX whose settings part (which the reader never parses) holds ``elements``
    poorly compressible XML elements: python-docx parses it whole."""
    src = zipfile.ZipFile(io.BytesIO(text_to_docx(DOC)))
    hexes = os.urandom(4 * elements).hex()
    body = "".join(f'<w:rsid w:val="{hexes[8 * i:8 * i + 8]}"/>' for i in range(elements))
    settings = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w='
                '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:rsids>'
                + body + "</w:rsids></w:settings>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, settings if info.filename == "word/settings.xml"
                         else src.read(info))


def _peak_kib(*args: str) -> int:
    """Peak resident memory of ``jdlint ARGS`` in a process of its own (KiB)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=False, "
             "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    jdlint = str(Path(sys.executable).with_name("jdlint"))
    run = subprocess.run([sys.executable, "-c", probe, jdlint, *args], capture_output=True,
                         text=True, timeout=600, check=True)
    return int(run.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_docx_copy_of_a_hostile_package_costs_what_check_costs(tmp_path: Path) -> None:
    bad = tmp_path / "hostile.docx"
    _hostile(bad, 1_000_000)
    before = bad.read_bytes()
    check = _peak_kib("check", "--isolated", "--no-cache", str(bad))
    out = tmp_path / "out.docx"
    report = _peak_kib("report", "--isolated", "--format", "docx", "-o", str(out), str(bad))
    assert out.is_file() and bad.read_bytes() == before
    # NOTE: python-docx took ~500 MB here (1.56 GB on the security review's file)
    assert report < check + 80 * 1024, (check, report)
    with zipfile.ZipFile(out) as z:  # the untouched part is carried over byte for byte
        assert z.read("word/settings.xml") == zipfile.ZipFile(bad).read("word/settings.xml")


def test_comment_is_anchored_on_the_line_it_concerns(tmp_path: Path) -> None:
    src = tmp_path / "lines.docx"
    src.write_bytes(build_docx([
        P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера"), P("1. Общие положения"),
        P("1.1. Менеджер относится к категории специалистов."),
        P("2. Должностные обязанности"), P("2.1. Ведёт переговоры с клиентами."),
        P("3. Ответственность"),
        P("", lines=["3.1. Отвечает за сохранность документов.",
                     "3.2. За опоздание работник штрафуется на 500 рублей.",
                     "3.3. Отвечает за соблюдение сроков."])]))
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["report", str(src), "--isolated", "--select", "JD201",
                                      "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    para = document.paragraphs[-1]._p
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    order = [el.tag.replace(w, "") for el in para.iter(w + "commentRangeStart", w + "br",
                                                       w + "commentRangeEnd")]
    # the comment starts after the first line break and ends before the second
    assert order == ["br", "commentRangeStart", "br", "commentRangeEnd"], order
    assert [c.text.split()[0] for c in document.comments] == ["JD201"]


def test_copy_opens_in_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    src = tmp_path / "in.docx"
    src.write_bytes(text_to_docx(DOC))
    out = tmp_path / "reviewed.docx"
    result = CliRunner().invoke(cli, ["report", str(src), "--isolated", "--format", "docx",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path),
                    str(out)], capture_output=True, timeout=180, check=False)
    text = (tmp_path / "reviewed.txt").read_text(encoding="utf-8-sig")
    assert "штрафуется на 500 рублей" in text and "Ведёт переговоры" in text


def test_redline_says_how_many_changes_it_proposed(tmp_path: Path) -> None:
    src = tmp_path / "in.docx"
    src.write_bytes(text_to_docx(DOC))
    out = tmp_path / "reviewed.docx"
    result = CliRunner().invoke(cli, ["report", str(src), "--isolated", "--format", "docx",
                                      "--redline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    # NOTE: the count is said even when nothing is a tracked change
    assert re.search(r"\d+ changes? proposed \(0 as tracked changes, \d+ in comments\)",
                     result.output), result.output
    plain = CliRunner().invoke(cli, ["report", str(src), "--isolated", "--format", "docx",
                                     "-o", str(out)])
    assert "proposed" not in plain.output


def test_tracked_change_of_the_matched_words_only(tmp_path: Path) -> None:
    """A safe replacement deletes only the matched words that change (split out of their runs;
    "ГОСТ Р " stays) and inserts the new ones; python-docx and LibreOffice both see one
    deletion and one insertion by "jdlint", and the rest of the paragraph is untouched."""
    import re
    from dataclasses import replace

    from jdlint.core.model import Confidence, Finding, Severity, Suggestion
    from jdlint.readers import read_bytes
    from jdlint.report.docx import commented_copy

    data = build_docx([P("1. Общие положения"), P(
        "1.1. Делопроизводство ведётся по ГОСТ Р 6.30-2003 и правилам.",
        runs=["1.1. Делопроизводство ведётся по ГОСТ ", "Р 6.30-2003 и ", "правилам."])])
    raw = read_bytes(data, None, "in.docx")
    block = next(b for b in raw.blocks if "6.30-2003" in b.text)
    start = block.text.index("ГОСТ Р 6.30-2003")
    finding = Finding(
        code="JD109", name="outdated-reference", severity=Severity.WARNING,
        confidence=Confidence.HIGH, message="outdated", clause="1.1", section=None,
        excerpt=block.text, source=replace(block.source, start=start, end=start + 16),
        suggestion=Suggestion("use the current one", "ГОСТ Р 7.0.97-2025", "safe"),
        fingerprint="abc123")
    copy, _ = commented_copy(data, raw, [finding], "ru", redline=True)
    out = tmp_path / "rl.docx"
    out.write_bytes(copy)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    para = docx.Document(str(out)).paragraphs[1]._p
    deleted = ["".join(t.text for t in d.iter(w + "delText")) for d in para.iter(w + "del")]
    inserted = ["".join(t.text for t in i.iter(w + "t")) for i in para.iter(w + "ins")]
    assert deleted == ["6.30-2003"] and inserted == ["7.0.97-2025"]
    assert {d.get(w + "author") for d in para.iter(w + "del", w + "ins")} == {"jdlint"}
    assert read_bytes(copy, None, "o.docx").blocks[1].text == \
        "1.1. Делопроизводство ведётся по ГОСТ Р 7.0.97-2025 и правилам."
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(out)],
                   capture_output=True, timeout=180, check=False)
    content = zipfile.ZipFile(tmp_path / "rl.odt").read("content.xml").decode("utf-8")
    regions = re.findall(r"<text:changed-region.*?</text:changed-region>", content)
    assert len(regions) == 2 and all("jdlint" in r for r in regions)
    assert sum("<text:deletion>" in r and "6.30-2003" in r for r in regions) == 1
    assert sum("<text:insertion>" in r for r in regions) == 1
