"""Layouts that used to lose an instruction's body, and texts that used to be called "not a
job description": HTML left in a TXT web copy, the approval block or the whole header in a
Word table, clauses in "№ | text" table rows, sections held in table cells, pages without a
numbered body (a school's list of functions, an informal list of duties, a handbook entry in
paragraphs), and the other way round, numbered texts that are other documents.
"""

from __future__ import annotations

from jdlint.core.model import Document, SectionKind
from jdlint.readers import read_bytes
from jdlint.structure import analyse
from jdlint.testing.docxbuild import P, Table, build_docx

_SECTIONS_RU = [
    ("1. Общие положения", ["1.1. Кладовщик относится к категории рабочих.",
                            "1.2. Кладовщик подчиняется заведующему складом."]),
    ("2. Должностные обязанности", ["2.1. Принимает товары на склад.",
                                    "2.2. Выдаёт товары по накладным.",
                                    "2.3. Ведёт учёт остатков."]),
    ("3. Права", ["3.1. Запрашивать документы на отпуск товаров."]),
    ("4. Ответственность", ["4.1. За ненадлежащее исполнение обязанностей."]),
]
_KINDS = [SectionKind.GENERAL, SectionKind.DUTIES, SectionKind.RIGHTS,
          SectionKind.RESPONSIBILITY]


def _docs(data: bytes, name: str) -> tuple[Document, ...]:
    return analyse(read_bytes(data, None, name)).documents


def _only(data: bytes, name: str) -> Document:
    docs = _docs(data, name)
    assert len(docs) == 1
    assert docs[0].classification == "instruction", docs[0].classification
    return docs[0]


def _body() -> list[P | Table]:
    return [P(line) for heading, clauses in _SECTIONS_RU for line in (heading, *clauses)]


def _assert_full_body(doc: Document) -> None:
    assert [s.kind for s in doc.sections] == _KINDS
    assert [len(s.clauses) for s in doc.sections] == [2, 3, 1, 1]


# --- HTML markup in a TXT web copy -------------------------------------------------------

def test_html_marked_web_copy_keeps_its_sections() -> None:
    lines = ["<h1>Должностная инструкция кладовщика</h1>"]
    for heading, clauses in _SECTIONS_RU:
        lines.append(f"<h2>{heading}</h2>")
        lines.extend(f"<p>{c.replace('товары', '&laquo;товары&raquo;')}&nbsp;</p>"
                     for c in clauses)
    doc = _only("\n".join(lines).encode(), "page.txt")
    _assert_full_body(doc)
    text = doc.sections[1].clauses[0].text
    assert "<" not in text and "&" not in text
    assert '"товары"' in text or "«товары»" in text


def test_html_list_items_become_list_items() -> None:
    text = "\n".join([
        "<h1>Должностная инструкция кладовщика</h1>",
        "<h2>1. Общие положения</h2>",
        "<p>1.1. Кладовщик относится к категории рабочих.</p>",
        "<p>1.2. Кладовщик подчиняется заведующему складом.</p>",
        "<h2>2. Должностные обязанности</h2>",
        "<p>2.1. Кладовщик выполняет следующие обязанности:</p>",
        "<ul>", "<li>принимает товары;</li>", "<li>выдаёт товары.</li>", "</ul>",
        "<p>2.2. Ведёт учёт остатков.</p>",
    ])
    doc = _only(text.encode(), "page.txt")
    duties = doc.sections[1]
    assert duties.kind is SectionKind.DUTIES
    assert [c.path for c in duties.clauses] == ["2.1", "2.2"]
    assert len(duties.clauses[0].children) == 2


def test_a_plain_text_that_mentions_angle_brackets_is_left_alone() -> None:
    text = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика\n1. Общие положения\n"
            "1.1. Кладовщик работает при температуре <p> не ниже 5 градусов.\n"
            "1.2. Кладовщик подчиняется заведующему складом.\n"
            "2. Должностные обязанности\n2.1. Принимает товары.\n2.2. Выдаёт товары.\n")
    doc = _only(text.encode(), "plain.txt")
    assert "<p>" in doc.sections[0].clauses[0].text


# --- Word tables -------------------------------------------------------------------------

