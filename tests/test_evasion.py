"""Issue 18 item 8: a fine disguised inside the word stays a fine (JD201), and the disguise is
reported (JD006), in TXT and in a DOCX built here; the look-alikes a real text holds do not
change (Latin names in Russian text, Lithuanian letters, decomposed й/ё/ą/ė)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.nlp import lemmas
from jdlint.nlp.disguise import clean, disguise
from jdlint.testing.docxbuild import text_to_docx

HEAD = """ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ
кладовщика
1. Общие положения
1.1. Кладовщик относится к категории рабочих.
1.2. В своей деятельности кладовщик руководствуется Трудовым кодексом Российской Федерации.
2. Должностные обязанности
2.1. Принимает товар на склад по накладным.
3. Права
3.1. Запрашивать информацию, необходимую для выполнения обязанностей.
4. Ответственность
4.1. За опоздание на кладовщика налагается {word}.
"""

# The word "штраф" disguised twelve ways (the readers drop ZWSP, ZWNJ, ZWJ, WJ and BOM).
VARIANTS = {
    "lrm": "шт\u200eраф",
    "rlo": "шт\u202eра\u202cф",
    "bidi-isolate": "шт\u2066ра\u2069ф",
    "cgj": "шт\u034fраф",
    "mongolian-vs": "шт\u180eраф",
    "invisible-times": "шт\u2062раф",
    "variation-selector": "шт\ufe0fраф",
    "vs-supplement": "шт\U000e0100раф",
    "stress-mark": "штра\u0301ф",
    "latin-p-a": "штpaф",
    "greek-alpha": "штрαф",
    "latin-upper": "ШТPAФ",
}


def _codes(tmp_path: Path, text: str, suffix: str) -> set[str]:
    path = tmp_path / f"doc.{suffix}"
    if suffix == "txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text_to_docx(text))
    result = CliRunner().invoke(cli, ["check", "--isolated", "--no-cache", "--select",
                                      "JD201,JD006", "--output-format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return {f["code"] for f in json.loads(result.output)["files"][0]["findings"]}


@pytest.mark.parametrize("suffix", ["txt", "docx"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_disguised_fine_is_found_and_reported(tmp_path: Path, suffix: str, name: str) -> None:
    assert _codes(tmp_path, HEAD.format(word=VARIANTS[name]), suffix) == {"JD201", "JD006"}


def test_plain_fine_has_no_disguise(tmp_path: Path) -> None:
    assert _codes(tmp_path, HEAD.format(word="штраф"), "txt") == {"JD201"}


@pytest.mark.parametrize("word", ["Excel", "IT-отдел", "SMS-рассылка", "ISO", "bauda",
                                  "Ąžuolas", "мои\u0306", "е\u0308лка", "pirke\u0307ju\u0328",
                                  "обязан\u00adности"])
def test_real_words_are_not_disguises(word: str) -> None:
    assert disguise(word) is None


@pytest.mark.parametrize(("word", "plain"), [("мои\u0306", "мой"), ("е\u0308лка", "ёлка"),
                                             ("pirke\u0307ju\u0328", "pirkėjų")])
def test_decomposed_letters_stay_letters(word: str, plain: str) -> None:
    assert clean(word) == plain


def test_lithuanian_word_with_a_cyrillic_letter() -> None:
    assert clean("bаuda") == "bauda" and disguise("bаuda") == "lookalike"
    assert lemmas("skiriama bаuda", "lt")[-1] == lemmas("bauda", "lt")[0]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_block_prefilter_sees_every_disguise(name: str) -> None:
    from jdlint.nlp.disguise import may_hide

    assert may_hide(f"4.1. За опоздание налагается {VARIANTS[name]}.")


@pytest.mark.parametrize("text", [
    "4.1. За опоздание налагается дисциплинарное взыскание.",
    "Работает в MS Excel и 1С: Предприятие; IT-отдел, e-mail.",
    "Darbuotojas atsako už žalą, padarytą darbdaviui.",
])
def test_block_prefilter_passes_ordinary_text(text: str) -> None:
    from jdlint.nlp.disguise import may_hide

    assert not may_hide(text)


def test_text_prefilter_agrees_with_the_word_test() -> None:
    """``may_hide(text)`` is False only when no word token of the text is ``suspect``: the
    tokenizer skips the per-word test on such texts, so the two must agree exactly."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from jdlint.nlp.disguise import may_hide, suspect
    from jdlint.nlp.tokenize import split

    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЯabcxyzXYZαβΩ0129-'’ .,\u200b\u0301\u2066ąčė"

    @settings(max_examples=3000, derandomize=True, deadline=None)
    @given(st.text(alphabet=alphabet, max_size=16))
    def agree(text: str) -> None:
        if not may_hide(text):
            assert not any(kind == "word" and suspect(p) for p, _s, _e, kind in split(text))

    agree()
