"""Saved web pages and Markdown (issue 16): visible text with headings and list items kept as
structure, scripts, styles and menus dropped, charsets from meta/BOM/detection, MHTML's HTML
part; hostile pages end in one line or are read in bounded time."""

from __future__ import annotations

import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from jdlint.core.errors import InputError
from jdlint.core.model import RawDocument
from jdlint.readers import read_bytes
from jdlint.structure import analyse

RU_PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>Кадры</title>
<script>document.write("1.1. Скрипт не текст");</script><style>li {{color: red}}</style></head>
<body><header><h1>Портал кадровика</h1></header>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/b">Блог</a></li>
<li><a href="/c">Контакты</a></li></ul></nav>
<main><h1>Должностная инструкция кладовщика</h1>
<h2>1. Общие положения</h2>
<ol><li>Кладовщик относится к категории рабочих.</li>
<li>Кладовщик подчиняется заведующему складом.</li></ol>
<h2>2. Должностные обязанности</h2>
<ol type="a" start="3"><li>Принимает товар.</li><li value="7">Выдаёт товар.<ul>
<li>по накладным;</li><li>в срок.</li></ul></li><li>Ведёт учёт.</li></ol>
</main><aside>Реклама: курсы кадровиков</aside><footer>© 2024 Портал</footer></body></html>
"""

LT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1257">
</head><body><div role="navigation"><a href="/">Pradžia</a></div>
<h3>I. BENDROSIOS NUOSTATOS</h3><ol><li>Šis aprašymas nustato sandėlininko funkcijas.</li>
<li>Sandėlininkas pavaldus skyriaus vadovui.</li></ol>
<h3>II. FUNKCIJOS</h3><ol start="3" type="I"><li>Priima prekes.</li><li>Išduoda prekes.</li></ol>
</body></html>
"""


def read(data: bytes, name: str) -> RawDocument:
    return read_bytes(data, Path(name), name)


def test_russian_page_structure_kept_and_chrome_dropped() -> None:
    doc = read(RU_PAGE.format(charset="windows-1251").encode("cp1251"), "di.html")
    got = [(b.auto_number, b.heading_level, b.text) for b in doc.blocks]
    assert got == [
        (None, 1, "Должностная инструкция кладовщика"),
        (None, 2, "1. Общие положения"),
        ("1.", None, "Кладовщик относится к категории рабочих."),
        ("2.", None, "Кладовщик подчиняется заведующему складом."),
        (None, 2, "2. Должностные обязанности"),
        ("c.", None, "Принимает товар."),
        ("g.", None, "Выдаёт товар."),
        ("•", None, "по накладным;"),
        ("•", None, "в срок."),
        ("h.", None, "Ведёт учёт."),
    ]
    assert doc.format == "html" and doc.encoding == "windows-1251"
    assert doc.blocks[0].source.line == 6  # the line of the page's source


def test_lithuanian_page_with_http_equiv_charset_and_roman_list() -> None:
    doc = read(LT_PAGE.encode("cp1257"), "aprasymas.htm")
    assert [b.display_text for b in doc.blocks] == [
        "I. BENDROSIOS NUOSTATOS",
        "1. Šis aprašymas nustato sandėlininko funkcijas.",
        "2. Sandėlininkas pavaldus skyriaus vadovui.",
        "II. FUNKCIJOS",
        "III. Priima prekes.",
        "IV. Išduoda prekes.",
    ]


def test_misnamed_page_is_read_by_content() -> None:
    doc = read(RU_PAGE.format(charset="utf-8").encode("utf-8"), "di.txt")
    assert doc.format == "html" and "Портал кадровика" not in [b.text for b in doc.blocks]


def test_page_is_analysed_into_sections() -> None:
    doc = read(RU_PAGE.format(charset="utf-8").encode("utf-8"), "di.html")
    found = analyse(doc).documents[0]
    assert found.classification == "instruction"
    assert [s.kind.value for s in found.sections][:2] == ["general", "duties"]


def test_mhtml_multipart_related() -> None:
    message = EmailMessage()
    message["Subject"] = "saved page"
    message.set_content("x")
    message.make_related()
    message.add_related(RU_PAGE.format(charset="utf-8"), subtype="html", charset="utf-8",
                        cte="quoted-printable")
    message.add_related(b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png")
    doc = read(message.as_bytes(), "di.mhtml")
    assert doc.blocks[0].text == "Должностная инструкция кладовщика"
    assert len(doc.blocks) == 10


def test_markdown_headings_and_lists() -> None:
    text = ("---\ntitle: x\n---\n# PAREIGYBĖS APRAŠYMAS\n\n## I. BENDROSIOS NUOSTATOS\n\n"
            "1. Darbuotojas yra **specialistas**.\n2. Pavaldus [vadovui](https://e.lt).\n\n"
            "* pirmas;\n+ antras.\n\n```\n3. kodas\n```\n")
    doc = read(text.encode("utf-8"), "a.md")
    assert [(b.text, b.heading_level, b.source.line) for b in doc.blocks] == [
        ("PAREIGYBĖS APRAŠYMAS", 1, 4),
        ("I. BENDROSIOS NUOSTATOS", 2, 6),
        ("1. Darbuotojas yra specialistas.", None, 8),
        ("2. Pavaldus vadovui.", None, 9),
        ("- pirmas;", None, 11),
        ("- antras.", None, 12),
    ]
    assert doc.format == "md"


def test_hostile_deep_nesting_and_huge_attribute() -> None:
    for page in (b"<html><body>" + b"<div>" * 100_000 + b"1. Punktas." + b"</div>" * 100_000,
                 b"<html><body><p title='" + b"x" * 15_000_000 + b"'>1. Punktas.</p>"):
        began = time.monotonic()
        try:
            doc = read(page, "evil.html")
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert [b.text for b in doc.blocks] == ["1. Punktas."]
        assert time.monotonic() - began < 30


def test_empty_and_invisible_pages_are_one_line() -> None:
    with pytest.raises(InputError, match="without visible text"):
        read(b"<html><head><script>x()</script></head><body><nav>menu</nav></body></html>",
             "e.html")