def test_approval_block_in_a_table_keeps_the_body() -> None:
    head = Table([["ООО «Склад»", "УТВЕРЖДАЮ\nГенеральный директор\n______ П.П. Петров\n"
                   "«__» ________ 20__ г."]])
    data = build_docx([head, P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ"), P("кладовщика"), *_body()])
    doc = _only(data, "case.docx")
    assert doc.approval is not None
    _assert_full_body(doc)


def test_whole_header_in_a_table_keeps_the_body() -> None:
    head = Table([["ООО «Склад»", "УТВЕРЖДАЮ\nДиректор"],
                  ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", ""],
                  ["кладовщика", "«__» ________ 20__ г."]])
    doc = _only(build_docx([head, *_body()]), "case.docx")
    assert doc.title is not None and "ИНСТРУКЦИЯ" in doc.title
    _assert_full_body(doc)


def test_lithuanian_approval_in_a_table_keeps_the_body() -> None:
    head = Table([["", "TVIRTINU\nDirektorius\n______ P. Petraitis"]])
    body = [P("SANDĖLININKO PAREIGYBĖS APRAŠYMAS"),
            P("1. Bendrosios nuostatos"), P("1.1. Sandėlininkas yra darbininkų pareigybė."),
            P("1.2. Sandėlininkas pavaldus sandėlio vedėjui."),
            P("2. Funkcijos"), P("2.1. Priima prekes į sandėlį."),
            P("2.2. Išduoda prekes pagal važtaraščius."),
            P("3. Atsakomybė"), P("3.1. Atsako už prekių saugumą.")]
    doc = _only(build_docx([head, *body]), "case.docx")
    assert [s.kind for s in doc.sections] == [SectionKind.GENERAL, SectionKind.DUTIES,
                                              SectionKind.RESPONSIBILITY]


def test_clauses_in_number_and_text_cells_are_clauses() -> None:
    rows = []
    for heading, clauses in _SECTIONS_RU:
        for line in (heading, *clauses):
            number, text = line.split(" ", 1)
            rows.append([number, text])
    doc = _only(build_docx([P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика"), Table(rows)]), "case.docx")
    _assert_full_body(doc)
    assert doc.sections[0].heading == "Общие положения"
    assert [c.path for c in doc.sections[1].clauses] == ["2.1", "2.2", "2.3"]


def test_sections_held_in_table_cells() -> None:
    cells = [["\n".join((heading, *clauses))] for heading, clauses in _SECTIONS_RU]
    data = build_docx([Table([["СОГЛАСОВАНО\nПрофком", "УТВЕРЖДАЮ\nДиректор"]]),
                       P("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика"), Table(cells)])
    _assert_full_body(_only(data, "case.docx"))


# --- pages without a numbered body ------------------------------------------------------

def test_lithuanian_functions_only_page_is_linted() -> None:
    text = "\n".join([
        "Meniu", "Laborantas", "Specialieji reikalavimai",
        "• Turėti ne žemesnį kaip aukštesnįjį išsilavinimą;",
        "Laboranto funkcijos",
        "• Paruošia priemones laboratoriniams darbams;",
        "• Prižiūri chemines medžiagas ir jų apskaitą;",
        "• Padeda mokytojui pamokų metu.",
        "• Mokiniams", "• Tėvams", "• Kontaktai",
    ])
    doc = _only(text.encode(), "page.txt")
    duties = [s for s in doc.sections if s.kind is SectionKind.DUTIES]
    assert duties and len(duties[0].clauses) == 3  # the site menu stays out


def test_informal_markdown_duties_are_linted() -> None:
    text = "\n".join([
        "# Курьер в нашей пекарне", "## Твои обязанности",
        "- забирать заказы у кассира;", "- доставлять заказы вовремя;",
        "- принимать оплату у покупателя.", "## За что ты можешь быть уволен",
        "- опоздания без предупреждения;", "- грубость с покупателями.",
    ])
    doc = _only(text.encode(), "page.txt")
    assert SectionKind.DUTIES in [s.kind for s in doc.sections]


def test_handbook_entry_in_paragraphs_gets_its_sections() -> None:
    text = "\n".join([
        "ТИПОВАЯ ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ ЗАВЕДУЮЩЕГО АРХИВОМ",
        "Должностные обязанности заведующего архивом. Руководит работой архива. Принимает "
        "документы на хранение и следит за их сохранностью. Выдаёт копии и справки по запросам "
        "подразделений, ведёт учёт документов и составляет отчёты.",
        "Требования к квалификации. Высшее образование и стаж работы в архиве не менее года.",
    ])
    for data, name in ((text.encode(), "entry.txt"),
                       (build_docx([P(x) for x in text.split("\n")]), "entry.docx")):
        doc = _only(data, name)
        assert [s.kind for s in doc.sections] == [SectionKind.DUTIES,
                                                  SectionKind.QUALIFICATION]
        assert "Руководит работой архива" in doc.sections[0].clauses[0].text


def test_numbered_internal_rules_are_not_an_instruction() -> None:
    text = "\n".join([
        "ПРАВИЛА ВНУТРЕННЕГО ТРУДОВОГО РАСПОРЯДКА",
        "1. Общие положения", "1.1. Правила определяют порядок приёма работников.",
        "1.2. Правила обязательны для всех.", "2. Рабочее время",
        "2.1. Рабочий день начинается в 9:00.", "2.2. Обед длится один час.",
        "3. Обязанности работников", "3.1. Соблюдать дисциплину.",
    ])
    for data, name in ((text.encode(), "rules.txt"),
                       (build_docx([P(x) for x in text.split("\n")]), "rules.docx")):
        docs = _docs(data, name)
        assert [d.classification for d in docs] == ["other_document"]


def test_news_article_quoting_clauses_stays_an_article() -> None:
    text = "\n".join([
        "Можно ли охраннику спать на посту",
        "Опубликовано: 03.03.2025",
        "3.1. Охранник несёт службу на посту согласно графику.",
        "3.1.1. Покидать пост охранник может только с разрешения старшего смены.",
        "3.1.2. Сон на посту не допускается.",
        "3.2. Охранник ведёт журнал обходов.",
        "3.2.1. Записи в журнале делаются после каждого обхода.",
    ])
    assert [d.classification for d in _docs(text.encode(), "news.txt")] == ["article"]


# --- a web copy whose line breaks were lost ---------------------------------------------

def test_collapsed_numbered_list_is_split_into_clauses() -> None:
    text = "\n".join([
        "Должностная инструкция кладовщика",
        "1. Общие положения",
        "1.1. Кладовщик относится к категории рабочих.",
        "Должностные обязанности кладовщика",
        "Кладовщик выполняет следующие обязанности:2.1. Принимает товары на склад по "
        "накладным и проверяет их количество. 2.2. Выдаёт товары по требованиям подразделений. "
        "2.3. Ведёт учёт остатков и участвует в инвентаризации склада. 2.4. Следит за "
        "исправностью весов и стеллажей, сообщает о поломках заведующему.",
    ])
    doc = _only(text.encode(), "page.txt")
    duties = next(s for s in doc.sections if s.kind is SectionKind.DUTIES)
    paths = [c.path for c in duties.clauses if c.path]
    assert paths[-4:] == ["2.1", "2.2", "2.3", "2.4"]


def test_prose_with_a_few_numbers_is_not_split() -> None:
    from jdlint.readers.inline import split_collapsed

    line = ("Согласно ст. 81 ТК РФ и п. 2. Правил работник предупреждается за 2 месяца. "
            "В 2024 г. срок составил 3. Месяца хватило на передачу дел, и 1. Вопрос был "
            "снят с повестки дня собрания трудового коллектива нашего предприятия окончательно.")
    assert split_collapsed(line) == [line]


# --- an unfilled template whose first clauses are cut into blank-filled fragments ---------

def test_first_section_over_blank_fragments_is_kept() -> None:
    text = "\n".join([
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ", "УТВЕРЖДАЮ", "(руководитель организации)",
        "I. Общие положения",
        "1. Кладовщик относится к категории рабочих.",
        "2. На должность кладовщика назначается лицо, имеющее образование",
        "(среднее; начальное профессиональное)", "и стаж работы", "(от 1 года; от 3 лет)",
        "или", "квалификацию", "(III, II, I разряд)", ".", "по представлению", ".",
        "3. Кладовщик должен знать:", "3.1. Правила приёмки товаров.",
        "3.2. Порядок учёта на складе.", "3.3. Правила охраны труда.",
        "II. Должностные обязанности", "Кладовщик:", "1. Принимает товары на склад.",
        "2. Выдаёт товары по накладным.", "3. Ведёт учёт остатков.",
        "III. Права", "Кладовщик вправе:", "1. Запрашивать документы на отпуск товаров.",
        "IV. Ответственность", "Кладовщик несёт ответственность:",
        "1. За ненадлежащее исполнение обязанностей.",
    ])
    for data, name in ((text.encode(), "template.txt"),
                       (build_docx([P(x) for x in text.split("\n")]), "template.docx")):
        doc = _only(data, name)
        assert doc.sections[0].kind is SectionKind.GENERAL
        assert doc.sections[0].heading == "Общие положения"
        assert doc.approval is not None
        assert [s.kind for s in doc.sections] == _KINDS


def test_html_table_rows_of_number_and_text_are_clauses() -> None:
    lines = ["<h1>Должностная инструкция кладовщика</h1>", "<table>"]
    for heading, clauses in _SECTIONS_RU:
        for line in (heading, *clauses):
            number, text = line.split(" ", 1)
            lines.append(f"<tr><td>{number}</td><td>{text}</td></tr>")
    lines += ["</table>", "<table>", "<tr><td>1.</td><td>2.</td><td>3.</td></tr>",
              "<tr><td>Заведующий складом</td><td>Петров П.П.</td><td> </td></tr>", "</table>"]
    doc = _only("\n".join(lines).encode(), "page.txt")
    _assert_full_body(doc)
    assert doc.sections[-1].clauses[-1].path == "4.1"  # the sign-off table adds no clause
