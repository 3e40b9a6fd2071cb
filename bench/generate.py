"""Generate realistic job descriptions for the benchmarks: RU and LT, DOCX and TXT, 2-10 pages,
each with a few planted defects.

    python bench/generate.py OUT_DIR [--count 1000] [--seed 1] [--docx-share 0.5]

Each document starts from one of the instruction sources in ``corpus/src`` (the manifest's
``kind: instruction`` entries), is stretched to a drawn length of 2-10 pages (about 350 words
a page) with duty clauses borrowed from the other sources of the same language, renumbered to
continue the duties section, and gets 1-3 planted defects: a fine or pay cut, a template
placeholder, a repealed act, a numbering gap, a duplicated duty. DOCX files are written by
:func:`jdlint.testing.docxbuild.text_to_docx` (real Word auto-numbering), TXT files in UTF-8
or the language's legacy code page (CP1251 / Windows-1257) with CRLF. Generation uses every
core; the same seed gives the same files.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "corpus" / "src"
WORDS_PER_PAGE = 350
CLAUSE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")

DEFECTS = {
    "ru": [
        "За нарушение сроков подготовки отчётов работнику назначается штраф в размере 5000 "
        "рублей.",
        "Работник несёт полную материальную ответственность за всё имущество ООО «ХХХ».",
        "В своей деятельности руководствуется Кодексом законов о труде РФ.",
        "При невыполнении плана продаж премия не выплачивается в полном объёме.",
        "Ознакомлен с приказом (Ф.И.О.) ____________.",
    ],
    "lt": [
        "Už pavėluotai pateiktas ataskaitas darbuotojui skiriama 100 eurų bauda.",
        "Darbuotojas atsako visa materialine atsakomybe už visą UAB „XXX“ turtą.",
        "Vadovaujasi 2002 m. Darbo kodeksu ir kitais teisės aktais.",
        "Nevykdant pardavimų plano, priedas neišmokamas.",
    ],
}


@dataclass(frozen=True)
class Source:
    name: str
    lang: str
    lines: tuple[str, ...]


def sources() -> list[Source]:
    """The instruction sources of the corpus, from its manifest."""
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text(encoding="utf-8"))
    out = []
    for entry in manifest:
        if entry.get("kind") != "instruction":
            continue
        text = (SRC / f"{entry['name']}.txt").read_text(encoding="utf-8")
        out.append(Source(entry["name"], entry["lang"], tuple(text.splitlines())))
    return out


def _duties(lines: tuple[str, ...]) -> tuple[int, int, int]:
    """(section number, last clause number, line index after it) of the longest section."""
    counts: dict[int, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        m = CLAUSE.match(line)
        if m:
            counts.setdefault(int(m.group(1)), []).append((int(m.group(2)), i))
    if not counts:
        return 0, 0, len(lines)
    section, items = max(counts.items(), key=lambda kv: len(kv[1]))
    last, index = max(items)
    return section, last, index + 1


def compose(base: Source, pool: list[str], rng: random.Random) -> str:
    """``base`` stretched to 2-10 pages with clauses from ``pool`` and 1-3 planted defects."""
    pages = rng.choice([2, 3, 4, 4, 4, 5, 6, 8, 10])
    lines = list(base.lines)
    section, last, at = _duties(base.lines)
    words = sum(len(line.split()) for line in lines)
    extra: list[str] = []
    borrowed = rng.sample(pool, len(pool))  # each borrowed clause at most once
    while words < pages * WORDS_PER_PAGE and borrowed:
        body = borrowed.pop()
        extra.append(body)
        words += len(body.split())
    defects = rng.sample(DEFECTS[base.lang], rng.randint(1, 3))
    for defect in defects:
        extra.insert(rng.randint(0, len(extra)), defect)
    if extra and rng.random() < 0.5:
        extra.insert(rng.randint(0, len(extra)), extra[0])  # a duplicated duty
    numbered = []
    n = last
    for body in extra:
        n += 2 if rng.random() < 0.03 else 1  # the odd numbering gap
        numbered.append(f"{section}.{n}. {body}" if section else body)
    return "\n".join(lines[:at] + numbered + lines[at:]) + "\n"


def _write(job: tuple[Path, int, int, float]) -> Path:
    from jdlint.testing.docxbuild import text_to_docx

    folder, index, seed, docx_share = job
    rng = random.Random(seed * 1_000_003 + index)
    all_sources = sources()
    base = all_sources[index % len(all_sources)]
    pool = [m.group(3) for s in all_sources if s.lang == base.lang and s.name != base.name
            for line in s.lines if (m := CLAUSE.match(line)) and len(m.group(3)) > 40]
    text = compose(base, pool, rng)
    stem = f"{index:05d}_{base.name}"
    if rng.random() < docx_share:
        path = folder / f"{stem}.docx"
        path.write_bytes(text_to_docx(text))
    else:
        path = folder / f"{stem}.txt"
        legacy = "cp1251" if base.lang == "ru" else "cp1257"
        if rng.random() < 0.3:
            path.write_bytes(text.replace("\n", "\r\n").encode(legacy, errors="replace"))
        else:
            path.write_text(text, encoding="utf-8")
    return path


def generate(folder: Path, count: int, *, seed: int = 1, docx_share: float = 0.5,
             start: int = 0) -> list[Path]:
    """Write documents ``start`` … ``start + count - 1`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder, i, seed, docx_share) for i in range(start, start + count)]
    if count < 50:
        return [_write(job) for job in jobs]
    with multiprocessing.get_context("spawn").Pool() as pool:
        return pool.map(_write, jobs, chunksize=25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--docx-share", type=float, default=0.5)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.count, seed=args.seed, docx_share=args.docx_share)
    print(f"{len(paths)} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
