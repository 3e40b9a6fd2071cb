"""TXT reader: encodings round-trip, line ends, control characters and line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.core.errors import InputError
from jdlint.core.text import normalize
from jdlint.readers import read_path
from jdlint.readers.txt import decode_text, read_txt

RU_LINES = [
    "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
    "менеджера по закупкам",
    "",
    "1. Общие положения",
    "1.1. Менеджер по закупкам относится к категории специалистов.",
    "",
    "   ",
    "2. Должностные обязанности",
    "2.1. Ведёт учёт договоров с поставщиками, «согласовывает» цены — по поручению директора.",
    "Утверждаю: Генеральный директор ООО «Ромашка» ____ И. И. Петров",
]
LT_LINES = [
    "PAREIGYBĖS APRAŠYMAS",
    "Pirkimų vadybininkas",
    "",
    "I SKYRIUS",
    "BENDROSIOS NUOSTATOS",
    "1. Pirkimų vadybininkas yra specialistų grupės pareigybė.",
    "",
    "II SKYRIUS",
    "ŠIAS PAREIGAS EINANČIO DARBUOTOJO FUNKCIJOS",
    "2. Rengia sutarčių su tiekėjais projektus, „kainų“ pasiūlymus derina su vadovu – žodžiu.",
    "3. Įžūlių ūkio išlaidų nepatvirtina.",
]
RU_TEXT = "\n".join(RU_LINES) + "\n"
# KOI8-R has no guillemets or em dash
RU_KOI8_TEXT = RU_TEXT.replace("«", '"').replace("»", '"').replace("—", "-")
LT_TEXT = "\n".join(LT_LINES) + "\n"


def expected(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, text) of every non-blank line."""
    return [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]


def got(data: bytes) -> list[tuple[int, str]]:
    doc = read_txt(data, None, "x.txt")
    return [(b.source.line or 0, b.text) for b in doc.blocks]


# (text, how to encode, encoding name the reader must report)
CASES = [
    pytest.param(RU_TEXT, "utf-8", "utf-8", id="ru-utf8"),
    pytest.param(RU_TEXT, "utf-8-sig", "utf-8-sig", id="ru-utf8-bom"),
    pytest.param(RU_TEXT, "utf-16", "utf-16", id="ru-utf16-bom-le"),
    pytest.param(RU_TEXT, "bom-utf-16-be", "utf-16", id="ru-utf16-bom-be"),
    pytest.param(RU_TEXT, "utf-16-le", "utf-16", id="ru-utf16le-no-bom"),
    pytest.param(RU_TEXT, "utf-16-be", "utf-16", id="ru-utf16be-no-bom"),
    pytest.param(RU_TEXT, "cp1251", "cp1251", id="ru-cp1251"),
    pytest.param(RU_KOI8_TEXT, "koi8_r", "koi8-r", id="ru-koi8r"),
    pytest.param(LT_TEXT, "utf-8", "utf-8", id="lt-utf8"),
    pytest.param(LT_TEXT, "utf-8-sig", "utf-8-sig", id="lt-utf8-bom"),
    pytest.param(LT_TEXT, "utf-16", "utf-16", id="lt-utf16-bom"),
    pytest.param(LT_TEXT, "utf-16-le", "utf-16", id="lt-utf16le-no-bom"),
    pytest.param(LT_TEXT, "utf-16-be", "utf-16", id="lt-utf16be-no-bom"),
    pytest.param(LT_TEXT, "cp1257", "cp1257", id="lt-cp1257"),
]


def encode(text: str, how: str) -> bytes:
    if how == "bom-utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode(how)


@pytest.mark.parametrize(("text", "how", "name"), CASES)
def test_encodings_round_trip(tmp_path: Path, text: str, how: str, name: str) -> None:
    file = tmp_path / "instrukcija.txt"
    file.write_bytes(encode(text, how))
    doc = read_path(file)
    lines = text.split("\n")
    assert [(b.source.line, b.text) for b in doc.blocks] == expected(lines)
    assert doc.encoding == name
    assert doc.format == "txt"
    assert doc.path == file
    assert doc.display_path == str(file)
    assert "\ufeff" not in doc.blocks[0].raw


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Pareigybės aprašymas", "cp1257"),
        ("Ūkio skyriaus vedėjas", "cp1257"),
        ("Šias pareigas einantis darbuotojas vykdo šias funkcijas:", "cp1257"),
        ("žemė", "cp1257"),
        ("Общие положения", "cp1251"),
        ("ОБЩИЕ ПОЛОЖЕНИЯ", "cp1251"),
        ("общие положения", "cp1251"),
        ("Менеджер", "cp1251"),
        ("Приказ № 15 от 01.02.2024", "cp1251"),
        ("Должностная инструкция", "koi8_r"),
        ("УТВЕРЖДАЮ", "koi8_r"),
        ("Менеджер", "koi8_r"),  # read as CP1251 it is "нЕМЕДФЕП": a capital after a small
    ],
)
def test_short_legacy_texts_get_their_code_page(text: str, codec: str) -> None:
    # charset-normalizer alone calls the Lithuanian lines cp1250 and ties cp1257 with
    # iso8859_4; the letter scoring must pick the right page even for one word.
    decoded, name = decode_text(text.encode(codec))
    assert decoded == text
    assert name == codec.replace("_", "-")


