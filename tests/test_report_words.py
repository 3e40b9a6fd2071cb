"""The report's words (issue 17 item 9): CLDR plurals in Russian, Lithuanian and English, a
chart legend and tooltips in the report's language, clause labels a lawyer finds in Word, and
paragraph numbers that skip empty spacer paragraphs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jdlint.core.results import FileResult
from jdlint.readers import read_bytes
from jdlint.report.html import render_html
from jdlint.report.labels import counted
from jdlint.report.view import build_view, clause_label, renumber, visible_paragraphs
from jdlint.testing.docxbuild import text_to_docx


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("ru", 1, "1 документ"), ("ru", 2, "2 документа"), ("ru", 5, "5 документов"),
    ("ru", 11, "11 документов"), ("ru", 21, "21 документ"), ("ru", 22, "22 документа"),
    ("ru", 0, "0 документов"), ("ru", 111, "111 документов"),
    ("lt", 1, "1 dokumentas"), ("lt", 2, "2 dokumentai"), ("lt", 9, "9 dokumentai"),
    ("lt", 10, "10 dokumentų"), ("lt", 11, "11 dokumentų"), ("lt", 21, "21 dokumentas"),
    ("lt", 0, "0 dokumentų"), ("en", 1, "1 document"), ("en", 0, "0 documents"),
    ("en", 21, "21 documents"),
])
def test_plurals_follow_cldr(lang: str, n: int, text: str) -> None:
    assert counted("documents", n, lang) == text


def test_error_words_agree_with_the_number() -> None:
    assert counted("errors", 1, "ru") == "1 ошибка"
    assert counted("errors", 3, "ru") == "3 ошибки"
    assert counted("warnings", 12, "lt") == "12 įspėjimų"


@pytest.mark.parametrize(("path", "lang", "shown"), [
    ("5 •5", "ru", "5, маркер 5"), ("1.6 •2", "lt", "1.6, ženklelis 2"),
    ("•3", "en", "bullet 3"), ("2.3", "ru", "2.3"), ("1.3 4)", "ru", "1.3 4)"),
    (None, "ru", "—"),
])
def test_clause_labels_are_what_word_shows(path: str | None, lang: str, shown: str) -> None:
    assert clause_label(path, lang) == shown


def test_spacer_paragraphs_are_not_counted() -> None:
    raw = read_bytes(text_to_docx("Первый\n\nВторой\n\n\nТретий"), None, "x.docx")
    visible = visible_paragraphs(raw.blocks)
    assert [visible[b.source.paragraph] for b in raw.blocks
            if b.source.paragraph is not None] == [1, 2, 3]
    assert renumber("п. 2.4 (абз. 6); п. 2.5 (абз. 99)", visible) == \
        "п. 2.4 (абз. 3); п. 2.5 (абз. 99)"


def test_chart_has_a_legend_and_tooltips_in_the_report_language() -> None:
    counts = [FileResult(display_path="a.txt", format="txt"),
              FileResult(display_path="b.txt", format="txt")]
    view = build_view(counts, "lt")

    files = tuple(replace(f, counts={"error": 2, "warning": 1, "info": 0}) for f in view.files)
    html = render_html(replace(view, files=files))
    assert '<g class="legend">' in html
    assert "Klaidos" in html and "Įspėjimai" in html
    assert "<title>2 klaidos</title>" in html and "<title>1 įspėjimas</title>" in html
    assert "error:" not in html and "warning:" not in html
    assert "2 dokumentai" in html
