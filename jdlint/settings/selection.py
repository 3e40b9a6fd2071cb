"""Rule selection: ``select`` / ``extend-select`` / ``ignore`` by code, prefix, name, group, "ALL".

One sentence of semantics (flake8's): for each rule, the most specific matching selector wins,
and when a select and an ignore selector are equally specific, ignore wins. Specificity: a full
code, a name or an alias (one rule) > a longer code prefix ("JD20") > a shorter one ("JD2",
"JD") > a group ("labour") > "ALL". Without ``select`` the default is every stable rule.
Preview and deprecated rules run only when selected by their exact code, name or alias (ruff),
or, for preview, with ``preview=True``. An unknown selector is an error with a "did you mean".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from jdlint.catalogue.ruledata import RuleMeta

__all__ = ["EXACT", "SelectorError", "resolve_selection", "specificity"]

EXACT: Final = 100
_PREFIX_RE: Final = re.compile(r"^[A-Z]{2,4}[0-9]{0,2}$")


class SelectorError(ValueError):
    """A selector names no rule, or selects a removed rule."""


def specificity(selector: str, meta: RuleMeta) -> int | None:
    """How specifically ``selector`` designates ``meta`` (``None`` = does not match it)."""
    if selector.upper() == "ALL":
        return 0
    upper = selector.upper()
    lower = selector.lower()
    if upper == meta.code or lower == meta.name or lower in meta.aliases:
        return EXACT
    if _PREFIX_RE.match(upper) and meta.code.startswith(upper):
        return len(upper)  # "JD" 2 < "JD2" 3 < "JD20" 4 < full code
    if lower in meta.groups:
        return 1
    return None


def _vocabulary(catalogue: Mapping[str, RuleMeta]) -> list[str]:
    words: set[str] = {"ALL"}
    for meta in catalogue.values():
        words.update((meta.code, meta.name, *meta.aliases, *meta.groups))
        words.update(meta.code[:n] for n in range(2, len(meta.code)))
    return sorted(words)


def _validate(selectors: Iterable[str], catalogue: Mapping[str, RuleMeta], *,
              selecting: bool) -> None:
    vocabulary = _vocabulary(catalogue)
    for selector in selectors:
        hits = [m for m in catalogue.values() if specificity(selector, m) is not None]
        if not hits:
            close = difflib.get_close_matches(selector, vocabulary, n=3, cutoff=0.6)
            if not close:  # NOTE: codes differ in one digit; compare case-folded too
                close = difflib.get_close_matches(selector.upper(), vocabulary, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise SelectorError(f"unknown rule selector {selector!r}{hint}")
        if selecting:
            for meta in hits:
                if meta.status == "removed" and specificity(selector, meta) == EXACT:
                    raise SelectorError(f"{meta.code} ({meta.name}) has been removed and "
                                        f"cannot be selected")


def _best(selectors: Iterable[str], meta: RuleMeta) -> int | None:
    best: int | None = None
    for selector in selectors:
        score = specificity(selector, meta)
        if score is not None and (best is None or score > best):
            best = score
    return best


def resolve_selection(catalogue: Mapping[str, RuleMeta], *,
                      select: Sequence[str] | None = None,
                      extend_select: Sequence[str] = (),
                      ignore: Sequence[str] = (),
                      preview: bool = False) -> tuple[str, ...]:
    """Codes of the rules to run, sorted. Raises ``SelectorError`` for unknown selectors."""
    chosen = ["ALL"] if select is None else list(select)
    _validate(chosen, catalogue, selecting=True)
    _validate(extend_select, catalogue, selecting=True)
    _validate(ignore, catalogue, selecting=False)
    selected: list[str] = []
    for code, meta in sorted(catalogue.items()):
        if meta.status == "removed":
            continue
        wanted = _best([*chosen, *extend_select], meta)
        if wanted is None:
            continue
        unwanted = _best(ignore, meta)
        if unwanted is not None and unwanted >= wanted:
            continue  # ties go to ignore (flake8)
        if meta.status == "deprecated" and wanted < EXACT:
            continue
        if meta.status == "preview" and wanted < EXACT and not preview:
            continue
        selected.append(code)
    return tuple(selected)
