"""The spaCy tokenizer backend (``jdlint.nlp.spacy_backend``): selection, laziness, and
equivalence with the default regex tokenizer on the corpus (tokens, lemmas, findings).

spaCy is the extra ``jdlint[spacy]``: these tests skip without it. The test extra pulls it in
(``.[test]`` → ``jdlint[spacy]``), so the README's set-up and CI run them; what happens
without spaCy is tested in ``tests/test_light_install.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("spacy", reason="spaCy is the optional extra jdlint[spacy]")

from jdlint import nlp
from jdlint.nlp import spacy_backend, tokenize
from jdlint.run import cache

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "corpus" / "src").glob("*.txt"))


def _lang(path: Path) -> str:
    return "lt" if path.name.startswith("lt_") else "ru"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != nlp.ENV_VAR}
    env.update(extra)
    return env


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the compiled LT table out of the user's cache folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("JDLINT_CACHE_DIR", str(tmp_path_factory.mktemp("nlp-spacy-cache")))
    yield
    mp.undo()


@pytest.fixture
def backend() -> Iterator[None]:
    """Restore the process's tokenizer backend after a test that switches it."""
    before = nlp.tokenizer()
    yield
    nlp.set_tokenizer(before)


def _with(name: str, func: Any, *args: Any) -> Any:
    nlp.set_tokenizer(name)
    return func(*args)


def _spans(text: str, lang: str, name: str) -> list[tuple[str, int, int, str]]:
    if name == "spacy":
        return list(spacy_backend.split(text, lang))
    return list(tokenize.split(text))


# ---------------------------------------------------------------- selection and start-up


def _run(code: str, **env: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=_env(**env))
    return out.stdout.strip()


def test_default_backend_never_imports_spacy() -> None:
    code = (
        "import sys, jdlint.nlp\n"
        "print(jdlint.nlp.lemmas('тест', 'ru'), jdlint.nlp.tokenizer(), 'spacy' in sys.modules)"
    )
    assert _run(code) == "('тест',) regex False"


def test_environment_selects_spacy_and_pipelines_are_lazy() -> None:
    code = (
        "import sys, jdlint.nlp\n"
        "from jdlint.nlp import spacy_backend as sb\n"
        "before = 'spacy' in sys.modules\n"
        "lemmas = jdlint.nlp.lemmas('Инженер-программист, т. д.', 'ru')\n"
        "print(before, 'spacy' in sys.modules, sb.loaded('ru'), sb.loaded('lt'), lemmas)"
    )
    out = _run(code, JDLINT_TOKENIZER="Spacy")
    assert out == "False True True False ('инженер-программист', 'т.д.')"


def test_environment_is_read_once(backend: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "_tokenizer", None)
    monkeypatch.setenv(nlp.ENV_VAR, "spacy")
    assert nlp.tokenizer() == "spacy"
    monkeypatch.setenv(nlp.ENV_VAR, "regex")
    assert nlp.tokenizer() == "spacy"
    nlp.set_tokenizer("regex")  # NOTE: the call wins over the environment
    assert nlp.tokenizer() == "regex"


def test_unknown_backend_is_an_error(backend: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown tokenizer 'nltk'"):
        nlp.set_tokenizer("nltk")
    monkeypatch.setattr(nlp, "_tokenizer", None)
    monkeypatch.setenv(nlp.ENV_VAR, "bogus")
    with pytest.raises(ValueError, match="JDLINT_TOKENIZER"):
        nlp.tokenizer()


def test_bad_environment_value_is_a_usage_error() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "jdlint", "check", str(SOURCES[0])],
        capture_output=True, text=True, env=_env(JDLINT_TOKENIZER="bogus"),
    )
    assert out.returncode == 2
    assert "unknown tokenizer 'bogus'" in out.stderr
    assert "Traceback" not in out.stderr


