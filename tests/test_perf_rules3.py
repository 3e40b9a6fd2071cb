"""Speed-ups of the mid-cost rules, third round (issue 19), must give the same answers.

The code before each rewrite is kept here and compared with the new one on generated and edge
inputs: JD105's literal prefilter (a clause holding none of the reference keyword's literals
is not scanned) against scanning every clause; JD303's lemma sequence of a clause (fields
by index, ``str.isdecimal`` for the number test) against the per-token regex, and the bounds
that skip making it; JD106's patterns anchored on the rare signs they need (``signs=True``)
against testing each block on its own, and against the patterns themselves; the cache of the
texts ``live_per_block`` has seen against its scan; ``unfinished_known`` against
``unfinished`` on units met again; the decimal-label test cached per label against the
regex; JD110's organisations of a block kept per text against both regexes run on every
block; JD108's trigger test kept per text against the scan per block; the clauses of a
document walked once per document against ``Document.clauses()``.
"""

from __future__ import annotations

import re

import pytest
from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import numbering_model, placeholder_scan
from jdlint.checklib import placeholder_gaps as gaps
from jdlint.checklib.phrases import stem_filter
from jdlint.checklib.placeholder_scan import live_per_block
from jdlint.checks import contradictions as jd303
from jdlint.checks import employer, placeholders, structure, subordination
from jdlint.core import literals
from jdlint.core.model import Clause, Document
from jdlint.core.text import fold
from jdlint.nlp.tokenize import Token

_JD105 = load_catalogue()["JD105"].data

# NOTE: the keywords in several cases, the numbers they take, the law words that cancel a
# reference, and the old Cyrillic letter forms re's ignore-case matches with "т", "о", "с".
_REF_PIECES = ("п.", "П.", "пп.", "ПП.", "п. п.", "пункт", "Пункта", "ПУНКТЕ", "подпункт",
               "раздел", "РАЗДЕЛА", "см. ", "пунк\u1c84", "\u1c82", "ст.", "ТК РФ", "закона",
               "punkt", "PUNKTE", "papunkčio", "skyriuje", "Skyrius", "DK", "3", "2.1", "4.",
               "IV", "ir", "и", "-", ", ", " ", "\n", ".", "т.п.")
_REF_TEXTS = st.lists(st.sampled_from(_REF_PIECES), max_size=10).map("".join)


def _old_references(texts: list[str], lang: str) -> list[list[tuple[str, str, list[str]]]]:
    """Before: every clause scanned."""
    patterns = structure._reference_patterns(lang, _JD105)
    return [list(structure._references(text, patterns)) for text in texts]


def _new_references(texts: list[str], lang: str) -> list[list[tuple[str, str, list[str]]]]:
    """Now: only the clauses ``live_per_block`` keeps (as ``dangling_reference`` does)."""
    patterns = structure._reference_patterns(lang, _JD105)
    lives = live_per_block((patterns[0],), texts)
    return [list(structure._references(text, patterns)) if live else []
            for text, live in zip(texts, lives, strict=True)]


@settings(max_examples=500, deadline=None)
@given(st.lists(_REF_TEXTS, max_size=6), st.sampled_from(("ru", "lt")))
@example(["См. п. 3.2 и раздел 4", "согласно пункту 7"], "ru")
@example(["пунк\u1c84 5", "ПУНКТ 2.1"], "ru")
@example(["žr. 3.1 punktą", "2 SKYRIUJE"], "lt")
def test_jd105_prefilter_keeps_every_reference(texts: list[str], lang: str) -> None:
    assert _new_references(texts, lang) == _old_references(texts, lang)


def test_jd105_prefilter_finds_and_skips() -> None:
    texts = ["см. п. 9.9", "Ведёт учёт товара.", "согласно разделу 8"]
    found = _new_references(texts, "ru")
    assert found[0] and found[2] and not found[1]


# --- JD303: the lemma sequence of a clause -------------------------------------------------

_NUMBER = re.compile(r"^\d+$")


