"""Packaging: the wheel carries the rule data (rules/ → jdlint/_rules), installs into a clean
virtualenv and runs there; the editable install reads the repository's rules/."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # NOTE: no build isolation: hatchling comes from the test extra, so no download here.
    run = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
         str(ROOT)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    (built,) = out.glob("jdlint-*.whl")
    return built


def test_wheel_holds_rule_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_rules = sorted(p.relative_to(ROOT / "rules").as_posix()
                        for p in (ROOT / "rules").rglob("*.yaml"))
    assert repo_rules, "rules/ has YAML files"
    for rel in repo_rules:
        assert f"jdlint/_rules/{rel}" in names
    assert "jdlint/cli.py" in names and "jdlint/readers/docx.py" in names
    # the case harness's skeletons and new-rule's templates, for users' house rules
    assert "jdlint/testing/skeletons.yaml" in names
    assert "jdlint/testing/templates/phrase-ru.cases.yaml" in names


def test_wheel_installs_and_runs(wheel: Path, tmp_path: Path) -> None:
    python = sys.executable
    target = tmp_path / "site"
    # install the wheel alone into a separate target; dependencies come from this environment
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import jdlint.ruledata as r; "
            "import jdlint.structure.langdata as l; l.load('lt'); "
            "print(r.rules_dir()); print(len(r.load_catalogue()))")
    run = subprocess.run([str(python), "-c", code, str(target)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    where, count = run.stdout.split()
    assert Path(where) == target / "jdlint" / "_rules"
    assert int(count) >= 15


def test_editable_install_reads_repository_rules() -> None:
    import jdlint.ruledata as ruledata

    assert ruledata.rules_dir() == ROOT / "rules"
