"""Speed-ups of the rules (issue 19) must give the same answers as what they replaced.

``checklib.literals.Prefilter`` skips the regular expressions whose literal words a text
lacks: it must never skip one that matches (JD109's acts, JD106's prompts, the jurisdiction
markers), on generated text mixing both scripts, every case, and the characters that ``re``
folds differently from ``str.lower``.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.checklib import jurisdiction
from jdlint.core import literals

ROOT = Path(__file__).resolve().parents[1]


def _rule_patterns(code: str, key: str, field: str, flags: int) -> dict[str, list[re.Pattern[str]]]:
    data = yaml.safe_load((ROOT / "rules" / f"{code}.yaml").read_text("utf-8"))["data"]
    out: dict[str, list[re.Pattern[str]]] = {}
    for item in data[key]:
        langs = item.get("lang", ("ru", "lt"))
        for lang in (langs,) if isinstance(langs, str) else langs:
            out.setdefault(lang, []).append(re.compile(str(item[field]), flags))
    return out


LISTS: list[list[re.Pattern[str]]] = [
    *_rule_patterns("JD109", "superseded", "pattern", re.IGNORECASE).values(),
    *_rule_patterns("JD106", "patterns", "regex", 0).values(),
    *([*markers.values(), jurisdiction._BY_WORD] for markers in jurisdiction._MARKERS.values()),
]

# NOTE: words the patterns look for, in several spellings and cases, and the characters
# that case-insensitive ``re`` pairs with letters whose lowercase differs ("ᲃ" ~ "с").
_PIECES = st.sampled_from([
    "ГОСТ Р 6.30-2003", "гост р 7.0.97—2016", "КЗоТ", "Кодексом законов о труде", "ГоСт",
    "DK 232 str.", "Darbo kodekso 240 straipsnis", "2002 m. birželio 4 d. darbo kodeksas",
    "ВЫСШЕГО ПРОФЕССИОНАЛЬНОГО ОБРАЗОВАНИЯ", "начальное профессиональное образование",
    "милиции", "Минобразования России", "интернатура", "врач-интерн", "N 3266-1",
    "(Ф.И.О.)", "ООО «ХХХ»", "Иванов И.И.", "(įmonės pavadinimas)", "[вставить]", "200_ г.",
    "(наименование организации)", "Vardas Pavardė", "Ф. И. О.", "UAB „__“",
    "Российской Федерации", "РФ", "Республики Беларусь", "нанимателя", "Lietuvos Respublikos",
    "LR", "Rusijos Federacijos", "DK", "125-ФЗ", "закон «Об образовании»",
    "ᲃ", "ᲂ", "ᲀ", "ſ", "ı", "İ", "\u0307", "\u212a", "ё", "Ё", "i", "s", " ", "\n", "«", "»",
    ".", "-", "_", "—", "(", ")", "[", "]", "7", "0", "Х", "X", "x", "ХxХ", "___",
])
TEXTS = st.lists(_PIECES, max_size=10).map("".join)


def _keeps_every_match(patterns: list[re.Pattern[str]], text: str) -> None:
    live = literals.Prefilter(patterns).live(text)
    assert live == sorted(set(live))
    for number, pattern in enumerate(patterns):
        if pattern.search(text):
            assert number in live, (pattern.pattern, text)


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.sampled_from(range(len(LISTS))))
def test_prefilter_keeps_every_pattern_that_matches(text: str, which: int) -> None:
    _keeps_every_match(LISTS[which], text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from(range(len(LISTS))))
def test_prefilter_on_any_text(text: str, which: int) -> None:
    _keeps_every_match(LISTS[which], text)


def test_required_literals() -> None:
    """What the walk of the parse tree reads from a pattern, and where it gives up."""
    def req(pattern: str, flags: int = re.IGNORECASE) -> set[str] | None:
        found = literals.required(re.compile(pattern, flags))
        return None if found is None else set(found)

    assert req(r"ГОСТ\s*Р\s*6\.30") == {"гост"}
    assert req(r"\bРФ\b|Российск\w*\s+Федераци\w*") == {"рф", "российск"}
    assert req(r"(?:№|N)\s*1/29\b") == {"1/29"}
    assert req(r"a?b?") is None  # NOTE: may match the empty string
    assert req(r"(x+)\1") == {"x"}
    assert req(r"(?:abc|d*)") is None  # NOTE: one branch requires nothing
    assert req(r"ſtraf") == {"traf"}  # NOTE: "ſ" pairs with "s" under IGNORECASE
    assert req(r"[XХ]{3,}", 0) == {a + b + c for a in "xх" for b in "xх" for c in "xх"}
    assert req(r"_{3,}\s*г\.", 0) == {"___"}
    assert req(r"[a-c]{3}", 0) is None


def test_alien_characters_keep_every_pattern() -> None:
    """The guard can fail: "гоᲃт" matches ГОСТ case-insensitively, its lowercase form does
    not contain "гост", so without the ALIEN check the pattern would be dropped."""
    pattern = re.compile("ГОСТ", re.IGNORECASE)
    text = "гоᲃт"
    assert pattern.search(text) and "гост" not in text.lower()
    assert literals.Prefilter([pattern]).live(text) == [0]
    assert literals.Prefilter([pattern]).live("гост") == [0]
    assert literals.Prefilter([pattern]).live("госп") == []
    # NOTE: "İ" lowercases to two characters; "ik" is found case-insensitively in "İk".
    dotted = re.compile("ik", re.IGNORECASE)
    assert dotted.search("İk") and "ik" not in "İk".lower()
    assert literals.Prefilter([dotted]).live("İk") == [0]


@pytest.mark.skipif(sys.maxunicode < 0x10FFFF, reason="narrow build")
def test_anchor_characters_have_no_other_partners() -> None:
    """Every character ``re`` matches case-insensitively with an anchor character lowercases
    to the anchor's own lowercase, or is ALIEN (scanned over all of Unicode)."""
    anchors = sorted(literals.ANCHOR_LETTERS | set("«»„“”№–—…")
                     | {chr(c) for c in range(128) if not chr(c).isalpha()})
    assert all(literals.anchor_char(ord(a)) is not None for a in anchors)
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    scan = re.compile("[" + "".join(map(re.escape, anchors)) + "]", re.IGNORECASE)
    partners = set(scan.findall(everything))
    for t in partners:
        for a in anchors:
            if re.fullmatch(re.escape(a), t, re.IGNORECASE):
                assert t.lower() == literals.anchor_char(ord(a)) or literals.ALIEN.match(t), \
                    (hex(ord(t)), a)
    # NOTE: a pattern's capital letter stands for its lowercase: ``re`` matches both alike
    for c in range(0x110000):
        char = chr(c)
        low = literals.anchor_char(c)
        if low is not None and low != char:
            assert re.fullmatch(re.escape(char), low, re.IGNORECASE), hex(c)
    assert literals.anchor_char(ord("Ё")) == "ё" and literals.anchor_char(ord("ſ")) is None