def _old_lemmas(tokens: tuple[Token, ...]) -> list[str]:
    """Before: fields read by name and a regex match per token that is not a word."""
    return [t.lemma if t.is_word or _NUMBER.match(t.lemma) else t.text for t in tokens]


class _Ctx:
    """The one thing ``_lemmas`` asks of a rule context: shared tokens."""

    def __init__(self, tokens: tuple[Token, ...]) -> None:
        self.nlp = self
        self._tokens = tokens

    def tokens(self, text: str, lang: str) -> tuple[Token, ...]:
        return self._tokens


_LEMMAS = st.sampled_from(("12", "12\n", "٣", "²", "", "1.5", "abc", "Слово", "\n", "-", "0"))
_TOKENS = st.lists(st.tuples(_LEMMAS, _LEMMAS, st.booleans()), max_size=8).map(
    lambda items: tuple(Token(text, text.lower(), lemma, 0, 1, word)
                        for text, lemma, word in items))


@settings(max_examples=300, deadline=None)
@given(_TOKENS)
@example((Token("12", "12", "12\n", 0, 2, False), Token("²", "²", "²", 2, 3, False)))
def test_jd303_lemmas_are_the_old_lemmas(tokens: tuple[Token, ...]) -> None:
    clause = Clause(label="1.", path="1", number=(1,), text="x", blocks=(0,))
    new = jd303._lemmas(clause, "ru", _Ctx(tokens))  # type: ignore[arg-type]
    assert new == _old_lemmas(tokens)


def test_jd303_lemmas_on_real_tokens() -> None:
    text = "Не вправе 3 раза (12) утверждать бюджет ² ٣ проекта, см. п.2."
    tokens = nlp.tokens(text, "ru")
    clause = Clause(label="1.", path="1", number=(1,), text=text, blocks=(0,))
    assert jd303._lemmas(clause, "ru", _Ctx(tokens)) == _old_lemmas(tokens)  # type: ignore[arg-type]


_FIRSTS = frozenset({"не", "по", "12", "-", "abc", "слово"})


@settings(max_examples=300, deadline=None)
@given(_TOKENS)
def test_jd303_may_hold_is_a_bound(tokens: tuple[Token, ...]) -> None:
    # a clause is skipped only when its lemma list holds none of the first lemmas
    exact = bool(_FIRSTS.intersection(_old_lemmas(tokens)))
    assert jd303._may_hold(tokens, _FIRSTS) or not exact


@settings(max_examples=300, deadline=None)
@given(_TOKENS, st.sampled_from(("12", "abc", "слово", "сло", "-", "ab")))
def test_jd303_loose_joined_is_a_bound(tokens: tuple[Token, ...], action: str) -> None:
    ban = jd303._Prohibition(action, (), False, "")
    exact = jd303._may_assert(jd303._joined(_old_lemmas(tokens)), ban)
    assert jd303._may_assert(jd303._loose_joined(tokens), ban) or not exact


def test_jd303_bounds_decide_real_clauses() -> None:
    tokens = nlp.tokens("Работник не вправе утверждать бюджет.", "ru")
    assert jd303._may_hold(tokens, frozenset({"не"}))
    assert not jd303._may_hold(tokens, frozenset({"стаж"}))


# --- JD106: patterns anchored on the rare signs they need ------------------------------------

_JD106 = load_catalogue()["JD106"].data
_SIGN_PIECES = ("ООО", "ооо", "АО", "ИП", "UAB", "VšĮ", "«", "»", "\"", "„", "“", "ХХХ", "XXX",
                "Ромашка", " ", "\n", "20", "19", "_", "__", "г.", "года", "m.", "(", ")", "[",
                "]", "Ф.И.О.", "фамилия", "указать", "\u0130", "\u1c80", "Компания", "2005")
_SIGN_TEXTS = st.lists(st.sampled_from(_SIGN_PIECES), max_size=10).map("".join)


