"""No output ever lands on an input (issue 18, item 2): ``check -o``, ``--write-baseline``,
``report -o`` (HTML and the Word copy) and ``profstandard import -o`` are compared with every
input, including inputs found inside folders, by path and by inode (hard and symbolic links);
outputs are written all or nothing; an unwritable output is one line and exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdlint.cli import cli
from jdlint.core.safeout import OutputError, refuse_inputs, write_atomic
from jdlint.testing.docxbuild import text_to_docx
from tests.helpers import SALES_WITH_FINE

REGISTRY = Path(__file__).parent / "data" / "profstandards" / "test_registry.xml"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sales.txt").write_text(SALES_WITH_FINE, encoding="utf-8")
    (tmp_path / "docs" / "sales.docx").write_bytes(text_to_docx(SALES_WITH_FINE))
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("link", ["same", "hard", "symbolic"])
@pytest.mark.parametrize("option", [["check", "--no-cache", "-o"],
                                    ["check", "--no-cache", "--write-baseline"],
                                    ["report", "-o"]])
def test_output_onto_an_input_found_in_a_folder_is_refused(tree: Path, link: str,
                                                           option: list[str]) -> None:
    target = tree / "docs" / "sales.txt"
    out = target
    if link == "hard":
        out = tree / "alias.txt"
        os.link(target, out)
    elif link == "symbolic":
        out = tree / "alias.txt"
        out.symlink_to(target)
    before = _snapshot(tree / "docs")
    code, err = _run(*option, str(out), "docs")
    assert code == 2, err
    assert "would overwrite the input" in err and "Traceback" not in err
    assert _snapshot(tree / "docs") == before


def test_word_copy_onto_a_hard_link_of_its_input_is_refused(tree: Path) -> None:
    os.link(tree / "docs" / "sales.docx", tree / "copy.docx")
    before = (tree / "docs" / "sales.docx").read_bytes()
    code, err = _run("report", "--format", "docx", "-o", "copy.docx", "docs/sales.docx")
    assert code == 2 and "would overwrite the input" in err
    assert (tree / "docs" / "sales.docx").read_bytes() == before


def test_outputs_that_are_not_inputs_are_written(tree: Path) -> None:
    code, _ = _run("check", "--no-cache", "--output-format", "json", "-o", "out.json", "docs")
    assert code == 1 and (tree / "out.json").read_text(encoding="utf-8").startswith("{")
    code, _ = _run("check", "--no-cache", "-o", os.devnull, "docs")
    assert code == 1 and Path(os.devnull).exists()
    code, _ = _run("report", "-o", "r.html", "docs")
    assert code == 0 and "<html" in (tree / "r.html").read_text(encoding="utf-8").lower()
    assert not list(tree.glob(".*.tmp")), "no temporary file is left"


def test_output_into_a_missing_folder_is_one_line_and_exit_2(tree: Path) -> None:
    for args in (["check", "--no-cache", "-o", "nowhere/out.txt", "docs"],
                 ["report", "-o", "nowhere/r.html", "docs"]):
        code, err = _run(*args)
        assert code == 2, args
        assert "does not exist" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1, err


def test_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")

    def chunks() -> object:
        yield "new "
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        write_atomic(out, chunks())  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_atomic_keeps_the_mode_and_refuse_ignores_stdin(tmp_path: Path) -> None:
    out = tmp_path / "shared.txt"
    out.write_text("x", encoding="utf-8")
    out.chmod(0o640)
    write_atomic(out, b"y")
    assert out.read_bytes() == b"y" and (out.stat().st_mode & 0o777) == 0o640
    refuse_inputs(out, ["-", tmp_path / "other.txt"])  # no exception


def test_profstandard_code_cannot_name_a_path(tmp_path: Path) -> None:
    xml = REGISTRY.read_text(encoding="utf-8").replace(
        "<CodeKindProfessionalActivity>99.901</CodeKindProfessionalActivity>",
        "<CodeKindProfessionalActivity>../../escape</CodeKindProfessionalActivity>")
    source = tmp_path / "export.xml"
    source.write_text(xml, encoding="utf-8")
    out = tmp_path / "a" / "b"
    out.mkdir(parents=True)
    code, err = _run("profstandard", "import", "--status", "current", str(source), "-o", str(out))
    assert code == 2 and "not a code" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b", "export.xml"]


def test_profstandard_output_folders_are_created(tmp_path: Path) -> None:
    code, _ = _run("profstandard", "import", "--status", "current",
                                   str(REGISTRY), "-o", str(tmp_path / "std") + "/")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "std").iterdir()) == ["99.901.yaml", "99.902.yaml"]
    code, _ = _run("profstandard", "import", "--status", "current", str(REGISTRY), "-o",
                   str(tmp_path / "new" / "all.yaml"))
    assert code == 0 and (tmp_path / "new" / "all.yaml").read_text(encoding="utf-8")
    code, err = _run("profstandard", "import", "--status", "current",
                                     str(REGISTRY), "-o", str(REGISTRY))
    assert code == 2 and "would overwrite the input" in err


def test_non_utf8_file_name_gives_valid_sarif_and_json(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"bad\xff.txt")  # a name Linux allows and UTF-8 cannot spell
    (tmp_path / name).write_text(SALES_WITH_FINE, encoding="utf-8")
    for fmt in ("sarif", "json"):
        code, err = _run("check", "--no-cache", "--output-format", fmt, "-o", f"out.{fmt}", ".")
        assert code == 1 and "Traceback" not in err
        data = json.loads((tmp_path / f"out.{fmt}").read_text(encoding="utf-8"))
        if fmt == "sarif":
            uris = {a["location"]["uri"] for a in data["runs"][0]["artifacts"]}
            assert uris == {"bad%FF.txt"}
