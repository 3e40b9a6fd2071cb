"""Issue 18 item 8: footnotes, endnotes and text boxes are read and linted with their own
locations ("сноска 1", "išnaša 1", "text box 1"), in DOCX, ODT and RTF built here (see
tests/notedocs.py), without changing the body's text, clauses or structure findings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from notedocs import (
    BLANK,
    BODY,
    FILLED,
    FINE,
    LAWFUL,
    MARK,
    MARK_CLAUSE,
    MARK_PARA,
    RU,
    alternate_box,
    body_of,
    docx_of,
    footnote_docx,
    lint,
    notes_part,
    odt_of,
    on_notes,
    ref,
    rtf_of,
    vml_box,
    w_p,
)

from jdlint.core.results import FileResult


@pytest.mark.parametrize(("lang", "where"), [("ru", "сноска 1 (абз. 12)"),
                                             ("lt", "išnaša 1 (pastr. 16)")])
def test_docx_fine_in_a_footnote_is_jd201_at_the_footnote(tmp_path: Path, lang: str,
                                                         where: str) -> None:
    result = lint(tmp_path, footnote_docx(lang, FINE[lang]))
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD201", ("footnote", 1))]
    fine = found[0]
    assert fine.source.describe(lang) == where
    assert fine.source.describe("en") == f"footnote 1 (para {MARK_PARA[lang]})"
    assert fine.source.paragraph == MARK_PARA[lang] and fine.clause == MARK_CLAUSE[lang]
    assert FINE[lang].split()[-1].rstrip(".") in fine.excerpt
    # the mark glued nothing to the body: the paragraph ends with its own words
    assert body_of(result) == [ln.replace(MARK, "").replace("@BOX@", "")
                               for ln in BODY[lang].splitlines()]

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_docx_lawful_footnote_gives_nothing(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, footnote_docx(lang, LAWFUL[lang]))
    assert on_notes(result) == []
    assert [b.text for b in result.documents[0].raw.blocks if b.kind == "footnote"] == [
        LAWFUL[lang]]

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_notes_change_no_structure_and_no_body_finding(tmp_path: Path, lang: str) -> None:
    plain = lint(tmp_path, docx_of(BODY[lang]))
    noted = lint(tmp_path, docx_of(BODY[lang], mark=ref("footnote", 2),
                                   box=alternate_box(FILLED[lang]),
                                   parts={"footnotes.xml": notes_part("footnote",
                                                                       {2: LAWFUL[lang]})}))

    def outline(result: FileResult) -> list[tuple[str, str]]:
        return [(c.path, c.text) for c in result.documents[0].clauses()]

    assert outline(noted) == outline(plain) and len(outline(plain)) >= 6
    assert [s.kind for s in noted.documents[0].sections] == \
        [s.kind for s in plain.documents[0].sections]
    assert [(f.code, f.message, f.source) for f in noted.findings] == \
        [(f.code, f.message, f.source) for f in plain.findings]

def test_footnotes_numbered_in_mark_order_and_read_once(tmp_path: Path) -> None:
    # NOTE: Word numbers by the order of the marks, not by the ids; a note marked twice is
    # one note.
    marks = ref("footnote", 7) + ref("footnote", 3) + ref("footnote", 7)
    part = notes_part("footnote", {3: FINE["ru"], 7: LAWFUL["ru"], 9: FINE["ru"]})
    result = lint(tmp_path, docx_of(RU, mark=marks, parts={"footnotes.xml": part}))
    notes = [b for b in result.documents[0].raw.blocks if b.kind == "footnote"]
    assert [(b.source.note, b.text) for b in notes] == [
        (("footnote", 1), LAWFUL["ru"]), (("footnote", 2), FINE["ru"])]  # 9 is never marked
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("footnote", 2))]

@pytest.mark.parametrize(("lang", "where"), [("ru", "концевая сноска 1"),
                                             ("lt", "galinė išnaša 1")])
def test_docx_fine_in_an_endnote(tmp_path: Path, lang: str, where: str) -> None:
    result = lint(tmp_path, footnote_docx(lang, FINE[lang], kind="endnote"))
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD201", ("endnote", 1))]
    assert found[0].source.describe(lang).startswith(where)

@pytest.mark.parametrize(("lang", "where"), [("ru", "надпись 1 (абз. 4)"),
                                             ("lt", "teksto laukas 1 (pastr. 5)")])
def test_blank_in_a_text_box_is_found_once(tmp_path: Path, lang: str, where: str) -> None:
    result = lint(tmp_path, docx_of(BODY[lang], box=alternate_box(BLANK[lang])))
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD106", ("textbox", 1))]
    assert found[0].source.describe(lang) == where
    boxes = [b.text for b in result.documents[0].raw.blocks if b.kind == "textbox"]
    assert boxes == [BLANK[lang]]  # Choice read, Fallback not: once

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_blank_in_a_vml_text_box(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, docx_of(BODY[lang], box=vml_box(w_p(BLANK[lang]))))
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD106", ("textbox", 1))]

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_filled_text_box_gives_nothing(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, docx_of(BODY[lang], box=alternate_box(FILLED[lang])))
    assert on_notes(result) == []

def test_nested_text_boxes_numbered_apart(tmp_path: Path) -> None:
    inner = vml_box(w_p(BLANK["ru"]))
    outer = vml_box(f"<w:p><w:r><w:t>Склад</w:t></w:r>{inner}</w:p>")
    result = lint(tmp_path, docx_of(RU, box=outer))
    boxes = [(b.text, b.source.note, b.source.paragraph)
             for b in result.documents[0].raw.blocks if b.kind == "textbox"]
    assert sorted(boxes) == sorted([("Склад", ("textbox", 1), 4),
                                    (BLANK["ru"], ("textbox", 2), 4)])
    assert [f.source.note for f in on_notes(result)] == [("textbox", 2)]

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_odt_note_and_text_box(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, odt_of(lang, FINE[lang], BLANK[lang]), "odt")
    assert sorted((f.code, f.source.note) for f in on_notes(result)) == [
        ("JD106", ("textbox", 1)), ("JD201", ("footnote", 1))]
    # the citation "1" is drawn by the writer, not glued to the clause's last word
    assert body_of(result) == [ln.replace(MARK, "").replace("@BOX@", "")
                               for ln in BODY[lang].splitlines()]

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_odt_lawful_note_and_filled_box(tmp_path: Path, lang: str) -> None:
    assert on_notes(lint(tmp_path, odt_of(lang, LAWFUL[lang], FILLED[lang]), "odt")) == []

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_rtf_footnote_and_shape_text(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, rtf_of(lang, FINE[lang], BLANK[lang]), "rtf")
    assert sorted((f.code, f.source.note) for f in on_notes(result)) == [
        ("JD106", ("textbox", 1)), ("JD201", ("footnote", 1))]
    raw = result.documents[0].raw
    assert [b.text for b in raw.blocks if b.kind == "textbox"] == [BLANK[lang]]  # once
    assert all("@" not in t and not t.endswith(("1", "2")) for t in body_of(result))

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_rtf_lawful_footnote(tmp_path: Path, lang: str) -> None:
    result = lint(tmp_path, rtf_of(lang, LAWFUL[lang], FILLED[lang]), "rtf")
    assert on_notes(result) == []
    assert any(b.kind == "footnote" for b in result.documents[0].raw.blocks)

def test_rtf_endnote_with_ftnalt(tmp_path: Path) -> None:
    data = rtf_of("ru", FINE["ru"]).replace(b"{\\footnote\\pard", b"{\\footnote\\ftnalt\\pard")
    result = lint(tmp_path, data, "rtf")
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("endnote", 1))]

def test_jurisdiction_is_stated_once_not_per_note(tmp_path: Path) -> None:
    # NOTE: JD205 speaks of the whole instruction (decided on the body): a text box under a
    # Belarusian instruction is no second place for it
    body = RU.replace("1.2. Кладовщик подчиняется заведующему складом.",
                      "1.2. Кладовщик руководствуется Трудовым кодексом Республики Беларусь.")
    plain = lint(tmp_path, docx_of(body))
    boxed = lint(tmp_path, docx_of(body, box=alternate_box(FILLED["ru"])))
    assert [f.code for f in plain.findings].count("JD205") == 1
    assert [(f.code, f.message) for f in boxed.findings] == \
        [(f.code, f.message) for f in plain.findings]

def test_docx_custom_mark_is_not_glued_to_the_text(tmp_path: Path) -> None:
    # NOTE: a note with a custom mark stores the mark ("*") as text after its reference
    mark = ('<w:r><w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>*</w:t></w:r>'
            '<w:r><w:t xml:space="preserve"> и далее</w:t></w:r>')
    result = lint(tmp_path, docx_of(RU, mark=mark, parts={
        "footnotes.xml": notes_part("footnote", {2: FINE["ru"]})}))
    assert "обязанностей. и далее" in body_of(result)[11]
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("footnote", 1))]

@pytest.mark.parametrize("lang", ["ru", "lt"])
def test_rtf_libreoffice_starred_footnote(tmp_path: Path, lang: str) -> None:
    # NOTE: LibreOffice writes {\*\footnote ...}: an ignorable destination it still shows
    data = rtf_of(lang, FINE[lang]).replace(b"{\\footnote\\pard", b"{\\*\\footnote\\pard")
    assert b"{\\*\\footnote" in data
    result = lint(tmp_path, data, "rtf")
    assert [(f.code, f.source.note) for f in on_notes(result)] == [("JD201", ("footnote", 1))]
    assert body_of(result) == [ln.replace(MARK, "").replace("@BOX@", "")
                               for ln in BODY[lang].splitlines()]

@pytest.mark.parametrize(("lang", "where"), [("ru", "концевая сноска 1"),
                                             ("lt", "galinė išnaša 1")])
def test_odt_endnote(tmp_path: Path, lang: str, where: str) -> None:
    result = lint(tmp_path, odt_of(lang, FINE[lang], FILLED[lang], "endnote"), "odt")
    found = on_notes(result)
    assert [(f.code, f.source.note) for f in found] == [("JD201", ("endnote", 1))]
    assert found[0].source.describe(lang).startswith(where)
