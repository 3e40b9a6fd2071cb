"""Speed-ups of the labour-law and consistency rules (issue 19) must give the same answers as
what they replaced: the old code is kept here and compared with the new on generated and edge
inputs, and each comparison is shown able to fail.

* the per-document lemma index of the phrase rules (``checklib.lemma_index._lemma_blocks``, first
  asked for by JD201) lists every token's lemma instead of preparing each block for the
  matcher: a superset of what the matcher sees;
* the document windows of the phrase rules (JD202, JD206, JD210) and JD204's special regime
  search only the blocks holding a first lemma of their phrases (``candidate_blocks``);
* JD303 (``checks.contradictions``): a substring test on the clause's joined lemmas skips the
  clauses that hold no word with the forbidden action's stem; the time of day is looked for
  before the working-hours phrases; the phrase lists a clause cannot hold end the walks early.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.checklib import lemma_index, matching
from jdlint.checklib.phrase_context import matcher, tokens
from jdlint.checks import contradictions as jd303
from jdlint.checks import labour
from jdlint.core.model import Clause, Document, Finding
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.nlp.matcher import PhraseMatcher

ROOT = Path(__file__).resolve().parents[1]

# ----------------------------------------------------------------------------- JD303 parts

_BAN_WORDS = jd303._Words(
    prohibitions=(("не", "вправе"),), qualifiers=frozenset({"самостоятельно"}),
    permissions=(("по", "согласование"),), stopwords=frozenset({"и", "в"}),
    probation=(), hours=(("рабочий", "время"),), hours_skip=frozenset({"обед"}),
    numbers={}, units={})
_LEMMAS = st.sampled_from([
    "утверждать", "утвердить", "утвер", "утв", "утверждение", "бюджет", "бюджетный", "проект",
    "не", "вправе", "самостоятельно", "по", "согласование", ";", ".", "и", "рабочий", "время",
    "обед", "9", "\x00", "утв\x00ерждать", "", "ут",
])


def _old_asserts(seq: list[str], ban: jd303._Prohibition, w: jd303._Words) -> bool:
    """``_asserts`` as it was; the new code first asks ``_may_assert``."""
    for i, lem in enumerate(seq):
        if lem[:5] != ban.action[:5] or jd303._negated(seq, i, w):
            continue
        window: list[str] = []
        for other in seq[i + 1:i + 12]:
            if other in jd303._STOP:
                break
            window.append(other[:5])
        if sum(1 for o in ban.objects if o in window) < min(2, len(ban.objects)):
            continue
        if ban.qualified:
            return (any(q in seq for q in w.qualifiers)
                    and not any(jd303._find(seq, p) >= 0 for p in w.permissions))
        return True
    return False


def _ban(action: str, qualified: bool) -> jd303._Prohibition:
    return jd303._Prohibition(action, ("бюдже", "проек"), qualified, "")


@settings(max_examples=500, deadline=None)
@given(st.lists(_LEMMAS, max_size=14), st.sampled_from(["утверждать", "утв", "ут", "утверж"]),
       st.booleans())
def test_may_assert_never_hides_an_assertion(seq: list[str], action: str,
                                             qualified: bool) -> None:
    ban = _ban(action, qualified)
    old = _old_asserts(seq, ban, _BAN_WORDS)
    assert jd303._asserts(seq, ban, _BAN_WORDS) == old
    if old:
        assert jd303._may_assert(jd303._joined(seq), ban)


def test_may_assert_can_fail() -> None:
    seq = ["утверждать", "бюджет", "проект"]
    assert _old_asserts(seq, _ban("утверждение", False), _BAN_WORDS)
    assert jd303._may_assert(jd303._joined(seq), _ban("утверждение", False))
    # a shorter stem must be the whole lemma, a five-letter one its start
    assert not jd303._may_assert(jd303._joined(["утвердить"]), _ban("утв", False))
    assert jd303._may_assert(jd303._joined(["утв", "x"]), _ban("утв", False))
    assert not jd303._may_assert(jd303._joined(["бюджет"]), _ban("утверждать", False))


def _old_hours(clause: Clause, seq: Sequence[str], w: jd303._Words) -> str | None:
    if not any(jd303._find(seq, p) >= 0 for p in w.hours) or any(s in w.hours_skip
                                                                  for s in seq):
        return None
    found = jd303._TIME_RANGE.search(clause.text)
    if not found:
        return None
    h1, m1, h2, m2 = (int(g) for g in found.groups())
    return f"{h1:02d}:{m1:02d}–{h2:02d}:{m2:02d}"


_TIMES = st.sampled_from(["", "с 9:00 до 18:00", "8.30-17.30", "9 до 18", "10:00 — 19:00",
                          "12:00 iki 13:00", "24.99-1.00"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LEMMAS, max_size=10), _TIMES, st.booleans())
def test_hours_is_the_old_order(seq: list[str], time: str, empty: bool) -> None:
    w = jd303._present(_BAN_WORDS, seq) if empty else _BAN_WORDS
    clause = Clause(label="1.1.", path="1.1", number=(1, 1), text=" ".join([*seq, time]),
                    blocks=(0,))
    assert jd303._hours(clause.text, seq, w) == _old_hours(clause, seq, w)


def test_hours_comparison_can_fail() -> None:
    clause = Clause(label="1.1.", path="1.1", number=(1, 1), text="рабочее время с 9:00 до 18:00",
                    blocks=(0,))
    assert _old_hours(clause, ["рабочий", "время"], _BAN_WORDS) == "09:00–18:00"
    assert _old_hours(clause, ["рабочий", "время", "обед"], _BAN_WORDS) is None


# ------------------------------------------------------------------------ JD303 whole rule

# NOTE: shared with tests/test_perf_jd303_texts.py (JD303's pairs: bans against grants,
# probation and working-time figures, experience with and without a requirement)
CONTRADICTION_CLAUSES = [
    "Работник не вправе утверждать бюджет проекта и сметы отдела.",
    "Работник не вправе самостоятельно утверждать бюджет проекта отдела.",
    "Утверждает бюджет проекта и сметы отдела.",
    "Самостоятельно утверждает бюджет проекта отдела.",
    "Утверждает бюджет проекта отдела по согласованию с директором.",
    "Не утверждает бюджет проекта отдела.",
    "Запрещается разглашать сведения о клиентах компании.",
    "Разглашает сведения о клиентах компании партнерам.",
    "Испытательный срок составляет три месяца.",
    "Испытательный срок - 2 месяца.",
    "Рабочее время с 9:00 до 18:00.",
    "Рабочий день с 8.00 до 17.00, перерыв на обед с 12:00 до 13:00.",
    "Стаж работы не менее 2 лет (без предъявления требований к стажу).",
    "Стаж не менее 3 лет или без требований к стажу.",
    "Ведет учет документов.",
]
_CLAUSES = st.sampled_from(CONTRADICTION_CLAUSES)


def _document(clauses: list[str]) -> str:
    body = [f"2.{n}. {text}" for n, text in enumerate(clauses, 1)]
    return "\n".join(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера", "1. Общие положения",
                      "1.1. Менеджер относится к категории специалистов.",
                      "2. Должностные обязанности", *body, "3. Права",
                      "3.1. Вносить предложения руководству."]) + "\n"


def _findings(path: Path) -> list[tuple[object, ...]]:
    rules = [r for c, r in load_rules().items() if c == "JD303"]
    result = lint_file(path, rules, Settings())
    assert result.error is None
    return [_shape(f) for f in result.findings]


def _shape(f: Finding) -> tuple[object, ...]:
    return (f.code, f.message, f.source, repr(f.data), f.severity)


@settings(max_examples=25, deadline=None)
@given(st.lists(_CLAUSES, min_size=1, max_size=8))
def test_jd303_is_the_old_rule(tmp_path_factory: pytest.TempPathFactory,
                               clauses: list[str]) -> None:
    path = tmp_path_factory.mktemp("jd303") / "doc.txt"
    path.write_text(_document(clauses), "utf-8")
    new = _findings(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jd303, "_may_assert", lambda _joined, _ban: True)
        patch.setattr(jd303, "_hours", lambda text, seq, w: _old_hours(
            Clause(label="", path="", number=(), text=text, blocks=(0,)), seq, w))
        _forget_jd303()  # NOTE: the rule keeps each text's working hours (``_Facts``)
        assert _findings(path) == new
    _forget_jd303()


def _forget_jd303() -> None:
    from jdlint.ruleapi import _COMPILED

    for key, value in _COMPILED.items():
        if key[0] == "JD303" and key[2][0] == "texts":
            value[1].clear()


def test_jd303_comparison_can_fail(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(_document(["Работник не вправе утверждать бюджет проекта и сметы отдела.",
                               "Утверждает бюджет проекта и сметы отдела.",
                               "Рабочее время с 9:00 до 18:00.",
                               "Рабочий день с 8.00 до 17.00."]), "utf-8")
    found = _findings(path)
    assert len(found) == 4
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jd303, "_may_assert", lambda _joined, _ban: False)
        assert len(_findings(path)) == 2



# ---------------------------------------------------------------------- lemma-block index

_WORDS = st.sampled_from([
    "штраф", "штрафа", "Штрафы", "оштрафован", "лишение", "премии", "в", "пределах", "переменной",
    "части", "заработной", "платы", "baudos", "nubausti", "т.д.", "ст.", "2.3", "500", "—", ".",
    ";", ",", "«", "»", "\n", "штр\u200bаф", "штpaф", "https://x.ru", "a@b.lt", " ", "-",
])
_TEXTS = st.lists(_WORDS, max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["ru", "lt"]))
def test_index_lists_every_lemma_the_matcher_sees(text: str, lang: str) -> None:
    seen = set(matcher(["x"], lang).text_lemmas(text))
    assert seen <= {t.lemma for t in tokens(text, lang)}


def _old_lemma_blocks(doc: object, ctx: object, found: object) -> dict[str, list[int]]:
    """The index as it was: each block prepared for the matcher."""
    def collect() -> dict[str, list[int]]:
        out: defaultdict[str, list[int]] = defaultdict(list)
        for index, block in enumerate(doc.raw.blocks):  # type: ignore[attr-defined]
            for lemma in found.text_lemmas(block.text):  # type: ignore[attr-defined]
                out[lemma].append(index)
        return dict(out)

    return ctx.memo(("lemma-blocks", found.lang, found.tokenize),  # type: ignore[attr-defined]
                    collect)


_LABOUR = st.sampled_from([
    "За опоздание к работнику применяется штраф в размере 500 рублей.",
    "Работодатель не вправе применять штрафы.",
    "Работник лишается квартальной премии в полном объеме на три месяца.",
    "В качестве дисциплинарного взыскания работник лишается премии.",
    "Размер премии в пределах переменной части заработной платы.",
    "Условия премирования определяются Положением о премировании.",
    "Административный штраф ГИБДД оплачивает работник.",
    "Несет материальную ответственность в полном размере причиненного ущерба.",
    "Ведет учет документов.",
    "С работником заключен договор о полной материальной ответственности.",
    "Несет ответственность по гражданскому законодательству.",
    "Осуществляет руководство организацией.",
    "За нарушения применяется строгий выговор или понижение в должности.",
    "Должностной регламент государственного гражданского служащего.",
])


def _labour_document(clauses: list[str]) -> str:
    body = [f"4.{n}. {text}" for n, text in enumerate(clauses, 1)]
    return "\n".join(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ менеджера", "1. Общие положения",
                      "1.1. Менеджер относится к категории специалистов.",
                      "2. Должностные обязанности", "2.1. Ведет переговоры с клиентами.",
                      "3. Права", "3.1. Вносить предложения руководству.",
                      "4. Ответственность", *body]) + "\n"


def _labour_findings(path: Path) -> list[tuple[object, ...]]:
    rules = [r for c, r in load_rules().items() if c.startswith("JD2")]
    result = lint_file(path, rules, Settings())
    assert result.error is None
    return [_shape(f) for f in result.findings]


@settings(max_examples=20, deadline=None)
@given(st.lists(_LABOUR, min_size=1, max_size=6))
def test_phrase_rules_find_the_same_with_the_old_index(
        tmp_path_factory: pytest.TempPathFactory, clauses: list[str]) -> None:
    path = tmp_path_factory.mktemp("jd2") / "doc.txt"
    path.write_text(_labour_document(clauses), "utf-8")
    new = _labour_findings(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lemma_index, "_lemma_blocks", _old_lemma_blocks)
        assert _labour_findings(path) == new
    # NOTE: before the document windows and JD204's regime were searched only in the blocks
    # holding a first lemma, every block was searched.
    with pytest.MonkeyPatch.context() as patch:
        for module in (matching, labour):
            patch.setattr(module, "candidate_blocks", _every_block)
        assert _labour_findings(path) == new


def _every_block(doc: Document, _ctx: object, _matcher: object) -> set[int]:
    return set(range(len(doc.raw.blocks)))


def test_phrase_rules_comparison_can_fail(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(_labour_document([
        "За опоздание к работнику применяется штраф в размере 500 рублей."]), "utf-8")
    assert any(f[0] == "JD201" for f in _labour_findings(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lemma_index, "_lemma_blocks", lambda _d, _c, _m: {})
        assert not any(f[0] == "JD201" for f in _labour_findings(path))
    path.write_text(_labour_document([
        "За нарушения применяется строгий выговор.",
        "Должностной регламент государственного гражданского служащего."]), "utf-8")
    found = [f for f in _labour_findings(path) if f[0] == "JD204"]
    assert found and all(f[4].name == "INFO" for f in found)  # the special regime is seen
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(labour, "candidate_blocks", lambda _d, _c, _m: set())
        assert all(f[4].name != "INFO" for f in _labour_findings(path) if f[0] == "JD204")


def _rule_matchers() -> list[PhraseMatcher]:
    """Every phrase list of the JD2xx rules (patterns and named groups), compiled."""
    out: list[PhraseMatcher] = []
    for code, rule in load_rules().items():
        if not code.startswith("JD2"):
            continue
        lists = [rule.meta.extra.get("patterns") or {}, *rule.meta.phrases.values()]
        for by_lang in lists:
            if isinstance(by_lang, dict):
                out.extend(matcher(v, k) for k, v in by_lang.items()
                           if k in ("ru", "lt") and isinstance(v, list))
    return out


_MATCHERS = _rule_matchers()


def test_phrase_lemmas_read_the_matchers_index() -> None:
    """``_phrase_lemmas`` reads the matcher's index: a pattern of lemmas (str) and gap widths
    (int) starting with its first lemma, one entry per compiled phrase."""
    assert len(_MATCHERS) > 20
    for found in _MATCHERS:
        lemmas = lemma_index._phrase_lemmas(found)
        assert len(lemmas) == sum(len(e) for e in found._index.values())
        for first, entries in found._index.items():
            for entry in entries:
                assert entry[0][0] == first
                assert all(isinstance(p, (str, int)) for p in entry[0])
        assert {lem[0] for lem in lemmas} == set(found.first_lemmas)


_MATCH_WORDS = st.sampled_from([
    "в", "пределах", "переменной", "части", "заработной", "платы", "лишение", "квартальной",
    "премии", "штраф", "штрафа", "полной", "материальной", "ответственности", "договор", "о",
    "не", "вправе", "строгий", "выговор", "bauda", "baudos", "nubausti", ".", ";", "\n", ",",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(_MATCH_WORDS, max_size=10).map(" ".join), st.sampled_from(range(len(_MATCHERS))))
def test_a_match_holds_every_lemma_of_a_phrase(text: str, which: int) -> None:
    found = _MATCHERS[which]
    if found.find(text):
        held = {t.lemma for t in tokens(text, found.lang)}
        assert any(set(lemmas) <= held for lemmas in lemma_index._phrase_lemmas(found))


def test_every_lemma_prunes_more_than_the_first() -> None:
    pay_cut = next(m for m in _MATCHERS if any(lem[0] == "в" and "переменный" in lem
                                               for lem in lemma_index._phrase_lemmas(m)))
    assert pay_cut.find("в пределах переменной части заработной платы")
    text = "работает в офисе"
    held = {t.lemma for t in tokens(text, "ru")}
    assert "в" in held and not pay_cut.find(text)
    assert not any(set(lemmas) <= held for lemmas in lemma_index._phrase_lemmas(pay_cut))
