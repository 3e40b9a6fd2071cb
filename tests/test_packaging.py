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
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import jdlint.catalogue.ruledata as r; "
            "import jdlint.structure.langdata as l; l.load('lt'); "
            "print(r.rules_dir()); print(len(r.load_catalogue()))")
    run = subprocess.run([str(python), "-c", code, str(target)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    where, count = run.stdout.split()
    assert Path(where) == target / "jdlint" / "_rules"
    assert int(count) >= 15


def test_editable_install_reads_repository_rules() -> None:
    import jdlint.catalogue.ruledata as ruledata

    assert ruledata.rules_dir() == ROOT / "rules"


# NOTE: the default install holds what check, report and duplicates import (issue 17): spaCy is
# the extra "spacy", and nothing pulls in scipy, numpy or the 99 MB spacy-lookups-data.
HEAVY_DISTRIBUTIONS = {"spacy", "spacy-lookups-data", "datasketch", "scipy", "numpy", "thinc",
                       "blis", "pydantic", "torch", "pandas", "scikit-learn"}


def _requires(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = zf.read(name).decode("utf-8")
    return [line.split(":", 1)[1].strip() for line in metadata.splitlines()
            if line.startswith("Requires-Dist:")]


def _distribution(requirement: str) -> str:
    import re

    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match, requirement
    return re.sub(r"[._]+", "-", match.group()).lower()


def test_wheel_requires_no_heavy_package_by_default(wheel: Path) -> None:
    requires = _requires(wheel)
    default = [r for r in requires if "extra ==" not in r]
    assert {"python-docx", "lxml", "pymorphy3"} <= {_distribution(r) for r in default}
    heavy = {_distribution(r) for r in default} & HEAVY_DISTRIBUTIONS
    assert not heavy, heavy
    spacy = [r for r in requires if _distribution(r) == "spacy"]
    # NOTE: only under extras: "spacy", and "test", which pulls it in so CI runs its tests.
    assert spacy and all("extra ==" in r for r in spacy)
    assert any("extra == 'spacy'" in r or 'extra == "spacy"' in r for r in spacy)


def test_wheel_ships_the_lithuanian_lemma_table_and_its_licence(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        licence = zf.read("jdlint/nlp/data/LICENSE-lt-lemmas.txt").decode("utf-8")
        size = zf.getinfo("jdlint/nlp/data/lt-lemmas.txt.gz").file_size
    assert "jdlint/nlp/data/lt-lemmas.txt.gz" in names
    assert "MIT License" in licence
    assert 100_000 < size < 2_000_000
