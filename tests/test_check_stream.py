"""The streamed JSON report of ``jdlint check`` (issue 19) is the list-based one byte for byte:
the same files in the same order (nested folders, a missing path, standard input), the same
waivers and baseline, the same summary, warnings and exit code."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import jdlint.checkcli.stream as stream
from jdlint.cli import cli
from jdlint.testing.docxbuild import text_to_docx

SOURCES = sorted((Path(__file__).resolve().parents[1] / "corpus" / "src").glob("*.txt"))
FUTURE = (date.today() + timedelta(days=30)).isoformat()


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for n, source in enumerate(SOURCES[:6]):
        folder = tmp_path / ("b" if n % 2 else "a") / ("deep" if n % 3 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        if n % 3 == 1:  # a DOCX built from the same text, as a user's Word file
            (folder / f"{source.stem}.docx").write_bytes(
                text_to_docx(source.read_text(encoding="utf-8")))
        else:
            shutil.copy(source, folder / source.name)
    return tmp_path


def both(monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str | None = None
         ) -> tuple[Result, Result]:
    def once() -> Result:
        return CliRunner().invoke(cli, ["check", "--no-cache", "--output-format", "json",
                                        *args], input=stdin)

    streamed = once()
    with monkeypatch.context() as patch:
        patch.setattr(stream, "streams", lambda options: False)
        listed = once()
    return streamed, listed


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_tree_with_a_missing_path(tree: Path, monkeypatch: pytest.MonkeyPatch,
                                    jobs: str) -> None:
    streamed, listed = both(monkeypatch, "--jobs", jobs, "b", "a", "nowhere.txt")
    assert streamed.stdout == listed.stdout
    assert streamed.exit_code == listed.exit_code == 2
    data = json.loads(streamed.stdout)
    paths = [f["path"] for f in data["files"]]
    assert paths == sorted(paths) and len(paths) == 7
    assert data["summary"]["unreadable"] == 1 and data["summary"]["files"] == 7


def test_waivers_baseline_and_their_warnings(tree: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    first = json.loads(both(monkeypatch, "a", "b")[0].stdout)
    finding = next(f for file in first["files"] for f in file["findings"])
    file = next(file["path"] for file in first["files"] if finding in file["findings"])
    (tree / "jdlint-waivers.toml").write_text(
        f"[[waiver]]\ncode = '{finding['code']}'\nfile = '{file}'\nexpires = {FUTURE}\n"
        f"reason = 'agreed'\nauthor = 'lawyer'\n\n[[waiver]]\ncode = 'JD201'\nfile = 'a/none.txt'\n"
        f"expires = {FUTURE}\nreason = 'stale'\nauthor = 'lawyer'\n", encoding="utf-8")
    wrote = CliRunner().invoke(cli, ["check", "--no-cache", "--write-baseline", "base.json",
                                     "a"])
    assert wrote.exit_code == 0, wrote.output
    streamed, listed = both(monkeypatch, "--baseline", "base.json", "a", "b")
    assert streamed.stdout == listed.stdout and streamed.exit_code == listed.exit_code
    assert streamed.stderr == listed.stderr
    data = json.loads(streamed.stdout)
    shown = [f for file in data["files"] if file["path"].startswith("a") for f in file["findings"]]
    assert shown == []  # every finding of a/ is in the baseline
    assert any(file["findings"] for file in data["files"])  # b/ still has findings


def test_exit_codes_follow_fail_on_and_exit_zero(tree: Path, monkeypatch: pytest.MonkeyPatch
                                                 ) -> None:
    for extra in (("--fail-on", "info"), ("--exit-zero",), ("--fail-on", "error")):
        streamed, listed = both(monkeypatch, *extra, "a")
        assert streamed.stdout == listed.stdout, extra
        assert streamed.exit_code == listed.exit_code, extra
    assert both(monkeypatch, "--exit-zero", "a")[0].exit_code == 0
    assert both(monkeypatch, "--fail-on", "info", "a")[0].exit_code == 1


def test_standard_input_under_its_given_name(tree: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    text = SOURCES[0].read_text(encoding="utf-8")
    streamed, listed = both(monkeypatch, "--stdin-filename", "a/zz.txt", "-", "b",
                            stdin=text)
    assert streamed.stdout == listed.stdout and streamed.exit_code == listed.exit_code
    assert json.loads(streamed.stdout)["files"][0]["path"] == "a/zz.txt"


@pytest.mark.parametrize(("fmt", "statistics", "diff", "baseline", "want"), [
    ("json", False, False, None, True), ("text", False, False, None, False),
    ("sarif", False, False, None, False), ("json", True, False, None, False),
    ("json", False, True, None, False), ("json", False, False, Path("b.json"), False)])
def test_the_stream_is_taken_for_json_alone(fmt: str, statistics: bool, diff: bool,
                                            baseline: Path | None, want: bool) -> None:
    from types import SimpleNamespace

    options = SimpleNamespace(fmt=fmt, statistics=statistics, diff=diff,
                              write_baseline=baseline)
    assert stream.streams(options) is want  # type: ignore[arg-type]
