"""Property-based tests (hypothesis): the TXT reader on any bytes and any text, Word numbering
on any numbering definition, and the structure layer on any text never raise anything but
``InputError``, and what they produce is well formed (block numbering, one-line labels,
clause paths a lawyer can cite).

Example counts are modest so the whole suite stays fast (``JDLINT_PROPERTY_SCALE=20`` runs
twenty times as many); the deadline is off because CI machines are shared, the example
database is off so the suite writes nothing into the work tree, and runs are derandomised
unless scaled up, so CI is reproducible.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from jdlint.core.errors import InputError
from jdlint.core.model import Clause, RawDocument
from jdlint.readers.docx import read_docx
from jdlint.readers.numbering import W_NS, Numbering, NumberingState
from jdlint.readers.txt import decode_text, read_txt
from jdlint.structure import analyse
from jdlint.testing.docxbuild import NAMESPACES, xml_docx

SCALE = int(os.environ.get("JDLINT_PROPERTY_SCALE", "1"))


def examples(n: int) -> settings:
    return settings(max_examples=n * SCALE, deadline=None, database=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


FAST = examples(60)
W = "{" + W_NS + "}"

# A clause path: tokens separated by one space. A token is a decimal path ("2.3"), a Roman
# section, alone or with a clause ("III", "III.7"), a list label ("4)", "(а)") or a bullet
# position ("•2").
_TOKEN = r"(?:[IVXLC]{1,6}(?:\.\d{1,3})?|\d{1,3}(?:\.\d{1,3}){0,4}|\(?(?:\d{1,3}|[а-яёa-z])\)|•\d+)"
PATH = re.compile(rf"(?:{_TOKEN}(?: {_TOKEN})*)?", re.IGNORECASE)


def check_blocks(doc: RawDocument) -> None:
    assert doc.blocks, "a document that was read has text"
    previous_line = 0
    for i, block in enumerate(doc.blocks):
        assert block.index == i and block.source.block == i
        assert block.text and block.text == block.text.strip()
        assert "\n" not in block.text and "\r" not in block.text
        if doc.format == "txt":
            assert block.source.line is not None and block.source.line >= previous_line >= 0
            previous_line = block.source.line


def walk(clauses: tuple[Clause, ...]) -> Iterator[tuple[Clause, Clause | None]]:
    for clause in clauses:
        yield clause, None
        for child in clause.children:
            for item, parent in walk((child,)):
                yield item, parent or clause


def check_structure(raw: RawDocument, *, grammar: bool) -> None:
    analysis = analyse(raw)
    assert analysis.documents
    count = len(raw.blocks)
    for doc in analysis.documents:
        for section in doc.sections:
            assert 0 <= section.blocks.start <= section.blocks.stop <= count
            for clause, parent in walk(section.clauses):
                path = clause.path
                assert isinstance(path, str) and path == path.strip()
                assert "\n" not in path and "  " not in path and "\t" not in path
                if grammar:
                    assert PATH.fullmatch(path), path
                assert clause.blocks and all(0 <= b < count for b in clause.blocks)
                assert list(clause.blocks) == sorted(clause.blocks)
                assert clause.depth >= 0
                if parent is not None:
                    assert clause.blocks[0] > parent.blocks[0]


# --- TXT reader ---


@FAST
@given(st.binary(max_size=4096))
def test_txt_reader_on_any_bytes(data: bytes) -> None:
    try:
        doc = read_txt(data, None, "x.txt")
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    check_blocks(doc)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "cp1257"])


@FAST
@given(st.text(max_size=2000), ENCODINGS)
def test_txt_reader_on_any_text(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    try:
        doc = read_txt(data, None, "x.txt")
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    check_blocks(doc)
    if encoding.startswith("utf-8") and "\x00" not in text:
        decoded, _ = decode_text(data)
        assert decoded == text.removeprefix("\ufeff") or encoding == "utf-8-sig"


PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
WORDS = ["Должностная", "инструкция", "Общие", "положения", "Обязанности", "Права",
         "Ответственность", "УТВЕРЖДАЮ", "Pareigybės", "aprašymas", "Funkcijos", "Bendrosios",
         "nuostatos", "ведёт", "учёт", "договоров", "работник", "обязан", "имеет", "право:",
         "SKYRIUS", "С", "инструкцией", "ознакомлен", "Susipažinau", "—", "«ХХХ»", "…"]
MARKERS = st.one_of(
    st.sampled_from(["", "", "•", "-", "а)", "(б)", "1)", "III.", "IV", "II SKYRIUS", "12",
                     "1.ОБЩИЕ", "2019 г.", "01.02.2020"]),
    st.lists(st.integers(0, 1200), min_size=1, max_size=6).map(
        lambda parts: ".".join(map(str, parts)) + "."),
)
LINE = st.one_of(
    st.tuples(MARKERS, st.lists(st.sampled_from(WORDS), max_size=12)).map(
        lambda t: " ".join([t[0], *t[1]]).strip()),
    st.text(PRINTABLE, max_size=80),
)


@examples(80)
@given(st.lists(LINE, min_size=1, max_size=60), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_structure_on_any_text(lines: list[str], eol: str) -> None:
    try:
        raw = read_txt(eol.join(lines).encode("utf-8"), None, "x.txt")
    except InputError:
        return
    check_structure(raw, grammar=True)


# --- Word numbering ---

FORMATS = st.one_of(
    st.sampled_from(["decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman",
                     "russianLower", "russianUpper", "bullet", "none", "decimalZero"]),
    st.text(PRINTABLE, max_size=12),
)
LVL_TEXT = st.lists(
    st.one_of(st.sampled_from(["%1", "%2", "%3", "%9", "%0", "%", ".", ")", "\uf0b7", " "]),
              st.text(PRINTABLE, max_size=3)),
    max_size=8,
).map("".join)
NUMBERS = st.one_of(st.integers(-5, 40), st.integers(-(2**40), 2**40),
                    st.sampled_from(["", "x", "1e3", "٣"]))


@st.composite
def levels(draw: st.DrawFn) -> etree._Element:
    lvl = etree.Element(W + "lvl")
    if draw(st.booleans()):
        lvl.set(W + "ilvl", str(draw(NUMBERS)))
    for tag, value in (("start", NUMBERS), ("numFmt", FORMATS), ("lvlText", LVL_TEXT),
                       ("lvlRestart", NUMBERS), ("isLgl", st.sampled_from(["1", "0", ""])),
                       ("pStyle", st.sampled_from(["Heading1", "List", "x"]))):
        if draw(st.booleans()):
            etree.SubElement(lvl, W + tag).set(W + "val", str(draw(value)))
    return lvl


IDS = st.sampled_from(["0", "1", "2", "3", "", "x"])


@st.composite
def numbering_xml(draw: st.DrawFn) -> etree._Element:
    root = etree.Element(W + "numbering", nsmap={"w": W_NS})
    for _ in range(draw(st.integers(0, 3))):
        abstract = etree.SubElement(root, W + "abstractNum")
        abstract.set(W + "abstractNumId", draw(IDS))
        for tag in ("numStyleLink", "styleLink"):
            if draw(st.integers(0, 4)) == 0:
                etree.SubElement(abstract, W + tag).set(W + "val", draw(IDS))
        for lvl in draw(st.lists(levels(), max_size=5)):
            abstract.append(lvl)
    for _ in range(draw(st.integers(0, 4))):
        num = etree.SubElement(root, W + "num")
        num.set(W + "numId", draw(IDS))
        etree.SubElement(num, W + "abstractNumId").set(W + "val", draw(IDS))
        for _ in range(draw(st.integers(0, 2))):
            override = etree.SubElement(num, W + "lvlOverride")
            override.set(W + "ilvl", str(draw(NUMBERS)))
            if draw(st.booleans()):
                etree.SubElement(override, W + "startOverride").set(W + "val", str(draw(NUMBERS)))
            if draw(st.booleans()):
                override.append(draw(levels()))
    return root


USES = st.lists(st.tuples(IDS, st.integers(-2, 10)), max_size=40)


@FAST
@given(numbering_xml(), USES)
def test_numbering_on_any_definition(root: etree._Element, uses: list[tuple[str, int]]) -> None:
    numbering = Numbering.from_element(root)
    state = NumberingState(numbering)
    for num_id, ilvl in uses:
        label = state.label(num_id, ilvl)
        assert label is None or (label and label == label.strip() and "\n" not in label)
        assert len(label or "") < 100_000


@examples(40)
@given(numbering_xml(), USES)
def test_docx_with_any_numbering_reads_and_structures(
    root: etree._Element, uses: list[tuple[str, int]]
) -> None:
    body = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        f"</w:pPr><w:r><w:t>Ведёт учёт договоров {i}</w:t></w:r></w:p>"
        for i, (num_id, ilvl) in enumerate(uses))
    xml = etree.tostring(root, encoding="unicode").replace(
        f'xmlns:w="{W_NS}"', NAMESPACES, 1)
    try:
        raw = read_docx(xml_docx("<w:p><w:r><w:t>Должностная инструкция</w:t></w:r></w:p>"
                                 + body, {"numbering.xml": xml}), None, "x.docx")
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    check_blocks(raw)
    for block in raw.blocks:
        label = block.auto_number
        assert label is None or (label and label == label.strip() and "\n" not in label)
    check_structure(raw, grammar=False)
