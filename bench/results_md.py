"""``bench/RESULTS.md`` from what ``bench/run.py`` measured: the budgets' verdicts, the tables,
the profile, the appendices and the hand-written ``bench/ANALYSIS.md``."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from measure import ROOT, Run, machine, spread

__all__ = ["BUDGET", "Measured", "render"]

BUDGET = {"docx_per_s": 100.0, "ratio": 2.5, "cold_s": 0.35, "proc_mb": 250.0,
          "flat": 1.25, "dup_s": 300.0, "dup_mb": 1024.0}


def _rate(runs: Sequence[Run], n: int) -> str:
    return ", ".join(f"{n / r.wall:.1f}" for r in runs)


def _row(name: str, runs: Sequence[Run], n: int) -> str:
    med = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return (f"| {name} | {_rate(runs, n)} | {1000 * med / n:.1f} | {1000 * cpu / n:.1f} | "
            f"{max(r.proc_mb for r in runs):.0f} | {max(r.tree_mb for r in runs):.0f} |")



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
    planned: tuple[Run, Run]  # plan only (--show-files) over the largest size and 10 × it
    appendices: Sequence[tuple[str, str]]
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
    # NOTE: 10 × the largest run, estimated: its time per document, and its memory plus what
    # the plan of 10 × the files measured more (every process holds the plan: parent and the
    # two workers forked from it)
    small, large = m.planned
    plan_more = max(0.0, large.proc_mb - small.proc_mb)
    far = 10 * sizes[-1]
    far_proc = scaling[sizes[-1]].proc_mb + plan_more
    far_tree = scaling[sizes[-1]].tree_mb + 3 * plan_more

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
        f"| peak RSS of any process ≤ {BUDGET['proc_mb']:.0f} MB | {proc_peak:.0f} MB; "
        f"{far:,} files estimated {far_proc:.0f} MB | "
        f"{ok(max(proc_peak, far_proc) <= BUDGET['proc_mb'])} |",
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
        f"| {far:,} (estimate) | {scaling[sizes[-1]].wall * 10:.0f} | | | "
        f"{far_proc:.0f} | {far_tree:.0f} |", "",
        f"The {far:,} row: {sizes[-1]:,}'s time × 10, and its memory plus what planning "
        f"{far:,} files costs more than planning {sizes[-1]:,} (`jdlint check --show-files` "
        f"over hard links to the corpus: {small.proc_mb:.0f} → {large.proc_mb:.0f} MB, "
        f"{1024 * plan_more / (far - sizes[-1]):.2f} KB a file), which the parent holds for "
        "the whole run and each worker inherits when it is forked.", "",
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
    for title, body in m.appendices:
        lines += [f"## {title}", "", body, ""]
    analysis = ROOT / "bench" / "ANALYSIS.md"
    if analysis.exists():  # the hand-written note on the budgets survives regeneration
        lines += [analysis.read_text(encoding="utf-8")]
    return "\n".join(lines)
