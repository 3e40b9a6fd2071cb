"""JD107's speed-ups (issue 19) must find the same mentions of the post as before.

``consistency._self_mentions`` now skips a block none of whose word lemmas is a predicate or an
owner noun before the head-stem regex, and one with no head lemma and no hyphen before the
phrase grammar, and asks ``is_plural`` only of phrases that are a subject or an owner. The code
it replaced is kept here (``_old_mentions``) and both are compared on generated documents
(title words, predicates, owners, fillers, plurals, brackets, list lead-ins; Russian and
Lithuanian) and on every corpus document, in the place the rule calls it. So are the round's
other rewrites here (``is_plural`` once per form, ``heads_in``'s candidate scan, the stem
filter's prefix tree); the places JD107 cites are ``test_perf_jd107_places``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from helpers import make_doc
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import mentions, phrases, self_mentions
from jdlint.checklib.phrases import (
    NounPhrase,
    TitleWords,
    TokenText,
    heads_in,
    noun_phrase,
    stem_filter,
    title_words,
    tokenize_text,
)
from jdlint.checklib.places import blocks_of_sections
from jdlint.checks import consistency
from jdlint.core.model import Document, Section
from jdlint.core.text import fold
from jdlint.engine.pipeline import Settings, lint_file
from jdlint.engine.registry import load_rules
from jdlint.nlp.doctext import DocumentNLP
from jdlint.nlp.tokenize import Token

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DATA = load_catalogue()["JD107"].data


def _old_mentions(doc: Document, words: TitleWords, lang: str,
                  heads: re.Pattern[str]) -> list[consistency._Mention]:
    """``_self_mentions`` before issue 19's third round (e2554c0)."""
    out: list[consistency._Mention] = []
    plural: dict[str, bool] = {}
    for index, section in blocks_of_sections(doc):
        text = doc.raw.blocks[index].text
        if not heads.search(fold(text)):
            continue
        t = tokenize_text(text, lang)
        seen: set[int] = set()
        for ph in heads_in(t, words, lang):
            if ph.head_lemma in words.generic and not ph.quals:
                continue
            if self_mentions._plural(t.tokens[ph.head], lang, plural):
                continue
            verb = self_mentions.subject_predicate(t, ph, words, lang)
            if verb is not None or self_mentions.is_owner(t, ph, words, lang):
                if ph.start not in seen:
                    seen.add(ph.start)
                    weak = (verb is not None and bool(words.strong) and verb not in words.strong
                            and not text.rstrip().endswith(":"))
                    out.append(consistency._Mention(index, section, ph, weak))
    return out


def _filter(lang: str, words: TitleWords) -> re.Pattern[str]:
    return stem_filter(tuple(DATA["words"][lang]["heads"]), words.heads)


def _new_mentions(doc: Document, lang: str) -> list[consistency._Mention]:
    words = title_words(DATA, lang)
    return consistency._self_mentions(blocks_of_sections(doc), doc,
                                      DocumentNLP().lemmas, words, lang, _filter(lang, words))


def _both(doc: Document, lang: str) -> tuple[list[Any], list[Any]]:
    words = title_words(DATA, lang)
    return _old_mentions(doc, words, lang, _filter(lang, words)), _new_mentions(doc, lang)


# NOTE: the words the check reads (heads in several cases and numbers, predicates strong and
# weak, owner nouns, fillers, units) mixed with ordinary words and the punctuation its
# predicate search stops or skips at.
_RU = ["Менеджер", "менеджера", "менеджеры", "Продавцы", "продавец", "кассиру",
       "главный", "бухгалтер", "бухгалтера", "специалист", "специалиста", "по", "продажам",
       "закупкам", "отдела", "сбыта", "ОМА", "директор", "директору", "заместитель",
       "инженер-программист", "офис-менеджер", "должен", "обязан", "выполняет", "обеспечивает",
       "имеет", "право", "права", "обязанности", "на", "должность", "функции",
       "осуществляет", "координирует", "деятельность", "непосредственно", "также", "данный",
       "товар", "принимает", "работы", "следующие", "(", ")", "далее", ",", ".", ":", ";", "–",
       "II", "категории"]
_LT = ["Vadybininkas", "vadybininko", "vadybininkai", "pardavėjas", "Pardavėjai",
       "buhalteris", "vyriausiasis", "skyriaus", "vedėjas", "vedėjo", "pavaduotojas",
       "direktoriui", "darbo", "pareigos", "teisės", "atlieka", "privalo", "turi", "atsako",
       "yra", "tiesiogiai", "pavaldus", "šias", "pareigas", "prekes", "priima", "(", ")",
       ",", ".", ":", "nesant", "specialistas"]
_HEADINGS = {"ru": ["1. Общие положения", "2. Должностные обязанности", "3. Права"],
             "lt": ["1. Bendrosios nuostatos", "2. Funkcijos", "3. Teisės"]}


