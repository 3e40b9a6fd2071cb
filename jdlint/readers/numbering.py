"""Word auto-numbering: the model of ``numbering.xml`` and the renderer of visible labels.

This module owns everything between ``w:numPr`` and the label Word draws in front of a
paragraph ("2.3.", "а)", "IV.", "•"): parsing ``w:abstractNum`` / ``w:num`` (level overrides,
start overrides, ``numStyleLink``), number formats, and the running counters
(:class:`NumberingState`). The paragraph styles numbering hangs on are
:mod:`jdlint.readers.styles`. The DOCX reader resolves which ``(numId, ilvl)`` a paragraph uses
and asks :meth:`NumberingState.label` for the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field, replace
from itertools import islice
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from jdlint.core.errors import InputError
from jdlint.core.records import record
from jdlint.readers.numfmt import MAX_COUNTER as MAX_COUNTER
from jdlint.readers.numfmt import MAX_LABEL as MAX_LABEL
from jdlint.readers.numfmt import MAX_LEVELS as MAX_LEVELS
from jdlint.readers.numfmt import PUA_GLYPHS as PUA_GLYPHS
from jdlint.readers.numfmt import RUSSIAN_LOWER as RUSSIAN_LOWER
from jdlint.readers.numfmt import Plan as _Plan
from jdlint.readers.numfmt import bullet_glyph as bullet_glyph
from jdlint.readers.numfmt import fill as _fill
from jdlint.readers.numfmt import format_number as format_number
from jdlint.readers.numfmt import template
from jdlint.readers.wml import _VAL, _W, child_val, first_child
from jdlint.readers.wml import W_NS as W_NS  # NOTE: re-exported: readers and tests import it here

_ABSTRACT, _NUM, _LVL = _W + "abstractNum", _W + "num", _W + "lvl"
# NOTE: a level's text is a label such as "%1.%2." or "Статья %1."; Word's dialog keeps it to a
# few dozen characters. A longer one is a label bomb: each numbered paragraph would repeat it
# (a 284 KB file with a 900,000-character lvlText took 88 s), so the file is refused.
MAX_LEVEL_TEXT = 256
MAX_LIST_DEFINITIONS = 20_000  # abstractNum and num elements, each
MAX_LINK_CHAIN = 32  # numStyleLink hops followed (Word follows one)



@record(slots=True)
class Level:
    """One ``w:lvl``: how a list level counts and what its label looks like."""

    ilvl: int
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    is_lgl: bool = False
    pstyle: str | None = None


@record(frozen=False, slots=True)
class AbstractNum:
    """A ``w:abstractNum``: the level definitions shared by every ``w:num`` pointing to it."""

    id: str
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None
    style_link: str | None = None


@record(frozen=False, slots=True)
class Num:
    """A ``w:num`` (what ``numId`` names): an abstractNum plus per-level overrides."""

    id: str
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _int(value: str | None, default: int) -> int:
    # NOTE: a number of more than 18 digits is no counter (a 4,000-digit w:start would cost a
    # quadratic int() and grow every label); it is read as the default.
    if value is None or len(value.strip()) > 18:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def parse_level(el: Any) -> Level:
    """Parse one ``w:lvl`` element (a missing ``w:ilvl`` means level 0, as Apache POI writes)."""
    # NOTE: one pass over the children, keeping the first of each tag (what find() returns):
    # a document has dozens of levels and seven lookups each.
    first: dict[Any, Any] = {}
    for c in el:
        first.setdefault(c.tag, c)

    def val(tag: str) -> str | None:
        found = first.get(_W + tag)
        return None if found is None else found.get(_VAL)

    restart = val("lvlRestart")
    text = val("lvlText")
    if text is not None and len(text) > MAX_LEVEL_TEXT:
        raise InputError(f"numbering level text of {len(text):,} characters "
                         f"(limit {MAX_LEVEL_TEXT}): not a list label")
    lgl = first.get(_W + "isLgl")
    return Level(
        ilvl=min(max(_int(el.get(_W + "ilvl"), 0), 0), MAX_LEVELS - 1),
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=text,
        restart=None if restart is None else _int(restart, 0),
        is_lgl=lgl is not None and lgl.get(_VAL, "true") not in ("0", "false", "off"),
        pstyle=val("pStyle"),
    )


def _too_many(what: str) -> InputError:
    return InputError(f"numbering has more than {MAX_LIST_DEFINITIONS:,} {what} definitions "
                      f"(limit {MAX_LIST_DEFINITIONS:,})")


# NOTE: documents from one template repeat the template's list definitions (issue 19: in a
# generated batch 12 distinct of ~500, and parsing them was most of reading numbering.xml).
# An abstractNum is kept by its serialisation (namespaces included: equal bytes are an equal
# element, which parses to an equal definition), a bounded number of small ones only; each
# document gets its own AbstractNum and level dict (Level is frozen and shared).
_ABSTRACTS: dict[bytes, AbstractNum] = {}
MAX_ABSTRACTS = 256
MAX_ABSTRACT_BYTES = 16 * 1024


def _abstract_num(el: Any) -> AbstractNum:
    """The ``w:abstractNum`` element ``el`` parsed (raises InputError for a label bomb)."""
    key = etree.tostring(el, with_tail=False)
    found = _ABSTRACTS.get(key)
    if found is not None:
        return AbstractNum(found.id, dict(found.levels), found.num_style_link, found.style_link)
    a = AbstractNum(
        id=el.get(_W + "abstractNumId", ""),
        num_style_link=child_val(el, "numStyleLink"),
        style_link=child_val(el, "styleLink"),
    )
    for lvl_el in el.iter(_LVL):
        lvl = parse_level(lvl_el)
        a.levels.setdefault(lvl.ilvl, lvl)
    if len(key) <= MAX_ABSTRACT_BYTES:
        if len(_ABSTRACTS) >= MAX_ABSTRACTS:
            _ABSTRACTS.pop(next(iter(_ABSTRACTS)), None)  # the oldest
        _ABSTRACTS[key] = AbstractNum(a.id, dict(a.levels), a.num_style_link, a.style_link)
    return a


class Numbering:
    """The numbering definitions of one document (``numbering.xml``)."""

    def __init__(self, abstracts: Iterable[AbstractNum] = (), nums: Iterable[Num] = ()) -> None:
        self.abstracts: dict[str, AbstractNum] = {}
        for a in abstracts:
            # NOTE: duplicate abstractNumId (Apache POI appends a second "0"): keep the first,
            # which Word wrote. Both definitions of the real file render level 0 the same.
            self.abstracts.setdefault(a.id, a)
        self.nums: dict[str, Num] = {n.id: n for n in nums}
        self._by_style_link = {a.style_link: a for a in self.abstracts.values() if a.style_link}
        # NOTE: levels are looked up ~10 times per numbered paragraph; definitions are only
        # ever added (the test builder adds nums), so cached entries stay valid.
        self._levels: dict[tuple[str, int], Level | None] = {}
        # NOTE: both resolved once per document, not per paragraph: a 10,000-long
        # numStyleLink chain or 10,000 abstractNums rescanned for each paragraph is quadratic.
        self._abstract_of: dict[str, AbstractNum | None] = {}
        self._style_levels: dict[str, int] = {}
        self._style_levels_of = -1  # len(abstracts) the map was built for (the builder adds)

    @classmethod
    def from_element(cls, root: Any, skip: int = 0,
                     leading: Iterable[AbstractNum] = ()) -> Numbering:
        """Build from a parsed ``w:numbering`` root element (lxml); ``leading`` are the
        abstractNums of its first ``skip`` children, read before (``readers.numprefix``)."""
        abstracts: list[AbstractNum] = list(leading)
        nums: list[Num] = []
        for el in islice(root, skip, None) if skip else root:
            if el.tag == _ABSTRACT:
                abstracts.append(_abstract_num(el))
                if len(abstracts) > MAX_LIST_DEFINITIONS:
                    raise _too_many("abstractNum")
            elif el.tag == _NUM:
                abstract_id = child_val(el, "abstractNumId") or ""
                num = Num(id=el.get(_W + "numId", ""), abstract_id=abstract_id)
                for ov in el.iter(_W + "lvlOverride"):
                    ilvl = _int(ov.get(_W + "ilvl"), 0)
                    start = child_val(ov, "startOverride")
                    if start is not None:
                        num.start_overrides[ilvl] = _int(start, 1)
                    lvl_el = first_child(ov, _LVL)
                    if lvl_el is not None:
                        num.level_overrides[ilvl] = replace(parse_level(lvl_el), ilvl=ilvl)
                nums.append(num)
                if len(nums) > MAX_LIST_DEFINITIONS:
                    raise _too_many("num")
        return cls(abstracts, nums)

    def abstract_for(self, num_id: str) -> AbstractNum | None:
        """The abstractNum whose levels ``num_id`` uses (``numStyleLink`` followed)."""
        if num_id in self._abstract_of:
            return self._abstract_of[num_id]
        num = self.nums.get(num_id)
        if num is None:
            return None
        a = self.abstracts.get(num.abstract_id)
        seen: set[str] = set()
        while a is not None and a.num_style_link and a.id not in seen \
                and len(seen) < MAX_LINK_CHAIN:
            seen.add(a.id)
            target = self._by_style_link.get(a.num_style_link)
            if target is None or target is a:
                break
            a = target
        if a is not None:  # NOTE: the test builder adds definitions later; cache found ones
            self._abstract_of[num_id] = a
        return a

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The effective level definition of ``(numId, ilvl)``, overrides applied."""
        key = (num_id, ilvl)
        if key in self._levels:
            return self._levels[key]
        lvl = self._level(num_id, ilvl)
        if lvl is not None:
            self._levels[key] = lvl
        return lvl

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        a = self.abstract_for(num_id)
        if num is None or a is None:
            return None
        lvl = num.level_overrides.get(ilvl) or a.levels.get(ilvl)
        if lvl is None:
            return None
        if ilvl in num.start_overrides:
            lvl = replace(lvl, start=num.start_overrides[ilvl])
        return lvl

    def style_level(self, style_id: str) -> int | None:
        """The level an abstractNum links to paragraph style ``style_id`` via ``w:pStyle``."""
        if self._style_levels_of != len(self.abstracts):
            self._style_levels_of = len(self.abstracts)
            self._style_levels = {}
            for a in self.abstracts.values():
                for lvl in a.levels.values():
                    if lvl.pstyle is not None:
                        self._style_levels.setdefault(lvl.pstyle, lvl.ilvl)
        return self._style_levels.get(style_id)


