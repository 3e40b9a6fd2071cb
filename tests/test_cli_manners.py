"""``jdlint check`` with ruff's manners (issue 17, items 3, 5, 6, 10): no silent skips or green
empty runs, -q/-v, --color, --show-files, --stdin-filename, junit/gitlab/json-lines,
--statistics, terminal width, config errors without a usage banner."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner, Result
from test_cli import doc

from jdlint.cli import cli

LONG = ("Получать премию по усмотрению руководителя отдела, " * 12).strip()


def run(*args: str, env: dict[str, str | None] | None = None, stdin: str | None = None
        ) -> Result:
    base: dict[str, str | None] = {"COLUMNS": None, "NO_COLOR": None, "FORCE_COLOR": None}
    return CliRunner().invoke(cli, list(args), env={**base, **(env or {})}, input=stdin,
                              catch_exceptions=False)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hr").mkdir()
    (tmp_path / "hr" / "bad.txt").write_text(doc(), encoding="utf-8")
    (tmp_path / "hr" / "good.txt").write_text(doc(fine=False), encoding="utf-8")
    return tmp_path


def test_skipped_types_are_warned_once_per_type(work: Path) -> None:
    for name in ("a.pages", "b.pages", "c.wps"):
        (work / "hr" / name).write_bytes(b"\xd0\xcf\x11\xe0")
    result = run("check", "--select", "JD201", "hr")
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert warnings == [
        "jdlint: warning: 2 .pages files skipped (not read by jdlint: export as .docx)",
        "jdlint: warning: 1 .wps file skipped (not read by jdlint: save as .docx)"]
    assert "in 2 files" in result.stdout


def test_empty_folder_is_an_error_not_a_green_run(work: Path) -> None:
    (work / "empty").mkdir()
    (work / "empty" / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run("check", "empty")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "jdlint: error: no documents found in empty\n"
    (work / "deps").mkdir()
    (work / "deps" / "requirements.txt").write_text("click\n", encoding="utf-8")
    result = run("check", "deps")
    assert result.exit_code == 2
    assert "no documents found in deps (1 file skipped; -v lists them)" in result.stderr
    verbose = run("check", "-v", "deps")
    assert "skipped deps/requirements.txt: not a job description by name" in verbose.stderr


def test_missing_path_is_named_and_the_rest_linted(work: Path) -> None:
    result = run("check", "--select", "JD201", "hr/good.txt", "hr/nera.txt")
    assert result.exit_code == 2
    assert "jdlint: error: hr/nera.txt: no such file or directory" in result.stderr
    assert "No problems found in 1 file; 1 file could not be read (JD001)." in result.stdout


def test_precommit_files_all_excluded_is_not_an_error(work: Path) -> None:
    (work / "requirements.txt").write_text("click\n", encoding="utf-8")
    result = run("check", "--force-exclude", "--output-format", "concise", "requirements.txt")
    assert result.exit_code == 0 and result.stdout == ""
    assert run("check", "--select", "JD002", "requirements.txt").exit_code in (0, 1)


def test_show_files_lists_what_would_be_linted(work: Path) -> None:
    (work / "LICENSE.txt").write_text("MIT\n", encoding="utf-8")
    (work / "venv").mkdir()
    (work / "venv" / "x.txt").write_text("x\n", encoding="utf-8")
    result = run("check", "--show-files", ".")
    assert result.exit_code == 0
    assert result.stdout.split() == [str(Path("hr/bad.txt")), str(Path("hr/good.txt"))]
    extended = run("check", "--show-files", "--extend-exclude", "good*", ".")
    assert extended.stdout.split() == [str(Path("hr/bad.txt"))]
    replaced = run("check", "--show-files", "--exclude", "hr", ".")
    assert replaced.stdout.split() == [str(Path("venv/x.txt"))]
    (work / ".git").mkdir()
    (work / ".gitignore").write_text("hr/bad.txt\n", encoding="utf-8")
    assert run("check", "--show-files", ".").stdout.split() == [str(Path("hr/good.txt"))]
    every = run("check", "--show-files", "--no-respect-gitignore", ".").stdout.split()
    assert every == [str(Path("hr/bad.txt")), str(Path("hr/good.txt"))]


def test_stdin_filename_names_the_document_and_picks_its_config(work: Path) -> None:
    (work / "hr" / "jdlint.toml").write_text(
        "select = ['JD201']\n[per-file-ignores]\n'legacy_*.txt' = ['JD201']\n", encoding="utf-8")
    result = run("check", "--output-format", "concise", "--stdin-filename", "hr/new.txt", "-",
                 stdin=doc())
    assert result.exit_code == 1
    assert result.stdout.startswith("hr/new.txt:12: error: JD201 [4.1] ")
    ignored = run("check", "--stdin-filename", "hr/legacy_1.txt", "-", stdin=doc())
    assert ignored.exit_code == 0, ignored.stdout


def test_quiet_and_verbose(work: Path) -> None:
    (work / "hr" / "a.pages").write_bytes(b"\xd0\xcf\x11\xe0")
    quiet = run("check", "-q", "--select", "JD201", "hr")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    assert "JD201" in quiet.stdout and "Found" not in quiet.stdout
    verbose = run("check", "-v", "--select", "JD201", "hr")
    assert "jdlint: hr/bad.txt: settings from defaults (no config file)" in verbose.stderr
    assert "skipped hr/a.pages: .pages is not read" in verbose.stderr


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ((), {}, False),
    (("--color", "always"), {}, True),
    (("--color", "never"), {"FORCE_COLOR": "1"}, False),
    ((), {"FORCE_COLOR": "1"}, True),
    ((), {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    (("--color", "always"), {"NO_COLOR": "1"}, True),
])
def test_color(work: Path, args: tuple[str, ...], env: dict[str, str | None],
               coloured: bool) -> None:
    out = run("check", "--select", "JD201", *args, "hr/bad.txt", env=env).stdout
    assert ("\x1b[" in out) is coloured


def test_long_messages_wrap_at_columns_between_words(work: Path) -> None:
    (work / "hr" / "long.txt").write_text(doc(fine=False, extra=LONG), encoding="utf-8")
    one_line = run("check", "--select", "JD002,JD2", "--extend-select", "ALL", "hr/long.txt")
    longest = max(len(line) for line in one_line.stdout.splitlines())
    if longest <= 80:
        pytest.skip("no long message in this document")
    for columns in ("80", "100"):
        out = run("check", "--extend-select", "ALL", "hr/long.txt",
                  env={"COLUMNS": columns}).stdout
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= int(columns)
        words = set(re.findall(r"\w+", one_line.stdout))
        assert set(re.findall(r"\w+", out)) <= words  # no word cut in two


def test_config_error_is_one_line_without_usage_banner(work: Path) -> None:
    (work / "hr" / "jdlint.toml").write_text("fail-on = 'sometimes'\n", encoding="utf-8")
    result = run("check", "hr/bad.txt")
    assert result.exit_code == 2
    assert "Usage:" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("jdlint: error: ") and "fail-on" in result.stderr
    unknown = run("check", "--select", "JD2O1", "hr/bad.txt")
    assert unknown.exit_code == 2 and "Usage:" not in unknown.stderr


def test_junit_gitlab_json_lines(work: Path) -> None:
    (work / "hr" / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    junit = run("check", "--select", "JD201", "--output-format", "junit", "hr")
    assert junit.exit_code == 2
    root = ET.fromstring(junit.stdout.encode())
    assert root.tag == "testsuites" and root.get("failures") == "1" and root.get("errors") == "1"
    suites = {s.get("name"): s for s in root}
    bad = suites[str(Path("hr/bad.txt"))]
    failure = bad.find("testcase/failure")
    assert failure is not None and failure.get("type") == "error"
    assert bad.find("testcase").get("name") == "JD201"  # type: ignore[union-attr]
    assert suites[str(Path("hr/good.txt"))].find("testcase/failure") is None

    gitlab = json.loads(run("check", "--select", "JD201", "--output-format", "gitlab",
                            "hr").stdout)
    assert {i["check_name"] for i in gitlab} == {"JD201", "JD001"}
    issue = next(i for i in gitlab if i["check_name"] == "JD201")
    assert issue["severity"] == "major" and issue["location"]["lines"]["begin"] == 12
    assert issue["location"]["path"] == str(Path("hr/bad.txt"))
    assert len({i["fingerprint"] for i in gitlab}) == len(gitlab)

    lines = run("check", "--select", "JD201", "--output-format", "json-lines",
                "hr").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["code"] for r in records] == ["JD201", "JD001"]
    assert records[0]["path"] == str(Path("hr/bad.txt")) and records[0]["severity"] == "error"


def test_statistics_replace_the_report(work: Path) -> None:
    result = run("check", "--select", "JD201", "--statistics", "hr")
    assert result.exit_code == 1
    assert result.stdout == "    1  JD201    error    fine-or-pay-sanction\n"


def test_shell_completion_as_documented(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "_JDLINT_COMPLETE=bash_source jdlint" in readme
    env = {**os.environ, "_JDLINT_COMPLETE": "bash_source"}
    script = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'jdlint'; "
                             "from jdlint.entry import main; main()"],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
                            check=False)
    assert script.returncode == 0 and "_jdlint_completion" in script.stdout
    env.update({"_JDLINT_COMPLETE": "bash_complete", "COMP_WORDS": "jdlint check --out",
                "COMP_CWORD": "2"})
    words = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'jdlint'; "
                            "from jdlint.entry import main; main()"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
                           check=False)
    assert "--output-format" in words.stdout and "--output-lang" in words.stdout


def test_verbose_names_files_the_config_excludes(work: Path) -> None:
    (work / "jdlint.toml").write_text("exclude = ['hr/good.txt']\n", encoding="utf-8")
    result = run("check", "-v", "--select", "JD201", "hr")
    assert result.exit_code == 1
    assert "skipped hr/good.txt: excluded by jdlint.toml" in result.stderr
    assert "in 1 file." in result.stdout
