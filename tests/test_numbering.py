"""Word auto-numbering on hand-written numbering.xml: levels, overrides, formats, restarts."""

from __future__ import annotations

import pytest
from lxml import etree

from jdlint.readers.docx import read_docx
from jdlint.readers.numbering import Numbering, NumberingState, format_number
from jdlint.testing.docxbuild import NAMESPACES, xml_docx


def lvl(ilvl: int | None, text: str, fmt: str = "decimal", start: int = 1, extra: str = "") -> str:
    attr = "" if ilvl is None else f' w:ilvl="{ilvl}"'
    return (f'<w:lvl{attr}><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def abstract(aid: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}">{extra}{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def numbering_xml(*children: str) -> str:
    return f'<w:numbering {NAMESPACES}>{"".join(children)}</w:numbering>'


def labels(xml: str, seq: list[tuple[int, int]]) -> list[str | None]:
    state = NumberingState(Numbering.from_element(etree.fromstring(xml)))
    return [state.label(str(n), i) for n, i in seq]


MULTI = abstract(0, lvl(0, "%1."), lvl(1, "%1.%2."), lvl(2, "%1.%2.%3."))


def test_multilevel_counts_and_resets() -> None:
    xml = numbering_xml(MULTI, num(1, 0))
    seq = [(1, 0), (1, 1), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2)]
    assert labels(xml, seq) == ["1.", "1.1.", "1.2.", "1.2.1.", "2.", "2.1.", "2.1.1."]


def test_start_values_and_unseen_levels_render_their_start() -> None:
    xml = numbering_xml(abstract(0, lvl(0, "%1.", start=3), lvl(1, "%1.%2.", start=5)), num(1, 0))
    assert labels(xml, [(1, 1), (1, 1), (1, 0), (1, 1)]) == ["3.5.", "3.6.", "3.", "3.5."]


def test_start_override_restarts_shared_counter() -> None:
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    xml = numbering_xml(MULTI, num(1, 0), num(2, 0, restart))
    seq = [(1, 0), (1, 0), (1, 0), (2, 0), (2, 0), (1, 0)]
    assert labels(xml, seq) == ["1.", "2.", "3.", "1.", "2.", "3."]


def test_two_nums_sharing_an_abstract_continue() -> None:
    xml = numbering_xml(MULTI, num(1, 0), num(2, 0))
    assert labels(xml, [(1, 0), (1, 0), (2, 0), (1, 0)]) == ["1.", "2.", "3.", "4."]


def test_separate_abstracts_count_separately() -> None:
    xml = numbering_xml(MULTI, abstract(1, lvl(0, "%1)")), num(1, 0), num(2, 1))
    assert labels(xml, [(1, 0), (2, 0), (1, 0), (2, 0)]) == ["1.", "1)", "2.", "2)"]


def test_start_override_on_deeper_path() -> None:
    over = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                   for k, v in enumerate([2, 12]))
    xml = numbering_xml(MULTI, num(1, 0), num(2, 0, over))
    assert labels(xml, [(1, 0), (1, 1), (2, 1), (2, 1), (1, 1)]) == [
        "1.", "1.1.", "2.12.", "2.13.", "2.14."]


def test_level_override_with_full_level() -> None:
    full = f'<w:lvlOverride w:ilvl="0">{lvl(0, "%1)", "upperRoman", start=4)}</w:lvlOverride>'
    xml = numbering_xml(MULTI, num(1, 0), num(2, 0, full))
    assert labels(xml, [(2, 0), (2, 0), (2, 1)]) == ["IV)", "V)", "V.1."]


def test_is_lgl_renders_all_levels_decimal() -> None:
    xml = numbering_xml(abstract(
        0, lvl(0, "%1.", "upperRoman"), lvl(1, "%1.%2.", extra='<w:isLgl/>'),
        lvl(2, "%1.%3)", "russianLower")), num(1, 0))
    assert labels(xml, [(1, 0), (1, 1), (1, 2), (1, 0), (1, 1)]) == [
        "I.", "1.1.", "I.а)", "II.", "2.1."]


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (7, "decimal", "7"), (7, "decimalZero", "07"), (12, "decimalZero", "12"),
    (1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"),
    (28, "lowerLetter", "bb"), (3, "upperLetter", "C"), (4, "lowerRoman", "iv"),
    (14, "upperRoman", "XIV"), (1994, "upperRoman", "MCMXCIV"),
    (1, "russianLower", "а"), (9, "russianLower", "и"), (10, "russianLower", "к"),
    (26, "russianLower", "ы"), (29, "russianLower", "я"), (30, "russianLower", "аа"),
    (6, "russianUpper", "Е"), (7, "russianUpper", "Ж"), (5, "none", ""),
    (5, "ordinal", "5"), (5, "chineseCounting", "5"),
])  # fmt: skip
def test_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_russian_lower_skips_letters_word_skips() -> None:
    seq = "".join(format_number(i, "russianLower") for i in range(1, 30))
    assert not set("ёйъь") & set(seq) and len(set(seq)) == 29


@pytest.mark.parametrize(("text", "expected"), [
    ("\uf0b7", "•"), ("\uf0a7", "▪"), ("\uf0d8", "➢"), ("\uf0fc", "✓"), ("o", "o"),
    ("\uf076", "•"), ("–", "–"),
])  # fmt: skip
def test_bullets(text: str, expected: str) -> None:
    xml = numbering_xml(abstract(0, lvl(0, text, "bullet")), num(1, 0))
    assert labels(xml, [(1, 0), (1, 0)]) == [expected, expected]


