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
  largest process must stay flat; 100,000 is estimated from it;
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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, Run, corpus, load, machine, spread, timed

JDLINT = [sys.executable, "-m", "jdlint"]
BUDGET = {"docx_per_s": 100.0, "ratio": 2.5, "cold_s": 0.35, "proc_mb": 250.0,
          "flat": 1.25, "dup_s": 300.0, "dup_mb": 1024.0}
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


def _rate(runs: Sequence[Run], n: int) -> str:
    return ", ".join(f"{n / r.wall:.1f}" for r in runs)


def _row(name: str, runs: Sequence[Run], n: int) -> str:
    med = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return (f"| {name} | {_rate(runs, n)} | {1000 * med / n:.1f} | {1000 * cpu / n:.1f} | "
            f"{max(r.proc_mb for r in runs):.0f} | {max(r.tree_mb for r in runs):.0f} |")


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
    text = render(Measured(quick, batch, sample, (load_before, load_after), colds, through,
                           scaling, cpu, prof, extra, files, cpu_real, cold_notes))
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _real_rows(cpu: dict[str, list[float]]) -> list[str]:
    if not cpu:
        return []
    ratio = statistics.median(cpu["docx"]) / statistics.median(cpu["bare"])
    return [
        "## CPU per document on real documents (`../shared/wild/docs`, in-process, warm)", "",
        "| step | ms per document, each pass |", "| --- | --- |",
        f"| python-docx `Document()` + paragraph texts (DOCX) | "
        f"{', '.join(f'{1000 * x:.2f}' for x in cpu['bare'])} |",
        f"| `jdlint check --jobs 1` of the same DOCX | "
        f"{', '.join(f'{1000 * x:.1f}' for x in cpu['docx'])} |",
        f"| `jdlint check --jobs 1` of the TXT | "
        f"{', '.join(f'{1000 * x:.1f}' for x in cpu['txt'])} |",
        f"| ratio DOCX / python-docx (medians) | {ratio:.2f} |", ""]


@dataclass(frozen=True)
class Measured:
    """Everything one run measured, for the report."""

    quick: bool
    batch: int
    sample: int
    loads: tuple[str, str]
    colds: dict[str, list[float]]
    through: dict[str, list[Run]]
    scaling: dict[int, Run]
    cpu: dict[str, list[float]]
    prof: str
    extra: dict[str, dict[str, float] | str]
    files: Sequence[Path]
    cpu_real: dict[str, list[float]]
    cold_notes: Sequence[str] = ()


