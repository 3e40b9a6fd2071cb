"""The word store of the cache folder (``jdlint.nlp.wordstore``): a run that finds every word
stored gives the same findings without importing pymorphy3; a stale, corrupt, forged-type or
linked store is ignored; workers' parts are merged and removed; ``--no-cache`` writes none."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from jdlint.nlp import russian, wordstore

# NOTE: invented wording, Russian and Lithuanian, with words a rule reads (fines, liability)
RU = ["ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ кладовщика", "1. Общие положения",
      "1.1. Кладовщик подчиняется заведующему складом.", "2. Должностные обязанности",
      "2.1. Принимает и выдаёт товарно-материальные ценности.",
      "2.2. Ведёт учёт остатков на складе.", "3. Ответственность",
      "3.1. За опоздание кладовщик штрафуется на 500 рублей.",
      "3.2. Кладовщик несёт полную материальную ответственность за всё имущество."]
LT = ["SANDĖLININKO PAREIGYBĖS APRAŠYMAS", "1. Bendrosios nuostatos",
      "1.1. Sandėlininkas pavaldus sandėlio vedėjui.", "2. Funkcijos",
      "2.1. Priima ir išduoda prekes.", "3. Atsakomybė",
      "3.1. Už vėlavimą sandėlininkui skiriama 50 eurų bauda."]


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    wordstore.use_folder(None)
    russian.lemma.cache_clear()
    yield
    wordstore.use_folder(None)
    russian.lemma.cache_clear()


def _docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _store_files(cache: Path) -> list[Path]:
    return sorted((cache / wordstore.SUBDIR).glob("ru-*"))


def _check(cache: Path | None, *files: Path, jobs: int = 1) -> tuple[str, str]:
    """``jdlint check`` in a fresh process: (JSON output, the modules it imported)."""
    args = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    code = ("import sys\nfrom jdlint.entry import main\ntry:\n    main()\nfinally:\n"
            "    sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)))\n")
    proc = subprocess.run(
        [sys.executable, "-c", code, "check", *args, "--jobs", str(jobs), "--output-format",
         "json", *map(str, files)], capture_output=True, text=True, timeout=300,
        cwd=files[0].parent, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout, proc.stderr.rsplit("MODULES ", 1)[-1]


def _findings(output: str) -> list[object]:
    return [f for entry in json.loads(output)["files"] for f in entry["findings"]]


def test_second_run_serves_every_word_without_pymorphy3(tmp_path: Path) -> None:
    ru, lt = _docx(tmp_path / "ru.docx", RU), _docx(tmp_path / "lt.docx", LT)
    cache = tmp_path / "cache"
    first, imported = _check(cache, ru, lt)
    assert "pymorphy3" in imported.split()
    assert len(_store_files(cache)) == 1
    for entry in (cache / "v2").iterdir():  # the files are linted again, not served
        for item in entry.iterdir():
            item.unlink()
    second, imported = _check(cache, ru, lt)
    assert "pymorphy3" not in imported.split()
    bare, _ = _check(None, ru, lt)
    assert _findings(second) == _findings(first) == _findings(bare)
    assert any(f["code"] == "JD201" for f in _findings(bare))  # the fine is found


def test_no_cache_writes_no_store(tmp_path: Path) -> None:
    ru = _docx(tmp_path / "ru.docx", RU)
    _check(None, ru)
    assert not [p for p in tmp_path.rglob("*") if wordstore.SUBDIR in p.parts]


def test_workers_parts_are_merged_and_removed(tmp_path: Path) -> None:
    files = [_docx(tmp_path / f"ru{n}.docx", [*RU, f"2.{n + 3}. Проверяет тару номер {n}."])
             for n in range(4)]
    cache = tmp_path / "cache"
    _check(cache, *files, jobs=2)
    stores = _store_files(cache)
    assert [p.suffix for p in stores] == [".json"]
    kinds = json.loads(stores[0].read_text(encoding="utf-8"))["kinds"]
    assert kinds["lemma"]["кладовщик"] == "кладовщик"
    assert kinds["lemma"]["штрафуется"] == "штрафоваться"


def _counting(calls: list[str]) -> object:
    @wordstore.stored("test-kind")
    def upper(word: str) -> str:
        calls.append(word)
        return word.upper()
    return upper


def test_stored_answers_come_back_and_a_new_process_reads_them(tmp_path: Path) -> None:
    calls: list[str] = []
    upper = _counting(calls)
    wordstore.use_folder(tmp_path, lambda: "code-1")
    assert upper("склад") == "СКЛАД" and calls == ["склад"]  # type: ignore[operator]
    wordstore.save(tmp_path)
    wordstore.use_folder(None)
    wordstore.use_folder(tmp_path, lambda: "code-1")
    assert upper("склад") == "СКЛАД" and calls == ["склад"]  # type: ignore[operator]
    wordstore.use_folder(None)
    wordstore.use_folder(tmp_path, lambda: "code-2")  # other code: the store is stale
    assert upper("склад") == "СКЛАД" and calls == ["склад", "склад"]  # type: ignore[operator]
    wordstore.save(tmp_path)
    assert len(_store_files(tmp_path)) == 1  # the stale store was removed


def test_without_a_folder_nothing_is_read_or_kept(tmp_path: Path) -> None:
    calls: list[str] = []
    upper = _counting(calls)
    assert upper("склад") == "СКЛАД" and upper("склад") == "СКЛАД"  # type: ignore[operator]
    assert calls == ["склад", "склад"]
    wordstore.save(tmp_path)
    assert not (tmp_path / wordstore.SUBDIR).exists()


def _forge(tmp_path: Path, kinds: object) -> Path:
    wordstore.use_folder(tmp_path, lambda: "code-1")
    target = wordstore._path(tmp_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"format": 1, "key": wordstore._store_key(),
                                  "kinds": kinds}), encoding="utf-8")
    return target


def test_a_stored_lemma_is_what_the_lemma_function_answers(tmp_path: Path) -> None:
    # NOTE: a forged answer shows the store is read (and that the override table still
    # applies after it: "штрафуется" has its own override row)
    _forge(tmp_path, {"lemma": {"склада": "сусек"}})
    assert russian.lemma("склада") == "сусек"
    assert russian.lemma("склады") == "склад"


@pytest.mark.parametrize("kinds", [
    {"lemma": {"склада": 7}}, {"lemma": ["склада"]}, {"lemma": {"склада": None}}])
def test_answers_of_a_wrong_type_are_asked_again(tmp_path: Path, kinds: object) -> None:
    _forge(tmp_path, kinds)
    assert russian.lemma("склада") == "склад"


def test_a_corrupt_or_linked_store_is_ignored(tmp_path: Path) -> None:
    target = _forge(tmp_path, {"lemma": {"склада": "сусек"}})
    text = target.read_text(encoding="utf-8")
    target.write_text(text[:-5], encoding="utf-8")
    wordstore.use_folder(None)
    wordstore.use_folder(tmp_path, lambda: "code-1")
    assert russian.lemma("склада") == "склад"
    russian.lemma.cache_clear()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(text, encoding="utf-8")
    target.unlink()
    target.symlink_to(elsewhere)
    wordstore.use_folder(None)
    wordstore.use_folder(tmp_path, lambda: "code-1")
    assert russian.lemma("склада") == "склад"


def test_tags_round_trip_through_the_store(tmp_path: Path) -> None:
    from jdlint.checklib import phrases

    phrases.ru_tags.cache_clear()
    direct = phrases.ru_tags("кладовщика")
    wordstore.use_folder(tmp_path, lambda: "code-1")
    phrases.ru_tags.cache_clear()
    assert phrases.ru_tags("кладовщика") == direct
    wordstore.save(tmp_path)
    wordstore.use_folder(None)
    wordstore.use_folder(tmp_path, lambda: "code-1")
    phrases.ru_tags.cache_clear()
    served = phrases.ru_tags("кладовщика")
    phrases.ru_tags.cache_clear()
    assert served == direct and isinstance(served[1], frozenset)