def test_one_pipeline_per_language() -> None:
    ru = spacy_backend.pipeline("ru")
    assert spacy_backend.pipeline("ru") is ru
    assert spacy_backend.pipeline("lt") is not ru
    assert spacy_backend.loaded("ru") and spacy_backend.loaded("lt")
    assert ru.pipe_names == []  # NOTE: a blank pipeline: tokenizer only, no model
    with pytest.raises(ValueError, match="unsupported language"):
        spacy_backend.pipeline("en")


def test_result_cache_key_names_the_backend(backend: None) -> None:
    keys = set()
    for name in nlp.TOKENIZERS:
        nlp.set_tokenizer(name)
        cache.code_version.cache_clear()
        keys.add(cache.code_version())
    cache.code_version.cache_clear()
    assert len(keys) == 2


# ---------------------------------------------------------------- equivalence on the corpus


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_same_lemmas_and_tokens_on_the_corpus(backend: None, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lang = _lang(path)
    regex = _with("regex", nlp.lemmas, text, lang)
    spacy = _with("spacy", nlp.lemmas, text, lang)
    assert len(regex) > 100
    assert spacy == regex
    # NOTE: stronger than the brief's word lemmas: every token, its kind and offsets, for the
    # whole text and line by line (the rules tokenise blocks).
    assert _spans(text, lang, "spacy") == _spans(text, lang, "regex")
    for line in text.splitlines():
        assert _spans(line, lang, "spacy") == _spans(line, lang, "regex"), line
    toks = _with("spacy", nlp.tokens, text, lang)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert toks == _with("regex", nlp.tokens, text, lang)


# NOTE: each case is one where spaCy's blank tokenizer alone cuts differently; the second
# item is what both backends give.
ALIGNED = {
    "hyphenated words": ("Водитель-курьер из-за COVID-19, E-mail", [
        "Водитель-курьер", "из-за", "COVID-19", ",", "E-mail"]),
    "abbreviations": ("см. ст.81 ТК РФ и т.д., т. п. Напр. НАПР.", [
        "см.", "ст.", "81", "ТК", "РФ", "и", "т.д.", ",", "т. п.", "Напр.", "НАПР."]),
    "numbers and clause refs": ("п.2.3.1, 0,5 ставки, 1–3 года, +7 999", [
        "п.", "2.3.1", ",", "0,5", "ставки", ",", "1", "–", "3", "года", ",", "+", "7", "999"]),
    "initials": ("Иванов И.И., Ф.И.О. и. о. директора", [
        "Иванов", "И.", "И.", ",", "Ф.", "И.О.", "и. о.", "директора"]),
    "brackets and suffixes": ("ознакомлен(а): 4-ОД, 5-го", [
        "ознакомлен", "(", "а", ")", ":", "4", "-", "ОД", ",", "5", "-", "го"]),
    "e-mails and urls": ("info@firma.ru, https://firma.ru/a-b. i.SAF", [
        "info@firma.ru", ",", "https://firma.ru/a-b", ".", "i.", "SAF"]),
    "stops": ("Итак... конец.. /___/", [
        "Итак", ".", ".", ".", "конец", ".", ".", "/", "_", "_", "_", "/"]),
    "lithuanian": ("DK 34 str. 2 d. ir kt., t. y. el. paštu", [
        "DK", "34", "str.", "2", "d.", "ir", "kt.", ",", "t. y.", "el.", "paštu"]),
}


@pytest.mark.parametrize(("text", "expected"), ALIGNED.values(), ids=list(ALIGNED))
def test_aligned_cases(text: str, expected: list[str]) -> None:
    lang = "lt" if "paštu" in text else "ru"
    assert [p for p, *_ in _spans(text, lang, "spacy")] == expected
    assert _spans(text, lang, "spacy") == _spans(text, lang, "regex")


def test_spacy_defaults_alone_would_differ() -> None:
    """The customisation is what aligns the backends (this test fails if it is dropped).
    E-mails and URLs are kept whole by spaCy's defaults already; the case guards them."""
    import spacy

    plain = {lang: spacy.blank(lang).tokenizer for lang in ("ru", "lt")}
    for name, (text, expected) in ALIGNED.items():
        lang = "lt" if "paštu" in text else "ru"
        cut = [t.text for t in plain[lang](text) if not t.is_space]
        assert (cut == expected) == (name == "e-mails and urls"), (name, cut)


def test_known_difference_mixed_case_abbreviation() -> None:
    """Documented: spaCy's special cases match lower, Title and UPPER case only, the regex
    any case; "нАпр." is then a word and a full stop."""
    assert [p for p, *_ in _spans("нАпр.", "ru", "spacy")] == ["нАпр", "."]
    assert [p for p, *_ in _spans("нАпр.", "ru", "regex")] == ["нАпр."]


def test_phrase_matcher_on_spacy_tokens(backend: None) -> None:
    nlp.set_tokenizer("spacy")
    matcher = nlp.phrase_matcher(["штрафные санкции", "лишение * премии"], "ru")
    text = "Водитель-курьер: штрафных санкций нет... Лишение квартальной премии, т. д."
    found = [(text[m.start : m.end], m.phrase) for m in matcher.find(text)]
    assert found == [("штрафных санкций", "штрафные санкции"),
                     ("Лишение квартальной премии", "лишение * премии")]
    assert matcher.find("Штрафные... санкции") == []


# ---------------------------------------------------------------- findings on the corpus


_SPY = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('SPACY', 'spacy' in sys.modules, file=sys.stderr))\n"
    "from jdlint.entry import main\n"
    "main()\n"
)


