"""Profile markers counted through the literal prefilter (issue 19) give the counts a search of
every marker gives, on texts built to hit, miss and nearly hit them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.profiles import load_profiles

_WORDS = st.sampled_from([
    "Valstybės tarnautojas", "VALSTYBĖS  TARNAUTOJŲ", "pareigybės lygmuo", "VATIS", "vatis",
    "veiklos sritis", "biudžetinė įstaiga", "savivaldybės biudžetinė įstaiga",
    "pareigybės lygis – A2", "XIII-198", "государственный гражданский служащий",
    "ГОСУДАРСТВЕННОЙ ГРАЖДАНСКОЙ СЛУЖБЫ", "муниципальный служащий", "İ", "ſ", "ı", "\u0307",
    " ", "\n", "-", "а", "služba", "tarnyb"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=10).map(" ".join))
def test_prefiltered_hits_equal_every_marker_searched(text: str) -> None:
    for profile in load_profiles().values():
        slow = sum(1 for marker in profile.markers if marker.search(text))
        assert profile.marker_hits(text) == slow, profile.name


def test_markers_do_hit() -> None:
    lt = load_profiles()["lt-civil-service"]
    assert lt.marker_hits("Valstybės tarnautojo pareigybės lygmuo, VATIS") >= 3
    assert lt.marker_hits("Darbuotojas atlieka darbus") == 0