class NumberingState:
    """Running counters over one story (body, one header...), fed paragraphs in order.

    Counters are kept per abstractNum, as Word does (ECMA-376 §17.9: a ``w:num`` is an
    instance of its abstract definition): two ``numId`` sharing an abstractNum without
    overrides continue one sequence. A ``w:num`` with a ``startOverride`` restarts the shared
    counter the first time that ``numId`` is used; later paragraphs of any ``numId`` of the
    abstractNum continue from there, and the overridden level restarts at the override value.

    NOTE: LibreOffice historically kept one list per ``numId`` (two ``numId`` sharing an
    abstractNum each started at 1); whether the 7.4 import used for the reference renderings
    shares the counter could not be checked here (no soffice available), and none of the four
    real files exercises the case. We follow Word, which the lawyer opens.
    """

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self._counters: dict[str, list[int | None]] = {}
        self._seen: set[str] = set()
        self._restarts: dict[str, tuple[int, ...]] = {}
        self._resets: dict[tuple[str, int], tuple[int, ...]] = {}
        self._plans: dict[tuple[str, int], tuple[Level, _Plan]] = {}
        # NOTE: per (numId, ilvl) asked, once its level, abstract and whole plan are found
        # (found definitions stay: the builder only adds): the level, the clamped ilvl, the
        # counters, the deeper levels to restart and the plan; nearly every label after a
        # list's first comes from here (issue 19)
        self._fast: dict[tuple[str, int], tuple[Level, int, list[int | None], tuple[int, ...],
                                                _Plan]] = {}

    def copy(self) -> NumberingState:
        """An independent copy (to try a paragraph without advancing these counters)."""
        other = NumberingState(self.numbering)
        other._counters = {k: list(v) for k, v in self._counters.items()}
        other._seen = set(self._seen)
        other._restarts = self._restarts  # NOTE: worked out from the definitions alone
        other._resets = self._resets
        other._plans = self._plans  # NOTE: not ``_fast``: it holds this state's counters
        return other

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counters for a paragraph at ``(numId, ilvl)`` and return its label.

        Returns None when ``numId`` is "0" or undefined, or when the level draws nothing.
        """
        fast = self._fast.get((num_id, ilvl))
        if fast is not None:  # NOTE: what the path below does for a numId already seen
            known, at, counts, restart, plan = fast
            value = counts[at]
            counts[at] = known.start if value is None else value + 1
            for deeper in restart:
                counts[deeper] = None
            return _fill(plan, counts)
        asked = ilvl
        if num_id in ("", "0"):
            return None
        ilvl = min(max(ilvl, 0), MAX_LEVELS - 1)
        lvl = self.numbering.level(num_id, ilvl)
        abstract = self.numbering.abstract_for(num_id)
        if lvl is None or abstract is None:
            return None
        counters = self._counters.setdefault(abstract.id, [None] * MAX_LEVELS)
        num = self.numbering.nums[num_id]
        if num_id not in self._seen:
            self._seen.add(num_id)
            for k, start in (num.start_overrides.items() if num.start_overrides else ()):
                if 0 <= k < MAX_LEVELS:
                    counters[k] = start - 1 if k == ilvl else start if k < ilvl else None
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        # NOTE: the deeper levels an item at ``ilvl`` restarts, worked out once per level
        # from ``_restarts_of`` (kept as long as it) instead of tested one by one (issue 19)
        resets = self._resets.get((num_id, ilvl))
        if resets is None:
            restarts = self._restarts.get(num_id) or self._restarts_of(num_id)
            resets = self._resets[num_id, ilvl] = tuple(
                deeper for deeper in range(ilvl + 1, MAX_LEVELS) if ilvl < restarts[deeper])
        for deeper in resets:
            counters[deeper] = None
        label = self._render(num_id, lvl, counters)
        kept = self._plans.get((num_id, id(lvl)))
        if kept is not None and kept[0] is lvl:
            self._fast[num_id, asked] = (lvl, ilvl, counters, resets, kept[1])
        return label

    def _restarts_of(self, num_id: str) -> tuple[int, ...]:
        """Per level of ``num_id``: the shallowest level whose item restarts it (exclusive)."""
        # NOTE: lvlRestart names a 1-based level: restart after an item at that level or
        # above (0 = never). Absent, a level restarts after any shallower item. Worked out
        # once per numId and story: the definitions do not change while a story is read.
        out = []
        for deeper in range(MAX_LEVELS):
            deeper_lvl = self.numbering.level(num_id, deeper)
            restart = deeper if deeper_lvl is None else deeper_lvl.restart
            out.append(deeper if restart is None else restart)
        self._restarts[num_id] = found = tuple(out)
        return found

    def _render(self, num_id: str, lvl: Level, counters: list[int | None]) -> str | None:
        # NOTE: what the label is made of is worked out once per level (issue 19); a plan
        # naming a level that is not defined (yet) is not kept, as ``Numbering.level`` does
        key = (num_id, id(lvl))
        found = self._plans.get(key)
        if found is None or found[0] is not lvl:
            plan, whole = _plan(self.numbering, num_id, lvl)
            found = (lvl, plan)
            if whole:
                self._plans[key] = found
        return _fill(found[1], counters)


def _plan(numbering: Numbering, num_id: str, lvl: Level) -> tuple[_Plan, bool]:
    """A level's label as its literal pieces and (level, start, format) references, and
    whether every referenced level is defined."""
    text = lvl.text
    if not text:
        return None, True
    if lvl.fmt == "bullet":
        return bullet_glyph(text).strip() or None, True
    parts: list[str | tuple[int, int, str]] = []
    whole = True
    for k in template(text):
        if isinstance(k, str):
            parts.append(bullet_glyph(k))
            continue
        ref = numbering.level(num_id, k)
        whole = whole and ref is not None
        fmt = ref.fmt if ref is not None else "decimal"
        if lvl.is_lgl and fmt != "none":
            fmt = "decimal"
        parts.append((k, ref.start if ref is not None else 1, fmt))
    return tuple(parts), whole
