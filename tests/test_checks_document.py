"""Document-level checks JD002–JD005 on Documents built directly (no reader, no structure)."""

from __future__ import annotations

import pytest
from helpers import RU_DOC, make_doc, make_raw

from jdlint.core.model import Document, Revisions
from jdlint.engine.lint import lint
from jdlint.engine.registry import load_rules

RULES = load_rules()


def run(code: str, *docs: Document, lang: str | None = None) -> list[str]:
    return [f"{f.source.block}:{f.message}" for f in lint(docs, [RULES[code]], lang=lang)]


@pytest.mark.parametrize(("kind", "fragment"), [
    ("article", "статья или публикация"), ("vacancy", "объявление о вакансии"),
    ("spam", "реклама или спам"), ("unknown", "текст неизвестного вида"),
    ("something-new", "текст неизвестного вида"),
])
def test_jd002_names_the_classification(kind: str, fragment: str) -> None:
    [message] = run("JD002", make_doc(RU_DOC, classification=kind))
    assert fragment in message and "не выполнялись" in message


def test_jd002_silent_on_instruction_and_english_without_language() -> None:
    assert run("JD002", make_doc(RU_DOC)) == []
    [message] = run("JD002", make_doc(RU_DOC, classification="vacancy", language=None))
    assert "a vacancy post" in message


def test_jd003_only_for_instruction_without_language() -> None:
    scores = (("cyrillic", 0.31), ("lithuanian_letters", 0.0))
    [message] = run("JD003", make_doc(RU_DOC, language=None, scores=scores))
    assert "cyrillic 0.31" in message and "lithuanian_letters" not in message
    [empty] = run("JD003", make_doc(RU_DOC, language=None))
    assert "no sign of either language" in empty
    assert run("JD003", make_doc(RU_DOC)) == []
    assert run("JD003", make_doc(RU_DOC, language=None, classification="spam")) == []


def test_jd004_once_per_file_at_second_instruction() -> None:
    raw = make_raw([*RU_DOC, "", *RU_DOC, "", *RU_DOC])
    docs = [make_doc(raw, span=range(0, 9), index=0, count=3),
            make_doc(raw, span=range(9, 19), index=1, count=3),
            make_doc(raw, span=range(19, 29), index=2, count=3)]
    findings = lint(docs, [RULES["JD004"]])
    assert len(findings) == 1
    finding = findings[0]
    assert finding.source.block == 10  # the blank line 10 is skipped
    assert "(3)" in finding.message and "строка 1, строка 11, строка 21" in finding.message
    assert [s.block for s in finding.related] == [0, 20]
    assert run("JD004", make_doc(RU_DOC)) == []


def test_jd004_lithuanian_paragraphs() -> None:
    raw = make_raw([*RU_DOC, *RU_DOC], fmt="docx")
    docs = [make_doc(raw, span=range(0, 9), count=2, language="lt"),
            make_doc(raw, span=range(9, 18), index=1, count=2, language="lt")]
    [message] = run("JD004", *docs)
    assert "pastr. 1, pastr. 10" in message


def test_jd005_counts_once_per_file() -> None:
    revisions = Revisions(insertions=2, deletions=1, comments=4, moves=1)
    raw = make_raw(RU_DOC, fmt="docx", revisions=revisions)
    docs = [make_doc(raw, span=range(0, 5), count=2), make_doc(raw, span=range(5, 9), index=1,
                                                                count=2)]
    [message] = run("JD005", *docs, lang="en")
    assert message == ("0:Unresolved tracked changes or comments are left in the document "
                       "(insertions: 2, deletions: 1, moves: 1, comments: 4); where: —.")
    assert run("JD005", make_doc(RU_DOC)) == []


def test_jd005_names_every_place_of_a_change() -> None:
    raw = make_raw(RU_DOC, fmt="docx", revisions=Revisions(insertions=1, deletions=1,
                                                            blocks=(2, 4)))
    doc = make_doc(raw, span=range(0, len(raw.blocks)))
    [finding] = lint([doc], [RULES["JD005"]], lang="en")
    assert finding.source.block == 2
    assert [r.block for r in finding.related] == [4]
    assert "where: " in finding.message and finding.message.count("(") >= 2


def test_document_checks_run_on_non_instructions() -> None:
    raw = make_raw(RU_DOC, revisions=Revisions(comments=1))
    doc = make_doc(raw, classification="spam", language=None)
    codes = [f.code for f in lint([doc], [RULES[c] for c in ("JD002", "JD003", "JD005")])]
    assert codes == ["JD002", "JD005"]
