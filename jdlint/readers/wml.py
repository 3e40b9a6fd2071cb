"""WordprocessingML element helpers shared by the DOCX reader, its styles and its numbering:
the ``w:`` namespace, the first child with a tag, a child's ``w:val``, and lenient integers.
"""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
_VAL = _W + "val"


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
