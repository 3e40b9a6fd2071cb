"""Folder scans (jdlint.run.scan): default excludes, .gitignore, --exclude, TXT names that are not
job descriptions, skipped document types counted, and the pre-commit hook narrowed the same
way (issue 17, items 3 and 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from jdlint.run.scan import HOOK_EXCLUDE, ScanOptions, is_not_jd_txt, scan

ROOT = Path(__file__).resolve().parents[1]


def touch(path: Path, text: str = "Pareigybės aprašymas\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(found: list[Path | str], root: Path) -> list[str]:
    return [Path(f).resolve().relative_to(root.resolve()).as_posix() for f in found]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    touch(tmp_path / "hr" / "vadybininkas.docx")
    touch(tmp_path / "hr" / "buhalteris.txt")
    touch(tmp_path / "hr" / "senas.pages")
    touch(tmp_path / "hr" / "kitas.pages")
    touch(tmp_path / "hr" / "juodrastis.wps")
    touch(tmp_path / "hr" / "nuotrauka.png")
    touch(tmp_path / "requirements.txt", "click>=8\n")
    touch(tmp_path / "LICENSE.txt", "MIT\n")
    touch(tmp_path / "venv" / "lib" / "site.txt")
    touch(tmp_path / "node_modules" / "pkg" / "README.txt")
    touch(tmp_path / "pkg.egg-info" / "SOURCES.txt")
    touch(tmp_path / "out" / "generated.txt")
    touch(tmp_path / "hr" / "archive" / "old.txt")
    touch(tmp_path / ".gitignore", "out/\n*.tmp.txt\n")
    touch(tmp_path / "hr" / ".gitignore", "archive/\n!keep.tmp.txt\n")
    touch(tmp_path / "hr" / "draft.tmp.txt")
    touch(tmp_path / "hr" / "keep.tmp.txt")
    return tmp_path


def test_default_scan_skips_tools_ignored_and_non_jd_names(repo: Path) -> None:
    found = scan(["."])
    assert names(found.files, repo) == ["hr/buhalteris.txt", "hr/keep.tmp.txt",
                                        "hr/vadybininkas.docx"]
    assert found.problems == [] and found.missing == []
    assert dict(found.skipped_types) == {".pages": 2, ".wps": 1}
    assert found.type_warnings() == [
        "2 .pages files skipped (not read by jdlint: export as .docx)",
        "1 .wps file skipped (not read by jdlint: save as .docx)"]
    reasons = dict(found.skipped)
    assert reasons[str(Path("requirements.txt"))] == "not a job description by name"
    assert reasons[str(Path("out"))] == "ignored by .gitignore"
    assert reasons[str(Path("venv"))] == "excluded"


def test_gitignore_switched_off_and_excludes_replaced(repo: Path) -> None:
    found = scan(["."], ScanOptions(respect_gitignore=False))
    got = names(found.files, repo)
    assert "out/generated.txt" in got and "hr/archive/old.txt" in got
    assert "hr/draft.tmp.txt" in got and "venv/lib/site.txt" not in got
    replaced = scan(["."], ScanOptions(exclude=("hr",)))
    got = names(replaced.files, repo)
    assert "venv/lib/site.txt" in got and not any(g.startswith("hr/") for g in got)
    extended = scan(["."], ScanOptions(extend_exclude=("buhalter*",)))
    assert names(extended.files, repo) == ["hr/keep.tmp.txt", "hr/vadybininkas.docx"]


def test_gitignore_above_the_folder_named_applies(repo: Path) -> None:
    touch(repo / "hr" / "out" / "x.txt")  # "out/" in the root's .gitignore matches here too
    found = scan(["hr"])
    assert names(found.files, repo) == ["hr/buhalteris.txt", "hr/keep.tmp.txt",
                                        "hr/vadybininkas.docx"]


def test_files_named_explicitly_are_linted_unless_force_exclude(repo: Path) -> None:
    found = scan(["requirements.txt", "venv/lib/site.txt", "out/generated.txt"])
    assert names(found.files, repo) == ["requirements.txt", "venv/lib/site.txt",
                                        "out/generated.txt"]
    forced = scan(["requirements.txt", "venv/lib/site.txt", "hr/buhalteris.txt"],
                  ScanOptions(force_exclude=True))
    assert names(forced.files, repo) == ["hr/buhalteris.txt"]


def test_folder_above_the_scanned_one_named_like_an_exclude(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.chdir(tmp_path)
    touch(tmp_path / "build" / "hr" / "a.txt")
    assert names(scan(["build/hr"]).files, tmp_path) == ["build/hr/a.txt"]
    assert scan(["."]).files == []


def test_missing_paths_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = scan(["nera.docx", "-"])
    assert found.missing == ["nera.docx"] and found.files == ["-"]
    assert found.problems == [("nera.docx", "no such file or directory")]


@pytest.mark.parametrize(("name", "skipped"), [
    ("requirements.txt", True), ("requirements-dev.txt", True), ("dev-requirements.txt", True),
    ("requirements/base.txt", True), ("LICENSE.txt", True), ("licence-mit.txt", True),
    ("README.txt", True), ("docs/CHANGELOG.txt", True), ("CMakeLists.txt", True),
    ("robots.txt", True), ("NEWS.txt", True),
    ("history_teacher.txt", False), ("news_editor.txt", False),
    ("qualification_requirements.txt", False), ("vadybininkas.txt", False),
    ("инструкция_кассира.txt", False),
])
def test_txt_names(name: str, skipped: bool) -> None:
    assert is_not_jd_txt(name) is skipped


def test_precommit_hook_is_narrowed_like_a_scan() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert hook["exclude"] == HOOK_EXCLUDE
    files = re.compile(hooks[0]["files"])
    exclude = re.compile(hooks[0]["exclude"])

    def runs_on(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    assert runs_on("hr/vadybininkas.docx") and runs_on("hr/history_teacher.txt")
    assert not runs_on("requirements.txt") and not runs_on("docs/LICENSE.txt")
    assert not runs_on("venv/lib/a.txt") and not runs_on("node_modules/x/notes.txt")
    assert not runs_on("pkg.egg-info/SOURCES.txt") and not runs_on("build/hr/a.docx")
