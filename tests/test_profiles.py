"""Profiles: the YAML is valid and choose_profile picks by language and public-body markers."""

from __future__ import annotations

import pytest
from helpers import RU_DOC, make_doc

from jdlint.catalogue.profiles import (
    choose_profile,
    get_profile,
    load_profiles,
    profile_names,
    section_title,
)
from jdlint.core.model import SectionKind

LT_PRIVATE = ["PAREIGYBĖS APRAŠYMAS", "1. Funkcijos", "1.1. Derasi su klientais."]


def test_profiles_present_with_sources() -> None:
    assert set(profile_names()) == {"ru-standard", "lt-private", "lt-civil-service",
                                    "lt-public-contract"}
    ru = get_profile("ru-standard")
    assert ru.required == (SectionKind.GENERAL, SectionKind.DUTIES, SectionKind.RIGHTS,
                           SectionKind.RESPONSIBILITY)
    assert ru.recommended == (SectionKind.QUALIFICATION, SectionKind.RELATIONSHIPS)
    assert "not statute" in ru.source
    for profile in load_profiles().values():
        assert profile.source
        assert set(profile.required) <= set(profile.order)


def test_get_profile_did_you_mean() -> None:
    with pytest.raises(ValueError, match="did you mean lt-private"):
        get_profile("lt-privat")


@pytest.mark.parametrize(("lines", "language", "expected"), [
    (RU_DOC, "ru", "ru-standard"),
    (RU_DOC, None, "ru-standard"),
    (LT_PRIVATE, "lt", "lt-private"),
    (["PAREIGYBĖS APRAŠYMAS", "I SKYRIUS PAREIGYBĖS CHARAKTERISTIKA",
      "1. Valstybės tarnautojo pareigybė, pareigybės lygmuo – A2."], "lt", "lt-civil-service"),
    (["PAREIGYBĖS APRAŠYMAS", "I SKYRIUS PAREIGYBĖ", "2. Pareigybės lygis – B.",
      "3. Pareigybės paskirtis – organizuoti mokyklos ūkinę veiklą.",
      "II SKYRIUS SPECIALŪS REIKALAVIMAI ŠIAS PAREIGAS EINANČIAM DARBUOTOJUI"], "lt",
     "lt-public-contract"),
    # a school's page: the school, its pupils and its educational work are three signs
    (["MOKYTOJO PADĖJĖJO PAREIGYBĖS APRAŠYMAS", "Mokytojo padėjėjo funkcijos:",
      "• padeda mokiniams atlikti mokytojo užduotis;",
      "• dalyvauja ugdomojoje veikloje mokykloje."], "lt", "lt-public-contract"),
    # a private firm that trains its staff has no pupils: one school word is not enough
    ([*LT_PRIVATE, "1.2. Organizuoja darbuotojų mokymus, bendradarbiauja su mokyklomis."],
     "lt", "lt-private"),
    # one stray marker is not enough
    ([*LT_PRIVATE, "1.2. Bendradarbiauja su biudžetinėmis įstaigomis."], "lt", "lt-private"),
])
def test_choose_profile(lines: list[str], language: str | None, expected: str) -> None:
    assert choose_profile(make_doc(lines, language=language)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "lang", "title"), [
    (SectionKind.RIGHTS, "ru", "Права"), ("duties", "lt", "Funkcijos"),
    (SectionKind.GENERAL, "en", "General provisions"), (SectionKind.FINAL, "de",
                                                       "Final provisions"),
])
def test_section_title(kind: SectionKind | str, lang: str, title: str) -> None:
    assert section_title(kind, lang) == title


def test_kinds_grouped_in_the_order_share_a_rank() -> None:
    civil = get_profile("lt-civil-service")
    assert civil.order == (SectionKind.GENERAL, SectionKind.DUTIES, SectionKind.QUALIFICATION)
    assert civil.rank(SectionKind.DUTIES) == civil.rank(SectionKind.QUALIFICATION)
    assert civil.rank(SectionKind.GENERAL) < civil.rank(SectionKind.DUTIES)
    ru = get_profile("ru-standard")
    assert ru.rank(SectionKind.QUALIFICATION) < ru.rank(SectionKind.DUTIES)


def test_a_kind_placed_twice_is_a_load_error() -> None:
    from jdlint.catalogue.profiles import _order
    from jdlint.catalogue.ruledata import RuleDataError

    with pytest.raises(RuleDataError, match="duties is placed twice"):
        _order("x", ["general", ["duties", "qualification"], "duties"])
    with pytest.raises(RuleDataError, match="order"):
        _order("x", ["general", ["duties", "no-such-kind"]])
