"""The NLP layer: tokens, lemmas (RU pymorphy3, LT lookup table), overrides, caching and the
lemma phrase matcher."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jdlint import nlp
from jdlint.nlp import lithuanian, resources, russian
from jdlint.nlp.matcher import Match

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "corpus" / "src").glob("*.txt"))


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the compiled LT table out of the user's cache folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("JDLINT_CACHE_DIR", str(tmp_path_factory.mktemp("nlp-cache")))
    yield
    mp.undo()


@pytest.fixture
def fresh() -> Iterator[None]:
    """Empty word → lemma caches before and after a test that patches the machinery."""
    nlp.clear_caches()
    yield
    nlp.clear_caches()


# ---------------------------------------------------------------- import cost


def test_import_is_cheap() -> None:
    code = (
        "import sys, jdlint.nlp\n"
        "heavy = [m for m in ('pymorphy3', 'spacy', 'dawg', 'dawg_python', "
        "'spacy_lookups_data', 'yaml') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ---------------------------------------------------------------- lemmas


RU_GROUPS = {
    "штраф": ["штраф", "штрафа", "штрафу", "штрафом", "штрафы", "штрафов", "Штрафами"],
    "штрафовать": ["штрафовать", "штрафуется", "штрафуют", "штрафуются"],
    "оштрафовать": ["оштрафовать", "оштрафован", "оштрафована", "оштрафованы"],
    "премия": ["премия", "премии", "премию", "премий", "премией"],
    "лишение": ["лишение", "лишения", "лишении", "лишением"],
    "взыскание": ["взыскание", "взыскания", "взысканий", "взысканием"],
    "удержание": ["удержание", "удержания", "удержании"],
    "удерживать": ["удерживать", "удерживается", "удерживают"],
    "ответственность": ["ответственность", "ответственности", "ОТВЕТСТВЕННОСТЬ"],
    "обязанность": ["обязанность", "обязанности", "обязанностей", "обязанностями"],
    "подчиняться": ["подчиняется", "подчиняются", "подчиняться"],
    "подчинить": ["подчинён", "подчинен", "подчинена", "подчинены"],
    "менеджер": ["менеджер", "менеджера", "менеджеру", "менеджеров"],
    "вправе": ["вправе"],
    "установленный": ["установленном", "установленных", "установленный", "установленного"],
    "главный": ["главного", "главный", "главному"],
    "данные": ["данные", "данных", "данными"],
    "инженер-программист": ["инженер-программист", "инженера-программиста"],
}

LT_GROUPS = {
    "pareigos": ["pareigos", "pareigas", "pareigų", "pareigoms", "pareigomis"],
    "bauda": ["bauda", "baudos", "baudą", "baudų", "baudomis", "baudai"],
    "atsakomybė": ["atsakomybė", "atsakomybę", "atsakomybės", "atsakomybe"],
    "darbuotojas": ["darbuotojas", "darbuotojo", "darbuotojui", "darbuotojų", "Darbuotojai"],
    "darbdavys": ["darbdavys", "darbdavio", "darbdaviui"],
    "papeikimas": ["papeikimas", "papeikimą", "papeikimo"],
    "įspėjimas": ["įspėjimas", "įspėjimą", "įspėjimo"],
    "nuobauda": ["nuobauda", "nuobaudą", "nuobaudos"],
    "išskaita": ["išskaita", "išskaitos", "išskaitą", "išskaitų"],
    "žala": ["žala", "žalą", "žalos", "žalai"],
    "visiškas": ["visiška", "visišką", "visiškos"],
    "materialinis": ["materialinė", "materialinę", "materialinės"],
    "vadovas": ["vadovas", "vadovui", "vadovo"],
    "pavaldus": ["pavaldus", "pavaldi", "pavaldžiam"],
    "funkcija": ["funkcijos", "funkcijas", "funkcija"],
    "teisė": ["teisė", "teisės", "teises", "teisę", "teisių"],
    "rusija": ["Rusija", "Rusijos"],
    "federacija": ["Federacija", "Federacijos"],
    "darbas": ["darbas", "darbo"],
    "kodeksas": ["kodeksas", "kodekso", "kodeksu"],
    "tarnautojas": ["tarnautojas", "tarnautoja", "tarnautojo"],
}


@pytest.mark.parametrize(("expected", "forms"), RU_GROUPS.items(), ids=list(RU_GROUPS))
def test_russian_inflections_share_a_lemma(expected: str, forms: list[str]) -> None:
    assert {form: nlp.lemma(form, "ru") for form in forms} == dict.fromkeys(forms, expected)


@pytest.mark.parametrize(("expected", "forms"), LT_GROUPS.items(), ids=list(LT_GROUPS))
def test_lithuanian_inflections_share_a_lemma(expected: str, forms: list[str]) -> None:
    assert {form: nlp.lemma(form, "lt") for form in forms} == dict.fromkeys(forms, expected)


def test_lemmas_are_folded() -> None:
    assert nlp.lemma("Ёлки", "ru") == "елка"
    assert nlp.lemmas("Несёт ответственность, т.д. 5 раз.", "ru") == (
        "нести",
        "ответственность",
        "т.д.",
        "раз",
    )


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        nlp.lemma("word", "en")


# ---------------------------------------------------------------- tokens


def test_hyphenated_words_and_abbreviations_stay_one_token() -> None:
    text = "Инженер-программист (т.д., т. п., ст. 81, п. 2.3) из-за COVID-19 и.о. директора"
    words = [t.text for t in nlp.tokens(text, "ru") if t.is_word]
    assert words == [
        "Инженер-программист",
        "т.д.",
        "т. п.",
        "ст.",
        "п.",
        "из-за",
        "COVID-19",
        "и.о.",
        "директора",
    ]
    toks = {t.text: t for t in nlp.tokens(text, "ru")}
    assert toks["81"].is_word is False
    assert toks["2.3"].is_word is False
    assert toks["т. п."].lemma == "т.п."
    assert toks["Инженер-программист"].lower == "инженер-программист"


def test_lithuanian_abbreviations_and_numbers() -> None:
    toks = nlp.tokens("DK 34 str. 2 d. ir kt., t. y. el. paštu info@imone.lt", "lt")
    assert [t.text for t in toks] == [
        "DK",
        "34",
        "str.",
        "2",
        "d.",
        "ir",
        "kt.",
        ",",
        "t. y.",
        "el.",
        "paštu",
        "info@imone.lt",
    ]


def test_sentence_end_dot_is_not_glued_to_words() -> None:
    assert [t.text for t in nlp.tokens("Несёт ответственность.", "ru")] == [
        "Несёт",
        "ответственность",
        ".",
    ]


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_offsets_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lang = "lt" if path.name.startswith("lt_") else "ru"
    toks = nlp.tokens(text, lang)
    assert toks
    last = 0
    for tok in toks:
        assert text[tok.start : tok.end] == tok.text
        assert tok.start >= last
        assert text[last : tok.start].strip() == ""
        last = tok.end
    assert text[last:].strip() == ""


# ---------------------------------------------------------------- phrase matcher


def _found(matches: list[Match], text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.phrase) for m in matches]


def test_matcher_finds_every_inflection_ru() -> None:
    matcher = nlp.phrase_matcher(["штраф", "штрафовать", "оштрафовать", "штрафные санкции"], "ru")
    text = (
        "Работник штрафуется за опоздание. Размер штрафа определяет директор; работник "
        "может быть оштрафован. К нему применяются меры штрафных санкций."
    )
    assert _found(matcher.find(text), text) == [
        ("штрафуется", "штрафовать"),
        ("штрафа", "штраф"),
        ("оштрафован", "оштрафовать"),
        ("штрафных санкций", "штрафные санкции"),
    ]


def test_matcher_does_not_match_similar_words() -> None:
    matcher = nlp.phrase_matcher(["штраф"], "ru")
    assert matcher.find("Штат отдела утверждает директор; штатное расписание.") == []


def test_matcher_lithuanian() -> None:
    matcher = nlp.phrase_matcher(["bauda"], "lt")
    text = "Už pažeidimą skiriama bauda; baudos dydis, baudą, baudų, baudomis."
    assert [t for t, _ in _found(matcher.find(text), text)] == [
        "bauda",
        "baudos",
        "baudą",
        "baudų",
        "baudomis",
    ]
    assert nlp.phrase_matcher(["bauda"], "lt").find("Darbuotojas dirba baudžiauninku") == []


def test_matcher_gap() -> None:
    matcher = nlp.phrase_matcher(["лишение * премии"], "ru")
    text = "Возможно лишение квартальной премии и лишение премии."
    assert _found(matcher.find(text), text) == [
        ("лишение квартальной премии", "лишение * премии"),
        ("лишение премии", "лишение * премии"),
    ]
    assert matcher.find("Размер премии определяет директор.") == []
    assert matcher.find("Лишение отпуска не допускается.") == []
    # NOTE: three words in between exceed one "*" (up to 2); "* *" allows 4.
    far = "лишение ежемесячной и квартальной премии"
    assert matcher.find(far) == []
    assert len(nlp.phrase_matcher(["лишение * * премии"], "ru").find(far)) == 1


def test_matcher_stops_at_sentence_and_line_ends() -> None:
    matcher = nlp.phrase_matcher(["штрафные санкции"], "ru")
    assert matcher.find("Штрафные санкции.") != []
    assert matcher.find("Пункт о штрафной. Санкции не применяются.") == []
    assert matcher.find("Штрафные\nсанкции") == []


def test_matcher_longer_phrase_first_and_offsets() -> None:
    matcher = nlp.phrase_matcher(["материальная ответственность", "ответственность"], "ru")
    text = "Несёт полную материальную ответственность."
    found = matcher.find(text)
    assert _found(found, text) == [
        ("материальную ответственность", "материальная ответственность"),
        ("ответственность", "ответственность"),
    ]
    assert found[0].start == text.index("материальную")


# ---------------------------------------------------------------- overrides and fallback


def test_override_tables_exist_and_are_applied() -> None:
    ru = resources.overrides("ru")
    lt = resources.overrides("lt")
    assert ru["штрафоваться"] == "штрафовать"
    assert lt["pareigas"] == "pareigos"
    # NOTE: without the table the raw data gives these wrong lemmas.
    assert lithuanian.table().forms["pareigas"] == "ėjimas"
    assert nlp.lemma("pareigas", "lt") == "pareigos"
    assert nlp.lemma("штрафуется", "ru") == "штрафовать"


def test_override_file_is_read(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "ru-lemmas.yaml"
    table.write_text("language: ru\nlemmas:\n  Собака: КОТ\n  работает: трудиться\n", "utf-8")
    monkeypatch.setattr(resources, "override_path", lambda lang: table)
    nlp.clear_caches()
    assert nlp.lemma("Собаками", "ru") == "кот"  # listed as the analyser's lemma
    assert nlp.lemma("работает", "ru") == "трудиться"  # listed as the word form …
    assert nlp.lemma("работал", "ru") == "работать"  # … so other forms are untouched


def test_bad_override_file_is_reported(
    fresh: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "lt-lemmas.yaml"
    table.write_text("lemmas: [a, b]\n", "utf-8")
    monkeypatch.setattr(resources, "override_path", lambda lang: table)
    with pytest.raises(ValueError, match="mapping"):
        nlp.lemma("darbas", "lt")


def test_unknown_lithuanian_words_fall_back_to_a_stem(fresh: None) -> None:
    forms = ["zylbarkas", "zylbarko", "zylbarkui", "zylbarkų", "zylbarkais"]
    tab = lithuanian.table()
    assert not any(f in tab.forms for f in forms)
    assert {nlp.lemma(f, "lt") for f in forms} == {"zylbark"}
    # NOTE: an unknown inflection of a known headword reaches the headword via the stem index.
    for form, headword in (("papeikimui", "papeikimas"), ("baudose", "bauda")):
        assert form not in tab.forms and headword in tab.forms
        assert nlp.lemma(form, "lt") == headword


# ---------------------------------------------------------------- caching


class _SpyAnalyzer:
    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[str] = []

    def parse(self, word: str) -> Any:
        self.calls.append(word)
        return self.real.parse(word)


def test_russian_cache_avoids_second_parse(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    spy = _SpyAnalyzer(russian.analyzer())
    monkeypatch.setattr(russian, "_analyzer", spy)
    assert nlp.lemma("штрафа", "ru") == "штраф"
    assert nlp.lemma("Штрафа", "ru") == "штраф"
    nlp.tokens("Размер штрафа. Штрафа нет.", "ru")
    nlp.tokens("Размер штрафа.", "ru")
    assert spy.calls == ["штрафа", "размер", "нет"]


def test_analyser_is_created_once(monkeypatch: pytest.MonkeyPatch) -> None:
    first = russian.analyzer()
    assert russian.analyzer() is first
    assert russian.loaded()


def test_lithuanian_cache_avoids_second_lookup(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = lithuanian.table

    def counting() -> lithuanian.Table:
        calls.append(1)
        return real()

    monkeypatch.setattr(lithuanian, "table", counting)
    assert nlp.lemma("baudos", "lt") == "bauda"
    assert nlp.lemma("Baudos", "lt") == "bauda"
    nlp.lemmas("baudos baudos", "lt")
    assert len(calls) == 1