def _findings(name: str) -> tuple[list[tuple[str, str, Any, str]], bool]:
    out = subprocess.run(
        [sys.executable, "-c", _SPY, "check", "--output-format", "json", "--no-cache",
         "--exit-zero", "--jobs", "1", "corpus/"],
        capture_output=True, text=True, cwd=ROOT, env=_env(JDLINT_TOKENIZER=name),
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    found = [
        (f["path"], item["code"], item["location"].get("clause"), item["fingerprint"])
        for f in data["files"] for item in f["findings"]
    ]
    return found, "SPACY True" in out.stderr


def test_same_findings_on_the_corpus() -> None:
    regex, regex_used_spacy = _findings("regex")
    spacy, spacy_used_spacy = _findings("spacy")
    assert not regex_used_spacy and spacy_used_spacy
    assert len(regex) > 100
    assert spacy == regex


# ---------------------------------------------------------------- disguised words (issue 18)

# NOTE: spaCy cuts a word at an invisible character ("шт", "\u2066", "раф"); the backend joins
# the pieces, so a disguised fine is one token whose lemma is "штраф" in both backends.
DISGUISED = ["шт\u200eраф", "шт\u2066ра\u2069ф", "шт\u034fраф", "шт\u180eраф", "шт\u2062раф",
             "шт\ufe0fраф", "штра\u0301ф", "штpaф", "bau\u200eda"]


@pytest.mark.parametrize("word", DISGUISED)
def test_disguised_word_is_one_token_in_both_backends(word: str) -> None:
    lang = "lt" if word.startswith("bau") else "ru"
    text = f"За опоздание налагается {word}, и это всё."
    assert _spans(text, lang, "spacy") == _spans(text, lang, "regex")


@pytest.mark.parametrize("word", DISGUISED[:8])
def test_disguised_fine_is_found_with_spacy(backend: None, word: str) -> None:
    text = f"4.1. За опоздание на работника налагается {word}."
    assert "штраф" in _with("spacy", nlp.lemmas, text, "ru")


def test_punctuation_after_glue_stays_apart() -> None:
    text = "штраф\u200b, премия"
    assert [p for p, *_ in spacy_backend.split(text, "ru")] == ["штраф\u200b", ",", "премия"]
    assert [p for p, *_ in spacy_backend.split("2\u200bштраф", "ru")][-1] == "штраф"
