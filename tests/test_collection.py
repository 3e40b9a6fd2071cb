"""Cross-document duplicates: ``repeated_clauses``, ``near_copies`` and the ``jdlint
duplicates`` click command (invoked directly; the lead registers it in the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.collection.command import duplicates
from jdlint.collection.duplicates import near_copies, repeated_clauses
from jdlint.core.model import Document
from jdlint.readers import read_bytes
from jdlint.structure import analyse

HEAD = ("ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ {who}\n1. Общие положения\n"
        "1.1. {Who} относится к категории специалистов.\n")
COMMON = ("4. Ответственность\n4.1. За причинение материального ущерба работодателю в пределах, "
          "определенных трудовым законодательством.\n")
DUTIES = {
    "бухгалтера": ["Ведёт учёт расчётов с поставщиками и покупателями.",
                   "Составляет акты сверки взаимных расчётов с контрагентами.",
                   "Готовит платёжные поручения на оплату счетов поставщиков.",
                   "Проверяет правильность оформления первичных документов.",
                   "Начисляет амортизацию основных средств ежемесячно."],
    "кладовщика": ["Принимает товар на склад по количеству и качеству.",
                   "Выдаёт товар со склада по накладным покупателям.",
                   "Проводит инвентаризацию товара на складе раз в квартал.",
                   "Ведёт учёт движения товара в складской программе.",
                   "Следит за соблюдением режима хранения товара на складе."],
    "водителя": ["Управляет служебным автомобилем при перевозке сотрудников.",
                 "Проверяет техническое состояние автомобиля перед выездом.",
                 "Оформляет путевые листы и сдаёт их в бухгалтерию.",
                 "Содержит автомобиль в чистоте и исправном состоянии.",
                 "Проходит предрейсовый медицинский осмотр ежедневно."],
}


def text(who: str, duties: list[str]) -> str:
    body = "".join(f"2.{i}. {d}\n" for i, d in enumerate(duties, 1))
    return (HEAD.format(who=who, Who=who.capitalize()) + "2. Должностные обязанности\n" + body
            + "3. Права\n3.1. Запрашивать у подразделений сведения, необходимые для работы.\n"
            + COMMON)


def write(folder: Path) -> dict[str, str]:
    files = {f"{who}.txt": text(who, duties) for who, duties in DUTIES.items()}
    # a near-copy of the accountant's instruction: one duty reworded, one added
    duties = list(DUTIES["бухгалтера"])
    duties[2] = "Готовит платёжные поручения на оплату счетов."
    files["бухгалтера-копия.txt"] = text("бухгалтера", [*duties, "Ведёт кассовую книгу."])
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return files


def documents(files: dict[str, str]) -> list[Document]:
    out: list[Document] = []
    for name, content in files.items():
        out.extend(analyse(read_bytes(content.encode(), None, name), language="ru").documents)
    return out


def test_repeated_clauses_counts_files(tmp_path: Path) -> None:
    docs = documents(write(tmp_path))
    found = repeated_clauses(docs, min_docs=3)
    texts = [r.text for r in found]
    assert any(t.startswith("За причинение материального ущерба") for t in texts)
    assert any(t.startswith("Запрашивать у подразделений") for t in texts)
    # a duty of the accountant is in two files only: below min_docs
    assert not any(t.startswith("Ведёт учёт расчётов") for t in texts)
    liability = next(r for r in found if r.text.startswith("За причинение"))
    assert liability.files == 4
    assert {p.clause for p in liability.places} == {"4.1"}
    assert [r.text for r in repeated_clauses(docs, min_docs=2)].count(
        "Ведёт учёт расчётов с поставщиками и покупателями.") == 1


def test_copies_inside_one_file_count_once() -> None:
    one = text("бухгалтера", DUTIES["бухгалтера"])
    docs = documents({"web.txt": one + "\n\n" + one, "other.txt": one})
    assert len([d for d in docs if d.classification == "instruction"]) == 3
    found = repeated_clauses(docs, min_docs=3)
    assert found == []  # two files, not three
    assert repeated_clauses(docs, min_docs=2)
    # the two copies in web.txt are not reported as near-copies of each other
    groups = near_copies(docs, threshold=0.8)
    assert len(groups) == 1
    assert {d.path for d in groups[0].documents} == {"web.txt", "other.txt"}


def test_near_copies_group_and_threshold(tmp_path: Path) -> None:
    docs = documents(write(tmp_path))
    groups = near_copies(docs, threshold=0.6)
    assert len(groups) == 1
    assert sorted(d.path for d in groups[0].documents) == ["бухгалтера-копия.txt",
                                                           "бухгалтера.txt"]
    assert 0.6 <= groups[0].similarity < 1.0
    assert near_copies(docs, threshold=0.99) == []


def test_command_text_and_json(tmp_path: Path) -> None:
    write(tmp_path)
    runner = CliRunner()
    result = runner.invoke(duplicates, [str(tmp_path), "--min-docs", "4", "--threshold", "0.6"])
    assert result.exit_code == 1, result.output
    assert "4 instructions searched." in result.output
    assert "[4 files] За причинение материального ущерба" in result.output
    assert "бухгалтера-копия.txt" in result.output.split("Near-copies")[1]

    result = runner.invoke(duplicates, [str(tmp_path), "--output-format", "json",
                                        "--min-docs", "4", "--threshold", "0.6"])
    data = json.loads(result.output)
    assert data["instructions"] == 4
    assert [r["files"] for r in data["repeated_clauses"]] == [4, 4]
    assert len(data["near_copies"]) == 1 and len(data["near_copies"][0]["documents"]) == 2


def test_command_nothing_found_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(text("водителя", DUTIES["водителя"]), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(duplicates, [str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Clauses repeated in 3 or more files: 0" in result.output
    result = runner.invoke(duplicates, [str(tmp_path / "missing")])
    assert result.exit_code == 2


def test_workers_give_the_same_answer_as_one_process(tmp_path: Path) -> None:
    """Files are digested by workers in their order: the output does not depend on --jobs."""
    write(tmp_path)
    for n in range(12):  # enough files for several chunks of work
        (tmp_path / f"extra-{n:02d}.txt").write_text(
            text("бухгалтера", DUTIES["бухгалтера"][n % 2:]), encoding="utf-8")
    args = [str(tmp_path), "--output-format", "json", "--min-docs", "3", "--threshold", "0.6"]
    one = CliRunner().invoke(duplicates, [*args, "--jobs", "1"])
    two = CliRunner().invoke(duplicates, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1, (one.output, two.output)
    assert json.loads(one.output) == json.loads(two.output)
    assert json.loads(one.output)["instructions"] == 16


def test_tally_keeps_one_wording_per_text_and_each_place() -> None:
    from jdlint.collection.duplicates import ClauseTally, DocumentRef
    from jdlint.collection.tally import key_digest

    key = key_digest("ведёт учёт")
    tally = ClauseTally(min_words=2)
    tally.add_rows(DocumentRef("a.txt", 0), [(key, "2.1", "Ведёт учёт.")])
    tally.add_rows(DocumentRef("b.txt", 0), [(key, "2.4", "ВЕДЁТ УЧЁТ;")])
    tally.add_rows(DocumentRef("c.txt", 0), [(key, None, "Ведёт учёт.")])
    tally.add_rows(DocumentRef("d.txt", 0), [(key_digest("другой пункт"), "1", "Другой пункт.")])
    [found] = tally.result(min_docs=3)
    assert found.text == "Ведёт учёт." and found.files == 3
    assert found.key == "ведет учет"  # NOTE: the normalised text, recomputed from the wording
    assert [(p.document.path, p.clause, p.text) for p in found.places] == [
        ("a.txt", "2.1", "Ведёт учёт."), ("b.txt", "2.4", "ВЕДЁТ УЧЁТ;"),
        ("c.txt", None, "Ведёт учёт.")]
    assert tally.result(min_docs=4) == []
    assert [r.text for r in tally.result(min_docs=1)] == ["Ведёт учёт.", "Другой пункт."]


@pytest.mark.parametrize("repeated", [[], [{"text": "Ведёт учёт.", "files": 3, "places": [
    {"path": "a.txt", "document": 0, "clause": "2.1"}]}, {"text": "x", "files": 2, "places": []}]])
def test_streamed_json_is_json_dumps_byte_for_byte(repeated: list[dict[str, object]],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from jdlint.collection.command import _print_json

    head = {"instructions": 4, "min_docs": 3, "threshold": 0.6}
    copies = [{"similarity": 0.8, "documents": [{"path": "a", "document": 0, "title": None}]}]
    _print_json(head, iter(repeated), copies)
    want = json.dumps({**head, "repeated_clauses": repeated, "near_copies": copies},
                      ensure_ascii=False, indent=2)
    assert capsys.readouterr().out == want + "\n"