@st.composite
def _document(draw: st.DrawFn) -> tuple[str, list[str]]:
    lang = draw(st.sampled_from(["ru", "lt"]))
    vocabulary = _RU if lang == "ru" else _LT
    lines = ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ" if lang == "ru" else "PAREIGYBĖS APRAŠYMAS"]
    for n, heading in enumerate(_HEADINGS[lang], start=1):
        lines.append(heading)
        for k in range(draw(st.integers(0, 4))):
            words = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=12))
            lines.append(f"{n}.{k + 1}. " + " ".join(words))
    return lang, lines


@settings(max_examples=300, deadline=None)
@given(_document())
@example(("ru", ["ДИ", "1. Общие положения", "1.1. Менеджер по продажам должен знать",
               "1.2. Продавцы выполняют работы", "1.3. права менеджера отдела ОМА",
               "1.4. Главный бухгалтер (далее ОМА) относится к категории"]))
@example(("ru", ["ДИ", "1. Общие положения", "1.1. Инженер-программист обязан знать",
               "1.2. Офис-менеджер выполняет работы", "1.3. Водитель-курьер должен"]))
@example(("lt", ["PA", "1. Bendrosios nuostatos", "1.1. Vadybininkas atlieka šias pareigas:",
               "1.2. Pardavėjai priima prekes", "1.3. Vadybininko pareigos"]))
def test_self_mentions_are_the_old_ones(case: tuple[str, list[str]]) -> None:
    lang, lines = case
    doc = make_doc(lines, language=lang)  # type: ignore[arg-type]
    old, new = _both(doc, lang)
    assert new == old


def test_the_examples_have_mentions_both_gates_keep() -> None:
    """The comparison is not vacuous: the old code finds mentions through a predicate, an
    owner noun and a list lead-in, and drops a plural."""
    doc = make_doc(["ДИ", "1. Общие положения", "1.1. Менеджер по продажам должен знать",
                    "1.2. Продавцы выполняют работы", "1.3. права менеджера отдела ОМА",
                    "1.4. Бухгалтер выполняет следующие работы:", "1.5. Кассир принимает товар"])
    old, new = _both(doc, "ru")
    assert [(m.block, m.phrase.surface, m.weak) for m in old] == [
        (2, "Менеджер по продажам", False), (4, "менеджера отдела ОМА", False),
        (5, "Бухгалтер", False)]
    assert new == old


def test_a_block_without_predicate_or_owner_has_no_mention() -> None:
    """The bound is what makes the new code skip a block: without the predicate the old code
    finds nothing either; with it, both find the post."""
    words = title_words(DATA, "ru")
    assert "должный" in words.predicates and "принимать" not in words.predicates | words.owners
    without = make_doc(["ДИ", "1. Общие положения", "1.1. Кассир принимает товар"])
    with_verb = make_doc(["ДИ", "1. Общие положения", "1.1. Кассир должен принимать товар"])
    assert _both(without, "ru") == ([], [])
    old, new = _both(with_verb, "ru")
    assert len(old) == 1 and new == old


def _corpus() -> list[Path]:
    return sorted(p for lang in ("ru", "lt") for p in (CORPUS / lang).iterdir()
                  if p.suffix in (".txt", ".docx"))


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_mentions_are_the_old_ones(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the place the rule calls it, on every corpus document."""
    fast = consistency._self_mentions

    def compared(blocks: Sequence[tuple[int, Section]], doc: Document,
                 lemmas: Callable[[str, str], tuple[str, ...]], words: TitleWords, lang: str,
                 heads: re.Pattern[str], seen: Any = None) -> list[consistency._Mention]:
        new = fast(blocks, doc, lemmas, words, lang, heads, seen)
        assert new == _old_mentions(doc, words, lang, heads)
        return new

    monkeypatch.setattr(consistency, "_self_mentions", compared)
    rules = (load_rules()["JD107"],)
    result = lint_file(path, rules, Settings())
    assert result.error is None, result.error



@pytest.mark.parametrize("word", ["Продавцы", "продавец", "менеджеров", "Менеджера", "ёлки",
                                  "кассиры", "сотрудники", "данные", "ДИРЕКТОРА", "Vadybininkai"])
def test_plural_once_per_form_is_the_parse(word: str) -> None:
    """``is_plural`` (now cached per folded form) answers as the parse it replaced."""
    from jdlint.nlp import russian

    tok = nlp.tokens(word, "ru")[0]
    nouns = [p for p in russian.analyzer().parse(fold(tok.text)) if p.tag.POS == "NOUN"]
    old = bool(nouns) and all(p.tag.number == "plur" for p in nouns)
    assert mentions.is_plural(tok, "ru") == old
    assert mentions.is_plural(tok, "ru") == old  # the cached answer


def test_plural_can_be_either() -> None:
    assert mentions.is_plural(nlp.tokens("Продавцы", "ru")[0], "ru")
    assert not mentions.is_plural(nlp.tokens("продавец", "ru")[0], "ru")



def _old_heads_in(t: TokenText, words: TitleWords, lang: str, lo: int = 0,
                  hi: int | None = None) -> list[NounPhrase]:
    """``phrases.heads_in`` before issue 19's third round: a loop over every token."""
    hi = len(t.tokens) if hi is None else hi
    out: list[NounPhrase] = []
    covered = -1
    toks, heads = t.tokens, words.heads
    for i in range(lo, hi):
        tok = toks[i]
        if i <= covered or not tok.is_word or (tok.lemma not in heads and "-" not in tok.text):
            continue
        if not t.is_head(i, words):
            continue
        ph = noun_phrase(t, i, lang, words, lo)
        if lang == "lt" and out and ph.start <= out[-1].end - 1:
            out.pop()
        out.append(ph)
        covered = ph.end - 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["ru", "lt"]), st.data())
