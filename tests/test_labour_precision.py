"""Issue 15 precision: lawful clauses and other regimes never get a labour-law (JD2xx) finding.

A clause that states a prohibition or the lawful rule ("штрафы … не могут применяться",
"baudos … negali būti skiriamos"), a Lithuanian civil servant's own disciplinary regime
(papeikimas under the civil service law is not JD210), and an instruction under Belarusian
or Kazakh law (no ТК РФ rule; JD205 says which law it is) — each read from TXT and from a
DOCX built here. The bad twin of each text proves the rules do run on that skeleton.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.testing.docxbuild import text_to_docx

RU_HEAD = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.
1.2. В своей деятельности кладовщик руководствуется {law} и настоящей инструкцией.
2. Должностные обязанности
2.1. Принимает товар на склад по накладным.
3. Права
3.1. Запрашивать информацию, необходимую для выполнения обязанностей.
4. Ответственность
"""
LT_HEAD = """SANDĖLININKO PAREIGYBĖS APRAŠYMAS
1. BENDROSIOS NUOSTATOS
1.1. Sandėlininkas yra Bendrovės darbuotojas.
1.2. Darbuotojas savo veikloje vadovaujasi Lietuvos Respublikos darbo kodeksu ir šiuo aprašymu.
2. FUNKCIJOS
2.1. priima prekes į sandėlį pagal važtaraščius;
3. TEISĖS
3.1. gauti informaciją, reikalingą funkcijoms atlikti;
4. ATSAKOMYBĖ
"""
RU_LAW = "Трудовым кодексом Российской Федерации"

LAWFUL_RU = [
    "4.1. Штрафы и иные денежные взыскания к кладовщику не могут применяться.",
    "4.1. Применение штрафов в качестве дисциплинарного взыскания запрещено.",
    "4.1. Лишение премии не является дисциплинарным взысканием.",
    "4.1. За причиненный материальный ущерб — в пределах, определенных трудовым "
    "законодательством Российской Федерации.",
    "4.1. Удержания из заработной платы без согласия работника не производятся.",
    "4.1. Работодатель не вправе требовать выполнения работы, не обусловленной трудовым договором.",
]
LAWFUL_LT = [
    "4.1. Baudos darbuotojui negali būti skiriamos.",
    "4.1. Drausminės nuobaudos darbuotojams pagal darbo sutartį netaikomos.",
    "4.1. Išskaitos iš darbo užmokesčio be darbuotojo sutikimo nedaromos.",
    "4.1. Darbuotojas atlygina žalą Darbo kodekso nustatyta tvarka ir ribomis.",
]
BAD_RU = "4.1. За нарушение дисциплины на кладовщика налагается штраф."
BAD_LT = "4.1. Už pavėlavimą į darbą darbuotojui skiriama bauda."

CIVIL_SERVANT = """VALSTYBĖS TARNAUTOJO PAREIGYBĖS APRAŠYMAS
I SKYRIUS
PAREIGYBĖS CHARAKTERISTIKA
1. Pareigybės lygmuo – vyriausiasis specialistas, valstybės tarnautojas.
II SKYRIUS
VEIKLOS SRITIS
2. Viešųjų pirkimų organizavimas.
IV SKYRIUS
FUNKCIJOS
3. Rengia pirkimų dokumentus.
4. Už tarnybinius nusižengimus valstybės tarnautojui gali būti skiriama tarnybinė nuobauda – \
{sanction} Valstybės tarnybos įstatymo nustatyta tvarka.
V SKYRIUS
SPECIALIEJI REIKALAVIMAI
5. Išsilavinimas – aukštasis universitetinis.
"""
FOREIGN_BAD = """4.1. За нарушение дисциплины на кладовщика налагается штраф.
4.2. Работодатель вправе в одностороннем порядке изменять обязанности кладовщика.
4.3. Кладовщик может быть уволен за опоздание.
"""


def _labour(tmp_path: Path, text: str, suffix: str) -> list[tuple[str, str]]:
    path = tmp_path / f"doc.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text_to_docx(text))
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--select", "JD2",
                                      "--output-format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.output)
    return [(f["code"], f["severity"]) for f in data["files"][0]["findings"]]


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize("clause", LAWFUL_RU)
def test_lawful_russian_clause_is_silent(tmp_path: Path, suffix: str, clause: str) -> None:
    assert _labour(tmp_path, RU_HEAD.format(law=RU_LAW) + clause + "\n", suffix) == []


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize("clause", LAWFUL_LT)
def test_lawful_lithuanian_clause_is_silent(tmp_path: Path, suffix: str, clause: str) -> None:
    assert _labour(tmp_path, LT_HEAD + clause + "\n", suffix) == []


@pytest.mark.parametrize(("head", "bad", "code"), [
    (RU_HEAD.format(law=RU_LAW), BAD_RU, "JD201"), (LT_HEAD, BAD_LT, "JD201")])
def test_the_bad_twin_is_reported(tmp_path: Path, head: str, bad: str, code: str) -> None:
    assert code in {c for c, _ in _labour(tmp_path, head + bad + "\n", "txt")}


@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_civil_servant_sanctions_are_not_jd210(tmp_path: Path, suffix: str) -> None:
    text = CIVIL_SERVANT.format(sanction="papeikimas arba griežtas papeikimas")
    assert "JD210" not in {c for c, _ in _labour(tmp_path, text, suffix)}


@pytest.mark.parametrize("law", ["Трудовым кодексом Республики Беларусь",
                                 "Трудовым кодексом Республики Казахстан"])
@pytest.mark.parametrize("suffix", ["txt", "docx"])
def test_other_jurisdiction_gets_no_russian_rule(tmp_path: Path, suffix: str, law: str) -> None:
    found = _labour(tmp_path, RU_HEAD.format(law=law) + FOREIGN_BAD, suffix)
    assert found and {c for c, _ in found} == {"JD205"}
    # the same clauses under Russian law are reported: the rules did run
    russian = {c for c, _ in _labour(tmp_path, RU_HEAD.format(law=RU_LAW) + FOREIGN_BAD, suffix)}
    assert {"JD201", "JD212", "JD215"} <= russian


def test_papeikimas_for_an_ordinary_employee_is_jd210(tmp_path: Path) -> None:
    bad = "4.1. Už darbo pareigų pažeidimą darbuotojui gali būti skiriamas papeikimas.\n"
    assert "JD210" in {c for c, _ in _labour(tmp_path, LT_HEAD + bad, "txt")}