def test_single_cyrillic_word_in_bomless_utf16_has_no_nul() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_text("Менеджер".encode(codec)) == ("Менеджер", "utf-16")


def test_iso8859_13_quotes_are_not_taken_for_cp1257() -> None:
    # Only the quotes differ from CP1257 (where their bytes are undefined or "´"); with one pair
    # among many Lithuanian letters the letter score alone is too close to call.
    text = "Įmonės ūkio skyriaus vedėjas užtikrina, kad „sutartys“ būtų vykdomos. " + (
        "Darbuotojas atsako už pirkimų dokumentų rengimą ir jų saugojimą įstaigoje. " * 30
    )
    assert decode_text(text.encode("iso8859_13")) == (text, "iso8859-13")
    assert decode_text(text.encode("cp1257")) == (text, "cp1257")


def test_lone_typographic_sign_is_not_a_dos_cp866_letter() -> None:
    assert decode_text("2.5…..".encode("cp1251")) == ("2.5…..", "cp1251")
    # "•" is byte 0x95 in both CP1251 and CP1257; CP866 would make it the letter "Х"
    assert decode_text("  • eruditas;".encode("cp1257"))[0] == "  • eruditas;"


@pytest.mark.parametrize("eol", ["\r\n", "\r", "\n", "\u2028", "\u2029"])
def test_line_ends(eol: str) -> None:
    data = eol.join(RU_LINES).encode("utf-8")
    assert got(data) == expected(RU_LINES)


def test_mixed_line_ends_and_trailing_spaces_in_raw() -> None:
    data = "Первая строка  \r\n\r\nТретья\rЧетвёртая\n\nШестая\r\n".encode()
    doc = read_txt(data, None, "-")
    assert [(b.source.line, b.text, b.raw) for b in doc.blocks] == [
        (1, "Первая строка", "Первая строка  "),
        (3, "Третья", "Третья"),
        (4, "Четвёртая", "Четвёртая"),
        (6, "Шестая", "Шестая"),
    ]


def test_form_feed_splits_blocks_but_keeps_the_editor_line_number() -> None:
    data = "1. Общие положения\n\f2. Обязанности\nВедёт учёт.\fПодпись\n".encode()
    assert got(data) == [
        (1, "1. Общие положения"),
        (2, "2. Обязанности"),
        (3, "Ведёт учёт."),
        (3, "Подпись"),
    ]


def test_control_characters_are_removed_but_kept_in_raw() -> None:
    data = "Должностные обязан\x1fности\n\nВедёт\x0b учёт\x07 договоров\n".encode()
    doc = read_txt(data, None, "x.txt")
    assert [(b.source.line, b.text) for b in doc.blocks] == [
        (1, "Должностные обязанности"),
        (3, "Ведёт учёт договоров"),
    ]
    assert doc.blocks[0].raw == "Должностные обязан\x1fности"
    assert doc.blocks[1].raw == "Ведёт\x0b учёт\x07 договоров"


def test_blocks_are_consistent() -> None:
    data = ("\n\n  \n" + LT_TEXT + "\t\n" + RU_TEXT).encode("utf-8")
    doc = read_txt(data, None, "x.txt")
    assert len(doc.blocks) == len(expected(LT_LINES)) + len(expected(RU_LINES))
    for i, block in enumerate(doc.blocks):
        assert block.index == i
        assert block.source.block == i
        assert block.text == normalize(block.raw)
        assert block.kind == "paragraph"
    # three leading blank lines are counted: the title is on line 4
    assert doc.blocks[0].source.line == 4
    assert doc.blocks[0].source.describe() == "line 4"
    first_ru = len(expected(LT_LINES))
    assert doc.blocks[first_ru].source.line == 3 + len(LT_LINES) + 1 + 1


def test_nbsp_and_soft_hyphen_normalised() -> None:
    data = "Менеджер\u00a0по\u00a0закупкам обя\u00adзан\n".encode("cp1251")
    doc = read_txt(data, None, "x.txt")
    assert doc.encoding == "cp1251"
    assert doc.blocks[0].text == "Менеджер по закупкам обязан"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t\r\n  ",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf \r\n",
        "\n\u00a0\n".encode(),
        " \n \n".encode("utf-16"),
    ],
)
def test_empty_or_whitespace_only(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read_txt(data, None, "x.txt")
    assert info.value.reason == "the file is empty"


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03" * 64,
        b"abc\x00def\x00\x00ghi\x00",
        bytes(range(1, 32)) * 20,
        "Ведёт учёт".encode("utf-16-le")[:-1] + b"\x00\x00\x00",
    ],
)
def test_binary_content(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        read_txt(data, None, "x.txt")
    assert info.value.reason.startswith("binary data, not a text document")


def test_other_code_page_falls_back_to_the_detector() -> None:
    text = "Pracownik działu zakupów odpowiada za umowy z dostawcami. Zażółć gęślą jaźń.\n"
    doc = read_txt(text.encode("cp1250"), None, "x.txt")
    assert doc.blocks[0].text == text.strip()
    assert doc.encoding == "cp1250"
