"""WordprocessingML element helpers shared by the DOCX reader, its styles and its numbering:
the ``w:`` namespace, the first child with a tag, a child's ``w:val``, lenient integers,
a paragraph's numbering reference and the rows/cells of a table.
"""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
_VAL = _W + "val"
_NUM_ID, _ILVL = _W + "numId", _W + "ilvl"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_PSTYLE, _NUMPR, _OUTLINE, _SECTPR = (_W + t for t in "pStyle numPr outlineLvl sectPr".split())
# NOTE: the paragraph properties ``paragraph_props`` reads; up to ``_FEW`` children are looped
# over as they are, past that lxml's own tag filter hands over only these (in order) without
# a proxy for the others
_PPR_READ = (_PSTYLE, _NUMPR, _OUTLINE, _SECTPR)
_FEW = 3


def first_child(el: Any, tag: str) -> Any | None:
    """The first child element of ``el`` with ``tag`` (Clark notation): ``el.find(tag)``."""
    # NOTE: a loop over the few children of a property element is ~8x faster than lxml's
    # find(), which goes through its path machinery (profiled: 5 µs a call, ten per paragraph).
    for c in el:
        if c.tag == tag:
            return c
    return None


def child_val(el: Any, tag: str) -> str | None:
    """The ``w:val`` of child ``w:<tag>`` of ``el``, if any."""
    found = first_child(el, _W + tag)
    if found is None:
        return None
    value: str | None = found.get(_VAL)
    return value


def int_or_none(value: str | None) -> int | None:
    """``int(value)``, or None when absent or not a number."""
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def num_pr(numpr: Any) -> tuple[str | None, int | None]:
    """``w:numId`` and ``w:ilvl`` of a ``w:numPr`` (the first of each), in one pass."""
    num = lvl = None
    for c in numpr:
        tag = c.tag
        if tag == _NUM_ID:
            num = c if num is None else num
        elif tag == _ILVL:
            lvl = c if lvl is None else lvl
    return (None if num is None else num.get(_VAL),
            None if lvl is None else int_or_none(lvl.get(_VAL)))


def children_of(el: Any, tag: str) -> list[Any]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    out: list[Any] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            content = first_child(child, _SDT_CONTENT)
            if content is not None:
                out.extend(children_of(content, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(children_of(child, tag))
    return out


def paragraph_props(ppr: Any) -> tuple[str | None, str | None, int | None, int | None, Any]:
    """Of a ``w:pPr``: its style id, numbering ``numId`` and ``ilvl``, outline level and
    ``w:sectPr`` element, from the first child of each tag."""
    # NOTE: one pass over the properties instead of four scans of them (issue 19)
    pstyle = numpr = outline = sect = None
    for c in ppr if len(ppr) <= _FEW else ppr.iterchildren(*_PPR_READ):
        tag = c.tag
        if tag == _NUMPR:
            numpr = c if numpr is None else numpr
        elif tag == _PSTYLE:
            pstyle = c if pstyle is None else pstyle
        elif tag == _OUTLINE:
            outline = c if outline is None else outline
        elif tag == _SECTPR:
            sect = c if sect is None else sect
    num_id, ilvl = (None, None) if numpr is None else num_pr(numpr)
    return (None if pstyle is None else pstyle.get(_VAL), num_id, ilvl,
            None if outline is None else int_or_none(outline.get(_VAL)), sect)