@example("ru", None)
def test_heads_in_is_the_old_loop(lang: str, data: st.DataObject | None) -> None:
    vocabulary = (_RU if lang == "ru" else _LT) + ["-", "IT-отдел", "vyr.-buhalteris"]
    words = title_words(DATA, lang)
    if data is None:  # a hyphenated title, a non-title hyphen, a dash between two titles
        text, lo, hi = "инженер-программист IT-отдела – директор по продажам", 0, None
    else:
        text = " ".join(data.draw(st.lists(st.sampled_from(vocabulary), max_size=16)))
        size = len(tokenize_text(text, lang).tokens)
        lo = data.draw(st.integers(0, size))
        hi = data.draw(st.one_of(st.none(), st.integers(lo, size)))
    t = tokenize_text(text, lang)
    assert heads_in(t, words, lang, lo, hi) == _old_heads_in(t, words, lang, lo, hi)
    if data is None:
        assert [p.surface for p in heads_in(t, words, lang)] == [
            "инженер-программист IT-отдела – директор по продажам"]


def _old_stem_filter(stems: set[str]) -> re.Pattern[str]:
    """``stem_filter``'s pattern before issue 19's third round: a flat alternation."""
    return re.compile("|".join(sorted(map(re.escape, stems), key=len, reverse=True)))


_LETTERS = st.sampled_from([*"аеимнор-.( ", "ё", "ų"])


@settings(max_examples=400, deadline=None)
@given(st.sets(st.text(_LETTERS, max_size=5), max_size=8),
       st.lists(st.text(_LETTERS, max_size=30), min_size=1, max_size=5))
@example({"менед", "механ", "мех"}, ["механик", "мезонин", "мен", "ме-нед"])
@example(set(), ["что угодно"])
def test_prefix_tree_finds_what_the_flat_list_finds(stems: set[str], texts: list[str]) -> None:
    from jdlint.checklib.phrases import _prefix_tree

    fast, slow = re.compile(_prefix_tree(stems)), _old_stem_filter(stems)
    for text in texts:
        assert (fast.search(text) is None) == (slow.search(text) is None)


def test_the_rule_filters_find_what_the_flat_lists_find() -> None:
    """The real filters of JD107 and JD108 on their own words and on words they lack."""
    for lang in ("ru", "lt"):
        words = title_words(DATA, lang)
        listed = tuple(DATA["words"][lang]["heads"])
        stems = {fold(w)[:5] for w in listed} | {w[:5] for w in words.heads}
        for w in list(stems):
            stems.update(part[:5] for part in w.split("-") if part)
        fast, slow = stem_filter(listed, words.heads), _old_stem_filter(stems)
        samples = [*listed, *words.heads, "водитель-курьер", "заведующего складом",
                   "текст без должностей", "ЗАМЕСТИТЕЛЬ", "vyr. buhalterė", ""]
        for text in samples:
            assert (fast.search(fold(text)) is None) == (slow.search(fold(text)) is None), text
        found = "главного бухгалтера" if lang == "ru" else "vyriausiojo buhalterio"
        assert fast.search(found) and not fast.search("текст без должностей")



def _old_capitals(items: list[Token], head: Token) -> bool:
    """``phrases._quals``' test of a heading in capitals before issue 19's third round."""
    return sum(1 for tok in items if phrases._ABBREV.match(tok.text)) >= 2 and head.text.isupper()


_CAPITALS = ["ГЛАВНОГО", "БУХГАЛТЕРА", "ОТДЕЛА", "ОМА", "IT", "Менеджера", "ПО", "ПРОДАЖАМ",
             "менеджер", "II", "категории", "АХО"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CAPITALS), min_size=1, max_size=8))
@example(["ГЛАВНОГО", "БУХГАЛТЕРА", "ОМА"])
@example(["Менеджера", "ОМА", "АХО"])
def test_capitals_test_answers_as_before(pieces: list[str]) -> None:
    words = title_words(DATA, "ru")
    t = tokenize_text(" ".join(pieces), "ru")
    for ph in heads_in(t, words, "ru"):
        items = [tok for tok in t.tokens[ph.start:ph.end] if tok.is_word]
        head = t.tokens[ph.head]
        new = head.text.isupper() and sum(
            1 for tok in items if phrases._ABBREV.match(tok.text)) >= 2
        assert new == _old_capitals(items, head)
    upper = heads_in(tokenize_text("ГЛАВНОГО БУХГАЛТЕРА ОМА", "ru"), words, "ru")
    mixed = heads_in(tokenize_text("Главного бухгалтера ОМА", "ru"), words, "ru")
    assert upper[0].quals != mixed[0].quals  # "ОМА" is a word in capitals, a name otherwise