def _per_block_live(regexes: tuple[re.Pattern[str], ...], text: str) -> list[int]:
    """The reference: each block tested on its own against the sign anchors."""
    low = text.lower()
    out = []
    for number, pattern in enumerate(regexes):
        need = placeholder_scan._anchors(pattern, True)
        if need is None or literals.ALIEN.search(text) or any(s in low for s in need):
            out.append(number)
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(_SIGN_TEXTS, max_size=6), st.sampled_from(("ru", "lt")))
@example(["ООО «Ромашка»", "20__ г.", "ИП Иванов"], "ru")
@example(["UAB „XXX“", "2005__ m."], "lt")
def test_jd106_sign_anchors_keep_every_match(texts: list[str], lang: str) -> None:
    regexes = tuple(p.regex for p in placeholders._patterns(_JD106, lang))
    lives = placeholder_scan.live_per_block(regexes, texts, signs=True)
    assert lives == [_per_block_live(regexes, text) for text in texts]
    for text, live in zip(texts, lives, strict=True):
        matching = [n for n, pattern in enumerate(regexes) if pattern.search(text)]
        assert set(matching) <= set(live)


def test_jd106_sign_anchors_are_chosen() -> None:
    regexes = {p.regex.pattern: p.regex for p in placeholders._patterns(_JD106, "ru")}
    org = next(r for s, r in regexes.items() if "ООО" in s)
    year = next(r for s, r in regexes.items() if "(?P<year>" in s)
    assert placeholder_scan._anchors(org, True) == frozenset("«\"„“")
    assert placeholder_scan._anchors(year, True) == frozenset("_")
    # without the flag, and for a pattern needing no rare sign, the prefilter's own literals
    assert placeholder_scan._anchors(org, False) == literals.required(org)
    plain = re.compile(r"(?i)подпункт\s*\d")
    assert placeholder_scan._anchors(plain, True) == literals.required(plain)
    # a sign inside a lookbehind is not required by a match
    assert placeholder_scan._anchors(re.compile(r"(?<!«)ab"), True) == frozenset({"ab"})
    org_blocks = placeholder_scan.live_per_block((org,), ["ООО без кавычек", "ООО «Луч»"],
                                                 signs=True)
    assert org_blocks == [[], [0]]


# --- live_per_block's cache of the texts seen ------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_SIGN_TEXTS, max_size=5), min_size=1, max_size=4),
       st.sampled_from(("ru", "lt")), st.booleans())
def test_live_per_block_cached_is_the_scan(batches: list[list[str]], lang: str,
                                           signs: bool) -> None:
    # documents of one batch share texts: each answer is still the uncached scan's
    regexes = tuple(p.regex for p in placeholders._patterns(_JD106, lang))
    for texts in batches:
        assert (placeholder_scan.live_per_block(regexes, texts, signs)
                == placeholder_scan._scan(regexes, texts, signs))


def test_live_per_block_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placeholder_scan, "_KNOWN_TEXTS", 3)
    regexes = (re.compile("ab-bounded"),)
    assert placeholder_scan.live_per_block(regexes, ["ab-bounded", "x", "ab-bounded"]) \
        == [[0], [], [0]]
    assert placeholder_scan.live_per_block(regexes, ["y", "zab-bounded", "x"]) == [[], [0], []]
    known, answers, _size = placeholder_scan._known(regexes, False)
    assert len(known) <= 3 and set(known) == {"y", "zab-bounded", "x"}
    answer = placeholder_scan.live_per_block(regexes, ["x"])
    answer[0].append(7)  # a caller's list is its own
    assert placeholder_scan.live_per_block(regexes, ["x"]) == [[]]
    # one object per distinct answer, however many texts share it
    placeholder_scan.live_per_block(regexes, ["ab-bounded1", "ab-bounded2"])
    known, answers, _size = placeholder_scan._known(regexes, False)
    assert known["ab-bounded1"] is known["ab-bounded2"] and len(answers) <= 2


