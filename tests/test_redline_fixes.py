"""The wording rules propose (issue 17 item 1): ``report --format docx --redline`` writes the
safe proposals as tracked changes by "jdlint" and the unsafe ones as comments carrying the
proposed wording; ``check --diff`` prints them (unsafe ones with ``--unsafe-fixes``).

The inputs are Word files built here with python-docx, one bad clause per paragraph, Russian
and Lithuanian. Every rule with a ``fix`` section has its own case: the redlined copy is opened
with python-docx, its changes accepted (w:ins kept, w:del dropped) and rejected (the reverse),
and the accepted paragraph must read as the expected lawful text while the rejected one reads
as the original. LibreOffice (skipped where ``soffice`` is absent) opens the copy and saves it
again as DOCX and as plain text: the tracked changes by "jdlint" survive, and accepting them in
its copy gives the same text.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Pt
from lxml import etree

from jdlint.cli import cli
from jdlint.readers.convert import find_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

RU_HEAD = ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера по продажам", "1. Общие положения"]
RU_BODY = {
    "JD109": "1.1. На должность менеджера назначается лицо, имеющее высшее профессиональное "
             "образование.",
    "JD109b": "1.2. Менеджер руководствуется КЗоТ РСФСР и уставом организации.",
    "JD106": "1.3. Менеджер работает в ООО «ХХХ».",
    "JD215": "1.4. Работодатель вправе в одностороннем порядке изменять настоящую инструкцию.",
    "-duties": "2. Должностные обязанности",
    "-d1": "2.1. Менеджер ведет переговоры с клиентами.",
    "JD207": "2.2. Выполняет иные поручения руководителя.",
    "-rights": "3. Права",
    "-r1": "3.1. Менеджер имеет право запрашивать информацию.",
    "-resp": "4. Ответственность",
    "JD206": "4.1. За причинение материального ущерба — в пределах, определенных трудовым и "
             "гражданским законодательством Российской Федерации.",
    "JD201": "4.2. За опоздание к менеджеру применяется штраф в размере 500 рублей.",
    "JD202": "4.3. Менеджер несет полную материальную ответственность за вверенные ему "
             "ценности.",
    "JD204": "4.4. За нарушение сроков может быть объявлен строгий выговор.",
    "JD209": "4.5. Стоимость испорченного товара удерживается из заработной платы менеджера.",
}
LT_HEAD = ["VADYBININKO PAREIGYBĖS APRAŠYMAS", "I. BENDROSIOS NUOSTATOS"]
LT_BODY = {
    "-g1": "1. Vadybininkas yra tiesiogiai pavaldus direktoriui.",
    "JD109": "2. Vadybininkas vadovaujasi 2002 m. birželio 4 d. Lietuvos Respublikos darbo "
             "kodeksu ir įmonės tvarkomis.",
    "JD106": "3. Vadybininkas dirba UAB „XXX“ prekybos skyriuje.",
    "-req": "II. SPECIALŪS REIKALAVIMAI",
    "-q1": "4. Darbuotojas turi turėti aukštąjį išsilavinimą.",
    "-fun": "III. FUNKCIJOS",
    "JD207": "5. Vykdo kitus vadovo pavedimus.",
    "JD215": "6. Darbdavys gali vienašališkai keisti šias pareigas.",
    "-resp": "IV. ATSAKOMYBĖ",
    "JD206": "7. Už žalą darbdaviui darbuotojas atsako pagal civilinius įstatymus.",
    "JD201": "8. Už vėlavimą darbuotojui skiriama 20 eurų bauda.",
    "JD210": "9. Už pažeidimus darbuotojui gali būti skiriamas papeikimas.",
    "JD202": "10. Darbuotojas prisiima visišką materialinę atsakomybę už jam patikėtas prekes.",
    "JD209": "11. Padarytos žalos suma išskaičiuojama iš darbo užmokesčio.",
}


@dataclass(frozen=True)
class Case:
    """One rule's proposal in one language: the paragraph, and the text after accepting
    (a safe proposal: a tracked change) or the wording its comment proposes (unsafe)."""

    lang: str
    key: str
    accepted: str | None = None
    proposed: str | None = None


CASES = [
    # safe: tracked changes
    Case("ru", "JD109", accepted="1.1. На должность менеджера назначается лицо, имеющее "
         "высшее образование."),
    Case("ru", "JD109b", accepted="1.2. Менеджер руководствуется ТК РФ и уставом "
         "организации."),
    Case("ru", "JD206", accepted="4.1. За причинение материального ущерба — в пределах, "
         "определенных трудовым законодательством Российской Федерации."),
    Case("ru", "JD204", accepted="4.4. За нарушение сроков может быть объявлен выговор."),
    Case("lt", "JD109", accepted="2. Vadybininkas vadovaujasi Lietuvos Respublikos darbo "
         "kodeksu ir įmonės tvarkomis."),
    Case("lt", "JD206", accepted="7. Už žalą darbdaviui darbuotojas atsako pagal darbo "
         "įstatymus."),
    # unsafe: comments with the proposed wording
    Case("ru", "JD106", proposed="«[заполнить]» вместо «ХХХ»"),
    Case("ru", "JD215", proposed="«по письменному соглашению сторон (ст. 72 ТК РФ)» вместо "
         "«в одностороннем порядке»"),
    Case("ru", "JD207", proposed="«иные поручения руководителя в пределах своей трудовой "
         "функции» вместо «иные поручения руководителя»"),
    Case("ru", "JD201", proposed="«дисциплинарное взыскание в порядке ст. 192–193 ТК РФ» "
         "вместо «штраф в размере 500 рублей»"),
    Case("ru", "JD202", proposed="«материальную ответственность в пределах среднего "
         "месячного заработка (ст. 241 ТК РФ)» вместо «полную материальную ответственность»"),
    Case("ru", "JD209", proposed="«Удержания из заработной платы работника производятся "
         "только в случаях и пределах, предусмотренных статьями 137, 138 и 248"),
    Case("lt", "JD106", proposed="„[užpildyti]“ vietoj „XXX“"),
    Case("lt", "JD207", proposed="„kitus vadovo pavedimus, neviršijančius darbo sutartyje "
         "sulygtos darbo funkcijos“ vietoj „kitus vadovo pavedimus“"),
    Case("lt", "JD215", proposed="„tik darbuotojui sutikus (DK 45 str.)“ vietoj "
         "„vienašališkai“"),
    Case("lt", "JD201", proposed="Siūloma išbraukti: „Už vėlavimą darbuotojui skiriama 20 "
         "eurų bauda.“"),
    Case("lt", "JD210", proposed="„Už darbo pareigų pažeidimus darbuotojui gali būti taikomos "
         "Lietuvos Respublikos darbo kodekso 58 straipsnyje nustatytos pasekmės.“"),
    Case("lt", "JD202", proposed="„materialinę atsakomybę Lietuvos Respublikos darbo kodekso "
         "151–154 straipsniuose nustatytomis sąlygomis ir ribomis“"),
    Case("lt", "JD209", proposed="„Išskaitos iš darbo užmokesčio daromos tik Lietuvos "
         "Respublikos darbo kodekso 150 straipsnyje"),
]


def _paragraphs(lang: str) -> list[str]:
    head, body = (RU_HEAD, RU_BODY) if lang == "ru" else (LT_HEAD, LT_BODY)
    return [*head, *body.values()]


def build(lang: str, path: Path) -> None:
    """The instruction as a Word file; the clause with a fix of each rule is cut into runs
    with different formatting, so the tracked change must split runs to touch only its
    words."""
    document = docx.Document()
    for text in _paragraphs(lang):
        paragraph = document.add_paragraph()
        words = text.split(" ")
        half = len(words) // 2
        for i, part in enumerate((" ".join(words[:half]) + " ", " ".join(words[half:]))):
            run = paragraph.add_run(part)
            run.bold = i == 1
            run.font.size = Pt(12 if i == 0 else 11)
    document.save(str(path))


def _document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def resolved(data: bytes, *, accept: bool) -> list[str]:
    """Paragraph texts after accepting (or rejecting) every tracked change, read back with
    python-docx from the resolved package."""
    root = _document_xml(data)
    drop, keep = (W + "del", W + "ins") if accept else (W + "ins", W + "del")
    for el in list(root.iter(drop)):
        el.getparent().remove(el)
    for el in list(root.iter(keep)):
        for t in el.iter(W + "delText"):
            t.tag = W + "t"
        parent = el.getparent()
        index = parent.index(el)
        for child in list(el):
            parent.insert(index, child)
            index += 1
        parent.remove(el)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == "word/document.xml" else src.read(info)
            dst.writestr(info, body)
    return [p.text for p in docx.Document(io.BytesIO(out.getvalue())).paragraphs]


def comments(data: bytes) -> list[str]:
    return [c.text for c in docx.Document(io.BytesIO(data)).comments]


@pytest.fixture(scope="module")
def redlined(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, str]]:
    """Each language's input built, then its redlined copy: (copy bytes, stderr)."""
    base = tmp_path_factory.mktemp("redline")
    out: dict[str, tuple[bytes, str]] = {}
    for lang in ("ru", "lt"):
        source = base / f"{lang}.docx"
        build(lang, source)
        target = base / f"{lang}.redline.docx"
        result = CliRunner().invoke(cli, ["report", str(source), "--format", "docx",
                                          "--redline", "-o", str(target)])
        assert result.exit_code == 0, result.output
        out[lang] = (target.read_bytes(), result.output)
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.lang}-{c.key}")
def test_each_rule_proposes_its_wording(case: Case,
                                        redlined: dict[str, tuple[bytes, str]]) -> None:
    data, _ = redlined[case.lang]
    body = RU_BODY if case.lang == "ru" else LT_BODY
    original = body[case.key]
    index = _paragraphs(case.lang).index(original)
    accepted = resolved(data, accept=True)
    rejected = resolved(data, accept=False)
    assert rejected[index] == original  # rejecting every change gives the input back
    if case.accepted is not None:
        assert accepted[index] == case.accepted
        root = _document_xml(data)
        authors = {el.get(W + "author") for el in root.iter(W + "ins", W + "del")}
        assert authors == {"jdlint"}
    else:
        # NOTE: an unsafe proposal never changes the text, and its comment carries it.
        assert accepted[index] == original
        code = case.key[:5]
        texts = [c for c in comments(data) if c.startswith(code)]
        assert any(case.proposed in c for c in texts), texts