class _Odd:
    def __str__(self) -> str:
        return "odd «value»\n"


_LEAVES = (st.none() | st.booleans() | st.integers(min_value=-10**20, max_value=10**20)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
           | st.sampled_from([0.1, -0.0, 1e16, 1e-7, 0.5, 3, True, _Odd()])
           | st.dates())
_KEYS = st.text(max_size=6) | st.integers(-5, 5) | st.floats(allow_nan=False) | st.booleans() \
    | st.none()
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: (st.lists(inner, max_size=5) | st.lists(inner, max_size=5).map(tuple)
                   | st.dictionaries(_KEYS, inner, max_size=5)
                   | st.lists(st.floats(), min_size=1, max_size=6)
                   | st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=6)),
    max_leaves=25)


def _finite(value: object) -> object:
    """``value`` with NaN and the infinities as None (jsontext writes them ``null``)."""
    if type(value) is float and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_finite(v) for v in value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


@settings(max_examples=500, deadline=None)
@given(_VALUES)
def test_jsontext_is_json_dumps(value: object) -> None:
    """The JSON report's text is the standard library's, byte for byte (NaN as null)."""
    import json

    from jdlint.core import jsontext

    expected = json.dumps(_finite(value), ensure_ascii=False, indent=2, default=str)
    assert jsontext.dumps(value) == expected
    assert jsontext.dumps(value, 4) == expected.replace("\n", "\n    ")


@pytest.mark.parametrize("number", [1e-05, -2.5e-07, 1e16, 1.2345678901234567e+16, 1e22,
                                    5e-324, 0.0001, 123456789.123, 0.1, -0.0])
