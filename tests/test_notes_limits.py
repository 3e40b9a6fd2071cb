"""Issue 18 item 8: footnotes, endnotes and text boxes stay within the reader limits (10,000
notes, notes and boxes nested deep), and their locations reach every output: JSON, SARIF,
``jdlint show``, the cache entry and the report's commented Word copy.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from notedocs import (
    BLANK,
    FINE,
    MARK,
    RU,
    RULES,
    alternate_box,
    cli_out,
    comment_count,
    docx_of,
    footnote_docx,
    lint,
    notes_part,
    odt_of,
    ref,
    vml_box,
    w_p,
    xml_escape,
)

from jdlint.core.errors import InputError
from jdlint.core.model import NOTE_KINDS
from jdlint.engine.pipeline import Settings, analyse_file, lint_file
from jdlint.readers.docx import read_docx
from jdlint.run.cache_codec import EntryError, decode, encode
from jdlint.testing.odtbuild import odt_bytes


def test_ten_thousand_footnotes_stay_within_limits(tmp_path: Path) -> None:
    count = 10_000
    marks = "".join(ref("footnote", i) for i in range(1, count + 1))
    part = notes_part("footnote", {i: f"Примечание {i}." for i in range(1, count + 1)})
    data = docx_of(RU, mark=marks, parts={"footnotes.xml": part})
    started = time.monotonic()
    result = lint(tmp_path, data)
    assert time.monotonic() - started < 60
    notes = [b for b in result.documents[0].raw.blocks if b.kind == "footnote"]
    assert len(notes) == count and notes[-1].source.note == ("footnote", count)

def test_too_many_footnotes_is_jd001(tmp_path: Path) -> None:
    count = 21_000
    marks = "".join(ref("footnote", i) for i in range(1, count + 1))
    part = notes_part("footnote", {i: "п." for i in range(1, count + 1)})
    with pytest.raises(InputError, match="document too long"):
        read_docx(docx_of(RU, mark=marks, parts={"footnotes.xml": part}), None, "x.docx")

def test_deeply_nested_text_boxes_are_jd001(tmp_path: Path) -> None:
    inner = w_p("Склад")
    for _ in range(20):
        inner = f"<w:p>{vml_box(inner)}</w:p>"
    path = tmp_path / "deep.docx"
    path.write_bytes(docx_of(RU, box=vml_box(inner)))
    result = lint_file(path, RULES, Settings())
    assert result.error is not None and "text boxes nested more than 16" in result.error

def test_json_and_sarif_carry_the_note(tmp_path: Path) -> None:
    path = tmp_path / "fn.docx"
    path.write_bytes(footnote_docx("ru", FINE["ru"]))
    data = json.loads(cli_out("check", "--isolated", "--no-cache", "--select", "JD201",
                           "--output-format", "json", str(path)))
    [finding] = data["files"][0]["findings"]
    assert finding["location"]["note"] == {"kind": "footnote", "number": 1}
    assert finding["location"]["paragraph"] == 12
    sarif = json.loads(cli_out("check", "--isolated", "--no-cache", "--select", "JD201",
                            "--output-format", "sarif", str(path)))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["note"] == {"kind": "footnote", "number": 1}
    text = cli_out("check", "--isolated", "--no-cache", "--select", "JD201", str(path))
    assert "footnote 1 (para 12)" in text or "сноска 1 (абз. 12)" in text

def test_show_lists_notes_apart(tmp_path: Path) -> None:
    path = tmp_path / "fn.docx"
    path.write_bytes(docx_of(RU, mark=ref("footnote", 2), box=alternate_box(BLANK["ru"]),
                             parts={"footnotes.xml": notes_part("footnote", {2: FINE["ru"]})}))
    text = cli_out("show", str(path))
    assert "footnote 1 (para 12): " + FINE["ru"][:40] in text
    assert "text box 1 (para 4): " + BLANK["ru"] in text
    shown = json.loads(cli_out("show", "--output-format", "json", str(path)))
    notes = shown["files"][0]["notes"]
    assert [n["location"]["note"] for n in notes] == [["textbox", 1], ["footnote", 1]]
    analysis = analyse_file(path, Settings())
    assert all(FINE["ru"] not in c.text for c in analysis.documents[0].clauses())

def test_cache_entry_keeps_the_note(tmp_path: Path) -> None:
    result = lint(tmp_path, footnote_docx("ru", FINE["ru"]))
    entry = encode(result, "test")
    assert entry is not None
    back = decode(entry, "test")
    assert [f.source.note for f in back.findings if f.code == "JD201"] == [("footnote", 1)]
    forged = entry.replace(b'"note": ["footnote", 1]', b'"note": ["footnote", "1"]')
    assert forged != entry
    with pytest.raises(EntryError):
        decode(forged, "test")

def test_report_docx_comments_at_the_mark(tmp_path: Path) -> None:
    path = tmp_path / "fn.docx"
    path.write_bytes(docx_of(RU, mark=ref("footnote", 2), box=alternate_box(BLANK["ru"]),
                             parts={"footnotes.xml": notes_part("footnote", {2: FINE["ru"]})}))
    out = tmp_path / "out.docx"
    cli_out("report", "--format", "docx", "--redline", "--lang", "ru", "-o", str(out), str(path))
    comments = list(comment_count(out.read_bytes()))
    fine = [(n, t) for n, t in comments if t.startswith("JD201")]
    blank = [(n, t) for n, t in comments if t.startswith("JD106")]
    assert [n for n, _ in fine] == [12] and "сноска 1" in fine[0][1]
    assert [n for n, _ in blank] == [4] and "надпись 1" in blank[0][1]
    # the body of the copy is unchanged (no tracked change of a note's words in the body)
    body = [b.text for b in read_docx(out.read_bytes(), None, "o.docx").blocks
            if b.kind not in NOTE_KINDS]
    assert body == [ln.replace(MARK, "").replace("@BOX@", "") for ln in RU.splitlines()]

def test_report_docx_of_an_odt_lists_notes(tmp_path: Path) -> None:
    path = tmp_path / "n.odt"
    path.write_bytes(odt_of("ru", FINE["ru"], BLANK["ru"]))
    out = tmp_path / "out.docx"
    cli_out("report", "--format", "docx", "--lang", "ru", "-o", str(out), str(path))
    comments = list(comment_count(out.read_bytes()))
    codes = sorted(t.split()[0] for _, t in comments)
    assert "JD201" in codes and "JD106" in codes
    # NOTE: the copy of an ODT lists its blocks, the notes after the body: the comments sit
    # on the notes' own text there
    body = len(RU.splitlines())
    assert sorted(n for n, t in comments if t.split()[0] in ("JD201", "JD106")) == \
        [body + 1, body + 2]

def test_anchor_of_an_empty_paragraph_is_the_block_before() -> None:
    from jdlint.core.model import Block, Source
    from jdlint.readers.notes import attach_notes

    def block(i: int, para: int, note: tuple[str, int] | None = None) -> Block:
        return Block(i, "т", "т", Source(i, paragraph=para, note=note),
                     kind="textbox" if note else "paragraph")

    body = [block(0, 1), block(1, 2), block(2, 4)]
    notes = [block(0, 3, ("textbox", 1)), block(1, 4, ("textbox", 2)),
             block(2, 1, ("textbox", 3))]
    out = attach_notes(body, notes)
    assert [(b.index, b.source.block, b.source.note, b.anchor) for b in out[3:]] == [
        (3, 3, ("textbox", 3), 0), (4, 4, ("textbox", 1), 1), (5, 5, ("textbox", 2), 2)]

def test_deeply_nested_odt_frames_are_jd001(tmp_path: Path) -> None:
    inner = "<text:p>Склад</text:p>"
    for _ in range(20):
        inner = f"<text:p><draw:frame><draw:text-box>{inner}</draw:text-box></draw:frame></text:p>"
    path = tmp_path / "deep.odt"
    path.write_bytes(odt_bytes(f"<text:p>{xml_escape(RU.splitlines()[0])}</text:p>{inner}"))
    result = lint_file(path, RULES, Settings())
    assert result.error is not None and "text boxes nested more than 16" in result.error