def test_the_redline_counts_its_changes(redlined: dict[str, tuple[bytes, str]]) -> None:
    for lang, safe in (("ru", 4), ("lt", 2)):
        _, output = redlined[lang]
        unsafe = sum(1 for c in CASES if c.lang == lang and c.proposed is not None)
        assert f"{safe + unsafe} changes proposed ({safe} as tracked changes, {unsafe} in " \
               "comments)" in output


def test_without_redline_nothing_changes(tmp_path: Path) -> None:
    source = tmp_path / "ru.docx"
    build("ru", source)
    target = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["report", str(source), "--format", "docx", "-o",
                                      str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert "proposed" not in result.output
    assert resolved(data, accept=True) == _paragraphs("ru")
    assert not any("Предлагаемая редакция" in c for c in comments(data))


def test_a_clean_document_says_zero_changes(tmp_path: Path) -> None:
    source = tmp_path / "clean.docx"
    document = docx.Document()
    for text in (RU_HEAD[0], RU_HEAD[1], RU_BODY["-d1"], "2. Должностные обязанности",
                 "2.1. Менеджер ведет переговоры с клиентами и готовит договоры."):
        document.add_paragraph(text)
    document.save(str(source))
    result = CliRunner().invoke(cli, ["report", str(source), "--format", "docx", "--redline",
                                      "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output
    assert "0 changes proposed (0 as tracked changes, 0 in comments)" in result.output


# ------------------------------------------------------------------------------ check --diff
def test_check_diff_prints_safe_changes_and_exits_1(tmp_path: Path) -> None:
    source = tmp_path / "ru.docx"
    build("ru", source)
    result = CliRunner().invoke(cli, ["check", str(source), "--diff", "--no-cache"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert f"--- {source}" in out and f"+++ {source} (proposed)" in out
    assert "-1.1. На должность менеджера назначается лицо, имеющее высшее профессиональное " \
           "образование." in out
    assert "+1.1. На должность менеджера назначается лицо, имеющее высшее образование." in out
    assert re.search(r"^@@ para \d+ \[4\.4\] JD204 @@$", out, re.MULTILINE)
    assert "+4.4. За нарушение сроков может быть объявлен выговор." in out
    # unsafe proposals only with --unsafe-fixes
    assert "JD201" not in out and "дисциплинарное взыскание" not in out
    assert "4 fixes proposed; 6 more with --unsafe-fixes" in result.stderr


def test_check_unsafe_fixes_adds_the_others(tmp_path: Path) -> None:
    source = tmp_path / "lt.docx"
    build("lt", source)
    result = CliRunner().invoke(cli, ["check", str(source), "--diff", "--unsafe-fixes",
                                      "--no-cache"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert re.search(r"^@@ para \d+ \[8\] JD201 \(unsafe\) @@$", out, re.MULTILINE)
    assert "-8. Už vėlavimą darbuotojui skiriama 20 eurų bauda." in out
    assert "+5. Vykdo kitus vadovo pavedimus, neviršijančius darbo sutartyje sulygtos darbo " \
           "funkcijos." in out
    assert "+2. Vadybininkas vadovaujasi Lietuvos Respublikos darbo kodeksu ir įmonės " \
           "tvarkomis." in out
    assert "9 fixes proposed" in result.stderr


def test_check_diff_of_a_clean_file_exits_0(tmp_path: Path) -> None:
    source = tmp_path / "clean.txt"
    source.write_text("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ юриста\n1. Общие положения\n"
                      "1.1. На должность юриста назначается лицо, имеющее высшее "
                      "образование.\n2. Должностные обязанности\n2.1. Готовит договоры.\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(source), "--diff", "--unsafe-fixes",
                                      "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 fixes proposed" in result.stderr


# ------------------------------------------------------------------------------- LibreOffice
SOFFICE = find_soffice()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_keeps_the_tracked_changes(tmp_path: Path,
                                               redlined: dict[str, tuple[bytes, str]]) -> None:
    profile = tmp_path / "profile"
    sources = []
    for lang in ("ru", "lt"):
        path = tmp_path / f"{lang}.redline.docx"
        path.write_bytes(redlined[lang][0])
        sources.append(path)
    for target, folder in (("docx:MS Word 2007 XML", "docx"), ("txt:Text (encoded):UTF8", "txt")):
        subprocess.run([str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}",
                        "--headless", "--norestore", "--convert-to", target, "--outdir",
                        str(tmp_path / folder), *map(str, sources)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
                       check=False)
    for lang in ("ru", "lt"):
        again = (tmp_path / "docx" / f"{lang}.redline.docx").read_bytes()
        root = _document_xml(again)
        marks = list(root.iter(W + "ins", W + "del"))
        assert marks and {el.get(W + "author") for el in marks} == {"jdlint"}
        original = resolved(redlined[lang][0], accept=True)
        ours = [t for t in original if t.strip()]
        theirs = [t for t in resolved(again, accept=True) if t.strip()]
        assert theirs == ours
        assert [t for t in resolved(again, accept=False) if t.strip()] == _paragraphs(lang)
        # the unsafe proposals survive in LibreOffice's copy of the comments
        kept = comments(again)
        for case in CASES:
            if case.lang == lang and case.proposed is not None:
                assert any(case.proposed in c for c in kept), (case, kept)
        # NOTE: LibreOffice's plain-text export shows a document with its changes shown:
        # the deleted words, then the inserted ones, where the tracked change stands.
        text = (tmp_path / "txt" / f"{lang}.redline.txt").read_text(encoding="utf-8-sig")
        shown = "руководствуется КЗоТ РСФСРТК РФ и уставом" if lang == "ru" else \
            "atsako pagal civiliniusdarbo įstatymus"
        assert shown in text


def test_check_diff_of_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    source = tmp_path / "ru.docx"
    build("ru", source)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    result = CliRunner().invoke(cli, ["check", str(source), str(broken), "--diff",
                                      "--no-cache"])
    assert result.exit_code == 2, result.output
    assert f"{broken}: JD001" in result.stderr
    assert "+4.4. За нарушение сроков может быть объявлен выговор." in result.stdout


def test_json_output_carries_the_proposal(tmp_path: Path) -> None:
    import json

    source = tmp_path / "ru.docx"
    build("ru", source)
    result = CliRunner().invoke(cli, ["check", str(source), "--output-format", "json",
                                      "--no-cache", "--exit-zero"])
    assert result.exit_code == 0, result.output
    found = {f["code"]: f["fix"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert found["JD204"] == {"from": "строгий выговор", "to": "выговор", "safe": True}
    assert found["JD201"] is not None and found["JD201"]["safe"] is False
    assert found["JD101"] is None  # a missing section: nothing to propose