def test_jsontext_spells_floats_as_repr(number: float) -> None:
    """orjson spells some floats otherwise (``0.00001``, ``1e16``): those go the slow way."""
    import json

    import orjson

    from jdlint.core import jsontext

    value = {"score": number, "row": [number, 0.5]}
    assert jsontext.dumps(value) == json.dumps(value, indent=2)
    if number == 1e-05:
        # NOTE: the check above can fail: orjson alone spells this one "0.00001"
        assert orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() != jsontext.dumps(value)


def test_jsontext_takes_orjson_for_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report's plain data never takes the slow path; a date or a str subclass does."""
    import datetime
    import enum
    import json

    from jdlint.core import jsontext

    report = {"code": "JD403", "matrix": [[0.25, 0.0, 1.0]], "line": None, "ok": True,
              "text": "«Вести учёт» — pareigos\n\t\x00", "fingerprint": "32f9e8873e5e0",
              "url": "https://e-tar.lt/portal/legalAct.html?documentId=TAR.E60E6A1"}
    expected = json.dumps(report, ensure_ascii=False, indent=2)
    monkeypatch.setattr(jsontext, "_slow", lambda value: pytest.fail("slow path"))
    assert jsontext.dumps(report) == expected
    monkeypatch.undo()

    class Kind(enum.StrEnum):
        DUTY = "duty"

    class Plain(enum.Enum):
        DUTY = "duty"

    odd = {"day": datetime.date(2026, 12, 7), "kind": Kind.DUTY, 3: "x"}
    assert jsontext.dumps(odd) == json.dumps(odd, ensure_ascii=False, indent=2, default=str)
    assert jsontext.dumps([Plain.DUTY]) == '[\n  "duty"\n]'
    looks_like = {"note": "срок: 1e5", "n": [1e-05]}  # NOTE: slow path, same text
    assert jsontext.dumps(looks_like) == json.dumps(looks_like, ensure_ascii=False, indent=2)


def test_jsontext_can_differ_and_keeps_json_errors() -> None:
    """The comparison sees a float spelling; json's errors stay json's."""
    from jdlint.core import jsontext

    assert jsontext.dumps([float("nan"), 1.0]) == '[\n  null,\n  1.0\n]'
    assert jsontext.dumps({float("inf"): [float("-inf")], "d": __import__("datetime").date(
        2026, 1, 1)}) == '{\n  "Infinity": [\n    null\n  ],\n  "d": "2026-01-01"\n}'
    assert jsontext.dumps({"a": [1, 2]}) != jsontext.dumps({"a": [1.0, 2]})
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        jsontext.dumps(loop)
    with pytest.raises(TypeError):
        jsontext.dumps({(1, 2): 3})


def _old_bracket_spans(text: str) -> list[tuple[int, int]]:
    """``placeholder_gaps._bracket_spans`` before issue 19: every character visited."""
    from jdlint.checklib import placeholder_gaps as gaps

    spans: list[tuple[int, int]] = []
    depth = 0
    open_at = 0
    for i, ch in enumerate(text):
        if ch in "([":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch in ")]":
            if depth == 0:
                spans.append((gaps._sentence_start(text, i, gaps._FULL_STOP), i + 1))
            else:
                depth -= 1
                if depth == 0:
                    spans.append((open_at, i + 1))
    if depth > 0:
        spans.append((open_at, len(text)))
    return spans


_BRACKETED = st.lists(st.sampled_from(["(", ")", "[", "]", "высшее", "; ", ". ", "Ž", " ",
                                       "\n", "среднее", "!", "?"]), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(_BRACKETED)
def test_bracket_spans_visit_only_brackets(text: str) -> None:
    from jdlint.checklib import placeholder_gaps as gaps

    assert gaps._bracket_spans(text) == _old_bracket_spans(text)


def test_bracket_spans_can_differ() -> None:
    """A stray ")" reaches back to its sentence; an unclosed "(" runs to the end."""
    from jdlint.checklib import placeholder_gaps as gaps

    assert gaps._bracket_spans("А. б; в) и (г") == [(3, 8), (11, 13)]


def _old_row(duty: list[str], actions: list[list[str]], weights: dict[str, float],
             default: float, soft: dict[str, frozenset[str]]) -> list[float]:
    """``coverage._row`` before issue 19: every lemma of every action for every duty."""
    from jdlint.profstandards import matrix as cov

    if not duty:
        return [0.0] * len(actions)
    pool = set(duty)
    out: list[float] = []
    for action in actions:
        if not action:
            out.append(0.0)
            continue
        head = action[0]
        total = got = 0.0
        for lem in dict.fromkeys(action):
            w = weights.get(lem, default) * (cov.HEAD if lem == head else 1.0)
            total += w
            if lem in pool:
                got += w * 1.0
            else:
                got += w * (0.0 if soft[lem].isdisjoint(pool) else cov.SOFT)
        out.append(got / total if total else 0.0)
    return out


_LEMMAS = st.sampled_from(["ведение", "ведомость", "учет", "учетный", "контроль", "контролировать",
                           "система", "систематизация", "отчет", "отчетность", "а", "кадр"])
_WEIGHTS = st.dictionaries(_LEMMAS, st.floats(min_value=0.01, max_value=5.0), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LEMMAS, max_size=5), max_size=5),
       st.lists(st.lists(_LEMMAS, max_size=6), min_size=1, max_size=6), _WEIGHTS)
