"""catalogue.markerscan counts exactly the markers a plain search finds (issue 19): profile
markers and made-up patterns (groups, optional and repeated parts, branches, word boundaries,
lookbehinds) on texts built to hit, miss and nearly hit them, with case and "İ"/"ſ" traps."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.markerscan import count_hits, plan, starts
from jdlint.catalogue.profiles import load_profiles

_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"(ab)+c", r"a?bc", r"\bvatis\b", r"(?<=x)abc", r"(pro)?gimn\w+|mokykl\w+", r"ugd(om|ymo)",
    r"x*yz", r"(?:)abc", r"[ab]cd", r"ſtar", r"star", r"\d+ab", r"(ab|)cd", r"(?i:ÄB)c",
    r"pareigybės\s+lygis\s*[–-]?\s*[ABCD]\d?", r"a{2,}b", r"(?=ab)abc", r"(a|b)?c"))
_PIECES = st.sampled_from([
    "ab", "AB", "abc", "ababc", "bc", "c", "vatis", "VATIS", "xvatis", "x", "xabc", "gimn",
    "progimnazija", "PROGIMNAZIJA", "mokykla", "ugdom", "ugdymo", "yz", "xxyz", "cd", "bcd",
    "star", "ſtar", "STAR", "12ab", "İ", "ı", "ſ", "\u0307", "äbc", "ÄBC", "pareigybės lygis – A2",
    "PAREIGYBĖS  LYGIS B", "pareigybės", "lygis", "aab", "aaab", " ", "\n", "-"])
_TEXTS = st.lists(_PIECES, max_size=12).map("".join) | st.lists(_PIECES, max_size=12).map(
    " ".join)


def _slow(markers: tuple[re.Pattern[str], ...], text: str) -> int:
    return sum(1 for m in markers if m.search(text))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_made_up_patterns_counted_as_searched(text: str) -> None:
    for pattern in _PATTERNS:
        assert count_hits((pattern,), text) == _slow((pattern,), text), pattern.pattern


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_profile_markers_counted_as_searched(text: str) -> None:
    for profile in load_profiles().values():
        assert count_hits(profile.markers, text) == _slow(profile.markers, text), profile.name


def test_many_start_places_and_far_matches() -> None:
    (marker,) = _PATTERNS[4:5]
    text = "pro " * 40 + "x" * 500 + " progimnazija"
    assert count_hits((marker,), text) == 1
    assert count_hits((marker,), "pro " * 40) == 0


def test_start_literals_read_from_the_pattern() -> None:
    assert starts(re.compile(r"(ab)+c")) == frozenset({"ab"})
    assert starts(re.compile(r"a?bc")) == frozenset({"abc", "bc"})
    assert starts(re.compile(r"\d+ab")) is None
    assert starts(re.compile(r"(pro)?gimn|x")) == frozenset({"progimn", "gimn", "x"})
    assert starts(re.compile(r"(ab){1,1}c")) == frozenset({"abc"})
    needs = dict((m.pattern, n) for m, n, _ in plan(_PATTERNS))
    assert needs[r"(ab)+c"] == (frozenset({"ab"}), frozenset({"c"}))
    assert needs[r"x*yz"] == (frozenset({"yz"}),)


@pytest.mark.parametrize("text", ["İ pareigybės lygis A", "ſtar", "STAR", "xabc"])
def test_alien_and_length_changing_texts(text: str) -> None:
    assert count_hits(_PATTERNS, text) == _slow(_PATTERNS, text)
