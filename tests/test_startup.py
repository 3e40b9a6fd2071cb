"""Start-up cost: commands that need no NLP never import spaCy (nor pymorphy3), the heavy
analysers are created once per process however many files are linted, and a cold check of one
DOCX loads no module it does not need (issue 19).

Each check runs jdlint in a fresh interpreter and reads the modules it imported (``-X
importtime``, or ``sys.modules`` at exit); no time is asserted (budgets are measured by
``bench/run.py`` and ``bench/cpu.py``).
"""

from __future__ import annotations

import json
import os
import shutil
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


LOADED = textwrap.dedent("""
    import atexit, json, sys
    out = sys.argv.pop(1)
    atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
    sys.argv[0] = "jdlint"
    from jdlint.entry import main
    main()
""")

# NOTE: what a cold `jdlint check one.docx` (report to a pipe) must not load (issue 19): rich
# (the plain report is written without it), the other formatters, the process pool, the
# .gitignore matcher (no folder is scanned), importlib.metadata (the pymorphy3 dictionary is
# named by path; the result cache's key reads versions through jdlint.core.distinfo), and the
# other commands' machinery; nor the text reader (and html.entities, which its markup cleaner
# needs): a DOCX is read by its own reader; nor JD402's and JD403's professional-standard
# modules, needed only by a document that claims a standard (this one does not).
NOT_FOR_ONE_DOCX = (
    "rich", "pathspec", "multiprocessing", "concurrent.futures.process", "importlib.metadata",
    "jdlint.output.textrich", "jdlint.output.sarif", "jdlint.output.junit",
    "jdlint.output.github", "jdlint.output.gitlab", "jdlint.output.concise",
    "jdlint.output.jsonlines", "jdlint.output.json", "jdlint.output.fixdiff",
    "jdlint.output.ruledocs", "jdlint.output.show", "jdlint.report.run", "spacy",
    "jdlint.readers.txt", "jdlint.readers.markup", "html",
    "jdlint.profstandards.requirements", "jdlint.profstandards.coverage",
    # NOTE: the other subcommands are imported when named (cli._LazyGroup)
    "jdlint.report.command", "jdlint.collection.command", "jdlint.profstandards.command",
    "jdlint.testing.newrule",
)


