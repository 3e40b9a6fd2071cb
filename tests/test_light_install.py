"""A light install: ``jdlint check``, ``report`` and ``duplicates`` import none of the heavy
packages (spaCy and what it pulls in, scipy, datasketch, spacy-lookups-data; numpy only as
the optional accelerator of ``duplicates``), and work when those are not installed at all.

Each command runs in a fresh interpreter that first makes the named packages unimportable
(``sys.modules[name] = None``, what Python does for a missing package) and reports, at exit,
every top-level module it imported. ``--jobs 1`` keeps the linting in that process.
The wheel's declared dependencies are checked in ``tests/test_packaging.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RU_TXT = ROOT / "corpus" / "ru" / "ru_sales_defects.txt"
LT_DIR = ROOT / "corpus" / "lt"
RU_DIR = ROOT / "corpus" / "ru"
HEAVY = ("spacy", "thinc", "blis", "pydantic", "scipy", "numpy", "datasketch",
         "spacy_lookups_data", "srsly", "preshed", "cymem", "torch", "sklearn", "pandas")

RUN = """
import atexit, json, sys
for name in filter(None, sys.argv[1].split(",")):
    sys.modules[name] = None
def _report():
    names = sorted({m.split(".")[0] for m, v in list(sys.modules.items()) if v is not None})
    sys.stderr.write("\\nMODULES " + json.dumps(names) + "\\n")
atexit.register(_report)
sys.argv = ["jdlint", *sys.argv[2:]]
from jdlint.entry import main
main()
"""


def run(*args: str, block: tuple[str, ...] = (), cwd: Path,
        env: dict[str, str] | None = None) -> tuple[int, str, str, set[str]]:
    """Exit code, stdout, stderr (without the module list) and the modules imported."""
    environ = {k: v for k, v in os.environ.items() if k != "JDLINT_TOKENIZER"}
    environ.update(env or {})
    proc = subprocess.run([sys.executable, "-c", RUN, ",".join(block), *args],
                          capture_output=True, text=True, cwd=cwd, timeout=300, check=False,
                          env=environ)
    head, _, tail = proc.stderr.rpartition("\nMODULES ")
    assert tail, proc.stderr[-2000:]
    return proc.returncode, proc.stdout, head, set(json.loads(tail))


@pytest.mark.parametrize("command", ["check", "report", "duplicates"])
def test_default_commands_import_no_heavy_package(tmp_path: Path, command: str) -> None:
    if command == "check":
        args: tuple[str, ...] = ("check", "--no-cache", "--jobs", "1", str(RU_TXT), str(LT_DIR))
    elif command == "report":
        # NOTE: one process, as for the others, so that the modules seen are the linter's
        args = ("report", "--jobs", "1", str(RU_TXT), str(LT_DIR), "-o",
                str(tmp_path / "r.html"))
    else:
        args = ("duplicates", "--jobs", "1", str(RU_DIR), str(LT_DIR))
    # NOTE: numpy is blocked for duplicates (it would use it when installed); the others are
    # only watched: check and report must not even try them.
    block = ("numpy",) if command == "duplicates" else ()
    code, _, err, modules = run(*args, block=block, cwd=tmp_path)
    assert code in (0, 1), err[-2000:]
    assert "Traceback" not in err
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))
    if command != "duplicates":
        assert "pymorphy3" in modules  # the run did lint Russian (a real check)
    if command == "report":
        assert (tmp_path / "r.html").stat().st_size > 1000


def test_duplicates_is_the_same_without_numpy(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    # NOTE: one process, so that the modules seen are those of the process that signs
    args = ("duplicates", "--jobs", "1", "--output-format", "json", "--threshold", "0.3",
            str(RU_DIR), str(LT_DIR))
    _, with_numpy, _, modules = run(*args, cwd=tmp_path)
    assert "numpy" in modules
    _, without, _, modules = run(*args, block=("numpy",), cwd=tmp_path)
    assert "numpy" not in modules
    assert json.loads(with_numpy) == json.loads(without)
    assert json.loads(without)["instructions"] > 5


def test_spacy_tokenizer_without_spacy_names_the_extra(tmp_path: Path) -> None:
    code, out, err, _modules = run("check", "--no-cache", str(RU_TXT), block=("spacy",),
                                  cwd=tmp_path, env={"JDLINT_TOKENIZER": "spacy"})
    assert code == 2
    assert "jdlint[spacy]" in err and "Traceback" not in err
    assert out == ""


def test_lithuanian_lemmas_need_no_lookup_package(tmp_path: Path) -> None:
    code, _, err, _modules = run("check", "--no-cache", "--jobs", "1", str(LT_DIR),
                                block=("spacy_lookups_data", "spacy"), cwd=tmp_path)
    assert code in (0, 1), err[-2000:]
    assert "Traceback" not in err
    from jdlint.nlp import lithuanian

    assert lithuanian.data_path().is_relative_to(ROOT / "jdlint")
