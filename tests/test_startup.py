"""Start-up cost: commands that need no NLP never import spaCy (nor pymorphy3), and the heavy
analysers are created once per process however many files are linted.

Each check runs jdlint in a fresh interpreter with ``-X importtime`` and reads the modules it
imported; no time is asserted (budgets are measured by ``bench/run.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RU_DOCX = ROOT / "corpus" / "ru" / "ru_hr_clean.docx"
RU_TXT = ROOT / "corpus" / "ru" / "ru_sales_defects.txt"
LT_TXT = ROOT / "corpus" / "lt" / "lt_sales_clean.txt"
HEAVY = ("spacy", "thinc", "pymorphy3")


def imported_modules(*args: str, cwd: Path) -> set[str]:
    """Top-level names of every module ``python -m jdlint *args`` imported."""
    # NOTE: the default tokenizer is measured; a JDLINT_TOKENIZER=spacy in the caller's
    # environment must not leak into this check.
    env = {k: v for k, v in os.environ.items() if k != "JDLINT_TOKENIZER"}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jdlint", *args],
        capture_output=True, text=True, cwd=cwd, timeout=120, check=False, env=env)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":
                names.add(name.split(".")[0])
    assert "jdlint" in names, "-X importtime reported nothing"
    return names


@pytest.mark.parametrize("args", [
    pytest.param(("--version",), id="version"),
    pytest.param(("rules",), id="rules"),
    pytest.param(("check", "--no-cache", "--select", "JD005", str(RU_DOCX)), id="check-jd005"),
    pytest.param(("check", "--no-cache", "--select", "JD104", str(RU_TXT)), id="check-jd104"),
])  # fmt: skip
def test_no_nlp_commands_do_not_import_nlp(tmp_path: Path, args: tuple[str, ...]) -> None:
    if "--no-cache" in args and not _has_option("--no-cache"):
        args = tuple(a for a in args if a != "--no-cache")
    names = imported_modules(*args, cwd=tmp_path)
    assert not names & set(HEAVY), sorted(names & set(HEAVY))


def test_full_check_never_imports_spacy(tmp_path: Path) -> None:
    extra = ("--no-cache",) if _has_option("--no-cache") else ()
    names = imported_modules("check", *extra, str(RU_TXT), str(LT_TXT), cwd=tmp_path)
    assert "spacy" not in names and "thinc" not in names


def _has_option(option: str) -> bool:
    from jdlint.cli import cli

    check = cli.commands["check"]  # type: ignore[attr-defined]
    return any(option in param.opts for param in check.params)


ONCE = textwrap.dedent("""
    import json, sys
    import pymorphy3
    from click.testing import CliRunner
    import jdlint.nlp.lithuanian as lt
    from jdlint.cli import cli

    made = {"ru": 0, "lt": 0}
    Original = pymorphy3.MorphAnalyzer

    class Counting(Original):
        def __init__(self, *args, **kwargs):
            made["ru"] += 1
            super().__init__(*args, **kwargs)

    pymorphy3.MorphAnalyzer = Counting
    real_load = lt.load

    def load(*args, **kwargs):
        made["lt"] += 1
        return real_load(*args, **kwargs)

    lt.load = load
    options = sys.argv[1].split() if sys.argv[1] else []
    for path in sys.argv[2:] * 2:
        result = CliRunner().invoke(cli, ["check", *options, path])
        assert result.exit_code in (0, 1), result.output
    print(json.dumps(made))
""")


def test_heavy_analysers_are_created_once_per_process(tmp_path: Path) -> None:
    options = " ".join(o for o in ("--no-cache",) if _has_option(o))
    if _has_option("--jobs"):
        options += " --jobs 1"
    proc = subprocess.run(
        [sys.executable, "-c", ONCE, options, str(RU_TXT), str(LT_TXT), str(RU_DOCX)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    made = proc.stdout.strip().splitlines()[-1]
    assert made == '{"ru": 1, "lt": 1}'
