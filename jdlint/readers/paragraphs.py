"""One word-processor paragraph → its blocks, the same way for every paragraph format (DOCX,
ODT, RTF): a paragraph split by manual line breaks gives one block per line, the list label,
level and id go on the first line only, and the reader's paragraph limit is enforced here.
"""

from __future__ import annotations

import re
import unicodedata

from jdlint.core.model import Block, BlockKind
from jdlint.core.records import record
from jdlint.core.text import _DROP, _SPACES, normalize
from jdlint.readers.blocks import new_block, new_source
from jdlint.readers.limits import MAX_PARAGRAPHS, too_long

__all__ = ["Paragraph", "append_lines", "append_paragraph", "normalized"]


# NOTE: not frozen: one is built per paragraph and read once by ``append_paragraph``; a frozen
# dataclass's ``__init__`` goes through ``object.__setattr__`` per field, 5x slower (issue 19)
@record(frozen=False, slots=True)
class Paragraph:
    """What a reader knows of one paragraph once its text is collected."""

    text: str  # the visible text, manual line breaks as "\n"
    paragraph: int | None  # 1-based paragraph number a lawyer sees
    cell: tuple[int, int, int] | None
    kind: BlockKind
    style: str | None
    label: str | None = None
    list_level: int | None = None
    list_id: str | None = None
    heading: int | None = None


# NOTE: what makes ``normalize`` more than collapse spaces and strip a line that is NFC: a
# control character or tab, or a character it drops or replaces (``_ODD``'s); one scan for
# them instead of its three (issue 19: ~0.4 µs of ~1.3 a line)
_NOT_PLAIN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f"
                        + "".join(map(chr, {**_DROP, **_SPACES})) + "]")
_SPACE_RUN = re.compile(" {2,}")
_is_normalized = unicodedata.is_normalized


def normalized(raw: str) -> str:
    """``normalize(raw)`` for a line (no "\n"), with its commonest case cut short."""
    if (raw.isascii() or _is_normalized("NFC", raw)) and _NOT_PLAIN.search(raw) is None:
        return (_SPACE_RUN.sub(" ", raw) if "  " in raw else raw).strip()
    return normalize(raw)


def append_paragraph(out: list[Block], para: Paragraph) -> None:
    """Append the blocks of ``para`` to ``out`` (raises ``InputError`` past the limit)."""
    append_lines(out, para.text, para.paragraph, para.cell, para.kind, para.style, para.label,
                 para.list_level, para.list_id, para.heading)


# NOTE: one parameter per ``Paragraph`` field: the DOCX reader calls this for every paragraph
# without building the record first (issue 19)
def append_lines(out: list[Block], text: str, paragraph: int | None,  # noqa: PLR0913
                 cell: tuple[int, int, int] | None, kind: BlockKind, style: str | None,
                 label: str | None = None, list_level: int | None = None,
                 list_id: str | None = None, heading: int | None = None) -> None:
    """``append_paragraph`` of the ``Paragraph`` with these fields."""
    if "\n" not in text:
        # NOTE: one line (nearly every paragraph): what the loop below does for it
        if len(out) + 1 > MAX_PARAGRAPHS:
            raise too_long(len(out) + 1, "paragraphs and lines", MAX_PARAGRAPHS, more=True)
        clean = normalized(text)
        if clean or label:
            index = len(out)
            source = new_source(index, None, paragraph, None, cell)
            out.append(new_block(index, clean, text, source, kind, style, label, list_level,
                                 list_id, heading))
        return
    lines = text.split("\n")
    if len(out) + len(lines) > MAX_PARAGRAPHS:
        raise too_long(len(out) + len(lines), "paragraphs and lines", MAX_PARAGRAPHS, more=True)
    for i, raw in enumerate(lines, 1):
        clean = normalized(raw)
        number = label if i == 1 else None
        if not clean and not number:
            continue
        index = len(out)
        src = new_source(index, None, paragraph, i, cell)
        out.append(new_block(
            index, clean, raw, src, kind, style, number,
            list_level if i == 1 else None, list_id if i == 1 else None, heading))