def loaded_modules(*args: str, cwd: Path) -> set[str]:
    """Every module in ``sys.modules`` when ``jdlint *args`` ends (importlib imports too, which
    ``-X importtime`` does not list)."""
    out = cwd / "modules.json"
    env = {k: v for k, v in os.environ.items()
           if k not in ("JDLINT_TOKENIZER", "JDLINT_CACHE_DIR", "FORCE_COLOR", "COLUMNS")}
    proc = subprocess.run([sys.executable, "-c", LOADED, str(out), *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120, check=False, env=env)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return set(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize("cache", [pytest.param(("--no-cache",), id="no-cache"),
                                   pytest.param((), id="cache")])
def test_cold_check_of_one_docx_loads_only_what_it_needs(tmp_path: Path,
                                                          cache: tuple[str, ...]) -> None:
    unwanted = set(NOT_FOR_ONE_DOCX)
    if not cache:
        # NOTE: the first run writes the compiled rule catalogue; the one measured reads it
        # (and lints again: the results are removed) and so never imports PyYAML
        loaded_modules("check", str(RU_DOCX), cwd=tmp_path)
        shutil.rmtree(tmp_path / ".jdlint_cache" / "v2")
        unwanted.add("yaml")
    names = loaded_modules("check", *cache, str(RU_DOCX), cwd=tmp_path)
    assert "jdlint.output.text" in names and "jdlint.engine.lint" in names  # it did lint
    loaded = sorted(n for n in names if n in unwanted or n.split(".")[0] in unwanted)
    assert loaded == []


def _langs(item: dict[str, object]) -> set[str]:
    langs = item.get("lang", ("ru", "lt"))
    return {langs} if isinstance(langs, str) else set(langs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("code", "key", "field"), [pytest.param("JD109", "superseded", "pattern"),
                                                    pytest.param("JD106", "patterns", "regex")])
@pytest.mark.parametrize(("path", "lang"), [pytest.param(RU_TXT, "ru", id="ru"),
                                            pytest.param(LT_TXT, "lt", id="lt")])
def test_patterns_of_the_other_language_are_not_compiled(
        monkeypatch: pytest.MonkeyPatch, path: Path, lang: str, code: str, key: str,
        field: str) -> None:
    # NOTE: JD109 lists ~30 superseded acts and JD106 ~15 placeholder patterns, each for one
    # language or both; a document needs only its own language's (issue 19).
    import re

    from click.testing import CliRunner

    from jdlint import ruleapi
    from jdlint.catalogue.ruledata import load_catalogue
    from jdlint.checks import placeholders
    from jdlint.cli import cli

    placeholders._compile.cache_clear()  # NOTE: compiled patterns are kept per process
    # NOTE: and JD109's entries (patterns included) once per process through ctx.compiled,
    # so an earlier test in this process may have compiled them already
    monkeypatch.setattr(ruleapi, "_COMPILED", {})
    items = load_catalogue()[code].data[key]
    foreign = {str(item[field]) for item in items if lang not in _langs(item)}
    own = {str(item[field]) for item in items if lang in _langs(item)}
    assert foreign and own
    asked: set[str] = set()
    real = re.compile

    def compile_(pattern: str, flags: int = 0) -> re.Pattern[str]:
        asked.add(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", compile_)
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--select", code, str(path)])
    assert result.exit_code in (0, 1), result.output
    assert asked and not foreign & asked
    # NOTE: an own-language pattern too is compiled only when its literal words occur in the
    # document (core.deferred: the prefilter reads the source), and most never do (issue 19)
    assert own - asked


GC = textwrap.dedent("""
    import atexit, gc, json, sys
    import jdlint.entry
    assert gc.isenabled(), "importing jdlint.entry must not turn garbage collection off"
    atexit.register(lambda: print(json.dumps([gc.isenabled(), gc.get_freeze_count()])))
    sys.argv[0] = "jdlint"
    jdlint.entry.main()
""")


def test_modules_load_without_garbage_collection_which_then_runs(tmp_path: Path) -> None:
    # NOTE: the start-up objects are frozen, not collected again and again (issue 19); the
    # run itself still collects.
    proc = subprocess.run([sys.executable, "-c", GC, "check", "--no-cache", str(RU_TXT)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    enabled, frozen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert enabled and frozen > 10_000


def test_fix_patterns_of_jdlints_own_rules_are_not_compiled_at_load(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # NOTE: ~35 fix patterns were compiled by every process as validation (issue 19); the
    # bundled ones are checked by tests/test_rulefix.py, a house rule's still at load.
    import re

    from jdlint.catalogue import ruledata, rulefix

    asked: list[str] = []
    real = re.compile

    def compile_(pattern: str, flags: int = 0) -> re.Pattern[str]:
        asked.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", compile_)
    rulefix._compiled.cache_clear()
    catalogue = ruledata._load.__wrapped__(ruledata.rules_dir().resolve())
    sources = {e.regex for m in catalogue.values() for es in m.fix.values() for e in es}
    sources.discard(None)
    assert len(sources) > 10 and not sources & set(asked)


FIRST_FILE_GC = textwrap.dedent("""
    import gc, json, sys
    import jdlint.entry
    from jdlint.run import gcwindow  # NOTE: imports nothing else: the check loads the rest

    seen = []
    settle, open_window = gcwindow.settle, gcwindow.open_window

    def open_gc_window():
        open_window()
        seen.append(gc.get_stats()[0]["collections"])

    def settle_gc():
        if len(seen) == 1:
            seen.append(gc.get_stats()[0]["collections"] - seen[0])
            seen.append(gc.get_threshold()[0])
        settle()

    gcwindow.settle, gcwindow.open_window = settle_gc, open_gc_window
    sys.argv[0] = "jdlint"
    try:
        jdlint.entry.main()
    finally:
        print(json.dumps([*seen[1:], gc.get_threshold()[0], "jdlint.run.parallel" in sys.modules]))
""")


def test_a_check_collects_no_first_generation_before_its_first_file_is_settled(
        tmp_path: Path) -> None:
    # NOTE: the rule modules, analysers and rule data loaded for the first file live until
    # exit; at the default threshold (700) they were walked ~70 times before being frozen
    # (issue 19). After the first file the usual threshold applies.
    from jdlint.run import gcwindow

    proc = subprocess.run([sys.executable, "-c", FIRST_FILE_GC, "check", "--no-cache",
                           str(RU_DOCX)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    collections, during, after, linted = json.loads(proc.stdout.strip().splitlines()[-1])
    assert linted
    assert collections == 0 and during == gcwindow.START_FIRST_GENERATION
    assert after == gcwindow.FIRST_GENERATION


COMPILED = textwrap.dedent("""
    import dataclasses, json, sys
    import jdlint.entry

    made = []
    real = dataclasses._process_class

    def process_class(cls, init, repr, eq, *args):
        if cls.__module__.startswith("jdlint."):
            made.append([cls.__qualname__, repr, eq])
        return real(cls, init, repr, eq, *args)

    dataclasses._process_class = process_class
    sys.argv[0] = "jdlint"
    try:
        jdlint.entry.main()
    finally:
        print(json.dumps(made))
""")


def test_a_cold_check_compiles_no_comparison_or_repr_source_for_jdlints_dataclasses(
        tmp_path: Path) -> None:
    # NOTE: jdlint.core.records shares __eq__, __hash__ and __repr__ among all of jdlint's
    # dataclasses; compiled per class they were ~40 % of the dataclass source a cold check
    # compiled (issue 19)
    proc = subprocess.run([sys.executable, "-c", COMPILED, "check", "--no-cache", str(RU_DOCX)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    made = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(made) > 50
    assert [m for m in made if m[1] or m[2]] == []


NOT_AT_START = textwrap.dedent("""
    import json, re, sys
    import jdlint.entry

    asked = []
    real = re._compile

    def compile_(pattern, flags):
        asked.append(str(pattern))
        return real(pattern, flags)

    re._compile = compile_
    sys.argv[0] = "jdlint"
    try:
        jdlint.entry.main()
    finally:
        from jdlint.checklib import jurisdiction
        from jdlint.nlp import disguise
        from jdlint.run import scan
        lazy = [scan.NOT_JD_TXT, disguise._SUSPECT, disguise._LATIN,
                *jurisdiction._MARKERS["lt"].values()]
        from jdlint.checklib import phrase_context
        from jdlint.profstandards import detect
        lazy += [detect._TF_CODE, detect._OTF_CODE, phrase_context._LAW]
        print(json.dumps([asked, *(getattr(p, "pattern", p) for p in lazy)]))
""")


def test_a_cold_check_does_not_compile_patterns_a_clean_document_never_runs(
        tmp_path: Path) -> None:
    # NOTE: the names of TXT files a folder scan skips, the disguise tests after ``may_hide``
    # said yes, the jurisdiction markers of the other language, the codes of a professional
    # standard's functions, a quoted law's citation words, and a prefilter's one-scan test
    # (issue 19: ~10 ms of compiles at start)
    proc = subprocess.run([sys.executable, "-c", NOT_AT_START, "check", "--no-cache",
                           str(RU_DOCX)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    asked, *lazy = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(asked) > 100  # NOTE: the hook saw the run's compiles
    assert not set(lazy) & set(asked)
    # NOTE: of the prefilters' one-scan tests (JD106, JD109, JD213, the jurisdiction's; ~6 were
    # compiled) only JD213's admitting words are asked, of a block naming minors
    assert len([p for p in asked if p.endswith(literals_alien_lower())]) <= 1


def literals_alien_lower() -> str:
    from jdlint.core import literals

    return "|" + literals._ALIEN_LOWER
