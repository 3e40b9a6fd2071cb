"""Issue 19, round three, DOCX reader: the paragraph properties read in one pass give what the
four ``first_child`` scans gave (the first child of each tag), checked against the same file
with every later duplicate removed; a numbering level's label rendered from its cached
template is the per-character loop it replaced (kept here), on generated level texts."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from jdlint.readers.docx import read_docx
from jdlint.readers.numbering import (
    MAX_LEVELS,
    Level,
    Numbering,
    NumberingState,
    bullet_glyph,
    format_number,
)
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

_STYLES = f"""<w:styles {NAMESPACES}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="h"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="q"><w:name w:val="Quote"/></w:style>
</w:styles>"""
_NUMBERING = f"""<w:numbering {NAMESPACES}><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum><w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianLower"/>
<w:lvlText w:val="%1)"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""

# NOTE: (tag, element) pairs; the tag decides which one the reader must keep
_PROPS = st.sampled_from([
    ("pStyle", '<w:pStyle w:val="h"/>'), ("pStyle", '<w:pStyle w:val="q"/>'),
    ("numPr", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'),
    ("numPr", '<w:numPr><w:numId w:val="2"/></w:numPr>'),
    ("numPr", '<w:numPr><w:numId w:val="0"/></w:numPr>'),
    ("outlineLvl", '<w:outlineLvl w:val="1"/>'), ("outlineLvl", '<w:outlineLvl w:val="x"/>'),
    ("outlineLvl", '<w:outlineLvl w:val="9"/>'), ("jc", '<w:jc w:val="left"/>'),
    ("spacing", '<w:spacing w:after="0"/>'), ("comment", "<!-- c -->"),
])
_PARAS = st.lists(st.lists(_PROPS, max_size=6), min_size=1, max_size=5)


def _docx(paras: list[list[tuple[str, str]]]) -> bytes:
    body = "".join(f"<w:p><w:pPr>{''.join(x for _t, x in props)}</w:pPr>"
                   f"<w:r><w:t>Пункт {n}</w:t></w:r></w:p>" for n, props in enumerate(paras))
    return xml_docx(body, {"styles.xml": _STYLES, "numbering.xml": _NUMBERING})


def _firsts(props: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The properties with every later element of an already seen tag removed."""
    seen: set[str] = set()
    out = []
    for tag, xml in props:
        if tag == "comment" or tag not in seen:
            seen.add(tag)
            out.append((tag, xml))
    return out


def _blocks(data: bytes) -> list[tuple[object, ...]]:
    return [(b.text, b.style, b.auto_number, b.list_id, b.list_level, b.heading_level)
            for b in read_docx(data, None, "t").blocks]


@settings(max_examples=150, deadline=None)
@given(_PARAS)
def test_first_child_of_each_property_is_kept(paras: list[list[tuple[str, str]]]) -> None:
    assert _blocks(_docx(paras)) == _blocks(_docx([_firsts(p) for p in paras]))


def test_the_property_comparison_can_fail() -> None:
    """Two styles in one pPr: the first one is the paragraph's; keeping the last differs."""
    both = [[("pStyle", '<w:pStyle w:val="h"/>'), ("pStyle", '<w:pStyle w:val="q"/>')]]
    assert _blocks(_docx(both))[0][1] == "heading 1"
    assert _blocks(_docx(both)) != _blocks(_docx([both[0][1:]]))


def _old_render(state: NumberingState, num_id: str, lvl: Level,
                counters: list[int | None]) -> str | None:
    """``NumberingState._render`` before round three: the level text read char by char."""
    text = lvl.text
    if not text:
        return None
    if lvl.fmt == "bullet":
        return bullet_glyph(text).strip() or None
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and i + 1 < len(text) and "0" <= text[i + 1] <= "9":
            k = int(text[i + 1]) - 1
            i += 2
            if not 0 <= k < MAX_LEVELS:
                continue
            ref = state.numbering.level(num_id, k)
            value = counters[k]
            if value is None:
                value = ref.start if ref is not None else 1
            fmt = ref.fmt if ref is not None else "decimal"
            if lvl.is_lgl and fmt != "none":
                fmt = "decimal"
            out.append(format_number(value, fmt))
            continue
        out.append(ch)
        i += 1
    return bullet_glyph("".join(out)).strip() or None


_NUMS = etree.fromstring(_NUMBERING)
_TEXT = st.lists(st.sampled_from(["%1", "%2", "%0", "%9", "%²", "%١", "%", "%%1", ".", ")",
                                  "-", " ", "x", "§", "\uf0b7"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TEXT, st.sampled_from(["decimal", "bullet", "russianLower", "upperRoman", "none"]),
       st.booleans(), st.lists(st.one_of(st.none(), st.integers(0, 40)), min_size=MAX_LEVELS,
                               max_size=MAX_LEVELS))
def test_render_is_the_character_loop(text: str, fmt: str, lgl: bool,
                                      counters: list[int | None]) -> None:
    state = NumberingState(Numbering.from_element(_NUMS))
    lvl = dataclasses.replace(Level(0), text=text, fmt=fmt, is_lgl=lgl)
    assert state._render("1", lvl, counters) == _old_render(state, "1", lvl, counters)


def test_the_render_comparison_can_fail() -> None:
    state = NumberingState(Numbering.from_element(_NUMS))
    lvl = dataclasses.replace(Level(0), text="%1.%2.")
    assert state._render("1", lvl, [3, 4] + [None] * (MAX_LEVELS - 2)) == "3.4."
    assert _old_render(state, "1", lvl, [3, 5] + [None] * (MAX_LEVELS - 2)) != "3.4."
