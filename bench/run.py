"""The benchmark: one command that measures the budgets of issue 19 and writes bench/RESULTS.md.

    python bench/run.py [--quick] [--no-archive] [--out bench/RESULTS.md] [--work bench/out]

Measured on documents from ``bench/generate.py`` (RU and LT, half DOCX, half TXT, 2-10 pages,
planted defects; generated once into ``--work`` and reused), every run ``--no-cache``, all
default rules, JSON output written to /dev/null, in one run against python-docx on the same
files:

* throughput over 1,000 DOCX and over 1,000 TXT with ``--jobs 2`` (and DOCX with ``--jobs 1``):
  wall clock, CPU of the process tree, peak RSS of the largest process and of the tree;
* CPU per document in-process (warm, one core): python-docx's ``Document()`` + paragraph
  texts, ``jdlint check`` of the same DOCX, ``jdlint check`` of the TXT;
* cold ``jdlint check one.docx`` (a fresh process, median of 10; a file the cache folder has
  not seen, after a run over 50 other documents) against ``python -c pass`` and
  ``python -c "import docx"``;
* scaling 100 → 1,000 → 10,000 mixed documents (``--jobs 2``): the time per document and the
  largest process must stay flat; 100,000 is estimated from it and from the plan's memory
  per file, measured by planning 10,000 and 100,000 hard-linked files (``bench/planmem.py``);
* unless ``--no-archive``: ``jdlint duplicates`` over 100,000 generated documents
  (``bench/duplicates_cli.py``) and ``jdlint report`` over 1,000 (``bench/report_scale.py``);
* a cProfile of in-process linting and, unless ``--quick``, the reading and NLP benchmarks as
  appendices, then the hand-written ``bench/ANALYSIS.md``.

The machine, its load average before and after and the spread of every repeated figure are
recorded: on a shared machine the CPU figures move less than the wall clock.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, Run, corpus, load, timed
from planmem import plan_growth
from results_md import Measured, render

JDLINT = [sys.executable, "-m", "jdlint"]
CHECK = ["check", "--no-cache", "--no-progress", "--output-format", "json"]


def check_cmd(files: Sequence[Path], jobs: int | None) -> list[str]:
    cmd = [*JDLINT, *CHECK]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return cmd + [str(f) for f in files]


def cold(scenarios: Sequence[tuple[str, Path, Sequence[Path]]], runs: int
         ) -> tuple[dict[str, list[float]], list[str]]:
    """Fresh processes, wall seconds, and a line per scenario on what the word store held.

    For each scenario ``(label, one, others)`` jdlint runs as a user's next run on a file it
    has not seen: a first run over ``others`` (not ``one``) has filled a cache folder as a
    user's earlier runs would: the parsed rule catalogue (``catalogue.json``) and the word store
    (``words/``: pymorphy3's answers for the words it met, ``jdlint.nlp.wordstore``). Before
    every measured run the result entries are removed, so the file is linted, and the word
    store is put back as that first run left it, so no run profits from the one before. The
    first scenario's file is also checked with ``--no-cache`` (neither is read)."""
    cmds = {"python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import docx'": [sys.executable, "-c", "import docx"]}
    caches: dict[str, Path] = {}
    for n, (label, one, _others) in enumerate(scenarios):
        cache = caches[label] = Path(tempfile.mkdtemp(prefix="jdlint-cold-"))
        cmds[f"jdlint check {label}"] = [*JDLINT, "check", "--cache-dir", str(cache),
                                         "--output-format", "json", str(one)]
        if n == 0:
            cmds[f"jdlint check --no-cache {label}"] = check_cmd([one], None)
    out: dict[str, list[float]] = {name: [] for name in cmds}
    for cmd in cmds.values():
        timed(cmd)  # writes the bytecode a user's first run writes
    for label, _one, others in scenarios:
        cache = caches[label]
        shutil.rmtree(cache)
        timed([*JDLINT, "check", "--cache-dir", str(cache), "--no-progress",
               "--output-format", "json", *map(str, others)])
        shutil.copytree(cache / "words", cache / "words.primed")
    for _ in range(runs):
        for name, cmd in cmds.items():
            for cache in caches.values():
                shutil.rmtree(cache / "v2", ignore_errors=True)
                shutil.rmtree(cache / "words", ignore_errors=True)
                shutil.copytree(cache / "words.primed", cache / "words")
            out[name].append(timed(cmd).wall)
    notes = []
    for label, _one, others in scenarios:
        cache = caches[label]
        primed, added = _stored(cache / "words.primed"), _stored(cache / "words")
        notes.append(f"{label}: word store primed by a run over {len(others)} other documents, "
                     f"{primed:,} answers; a run of {label} adds {added - primed}")
        shutil.rmtree(cache, ignore_errors=True)
    return out, notes


def _stored(folder: Path) -> int:
    """Answers held by the word store(s) in ``folder``."""
    import json

    return sum(len(answers) for path in folder.glob("*.json")
               for answers in json.loads(path.read_text(encoding="utf-8"))["kinds"].values())


def in_process(docx_files: Sequence[Path], txt_files: Sequence[Path],
               passes: int) -> dict[str, list[float]]:
    """CPU seconds per document, warm, one process: python-docx, jdlint on DOCX, on TXT."""
    import docx
    from click.testing import CliRunner

    from jdlint.cli import cli

    args = [*CHECK, "--jobs", "1", "-o", "/dev/null", "--exit-zero"]
    CliRunner().invoke(cli, [*args, str(docx_files[0]), str(txt_files[0])])  # warm
    out: dict[str, list[float]] = {"bare": [], "docx": [], "txt": []}
    for _ in range(passes):
        start = time.process_time()
        for path in docx_files:
            document = docx.Document(str(path))
            for paragraph in document.paragraphs:
                _ = paragraph.text
        out["bare"].append((time.process_time() - start) / len(docx_files))
        for key, files in (("docx", docx_files), ("txt", txt_files)):
            start = time.process_time()
            result = CliRunner().invoke(cli, [*args, *map(str, files)])
            out[key].append((time.process_time() - start) / len(files))
            assert result.exit_code == 0, result.output[-500:]
    return out


def twins(work: Path, docx_files: Sequence[Path]) -> list[Path]:
    """A TXT file with the same generated text for each DOCX of ``bench/generate.py``."""
    from generate import _write

    folder = work / "twins"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in docx_files:
        twin = folder / f"{path.stem}.txt"
        if not twin.exists():
            # NOTE: the same index and seed compose the same text; share 0 makes it a TXT
            written = _write((folder, int(path.name[:5]), 1, 0.0))
            assert written == twin, (written, twin)
        out.append(twin)
    return out


def profile(files: Sequence[Path], top: int = 18) -> str:
    from click.testing import CliRunner

    from jdlint.cli import cli

    prof = cProfile.Profile()
    prof.enable()
    CliRunner().invoke(cli, [*CHECK, "--jobs", "1", "-o", "/dev/null", *map(str, files)])
    prof.disable()
    text = io.StringIO()
    stats = pstats.Stats(prof, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    lines = [ln for ln in text.getvalue().splitlines()
             if ln.strip() and not ln.startswith(("   Ordered", "   List reduced"))]
    return "\n".join(ln.replace(str(ROOT) + "/", "") for ln in lines)


def appendix(script: str, args: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.md"
        proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args,
                               "--out", str(out)], capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not out.exists():
            return f"`bench/{script}` failed: {proc.stderr[-500:]}"
        body = out.read_text(encoding="utf-8")
    return body.replace("\n# ", "\n### ").replace("\n## ", "\n### ").lstrip("# ")


def archive(quick: bool, files: Sequence[Path]) -> dict[str, dict[str, float] | str]:
    """``jdlint duplicates`` over 100,000 generated documents, ``jdlint report`` over 1,000."""
    out: dict[str, dict[str, float] | str] = {}
    import duplicates_cli

    size = 1000 if quick else 100_000
    print(f"duplicates over {size} …", flush=True)
    out["duplicates"] = duplicates_cli.measure(size, 2)
    try:
        import report_scale
    except ImportError:
        out["report"] = "bench/report_scale.py is missing"
    else:
        print("report …", flush=True)
        row = report_scale.measure(list(files[:100 if quick else 1000]), jobs=2)
        out["report"] = {"size": row["documents"], "wall": row["wall_s"],
                         "proc_mb": row["peak_rss_process_mb"],
                         "peak": row["peak_rss_tree_mb"], "html_mb": row["html_mb"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--quick", action="store_true", help="smaller sets, no appendices")
    parser.add_argument("--no-archive", action="store_true",
                        help="skip `jdlint duplicates` over 100,000 and `jdlint report`")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = [20, 100, 400] if quick else [100, 1000, 10_000]
    batch = 100 if quick else 1000
    repeats = 1 if quick else 2
    load_before = load()
    files = corpus(args.work, max([*sizes, 2 * batch + 200]))
    docx_all = [f for f in files if f.suffix == ".docx"][:batch]
    txt_all = [f for f in files if f.suffix == ".txt"][:batch]
    one = docx_all[3]

    print("cold runs …", flush=True)
    real = ROOT.parent / "shared" / "wild" / "docs"
    scenarios: list[tuple[str, Path, Sequence[Path]]] = [
        ("one.docx", one, [f for f in files[:60] if f != one][:50])]
    real_docx = sorted(real.glob("*.docx")) if real.is_dir() else []
    if len(real_docx) > 10:
        # NOTE: a real document's words are mostly not in a store primed by other real ones
        scenarios.append(("real.docx", real_docx[-1], real_docx[:-1]))
    colds, cold_notes = cold(scenarios, 3 if quick else 10)
    print("throughput …", flush=True)
    through: dict[str, list[Run]] = {"DOCX, `--jobs 2`": [], "TXT, `--jobs 2`": [],
                                     "DOCX, `--jobs 1`": []}
    for n in range(repeats):
        through["DOCX, `--jobs 2`"].append(timed(check_cmd(docx_all, 2)))
        through["TXT, `--jobs 2`"].append(timed(check_cmd(txt_all, 2)))
        if n == 0:
            through["DOCX, `--jobs 1`"].append(timed(check_cmd(docx_all, 1)))
    print("scaling …", flush=True)
    scaling = {n: timed(check_cmd(files[:n], 2)) for n in sizes}
    # NOTE: the parent plans the whole batch before it forks its workers, so the plan's
    # memory per file is in every process: measured up to 10 × the largest scaling run
    print("plan memory …", flush=True)
    planned = plan_growth(JDLINT, args.work, files[:sizes[-1]], sizes[-1], 10 * sizes[-1])
    print("in-process CPU …", flush=True)
    sample = 40 if quick else 200
    # NOTE: TXT against DOCX on the same texts: each DOCX of the sample has a TXT twin, the
    # text the generator composed for it written as a TXT file (legacy code pages included)
    cpu = in_process(docx_all[:sample], twins(args.work, docx_all[:sample]),
                     1 if quick else 3)
    cpu_real: dict[str, list[float]] = {}
    if real.is_dir() and not quick:
        # NOTE: the generated DOCX all carry python-docx's template (a 350 KB styles part that
        # jdlint parses once per process); real documents each have their own
        print("in-process CPU, real documents …", flush=True)
        cpu_real = in_process(sorted(real.glob("*.docx")), sorted(real.glob("*.txt")), 3)
    print("profile …", flush=True)
    prof = profile(files[:30] if quick else files[:100])
    extra = {} if args.no_archive else archive(quick, files)
    load_after = load()
    appendices = [] if quick else [
        ("Appendix A: reading and structure (`bench/reading.py`)",
         appendix("reading.py", ["--docs", "200"])),
        ("Appendix B: NLP layer (`bench/nlp.py`)", appendix("nlp.py", []))]
    text = render(Measured(quick, batch, sample, (load_before, load_after), colds, through,
                           scaling, cpu, prof, extra, files, cpu_real, planned, appendices,
                           cold_notes))
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0

if __name__ == "__main__":
    raise SystemExit(main())