def test_live_per_block_cache_is_bounded_in_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placeholder_scan, "_KNOWN_CHARS", 10)
    regexes = (re.compile("ab-chars"),)
    assert placeholder_scan.live_per_block(regexes, ["ab-chars 1"]) == [[0]]
    assert placeholder_scan.live_per_block(regexes, ["x" * 5]) == [[]]  # over: emptied first
    known, _answers, size = placeholder_scan._known(regexes, False)
    assert set(known) == {"x" * 5} and size == [5]


# --- JD106: units read before with nothing found ---------------------------------------------

_JD106_PHRASES = load_catalogue()["JD106"].phrases
_GAP_PIECES = ("подчиняется", "непосредственно", " ", ".", " .", "____", "с", "в", "приказом",
               "Работник", "ведёт учёт", ",", ";", ":", "11.02.2020", "pavaldus", "ir", "\n")
_GAP_TEXTS = st.lists(st.sampled_from(_GAP_PIECES), min_size=1, max_size=8).map("".join)
_FOLLOWS = st.sampled_from((None, "и далее", "Далее", "", "2. Права"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_GAP_TEXTS, st.booleans(), st.sampled_from(((), (3,), (1, 5))),
                          _FOLLOWS), max_size=6), st.sampled_from(("ru", "lt")))
@example([("подчиняется непосредственно .", True, (), None)] * 2, "ru")
@example([("Работник ведёт учёт с", False, (), "и далее"),
          ("Работник ведёт учёт с", False, (), "Далее")], "ru")
def test_jd106_unfinished_known_is_unfinished(
        units: list[tuple[str, bool, tuple[int, ...], str | None]], lang: str) -> None:
    # the same unit met again (in another document, with other blocks) answers as read anew
    lists = gaps.word_lists(_JD106_PHRASES, lang)
    for block, (text, clause, breaks, follows) in enumerate(units * 2):
        breaks = tuple(b for b in breaks if b < len(text))
        unit = gaps.Unit(text, ((0, block),), clause, clause, breaks)
        assert gaps.unfinished_known(unit, _JD106_PHRASES, lang, follows, lists) == \
            gaps.unfinished(unit, _JD106_PHRASES, lang, follows, lists)


def test_jd106_unfinished_known_keeps_only_nothing_found() -> None:
    lists = gaps.word_lists(_JD106_PHRASES, "ru")
    hole = gaps.Unit("Работник подчиняется непосредственно .", ((0, 4),), True, True)
    found = gaps.unfinished_known(hole, _JD106_PHRASES, "ru", None, lists)
    assert found is not None and found.block == 4
    moved = hole._replace(starts=((0, 9),))
    again = gaps.unfinished_known(moved, _JD106_PHRASES, "ru", None, lists)
    assert again is not None and again.block == 9
    long = gaps.Unit("Работник ведёт учёт. " * 200, ((0, 1),), False)
    assert gaps.unfinished_known(long, _JD106_PHRASES, "ru", None, lists) is None
    assert all(key[0] != long.text for key in gaps._whole(lists))  # too long to be kept
    plain = gaps.Unit("Работник ведёт учёт с", ((0, 1),), False)
    assert gaps.unfinished_known(plain, _JD106_PHRASES, "ru", "и далее", lists) is None
    assert gaps.unfinished_known(plain, _JD106_PHRASES, "ru", None, lists) is not None


# --- JD104/JD105: a decimal label told once per label ----------------------------------------

_DECIMAL_LABEL = re.compile(r"^\d+(?:\.\d+)*\.?$")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(("1", "2.", ".", "3.1", " ", "\n", "а)", "IV", "٣", "-", "1)")),
                max_size=5).map("".join), st.booleans())
@example(" 2.3. ", True)
@example("2.3.\n", True)
@example("2..3", True)
def test_is_decimal_cached_is_the_match(label: str, numbered: bool) -> None:
    clause = Clause(label=label, path=label, number=(2, 3) if numbered else (), text="x",
                    blocks=(0,))
    for _ in range(2):
        assert numbering_model.is_decimal(clause) == (
            bool(clause.number) and bool(_DECIMAL_LABEL.match(clause.label.strip())))