def test_missing_ilvl_defaults_to_level_zero() -> None:
    xml = numbering_xml(abstract(0, lvl(None, "%1.")), num(1, 0))
    assert labels(xml, [(1, 0), (1, 0)]) == ["1.", "2."]


def test_duplicate_abstract_num_id_keeps_the_first() -> None:
    xml = numbering_xml(MULTI, abstract(0, lvl(None, "%1)", "upperRoman")), num(1, 0))
    assert labels(xml, [(1, 0), (1, 1)]) == ["1.", "1.1."]
    reverse = numbering_xml(abstract(0, lvl(None, "%1)", "upperRoman")), MULTI, num(1, 0))
    assert labels(reverse, [(1, 0)]) == ["I)"]


def test_lvl_restart() -> None:
    never = abstract(0, lvl(0, "%1."), lvl(1, "%1.%2.", extra='<w:lvlRestart w:val="0"/>'))
    assert labels(numbering_xml(never, num(1, 0)), [(1, 0), (1, 1), (1, 1), (1, 0), (1, 1)]) == [
        "1.", "1.1.", "1.2.", "2.", "2.3."]
    after_top = abstract(0, lvl(0, "%1."), lvl(1, "%1.%2."),
                         lvl(2, "%1.%2.%3.", extra='<w:lvlRestart w:val="1"/>'))
    seq = [(1, 0), (1, 1), (1, 2), (1, 2), (1, 1), (1, 2), (1, 0), (1, 1), (1, 2)]
    assert labels(numbering_xml(after_top, num(1, 0)), seq) == [
        "1.", "1.1.", "1.1.1.", "1.1.2.", "1.2.", "1.2.3.", "2.", "2.1.", "2.1.1."]


def test_num_style_link_follows_style_link() -> None:
    xml = numbering_xml(
        abstract(0, extra='<w:numStyleLink w:val="Legal"/>'),
        abstract(1, lvl(0, "Статья %1."), extra='<w:styleLink w:val="Legal"/>'),
        num(1, 0), num(2, 1))
    assert labels(xml, [(1, 0), (2, 0), (1, 0)]) == ["Статья 1.", "Статья 2.", "Статья 3."]


def test_undefined_num_and_num_zero_give_nothing() -> None:
    xml = numbering_xml(MULTI, num(1, 0))
    assert labels(xml, [(7, 0), (0, 0), (1, 0)]) == [None, None, "1."]


def test_none_format_and_empty_text_give_nothing() -> None:
    xml = numbering_xml(abstract(0, lvl(0, "%1", "none"), lvl(1, "")), num(1, 0))
    assert labels(xml, [(1, 0), (1, 1)]) == [None, None]


# --- numbering through styles, read from a whole (hand-written) document ---

STYLES = f"""<w:styles {NAMESPACES}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="10"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
 <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="x1"><w:name w:val="Пункт"/><w:basedOn w:val="10"/>
 <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="x2"><w:name w:val="Подпункт"/><w:basedOn w:val="x1"/>
 </w:style>
</w:styles>"""


def p(text: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def style(sid: str) -> str:
    return f'<w:pStyle w:val="{sid}"/>'


def test_style_linked_numbering_with_based_on_and_num_id_zero() -> None:
    numbering = numbering_xml(abstract(0, lvl(0, "%1.", extra='<w:pStyle w:val="10"/>'),
                                       lvl(1, "%1.%2.")), num(1, 0))
    body = "".join([
        p("Общие положения", style("10")),
        p("Первый пункт", style("x1")),
        p("Второй пункт", style("x2")),
        p("Заголовок без номера", style("10") + '<w:numPr><w:numId w:val="0"/></w:numPr>'),
        p("Права", style("10")),
        p("Пункт прав", style("x1")),
        p("Прямой номер", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'),
    ])
    doc = read_docx(xml_docx(body, {"styles.xml": STYLES, "numbering.xml": numbering}), None, "t")
    got = [(b.auto_number, b.text, b.style, b.heading_level) for b in doc.blocks]
    assert got == [
        ("1.", "Общие положения", "heading 1", 1),
        ("1.1.", "Первый пункт", "Пункт", None),
        ("1.2.", "Второй пункт", "Подпункт", None),
        (None, "Заголовок без номера", "heading 1", 1),
        ("2.", "Права", "heading 1", 1),
        ("2.1.", "Пункт прав", "Пункт", None),
        ("2.2.", "Прямой номер", "Normal", None),
    ]
    assert doc.blocks[1].list_level == 1 and doc.blocks[1].list_id == "1"
    assert doc.blocks[3].list_id is None


def test_empty_numbered_paragraph_is_kept_and_counts() -> None:
    numbering = numbering_xml(MULTI, num(1, 0))
    numpr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = p("один", numpr) + f"<w:p><w:pPr>{numpr}</w:pPr></w:p>" + p("три", numpr) + p("")
    doc = read_docx(xml_docx(body, {"numbering.xml": numbering}), None, "t")
    assert [(b.auto_number, b.text) for b in doc.blocks] == [("1.", "один"), ("2.", ""),
                                                             ("3.", "три")]
