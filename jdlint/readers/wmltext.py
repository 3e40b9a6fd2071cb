"""The characters WordprocessingML's visible run elements stand for: text, tab, line break,
non-breaking hyphen and symbol (Symbol and Wingdings private-use codes as the glyphs Word
shows). Kept apart from :mod:`jdlint.readers.docx`, which walks the stories and calls it.
"""

from __future__ import annotations

from typing import Any

from jdlint.readers.numbering import PUA_GLYPHS
from jdlint.readers.wml import W_NS

__all__ = ["W_BR", "W_CR", "W_NOBREAK", "W_PTAB", "W_SYM", "W_T", "W_TAB", "visible_text"]

_W = "{" + W_NS + "}"
W_T, W_TAB, W_PTAB, W_BR, W_CR, W_NOBREAK, W_SYM = (
    _W + t for t in "t tab ptab br cr noBreakHyphen sym".split())


def visible_text(el: Any, tag: str) -> str:
    """The text one visible run element shows: its text, a tab, a line break, a hyphen, a
    symbol."""
    if tag == W_T:
        return el.text or ""
    if tag in (W_TAB, W_PTAB):
        return "\t"
    if tag in (W_BR, W_CR):
        return "\n"
    if tag == W_NOBREAK:
        return "-"
    return _sym(el)


def _sym(el: Any) -> str:
    try:
        code = int(el.get(_W + "char", ""), 16)
    except ValueError:
        return ""
    if code < 0x100 and (el.get(_W + "font") or "").lower() in ("symbol", "wingdings"):
        code += 0xF000  # NOTE: Word writes symbol-font codes both as F0B7 and as 00B7.
    ch = chr(code) if 0 < code < 0x110000 else ""
    if "\ue000" <= ch <= "\uf8ff":
        return PUA_GLYPHS.get(ch, "")
    return ch
