"""Word paragraph styles (``styles.xml``), as far as numbering and headings need them.

This module owns :class:`Styles`: style names (ids are localised), ``basedOn`` chains, the
style's ``numPr`` and its outline/heading level, resolved along the chain. The numbering model
itself is :mod:`jdlint.readers.numbering`.
"""

from __future__ import annotations

import re
from typing import Any

from jdlint.core.records import record
from jdlint.readers.wml import _W, child_val, first_child, int_or_none

_PPR, _NUMPR = _W + "pPr", _W + "numPr"
MAX_STYLE_CHAIN = 32
_HEADING = re.compile(r"(?:heading|заголовок)\s*([1-9])", re.IGNORECASE)


@record(frozen=False, slots=True)
class _Style:
    name: str | None
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


class Styles:
    """Paragraph styles by id: names (ids are localised), basedOn chains, numPr, outline."""

    def __init__(self, root: Any | None) -> None:
        self._elements: dict[str, Any] = {}
        self._styles: dict[str, _Style | None] = {}
        self.default: str | None = None
        self._cache: dict[str, tuple[str | None, int | None, int | None]] = {}
        if root is None:
            return
        for el in root.iterchildren(_W + "style"):
            sid = el.get(_W + "styleId", "")
            self._elements.setdefault(sid, el)
            if el.get(_W + "type") == "paragraph" and el.get(_W + "default") in ("1", "true", "on"):
                self.default = sid

    def get(self, sid: str) -> _Style | None:
        """The parsed style (parsed on first use: styles.xml lists hundreds of latent styles)."""
        if sid in self._styles:
            return self._styles[sid]
        el = self._elements.get(sid)
        style = None
        if el is not None:
            ppr = first_child(el, _PPR)
            numpr = None if ppr is None else first_child(ppr, _NUMPR)
            style = _Style(
                name=child_val(el, "name"),
                based_on=child_val(el, "basedOn"),
                num_id=None if numpr is None else child_val(numpr, "numId"),
                ilvl=None if numpr is None else int_or_none(child_val(numpr, "ilvl")),
                outline=None if ppr is None else int_or_none(child_val(ppr, "outlineLvl")),
            )
        self._styles[sid] = style
        return style

    def name(self, sid: str | None) -> str | None:
        style = self.get(sid or self.default or "")
        return None if style is None else style.name

    def resolved(self, sid: str | None) -> tuple[str | None, int | None, int | None]:
        """(numId, ilvl, outline level) inherited along the basedOn chain of style ``sid``."""
        key = sid or self.default or ""
        if key in self._cache:
            return self._cache[key]
        num_id: str | None = None
        ilvl: int | None = None
        heading: int | None = None
        decided = False
        seen: set[str] = set()
        cur: str | None = key
        while cur and cur not in seen and len(seen) < MAX_STYLE_CHAIN:
            seen.add(cur)
            style = self.get(cur)
            if style is None:
                break
            num_id = style.num_id if num_id is None else num_id
            ilvl = style.ilvl if ilvl is None else ilvl
            if not decided:
                # NOTE: the nearest style that says anything decides: its outline level, else
                # a built-in heading/title name ("Пункт" based on heading 1 with outline 9 is
                # body text).
                low = (style.name or "").strip().lower()
                m = _HEADING.fullmatch(low)
                if style.outline is not None:
                    heading = style.outline + 1 if 0 <= style.outline < 9 else None
                elif m or low == "title":
                    heading = int(m.group(1)) if m else 0
                decided = style.outline is not None or m is not None or low == "title"
            cur = style.based_on
        self._cache[key] = (num_id, ilvl, heading)
        return num_id, ilvl, heading
