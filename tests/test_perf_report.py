"""Issue 19: ``RuleContext.report``'s per-finding work made cheaper without changing a finding:
``Source.moved`` is ``dataclasses.replace`` of the place, the legal basis in force is kept per
rule, jurisdiction and day, and ``fingerprint_text`` per text. Each is compared with the code
it replaces, on inputs where a wrong key would show."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from helpers import make_doc

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.core import locate
from jdlint.core.model import Document, Source
from jdlint.ruleapi import RuleContext

# NOTE: every field of Source with a value other than its default: a new field fails here
# until ``Source.moved`` carries it
_EVERY = {"block": 3, "start": 4, "end": 9, "line": 12, "paragraph": 7, "subline": 2,
          "cell": (1, 2, 3), "page": 5, "note": ("footnote", 2)}


def test_moved_is_replace_for_every_field() -> None:
    assert {f.name for f in dataclasses.fields(Source)} == set(_EVERY)
    source = Source(**_EVERY)  # type: ignore[arg-type]
    for block, start, end in ((0, 0, None), (8, 2, 5), (3, 4, 9)):
        assert source.moved(block, start, end) == dataclasses.replace(
            source, block=block, start=start, end=end)
    assert Source(1).moved(2, 3, 4) == Source(2, 3, 4)


def _direct(meta: object, language: str | None, today: date) -> tuple[object, ...]:
    return tuple(ref for ref in meta.legal_for(language)  # type: ignore[attr-defined]
                 if (ref.valid_from is None or ref.valid_from <= today)
                 and (ref.valid_to is None or today <= ref.valid_to))


def _doc(language: str | None) -> Document:
    return dataclasses.replace(make_doc(["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "1. Общие положения"]),
                               language=language)


DAYS = (date(2020, 1, 1), date(2025, 8, 17), date(2025, 8, 18), date(2031, 1, 1))


@pytest.mark.parametrize("language", ["ru", "lt", None])
def test_legal_basis_kept_per_rule_jurisdiction_and_day_is_the_direct_one(
        language: str | None) -> None:
    catalogue = load_catalogue()
    doc = _doc(language)
    changed = 0
    for meta in catalogue.values():
        answers = set()
        for day in DAYS:
            for jurisdiction in (None, "by", "ru"):
                ctx = RuleContext(meta, doc, today=day)
                if jurisdiction is not None:
                    ctx = ctx.under_law(jurisdiction)
                effective = language if language is None or jurisdiction is None \
                    or jurisdiction == (language or "ru") else jurisdiction
                want = _direct(meta, effective, day)
                assert ctx.legal_basis() == want, (meta.code, day, jurisdiction)
                assert ctx.legal_basis() == want  # and again, from what was kept
                answers.add(want)
        changed += len(answers) > 1
    if language == "ru":
        assert changed  # NOTE: some basis changes with the day: a key without it would fail


def test_fingerprint_text_kept_is_the_reduction() -> None:
    locate.fingerprint_text.cache_clear()
    for text in ("2.3. Ведёт учёт", "3.1. Ведет учет", "a) Vykdo", "IV. Vykdo ", ""):
        first = locate.fingerprint_text(text)
        assert locate.fingerprint_text(text) == first == locate.fingerprint_text.__wrapped__(text)
    assert locate.fingerprint_text("2.3. Ведёт учёт") == locate.fingerprint_text("3.1. Ведет учет")


@pytest.mark.parametrize("template", ["штраф", "g<1> $1 {0} %s", "", "слово\tи\nещё", "\\1 раз",
                                      "a\\nb", "\\g<0>!"])
def test_a_fix_template_without_a_backslash_is_its_own_expansion(template: str) -> None:
    import re

    from jdlint.catalogue.rulefix import FixEntry, propose

    entry = FixEntry(regex=r"(штрафу\w*)", sentence=False, text=template, append=False,
                     safe=False)
    text = "Работник штрафуется за опоздание."
    found = re.compile(r"(штрафу\w*)", re.IGNORECASE).search(text)
    assert found is not None
    proposal = propose([entry], text, found.start(), found.end())
    assert proposal is not None
    want = found.expand(template)
    assert proposal.replacement.casefold() == want.casefold()
    if "\\" in template:
        assert want != template
