"""Table rows that carry a clause's number in one cell and its text in the next.

Instructions laid out as a two-column table ("№ | text") show each clause as "2.1" in the
first cell and "Принимает товар …" in the second. Read cell by cell, the number becomes a
block of its own and the text an unnumbered one, so no clause and no heading is recognised.
This module owns joining such a pair into the single block Word's reader sees: the typed
number is prefixed to the text, or the first cell's auto-number becomes the text's label.
"""

from __future__ import annotations

from dataclasses import replace

from jdlint.core.deferred import Deferred
from jdlint.core.model import Block

# A cell holding only a clause or section number: "1.", "2.1", "3.1.2.", "IV.". A bare "1"
# without a dot is a table's row number ("№ | Документ" listing what a clause names), which
# the structure layer reads as a row, not as a clause.
# NOTE: compiled on first use: only a number cell beside a text cell asks (issue 19)
_BARE_NUMBER = Deferred(r"^(?:\d{1,3}\.|\d{1,3}(?:\.\d{1,3}){1,4}\.?|[IVX]{1,5}\.)$")


def join_number_cell(out: list[Block], first: int, second: int, stop: int) -> None:
    """Join the number cell ``out[first:second]`` with the text cell ``out[second:stop]``
    (in place), when the first is a bare number and the second starts with unnumbered text."""
    if second - first != 1 or stop <= second:
        return
    number, target = out[first], out[second]
    if target.auto_number or not target.text:
        return
    typed = _BARE_NUMBER.match(number.text) is not None and not number.auto_number
    auto = bool(number.auto_number) and not number.text
    if not typed and not auto:
        return
    source = replace(target.source, block=number.index)
    if typed:
        joined = replace(target, index=number.index, source=source,
                         text=f"{number.text} {target.text}", raw=f"{number.raw} {target.raw}")
    else:
        joined = replace(target, index=number.index, source=source,
                         auto_number=number.auto_number, list_level=number.list_level,
                         list_id=number.list_id)
    rest = [replace(b, index=b.index - 1, source=replace(b.source, block=b.source.block - 1))
            for b in out[second + 1:stop]]
    out[first:stop] = [joined, *rest]