def render(m: Measured) -> str:
    quick, batch, sample, files = m.quick, m.batch, m.sample, m.files
    (load_before, load_after), colds, through = m.loads, m.colds, m.through
    scaling, cpu, prof, extra = m.scaling, m.cpu, m.prof, m.extra
    med = {k: statistics.median(v) for k, v in cpu.items()}
    ratio = med["docx"] / med["bare"]
    cold_med = statistics.median(colds["jdlint check one.docx"])
    real_cold = ""
    if "jdlint check real.docx" in colds:
        real_cold = (f"; a real DOCX with new words "
                     f"{statistics.median(colds['jdlint check real.docx']):.3f} s")
    docx_rate = statistics.median(batch / r.wall for r in through["DOCX, `--jobs 2`"])
    txt_rate = statistics.median(batch / r.wall for r in through["TXT, `--jobs 2`"])
    runs = [r for rs in through.values() for r in rs] + list(scaling.values())
    proc_peak = max(r.proc_mb for r in runs)
    sizes = sorted(scaling)
    per_doc = {n: scaling[n].cpu / n for n in sizes}
    growth = per_doc[sizes[-1]] / per_doc[sizes[1]]
    mem_growth = scaling[sizes[-1]].proc_mb / scaling[sizes[1]].proc_mb

    def ok(flag: bool) -> str:
        return "holds" if flag else "**missed**"

    rows = [
        f"| ≥ {BUDGET['docx_per_s']:.0f} DOCX/s on 2 cores ({batch} DOCX, JSON) | "
        f"{docx_rate:.1f} docs/s | {ok(docx_rate >= BUDGET['docx_per_s'])} |",
        f"| CPU per DOCX ≤ {BUDGET['ratio']} × python-docx | {1000 * med['docx']:.1f} ms vs "
        f"{1000 * med['bare']:.2f} ms: {ratio:.2f} × | {ok(ratio <= BUDGET['ratio'])} |",
        f"| TXT at least as fast per document as DOCX (same texts) | CPU "
        f"{1000 * med['txt']:.1f} vs "
        f"{1000 * med['docx']:.1f} ms; {txt_rate:.1f} vs {docx_rate:.1f} docs/s | "
        f"{ok(med['txt'] <= med['docx'])} |",
        f"| cold `jdlint check one.docx` ≤ {BUDGET['cold_s']} s | {cold_med:.3f} s (median of "
        f"{len(colds['jdlint check one.docx'])}{real_cold}) | "
        f"{ok(cold_med <= BUDGET['cold_s'])} |",
        f"| peak RSS of any process ≤ {BUDGET['proc_mb']:.0f} MB | {proc_peak:.0f} MB | "
        f"{ok(proc_peak <= BUDGET['proc_mb'])} |",
        f"| time per document flat {sizes[1]:,} → {sizes[-1]:,} (CPU; largest process) | "
        f"× {growth:.2f}; × {mem_growth:.2f} | "
        f"{ok(growth <= BUDGET['flat'] and mem_growth <= BUDGET['flat'])} |",
    ]
    dup = extra.get("duplicates")
    if isinstance(dup, dict):
        good = dup["wall"] <= BUDGET["dup_s"] and dup["peak"] <= BUDGET["dup_mb"]
        rows.append(f"| `jdlint duplicates` over {dup['size']:,.0f} ≤ 5 min, ≤ 1 GB | "
                    f"{dup['wall']:.0f} s, {dup['peak']:.0f} MB (tree) | {ok(good)} |")
    rep = extra.get("report")
    if isinstance(rep, dict):
        rows.append(f"| `jdlint report` over {rep['size']:,.0f} documents, documents not "
                    f"held | {rep['wall']:.0f} s, largest process {rep['proc_mb']:.0f} MB | "
                    f"{ok(rep['proc_mb'] <= BUDGET['proc_mb'])} |")
    elif isinstance(rep, str):
        rows.append(f"| `jdlint report` over {batch:,} | not measured: {rep} | **missed** |")
    n_docx = sum(1 for f in files if f.suffix == ".docx")
    lines = [
        "# Benchmark results", "",
        f"Produced by `python bench/run.py{' --quick' if quick else ''}` on "
        f"{time.strftime('%Y-%m-%d %H:%M')}.", "",
        f"Machine: {machine()}. Load average (1/5/15 min) before: {load_before}; after: "
        f"{load_after}. The machine is shared with other work; wall-clock figures move with it, "
        "CPU figures less; the spread of each repeated figure is given.", "",
        f"Documents: `bench/generate.py`, {len(files):,} generated ({n_docx:,} DOCX; RU and LT, "
        "2-10 pages, planted defects). Every run: `--no-cache`, all default rules, JSON output "
        "to /dev/null.", "",
        "## Budgets (issue 19)", "",
        "| budget | measured | verdict |", "| --- | --- | --- |", *rows, "",
        "## Throughput", "",
        f"{batch:,} documents per run; CPU is the whole process tree's (parent and workers).", "",
        "| set | docs/s per run | wall ms/doc | CPU ms/doc | largest process MB | tree MB |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        *(_row(name, rs, batch) for name, rs in through.items()), "",
        f"## CPU per document, in-process ({sample} DOCX and their TXT twins, warm, one core)",
        "",
        "| step | ms per document, each pass |", "| --- | --- |",
        f"| python-docx `Document()` + paragraph texts (DOCX) | "
        f"{', '.join(f'{1000 * x:.2f}' for x in cpu['bare'])} |",
        f"| `jdlint check --jobs 1` of the same DOCX (read, structure, rules, JSON) | "
        f"{', '.join(f'{1000 * x:.1f}' for x in cpu['docx'])} |",
        f"| `jdlint check --jobs 1` of their TXT twins (the same texts) | "
        f"{', '.join(f'{1000 * x:.1f}' for x in cpu['txt'])} |",
        f"| ratio DOCX / python-docx (medians) | {ratio:.2f} |", "",
        *_real_rows(m.cpu_real),
        "## Cold start (fresh process each run, wall seconds)", "",
        "`jdlint check one.docx` is a user's next run on a file it has not seen: the cache "
        "folder holds what a first run over other documents wrote (the rule catalogue and the "
        "word store, put back before every run). `--no-cache` reads and writes neither. "
        "`real.docx` is the same on the last real DOCX of `../shared/wild`, after a run over "
        "the others: its new words load pymorphy3.", "",
        *(f"* {note}" for note in m.cold_notes), "",
        "| command | runs |", "| --- | --- |",
        *(f"| `{name}` | {spread(v)} |" for name, v in colds.items()), "",
        "## Scaling (mixed DOCX and TXT, `--jobs 2`)", "",
        "| documents | wall s | wall ms/doc | CPU ms/doc | largest process MB | tree MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        *(f"| {n:,} | {r.wall:.1f} | {1000 * r.wall / n:.1f} | {1000 * r.cpu / n:.1f} | "
          f"{r.proc_mb:.0f} | {r.tree_mb:.0f} |" for n, r in scaling.items()),
        f"| 100,000 (estimate: {sizes[-1]:,} × {100_000 // sizes[-1]}) | "
        f"{scaling[sizes[-1]].wall * 100_000 / sizes[-1]:.0f} | | | "
        f"{scaling[sizes[-1]].proc_mb:.0f} | {scaling[sizes[-1]].tree_mb:.0f} |", "",
    ]
    if isinstance(dup, dict) or isinstance(rep, dict):
        lines += ["## Archive scale", "", "| command | documents | wall s | docs/s | largest "
                  "process MB | tree MB |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for name, got in (("duplicates", dup), ("report", rep)):
            if isinstance(got, dict):
                lines.append(f"| `jdlint {name}` | {got['size']:,.0f} | {got['wall']:.1f} | "
                             f"{got['size'] / got['wall']:.0f} | {got['proc_mb']:.0f} | "
                             f"{got['peak']:.0f} |")
        lines.append("")
    lines += [f"## Profile: in-process `jdlint check` of {30 if quick else 100} documents", "",
              "```", prof, "```", ""]
    if not quick:
        lines += ["## Appendix A: reading and structure (`bench/reading.py`)", "",
                  appendix("reading.py", ["--docs", "200"]), "",
                  "## Appendix B: NLP layer (`bench/nlp.py`)", "", appendix("nlp.py", []), ""]
    analysis = ROOT / "bench" / "ANALYSIS.md"
    if analysis.exists():  # the hand-written note on the budgets survives regeneration
        lines += [analysis.read_text(encoding="utf-8")]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