def test_coverage_rows_are_the_pairwise_formula(duties: list[list[str]],
                                                actions: list[list[str]],
                                                weights: dict[str, float]) -> None:
    """JD403's matrix: the same floats as scoring each duty and action alone."""
    from jdlint.profstandards import matrix

    default = max(weights.values(), default=1.0)
    soft = matrix.soft_matches(actions, (lem for d in duties for lem in d))
    side = matrix.Side(actions, weights, default)
    for duty in duties:
        row = side.columns.row(set(duty), side.softly(duty)) if duty else [0.0] * len(actions)
        assert row == _old_row(duty, actions, weights, default, soft)


def test_coverage_rows_can_differ() -> None:
    """The comparison sees a soft partner (0.8) and a head word counting double."""
    from jdlint.profstandards import matrix

    actions = [["ведение", "контроль"], ["контроль", "ведение"]]
    side = matrix.Side(actions, {}, 1.0)
    row = side.columns.row({"контролировать"}, side.softly(["контролировать"]))
    assert row == [0.8 / 3, 0.8 * 2 / 3] and row[0] != row[1]


@settings(max_examples=300, deadline=None)
@given(st.text("абвгдеёжзabc -«»", max_size=14), st.text("абвгдеёжзabc -«»", max_size=14))
def test_similar_org_names_are_the_plain_ratio(a: str, b: str) -> None:
    """JD110's name comparison: the quick upper bounds never change the answer."""
    import difflib

    from jdlint.checks import employer

    plain = a == b or (min(len(a), len(b)) >= 4
                       and difflib.SequenceMatcher(None, a, b).ratio() >= 0.85)
    assert employer._similar(a, b) == plain


def test_similar_org_names_can_differ() -> None:
    from jdlint.checks import employer

    assert employer._similar("альфастрой", "альфастрои")
    assert not employer._similar("альфастрой", "бетастрой")


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 4).flatmap(lambda n: st.lists(
    st.lists(st.sampled_from([0.0, 0.3, 0.5, 0.49999, 0.9]), min_size=n, max_size=n),
    min_size=1, max_size=4)))
def test_covered_actions_are_the_row_formula(scores: list[list[float]]) -> None:
    """JD403's covered actions read column by column: the same indices as row by row."""
    from jdlint.profstandards import coverage as cov

    width = len(scores[0])
    result = cov.Coverage(None, (), tuple((None, str(j)) for j in range(width)),  # type: ignore[arg-type]
                          tuple(map(tuple, scores)), False, ())
    assert result.covered() == [j for j in range(width)
                                if any(row[j] >= cov.THRESHOLD for row in scores)]


_SPELLINGS = st.sampled_from(["контроль", "контролировать", "контролер", "систематизация",
                              "система", "отчетность", "отчет", "документация", "документ",
                              "планирование", "планировать", "организация", "организовывать"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_SPELLINGS, max_size=4), max_size=4), st.lists(_SPELLINGS, max_size=8))
def test_soft_matches_are_every_pair(actions: list[list[str]], vocabulary: list[str]) -> None:
    """JD403's soft partners, candidates narrowed by length: every pair ``soft`` accepts."""
    from jdlint.profstandards import matrix

    found = matrix.soft_matches(actions, vocabulary)
    for lem in {lem for action in actions for lem in action}:
        assert found[lem] == frozenset(d for d in set(vocabulary)
                                       if d != lem and matrix.soft(lem, d) > 0.0)
