"""``core.deferred.Deferred`` stands for the compiled pattern everywhere JD106, JD109 and JD213
use it: the prefilter reads the same literals from its source, and it finds the same matches
(issue 19: their patterns are compiled on first use)."""

from __future__ import annotations

import re

import pytest

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.checklib import jurisdiction
from jdlint.core import literals
from jdlint.core.deferred import Deferred


def _sources() -> list[tuple[str, int]]:
    catalogue = load_catalogue()
    out = [(str(item["regex"]), 0) for item in catalogue["JD106"].data["patterns"]]
    for item in catalogue["JD109"].data["superseded"]:
        out += [(str(item[k]), re.IGNORECASE) for k in ("pattern", "not_after", "not_before")
                if item.get(k)]
    minors = catalogue["JD213"].data
    out += [(str(v), re.IGNORECASE) for key in ("minors", "admits", "under16", "per_day",
                                                "per_week") for v in minors[key].values()]
    out += [(p.pattern, p.flags) for markers in jurisdiction._MARKERS.values()
            for p in markers.values()]
    return out + [(p.pattern, p.flags) for p in (jurisdiction._BY_WORD, jurisdiction._NOTE)]


SOURCES = _sources()
TEXTS = ("ГОСТ Р 6.30-2003 и КЗоТ РСФСР", "ООО «ХХХ» (фамилия, инициалы) 20__ г.",
         "Vardas Pavardė, Darbo kodekso 232 str.", "несовершеннолетние могут быть приняты с 14 лет",
         "не более 12 часов в день", "Республики Беларусь, LR DK",
         "Примечание. наниматель", "\u0130stanbul ſ", "")


def test_the_sources_are_many() -> None:
    assert len(SOURCES) > 50


@pytest.mark.parametrize(("source", "flags"), SOURCES)
def test_deferred_has_the_compiled_patterns_literals_and_matches(source: str, flags: int) -> None:
    deferred, compiled = Deferred(source, flags), re.compile(source, flags)
    assert literals.required(deferred) == literals.required(compiled)
    for text in TEXTS:
        assert ([m.span() for m in deferred.finditer(text)]
                == [m.span() for m in compiled.finditer(text)])
        assert bool(deferred.search(text)) == bool(compiled.search(text))
        assert bool(deferred.match(text, 1)) == bool(compiled.match(text, 1))


def test_deferred_compiles_on_first_use_and_equals_by_source() -> None:
    a, b = Deferred("гост", re.IGNORECASE), Deferred("гост", re.IGNORECASE)
    assert a._compiled is None and a == b and hash(a) == hash(b)
    assert a != Deferred("гост") and a != Deferred("кзот", re.IGNORECASE)
    assert a.search("ГОСТ") is not None and a._compiled is not None
    assert b._compiled is None
    assert literals.prefilter((a,)) is literals.prefilter((b,))