# --- JD110: the organisations a block names, kept per text -----------------------------------

_JD110 = load_catalogue()["JD110"].data["organisations"]["ru"]
_ORG_PIECES = ("ООО", "ооо", "Общество с ограниченной ответственностью", "ИП", "АО ", "«", "»",
               "\"", "“", "”", "„", "Ромашка", "Квант-АС", " ", "_", "Работник", "\n", "ЗАО")
_ORG_LINES = st.lists(st.lists(st.sampled_from(_ORG_PIECES), max_size=9).map("".join),
                      min_size=1, max_size=5)


def _old_orgs(doc: Document, indices: list[int], forms: list[str],
              canonical: dict[str, str]) -> list[tuple[int, str, str, str, str]]:
    """Before: both regexes run on every quoted block."""
    formed, bare = employer._org_regexes(tuple(forms))
    out = []
    blocks = doc.raw.blocks
    for index in indices:
        if index >= len(blocks) or index in doc.noise:
            continue
        text = blocks[index].text
        if employer._QUOTE_CHAR.search(text) is None:
            continue
        taken: list[tuple[int, int]] = []
        for m in formed.finditer(text):
            form = m.group("form") or m.group("form2") or ""
            name = (m.group("name") or m.group("name2") or "").strip()
            if not employer._org_key(name):
                continue
            form = canonical.get(fold(" ".join(form.split())), form)
            out.append((index, m.group(0), form, name, employer._org_key(name)))
            taken.append(m.span())
        for m in bare.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            name = m.group("name").strip()
            if employer._org_key(name):
                out.append((index, m.group(0), "", name, employer._org_key(name)))
    return out


@settings(max_examples=200, deadline=None)
@given(_ORG_LINES)
@example(["ООО «Ромашка»", "Общество с ограниченной ответственностью «Ромашка»", "ООО «Ромашка»"])
@example(["Работник " * 120 + "ООО «Ромашка»", "ООО «Ромашка»"])  # too long to be kept
def test_jd110_orgs_kept_per_text_are_the_old(lines: list[str]) -> None:
    doc = make_doc(lines)
    forms = [*_JD110["forms"], *_JD110["long_forms"]]
    canonical = {fold(" ".join(str(k).split())): str(v) for k, v in _JD110["long_forms"].items()}
    indices = list(range(len(lines) + 1))
    for _ in range(2):
        new = [(o.block, o.surface, o.form, o.name, o.key)
               for o in employer._orgs(doc, indices, forms, canonical)]
        assert new == _old_orgs(doc, indices, forms, canonical)


# --- JD108: trigger stems, told once per text -------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(("Подчиняется", "директору", "ß", "İ", "распоряжения",
                                          " ", "\n", "учёт")), max_size=5).map("".join),
                min_size=1, max_size=5))
def test_jd108_triggered_kept_per_text_is_the_scan(texts: list[str]) -> None:
    triggers = stem_filter(("подчиняется", "распоряжение", "ss"), frozenset())
    doc = make_doc(texts)
    indices = list(range(len(texts)))
    per_block = [i for i in indices if triggers.search(fold(texts[i]))]
    assert subordination._triggered(doc, indices, triggers) == per_block  # new texts
    assert subordination._triggered(doc, indices, triggers) == per_block  # known ones
    assert [i for i, hit in zip(indices, subordination._scan_triggered(texts, triggers),
                                strict=True) if hit] == per_block


def test_jd108_triggered_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subordination, "_KNOWN_TEXTS", 2)
    triggers = stem_filter(("bounded-stem",), frozenset())
    doc = make_doc(["a bounded-stem", "b", "c"])
    assert subordination._triggered(doc, [0, 1, 2], triggers) == [0]
    assert len(subordination._known_triggered(triggers)[0]) == 3  # one call's, then cleared
    assert subordination._triggered(doc, [1], triggers) == []
