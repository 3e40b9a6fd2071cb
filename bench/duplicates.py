"""Cross-collection duplicate search (``jdlint.collection.duplicates``) on generated collections.

    python bench/duplicates.py [--sizes 1000 10000] [--copies 0.05] [--threshold 0.7]

Each generated instruction is built from the clause pools of ``corpus/src`` (Russian and
Lithuanian, by section kind): a random title, 4-8 general clauses, 8-16 duties, 3-6 rights and
the liability clauses, each clause varied (a word dropped, two words swapped, case changed) with
some probability, so most clauses are unique but the boilerplate repeats across many
documents, as in real collections. A fraction ``--copies`` of the documents are planted
near-copies of an earlier one (a few clauses edited, one dropped, one added). The documents
are read and structured in memory (TXT); that cost is reported apart. Then measured, one
process, one core:

* ``repeated_clauses`` and ``near_copies`` (MinHash, 128 permutations, LSH): wall time
  and the peak of Python allocations during the search (tracemalloc, separate pass);
* recall of the planted near-copies, and, for sizes <= 2000, the same search by comparing every
  pair of signatures (quadratic) for the time and the pairs it finds.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from jdlint.collection.duplicates import near_copies, repeated_clauses
from jdlint.core.model import Document, SectionKind
from jdlint.readers import read_bytes, read_path
from jdlint.structure import analyse

ROOT = Path(__file__).resolve().parents[1]
HEADINGS = {
    "ru": {SectionKind.GENERAL: "Общие положения", SectionKind.DUTIES: "Должностные обязанности",
           SectionKind.RIGHTS: "Права", SectionKind.RESPONSIBILITY: "Ответственность"},
    "lt": {SectionKind.GENERAL: "BENDROSIOS NUOSTATOS",
           SectionKind.DUTIES: "ŠIAS PAREIGAS EINANČIO DARBUOTOJO FUNKCIJOS",
           SectionKind.RIGHTS: "TEISĖS", SectionKind.RESPONSIBILITY: "ATSAKOMYBĖ"},
}
TITLE = {"ru": "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ {0}", "lt": "{0} PAREIGYBĖS APRAŠYMAS"}
COUNTS = {SectionKind.GENERAL: (4, 8), SectionKind.DUTIES: (8, 16), SectionKind.RIGHTS: (3, 6),
          SectionKind.RESPONSIBILITY: (2, 4)}
POSITIONS = {"ru": ["менеджера", "бухгалтера", "кладовщика", "программиста", "секретаря",
                    "водителя", "инженера", "юриста", "экономиста", "логиста"],
             "lt": ["VADYBININKO", "BUHALTERIO", "SANDĖLININKO", "PROGRAMUOTOJO", "VAIRUOTOJO"]}


def pools() -> dict[str, dict[SectionKind, list[str]]]:
    """Clause texts of the corpus sources by language and section kind."""
    out: dict[str, dict[SectionKind, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted((ROOT / "corpus" / "src").glob("*.txt")):
        for doc in analyse(read_path(path)).documents:
            if doc.classification != "instruction" or doc.language is None:
                continue
            for section in doc.sections:
                if section.kind in COUNTS:
                    out[doc.language][section.kind].extend(
                        c.text for c in section.clauses if len(c.text.split()) >= 4
                        and not c.text.endswith(":"))
    return out


def vary(text: str, rng: random.Random, p: float = 0.3) -> str:
    """Drop a word, swap two neighbours or change the case, each with probability ``p``."""
    words = text.split()
    if len(words) > 5 and rng.random() < p:
        del words[rng.randrange(1, len(words) - 1)]
    if len(words) > 5 and rng.random() < p:
        i = rng.randrange(1, len(words) - 2)
        words[i], words[i + 1] = words[i + 1], words[i]
    out = " ".join(words)
    return out[0].lower() + out[1:] if rng.random() < p / 2 else out


def compose(lang: str, sections: dict[SectionKind, list[str]], rng: random.Random) -> str:
    lines = [TITLE[lang].format(rng.choice(POSITIONS[lang])), ""]
    for number, (kind, clauses) in enumerate(sections.items(), 1):
        lines.append(f"{number}. {HEADINGS[lang][kind]}")
        lines.extend(f"{number}.{i}. {c}" for i, c in enumerate(clauses, 1))
        lines.append("")
    return "\n".join(lines)


def generate(count: int, copies: float, seed: int = 7) -> tuple[list[str], list[tuple[int, int]]]:
    """Texts, and the planted (original, copy) index pairs."""
    rng = random.Random(seed)
    source = pools()
    texts: list[str] = []
    bodies: list[tuple[str, dict[SectionKind, list[str]]]] = []
    planted: list[tuple[int, int]] = []
    for n in range(count):
        if bodies and rng.random() < copies:
            original = rng.randrange(len(bodies))
            lang, body = bodies[original]
            body = {k: list(v) for k, v in body.items()}
            duties = body[SectionKind.DUTIES]
            for _ in range(2):
                i = rng.randrange(len(duties))
                duties[i] = vary(duties[i], rng, 1.0)
            duties.pop(rng.randrange(len(duties)))
            duties.append(rng.choice(source[lang][SectionKind.DUTIES]))
            planted.append((original, n))
        else:
            lang = "ru" if rng.random() < 0.7 else "lt"
            body = {}
            for kind, (low, high) in COUNTS.items():
                pool = source[lang][kind]
                picked = rng.sample(pool, min(len(pool), rng.randint(low, high)))
                body[kind] = [vary(c, rng) for c in picked]
        bodies.append((lang, body))
        texts.append(compose(lang, body, rng))
    return texts, planted


def documents(texts: list[str]) -> list[Document]:
    out: list[Document] = []
    for n, text in enumerate(texts):
        out.extend(analyse(read_bytes(text.encode(), None, f"gen{n:05d}.txt")).documents)
    return out


def _has_numpy() -> bool:
    import importlib.util

    return importlib.util.find_spec("numpy") is not None


def brute_force(docs: list[Document], threshold: float) -> tuple[float, int]:
    """Every pair compared on the same MinHash signatures: seconds and pairs found."""
    from jdlint.collection.duplicates import shingles
    from jdlint.collection.minhash import signature, similarity

    start = time.perf_counter()
    signatures = [signature(shingles(doc), 128) for doc in docs if shingles(doc)]
    found = sum(1 for i in range(len(signatures)) for j in range(i + 1, len(signatures))
                if similarity(signatures[i], signatures[j]) >= threshold)
    return time.perf_counter() - start, found


def measure(size: int, copies: float, threshold: float) -> dict[str, object]:
    start = time.perf_counter()
    texts, planted = generate(size, copies)
    generated = time.perf_counter() - start
    start = time.perf_counter()
    docs = documents(texts)
    analysed = time.perf_counter() - start
    clauses = sum(len(d.clauses()) for d in docs)

    start = time.perf_counter()
    import jdlint.collection.minhash  # noqa: F401  (imported once per process: reported apart)

    imported = time.perf_counter() - start
    start = time.perf_counter()
    repeated = repeated_clauses(docs, min_docs=3)
    t_repeated = time.perf_counter() - start
    start = time.perf_counter()
    groups = near_copies(docs, threshold=threshold)
    t_near = time.perf_counter() - start

    tracemalloc.start()
    repeated_clauses(docs, min_docs=3)
    near_copies(docs, threshold=threshold)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    index = {f"gen{n:05d}.txt": n for n in range(size)}
    together = set()
    for group in groups:
        members = sorted(index[d.path] for d in group.documents)
        together.update((a, b) for a in members for b in members if a < b)
    found = sum(1 for pair in planted if tuple(sorted(pair)) in together)
    row: dict[str, object] = {
        "size": size, "clauses": clauses, "generate_s": generated, "analyse_s": analysed,
        "import_s": imported,
        "repeated_s": t_repeated, "near_s": t_near, "peak_mb": peak / 2**20,
        "repeated": len(repeated), "groups": len(groups), "planted": len(planted),
        "recall": found / len(planted) if planted else 1.0,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if size <= 2000:
        row["brute_s"], row["brute_pairs"] = brute_force(docs, threshold)
        row["lsh_pairs"] = len(together)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--copies", type=float, default=0.05)
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(
        "RESULTS-duplicates.md"))
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes:
        row = measure(size, args.copies, args.threshold)
        print(row, flush=True)
        rows.append(row)
    lines = [
        "# Cross-collection duplicates: bench/duplicates.py", "",
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python "
        f"{platform.python_version()}, one process. MinHash in "
        f"{'numpy' if _has_numpy() else 'the standard library (numpy absent)'}; importing it "
        f"costs {rows[0]['import_s']:.2f} s once per process and is not in the times below. "
        "Generated TXT instructions from corpus/src "
        f"pools, {args.copies:.0%} planted near-copies; MinHash 128 permutations, word 3-gram "
        f"shingles, near-copy threshold {args.threshold:g}, repeated clauses in >= 3 files.", "",
        "| documents | clauses | read + structure | repeated_clauses | near_copies (MinHash+LSH) "
        "| search peak (tracemalloc) | process max RSS | repeated clauses found | near-copy "
        "groups | planted copies found | all-pairs on the same signatures |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        brute = (f"{r['brute_s']:.1f} s, {r['brute_pairs']} pairs (LSH: {r['lsh_pairs']})"
                 if "brute_s" in r else "not run (quadratic)")
        lines.append(
            f"| {r['size']:,} | {r['clauses']:,} | {r['analyse_s']:.1f} s | "
            f"{r['repeated_s']:.2f} s | {r['near_s']:.2f} s | {r['peak_mb']:.0f} MB | "
            f"{r['maxrss_mb']:.0f} MB | {r['repeated']} | {r['groups']} | "
            f"{r['recall']:.0%} of {r['planted']} | {brute} |")
    lines += [
        "",
        "Read: the search itself (repeated_clauses + near_copies) grows about linearly with the "
        "number of documents; comparing every pair of signatures grows with its square (at "
        "1,000 documents it already costs more than the LSH search, at 10,000 it would be about "
        "100 times the 1,000 figure). \"Planted copies found\" is the share of planted "
        "near-copies (2 duties reworded, 1 dropped, 1 added) reported in one group with their "
        "original; at 1,000 the one planted copy missed is below the threshold when every "
        "pair is compared too. Memory: the "
        "search allocates little (its peak); the process RSS is the parsed Documents of the "
        "whole collection, which `jdlint duplicates` holds in memory.",
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
